"""Damning judgments that speakers report: "They concluded that the agreement is 'null and
void'", "Iran said the sanctions were illegal", "the ministers deemed that the deal
violates international law".

A speaker who says that a thing is damned (a ``damning`` word as its predicate: illegal,
void, a crime …) or that it breaks a rule (a ``violating`` verb: violate, breach, go
against …) criticises those it belongs to: the parties of the agreement, the actor of the
attack told before (:mod:`kg.extract.parties`, with owners), or the party itself ("said
Russia was responsible" is no judgment; "said Russia's actions were criminal" is). It is
PLOVER's ACCUSE, coded like a damning label ("called the agreement 'null and void'",
:func:`kg.extract.senses.verb_event`) but with the label in a reported clause.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.base import Context, once
from kg.extract.clauses import clauses_of
from kg.extract.components import register
from kg.extract.factuality import factuality
from kg.extract.parties import Party, parties
from kg.extract.senses import lemma_of
from kg.extract.syntax import SUBJECT_DEPS, conjuncts
from kg.extract.words import words
from kg.lexicons import speech_verbs
from kg.records import Factuality, Statement

NAME = "judgments"
_CONFIDENCE = 0.6


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """The accusations that the paragraph's speakers make by damning a thing they speak of."""
    yield from once((statement for sentence in doc.sents
                     for statement in _judgments(sentence, context)), per_sentence=True)


def _judgments(sentence: Span, context: Context) -> Iterator[Statement]:
    for clause in clauses_of(sentence):
        verb = clause.verb
        if clause.actor.how != "active" or lemma_of(verb) not in speech_verbs() \
                or factuality(verb) is not Factuality.ASSERTED:
            continue
        speakers = [p for t in clause.actor.tokens for p in parties(t, context)]
        for judged in (c for c in verb.children if c.dep_ == "ccomp" and _damning(c)):
            for subject in (s for s in judged.children if s.dep_ in SUBJECT_DEPS):
                yield from _accusations(speakers, subject, sentence, context)


def _damning(clause: Token) -> bool:
    """Whether a clause damns its subject: a damning predicate ("is 'null and void'", "were
    a crime") or a verb of breaking a rule ("violates the law", "goes against")."""
    readings = {lemma_of(clause), *(f"{lemma_of(clause)} {c.lower_}" for c in clause.children
                                    if c.dep_ == "prep")}
    if readings & words("violating"):
        return not any(c.dep_ == "neg" for c in clause.children)
    if lemma_of(clause) != "be" or any(c.dep_ == "neg" for c in clause.children):
        return False
    damning = words("damning")
    labels = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
    return any(w.lemma_.lower() in damning or w.lower_ in damning
               for label in labels for head in conjuncts(label)
               for w in (head, *(c for c in head.children if c.dep_ in ("amod", "conj"))))


def _accusations(speakers: list[Party], subject: Token, sentence: Span,
                 context: Context) -> Iterator[Statement]:
    """ACCUSE from each speaker to whom the damned thing belongs ("the agreement" → its
    parties); a party damned by name is not ("Russia was responsible" judges no thing)."""
    owned = [p.argument for p in parties(subject, context, owners=True) if not p.direct]
    names = {p.argument.name for p in speakers}
    for speaker in speakers:
        for accused in (a for a in owned if a.name not in names):
            yield Statement(subject=speaker.argument, relation="ACCUSE", object=accused,
                            mode="disapprove",
                            evidence=context.evidence(sentence, _CONFIDENCE, NAME))
