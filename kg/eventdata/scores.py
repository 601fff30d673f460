"""PLOVER's quad classes, conflict–cooperation scores and CAMEO codes, as data.

Read from ``kg/data/derived/plover_scores.tsv`` and ``plover_cameo.tsv``, which
``scripts/derive_plover_scores.py`` derives from the PLOVER manual and its CAMEO table (the
same values are in the ontology, ``dip:quadClass`` and ``dip:intensity``).

>>> quad("SANCTION"), intensity("CONSULT", "visit"), intensity("CONSULT", "meeting")
(4, 4.0, 2.5)
"""

from __future__ import annotations

from functools import cache

from kg.lexicons import rows

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"}
"""PLOVER's numeric quad codes and their classes."""


@cache
def _scores() -> dict[tuple[str, str], tuple[int, float]]:
    return {(row[0], row[1]): (int(row[2]), float(row[4]))
            for row in rows("derived/plover_scores.tsv")}


def quad(event_type: str) -> int:
    """The quad code (1–4) of a PLOVER event type.

    >>> quad("CONSULT"), quad("ASSAULT")
    (1, 4)
    """
    return _scores()[(event_type, "")][0]


def intensity(event_type: str, mode: str | None = None) -> float:
    """The PLOVER score of an event: its mode's where the manual scores that mode, else its
    type's.

    >>> intensity("ACCUSE"), intensity("ASSAULT", "aerial")
    (-3.0, -9.5)
    """
    scores = _scores()
    return scores.get((event_type, mode or ""), scores[(event_type, "")])[1]


@cache
def _cameo() -> dict[tuple[str, str, str], tuple[str, ...]]:
    return {(row[0], row[1], row[2]): tuple(row[3].split(","))
            for row in rows("derived/plover_cameo.tsv")}


def cameo_codes(event_type: str, mode: str | None = None,
                context: str | None = None) -> tuple[str, ...]:
    """The CAMEO codes that PLOVER's CAMEO table maps to exactly this coding.

    >>> cameo_codes("CONSULT", "phone"), cameo_codes("ACCUSE", "disapprove")
    (('041',), ('110', '111', '112', '113'))
    """
    return _cameo().get((event_type, mode or "", (context or "").replace("_", "-")), ())


def cameo_code(event_type: str, mode: str | None = None, context: str | None = None,
               digits: int = 4) -> str:
    """A CAMEO code for an event where the table gives it honestly, else ``""``.

    With ``digits=4`` the code itself, only when one code maps to the coding; with 3 (the
    base code) or 2 (the root code), the prefix that all its codes share at that length.

    >>> cameo_code("CONSULT", "phone"), cameo_code("ACCUSE", "disapprove")
    ('041', '')
    >>> cameo_code("ACCUSE", "disapprove", digits=2), cameo_code("ACCUSE", "disapprove", digits=3)
    ('11', '')
    """
    codes = cameo_codes(event_type, mode, context)
    if not codes:
        return ""
    if digits >= 4:
        return codes[0] if len(codes) == 1 else ""
    prefixes = {code[:digits] for code in codes}
    return prefixes.pop() if len(prefixes) == 1 and min(map(len, codes)) >= digits else ""
