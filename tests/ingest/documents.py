"""What every document the readers give must hold, and helpers to look at its blocks."""

from __future__ import annotations

import re

from conftest import SEED_ID, SEEDS

from kg.ingest import ReadError
from kg.records import BlockKind, Document

SEED = SEEDS / f"{SEED_ID}.txt"
DATELINE = re.compile(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4}")


def texts(doc: Document, kind: BlockKind | None = None) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if kind is None or b.kind is kind]


def pairs(doc: Document) -> list[tuple[str, BlockKind]]:
    return [(doc.text[b.start : b.end], b.kind) for b in doc.blocks]


def split(items: list[Document | ReadError]) -> tuple[list[Document], list[ReadError]]:
    docs = [x for x in items if isinstance(x, Document)]
    errors = [x for x in items if isinstance(x, ReadError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


def only(items: list[Document | ReadError]) -> Document:
    docs, errors = split(items)
    assert errors == []
    assert len(docs) == 1
    return docs[0]


def check_blocks(doc: Document) -> None:
    """Blocks are trimmed, ordered, non-overlapping slices of the text."""
    last = 0
    for b in doc.blocks:
        piece = doc.text[b.start : b.end]
        assert piece, b
        assert piece == piece.strip(), (doc.id, piece)
        assert b.start >= last
        last = b.end
