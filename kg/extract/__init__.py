"""Extractors: parsed sentences → :class:`~kg.records.Statement` records.

Each extractor is one module that registers itself here; adding one is a new file and
one import line below. Extractors know nothing of RDF.

>>> sorted(EXTRACTORS)
['clauses', 'events', 'members', 'positions', 'quotes']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kg.extract.base import Context, Extractor
from kg.records import Statement

EXTRACTORS: dict[str, Extractor] = {}


def register(name: str):
    """Register an extractor under ``name`` (a decorator)."""

    def add(function: Extractor) -> Extractor:
        EXTRACTORS[name] = function
        return function

    return add


def extract_paragraph(doc: Doc, context: Context,
                      names: Iterable[str] | None = None) -> Iterator[Statement]:
    """Run the chosen extractors (all by default) over a parsed paragraph."""
    for name in names or sorted(EXTRACTORS):
        yield from EXTRACTORS[name](doc, context)


# The extractors register themselves on import.
from kg.extract import clauses, events, members, positions, quotes  # noqa: E402,F401
