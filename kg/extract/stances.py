"""Stances named by a noun for the one who holds them: "Navalny, an outspoken critic of
Putin", "Bolton was a critic of Russia", "Kremlin critic Alexei Navalny", "a staunch
supporter of Israel".

A noun of ``agent_nouns.tsv`` names the doer of an event verb ("critic" of "criticize");
the one it describes — the subject of "is a critic of", the name it is in apposition to,
or the name it premodifies ("Kremlin critic Alexei Navalny") — does that verb's event
(``ACCUSE``, ``SUPPORT``, ``REJECT``) to the party after "of" or before the noun. The
statement is as asserted as the clause that says it ("is not a critic of" is negated);
words inside a quotation are the speaker's.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.extract.base import Context, once
from kg.extract.components import register
from kg.extract.factuality import factuality
from kg.extract.parties import governing, parties
from kg.extract.syntax import SUBJECT_DEPS, conjuncts, prep_objects, quoted
from kg.lexicons import EventEntry, event_type, rows
from kg.records import Argument, Factuality, Statement

NAME = "stances"
_COPULAS = frozenset({"be", "become", "remain"})


@cache
def agent_nouns() -> dict[str, EventEntry]:
    """Nouns for the doer of an event verb, with the verb's event.

    >>> agent_nouns()["critic"].code
    'ACCUSE'
    """
    table: dict[str, EventEntry] = {}
    for noun, verb in ((row[0].strip(), row[1].strip()) for row in rows("agent_nouns.tsv")):
        entry = event_type(verb, "VERB")
        if entry is not None and entry.is_event:
            table[noun] = entry
    return table


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """The stances the paragraph's agent nouns name, each once."""
    yield from once(_stances(doc, context))


def _stances(doc: Doc, context: Context) -> Iterator[Statement]:
    inside = quoted(doc)
    for sentence in doc.sents:
        for noun in sentence:
            entry = agent_nouns().get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
            if entry is not None and noun.i not in inside:
                yield from _read(noun, entry, sentence, context)


def _read(noun: Token, entry: EventEntry, sentence: Span,
          context: Context) -> Iterator[Statement]:
    holders, fact = _holders(noun, context)
    names = {h.name for h in holders}
    for target in _targets(noun, context):
        if target.name in names:
            continue
        for holder in holders:
            yield Statement(subject=holder, relation=entry.code, object=target,
                            label=noun.text, factuality=fact,
                            evidence=context.evidence(sentence, 0.65, NAME))


def _holders(noun: Token, context: Context) -> tuple[list[Argument], Factuality]:
    """Whom the noun describes, and how far the text asserts it."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("attr", "acomp"):
        # "was much more of a critic of Russia": the critic is the copula's attribute
        noun, head = head.head, head.head.head
    if noun.dep_ in ("attr", "acomp") and head.lemma_.lower() in _COPULAS:
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        return ([p.argument for s in subjects for p in parties(s, context)
                 if p.argument.type in ("Person", "Organisation", "Country")],
                factuality(head))
    if noun.dep_ in ("appos", "compound") and head.pos_ in ("PROPN", "NOUN"):
        found = context.resolve(head)
        if found is not None and found.type in ("Person", "Organisation"):
            return [found], Factuality.ASSERTED
    if noun.head.dep_ == "appos" and noun.dep_ == "compound":
        return _holders(noun.head, context)
    return [], Factuality.ASSERTED


def _targets(noun: Token, context: Context) -> list[Argument]:
    """The party the stance is towards: after "of" ("a critic of Putin"), or named before
    the noun ("Kremlin critic")."""
    found = [p.argument for pobj in prep_objects(noun, ("of",))
             for member in conjuncts(pobj) for p in parties(member, context, owners=True)]
    if not found:
        # only the word right before the noun: a "New York Times film critic" reviews films
        found = [a for c in noun.lefts if c.dep_ == "compound" and c.i == noun.i - 1
                 for a in [context.resolve(c)] if a is not None]
    return [seated for a in found for seated in [governing(a)]
            if seated.type not in (None, "Place")]
