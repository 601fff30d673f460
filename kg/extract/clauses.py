"""Subject–verb–object clauses, coded as PLOVER events where the lexicon knows the verb.

Reads active and passive clauses, prepositional objects ("talks with", "a call to"),
subjects shared through coordination and control ("agreed to hold", "is set to
visit", "is expected to press"), and event nouns carried by light verbs ("had a phone
conversation with"). Negated and hypothetical clauses are not asserted as events.
Every other clause with an entity subject becomes an ``OTHER`` statement labelled by
its verb phrase.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract import register
from kg.extract.base import Context
from kg.lexicons import EventEntry, event_type
from kg.records import Argument, Statement

NAME = "clauses"
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_OBJECTS = {"dobj", "attr", "oprd", "dative"}
_RECIPIENT_PREPS = {"with", "to", "on", "against", "for", "at", "from", "into", "toward",
                    "towards", "over", "about"}
_LIGHT_VERBS = {"have", "hold", "make", "give", "launch", "carry", "conduct", "host", "stage"}
_HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
_MODAL_DOUBT = {"could", "might", "may", "would"}


@dataclass(frozen=True, slots=True)
class Clause:
    """A predicate with the arguments found for it."""

    verb: Token
    subjects: tuple[Token, ...]
    objects: tuple[Token, ...]
    passive: bool
    inherited: bool  # the subject came from a governing verb (control, coordination)


def _conjuncts(token: Token) -> list[Token]:
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def _subjects(verb: Token) -> tuple[list[Token], bool, bool]:
    """The subjects of ``verb``, whether the clause is passive, whether inherited."""
    current, inherited = verb, False
    for _ in range(4):
        passive = any(c.dep_ == "nsubjpass" for c in current.children)
        found = [c for c in current.children if c.dep_ in _SUBJECTS]
        if found:
            subjects = [s for f in found for s in _conjuncts(f)]
            if passive and current is verb:
                agents = [
                    p for c in verb.children if c.dep_ == "agent"
                    for p in c.children if p.dep_ == "pobj"
                ]
                if agents:
                    return [a for p in agents for a in _conjuncts(p)], True, inherited
            return subjects, passive and current is verb, inherited
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head is not current:
            current, inherited = current.head, True
            continue
        break
    return [], False, inherited


def _objects(verb: Token, passive: bool) -> list[Token]:
    objects = [o for c in verb.children if c.dep_ in _OBJECTS for o in _conjuncts(c)]
    if passive:
        objects = [o for c in verb.children if c.dep_ == "nsubjpass" for o in _conjuncts(c)]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS):
        objects.extend(o for p in prep.children if p.dep_ == "pobj" for o in _conjuncts(p))
    return objects


def _asserted(verb: Token) -> bool:
    """False for negated, hypothetical or merely possible clauses."""
    for token in (verb, *verb.ancestors):
        if any(c.dep_ == "neg" for c in token.children):
            return False
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL_MARKS for c in token.children
        ):
            return False
        if token.dep_ in ("ROOT", "ccomp"):
            break
    return not any(c.dep_ == "aux" and c.lower_ in _MODAL_DOUBT for c in verb.children)


def _lemma(verb: Token) -> str:
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.lemma_.lower()} {particle}" if particle else verb.lemma_.lower()


def _event(verb: Token) -> tuple[EventEntry | None, Token]:
    """The event a verb expresses: its own lexicon entry, or that of a light verb's noun."""
    for preposition in (c for c in verb.children if c.dep_ == "prep"):
        entry = event_type(f"{verb.lemma_.lower()} {preposition.lower_}", "VERB")
        if entry:
            return entry, verb
    entry = event_type(_lemma(verb), "VERB")
    if entry:
        return entry, verb
    if verb.lemma_.lower() in _LIGHT_VERBS:
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            entry = event_type(obj.lemma_.lower(), "NOUN")
            if entry:
                return entry, obj
    return None, verb


def _verb_phrase(verb: Token) -> str:
    parts = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt")] + [verb]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _clauses(sentence: Span) -> Iterator[Clause]:
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass", "amod"):
            continue
        subjects, passive, inherited = _subjects(token)
        if subjects:
            yield Clause(token, tuple(subjects), tuple(_objects(token, passive)), passive,
                         inherited)


def _statement(context: Context, sentence: Span, relation: str, subject: Argument,
               obj: Argument | None, confidence: float, label: str | None = None) -> Statement:
    return Statement(subject=subject, relation=relation, object=obj, label=label,
                     evidence=context.evidence(sentence, confidence, NAME))


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Clauses of every sentence of a parsed paragraph."""
    for sentence in doc.sents:
        for clause in _clauses(sentence):
            yield from _read_clause(clause, sentence, context)


def _read_clause(clause: Clause, sentence: Span, context: Context) -> Iterator[Statement]:
    entry, trigger = _event(clause.verb)
    objects = list(clause.objects)
    if trigger is not clause.verb:  # an event noun: its recipients hang off the noun
        objects = [o for prep in trigger.children if prep.dep_ == "prep"
                   and prep.lower_ in _RECIPIENT_PREPS
                   for p in prep.children if p.dep_ == "pobj" for o in _conjuncts(p)]
    subjects = [a for a in (context.resolve(s) for s in clause.subjects) if a is not None]
    resolved = [(o, context.resolve(o)) for o in objects]
    entity_objects = [a for _, a in resolved if a is not None and a.name not in
                      {s.name for s in subjects}]
    if entry is not None:
        if not _asserted(clause.verb):
            return
        confidence = 0.85 - 0.1 * clause.inherited - 0.1 * (trigger is not clause.verb)
        for subject in subjects:
            for obj in entity_objects or [None]:
                yield _statement(context, sentence, entry.code, subject, obj,
                                 confidence - 0.15 * (obj is None))
        return
    label = _verb_phrase(clause.verb)
    for subject in subjects:
        for token, argument in resolved:
            if argument is None:
                span = sentence.doc[token.left_edge.i: token.right_edge.i + 1]
                argument = context.phrase(span)
            if argument.name != subject.name:
                yield _statement(context, sentence, "OTHER", subject, argument, 0.5, label)
