"""Derive kg's actor gazetteers from PETRARCH2's public actor dictionaries.

    python scripts/derive_actors.py [--shared DIR]

Reads ``dictionaries/petrarch2/`` of the shared data folder (``../shared`` beside the
repository by default; MIT, see its ``LICENSE``) and writes, under ``kg/data/derived/``:

``actors_people.tsv``
    People of ``Phoenix.Countries.actors.txt`` with the country of their current (open
    ended, else last) post: name, ISO 3166-1 alpha-3 code, other full names. A name the
    dictionary gives to people of two countries is left out: it cannot say whose it is.
``actors_places.tsv``
    Cities and other places of a country (names listed under the country's own entry
    that are none of kg's names of it), with its ISO code.
``actors_organisations.tsv``
    International organisations (``Phoenix.International.actors.txt``) and armed
    non-state groups (``Phoenix.MilNonState.actors.txt``): name, kind (``igo`` or
    ``armed``), acronyms and other names. Both files also list people (office holders
    and leaders); an entry is kept as an organisation when its name ends in an
    organisation's head word (``kg/data/resolve_org_heads.txt``) or is an acronym, or
    when it has no dated post and its first word is no given name of the country
    dictionary's people.

Each output's header credits the source. Rerunning rewrites the files (atomically).
Exit code: 0 when all were written, 2 when the dictionaries are missing.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling scripts

from shared_folder import shared_folder

from kg.files import atomic_output
from kg.lexicons import lookup_country, lookup_seat
from kg.resolve.wordlists import fold, honorifics, org_heads, styles, title_index

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kg" / "data" / "derived"
PETRARCH2 = "dictionaries/petrarch2"  # inside the shared data folder
CREDIT = ("# Derived by scripts/derive_actors.py from PETRARCH2's actor dictionaries\n"
          "# (openeventdata/petrarch2, petrarch2/data/dictionaries/{source}; MIT, Copyright (c)\n"
          "# 2014 Open Event Data Alliance). Do not edit: rerun the script.\n")
_CODE = re.compile(r"\[([A-Z]{3,})\s*([^\]]*)\]")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,5}|(?:[A-Z]\.){2,5})$")
# Codes of the International file that are organisations of states or civil society
# (it also lists companies and funds).
_INTERNATIONAL = ("IGO", "NGO")
# Words that make a name a description, not a name ("Assad regime"), wherever they stand;
# a title, honorific or style makes it a titled form ("Mr Assad") only at its start.
_DESCRIPTIONS = frozenset({"government", "regime", "forces", "administration", "'s"})
# Words that qualify an office before a name ("Former Defense Secretary ...").
_QUALIFIERS = frozenset({"former", "acting", "deputy", "then", "late", "ex"})
# Words that join the parts of an organisation's or a place's name, never of a person's.
_FUNCTION_WORDS = frozenset({"of", "and", "for", "the", "to", "against", "&"})


def _name(raw: str) -> str:
    """``BASHAR_AL-ASSAD_`` → ``Bashar Al-Assad``; a one-word name of up to five letters
    is an acronym (``NATO``)."""
    text = raw.replace("_", " ").strip()
    if text.upper().startswith("THE "):
        text = text[4:]
    if _ACRONYM.match(text):
        return text
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in text.split())


@cache
def _titles() -> frozenset[tuple[str, ...]]:
    """kg's titles of offices and ranks as folded word tuples."""
    return frozenset(tuple(fold(" ".join(t)).split())
                     for found in title_index().values() for t in found)


