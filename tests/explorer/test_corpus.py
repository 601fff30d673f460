"""The explorer on the seeds and the whole Wikinews corpus (slow: the corpus is built once
per session): a newcomer's three clicks from the most mentioned person's name to a
sentence, long lists in pages, and axe-core on the corpus's biggest pages."""

from __future__ import annotations

from browser import Browser
from selenium.webdriver.common.by import By

from .client import data
from .walk import axe_violations, in_view, open_page, sentence_text, suggestions, wait


def _most_mentioned(url: str, kind: str) -> dict:
    return next(e for e in data(url + "/explore/")["entities"] if e["type"] == kind)


def test_three_clicks_on_the_corpus(chromium: Browser, corpus_server: str) -> None:
    person = _most_mentioned(corpus_server, "Person")
    open_page(chromium, corpus_server + "/explore/")
    options = suggestions(chromium, person["name"])
    chosen = next(o for o in options if o.get_attribute("data-href") == person["href"])
    chosen.click()  # 1
    wait(chromium, f"window.kgReady === true && location.pathname === {person['href']!r}")
    chromium.driver.find_elements(By.CSS_SELECTOR, "details.kg-group > summary")[0].click()  # 2
    wait(chromium, "document.querySelector('details.kg-group[open] a.kg-evidence')")
    quoted = chromium.driver.find_element(By.CSS_SELECTOR,
                                          "details.kg-group[open] .kg-sentence").text
    chromium.driver.find_element(By.CSS_SELECTOR,
                                 "details.kg-group[open] a.kg-evidence").click()  # 3
    wait(chromium, "window.kgReady === true && location.pathname.includes('/article/')")
    sentence_id = chromium.driver.execute_script("return location.hash.slice(1)")
    sentence = chromium.driver.find_element(By.ID, sentence_id)
    assert "is-current" in sentence.get_attribute("class") and in_view(chromium, sentence)
    assert sentence_text(chromium, sentence_id) == quoted.strip()
    assert chromium.severe_errors() == []


def test_long_lists_come_in_pages(chromium: Browser, corpus_server: str) -> None:
    country = _most_mentioned(corpus_server, "Country")
    first = data(corpus_server + country["href"])
    assert first["groupCount"] > len(first["groups"]) and first["groupPage"]["next"]
    second = data(corpus_server + country["href"] + "?page=2")
    assert {g["href"] for g in first["groups"]}.isdisjoint(g["href"] for g in second["groups"])
    open_page(chromium, corpus_server + country["href"])
    chromium.driver.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    wait(chromium, "window.kgReady === true && location.search === '?page=2'")
    chromium.driver.back()
    wait(chromium, "window.kgReady === true && location.search === ''")
    searched = data(corpus_server + "/explore/search?q=a")
    assert len(searched["entities"]) == 50 and searched["resultPage"]["next"]


def test_axe_on_the_corpus_pages(chromium: Browser, corpus_server: str) -> None:
    country = _most_mentioned(corpus_server, "Country")
    person = _most_mentioned(corpus_server, "Person")
    article = data(corpus_server + "/explore/")["articles"][0]["href"]
    for path in (country["href"], person["href"], article, "/explore/search?q=un"):
        open_page(chromium, corpus_server + path)
        assert axe_violations(chromium) == [], path
