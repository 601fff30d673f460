"""Quotations and their speakers (kg.extract.quotes), and the pronouns that name them."""

from __future__ import annotations

from .reading import found, read


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


def says(text: str) -> set[tuple[str, str]]:
    """The asserted SAID statements as (speaker, quotation)."""
    return {(s, q) for s, r, _, q in read(text) if r == "SAID"}


def test_quote_before_the_verb() -> None:
    assert ("Olga Stefanishyna", "These assaults show Moscow’s real attitude toward peace") in \
        says("“These assaults show Moscow’s real attitude toward peace,” Olga Stefanishyna "
             "said in a statement to CBS.")


def test_quote_after_the_verb_straight_quotes() -> None:
    assert ("Boris Johnson", "I must answer you directly.") in says(
        'Boris Johnson said, "I must answer you directly."')


def test_quote_split_around_the_attribution() -> None:
    found = says("“We are the real choice for American voters,” Jo Jorgensen argued, “yet the "
                 "commission refuses to have me on stage.”")
    assert ("Jo Jorgensen", "We are the real choice for American voters") in found
    assert ("Jo Jorgensen", "yet the commission refuses to have me on stage.") in found


def test_quote_after_a_colon_spanning_sentences() -> None:
    found = says("Donald Trump remains optimistic, writing on Truth Social: “Great progress "
                 "was made today. I look forward to continuing the conversation.”")
    assert ("Donald Trump", "Great progress was made today. I look forward to continuing "
            "the conversation.") in found


def test_description_after_call_and_adding_that() -> None:
    found = says("Viktor Orbán called the development “great news for peace-loving people "
                 "around the world,” adding that “only dialogue can bring peace to our "
                 "continent.”")
    assert ("Viktor Orbán", "great news for peace-loving people around the world") in found
    assert ("Viktor Orbán", "only dialogue can bring peace to our continent.") in found


def test_quote_continuing_an_attributed_one() -> None:
    found = says("“We can’t deplete our stockpile,” Donald Trump said when asked about the "
                 "issue. “So I don’t know what we can do about that.”")
    assert ("Donald Trump", "So I don’t know what we can do about that.") in found


def test_speaker_in_apposition() -> None:
    found = says("Dunn's mother, Charlotte Charles, said on TV, \"She didn't purposely drive "
                 "on the other side of the road.\"")
    assert ("Charlotte Charles", "She didn't purposely drive on the other side of the road.") \
        in found


def test_description_called_after_its_object() -> None:
    found = says("The Turkish Ministry of Foreign Affairs denounced the summit, calling the "
                 "agreements \"legitimate and fully compatible with international law\".")
    assert any(q == "legitimate and fully compatible with international law" for _, q in found)


def test_scare_quotes_and_quoted_phrases_are_not_said() -> None:
    assert says("The Kremlin said both leaders had engaged in an “extremely frank and "
                "trustful” exchange.") == set()
    assert says("Donald Trump said the leaders discussed trade “for the period after the war "
                "in Ukraine ends.”") == set()
    assert says("Viktor Orbán urged Europe to move away from “arrogance and endless "
                "escalation.”") == set()


def test_description_after_as_or_of() -> None:
    assert ("Donald Trump", "perfectly fine and routine.") in says(
        "Donald Trump characterized the call with Volodymyr Zelensky as \"perfectly fine "
        "and routine.\"")
    assert ("Joe Biden", "trying to scare the hell out of America.") in says(
        "Joe Biden accused Donald Trump of \"trying to scare the hell out of America.\"")


def test_quote_opening_with_a_phrase_then_a_clause_is_said() -> None:
    assert ("Vinnie DeVita", "within probably 15 to 20 seconds of it all, it exploded.") in \
        says("According to eyewitness Vinnie DeVita, \"within probably 15 to 20 seconds of "
             "it all, it exploded.\"")


def test_quoted_name_in_apposition_is_not_said() -> None:
    assert says("Matty Roberts says his event, \"Storm Area 51, They Can't Stop All of Us\", "
                "was posted as a joke.") == set()


def test_short_quotes_are_not_said() -> None:
    assert says("Kyriakos Mitsotakis called the agreement “null and void”.") == set()