def _plain(name: str) -> bool:
    """Whether a name is a bare name: it opens with no title, honorific, style, qualifier
    or country word, no office title stands before its last word, and it has no
    descriptive word. A style or a title word closing a name is a name part ("Hun Sen",
    "Sharif Sheikh Ahmed", "Stephenson King"); a word of a longer title is none ("In" of
    "Commander-in-Chief").

    >>> [_plain(n) for n in ("Gov. George W. Bush", "Bundeskanzler Merkel", "Assad regime",
    ...                      "Israeli Prime Minister Netanyahu", "Cia Director John Brennan",
    ...                      "American Vice-President")]
    [False, False, False, False, False, False]
    >>> [_plain(n) for n in ("Hun Sen", "Sharif Sheikh Ahmed", "German Gref",
    ...                      "Islamic Army In Iraq")]
    [True, True, True, True]
    """
    words = fold(name).split()
    if not words or any(w in _DESCRIPTIONS or w.endswith("'s") for w in words):
        return False
    opening = _titles() | {(w,) for w in honorifics() | styles() | _QUALIFIERS}
    if any(tuple(words[:len(t)]) == t for t in opening):
        return False
    if lookup_country(name.split()[0]) and any(tuple(words[1:]) == t for t in _titles()):
        return False  # a country's office, no one's name ("American Vice-President")
    # a style, or a rank's short form ("Maj", "Sen"), inside a name is a name part
    inner = {t for t in _titles() if t not in {(w,) for w in styles()}
             and not (len(t) == 1 and len(t[0]) <= 4 and not t[0].endswith("."))}
    return not any(tuple(words[i:i + len(t)]) == t and i + len(t) < len(words)
                   for i in range(1, len(words)) for t in inner)


def _person_name(name: str) -> bool:
    """Whether a name can be a person's: no preposition or conjunction inside it but a
    name particle ("Isle Of Man", "Department Of State" are none).

    >>> _person_name("Bandar Bin Sultan"), _person_name("Islamic State Of Iraq")
    (True, False)
    """
    return not any(w in _FUNCTION_WORDS for w in fold(name).split()[1:])


def entries(path: Path) -> Iterator[tuple[str, list[str], list[tuple[str, str]]]]:
    """(name, aliases, [(code, dates)]) for each entry of a TABARI-style actor file."""
    name: str | None = None
    aliases: list[str] = []
    codes: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        if text.startswith("+"):
            aliases.append(_name(_CODE.sub("", text[1:]).strip()))
            codes += _CODE.findall(text)
        elif text[0].isspace():
            codes += _CODE.findall(text)
        else:
            if name:
                yield name, aliases, codes
            name, aliases = _name(_CODE.sub("", text).strip()), []
            codes = _CODE.findall(text)
    if name:
        yield name, aliases, codes


def current_country(codes: list[tuple[str, str]]) -> str | None:
    """The country of the open-ended post, else of the last one listed."""
    dated = [(code, dates) for code, dates in codes if len(code) > 3]
    if not dated:
        return None
    open_ended = [code for code, dates in dated if dates.strip().startswith(">")]
    return (open_ended[-1] if open_ended else dated[-1][0])[:3]


def people(countries: Path) -> list[tuple[str, str, list[str]]]:
    owners: dict[str, set[str]] = defaultdict(set)
    found: dict[str, tuple[str, list[str]]] = {}
    for name, aliases, codes in entries(countries):
        country = current_country(codes)
        if country is None or len(name.split()) < 2 or not any(len(c) > 3 for c, _ in codes) \
                or _organisation_name(name) or not _plain(name) or not _person_name(name):
            continue  # a country's own entry ([AFG]), a one-word name, a group
        owners[name.lower()].add(country)
        full = [a for a in aliases if len(a.split()) >= 2 and a.lower() != name.lower()
                and _plain(a) and _person_name(a)]
        found[name.lower()] = (name, country, full)
    return sorted((found[key][0], found[key][1], found[key][2])
                  for key, countries_of in owners.items() if len(countries_of) == 1)


