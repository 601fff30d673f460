"""The extractors together, through the real pipeline: open statements, graded confidence,
the lexicons they read, and no text that crashes them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import nlp
from kg.extract.words import words
from kg.ingest.segment import segment
from kg.lexicons import event_lexicon, rows
from kg.records import Block, Document
from kg.tasks import extract_article, parse_documents

from .reading import CLOSED, statements


def test_other_clauses_stay_open_statements() -> None:
    found = statements("Angela Merkel opened a museum in Berlin.")
    assert any(s.relation == "OTHER" and s.subject.name == "Angela Merkel"
               and s.label == "opened" for s in found)


def test_open_objects_are_never_bare_pronouns() -> None:
    found = [s for s in statements(
        "The summit, which Emmanuel Macron described as frank, ended early. "
        "Much will depend on the trust that both leaders must now build.")
        if s.relation == "OTHER"]
    described = [s for s in found if s.label == "described"]
    assert [s.object.name for s in described] == ["The summit"]
    assert not any(s.object and s.object.name.lower() in {"that", "which", "who", "it"}
                   for s in found)


def test_confidence_is_graded() -> None:
    def confidence(text: str, relation: str) -> float:
        return max(s.evidence.confidence for s in statements(text) if s.relation == relation)

    direct = confidence("Olga Stefanishyna condemned Russia on Monday.", "ACCUSE")
    inherited = confidence("Olga Stefanishyna arrived in Kyiv and condemned Russia.", "ACCUSE")
    nominal = confidence("Russia's strikes on Ukraine continued.", "ASSAULT")
    objectless = confidence("Olga Stefanishyna condemned the decision.", "ACCUSE")
    assert direct > inherited > nominal
    assert direct > objectless


# -- data --------------------------------------------------------------------------------------


def test_lexicon_codes_are_plover() -> None:
    codes = {entry.code for entries in event_lexicon().values() for entry in entries}
    assert codes <= CLOSED - {"HOLDS_POSITION", "MEMBER_OF", "SAID"}


def test_word_classes_are_known() -> None:
    kinds = {row[0].strip() for row in rows("extract_words.tsv")}
    assert {"light", "nonfactive", "recipient", "planned"} <= kinds
    assert "hold" in words("light")


# -- robustness ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=300))
def test_no_text_crashes_the_extractors(text: str) -> None:
    # the whole text as one paragraph, and as the reader would segment it
    for blocks in ((Block(0, len(text)),), segment(text)):
        _read_fuzz(Document("fuzz", text, tuple(blocks)))


def _read_fuzz(document: Document) -> None:
    for parsed, paragraphs in parse_documents(nlp.load(), [document]):
        reading = extract_article(parsed, paragraphs)
        for statement in reading.statements:
            assert statement.relation in CLOSED | {"OTHER"}
            assert 0.0 <= statement.evidence.confidence <= 1.0


_SENTENCE_PARTS = st.sampled_from([
    "Donald Trump", "Vladimir Putin", "Russia", "Ukraine", "NATO", "the US", "he", "she",
    "met", "condemned", "did not meet", "urged", "to visit", "agreed to hold talks with",
    "said", "“", "”", '"', ",", ".", ":", "—", "and", "'s", "including", "of", "the",
    "President", "Prime Minister", "counterparts", "respectively", "a member of", "if",
    "could", "strikes on", "call with", "–", "?", "\n\n",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SENTENCE_PARTS, min_size=1, max_size=40))
def test_no_news_like_text_crashes_the_extractors(parts: list[str]) -> None:
    text = " ".join(parts)
    _read_fuzz(Document("fuzz", text, (Block(0, len(text)),)))


def test_an_event_two_extractors_read_in_one_sentence_is_one_statement() -> None:
    # the verb's clause and the event noun "dialogue" both read the call (the seed's lead)
    found = [s for s in statements(
        "Donald Trump and Vladimir Putin met in Alaska in August.\n\n"
        "US President Donald Trump announced on Thursday that he had a \u201cvery productive\u201d "
        "phone conversation with Russian President Vladimir Putin, marking the first direct "
        "dialogue between the two leaders since mid-August.") if s.relation == "CONSULT"
        and s.evidence.start > 50]
    assert len(found) == 1
    assert found[0].mode == "phone"
