"""Time phrases of news text, resolved against the article's date.

News dates events relative to the day it is published: "on Thursday", "yesterday",
"last week", "next month", "August 15". :func:`resolve` turns such a phrase (as spaCy
tags it, a ``DATE`` entity) into a :class:`~kg.records.When`: a day where the text names
one, otherwise the week, month or year it allows. A phrase it cannot place ("in recent
years", "decades ago") gives ``None``: no date is better than a guessed one.

Why not ``dateparser`` (installed with trafilatura)? It answers every phrase with a
single timestamp, so "last week" and "October 2019" come back as one arbitrary day; it
resolves "on Thursday" to the previous week's Thursday even when the article is dated
that Thursday; and it does not know whether the clause speaks of the past or the future.
The dozen patterns news uses are easier to get right, and to test, here.

The words (month and weekday names, numbers, relative words) are in
``kg/data/time_words.tsv``.

>>> from datetime import date
>>> resolve("on Thursday", date(2025, 10, 16)).iso
'2025-10-16'
>>> resolve("last week", date(2025, 10, 16)).iso
'2025-10-06/2025-10-12'
>>> resolve("August 15", date(2025, 10, 16)).iso
'2025-08-15'
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache

from kg.lexicons import rows
from kg.records import When

_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)\b|[a-z]+|\d+")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@cache
def _words() -> dict[str, dict[str, int]]:
    """Word class → word → value: ``month`` (1–12), ``weekday`` (0 = Monday), ``number``,
    ``shift`` (-1 last, 0 this, +1 next), ``day`` (yesterday -1, today 0, tomorrow +1),
    ``unit`` (1 day, 7 week, 30 month, 365 year), ``filler`` (ignored words)."""
    table: dict[str, dict[str, int]] = {}
    for row in rows("time_words.tsv"):
        kind, word, value = (cell.strip() for cell in row[:3])
        table.setdefault(kind, {})[word.lower()] = int(value)
    return table


def _of(kind: str) -> dict[str, int]:
    return _words().get(kind, {})


def _day(year: int, month: int, day: int, text: str) -> When | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return When(text, found.isoformat(), found.isoformat(), "day")


def _span(text: str, start: date, end: date, grain: str) -> When:
    return When(text, start.isoformat(), end.isoformat(), grain)


def _week(text: str, anchor: date) -> When:
    monday = anchor - timedelta(days=anchor.weekday())
    return _span(text, monday, monday + timedelta(days=6), "week")


def _month(text: str, year: int, month: int) -> When:
    last = calendar.monthrange(year, month)[1]
    return _span(text, date(year, month, 1), date(year, month, last), "month")


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _nearest_year(month: int, day: int, published: date, future: bool) -> int:
    """The year that puts a day without a year nearest the article, on the side the tense
    says: "August 15" in an October article is this August in the past tense, and next
    August only when the clause speaks of the future."""
    year = published.year
    try:
        candidate = date(year, month, day)
    except ValueError:
        return year
    if future and candidate < published - timedelta(days=7):
        return year + 1
    if not future and candidate > published + timedelta(days=7):
        return year - 1
    return year


def _tokens(phrase: str) -> list[str]:
    words = []
    for token in _TOKEN.findall(phrase.lower().replace("’s", "").replace("'s", "")):
        ordinal = _ORDINAL.match(token)
        words.append(ordinal.group(1) if ordinal else token)
    return [w for w in words if w not in _of("filler")]


def resolve(phrase: str, published: date | str | None, *, future: bool = False) -> When | None:
    """The time ``phrase`` places an event at, for an article dated ``published``.

    ``future`` says that the clause speaks of what is to come ("will meet on Thursday"
    is the coming Thursday; "met on Thursday" the last one, or the day itself).

    >>> resolve("yesterday", "2025-10-16").iso
    '2025-10-15'
    >>> resolve("on Thursday", "2025-10-16", future=True).iso
    '2025-10-16'
    >>> resolve("next Thursday", "2025-10-16").iso
    '2025-10-23'
    >>> resolve("on 3 May 2019", "2025-10-16").iso
    '2019-05-03'
    >>> resolve("in recent years", "2025-10-16") is None
    True
    """
    text = phrase.strip()
    iso = _ISO.search(text)
    if iso:
        return _day(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError:
            published = None
    words = _tokens(text)
    if not words:
        return None
    absolute = _absolute(words, text, published, future)
    if absolute is not None or published is None:
        return absolute
    return _relative(words, text, published, future)


def _absolute(words: list[str], text: str, published: date | None,
              future: bool) -> When | None:
    """A calendar date: "3 May 2019", "August 15", "May 2019", "in May", "2019"."""
    months, numbers = _of("month"), [w for w in words if w.isdigit()]
    month = next((months[w] for w in words if w in months), None)
    years = [int(n) for n in numbers if len(n) == 4 and 1900 <= int(n) <= 2100]
    days = [int(n) for n in numbers if len(n) <= 2 and 1 <= int(n) <= 31]
    other = [w for w in words if w not in months and not w.isdigit()]
    if other or len(years) > 1 or len(days) > 1:
        return None  # "the 15 days after May", "between 2019 and 2020": not one date
    if month is None:
        if years and not days:
            year = years[0]
            return _span(text, date(year, 1, 1), date(year, 12, 31), "year")
        return None
    if days:
        year = years[0] if years else (
            _nearest_year(month, days[0], published, future) if published else None)
        return _day(year, month, days[0], text) if year else None
    if years:
        return _month(text, years[0], month)
    if published is None:
        return None
    # the article's own month is this month either way: test the month's edge that the
    # tense looks from (its last day for the future, its first for the past)
    edge = calendar.monthrange(published.year, month)[1] if future else 1
    return _month(text, _nearest_year(month, edge, published, future), month)


def _relative(words: list[str], text: str, published: date, future: bool) -> When | None:
    """A date relative to the article's: "yesterday", "on Thursday", "last week",
    "next month", "two days ago", "earlier this month"."""
    weekdays, shifts, days, units = _of("weekday"), _of("shift"), _of("day"), _of("unit")
    numbers = _of("number")
    if len(words) == 1 and words[0] in days:
        return _span(text, published + timedelta(days=days[words[0]]),
                     published + timedelta(days=days[words[0]]), "day")
    shift = next((shifts[w] for w in words if w in shifts), None)
    weekday = next((weekdays[w] for w in words if w in weekdays), None)
    unit = next((units[w] for w in words if w in units), None)
    if weekday is not None and unit is None:
        return _weekday(text, weekday, shift, published, future)
    if words[-1] == "ago" and unit is not None:
        count = next((int(w) if w.isdigit() else numbers[w] for w in words
                      if w.isdigit() or w in numbers), 1)
        return _ago(text, count, unit, published)
    if unit is None or shift is None or len(words) > 3 or any(
            w.isdigit() or w in numbers or (w in units and w.endswith("s")) for w in words):
        return None  # "the past two years", "the coming weeks": a stretch of time, no date
    edge = next((w for w in words if w in ("earlier", "later")), None)
    whole = _unit_span(text, unit, shift, published)
    if whole is None or edge is None:
        return whole if edge is None or shift != 0 else None
    # "earlier this month": from the month's start to the article; "later this week" after
    start, end = date.fromisoformat(whole.start), date.fromisoformat(whole.end)
    return _span(text, start, published, "span") if edge == "earlier" else \
        _span(text, published, end, "span")


def _weekday(text: str, weekday: int, shift: int | None, published: date,
             future: bool) -> When:
    if shift == 1 or (shift is None and future):
        ahead = (weekday - published.weekday()) % 7
        day = published + timedelta(days=ahead or (7 if shift == 1 else 0))
    else:
        back = (published.weekday() - weekday) % 7
        day = published - timedelta(days=back or (7 if shift == -1 else 0))
    return _span(text, day, day, "day")


def _ago(text: str, count: int, unit: int, published: date) -> When:
    if unit == 1:
        day = published - timedelta(days=count)
        return _span(text, day, day, "day")
    if unit == 7:
        return _week(text, published - timedelta(days=7 * count))
    if unit == 30:
        return _month(text, *_add_months(published, -count))
    return _span(text, date(published.year - count, 1, 1), date(published.year - count, 12, 31),
                 "year")


def _unit_span(text: str, unit: int, shift: int, published: date) -> When | None:
    if unit == 7:
        return _week(text, published + timedelta(days=7 * shift))
    if unit == 30:
        return _month(text, *_add_months(published, shift))
    if unit == 365:
        year = published.year + shift
        return _span(text, date(year, 1, 1), date(year, 12, 31), "year")
    return None
