"""The word classes the extractors read parses with, from ``kg/data/extract_words.tsv``.

A class is a set of lower-case words (lemmas) with one job in the grammar: ``light`` verbs
whose object names the event, ``nonfactive`` heads whose complement is not asserted,
``recipient`` prepositions per event type… The file's header says what each class is for.
This module knows nothing of spaCy, so that every extractor module can import it.
"""

from __future__ import annotations

from functools import cache

from kg.lexicons import rows


@cache
def _table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for row in rows("extract_words.tsv"):
        if len(row) >= 2:
            table.setdefault(row[0].strip(), set()).add(row[1].strip().lower())
    return {kind: frozenset(members) for kind, members in table.items()}


def words(kind: str) -> frozenset[str]:
    """The words of one class of ``extract_words.tsv``.

    >>> "hold" in words("light")
    True
    """
    return _table().get(kind, frozenset())


@cache
def recipient_preps(code: str) -> frozenset[str]:
    """The prepositions that introduce the recipient of an event type ("strikes on").

    >>> sorted(recipient_preps("ASSAULT"))[:3]
    ['against', 'at', 'into']
    """
    prefix = code.lower() + " "
    return frozenset(w[len(prefix):] for w in words("recipient") if w.startswith(prefix))
