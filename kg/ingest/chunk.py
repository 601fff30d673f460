"""Bound the size of paragraphs: an over-long one becomes several paragraph blocks.

Each paragraph is parsed as one spaCy doc, and reading a doc costs more than linearly
in its length (one 200,000-character paragraph took 78 s and 820 MB to build, the same
text in pieces 23 s and 750 MB); past ``nlp.max_length`` spaCy refuses it outright. So
a paragraph longer than :data:`MAX_CHUNK` characters is cut into consecutive blocks no
longer than that, at the last sentence end in the second half of the window, else at a
line break, else at a space, else (one unbroken "word") hard at the limit. The pieces
are still slices of the article text, so offsets into it stay exact. No article of the
Wikinews corpus has a paragraph this long (the longest has 3,694 characters).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.records import Block, BlockKind

MAX_CHUNK = 5000
"""Characters in one parsed block, at most."""

# Where a piece may end, best first: each match ends one character past the cut.
_BREAKS = (
    re.compile(r"[.!?…][\"'”’»)\]]*\s"),  # a sentence end and its closing quotes
    re.compile(r"\n"),
    re.compile(r"\s"),
)


def _cut(text: str, start: int) -> int:
    """Where the piece from ``start`` ends: the best break in the second half of the window."""
    low, high = start + MAX_CHUNK // 2, start + MAX_CHUNK
    cut = high
    for pattern in _BREAKS:
        ends = [found.end() for found in pattern.finditer(text, low, high + 1)]
        if ends:
            cut = ends[-1] - 1
            break
    while text[cut - 1].isspace():  # the piece is trimmed like every block
        cut -= 1
    return cut


def chunks(text: str, block: Block) -> Iterator[Block]:
    """``block`` cut into trimmed pieces of at most :data:`MAX_CHUNK` characters.

    >>> text = "One. " * 1500
    >>> [(b.start, b.end) for b in chunks(text.strip(), Block(0, len(text.strip())))]
    [(0, 4999), (5000, 7499)]
    """
    start, end = block.start, block.end
    while end - start > MAX_CHUNK:
        cut = _cut(text, start)
        yield Block(start, cut, block.kind)
        start = cut
        while text[start].isspace():
            start += 1
    yield Block(start, end, block.kind)


def bound(text: str, blocks: Iterable[Block]) -> tuple[Block, ...]:
    """``blocks`` with every over-long paragraph cut by :func:`chunks`; headings are kept.

    Headings are never parsed, so their length costs nothing.

    >>> blocks = bound("Talks\\n\\n" + "They met. " * 600, [Block(0, 5, BlockKind.HEADING),
    ...                                                  Block(7, 6006)])
    >>> [(b.start, b.end, b.kind.value) for b in blocks]
    [(0, 5, 'heading'), (7, 5006, 'paragraph'), (5007, 6006, 'paragraph')]
    """
    out: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH and block.end - block.start > MAX_CHUNK:
            out.extend(chunks(text, block))
        else:
            out.append(block)
    return tuple(out)
