"""Damning judgments in reported clauses (kg/extract/judgments.py), on news sentences: each
with the readings that must not accuse."""

from __future__ import annotations

from .reading import reading


def accusations(text: str) -> set[tuple]:
    return {(s.subject.name, s.object.name if s.object else None)
            for s in reading(text).statements if s.relation == "ACCUSE" and s.is_fact}


def test_a_damning_predicate_accuses_whose_thing_it_is() -> None:
    """The parties of the agreement, the imposer of the sanctions."""
    assert accusations('Greece said the maritime border agreement between Turkey and Libya '
                       'is "null and void".') == {("Greece", "Turkey"), ("Greece", "Libya")}
    assert ("Iran", "United States") in accusations(
        "Iran said the sanctions imposed by the United States were illegal.")


def test_saying_a_thing_breaks_a_rule_accuses_its_owner() -> None:
    assert ("China", "United States") in accusations(
        "China said the visit by the US delegation violated its sovereignty.")


def test_no_judgment_without_a_damned_thing_or_with_a_denial() -> None:
    """A party named as the subject is judged of nothing ("was responsible" is no damning
    word either); "did not violate" clears the thing."""
    assert accusations("Iran said Russia was responsible.") == set()
    assert accusations("Egypt said the strikes by Israel did not violate international "
                       "law.") == set()
    assert accusations("Egypt said the agreement between Turkey and Libya was "
                       "important.") == set()
