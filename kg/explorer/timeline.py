"""An entity's (or a pair's) asserted events by month, counted by PLOVER quad class, for
the timeline the entity and pair pages draw: verbal and material cooperation, verbal and
material conflict (:data:`kg.eventdata.scores.QUAD_CLASSES`).
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.eventdata.scores import QUAD_CLASSES
from kg.explorer.profile import Mention
from kg.explorer.statements import relation_info

MAX_MONTHS = 240
"""The most months a timeline spans: the latest twenty years of an entity's events."""


def _next_month(month: str) -> str:
    """The month after ``month`` (``YYYY-MM``).

    >>> _next_month("2019-12"), _next_month("2020-01")
    ('2020-01', '2020-02')
    """
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def months(counts: dict[str, dict[int, int]]) -> list[dict[str, object]]:
    """Every month from the first to the last with events (empty ones too, so the bars
    stand where they happened), each with its counts by quad class.

    >>> months({"2020-01": {1: 2}, "2020-03": {4: 1}})  # doctest: +NORMALIZE_WHITESPACE
    [{'month': '2020-01', 'quads': [2, 0, 0, 0], 'events': 2},
     {'month': '2020-02', 'quads': [0, 0, 0, 0], 'events': 0},
     {'month': '2020-03', 'quads': [0, 0, 0, 1], 'events': 1}]
    """
    if not counts:
        return []
    ordered = sorted(counts)
    month, last, spanned = ordered[0], ordered[-1], []
    while month <= last:
        spanned.append(month)
        month = _next_month(month)
    spanned = spanned[-MAX_MONTHS:]
    return [{"month": m, "quads": [counts.get(m, {}).get(q, 0) for q in QUAD_CLASSES],
             "events": sum(counts.get(m, {}).values())} for m in spanned]


def timeline(found: Iterable[Mention], other: str | None = None) -> dict[str, object]:
    """The monthly series of the asserted events among ``found`` (with ``other``, when
    given): ``months`` (see :func:`months`) and ``classes``, the quad classes' names in
    order. An event is dated by its own day where the text gives one, else its article's."""
    counts: dict[str, dict[int, int]] = {}
    counted: set[str] = set()  # a statement about the entity and itself is named twice
    for mention in found:
        number = relation_info(mention.relation)["quad"]
        if (number is None or mention.factuality != "asserted" or not mention.date
                or (other is not None and mention.other != other)
                or mention.statement in counted):
            continue
        counted.add(mention.statement)
        month = counts.setdefault(mention.date[:7], {})
        month[number] = month.get(number, 0) + 1
    return {"classes": list(QUAD_CLASSES.values()), "months": months(counts)}
