"""The explorer in headless Chromium on the seed store: from a name typed in the search box
to the sentence behind a statement in three clicks, the back button, the article view's
statements, offline pages under their policy, inert hostile text, and axe-core."""

from __future__ import annotations

import pytest
from browser import Browser
from selenium.webdriver.common.by import By

from .client import data
from .walk import (
    axe_violations,
    in_view,
    open_page,
    page_data,
    sentence_text,
    suggestions,
    wait,
)


def test_three_clicks_from_a_name_to_its_sentence(chromium: Browser, seed_server: str) -> None:
    open_page(chromium, seed_server + "/explore/")
    options = suggestions(chromium, "Orbán")
    assert options[0].text.startswith("Viktor Orbán") and "Person" in options[0].text
    options[0].click()  # 1
    wait(chromium, "window.kgReady === true && location.pathname.includes('viktor-orban')")
    entity_url = chromium.driver.current_url
    group = chromium.driver.find_elements(By.CSS_SELECTOR, "details.kg-group > summary")[0]
    group.click()  # 2
    wait(chromium, "document.querySelector('details.kg-group[open] a.kg-evidence')")
    evidence = chromium.driver.find_element(By.CSS_SELECTOR,
                                            "details.kg-group[open] a.kg-evidence")
    quoted = chromium.driver.find_element(By.CSS_SELECTOR,
                                          "details.kg-group[open] .kg-sentence").text
    evidence.click()  # 3
    wait(chromium, "window.kgReady === true && location.pathname.includes('/article/')")
    sentence_id = chromium.driver.execute_script("return location.hash.slice(1)")
    sentence = chromium.driver.find_element(By.ID, sentence_id)
    assert "is-current" in sentence.get_attribute("class")
    assert sentence_text(chromium, sentence_id) == quoted.strip()
    assert in_view(chromium, sentence)
    chromium.driver.back()
    wait(chromium, f"location.href === {entity_url!r} && window.kgReady === true")


def test_article_statements_mark_their_parts_and_the_back_button_returns(
        chromium: Browser, seed_server: str) -> None:
    article = data(seed_server + "/explore/")["articles"][0]["href"]
    open_page(chromium, seed_server + article)
    shown = page_data(chromium)
    statements = shown["statements"]
    texts = {s["id"]: s["text"] for s in shown["sentences"]}
    chosen = [n for n, s in enumerate(statements)  # statements between two entities
              if s["object"] and s["spans"].get("subject") and s["spans"].get("object")][:2]
    for number in chosen:
        chromium.driver.find_element(By.ID, f"side-{statements[number]['id']}").click()
        wait(chromium, f"location.hash === '#st-{statements[number]['id']}'")
        for part in ("subject", "object"):
            marked = chromium.driver.find_elements(By.CSS_SELECTOR, f".is-{part}")
            assert [m.get_attribute("href").endswith(statements[number][part]["href"])
                    for m in marked] == [True]
            start, end = statements[number]["spans"][part]
            label = marked[0].find_element(By.CLASS_NAME, "kg-mark-label").text
            assert marked[0].text.removesuffix(label).strip() == \
                texts[statements[number]["sentence"]["id"]][start:end]
        current = chromium.driver.find_element(By.CSS_SELECTOR, ".kg-text-sentence.is-current")
        assert current.get_attribute("id") == statements[number]["sentence"]["id"]
        item = chromium.driver.find_element(By.ID, f"side-{statements[number]['id']}")
        assert item.get_attribute("aria-current") == "true"
    chromium.driver.back()
    wait(chromium, f"location.hash === '#st-{statements[chosen[0]]['id']}' && "
                   f"document.getElementById('side-{statements[chosen[0]]['id']}')"
                   ".getAttribute('aria-current') === 'true'")
    opened = next(n for n, s in enumerate(statements)  # an open relation's verb and object
                  if s["relation"] == "OTHER" and s["spans"].get("verb")
                  and s["spans"].get("object"))
    chromium.driver.find_element(By.ID, f"side-{statements[opened]['id']}").click()
    wait(chromium, "document.querySelector('.is-object')")
    parts = {e.get_attribute("data-part"): e.text for e in chromium.driver.find_elements(
        By.CSS_SELECTOR, ".is-subject, .is-object, .is-part")}
    assert parts["relation"].endswith(statements[opened]["label"])
    assert parts["object"].endswith(statements[opened]["objectText"])
    chips = chromium.driver.find_elements(By.CSS_SELECTOR, ".kg-chip.kg-fact-planned")
    assert chips and all("planned" in c.get_attribute("aria-label") for c in chips)


