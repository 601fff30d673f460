"""Identifiers of actors as event data gives them: countries' ISO 3166 alpha-3 codes, names
and Wikidata QIDs, organisations' CAMEO and PLOVER codes.

All from tables derived by ``scripts/derive_identifiers.py`` (``kg/data/derived/``): the
QIDs from the territory table of OpenSanctions' ``rigour`` package, the organisation codes
from PETRARCH2's international actors dictionary and the PLOVER manual.

>>> wikidata("DEU"), organisation_code("The European Union")
('Q183', ('EUR', 'IGOEUREEC'))
"""

from __future__ import annotations

from functools import cache

import pycountry

from kg.lexicons import rows

WIKIDATA = "http://www.wikidata.org/entity/"
"""Wikidata's entity namespace (the IRIs ``owl:sameAs`` points to)."""


@cache
def _countries() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in rows("derived/country_wikidata.tsv")}


def wikidata(code: str | None) -> str | None:
    """The Wikidata QID of a country by its ISO alpha-3 code, ``None`` if unknown.

    >>> wikidata("USA"), wikidata("XXX"), wikidata(None)
    ('Q30', None, None)
    """
    found = _countries().get(code or "")
    return found[0] if found else None


def wikidata_iris(code: str | None) -> list[str]:
    """The Wikidata entity IRI of a country (for ``owl:sameAs``), none if unknown.

    >>> wikidata_iris("FRA"), wikidata_iris("XXX")
    (['http://www.wikidata.org/entity/Q142'], [])
    """
    qid = wikidata(code)
    return [WIKIDATA + qid] if qid else []


def country_name(code: str | None) -> str | None:
    """A country's ISO 3166 English short name (pycountry), else the derived table's name.

    >>> country_name("RUS"), country_name("XKX")
    ('Russian Federation', 'Kosovo')
    """
    if not code:
        return None
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        return country.name
    found = _countries().get(code)
    return found[1] if found else None


@cache
def _organisations() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in rows("derived/organisation_codes.tsv")}


def fold(name: str) -> str:
    """A name folded as the organisation table keys it (lower case, no leading "the").

    >>> fold("The United  Nations")
    'united nations'
    """
    words = name.lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def organisation_code(name: str) -> tuple[str, str] | None:
    """An international organisation's PLOVER code (IGO, UNO, EUR, NGO…) and CAMEO code.

    >>> organisation_code("World Health Organization"), organisation_code("Minetest")
    (('UNO', 'IGOUNOHLHWHO'), None)
    """
    return _organisations().get(fold(name))
