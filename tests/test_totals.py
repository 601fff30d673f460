"""The totals kept across articles (kg/graph/totals.py) follow every change of the articles.

The aggregate named queries read the totals; each check here holds them against the plain
joins over the statements (tests/test_fast_queries.py) and holds the totals kept by
differences against the same totals computed whole from the articles' graphs, on real
text: after a build, a second build whose entity pass renames nodes in articles it did not
write, a rebuild of articles with changed text, articles replaced by an empty reading, a
pass over the whole store, and a write cut off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS
from test_fast_queries import assert_same_answers

import kg
from kg.graph import iri, totals
from kg.graph.store import Store
from kg.resolve.corpus import unify

AGGREGATES = ("entities", "country-relations", "posts", "sectors", "events-by-type",
              "events-by-month")


def held(store: Store) -> set[tuple[str, str, str]]:
    """The triples of the totals' graph."""
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{totals.TOTALS_GRAPH}> "
                       "{ ?s ?p ?o } }")
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}


def assert_exact(store: Store) -> None:
    """The answers equal the plain joins, and the totals kept equal those computed whole."""
    assert totals.is_current(store)
    assert_same_answers(store)
    kept = held(store)
    answers = {name: kg.query(name, store=store).rows for name in AGGREGATES}
    totals.compute(store)
    assert held(store) == kept
    assert {name: kg.query(name, store=store).rows for name in AGGREGATES} == answers


def labels_of(store: Store, graphs: list[str]) -> set[tuple[str, str, str]]:
    rows = store.query("SELECT ?g ?e ?l WHERE { GRAPH ?g { ?e rdfs:label ?l } }", graphs=graphs)
    return {(str(r["g"]), str(r["e"]), str(r["l"])) for r in rows}


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                    encoding="utf-8")
    return path


@pytest.mark.slow
def test_totals_follow_builds_rebuilds_removals_and_the_entity_pass(
        wikinews_sample: Path, tmp_path: Path) -> None:
    articles = [json.loads(line) for line in wikinews_sample.read_text("utf-8").splitlines()]
    store = Store(tmp_path / "store")
    first = write_jsonl(tmp_path / "first.jsonl", articles[:20])
    assert kg.build([SEEDS, first], store=store).errors == []
    assert all(kg.query(name, store=store).rows for name in ("entities", "events-by-type"))
    assert_exact(store)

    # new articles: their entity pass renames nodes of articles it did not write
    before = [iri.article_graph(a["id"]) for a in articles[:20]]
    old_labels = labels_of(store, before)
    second = write_jsonl(tmp_path / "second.jsonl", articles[20:])
    assert kg.build([second], store=store).errors == []
    assert labels_of(store, before) != old_labels
    assert_exact(store)

    # articles rebuilt with other text: each loses its second half
    changed = [dict(a, text=a["text"][:len(a["text"]) // 2]) for a in articles[5:10]]
    rebuilt = kg.build([write_jsonl(tmp_path / "changed.jsonl", changed)], store=store)
    assert sorted(rebuilt.written) == sorted(a["id"] for a in changed)
    assert_exact(store)

    # articles replaced by an empty reading (as a removal leaves them), then a whole pass
    store.replace_articles([(a["id"], []) for a in articles[10:13]])
    assert_exact(store)
    unify(store)
    store.entity_pass_done()
    assert_exact(store)


def test_totals_follow_a_rebuilt_seed_and_a_cut_off_write(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = Store(path)
    assert kg.build([SEEDS], store=store).written
    assert kg.query("entities", store=store).rows
    assert_exact(store)
    again = kg.build([SEEDS], store=store, force=True)  # the seed replaced by itself
    assert again.written
    assert_exact(store)
    # a write cut off after its first update: stale totals, computed whole on the next open
    kept = held(store)
    store.update(totals.STALE_UPDATE + f" ; DROP GRAPH <{iri.article_graph(again.written[0])}>")
    assert not totals.is_current(store)
    del store
    reopened = Store(path)
    assert totals.is_current(reopened) and held(reopened) != kept
    assert_exact(reopened)


def test_a_store_without_totals_gets_them_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = Store(path)
    assert kg.build([SEEDS], store=store).written
    answers = {name: kg.query(name, store=store).rows for name in AGGREGATES}
    store.update(f"DROP GRAPH <{totals.TOTALS_GRAPH}>")  # as an older kg left it
    assert not kg.query("entities", store=store).rows
    del store
    reopened = Store(path)
    assert {name: kg.query(name, store=reopened).rows for name in AGGREGATES} == answers


def test_exports_leave_the_totals_out(seed_store: Store) -> None:
    assert held(seed_store)
    assert not any(quad.graph_name.value == totals.TOTALS_GRAPH for quad in seed_store.quads())
    assert len(seed_store) == sum(1 for _ in seed_store.quads())
