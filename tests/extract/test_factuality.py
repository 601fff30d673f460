"""Whether the text asserts an event (kg.extract.factuality): negated, hypothetical,
possible and planned events, and the content of threats and quotations."""

from __future__ import annotations

import pytest

from kg.records import Factuality

from .reading import CLOSED, either, events, statements


@pytest.mark.parametrize("text", [
    "Donald Trump did not meet Vladimir Putin.",
    "If Russia attacks Ukraine, sanctions will follow.",
    "Russia could attack Ukraine next year.",
    "Russia might attack Ukraine next year.",
    "Russia failed to agree to a ceasefire with Ukraine.",
    "Neither Russia nor Ukraine signed the deal with Turkey.",
    "Did Russia attack Ukraine?",
    "He urged Ukraine to negotiate with Russia.",
    "This marked a departure from his calls for Ukraine to negotiate with Russia.",
    "Donald Trump has yet to concede to Joe Biden.",
    "Donald Trump seemed cautious about supplying Ukraine with missiles.",
])
def test_unasserted_events_are_not_emitted(text: str) -> None:
    closed = {(s, r, o) for s, r, o in events(text) if r not in ("REQUEST", "REJECT")}
    assert not any(r in ("CONSULT", "ASSAULT", "AGREE", "AID", "CONCEDE") for _, r, _ in closed)


def factual(text: str) -> set[tuple[str, str, str | None, str]]:
    """Every PLOVER event as (subject, relation, object, factuality)."""
    return {(s.subject.name, s.relation, s.object.name if s.object else None, s.factuality.value)
            for s in statements(text) if s.relation in CLOSED - {"HOLDS_POSITION", "MEMBER_OF",
                                                                  "SAID"}}


def test_negated_event_is_kept_negated_with_its_verb_phrase() -> None:
    found = statements("Donald Trump did not meet Vladimir Putin.")
    (meeting,) = [s for s in found if s.relation == "CONSULT"]
    assert meeting.factuality is Factuality.NEGATED and not meeting.is_fact
    assert meeting.label == "did not meet"
    assert events("Donald Trump did not meet Vladimir Putin.") == set()
    assert ("Israel", "ASSAULT", "Iran", "negated") in factual("Israel did not attack Iran.")


def test_refusing_denies_what_is_refused() -> None:
    found = factual("Russia refused to meet Ukraine.")
    assert ("Russia", "CONSULT", "Ukraine", "negated") in found
    assert ("Russia", "CONSULT", "Ukraine", "asserted") not in found


def test_condition_is_hypothetical_even_when_denied() -> None:
    found = factual("Donald Trump warned Vladimir Putin that the US would impose sweeping new "
                    "sanctions if Russia failed to agree to a ceasefire.")
    assert ("Donald Trump", "THREATEN", "Vladimir Putin", "asserted") in found
    assert ("Russia", "AGREE", None, "hypothetical") in found


def test_modal_and_modifier_make_an_event_possible() -> None:
    assert ("Donald Trump", "CONSULT", "Vladimir Putin", "possible") in factual(
        "Donald Trump could meet Vladimir Putin in Budapest.")
    assert ("Russia", "CONSULT", "Ukraine", "possible") in factual(
        "He mentioned a possible meeting between Russia and Ukraine.")
    assert ("Russia", "CONSULT", "Ukraine", "negated") in factual(
        "No talks between Russia and Ukraine have been confirmed.")


def test_planned_meeting_is_an_agreement_and_a_planned_meeting() -> None:
    found = factual("Emmanuel Macron will visit China next month.")
    assert ("Emmanuel Macron", "AGREE", "China", "asserted") in found
    assert ("Emmanuel Macron", "CONSULT", "China", "planned") in found
    assert ("Emmanuel Macron", "CONSULT", "China", "asserted") not in found


def test_threat_is_asserted_its_hypothetical_content_is_not() -> None:
    found = events("Donald Trump warned Vladimir Putin that the US would impose sweeping "
                   "new sanctions if Russia failed to agree to a ceasefire.")
    assert ("Donald Trump", "THREATEN", "Vladimir Putin") in found
    assert not any(r in ("SANCTION", "AGREE") for _, r, _ in found)


def test_planned_events_are_kept() -> None:
    found = events("Donald Trump will meet Vladimir Putin in Budapest next week.")
    assert either(found, "Donald Trump", "AGREE", "Vladimir Putin")


def test_events_inside_quotations_are_the_speakers_claims() -> None:
    found = events('Volodymyr Zelensky said that "Russia attacked Ukraine again last night."')
    assert ("Russia", "ASSAULT", "Ukraine") not in found
