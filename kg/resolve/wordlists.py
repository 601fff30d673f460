"""The word lists that entity resolution reads, from ``kg/data``, once per process.

Everything here is language, never names of the news: titles of offices, gendered
words, the last words of organisation names, pronouns.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

from kg.lexicons import (
    Country,
    country_names,
    government_nouns,
    lookup_country,
    lookup_seat,
    rows,
    titles,
    word_set,
)

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
DETERMINERS = frozenset({"the", "a", "an"})
PLURAL_DETERMINERS = frozenset({"both", "all", "these", "those", "several", "many", "some"})
SPEECH_MARKS = "\"“”„«»"


def fold(text: str) -> str:
    """A name as compared: no accents, lower case, one kind of apostrophe and dash.

    >>> fold("Orbán’s  Jean-Yves")
    "orban's jean yves"
    """
    if text.isascii():  # no accent, curly quote or other dash: the word lists' 27,000 names
        return " ".join(text.replace("-", " ").lower().split())  # fold in a tenth of the time
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    for dash in "-\u2010\u2011\u2012\u2013\u2014":
        text = text.replace(dash, " ")
    return " ".join(text.lower().split())


@cache
def title_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles as lower-case token tuples, indexed by their last word, longest first.

    >>> ("secretary", "of", "state") in title_index()["state"]
    True
    """
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in titles():
        words = tuple(title.lower().replace("-", " - ").split())
        index.setdefault(words[-1], []).append(words)
    for words in leader_words():
        index.setdefault(words[-1], []).append(words)
    return {last: tuple(sorted(set(found), key=len, reverse=True)) for last, found in index.items()}


def _titles_of_kind(*kinds: str) -> frozenset[str]:
    return frozenset(row[0].strip().lower() for row in rows("titles.txt")
                     if len(row) > 1 and row[1].strip() in kinds)


@cache
def national_titles() -> frozenset[str]:
    """Titles of a country's own offices and seats (``national`` or ``legislator`` in
    ``titles.txt``), in lower case.

    >>> "prime minister" in national_titles(), "mp" in national_titles()
    (True, True)
    >>> "spokesperson" in national_titles()
    False
    """
    return _titles_of_kind("national", "legislator")


@cache
def title_countries() -> dict[str, str]:
    """Offices of one country only (a third column of ``titles.txt``) → its ISO code.

    >>> title_countries()["taoiseach"]
    'IRL'
    """
    return {row[0].strip().lower(): row[2].strip() for row in rows("titles.txt")
            if len(row) > 2 and row[2].strip()}


@cache
def legislator_titles() -> frozenset[str]:
    """Titles of seats in a legislature, which a party name may qualify ("Labour MP").

    >>> "senator" in legislator_titles(), "president" in legislator_titles()
    (True, False)
    """
    return _titles_of_kind("legislator")


@cache
def title_words() -> frozenset[str]:
    """Every word of every title, for matching a title inside a longer span."""
    return frozenset(word for found in title_index().values() for title in found for word in title)


@cache
def leader_words() -> dict[tuple[str, ...], frozenset[str]]:
    """Generic leader words ("leader", "premier") → the titles they stand for.

    >>> "president" in leader_words()[("leader",)]
    True
    """
    return {
        tuple(row[0].strip().lower().split()): frozenset(
            t.strip().lower() for t in row[1].split("|") if t.strip())
        for row in rows("resolve_leader_titles.tsv")
    }


@cache
def gender_words() -> dict[str, tuple[str, str]]:
    """Gendered honorifics and nouns → (``m``, ``f`` or ``x``, ``honorific`` or ``noun``).

    >>> gender_words()["mrs"]
    ('f', 'honorific')
    """
    return {row[0].strip().lower(): (row[1].strip(), row[2].strip())
            for row in rows("resolve_gender.tsv")}


def gendered(word: str) -> str | None:
    """``m`` or ``f`` for a gendered honorific or noun.

    >>> gendered("Mother"), gendered("minister")
    ('f', None)
    """
    found = gender_words().get(word.lower())
    return found[0] if found and found[0] in ("m", "f") else None


