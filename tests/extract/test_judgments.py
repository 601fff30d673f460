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


def test_a_party_displeased_with_a_thing_accuses_whose_it_is() -> None:
    """Displeasure blames a party named, or whose act the thing is; never the one an act
    was done to, and no denied displeasure."""
    assert ("United States", "Iraq") in accusations(
        "The United States was disappointed by the decision of Iraq.")
    assert ("China", "Japan") in accusations("China is angry at Japan over the visit.")
    assert accusations("Germany was outraged by the poisoning of Alexei Navalny.") == set()
    assert accusations("Iran was not disappointed by the decision of Iraq.") == set()
    assert ("France", "Turkey") in accusations(
        "Turkey attacked Kurdish forces in Syria. France was appalled by the attack.")


def test_a_finite_verb_hung_on_a_noun_under_a_gerund_root_is_the_main_verb() -> None:
    # the parser reads "the think tank called …" as a name; "Zarif speaking" has no finite verb
    found = {(s.subject.name, s.relation, s.object.name if s.object else None)
             for s in reading("The United States imposed new sanctions on Iran.\n\nOn Friday, "
                              "Iranian foreign minister Javad Zarif speaking to the Chatham "
                              "House think tank called the sanctions \"illegal\".").statements}
    assert ("Javad Zarif", "ACCUSE", "United States") in found


def _accusations(text: str) -> set[tuple[str, str | None]]:
    return {(s.subject.name, s.object.name if s.object else None)
            for s in reading(text).statements if s.relation == "ACCUSE"}


def test_claiming_or_believing_another_did_harm_accuses_it() -> None:
    assert ("Ahmed Tamim", "Houthis") in _accusations(
        "Yemeni journalist Ahmed Tamim claimed the Houthis have attacked journalists.")
    assert ("CIA", "Mohammed bin Salman") in _accusations(
        "The CIA believes Saudi crown prince Mohammed bin Salman ordered the killing.")
    # a claim of no harm, or of a harm nobody did, accuses nobody
    assert not _accusations("Russia claimed it had not attacked civilians.")
    assert not _accusations("Armenia claimed 790 Azerbaijani soldiers had been killed.")
    # believing another did good is no accusation
    assert not _accusations("Officials believe Norway mediated the talks.")


def test_the_accused_of_an_allegation_is_its_clause_doer() -> None:
    assert ("Ukraine", "Russia") in _accusations(
        "Ukraine alleged that Russia had shelled the power plant.")
    # a harm alleged without its doer accuses no one in particular
    assert ("associates", None) in _accusations(
        "His associates had alleged Navalny was poisoned.")


def test_a_label_of_deceit_damns_whose_the_thing_is() -> None:
    assert ("Hatice Cengiz", "Mohammed bin Salman") in _accusations(
        "Saudi crown prince Mohammed bin Salman admitted responsibility. Hatice Cengiz "
        "called Mohammed bin Salman's admission a \"political maneuver\".")


def test_an_allegation_accuses_only_the_doer_of_a_harm_done() -> None:
    # what the victim did is no accusation of the victim; a supposed harm accuses nobody
    assert ("Associates of Navalny", None) in _accusations(
        "Associates of Navalny alleged he drank tea laced with poison.")
    assert not any(o is not None for _, o in _accusations(
        "Associates of Navalny alleged he drank tea laced with poison."))
    assert not _accusations("Kyle Rittenhouse contended the protesters would have attacked "
                            "him had he not been armed.")
