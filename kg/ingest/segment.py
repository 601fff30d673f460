"""Split article text into heading and paragraph blocks, dropping boilerplate.

Blocks break at blank lines, and at single newlines when the lines read as separate
headings or paragraphs (news copy often has one paragraph per line) rather than as a
hard-wrapped paragraph. Boilerplate patterns live in ``kg/data/boilerplate.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kg.records import Block, BlockKind

BOILERPLATE_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"

MAX_HEADING_WORDS = 15
_CLOSERS = "\"'”’»)]*_"  # closing quotes/brackets (and markdown emphasis) after the last word
_SENTENCE_END = ".!?…:"
_NOT_HEADING_END = _SENTENCE_END + ";,"
_WRAP_MIN = 50  # a line this long without a sentence end may be hard-wrapped
_WRAP_SLACK = 20  # ...if the next line is not much longer
_BOILERPLATE_MAX = 500  # no boilerplate pattern is meant to match longer blocks

_MD_HEADING = re.compile(r"#{1,6}[ \t]+(?P<body>.*?)(?:[ \t]+#+)?[ \t]*\Z")
_BULLET = re.compile(r"(?:[-*+•·▪]|\d{1,3}[.)])\s+\S")
# An interview transcript's speaker tag at the start of a paragraph ("((WN)) ", "NG: "):
# it names who speaks, it is not part of what is said, so the block starts after it.
_SPEAKER_TAG = re.compile(r"(?:\(\([^()\n]{1,60}\)\)|[A-Z]{2,4}:)[ \t]+(?=\S)")


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern[str]:
    patterns = []
    lines = BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            re.compile(line)
        except re.error as e:
            raise ValueError(f"{BOILERPLATE_FILE}:{number}: bad pattern ({e})") from None
        patterns.append(f"(?:{line})")
    return re.compile("|".join(patterns) or r"(?!)", re.IGNORECASE)


def is_boilerplate(text: str) -> bool:
    """Whether a whole block is web boilerplate (see ``kg/data/boilerplate.txt``).

    >>> is_boilerplate("Post a Comment (0)"), is_boilerplate("Share on Facebook")
    (True, True)
    >>> is_boilerplate("Talks resumed in Geneva.")
    False
    """
    norm = " ".join(text.split()).rstrip(":").rstrip()
    if not norm:
        return True
    if len(norm) > _BOILERPLATE_MAX:
        return False
    return _boilerplate().fullmatch(norm) is not None


def _ends_sentence(line: str, ends: str = _SENTENCE_END) -> bool:
    core = line.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(core) and core[-1] in ends


def is_heading(text: str) -> bool:
    """Whether a block reads as a heading: short, and not ending like a sentence.

    Markdown ``#`` lines are headings; list items are not.

    >>> is_heading("Ukraine’s Reaction and Growing Tensions"), is_heading("Friday, January 4, 2019")
    (True, True)
    >>> is_heading("Talks resumed in Geneva."), is_heading("Who will pay?")
    (False, False)
    """
    text = text.strip()
    if _MD_HEADING.match(text):
        return True
    if _BULLET.match(text):
        return False
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    return not _ends_sentence(text, _NOT_HEADING_END)


def _continues(prev: str, line: str, wrapped: bool) -> bool:
    """Whether ``line`` continues the paragraph of ``prev`` (both stripped)."""
    if _MD_HEADING.match(prev) or _MD_HEADING.match(line) or _BULLET.match(line):
        return False
    if is_boilerplate(prev) or is_boilerplate(line):
        return False
    if _ends_sentence(prev):
        return wrapped
    if line[:1].islower():
        return True
    return len(prev) >= _WRAP_MIN and len(line) <= len(prev) + _WRAP_SLACK


def _is_wrapped(lines: list[str]) -> bool:
    """Whether lines look like one hard-wrapped paragraph (similar, modest lengths)."""
    if len(lines) < 3:
        return False
    lengths = [len(line) for line in lines]
    longest = max(lengths)
    return longest <= 100 and min(lengths[:-1]) >= 0.6 * longest


def _line_spans(text: str) -> list[tuple[int, int] | None]:
    """Each line's whitespace-trimmed span, or ``None`` for a blank line."""
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped.strip():
            start = pos + len(line) - len(stripped)
            spans.append((start, start + len(stripped.rstrip())))
        else:
            spans.append(None)
        pos += len(line) + 1
    return spans


def _groups(text: str) -> Iterable[tuple[int, int]]:
    """Spans of candidate blocks: runs of lines split at blank lines and line breaks."""
    chunk: list[tuple[int, int]] = []
    for span in [*_line_spans(text), None]:
        if span is not None:
            chunk.append(span)
            continue
        if not chunk:
            continue
        lines = [text[s:e] for s, e in chunk]
        wrapped = _is_wrapped(lines)
        start = chunk[0][0]
        for i in range(1, len(chunk)):
            if not _continues(lines[i - 1], lines[i], wrapped):
                yield start, chunk[i - 1][1]
                start = chunk[i][0]
        yield start, chunk[-1][1]
        chunk = []


def _block(text: str, start: int, end: int) -> Block | None:
    piece = text[start:end]
    if is_boilerplate(piece):
        return None
    md = _MD_HEADING.match(piece)
    if md:
        body = md.group("body")
        if not body.strip() or is_boilerplate(body):
            return None
        return Block(start + md.start("body"), start + md.end("body"), BlockKind.HEADING)
    tag = _SPEAKER_TAG.match(piece)
    if tag:
        start += tag.end()
        piece = piece[tag.end():]
    return Block(start, end, BlockKind.HEADING if is_heading(piece) else BlockKind.PARAGRAPH)


def segment(text: str) -> tuple[Block, ...]:
    """Split ``text`` into heading and paragraph blocks; boilerplate gets no block.

    Offsets are into ``text``; each block is trimmed of surrounding whitespace.

    >>> text = "Friday, January 4, 2019\\n\\nTalks resumed.\\n\\nShare this"
    >>> [(text[b.start:b.end], b.kind.value) for b in segment(text)]
    [('Friday, January 4, 2019', 'heading'), ('Talks resumed.', 'paragraph')]
    """
    blocks = (_block(text, start, end) for start, end in _groups(text))
    return tuple(b for b in blocks if b is not None)


def assemble(parts: Iterable[tuple[str, BlockKind | None]]) -> tuple[str, tuple[Block, ...]]:
    """Build a text and its blocks from parts that are already separate (HTML paragraphs).

    Parts are joined with blank lines; a part with kind ``None`` is segmented like
    plain text, one with a kind becomes a single block of that kind. Boilerplate parts
    are left out of the text altogether.

    >>> parts = [("Talks", BlockKind.HEADING), ("Tweet", None), ("They met.", None)]
    >>> text, blocks = assemble(parts)
    >>> text, [b.kind.value for b in blocks]
    ('Talks\\n\\nThey met.', ['heading', 'paragraph'])
    """
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for raw, kind in parts:
        part = "\n".join(" ".join(line.split()) for line in raw.strip().split("\n")).strip()
        if not part or is_boilerplate(part):
            continue
        found = segment(part) if kind is None else (Block(0, len(part), kind),)
        if not found:
            continue
        offset = pos + (2 if pieces else 0)
        blocks.extend(Block(b.start + offset, b.end + offset, b.kind) for b in found)
        pieces.append(part)
        pos = offset + len(part)
    return "\n\n".join(pieces), tuple(blocks)
