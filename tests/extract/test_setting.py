"""Where, when and how an event happened (kg.extract.setting, kg.extract.when)."""

from __future__ import annotations

import rdflib

from kg.lexicons import event_lexicon
from kg.records import Statement

from .reading import statements


def setting(text: str, relation: str = "CONSULT", date: str = "2025-10-16") -> Statement:
    """The one statement of ``relation`` read from ``text`` in an article of ``date``."""
    (found,) = [s for s in statements(text, date) if s.relation == relation and s.is_fact]
    return found


def test_meeting_with_day_place_and_mode() -> None:
    met = setting("Donald Trump met Vladimir Putin in Budapest on Thursday.")
    assert met.when.iso == "2025-10-16" and met.when.text == "Thursday"
    assert (met.place.name, met.place.type) == ("Budapest", "Place")
    assert met.mode == "meeting"


def test_call_by_phone_last_week() -> None:
    call = setting("Sergey Lavrov spoke with Marco Rubio by phone last week.")
    assert call.when.iso == "2025-10-06/2025-10-12" and call.when.grain == "week"
    assert call.mode == "phone" and call.place is None


def test_event_reported_on_a_day_happened_by_then() -> None:
    call = setting("Donald Trump announced on Thursday that he had a phone conversation with "
                   "Vladimir Putin.")
    assert call.when.iso == "../2025-10-16" and call.when.start is None
    assert call.mode == "phone"


def test_the_day_of_a_report_is_not_the_day_of_a_future_event() -> None:
    found = [s for s in statements("Donald Trump said on Thursday that he would meet "
                                   "Vladimir Putin in Budapest.", "2025-10-16")
             if s.relation == "CONSULT"]
    assert found and all(s.when is None for s in found)
    assert {s.place.name for s in found} == {"Budapest"}


def test_statement_mode_and_weekday() -> None:
    condemned = setting("Iran condemned Israel in a statement on Monday.", "ACCUSE")
    assert condemned.mode == "statement" and condemned.when.iso == "2025-10-13"


def test_absolute_date_and_yesterday() -> None:
    signed = setting("Turkey signed a maritime deal with Libya on 27 November 2019.", "AGREE")
    assert signed.when.iso == "2019-11-27"
    struck = setting("Russian troops attacked Ukrainian cities yesterday.", "ASSAULT")
    assert struck.when.iso == "2025-10-15" and struck.context == "military"


def test_planned_visit_carries_the_future_date() -> None:
    found = [s for s in statements("Volodymyr Zelensky is set to visit Donald Trump on Friday.",
                                   "2025-10-16") if s.relation == "CONSULT"]
    assert [(s.factuality.value, s.when.iso, s.mode) for s in found] == [
        ("planned", "2025-10-17", "visit")]


def test_no_date_without_an_article_date_or_a_date_phrase() -> None:
    assert setting("Donald Trump met Vladimir Putin on Thursday.", date=None).when is None
    assert setting("Donald Trump met Vladimir Putin.").when is None


def test_modes_and_contexts_are_concepts_of_the_ontology() -> None:
    from kg.extract.setting import context_words, mode_words
    from kg.graph.iri import slug
    from kg.graph.namespaces import CONTEXT, MODE
    from kg.graph.ontology import ontology

    modes = {m for m in mode_words().values()} | {
        e.mode for entries in event_lexicon().values() for e in entries if e.mode}
    for mode in modes:
        assert (rdflib.URIRef(MODE[slug(mode)]), None, None) in ontology(), mode
    for context in set(context_words().values()):
        assert (rdflib.URIRef(CONTEXT[slug(context)]), None, None) in ontology(), context
