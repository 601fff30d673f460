"""The query page (kg.endpoint.page), in a headless browser."""

from __future__ import annotations

import re

from .client import (
    fetch,
)


def test_page_is_served(endpoint: str) -> None:
    answer = fetch(endpoint.removesuffix("/sparql") + "/")
    assert answer.status == 200 and answer.type == "text/html"
    assert '<form id="query-form"' in answer.text and "<textarea" in answer.text
    assert "__KG_CONFIG__" not in answer.text and '"positions"' in answer.text
    policy = answer.headers["content-security-policy"]
    assert "script-src 'sha256-" in policy and "connect-src 'self'" in policy
    assert not re.search(r"""(src|href)=["']?https?:""", answer.text)  # nothing from a CDN


def test_page_runs_queries_in_a_browser(endpoint: str, chromium) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = endpoint.removesuffix("/sparql") + "/"
    chromium.clear_logs()
    driver = chromium.driver
    driver.get(page)
    driver.find_element(By.ID, "run").click()
    wait = WebDriverWait(driver, 15)
    wait.until(lambda d: "Donald Trump" in [c.text for c in d.find_elements(By.CSS_SELECTOR,
                                                                              "#results td")])
    assert "rows in" in driver.find_element(By.ID, "status").text
    hostile = '<img src=x onerror="window.__pwned=1">'
    textarea = driver.find_element(By.ID, "query")
    textarea.clear()
    textarea.send_keys(f"SELECT ?x WHERE {{ BIND('{hostile}' AS ?x) }}")
    driver.find_element(By.ID, "run").click()
    wait.until(lambda d: [c.text for c in d.find_elements(By.CSS_SELECTOR, "#results td")]
               == [hostile])
    assert driver.find_elements(By.CSS_SELECTOR, "#results img") == []
    assert driver.execute_script("return window.__pwned") is None
    textarea.clear()
    textarea.send_keys("SELECT ?x WHERE { ?x ")
    driver.find_element(By.ID, "run").click()
    wait.until(lambda d: d.find_element(By.ID, "message").is_displayed())
    assert "400" in driver.find_element(By.ID, "message").text
    base = page.rstrip("/")
    assert [u for u in chromium.requests() if not u.startswith(base)
            and not u.startswith(("chrome", "about:", "data:"))] == []
    assert [e for e in chromium.severe_errors() if "400" not in e["message"]] == []
