"""The data files under ``kg/data``, read once per process.

Lexicons are data, not code: add a title, a verb or a country name by editing the
file, never an if-chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry


def rows(name: str) -> list[list[str]]:
    """The non-comment lines of a data file, split on tabs."""
    text = (resources.files("kg") / "data" / name).read_text(encoding="utf-8")
    return [
        line.split("\t")
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def titles() -> tuple[str, ...]:
    """Titles of offices, longest first so that "Vice President" wins over "President".

    >>> titles().index("Vice President") < titles().index("President")
    True
    """
    return tuple(sorted({row[0].strip() for row in rows("titles.txt")}, key=lambda t: (-len(t), t)))


@cache
def government_nouns() -> frozenset[str]:
    """Nouns that stand for a country's government when a country owns them.

    >>> "government" in government_nouns()
    True
    """
    return frozenset(row[0].strip().lower() for row in rows("government_nouns.txt"))


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that attribute a quotation.

    >>> "say" in speech_verbs()
    True
    """
    return frozenset(row[0].strip() for row in rows("speech_verbs.txt"))


@dataclass(frozen=True, slots=True)
class EventEntry:
    """One line of the event lexicon."""

    lemma: str
    code: str
    pos: str  # VERB, NOUN or any
    mode: str | None


@cache
def event_lexicon() -> dict[str, list[EventEntry]]:
    """Lemma → the PLOVER event types it can express.

    >>> event_lexicon()["condemn"][0].code
    'ACCUSE'
    """
    table: dict[str, list[EventEntry]] = {}
    for row in rows("event_lexicon.tsv"):
        lemma, code, pos = row[0].strip(), row[1].strip(), row[2].strip()
        mode = row[3].strip() if len(row) > 3 and row[3].strip() else None
        table.setdefault(lemma, []).append(EventEntry(lemma, code, pos, mode))
    return table


def event_type(lemma: str, pos: str) -> EventEntry | None:
    """The event type of a verb or noun lemma, if the lexicon has one.

    >>> event_type("summit", "NOUN").code
    'CONSULT'
    >>> event_type("summit", "VERB") is None
    True
    """
    for entry in event_lexicon().get(lemma.lower(), ()):
        if entry.pos in ("any", pos):
            return entry
    return None


@dataclass(frozen=True, slots=True)
class Country:
    """A country as the resolver knows it."""

    code: str  # ISO 3166-1 alpha-3
    name: str  # preferred name


@dataclass(frozen=True, slots=True)
class CountryNames:
    """Names that stand for countries: always (names, demonyms) or as governments (seats)."""

    names: dict[str, Country]
    seats: dict[str, Country]
    acronyms: frozenset[str] = frozenset()  # folded names written in capitals ("us", "uk")


def _fold(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").lower().split())


@cache
def country_names() -> CountryNames:
    """Every name, ISO name and demonym of a country, and the seats of power.

    >>> country_names().names["u.s."].name
    'United States'
    >>> country_names().seats["kremlin"].name
    'Russia'
    """
    names: dict[str, Country] = {}
    seats: dict[str, Country] = {}
    preferred: dict[str, str] = {}
    acronyms: set[str] = set()
    extra = rows("countries.tsv")
    for row in extra:
        preferred[row[0].strip()] = row[1].strip()
    for record in pycountry.countries:
        code = record.alpha_3
        country = Country(code, preferred.get(code) or getattr(record, "common_name", record.name))
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if value:
                names.setdefault(_fold(value), country)
    for row in extra:
        code = row[0].strip()
        country = Country(code, row[1].strip())
        names[_fold(country.name)] = country
        for alias in row[2].split("|") if len(row) > 2 else ():
            if alias.strip():
                names[_fold(alias)] = country
                if alias.strip().isupper():
                    acronyms.add(_fold(alias))
        for seat in row[3].split("|") if len(row) > 3 else ():
            if seat.strip():
                seats[_fold(seat)] = country
    return CountryNames(names, seats, frozenset(acronyms))


def lookup_country(name: str) -> Country | None:
    """The country a name or demonym always stands for (not seats of power).

    >>> lookup_country("the United States").code
    'USA'
    >>> lookup_country("Budapest") is None
    True
    """
    folded = _fold(name)
    if folded.startswith("the "):
        folded = folded[4:]
    return country_names().names.get(folded)


def country_in_text(text: str) -> Country | None:
    """The country that words as written in an article name: like :func:`lookup_country`,
    but only for capitalised words ("us" and "turkey" in lower case are no countries),
    and an abbreviation only in capitals ("Us" in a Title-Case headline is the pronoun).

    >>> country_in_text("us") is None, country_in_text("US").code, country_in_text("Us")
    (True, 'USA', None)
    """
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or not words[0][:1].isupper():
        return None
    found = lookup_country(text)
    if found is not None and _fold(" ".join(words)) in country_names().acronyms \
            and not " ".join(words).isupper():
        return None
    return found


def lookup_seat(name: str) -> Country | None:
    """The country whose capital or seat of power ``name`` is.

    >>> lookup_seat("the White House").code
    'USA'
    """
    folded = _fold(name)
    if folded.startswith("the "):
        folded = folded[4:]
    return country_names().seats.get(folded)
