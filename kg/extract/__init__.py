"""Extractors: parsed sentences → :class:`~kg.records.Statement` records.

Each extractor is one module that registers itself (:mod:`kg.extract.components`);
adding one is a new file, one import line below and its place in :data:`ORDER`.
Extractors know nothing of RDF. An extractor that builds on another's statements declares
the relations it ``reads`` and is given the paragraph's statements of those relations,
found by the extractors before it.

>>> ORDER
('events', 'clauses', 'judgments', 'stances', 'members', 'positions', 'quotes', 'speech')
>>> EXTRACTORS["speech"].reads
('SAID',)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kg.extract.base import Context
from kg.extract.components import EXTRACTORS, register  # noqa: F401  (the public API)
from kg.records import Statement

# The run order: an extractor that reads others' statements comes after them. Event nouns
# come first: an attack a paragraph tells without its attacker ("an attack on oil
# infrastructure in Saudi Arabia") is remembered before a clause of the same paragraph
# claims it ("The attack was claimed by the Houthi movement").
ORDER = ("events", "clauses", "judgments", "stances", "members", "positions", "quotes", "speech")


def extract_paragraph(doc: Doc, context: Context,
                      names: Iterable[str] | None = None) -> Iterator[Statement]:
    """Run the chosen extractors (all by default), in :data:`ORDER`, over a parsed paragraph;
    an event two of them read in one sentence is one statement (:func:`one_each`)."""
    chosen = set(names) if names is not None else set(ORDER)
    found: list[Statement] = []
    for name in (n for n in ORDER if n in chosen):
        component = EXTRACTORS[name]
        if component.reads:
            earlier = [s for s in found if s.relation in component.reads]
            statements = list(component.extract(doc, context, earlier))
        else:
            statements = list(component.extract(doc, context))
        found.extend(statements)
    yield from one_each(found)


def one_each(statements: list[Statement]) -> list[Statement]:
    """Each event of a sentence once: of the statements with the same sentence, relation,
    parties and factuality (a verb and its event noun read by two extractors: "had a phone
    conversation with Putin, marking the first dialogue between the two leaders"), the one
    that tells most of its setting (time, place, mode, context), then the surest.

    A relation that carries a value of its own (a role, a quote, an open relation's label)
    keeps each value."""
    def key(s: Statement) -> tuple:
        return (s.evidence.start, s.relation, s.subject.name,
                s.object.name if s.object else None, s.factuality, s.role, s.quote, s.label)

    def rank(s: Statement) -> tuple:
        told = sum(x is not None for x in (s.when, s.place, s.mode, s.context))
        return (told, s.evidence.confidence)

    best: dict[tuple, Statement] = {}
    for statement in statements:
        k = key(statement)
        if k not in best or rank(statement) > rank(best[k]):
            best[k] = statement
    kept = {id(s) for s in best.values()}
    return [s for s in statements if id(s) in kept]


# The extractors register themselves on import.
from kg.extract import (  # noqa: E402,F401
    clauses,
    events,
    judgments,
    members,
    positions,
    quotes,
    speech,
    stances,
)

if set(EXTRACTORS) != set(ORDER):
    raise ImportError(f"extractors without a place in ORDER: {set(EXTRACTORS) ^ set(ORDER)}")
