"""Where a statement's parts stand in its sentence, for the article view's marks.

The store keeps each statement's sentence with its offsets in the article, not the offsets
of its subject and object in it (kg mints their IRIs from them but writes no triple). So
the explorer finds them again: an entity by the names the article gives it (its label and
the surface forms the resolver saw there, longest first, whole words, the exact case
before any case), a quotation by its text, a post by its title, a time by the words the
text used. What is not found (a pronoun: "she said") stays unmarked in the text, and the
statement still says who in the list beside it.

>>> find_name("Trump met Putin in Budapest; Trump left.", ["Donald Trump", "Trump"])
(0, 5)
>>> find_name("Trump met Putin in Budapest; Trump left.", ["Trump"], avoid=[(0, 5)])
(29, 34)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

Span = tuple[int, int]


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def find_name(text: str, names: Iterable[str], *, avoid: Sequence[Span] = ()) -> Span | None:
    """The first place in ``text`` where one of ``names`` stands as whole words, the
    longest name first, exact case before any case, outside the ``avoid`` spans; ``None``
    when none of them is there."""
    ordered = sorted({name.strip() for name in names if name and name.strip()},
                     key=lambda name: (-len(name), name))
    for flags in (0, re.IGNORECASE):
        for name in ordered:
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", flags)
            for match in pattern.finditer(text):
                if not _overlaps(match.span(), avoid):
                    return match.span()
    return None


def _distance(span: Span, near: Span | None) -> int:
    if near is None:
        return 0
    return max(near[0] - span[1], span[0] - near[1], 0)


def find_text(text: str, part: str | None, *, near: Span | None = None) -> Span | None:
    """Where a quotation, a title or a time phrase stands in ``text``: the whole of it,
    else (a quotation kg joined from pieces, "[...]") its longest piece of 12 characters
    or more; of several places, the one nearest ``near`` (the subject's mention: a post's
    title stands by its holder's name).

    >>> find_text('He said "we will talk" on Monday.', "we will talk")
    (9, 21)
    >>> find_text('"We will talk," he said, "soon."', "We will talk [...] soon")
    (1, 13)
    >>> find_text("President Trump called President Putin.", "President", near=(33, 38))
    (23, 32)
    """
    if not part:
        return None
    pieces = [part, *sorted((p.strip(" ,.") for p in re.split(r"\[\.\.\.\]|…", part)),
                            key=len, reverse=True)]
    for piece in pieces:
        if piece is not part and len(piece) < 12:
            continue
        places = [(m.start(), m.end()) for m in re.finditer(re.escape(piece), text)]
        if places:
            return min(places, key=lambda span: (_distance(span, near), span))
    return None


@dataclass
class Mark:
    """A marked span of a sentence: an entity (with its page), or a quotation, post or
    time; ``roles`` says which statement uses it as what (``"3:subject"``)."""

    start: int
    end: int
    kind: str  # entity, quote, role, time, verb (an open relation's), thing (a text object)
    roles: list[str] = field(default_factory=list)
    entity: dict[str, object] | None = None  # name, type, href of an entity mark

    def json(self) -> dict[str, object]:
        """The mark as the page's data carries it."""
        return {"start": self.start, "end": self.end, "kind": self.kind, "roles": self.roles,
                "entity": self.entity}


def pieces(text: str, marks: Sequence[Mark]) -> list[dict[str, object]]:
    """The sentence cut at every mark's ends: each piece's text and the marks (by index)
    that cover it, so the page can nest an entity inside a quotation.

    >>> pieces("Trump met Putin.", [Mark(0, 5, "entity"), Mark(10, 15, "entity")])
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'text': 'Trump', 'marks': [0]}, {'text': ' met ', 'marks': []},
     {'text': 'Putin', 'marks': [1]}, {'text': '.', 'marks': []}]
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    cut = [c for c in cuts if 0 <= c <= len(text)]
    return [{"text": text[a:b], "marks": [i for i, m in enumerate(marks)
                                           if m.start <= a and b <= m.end]}
            for a, b in pairwise(cut) if a < b]


class SentenceMarks:
    """The marks of one sentence, shared by its statements: two statements about the same
    mention mark it once, and entity marks never overlap each other.

    >>> marks = SentenceMarks("Orbán met Putin.")
    >>> marks.entity(["Viktor Orbán", "Orbán"], {"name": "Viktor Orbán"}, "0:subject")
    (0, 5)
    >>> marks.entity(["Vladimir Putin", "Putin"], {"name": "Vladimir Putin"}, "0:object")
    (10, 15)
    >>> [(m.start, m.end, m.roles) for m in marks.marks]
    [(0, 5, ['0:subject']), (10, 15, ['0:object'])]
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks: list[Mark] = []

    def _add(self, span: Span, kind: str, role: str,
             entity: dict[str, object] | None = None) -> Span:
        for mark in self.marks:
            if (mark.start, mark.end, mark.kind) == (*span, kind):
                mark.roles.append(role)
                return span
        self.marks.append(Mark(*span, kind, [role], entity))
        return span

    def entity(self, names: Iterable[str], entity: dict[str, object], role: str,
               avoid: Sequence[Span] = ()) -> Span | None:
        """Mark where the entity stands (its names), reusing its mark when another
        statement found it already; the span, or ``None`` when it is not named here."""
        names = list(names)
        own = [(m.start, m.end) for m in self.marks
               if m.kind == "entity" and m.entity == entity and not _overlaps(
                   (m.start, m.end), avoid)]
        if own:
            return self._add(own[0], "entity", role, entity)
        taken = [(m.start, m.end) for m in self.marks if m.kind == "entity"]
        span = find_name(self.text, names, avoid=[*taken, *avoid])
        return None if span is None else self._add(span, "entity", role, entity)

    def text_part(self, part: str | None, kind: str, role: str,
                  near: Span | None = None) -> Span | None:
        """Mark a quotation, post title, time phrase, verb or text object (the place
        nearest ``near`` where it stands twice); the span, or ``None``."""
        span = find_text(self.text, part, near=near)
        return None if span is None else self._add(span, kind, role)

    def json(self) -> dict[str, object]:
        """The marks and the pieces of the sentence, as the page's data carries them."""
        self.marks.sort(key=lambda m: (m.start, -m.end))
        return {"marks": [m.json() for m in self.marks],
                "pieces": pieces(self.text, self.marks)}
