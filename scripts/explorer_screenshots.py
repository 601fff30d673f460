"""Take the README's screenshots of the explorer in headless Chromium: the search box's
suggestions, an entity page with a statement group open, and the article view with a
statement selected.

    python scripts/explorer_screenshots.py STORE [--name "Vladimir Putin"] [--out docs]

STORE is a built store (the README's pictures come from the seeds and the Wikinews
corpus); the pictures are ``explorer-search.png``, ``explorer-entity.png`` and
``explorer-article.png`` in ``--out``, each written whole (a temporary file, then renamed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the browser the tests drive

from browser import Browser, headless_chromium  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from kg.endpoint import serving  # noqa: E402
from kg.files import atomic_output  # noqa: E402


def _wait(browser: Browser, script: str, timeout: float = 20.0) -> None:
    started = time.monotonic()
    while not browser.driver.execute_script(f"return {script}"):
        if time.monotonic() - started > timeout:
            raise SystemExit(f"error: the page never showed what was awaited: {script}")
        time.sleep(0.05)


def _open(browser: Browser, url: str) -> None:
    browser.driver.get(url)
    _wait(browser, "window.kgReady === true")


def _shoot(browser: Browser, path: Path) -> None:
    time.sleep(0.4)  # let the highlight's transition end
    with atomic_output(path) as out:
        out.write(browser.driver.get_screenshot_as_png())
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a built store")
    parser.add_argument("--name", default="Vladimir Putin", help="whom to search and show")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    options = parser.parse_args()
    with serving(options.store, workers=2) as base, \
            headless_chromium(width=1280, height=1000) as browser:
        _open(browser, base + "/explore/")
        box = browser.driver.find_element(By.ID, "kg-q")
        for key in options.name[:5]:
            box.send_keys(key)
            time.sleep(0.05)
        _wait(browser, "document.getElementById('kg-suggestions').dataset.query === "
                       f"{json.dumps(options.name[:5])}")
        _shoot(browser, options.out / "explorer-search.png")

        options_shown = browser.driver.find_elements(By.CSS_SELECTOR, "[role=option]")
        entity = next(o.get_attribute("data-href") for o in options_shown
                      if o.text.startswith(options.name))
        _open(browser, base + entity)
        browser.driver.find_elements(By.CSS_SELECTOR, "details.kg-group > summary")[0].click()
        _wait(browser, "document.querySelector('details.kg-group[open] .kg-statement')")
        _shoot(browser, options.out / "explorer-entity.png")

        evidence = browser.driver.find_element(By.CSS_SELECTOR,
                                               "details.kg-group[open] a.kg-evidence")
        _open(browser, evidence.get_attribute("href").split("#")[0])
        data = json.loads(browser.driver.find_element(By.ID, "kg-data")
                          .get_attribute("textContent"))
        chosen = next((s for s in data["statements"] if s["spans"].get("subject")
                       and s["spans"].get("object") and s["relation"] != "OTHER"),
                      data["statements"][0])
        browser.driver.find_element(By.ID, f"side-{chosen['id']}").click()
        _wait(browser, "document.querySelector('.kg-text-sentence.is-current')")
        browser.driver.execute_script("window.scrollTo(0, 0)")
        _shoot(browser, options.out / "explorer-article.png")


if __name__ == "__main__":
    main()
