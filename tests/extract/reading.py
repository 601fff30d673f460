"""Read a text as a build would: the real spaCy model, the real resolver and extractors."""

from __future__ import annotations

from kg import nlp
from kg.pipeline import parse_documents, read_article
from kg.records import Block, Document, Reading


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
    return read_article(parsed, paragraphs)


def found(text: str, relation: str, title: str | None = None) -> set[tuple]:
    """The ``relation`` statements of ``text`` as (subject, object, role or quote)."""
    return {(s.subject.name, s.object.name if s.object else None, s.role or s.quote)
            for s in reading(text, title).statements if s.relation == relation}
