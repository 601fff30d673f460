"""What speakers say they do: their own acts inside their quotations.

“We strongly urge Iraqi leaders to reconsider,” a State Department spokesperson said: the
quotation reports the speaker's request in the first person. A clause of a quotation whose
actor is "I" or "we" is read as the speaker's own act, coded like any clause
(:func:`kg.extract.clauses.speaker_events`), with its factuality ("we will not accept" is
a refusal, "we could meet" a possibility). Other clauses of a quotation stay the speaker's
words: what a speaker says of others is not the article's assertion.

The speakers are those the ``quotes`` extractor found, so this one runs after it and reads
its ``SAID`` statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.base import Context, once
from kg.extract.clauses import clauses_of, speaker_events
from kg.extract.components import register
from kg.nlp import doc_text
from kg.records import Statement

NAME = "speech"
FIRST_PERSON = frozenset({"i", "we"})
_ACTOR_HOWS = frozenset({"active", "inherited", "control"})


@register(NAME, reads=("SAID",))
def extract(doc: Doc, context: Context, said: Iterable[Statement] = ()) -> Iterator[Statement]:
    """The first-person acts of the paragraph's quotations, each its speaker's event."""
    for found in once(_acts(doc, context, said), per_sentence=True):
        yield replace(found, evidence=replace(found.evidence, extractor=NAME))


def _acts(doc: Doc, context: Context, said: Iterable[Statement]) -> Iterator[Statement]:
    for statement in said:
        span = _quotation(doc, context, statement)
        if span is None:
            continue
        for sentence in sorted({t.sent for t in span}, key=lambda s: s.start):
            for clause in clauses_of(sentence):
                if span.start <= clause.verb.i < span.end and _first_person(clause):
                    yield from speaker_events(clause, statement.subject, sentence, context)


def _first_person(clause) -> bool:
    tokens = clause.actor.tokens
    return (clause.actor.how in _ACTOR_HOWS and bool(tokens)
            and all(t.lower_ in FIRST_PERSON for t in tokens))


def _quotation(doc: Doc, context: Context, said: Statement) -> Span | None:
    """The tokens of a ``SAID`` statement's quotation in this paragraph."""
    if not said.quote:
        return None
    text = doc_text(doc)
    begin = max(said.evidence.start - context.offset, 0)
    start = text.find(said.quote, begin)
    if start < 0 or start > said.evidence.end - context.offset:
        return None
    return doc.char_span(start, start + len(said.quote), alignment_mode="expand")
