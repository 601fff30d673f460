"""The explorer's pages over HTTP, on ``kg serve``'s own server: every page has a URL and a
JSON twin, what they say agrees with the store asked another way, and bad or hostile input
gets a clear answer and stays inert."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

import kg
from kg.explorer.app import POLICY, assets
from kg.graph.store import Store

from .client import data, get

ROOT = Path(__file__).resolve().parents[2]
ORBAN = "/explore/entity/person/viktor-orban"
TRUMP = "/explore/entity/person/donald-trump"
PUTIN_IRI = "https://w3id.org/kg-diplomacy/entity/person/vladimir-putin"
TRUMP_IRI = "https://w3id.org/kg-diplomacy/entity/person/donald-trump"


def _seed_article(url: str) -> str:
    return data(url + "/explore/")["articles"][0]["href"]


def _count(store: Store, sparql: str) -> int:
    return int(kg.query(sparql, store=store).rows[0]["n"])


def test_every_page_has_a_url_and_a_json_twin(seed_server: str) -> None:
    pages = {"/explore/": "home", "/explore/search?q=orban": "search", ORBAN: "entity",
             _seed_article(seed_server): "article",
             "/explore/dyad/person/donald-trump/person/vladimir-putin": "dyad",
             "/explore/statements?relation=CONSULT": "statements",
             "/explore/statements?entity=person/donald-trump&relation=SAID": "statements",
             "/explore/network/person/donald-trump": "network"}
    for path, kind in pages.items():
        page = get(seed_server + path)
        assert page.status == 200 and page.headers["content-type"].startswith("text/html")
        if kind == "network":  # kg render's page, under its own policy, framed by ours only
            assert page.headers["content-security-policy"] == "frame-ancestors 'self'"
            assert "Content-Security-Policy" in page.text
            twin = data(seed_server + path)
            assert {n["label"] for n in twin["nodes"]} >= {"Donald Trump", "Vladimir Putin"}
            assert twin["links"] and all(link["evidence"] for link in twin["links"])
            assert all(n["href"].startswith("/explore/entity/") for n in twin["nodes"])
            assert all(e["href"].startswith("/explore/article/")
                       for link in twin["links"] for e in link["evidence"])
            continue
        assert page.headers["content-security-policy"] == POLICY
        assert "'unsafe-inline'" not in POLICY and "script-src 'self'" in POLICY
        twin = data(seed_server + path)
        assert twin["page"] == kind
        assert f"<title>{twin['title'].replace('&', '&amp;')} · kg explorer</title>" in page.text
        separator = "&" if "?" in path else "?"
        assert get(seed_server + path + separator + "format=json").json() == twin


def test_suggestions_find_entities_articles_and_relations(seed_server: str,
                                                          seed_store: Store) -> None:
    found = data(seed_server + "/explore/search?limit=8&q=orb")
    first = found["entities"][0]
    assert (first["name"], first["type"], first["href"]) == ("Viktor Orbán", "Person", ORBAN)
    assert first["country"] == {"name": "Hungary", "href": "/explore/entity/country/hungary"}
    assert data(seed_server + "/explore/search?limit=8&q=VIKTOR%20ORBAN")["entities"][0][
        "href"] == ORBAN  # case and accents folded
    titles = data(seed_server + "/explore/search?limit=8&q=hungary+summit")["articles"]
    assert [a["title"] for a in titles] == [
        "Trump and Putin Plan Hungary Summit After “Productive” Call Amid Ukraine War"]
    consult = data(seed_server + "/explore/search?limit=8&q=consult")["relations"][0]
    assert consult["code"] == "CONSULT"
    assert consult["statements"] == _count(
        seed_store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a dip:Consult }") > 0
    assert data(seed_server + "/explore/search?limit=8&q=zzzz")["entities"] == []


def test_entity_page_agrees_with_the_store(seed_server: str, seed_store: Store) -> None:
    page = data(seed_server + TRUMP)
    assert page["entity"]["name"] == "Donald Trump" and page["entity"]["type"] == "Person"
    held = _count(seed_store, f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        {{ ?s dip:subject <{TRUMP_IRI}> }} UNION {{ ?s dip:object <{TRUMP_IRI}> }} }}""")
    assert page["statements"] == held > 10
    assert sum(group["statements"] for group in page["groups"]) == held  # one page of groups
    posts = {(a["role"], a["other"]["name"]) for a in page["affiliations"]
             if a["relation"] == "HOLDS_POSITION"}
    assert ("President", "United States") in posts
    events = _count(seed_store, f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        {{ ?s dip:subject <{TRUMP_IRI}> }} UNION {{ ?s dip:object <{TRUMP_IRI}> }}
        ?s dip:factuality fact:asserted }}""")
    assert sum(month["events"] for month in page["timeline"]["months"]) == events > 0
    assert page["quotations"] and all(q["relation"] == "SAID" and q["quote"]
                                      for q in page["quotations"])
    assert page["networkHref"] == "/explore/network/person/donald-trump"


def test_each_group_opens_to_its_statements(seed_server: str) -> None:
    page = data(seed_server + TRUMP)
    for group in page["groups"]:
        statements = data(seed_server + group["href"])["statements"]
        assert len(statements) == min(group["statements"], 50), group
        for statement in statements:
            assert statement["relation"] == group["relation"]
            ours = statement["subject"] if group["direction"] == "out" else statement["object"]
            theirs = statement["object"] if group["direction"] == "out" else statement["subject"]
            assert ours["href"] == TRUMP
            assert (theirs or {}).get("href") == (group["other"] or {}).get("href")
            assert statement["evidenceHref"].startswith(statement["article"]["href"] + "#s-")


def test_article_view_marks_statements_in_their_sentences(seed_server: str) -> None:
    page = data(seed_server + _seed_article(seed_server))
    sentences = {s["id"]: s for s in page["sentences"]}
    starts = [s["start"] for s in page["sentences"]]
    assert starts == sorted(starts) and len(sentences) == len(starts)
    for sentence in page["sentences"]:
        assert "".join(p["text"] for p in sentence["pieces"]) == sentence["text"]
        for mark in sentence["marks"]:
            assert 0 <= mark["start"] < mark["end"] <= len(sentence["text"])
    found = named = 0
    for number, statement in enumerate(page["statements"]):
        sentence = sentences[statement["sentence"]["id"]]
        assert number in sentence["statements"]
        assert statement["sentence"]["start"] == sentence["start"]
        for part in ("subject", "object"):
            if statement[part] is None:
                continue
            named += 1
            span = statement["spans"].get(part)
            if span is None:
                continue
            found += 1
            mark = next(m for m in sentence["marks"] if f"{number}:{part}" in m["roles"])
            assert (mark["start"], mark["end"]) == tuple(span)
            assert mark["entity"]["href"] == statement[part]["href"]
        if statement["quote"] and statement["spans"].get("quote"):
            start, end = statement["spans"]["quote"]
            assert sentence["text"][start:end] in statement["quote"]
    assert found / named > 0.75, (found, named)
    factualities = {s["factuality"] for s in page["statements"]}
    assert {"asserted", "planned"} <= factualities  # "is set to visit": marked as planned
    assert {e["name"] for e in page["entities"]} >= {"Viktor Orbán", "Vladimir Putin"}


def test_dyad_page_holds_statements_between_the_two(seed_server: str) -> None:
    page = data(seed_server + "/explore/dyad/person/donald-trump/person/vladimir-putin")
    assert [e["name"] for e in page["entities"]] == ["Donald Trump", "Vladimir Putin"]
    assert page["statements"]
    for statement in page["statements"]:
        ends = {statement["subject"]["iri"], (statement["object"] or {}).get("iri")}
        assert ends == {TRUMP_IRI, PUTIN_IRI}
    assert sum(m["events"] for m in page["timeline"]["months"]) <= len(page["statements"])


@pytest.mark.parametrize(("path", "status", "says"), [
    ("/explore/entity/person/nobody", 404, "no entity person/nobody"),
    ("/explore/entity/Person/Donald-Trump", 404, "no such name"),
    ("/explore/entity/person/..%2F..%2Fetc", 404, "no such name"),
    ("/explore/article/not-an-article", 404, "no article"),
    ("/explore/elsewhere", 404, "nothing at /explore/elsewhere"),
    (TRUMP + "?page=0", 400, "page must be a number"),
    (TRUMP + "?page=many", 400, "page must be a number"),
    ("/explore/statements?relation=NOPE", 400, "unknown relation 'NOPE'"),
    ("/explore/statements", 400, "needs entity= or relation="),
    ("/explore/search?q=x&limit=5000", 400, "limit must be"),
    ("/explore/statements?entity=person/donald-trump&direction=up", 400, "direction"),
])
def test_bad_urls_get_a_clear_answer(seed_server: str, path: str, status: int,
                                     says: str) -> None:
    twin = get(seed_server + path, accept="application/json")
    assert twin.status == status and says in twin.json()["error"]
    page = get(seed_server + path)
    assert page.status == status and page.headers["content-type"].startswith("text/html")
    assert says.replace("'", "&#x27;") in page.text or says in page.text


def test_other_methods_and_assets(seed_server: str) -> None:
    import urllib.request

    request = urllib.request.Request(seed_server + TRUMP, data=b"x", method="POST")
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("a POST was answered")
    except urllib.error.HTTPError as error:
        assert error.code == 405 and error.headers["Allow"] == "GET, HEAD"
    for name in assets():
        asset = get(seed_server + "/explore/assets/" + name)
        assert asset.status == 200 and asset.headers["content-type"] == assets()[name]
        assert "innerHTML" not in asset.text and "eval(" not in asset.text
        assert "insertAdjacentHTML" not in asset.text and "document.write" not in asset.text
    assert {"explorer.js", "explorer.css", "article.js"} <= set(assets())
    assert get(seed_server + "/explore/assets/../../etc/passwd").status == 404
    assert get(seed_server + "/explore/assets/secret.py").status == 404


def test_text_from_a_url_stays_a_literal(seed_server: str) -> None:
    hostile = '"} } DROP ALL ; SELECT * { ?s ?p ?o'
    path = ("/explore/statements?entity=person/donald-trump&relation=OTHER&text="
            + urllib.parse.quote(hostile))
    page = data(seed_server + path)
    assert page["statements"] == [] and page["filters"]["text"] == hostile


def test_hostile_article_is_shown_as_text(hostile_server: str) -> None:
    article = data(hostile_server + "/explore/")["articles"][0]
    assert "</script><script>" in article["title"]  # the title as written
    page = get(hostile_server + article["href"])
    body = page.text
    assert "<script>window.kgOwned" not in body and "<img src=x" not in body
    # the only scripts are the explorer's file and the data block
    assert re.findall(r"<script[^>]*>", body) == [
        '<script type="module" src="/explore/assets/explorer.js">',
        '<script type="application/json" id="kg-data">']
    twin = data(hostile_server + article["href"])
    assert any("<img src=x" in s["text"] for s in twin["sentences"])


def test_serving_the_explorer_loads_no_nlp() -> None:
    """The explorer is graph-side: a server and its pages start without spaCy."""
    import subprocess
    import sys

    script = ("import sys, kg.endpoint.http, kg.explorer.app, kg.explorer.network; "
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_articles_built_while_serving_show_up(tmp_path: Path) -> None:
    """The search index is read again when the store changes under the server."""
    import time

    from kg.endpoint import serving

    from .conftest import HOSTILE

    store = Store(tmp_path / "store")
    (tmp_path / "talks.txt").write_text(HOSTILE, encoding="utf-8")
    kg.build([tmp_path / "talks.txt"], store=store, date="2025-10-20")
    with serving(store, workers=1) as url:
        before = data(url + "/explore/search?limit=8&q=zelensky")
        assert before["entities"] == []
        kg.build([ROOT / "seeds"], store=store)
        deadline = time.monotonic() + 30
        while not data(url + "/explore/search?limit=8&q=zelensky")["entities"]:
            assert time.monotonic() < deadline, "the new article never showed up"
            time.sleep(0.5)
        assert data(url + "/explore/")["counts"]["articles"] == 2


def test_dyad_summary_counts_its_statements(seed_server: str) -> None:
    page = data(seed_server + "/explore/dyad/person/vladimir-putin/person/donald-trump")
    assert sum(row["statements"] for row in page["relations"]) == len(page["statements"])
    assert {(r["subject"], r["relation"], r["object"]) for r in page["relations"]} == {
        (s["subject"]["name"], s["relation"], s["object"]["name"]) for s in page["statements"]}
