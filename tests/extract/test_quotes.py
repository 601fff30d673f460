"""Quotations and their speakers (kg.extract.quotes), and the pronouns that name them."""

from __future__ import annotations

from .reading import found


def said(text: str) -> set[tuple[str, str]]:
    return {(speaker, quote) for speaker, _, quote in found(text, "SAID")}


def test_a_verb_in_a_relative_clause_does_not_take_the_quotation():
    text = ("House of Commons Speaker John Bercow commented on the matter — which the BBC "
            "noted as an unusual move by a Speaker — \"However it is dressed up, it is "
            "blindingly obvious that the purpose is to stop Parliament debating Brexit.\"")
    speakers = {speaker for speaker, _ in said(text)}
    assert speakers == {"John Bercow"}


def test_a_pronoun_inside_a_quotation_teaches_no_gender():
    """The quoted "he" is the crown prince, not the speaker: she stays a possible "she"."""
    text = ("On Thursday, Hatice Cengiz, fiancée of journalist Jamal Khashoggi, addressed "
            "reporters in New York.\n\nCrown Prince Mohammad bin Salman accepted "
            "responsibility for the murder.\n\nCengiz called the admission a \"political "
            "maneuver.\" She explained, \"By confessing this, he's also distancing himself "
            "from the killing of Jamal.\"")
    assert any(speaker == "Hatice Cengiz" and quote.startswith("By confessing")
               for speaker, quote in said(text))



def test_a_quoted_question_keeps_its_attribution_in_the_sentence():
    text = ("Prime Minister Boris Johnson was questioned at a hospital. \"Why should I resign "
            "over this?\" he asked the reporters.")
    assert ("Boris Johnson", "Why should I resign over this?") in said(text)


def test_a_party_qualified_description_is_the_party_leader_not_the_head_of_government():
    text = ("Prime Minister Tony Blair visited Leeds on Monday. \"We will not give in to "
            "these people, whatever they do,\" the prime minister said.\n\nConservative "
            "leader Michael Howard attacked the plan. \"This is a disgrace and the public "
            "deserve better,\" the Tory leader said.")
    found_quotes = said(text)
    assert ("Tony Blair", "We will not give in to these people, whatever they do") \
        in found_quotes
    assert ("Michael Howard", "This is a disgrace and the public deserve better") \
        in found_quotes


def test_a_quotation_spanning_paragraphs_keeps_its_speaker():
    text = ("Tony Blair spoke to reporters in Leeds on Monday. He said: \"We will not give in "
            "to these people, whatever they do.\n\n\"Our country has faced worse than this "
            "before and we will face it again together.\"\n\nThe crowd cheered. \"Nobody "
            "here will ever forget this day in Leeds,\" a woman shouted.")
    found_quotes = said(text)
    assert ("Tony Blair", "Our country has faced worse than this before and we will face it "
            "again together.") in found_quotes
    assert not any(speaker == "Tony Blair" and quote.startswith("Nobody")
                   for speaker, quote in found_quotes)


def test_a_quotation_standing_alone_is_the_speaker_of_the_report_before_it():
    text = ("Michael Howard said the plan would fail on Monday. \"It is a disaster for the "
            "whole country and everybody knows it.\"\n\nThe weather was fine. \"Nobody "
            "expected the rain to stop so soon this year.\"")
    assert said(text) == {("Michael Howard", "It is a disaster for the whole country and "
                                               "everybody knows it.")}
