"""Events named by nouns (kg.extract.events), on real sentences."""

from __future__ import annotations

from .reading import either, events


def test_possessed_event_noun_with_recipient() -> None:
    found = events("Russia's overnight missile strikes on Ukrainian cities killed five people.")
    assert ("Russia", "ASSAULT", "Ukraine") in found


def test_event_noun_with_possessor_and_partner() -> None:
    found = events("Putin's call with Trump lasted two hours.")
    assert either(found, "Vladimir Putin", "CONSULT", "Donald Trump") or either(
        found, "Putin", "CONSULT", "Trump")


def test_hyphenated_parties_of_an_event_noun() -> None:
    found = events("Vladimir Putin thanked Donald Trump. The Trump–Putin call lasted two hours.")
    assert either(found, "Donald Trump", "CONSULT", "Vladimir Putin")


def test_planned_meeting_is_an_agreement() -> None:
    found = events("Donald Trump spoke to Vladimir Putin. "
                   "The planned Trump-Putin meeting has drawn cautious optimism.")
    assert either(found, "Donald Trump", "AGREE", "Vladimir Putin")
    assert not either(found, "Donald Trump", "CONSULT", "Vladimir Putin") or \
        ("Donald Trump", "CONSULT", "Vladimir Putin") in events(
            "Donald Trump spoke to Vladimir Putin.")


def test_agreement_between_parties() -> None:
    found = events("The agreement between Turkey and Libya angered Greece.")
    assert either(found, "Turkey", "AGREE", "Libya")


def test_joint_effort_of_several_countries() -> None:
    found = events("The EastMed pipeline is an Israeli-Cypriot-Greek effort.")
    assert either(found, "Israel", "COOPERATE", "Cyprus")
    assert either(found, "Israel", "COOPERATE", "Greece")
    assert either(found, "Cyprus", "COOPERATE", "Greece")


def test_event_noun_needs_a_second_party() -> None:
    assert events("The Ukraine talks dragged on.") == set()


def test_negated_or_possible_event_noun_is_no_event() -> None:
    assert events("No talks between Russia and Ukraine have been confirmed.") == set()
    assert events("He mentioned a possible meeting between Russia and Ukraine.") == set()