@cache
def honorifics() -> frozenset[str]:
    """Honorifics stripped from the start of a name ("Mr", "Mrs")."""
    return frozenset(word for word, (_, kind) in gender_words().items() if kind == "honorific")


@cache
def org_heads() -> frozenset[str]:
    """Last words of organisation and facility names ("hospital", "ministry").

    >>> "embassy" in org_heads()
    True
    """
    return word_set("resolve_org_heads.txt")


@cache
def legal_forms() -> frozenset[str]:
    """Words of a company's legal form ("corporation", "ltd"; ``resolve_legal_forms.txt``).

    >>> "plc" in legal_forms()
    True
    """
    return word_set("resolve_legal_forms.txt")


@cache
def org_kinds() -> dict[str, str]:
    """Head words of organisation names → the kind a description shares with its synonyms
    (``resolve_org_kinds.tsv``).

    >>> org_kinds()["network"] == org_kinds()["corporation"]
    True
    """
    return {row[0].strip().lower(): row[1].strip() for row in rows("resolve_org_kinds.tsv")}


@cache
def same_kind_heads(head: str) -> frozenset[str]:
    """The head words a description headed by ``head`` may refer with: itself and the
    words of its kind.

    >>> sorted(same_kind_heads("court"))
    ['court', 'tribunal']
    >>> same_kind_heads("embassy")
    frozenset({'embassy'})
    """
    kind = org_kinds().get(head)
    if kind is None:
        return frozenset({head})
    return frozenset(word for word, other in org_kinds().items() if other == kind) | {head}


@cache
def place_heads() -> frozenset[str]:
    """Last words of places' names ("street", "province"; ``resolve_place_heads.txt``).

    >>> "street" in place_heads(), "hospital" in place_heads()
    (True, False)
    """
    return word_set("resolve_place_heads.txt")


def is_government_noun(words: str) -> bool:
    """Whether a noun (or compound noun) stands for a government when a country owns it."""
    return words.lower() in government_nouns()


def is_country_word(text: str) -> bool:
    """A country name or demonym ("Hungary", "Hungarian", "the US")."""
    return lookup_country(text) is not None


@cache
def country_by_code(code: str) -> Country | None:
    """The country of an ISO 3166-1 alpha-3 code, as kg names it.

    >>> country_by_code("SYR").name
    'Syria'
    """
    return {c.code: c for c in country_names().names.values()}.get(code)


@cache
def known_people() -> dict[str, str]:
    """Full names of people in PETRARCH2's country dictionary (folded, with their other
    full names) → the ISO code of the country of their post
    (``derived/actors_people.tsv``, made by ``scripts/derive_actors.py``).

    >>> known_people()["bashar al assad"]
    'SYR'
    """
    found: dict[str, str] = {}
    for row in rows("derived/actors_people.tsv"):
        names = [row[0], *(a for a in row[2].split("|") if a.strip())] if len(row) > 2 else row[:1]
        for name in names:
            found.setdefault(fold(name), row[1].strip())
    return found


@cache
def known_organisations() -> frozenset[str]:
    """Names and acronyms of international organisations and armed groups (folded), from
    PETRARCH2 (``derived/actors_organisations.tsv``).

    >>> "north atlantic treaty organization" in known_organisations()
    True
    """
    found: set[str] = set()
    for row in rows("derived/actors_organisations.tsv"):
        found.add(fold(row[0]))
        if len(row) > 2:
            found.update(fold(a) for a in row[2].split("|") if a.strip())
    return frozenset(found)


@cache
def known_places() -> dict[str, str]:
    """Cities and other places of a country in PETRARCH2's country dictionary (folded) →
    the country's ISO code (``derived/actors_places.tsv``).

    >>> known_places()["bangalore"]
    'IND'
    """
    return {fold(row[0]): row[1].strip() for row in rows("derived/actors_places.tsv")
            if len(row) > 1}


@cache
def occupations() -> frozenset[str]:
    """Occupations written before a person's name ("podcaster", "activist";
    ``resolve_occupations.txt``): no name part, and evidence of a person.

    >>> "podcaster" in occupations(), "president" in occupations()
    (True, False)
    """
    return word_set("resolve_occupations.txt")


