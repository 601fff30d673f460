"""Each named query answers on the seed article with the rows the article supports."""

from __future__ import annotations

import pytest

import kg
from kg.graph.store import Store


def rows(name: str, store: Store) -> list[dict]:
    return kg.query(name, store=store).rows


def test_every_named_query_runs_and_says_what_it_answers(seed_store: Store) -> None:
    from kg.query import describe_query

    for name, text in kg.named_queries().items():
        assert describe_query(text), name
        kg.query(name, store=seed_store)


def test_who_met_whom_has_the_trump_putin_call_dated(seed_store: Store) -> None:
    met = rows("who-met-whom", seed_store)
    call = [r for r in met if {r["actor"], r["recipient"]} == {"Donald Trump", "Vladimir Putin"}]
    assert call and all(r["date"] == "2025-10-16" for r in call)
    assert any("phone conversation" in r["sentence"] for r in call)


def test_quotations_by_speaker(seed_store: Store) -> None:
    quotes = rows("quotations", seed_store)
    by_orban = [r["quote"] for r in quotes if r["speaker"] == "Viktor Orbán"]
    assert any("peace requires patience" in q for q in by_orban)


def test_country_relations_over_time(seed_store: Store) -> None:
    relations = {(r["month"], r["actor"], r["recipient"], r["type"])
                 for r in rows("country-relations", seed_store)}
    assert ("2025-10", "Russia", "Ukraine", "ASSAULT") in relations
    assert ("2025-10", "United States", "India", "REQUEST") in relations


def test_events_by_type_and_month_agree(seed_store: Store) -> None:
    by_type = {r["type"]: r["events"] for r in rows("events-by-type", seed_store)}
    by_month = {r["type"]: r["events"] for r in rows("events-by-month", seed_store)
                if r["month"] == "2025-10"}
    assert by_type == by_month
    assert by_type["CONSULT"] >= 1 and by_type["REQUEST"] >= 1


@pytest.mark.parametrize("name", ["entities", "positions", "statements"])
def test_tables_are_not_empty(seed_store: Store, name: str) -> None:
    assert rows(name, seed_store)
