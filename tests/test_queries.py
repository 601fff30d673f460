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
    phone = [r for r in call if "phone conversation" in r["sentence"]]
    assert phone and {(r["time"], r["mode"]) for r in phone} == {("../2025-10-16", "phone")}
    # only meetings that happened: the summit they agreed to hold is not among them
    assert not any(r["place"] == "Hungary" for r in call)


def test_event_settings_show_what_did_not_happen(seed_store: Store) -> None:
    found = rows("event-settings", seed_store)
    facts = {r["factuality"] for r in found}
    assert {"asserted", "planned"} <= facts and facts - {"asserted", "planned"}
    summit = [r for r in found if r["type"] == "CONSULT" and r["factuality"] == "planned"
              and r["place"] == "Hungary"]
    assert summit and summit[0]["actor"] == "Donald Trump"


def test_posts_and_their_holders(seed_store: Store) -> None:
    posts = {(r["post"], r["holder"]) for r in rows("posts", seed_store)}
    assert ("Prime Minister of Hungary", "Viktor Orbán") in posts


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
    by_month: dict[str, int] = {}
    months = set()
    for r in rows("events-by-month", seed_store):
        by_month[r["type"]] = by_month.get(r["type"], 0) + r["events"]
        months.add(r["month"])
    assert by_type == by_month
    assert by_type["CONSULT"] >= 1 and by_type["REQUEST"] >= 1
    # events the text dates ("in September") count in their own month, not the article's
    assert "2025-10" in months and len(months) > 1


@pytest.mark.parametrize("name", ["entities", "positions", "statements"])
def test_tables_are_not_empty(seed_store: Store, name: str) -> None:
    assert rows(name, seed_store)