@cache
def member_nouns() -> frozenset[str]:
    """Nouns for the people a group has ("member", "fighter"; ``resolve_member_nouns.txt``):
    a name qualifying one is a group's.

    >>> "member" in member_nouns(), "leader" in member_nouns()
    (True, False)
    """
    return word_set("resolve_member_nouns.txt")


@cache
def person_verbs() -> dict[str, bool]:
    """Verbs only a person is the subject of → whether only their passive subject is
    ("die": False, "kill": True; ``resolve_person_verbs.tsv``).

    >>> person_verbs()["die"], person_verbs()["kill"], "say" in person_verbs()
    (False, True, False)
    """
    return {row[0].strip().lower(): len(row) > 1 and row[1].strip() == "passive"
            for row in rows("resolve_person_verbs.tsv")}


@cache
def known_given_names() -> frozenset[str]:
    """Given names (folded) that start at least two full names of :func:`known_people`
    (five for a name of three letters), less particles, titles, country words, capitals
    and words that start more organisations' names ("al", "united", "washington").

    >>> "john" in known_given_names(), "al" in known_given_names()
    (True, False)
    >>> "washington" in known_given_names(), "united" in known_given_names()
    (False, False)
    """
    counts: dict[str, int] = {}
    for name in known_people():
        words = name.split()
        if len(words) > 1:
            counts[words[0]] = counts.get(words[0], 0) + 1
    # a word that starts names of countries, or more organisations' names than people's,
    # is no sure given name ("united"; not "bill" of the Bill & Melinda Gates Foundation)
    starts = Counter(name.split()[0] for name in known_organisations())
    countries = {fold(name).split()[0] for name in country_names().names if name.strip()}
    not_given = name_particles() | title_words() | honorifics() | styles()
    return frozenset(w for w, n in counts.items()
                     if (n >= (2 if len(w) > 3 else 5) and len(w) >= 3)  # "fan", "job"
                     and w.isalpha() and starts[w] < n
                     and w not in countries and w not in not_given
                     and lookup_country(w) is None and lookup_seat(w) is None)


@cache
def organ_modifiers() -> frozenset[str]:
    """Words that may stand between a country and a government noun in an organ's name
    ("Iraqi Security Forces"; ``resolve_organ_modifiers.txt``).

    >>> "security" in organ_modifiers(), "democratic" in organ_modifiers()
    (True, False)
    """
    return word_set("resolve_organ_modifiers.txt")


@cache
def name_particles() -> frozenset[str]:
    """Lower-case words inside people's names ("bin", "van", "de"; ``resolve_particles.txt``).

    >>> "bin" in name_particles()
    True
    """
    return word_set("resolve_particles.txt")


@cache
def styles() -> frozenset[str]:
    """Royal, noble and religious styles ("prince", "pope"; ``resolve_styles.txt``).

    >>> "pope" in styles(), "president" in styles()
    (True, False)
    """
    return word_set("resolve_styles.txt")


@cache
def party_codes() -> dict[str, str]:
    """Party abbreviations in brackets after a name → the party ("R" → "Republican Party";
    ``resolve_party_codes.tsv``).

    >>> party_codes()["D"]
    'Democratic Party'
    """
    return {row[0].strip(): row[1].strip() for row in rows("resolve_party_codes.tsv")}


@cache
def thing_nouns() -> frozenset[str]:
    """Nouns that class a name as no person's ("chain", "submarine"; and ship prefixes
    such as "u.s.s."; ``resolve_thing_nouns.txt``).

    >>> "submarine" in thing_nouns(), "journalist" in thing_nouns()
    (True, False)
    """
    return word_set("resolve_thing_nouns.txt")


@cache
def party_roles() -> frozenset[str]:
    """A politician's roles a party name may qualify ("leader", "nominee";
    ``resolve_party_roles.txt``), with the legislators' titles.

    >>> {"nominee", "mp"} <= party_roles()
    True
    """
    return word_set("resolve_party_roles.txt") \
        | legislator_titles()