PAGES = ["/explore/", "/explore/search?q=trump", "/explore/entity/person/donald-trump",
         "/explore/dyad/person/donald-trump/person/vladimir-putin",
         "/explore/statements?relation=CONSULT", "/explore/entity/person/nobody"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_nothing_from_elsewhere_and_break_no_rule(chromium: Browser,
                                                             seed_server: str,
                                                             path: str) -> None:
    open_page(chromium, seed_server + path)
    assert [r for r in chromium.requests() if not r.startswith((seed_server + "/", "data:"))
            and not r.startswith(("chrome:", "chrome-untrusted:"))] == []
    errors = chromium.severe_errors()
    if path.endswith("nobody"):  # the page itself is a 404, which Chrome logs as an error
        errors = [e for e in errors if "status of 404" not in e["message"]]
    assert errors == []


def test_the_neighbourhood_network_draws_and_leads_to_a_neighbour(chromium: Browser,
                                                                seed_server: str) -> None:
    open_page(chromium, seed_server + "/explore/entity/person/donald-trump")
    frame = chromium.driver.find_element(By.CSS_SELECTOR, ".kg-network iframe")
    chromium.driver.execute_script("arguments[0].scrollIntoView()", frame)
    chromium.driver.switch_to.frame(frame)
    try:
        wait(chromium, "window.kgReady === true", timeout=30)
        assert "Donald Trump" in chromium.driver.title
        chromium.driver.find_element(By.ID, "kg-search").send_keys("Vladimir Putin")
        chromium.driver.find_element(By.ID, "kg-go").click()
        wait(chromium, "document.querySelector('#kg-details a.kg-link')")
        assert chromium.severe_errors() == []
        chromium.driver.find_element(By.CSS_SELECTOR, "#kg-details a.kg-link").click()
    finally:
        chromium.driver.switch_to.default_content()
    # the panel's link opens the neighbour's page in the explorer's window, not the frame
    wait(chromium, "location.pathname === '/explore/entity/person/vladimir-putin' && "
                   "window.kgReady === true")


def test_hostile_text_stays_text(chromium: Browser, hostile_server: str) -> None:
    article = data(hostile_server + "/explore/")["articles"][0]["href"]
    for path in ("/explore/", article, "/explore/entity/person/viktor-orban"):
        open_page(chromium, hostile_server + path)
        assert chromium.driver.execute_script("return window.kgOwned") is None
        assert chromium.driver.find_elements(By.CSS_SELECTOR, "main img, main script, main b") \
            == []
    main = chromium.driver.find_element(By.ID, "kg-main").text
    assert "<img src=x" in main or "</script><b>this</b>" in main


ACCESSIBLE = ["/explore/", "/explore/search?q=trump", "/explore/entity/person/donald-trump",
              "/explore/dyad/person/donald-trump/person/vladimir-putin",
              "/explore/statements?relation=CONSULT", "/explore/entity/person/nobody"]


@pytest.mark.parametrize("path", ACCESSIBLE)
def test_axe_finds_no_serious_violation(chromium: Browser, seed_server: str,
                                        path: str) -> None:
    open_page(chromium, seed_server + path)
    if "/entity/" in path and not path.endswith("nobody"):
        chromium.driver.find_elements(By.CSS_SELECTOR, "details.kg-group > summary")[0].click()
        wait(chromium, "document.querySelector('details.kg-group[open] .kg-statement')")
    assert axe_violations(chromium) == []


def test_axe_on_the_article_view_and_the_suggestions(chromium: Browser,
                                                     seed_server: str) -> None:
    article = data(seed_server + "/explore/")["articles"][0]["href"]
    open_page(chromium, seed_server + article)
    chromium.driver.find_elements(By.CSS_SELECTOR, ".kg-side li a")[4].click()
    assert axe_violations(chromium) == []
    suggestions(chromium, "put")
    assert axe_violations(chromium) == []
