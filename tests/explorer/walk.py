"""Driving the explorer in headless Chromium: open a page and wait until it is drawn,
type into the search box, follow a statement to its sentence, run axe-core."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from browser import Browser
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("KG_AXE", ROOT / ".venv" / "share" / "axe-core" / "axe.min.js"))
SERIOUS = ("serious", "critical")


def wait(browser: Browser, script: str, *, timeout: float = 15.0) -> object:
    """Run ``script`` (a JavaScript expression) until it is truthy; its value."""
    started = time.monotonic()
    while not (value := browser.driver.execute_script(f"return {script}")):
        if time.monotonic() - started > timeout:
            raise AssertionError(f"never true within {timeout:.0f} s: {script}")
        time.sleep(0.05)
    return value


def open_page(browser: Browser, url: str) -> None:
    """Load a page of the explorer and wait until its script has drawn it."""
    browser.clear_logs()
    browser.driver.get(url)
    wait(browser, "window.kgReady === true")


def page_data(browser: Browser) -> dict:
    """The data the server put in the page (what its JSON twin says)."""
    return json.loads(browser.driver.find_element(By.ID, "kg-data").get_attribute(
        "textContent"))


def suggestions(browser: Browser, text: str) -> list[WebElement]:
    """Type ``text`` into the search box, a key at a time; the options it suggests."""
    box = browser.driver.find_element(By.ID, "kg-q")
    box.clear()
    for key in text:
        box.send_keys(key)
        time.sleep(0.03)
    wait(browser, "document.getElementById('kg-suggestions').dataset.query === "
                  f"{json.dumps(text)} && !document.getElementById('kg-suggestions').hidden")
    return browser.driver.find_elements(By.CSS_SELECTOR, "#kg-suggestions [role=option]")


def sentence_text(browser: Browser, element_id: str) -> str:
    """The words of a sentence of the article view, without the type labels of its marks
    and the chips of its statements."""
    return browser.driver.execute_script("""
        const copy = document.getElementById(arguments[0]).cloneNode(true);
        copy.querySelectorAll('.kg-mark-label, .kg-chips').forEach((n) => n.remove());
        return copy.textContent.trim();""", element_id)


def in_view(browser: Browser, element: WebElement) -> bool:
    """Whether the element stands (at least partly) in the window."""
    return browser.driver.execute_script("""
        const box = arguments[0].getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight;""", element)


def axe_violations(browser: Browser) -> list[dict]:
    """axe-core's serious and critical violations on the page now shown (WCAG 2 A/AA and
    best practice), each with the first elements it names."""
    if not AXE.is_file():
        pytest.skip(f"{AXE} is missing: run scripts/install-axe.sh")
    browser.driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
          .then((r) => done(r.violations.map((v) => ({id: v.id, impact: v.impact,
             help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))))
          .catch((e) => done([{id: 'axe-error', impact: 'critical', help: String(e),
                               nodes: []}]));""")
    return [v for v in result if v["impact"] in SERIOUS]
