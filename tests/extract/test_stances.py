"""Stances named by agent nouns (kg/extract/stances.py), on real sentences."""

from __future__ import annotations

from .reading import reading


def stances(text: str) -> set[tuple]:
    return {(s.subject.name, s.relation, s.object.name, s.factuality.value)
            for s in reading(text).statements if s.evidence.extractor == "stances"}


NAVALNY = "Russian opposition leader Alexei Navalny was flown to Berlin on Saturday. "


def test_a_critic_criticises_whom_the_noun_names() -> None:
    assert ("Alexei Navalny", "ACCUSE", "Vladimir Putin", "asserted") in stances(
        NAVALNY + "Navalny is an outspoken critic of Russian president Vladimir Putin.")
    assert ("Alexei Navalny", "ACCUSE", "Vladimir Putin", "asserted") in stances(
        NAVALNY + "Navalny, an outspoken critic of Russian President Vladimir Putin, fell ill.")


def test_a_seat_of_government_before_the_noun_is_its_country() -> None:
    assert stances(NAVALNY + "Kremlin critic Alexei Navalny was poisoned in Siberia.") == {
        ("Alexei Navalny", "ACCUSE", "Russia", "asserted")}


def test_a_supporter_supports() -> None:
    assert ("Lindsey Graham", "SUPPORT", "Israel", "asserted") in stances(
        "Senator Lindsey Graham, a staunch supporter of Israel, visited Jerusalem on Sunday.")


def test_a_denied_stance_is_negated_and_a_critic_of_films_criticises_no_one() -> None:
    assert stances(NAVALNY + "Navalny is not a critic of Russian president Vladimir Putin.") \
        >= {("Alexei Navalny", "ACCUSE", "Vladimir Putin", "negated")}
    assert stances("New York Times film critic A. O. Scott praised the documentary.") == set()
