"""Finding a statement's parts in its sentence (kg.explorer.spans), on sentences of the
seed article and the Wikinews corpus."""

from __future__ import annotations

from kg.explorer.spans import SentenceMarks, find_name, find_text, pieces

SUMMIT = ("US President Donald Trump announced on Thursday that he had a “very productive” "
          "phone conversation with Russian President Vladimir Putin, marking the first direct "
          "dialogue between the two leaders since mid-August.")


def test_names_stand_as_whole_words() -> None:
    text = "Iranian officials said Iran would not talk to Trump's envoy."
    assert find_name(text, ["Iran"]) == (23, 27)  # not inside "Iranian"
    assert text[slice(*find_name(text, ["Donald Trump", "Trump"]))] == "Trump"  # "Trump's"
    assert find_name(text, ["Tehran"]) is None


def test_the_exact_case_wins_over_any_case() -> None:
    text = "The US said us officials would go."
    assert find_name(text, ["US"]) == (4, 6)
    assert find_name("the us said", ["US"]) == (4, 6)  # any case when no exact one


def test_a_post_is_found_by_its_holder() -> None:
    putin = find_name(SUMMIT, ["Vladimir Putin"])
    assert SUMMIT[slice(*find_text(SUMMIT, "President", near=putin))] == "President"
    assert find_text(SUMMIT, "President", near=putin)[1] == putin[0] - 1


def test_a_quotation_joined_from_pieces_is_found_by_its_longest() -> None:
    text = '"We will never accept this," Orbán said, "and we will say so in Brussels."'
    span = find_text(text, "We will never accept this [...] we will say so in Brussels")
    assert text[slice(*span)] == "we will say so in Brussels"


def test_two_statements_share_a_mention_and_the_pieces_cover_the_sentence() -> None:
    marks = SentenceMarks(SUMMIT)
    trump = {"name": "Donald Trump", "type": "Person"}
    putin = {"name": "Vladimir Putin", "type": "Person"}
    first = marks.entity(["Donald Trump", "President Donald Trump"], trump, "0:subject")
    assert marks.entity(["Donald Trump"], trump, "1:subject") == first
    assert marks.entity(["Vladimir Putin", "Putin"], putin, "0:object", avoid=[first])
    assert marks.text_part("Thursday", "time", "0:time", near=first) == (39, 47)
    shown = marks.json()
    assert "".join(p["text"] for p in shown["pieces"]) == SUMMIT
    assert [m["roles"] for m in shown["marks"] if m["kind"] == "entity"] == [
        ["0:subject", "1:subject"], ["0:object"]]
    assert pieces("", []) == []
