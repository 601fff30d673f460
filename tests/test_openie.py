"""Open IE (kg/openie/ and ``kg openie``): each construction on real news sentences,
the CaRB TSV the command prints, and robustness on arbitrary input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.nlp
from kg.openie import Triple, confidence, extract, extract_lines, phrase, sentences, tsv_lines

KG = [sys.executable, "-m", "kg"]


def tuples(sentence: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(t.relation, t.arguments) for t in extract(kg.nlp.load()(sentence))]


def binary(sentence: str) -> set[tuple[str, str, str]]:
    """(arg1, relation, the other arguments joined) — the form CaRB compares."""
    return {(args[0], rel, " ".join(args[1:])) for rel, args in tuples(sentence)}


# -- constructions -------------------------------------------------------------------------


def test_preposition_moves_into_the_relation_and_time_stays_an_argument() -> None:
    found = tuples("The foreign minister met with his Chinese counterpart on Tuesday.")
    assert ("met with", ("The foreign minister", "his Chinese counterpart", "on Tuesday")) in found


# (sentence, tuples CaRB-style it must contain): one construction per row
CONSTRUCTIONS = {
    "auxiliaries and negation join the relation": (
        "The government has not ratified the treaty.",
        [("The government", "has not ratified", "the treaty")]),
    "a passive keeps its patient as subject, the agent as argument": (
        "The proposal was rejected by the parliament.",
        [("The proposal", "was rejected by", "the parliament")]),
    "a copula relates subject and complement": (
        "The ambassador is a veteran diplomat.",
        [("The ambassador", "is", "a veteran diplomat")]),
    "coordinated subjects give one tuple each": (
        "France and Germany signed the agreement.",
        [("France", "signed", "the agreement"), ("Germany", "signed", "the agreement")]),
    "coordinated verbs share their subject": (
        "The president arrived in Kyiv and met the prime minister.",
        [("The president", "met", "the prime minister"), ("The president", "arrived in", "Kyiv")]),
    "a relative clause takes the noun it modifies, and stays out of the object": (
        "Protesters blocked the road that leads to the airport.",
        [("the road", "leads to", "the airport"), ("Protesters", "blocked", "the road")]),
    "an apposition is a be tuple": (
        "Olga Petrova, the ambassador of Ukraine, spoke to reporters.",
        [("Olga Petrova", "be", "the ambassador of Ukraine"),
         ("Olga Petrova", "spoke to", "reporters")]),
    "a control verb and its infinitive make one relation": (
        "The two leaders agreed to hold a summit.",
        [("The two leaders", "agreed to hold", "a summit")]),
    "an adjective links a copula to an infinitive": (
        "The delegation is unlikely to sign the accord.",
        [("The delegation", "is unlikely to sign", "the accord")]),
    "reported speech keeps the complement clause whole": (
        "The spokesman said that the talks had failed.",
        [("The spokesman", "said that", "the talks had failed")]),
    "a title before a name": (
        "President Macron spoke with reporters.", [("Macron", "be", "President")]),
    "a noun placed by a preposition": (
        "The talks were held at a hotel in Geneva.", [("a hotel", "be in", "Geneva")]),
    "a possessive in the past": (
        "Germany's chancellor visited Paris.", [("Germany", "had", "chancellor")]),
    "a possessive in the present": (
        "Germany's chancellor visits Paris.", [("Germany", "has", "chancellor")]),
}


@pytest.mark.parametrize("name", list(CONSTRUCTIONS))
def test_construction(name: str) -> None:
    sentence, expected = CONSTRUCTIONS[name]
    assert set(expected) <= binary(sentence)


def test_confidence_ranks_a_main_clause_above_a_possessive() -> None:
    found = {t.relation: t.confidence for t in
             extract(kg.nlp.load()("Germany's chancellor visited Paris."))}
    assert 0 < found["had"] < found["visited"] < 1


def test_phrase_keeps_the_writers_tokens_and_pairs_quotation_marks() -> None:
    doc = kg.nlp.load()('The band played "Northern Lights" in Moutier-Grandval.')
    place = [t for t in doc if t.idx >= doc.text.index("Moutier")]
    assert phrase(place) == "Moutier-Grandval"  # not "Moutier - Grandval"
    opening = doc.text.index('"')
    title = [t for t in doc if opening <= t.idx < opening + len('"Northern Lights')]
    assert phrase(title) == '"Northern Lights"'  # the closing mark joins its partner
    assert phrase([doc[0], doc[1], doc[2]]) == "The band played"


def test_confidence_is_a_probability() -> None:
    assert 0 < confidence(["subject:none", "possessive"]) < confidence(["subject:own"]) < 1


# -- reading lines -------------------------------------------------------------------------


def test_sentences_split_on_line_feeds_only() -> None:
    data = "\ufeffOne.\r\nTwo\u2028still two.\n\nThree.".encode()
    assert sentences(data, "x.txt") == ["One.", "Two\u2028still two.", "", "Three."]


def test_sentences_name_the_line_of_a_bad_byte() -> None:
    with pytest.raises(ValueError, match=r"x\.txt: line 2: not UTF-8"):
        sentences(b"fine\nbad \xff\n", "x.txt")


def test_blank_lines_give_nothing_and_every_other_line_is_echoed() -> None:
    lines = ["", "   ", "Kenya recalled its ambassador .", "\t"]
    assert [s for s, _ in extract_lines(lines)] == ["Kenya recalled its ambassador ."]


def test_tsv_fields_never_carry_a_tab_or_line_break() -> None:
    line = Triple("met", ("A\tB", "C\u2028D"), 0.25).tsv("A\tB met C\u2028D")
    assert line.split("\t") == ["A B met C D", "0.250", "met", "A B", "C D"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=80), max_size=4))
def test_arbitrary_unicode_lines_never_crash(lines: list[str]) -> None:
    for row in tsv_lines(lines):
        fields = row.split("\t")
        assert len(fields) >= 4 and "\n" not in row
        assert 0.0 <= float(fields[1]) <= 1.0


SHUFFLED = ("The envoy , who had arrived in Cairo on Monday , did not meet the president "
            "or his ministers before the talks ended .")


@settings(max_examples=30, deadline=None)
@given(st.permutations(SHUFFLED.split(" ")))
def test_shuffled_news_words_never_crash(words: list[str]) -> None:
    for triple in extract(kg.nlp.load()(" ".join(words))):
        assert triple.relation and len(triple.arguments) >= 2


# -- the command ---------------------------------------------------------------------------


def run(*args: str | Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, "openie", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "60", **env})


LINES = [
    "The Kenyan government expelled two diplomats on Friday .",
    "",
    "Ministers from 20 countries gathered in Oslo, where they signed a climate pledge.",
    "   ",
    "Talks between the two sides collapsed after Iran refused to attend.",
]


def test_command_prints_carb_tsv_for_each_sentence(tmp_path: Path) -> None:
    source = tmp_path / "sentences.txt"
    source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    result = run(source)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(row) >= 4 and all(field.strip() for field in row[2:])
                        for row in rows)
    echoed = {row[0] for row in rows}
    assert echoed <= set(LINES[::2]) and len(echoed) >= 2  # each sentence exactly as given
    assert all(0.0 <= float(row[1]) <= 1.0 for row in rows)
    assert len({row[1] for row in rows}) > 1  # graded, so that the order means something
    assert ["expelled", "The Kenyan government", "two diplomats", "on Friday"] in [
        row[2:] for row in rows]

    target = tmp_path / "out" / "carb.tsv"
    written = run(source, "-o", target)
    assert written.returncode == 0 and target.read_text(encoding="utf-8") == result.stdout
    assert not [p for p in target.parent.iterdir() if p != target]  # no temporary left


def test_unreadable_input_is_one_error_line(tmp_path: Path) -> None:
    missing = tmp_path / ("a-rather-long-folder-name-" * 3) / "missing.txt"
    result = run(missing)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"error: {missing}: cannot read (No such file or directory)"]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"A fine line.\nnot \xff UTF-8\n")
    result = run(bad)
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {bad}: line 2: not UTF-8 (byte 17)"


def test_missing_model_is_an_environment_error(tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text("Peru closed its border .\n", encoding="utf-8")
    result = run(source, "--model", str(tmp_path / "no-such-model"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_quality_benchmark_needs_the_shared_data(tmp_path: Path) -> None:
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "quality.py"
    result = subprocess.run([sys.executable, script, "--shared", tmp_path],
                            capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: no shared data at {tmp_path}")
    assert len(result.stderr.strip().splitlines()) == 1
