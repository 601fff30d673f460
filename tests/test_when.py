"""The time resolver on the phrases news uses, against a fixed article date.

The article date is Thursday 16 October 2025 (the seed article's). Each phrase is how
spaCy's DATE entities come out of real sentences ("on Thursday", "last week",
"3 May 2019"); the expected value is what a reader of that day would understand.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.when import resolve

THURSDAY = date(2025, 10, 16)


@pytest.mark.parametrize("phrase,past,future", [
    # weekdays: the day itself or the last one in the past tense, the coming one ahead
    ("Thursday", "2025-10-16", "2025-10-16"),
    ("on Monday", "2025-10-13", "2025-10-20"),
    ("Friday", "2025-10-10", "2025-10-17"),
    ("last Friday", "2025-10-10", "2025-10-10"),
    ("next Tuesday", "2025-10-21", "2025-10-21"),
    ("Sunday night", "2025-10-12", "2025-10-19"),
    # days relative to the article
    ("yesterday", "2025-10-15", "2025-10-15"),
    ("today", "2025-10-16", "2025-10-16"),
    ("tomorrow", "2025-10-17", "2025-10-17"),
    ("two days ago", "2025-10-14", "2025-10-14"),
    # weeks, months and years: the interval, not a made-up day
    ("last week", "2025-10-06/2025-10-12", "2025-10-06/2025-10-12"),
    ("next week", "2025-10-20/2025-10-26", "2025-10-20/2025-10-26"),
    ("this week", "2025-10-13/2025-10-19", "2025-10-13/2025-10-19"),
    ("earlier this month", "2025-10-01/2025-10-16", "2025-10-01/2025-10-16"),
    ("next month", "2025-11", "2025-11"),
    ("last month", "2025-09", "2025-09"),
    ("last year", "2024", "2024"),
    ("a week ago", "2025-10-06/2025-10-12", "2025-10-06/2025-10-12"),
    # calendar dates, with the year the tense makes nearest when none is given
    ("August 15", "2025-08-15", "2026-08-15"),
    ("15 August", "2025-08-15", "2026-08-15"),
    ("October 20", "2025-10-20", "2025-10-20"),
    ("December 3", "2024-12-03", "2025-12-03"),
    ("Oct. 12", "2025-10-12", "2025-10-12"),
    ("on 3 May 2019", "2019-05-03", "2019-05-03"),
    ("August 15, 2019", "2019-08-15", "2019-08-15"),
    ("November 27th", "2024-11-27", "2025-11-27"),
    ("in May", "2025-05", "2026-05"),
    ("October 2019", "2019-10", "2019-10"),
    ("mid-October", "2025-10", "2025-10"),
    ("2019", "2019", "2019"),
    ("2019-05-03", "2019-05-03", "2019-05-03"),
])
def test_phrases_resolve_against_the_article_date(phrase: str, past: str, future: str) -> None:
    assert resolve(phrase, THURSDAY).iso == past
    assert resolve(phrase, THURSDAY, future=True).iso == future


@pytest.mark.parametrize("phrase", [
    "in recent years", "the coming weeks", "the past two years", "decades", "recent months",
    "the day before", "the weekend", "a long time", "between 2019 and 2020", "30 days",
])
def test_vague_or_long_stretches_give_no_date(phrase: str) -> None:
    assert resolve(phrase, THURSDAY) is None


def test_grain_and_interval() -> None:
    week = resolve("last week", THURSDAY)
    assert (week.start, week.end, week.grain, week.text) == (
        "2025-10-06", "2025-10-12", "week", "last week")
    month = resolve("in February", THURSDAY)
    assert (month.start, month.end, month.grain) == ("2025-02-01", "2025-02-28", "month")
    assert resolve("February 29", date(2024, 3, 1)).iso == "2024-02-29"
    assert resolve("February 30", THURSDAY) is None  # no such day


def test_relative_phrases_need_the_article_date() -> None:
    assert resolve("on Thursday", None) is None
    assert resolve("3 May 2019", None).iso == "2019-05-03"
    assert resolve("yesterday", "2019-10-07").iso == "2019-10-06"  # an ISO string works too
    assert resolve("yesterday", "not a date") is None