def places(countries: Path) -> list[tuple[str, str, list[str]]]:
    """Cities and other places the dictionary lists under a country's own entry
    (``+BANGALORE_`` under ``INDIA_ [IND]``): each name that kg does not already read as
    the country (a name, a demonym) or as a capital, with the country's code. A name two
    countries list is left out."""
    owners: dict[str, set[str]] = defaultdict(set)
    found: dict[str, str] = {}
    for _, aliases, codes in entries(countries):
        own = [code for code, dates in codes if len(code) == 3 and not dates.strip()]
        if len(own) != 1 or len(codes) != 1:
            continue  # a country's own entry has its code and nothing else
        for alias in aliases:
            if lookup_country(alias) is None and lookup_seat(alias) is None \
                    and not _organisation_name(alias) and _plain(alias):
                owners[alias.lower()].add(own[0])
                found[alias.lower()] = alias
    return sorted((found[key], next(iter(codes)), []) for key, codes in owners.items()
                  if len(codes) == 1)


def _organisation_name(name: str) -> bool:
    words = name.lower().replace("(", " ").replace(")", " ").split()
    return bool(words) and (words[-1] in org_heads() or bool(_ACRONYM.match(name)))


def _organisation(name: str, codes: list[tuple[str, str]], given: frozenset[str]) -> bool:
    if _organisation_name(name):
        return True
    dated = any(dates.strip() for _, dates in codes)
    return not dated and name.split()[0].lower() not in given


def organisations(international: Path, armed: Path,
                  given: frozenset[str]) -> list[tuple[str, str, list[str]]]:
    """The organisations of both files (``given``: given names, to leave people out)."""
    found: dict[str, tuple[str, str, list[str]]] = {}
    for path, kind in ((international, "igo"), (armed, "armed")):
        for name, aliases, codes in entries(path):
            if kind == "igo" and not any(c.startswith(_INTERNATIONAL) for c, _ in codes):
                continue
            if not _plain(name) or not _organisation(name, codes, given):
                continue
            names = [name, *(a for a in aliases
                             if _plain(a) and a.split()[0].lower() not in given)]
            key = name.lower()
            if key not in found:
                found[key] = (name, kind, sorted({n for n in names[1:] if n.lower() != key}))
    return sorted(found.values())


def write(path: Path, header: str, columns: str, rows: list[tuple[str, str, list[str]]]) -> None:
    """Write ``rows`` as TSV under ``header``, atomically."""
    text = header + f"# columns: {columns}\n" + "".join(
        f"{a}\t{b}\t{'|'.join(c)}\n" for a, b, c in rows)
    with atomic_output(path) as out:
        out.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    names = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
             "Phoenix.MilNonState.actors.txt")
    shared = shared_folder(argv, __doc__.splitlines()[0],
                           *(f"{PETRARCH2}/{name}" for name in names))
    sources = {name: shared / PETRARCH2 / name for name in names}
    OUT.mkdir(parents=True, exist_ok=True)
    found_people = people(sources["Phoenix.Countries.actors.txt"])
    write(OUT / "actors_people.tsv", CREDIT.format(source="Phoenix.Countries.actors.txt"),
          "name | ISO 3166-1 alpha-3 country of the current post | other full names (|)",
          [(n, c, a) for n, c, a in found_people])
    found_places = places(sources["Phoenix.Countries.actors.txt"])
    write(OUT / "actors_places.tsv", CREDIT.format(source="Phoenix.Countries.actors.txt"),
          "name | ISO 3166-1 alpha-3 country it lies in | (empty)", found_places)
    given = frozenset(name.split()[0].lower() for name, _, _ in found_people)
    found_orgs = organisations(sources["Phoenix.International.actors.txt"],
                               sources["Phoenix.MilNonState.actors.txt"], given)
    write(OUT / "actors_organisations.tsv",
          CREDIT.format(source="Phoenix.International.actors.txt and "
                               "Phoenix.MilNonState.actors.txt"),
          "name | igo or armed | acronyms and other names (|)", found_orgs)
    print(f"{len(found_people)} people, {len(found_places)} places, {len(found_orgs)} "
          f"organisations → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
