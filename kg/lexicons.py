"""The data files under ``kg/data``, read once per process.

Lexicons are data, not code: add a title, a verb or a country name by editing the
file, never an if-chain.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pycountry


@cache
def data_version() -> str:
    """A short digest of every data file kg extracts with, so that a build after a lexicon
    changed re-reads the articles it would now read differently.

    Each file is named by its path inside ``kg/data`` (``derived/verbs.tsv``), never by
    where the package lies, so every clone and every install gives the same version.

    >>> len(data_version())
    12
    """
    digest = hashlib.sha256()
    for name, item in sorted(_data_files(resources.files("kg") / "data")):
        digest.update(name.encode("utf-8"))
        digest.update(item.read_bytes())
    return digest.hexdigest()[:12]


def _data_files(folder, prefix: str = "") -> list[tuple[str, Any]]:
    """``(path inside the data folder, file)`` of every .tsv and .txt under ``folder``.

    >>> ("titles.txt", "titles.txt") in [(n, f.name) for n, f in
    ...                                  _data_files(resources.files("kg") / "data")]
    True
    """
    found = []
    for item in folder.iterdir():
        name = f"{prefix}{item.name}"
        if item.is_dir():
            found.extend(_data_files(item, f"{name}/"))
        elif item.name.endswith((".tsv", ".txt")):
            found.append((name, item))
    return found


def rows(name: str) -> list[list[str]]:
    """The non-comment lines of a data file, split on tabs."""
    text = (resources.files("kg") / "data" / name).read_text(encoding="utf-8")
    return [
        line.split("\t")
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def word_set(name: str) -> frozenset[str]:
    """The first column of a data file, in lower case: a list of words.

    >>> "government" in word_set("government_nouns.txt")
    True
    """
    return frozenset(row[0].strip().lower() for row in rows(name))


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
    return word_set("government_nouns.txt")


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that attribute a quotation.

    >>> "say" in speech_verbs()
    True
    """
    return frozenset(row[0].strip() for row in rows("speech_verbs.txt"))


@dataclass(frozen=True, slots=True)
class EventEntry:
    """One line of an event lexicon: what a lemma (or a verb with its particle, preposition
    or object) codes. ``code`` is a PLOVER type, or ``-`` for a sense that is no event
    ("warn of consequences" advises; it threatens no one)."""

    lemma: str
    code: str
    pos: str  # VERB, NOUN or any
    mode: str | None  # a concept of the ontology's mode scheme
    source: str = "kg"  # kg (event_lexicon.tsv), cameo (derived), override
    context: str | None = None  # a concept of the context scheme (the CAMEO table's)

    @property
    def is_event(self) -> bool:
        return self.code != NOT_EVENT

    @property
    def is_material(self) -> bool:
        """Whether the entry codes a material act, done to someone (PLOVER quads 2 and 4:
        an arrest, an attack, aid), not a verbal one made of them (a request, a threat).

        >>> event_type("arrest", "NOUN").is_material, event_type("request", "NOUN").is_material
        (True, False)
        """
        return quad_codes().get(self.code) in (2, 4)


NOT_EVENT = "-"


def _entries(name: str, source: str) -> dict[str, list[EventEntry]]:
    table: dict[str, list[EventEntry]] = {}
    for row in rows(name):
        lemma, code = row[0].strip(), row[1].strip()
        if source == "cameo":  # key, type, PLOVER mode, PLOVER context, CAMEO code, verb
            pos, mode, context = "VERB", row[2].strip() or None, row[3].strip() or None
        else:
            pos, context = row[2].strip(), None
            mode = row[3].strip() or None if source == "kg" and len(row) > 3 else None
        table.setdefault(lemma, []).append(EventEntry(lemma, code, pos, mode, source, context))
    return table



@cache
def event_lexicon() -> dict[str, list[EventEntry]]:
    """kg's own event lexicon: lemma → the PLOVER event types it can express.

    >>> event_lexicon()["condemn"][0].code
    'ACCUSE'
    """
    return _entries("event_lexicon.tsv", "kg")


@cache
def cameo_lexicon() -> dict[str, list[EventEntry]]:
    """Verb patterns derived from the CAMEO verb dictionary and PLOVER's CAMEO table
    (``derived/cameo_events.tsv``, made by ``scripts/derive_lexicons.py``).

    >>> cameo_lexicon()["abduct"][0].code
    'ASSAULT'
    """
    return _entries("derived/cameo_events.tsv", "cameo")


@cache
def event_overrides() -> dict[str, list[EventEntry]]:
    """Hand corrections of the derived lexicon, each with its reason in the file.

    >>> event_overrides()["summon"][0].code
    'ACCUSE'
    """
    return _entries("event_overrides.tsv", "override")


@cache
def object_synonyms() -> dict[str, str]:
    """Objects news writes in other words than the event lexicons' patterns.

    >>> object_synonyms()["tie"]
    'relation'
    """
    return {row[0].strip(): row[1].strip() for row in rows("object_synonyms.tsv")}


