"""Plain text and Markdown files (kg.ingest.text): the seed article, real files, no mocks."""

from __future__ import annotations

import pytest

from kg.ingest import read
from kg.records import BlockKind, Document

from .documents import SEED, check_blocks, only, texts


@pytest.fixture(scope="module")
def seed() -> Document:
    return only(list(read([SEED])))


def test_seed_metadata(seed: Document) -> None:
    assert seed.id == "000_aebe9d6deb04523e"
    assert (
        seed.title == "Trump and Putin Plan Hungary Summit After “Productive” Call Amid Ukraine War"
    )
    assert seed.date == "2025-10-16"
    assert seed.source == "Times in Pakistan"
    assert seed.text == SEED.read_text(encoding="utf-8")


def test_seed_headings(seed: Document) -> None:
    headings = texts(seed, BlockKind.HEADING)
    assert headings == [
        "Trump and Putin Plan Hungary Summit After “Productive” Call Amid Ukraine War",
        "Times in Pakistan",
        "Trump and Putin Plan Summit in Budapest",
        "Ukraine’s Reaction and Growing Tensions",
        "A Renewed Push for Diplomacy",
        "Improved Relations with Kyiv",
        "Global Reactions and Strategic Calculations",
        "The Path Forward",
    ]


def test_seed_paragraphs_and_boilerplate(seed: Document) -> None:
    check_blocks(seed)
    paragraphs = texts(seed, BlockKind.PARAGRAPH)
    assert len(paragraphs) == 21
    assert paragraphs[0].startswith("Donald Trump and Vladimir Putin walking side by side")
    # the leading no-break space is trimmed off the first paragraph of the story
    assert paragraphs[1].startswith("US President Donald Trump announced on Thursday")
    assert paragraphs[-1].startswith("Whether this optimism translates")
    assert paragraphs[-1].endswith("must now navigate.")
    every = texts(seed)
    for junk in ("Tags", "Post a Comment", "0 Comments", "Post a Comment (0)", "0"):
        assert junk not in every
    assert not any("3/related/default" in t or "Post a Comment" in t for t in every)
    for heading in texts(seed, BlockKind.HEADING):
        assert not any(heading in p for p in paragraphs), heading
    assert [b.kind for b in seed.paragraphs()] == [BlockKind.PARAGRAPH] * 21
