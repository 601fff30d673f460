"""Read a text as a build would: the real spaCy model, the real resolver and extractors."""

from __future__ import annotations

from kg import nlp
from kg.pipeline import extract_article, parse_documents
from kg.records import Block, Document, Factuality, Reading, Statement


def reading(text: str, title: str | None = None, date: str | None = None) -> Reading:
    """What a build reads from ``text`` (one paragraph per blank-line block) under the
    headline ``title``, in an article of ``date``."""
    blocks, start = [], 0
    for part in text.split("\n\n"):
        begin = text.index(part, start)
        blocks.append(Block(begin, begin + len(part)))
        start = begin + len(part)
    document = Document("test", text, tuple(blocks), title=title, date=date)
    [(parsed, paragraphs)] = list(parse_documents(nlp.load(), [document]))
    return extract_article(parsed, paragraphs)


def found(text: str, relation: str, title: str | None = None) -> set[tuple]:
    """The ``relation`` statements of ``text`` as (subject, object, role or quote)."""
    return {(s.subject.name, s.object.name if s.object else None, s.role or s.quote)
            for s in reading(text, title).statements if s.relation == relation}


# The closed vocabulary, and the factuality the scored export counts.
CLOSED = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "HOLDS_POSITION", "MEMBER_OF", "SAID",
}
COUNTED = {Factuality.ASSERTED}


def statements(text: str, date: str | None = None) -> list[Statement]:
    """The statements a build reads from ``text`` (one paragraph per blank-line block),
    for an article dated ``date``."""
    return list(reading(text, date=date).statements)


def read(text: str) -> set[tuple]:
    """Closed-vocabulary statements as (subject, relation, object, role or quote): what the
    scored export counts (asserted events, not negated, possible or planned ones)."""
    return {
        (s.subject.name, s.relation, s.object.name if s.object else None, s.role or s.quote)
        for s in statements(text) if s.relation in CLOSED and s.factuality in COUNTED
    }


def events(text: str) -> set[tuple[str, str, str | None]]:
    """PLOVER events as (subject, relation, object)."""
    return {(s, r, o) for s, r, o, _ in read(text) if r not in
            {"HOLDS_POSITION", "MEMBER_OF", "SAID"}}


def either(found: set, a: str, relation: str, b: str) -> bool:
    """A symmetric event, read in either direction."""
    return (a, relation, b) in found or (b, relation, a) in found
