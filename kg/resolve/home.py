"""The country an article is about: the owner of the posts it names without a country.

A news article names the offices of its own country bare ("Prime Minister Boris
Johnson", "the Solicitor General") and qualifies the others ("US Secretary of State
Mike Pompeo"). Its country is the first one its headline names, directly ("UK urges
US to …") or through a person whose post the article gives a country ("Trump ousts
Bolton" in an article that says "US President Donald Trump"); failing that, the one
country most of the article's explicit posts belong to, else the country it mentions
most (by a clear margin).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from kg.lexicons import country_in_text
from kg.resolve.wordlists import fold

_MAX_WORDS = 4
_WORD = re.compile(r"[^\W_][\w'’.-]*")


def headline_country(headline: str, people: Mapping[str, str]) -> str | None:
    """The first country ``headline`` names, or the country of the first person it names
    whose post the article gives a country (``people``: folded name or alias → country).

    >>> headline_country("UK urges US to waive immunity", {})
    'United Kingdom'
    >>> headline_country("Trump ousts Bolton", {"trump": "United States"})
    'United States'
    >>> headline_country("Floods in the valley", {}) is None
    True
    """
    words = _WORD.findall(headline)
    for start in range(len(words)):
        for size in range(min(_MAX_WORDS, len(words) - start), 0, -1):
            text = " ".join(words[start:start + size])
            text = re.sub(r"['’]s$", "", text)
            country = country_in_text(text) if text[:1].isupper() else None
            if country is not None:
                return country.name
            if fold(text) in people:
                return people[fold(text)]
    return None


def majority_country(countries: Iterable[str]) -> str | None:
    """The one country named most often, or ``None`` on a tie or with none.

    >>> majority_country(["Iraq", "Iraq", "United States"])
    'Iraq'
    >>> majority_country(["Iraq", "United States"]) is None
    True
    """
    ranked = Counter(countries).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def home_country(headline: str | None, people: Mapping[str, str], posts: Iterable[str],
                 mentions: Mapping[str, int] | None = None) -> str | None:
    """The article's country: from the headline, else the majority of its explicit posts,
    else the country it mentions most (``mentions``: country → count), if twice as often
    as any other.

    >>> home_country(None, {}, ["Philippines", "Philippines", "China"])
    'Philippines'
    >>> home_country(None, {}, [], {"Belarus": 9, "Lithuania": 2})
    'Belarus'
    """
    found = headline_country(headline, people) if headline else None
    found = found or majority_country(posts)
    if found is None and mentions:
        ranked = sorted(mentions.items(), key=lambda item: -item[1])
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            found = ranked[0][0]
    return found