@cache
def quad_codes() -> dict[str, int]:
    """PLOVER's quad code (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    4 material conflict) of each event type (``derived/plover_scores.tsv``).

    >>> quad_codes()["REQUEST"], quad_codes()["ASSAULT"]
    (3, 4)
    """
    return {row[0]: int(row[2]) for row in rows("derived/plover_scores.tsv") if not row[1]}


@cache
def event_verbs() -> frozenset[str]:
    """The verbs the event lexicons and the speech verbs know, as lemmas: the vocabulary
    that tells a real verb lemma from a lemmatiser's slip ("staged" → "stag").

    >>> "stage" in event_verbs(), "stag" in event_verbs()
    (True, False)
    """
    known = set(speech_verbs())
    for table in (event_overrides(), event_lexicon(), cameo_lexicon()):
        known.update(key.split()[0] for key, entries in table.items()
                     if any(e.pos in ("VERB", "any") for e in entries))
    return frozenset(known)


def event_type(lemma: str, pos: str) -> EventEntry | None:
    """The event a verb or noun lemma (or pattern key) codes: the override file first, then
    kg's lexicon, then the derived CAMEO patterns (verbs only). An entry whose
    ``is_event`` is false says the words are no event.

    >>> event_type("summit", "NOUN").code
    'CONSULT'
    >>> event_type("summit", "VERB") is None
    True
    >>> event_type("put on trial", "VERB").code
    'COERCE'
    """
    key = lemma.lower()
    for table in (event_overrides(), event_lexicon(), cameo_lexicon()):
        for entry in table.get(key, ()):
            if entry.pos in ("any", pos):
                return entry
    return None


# Agent sectors too vague to stand for an actor by themselves ("people", "a man").
_VAGUE_SECTORS = frozenset({"PPL"})


@cache
def agent_nouns() -> dict[str, str]:
    """Nouns (head lemma last) for actors without a name → their CAMEO agent code, from
    ``derived/agents.tsv`` and the few it lacks (``agent_additions.tsv``); the code's first
    three letters are the sector.

    >>> agent_nouns()["police"], agent_nouns()["riot police"][:3], agent_nouns()["youth"]
    ('COP', 'COP', 'CVL')
    """
    return {row[0].strip(): row[1].strip()
            for name in ("derived/agents.tsv", "agent_additions.tsv") for row in rows(name)
            if row[1].strip()[:3] not in _VAGUE_SECTORS}


@cache
def country_words() -> dict[str, str]:
    """One-word names and demonyms of countries (lower case) → ISO alpha-3 code, from
    ``derived/country_words.tsv``.

    >>> country_words()["liberian"]
    'LBR'
    """
    return {row[0].strip(): row[1].strip() for row in rows("derived/country_words.tsv")}


def country_of_word(word: str) -> Country | None:
    """The country one capitalised word names or is the demonym of ("Romanian"), from the
    country names, else the derived one-word names of the actors dictionary.

    >>> country_of_word("Romanian").name, country_of_word("romanian")
    ('Romania', None)
    """
    found = country_in_text(word)
    if found is not None or not word[:1].isupper():
        return found
    code = country_words().get(word.lower())
    return _by_code().get(code) if code else None


@cache
def _by_code() -> dict[str, Country]:
    return {country.code: country for country in country_names().names.values()}


@cache
def _agent_index() -> dict[str, str]:
    """Agent phrases in the singular and in the plurals news writes them in → sector."""
    sectors = {row[0].strip(): row[1].strip() for row in rows("agent_sectors.tsv")}
    index: dict[str, str] = {}
    for phrase, code in agent_nouns().items():
        sector = sectors.get(code[:3])
        if sector is None:
            continue
        head = phrase.rsplit(" ", 1)[-1]
        stem = phrase[: len(phrase) - len(head)]
        plurals = [head + "s", head + "es", head[:-1] + "ies" if head.endswith("y") else "",
                   head[:-3] + "men" if head.endswith("man") else ""]
        for form in (head, *filter(None, plurals)):
            index.setdefault(stem + form, sector)
    return index


def agent_sector(name: str) -> str | None:
    """The sector (a concept of the ontology's sector scheme, by notation) of an actor
    whose name ends in a generic agent: "Israeli soldiers", "riot police", "Red Cross
    officials".

    >>> agent_sector("Israeli soldiers"), agent_sector("Egyptian riot police")
    ('MIL', 'COP')
    >>> agent_sector("Burundian militiamen"), agent_sector("Viktor Orbán")
    ('UAF', None)
    """
    index = _agent_index()
    for phrase in (name, re.split(" (?:of|in|from) ", name)[0]):  # "demonstrators in Baghdad"
        words = phrase.lower().split()
        for size in (2, 1):
            if len(words) >= size and " ".join(words[-size:]) in index:
                return index[" ".join(words[-size:])]
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
