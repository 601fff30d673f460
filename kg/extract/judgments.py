"""Damning judgments that speakers report: "They concluded that the agreement is 'null and
void'", "Iran said the sanctions were illegal", "the ministers deemed that the deal
violates international law"; the displeasure a party feels ("the United States was
disappointed by the decision of Iraq"); and the harm a party claims or believes another
did ("the CIA believes the crown prince ordered the killing").

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

from kg.extract import recall
from kg.extract.base import Context, once
from kg.extract.clauses import Clause, clauses_of
from kg.extract.components import register
from kg.extract.factuality import factuality
from kg.extract.parties import Party, parties
from kg.extract.senses import damning_label, harmful, lemma_of, noun_event
from kg.extract.syntax import SUBJECT_DEPS, prep_objects
from kg.extract.words import words
from kg.lexicons import speech_verbs
from kg.records import Argument, Factuality, Statement

NAME = "judgments"
_CONFIDENCE = 0.6


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """The accusations that the paragraph's speakers make by damning a thing they speak of."""
    yield from once((statement for sentence in doc.sents
                     for statement in _judgments(sentence, context)), per_sentence=True)


def _judgments(sentence: Span, context: Context) -> Iterator[Statement]:
    yield from _displeasure(sentence, context)
    for clause in clauses_of(sentence):
        verb = clause.verb
        if clause.actor.how == "active" and lemma_of(verb) in words("alleging") \
                and factuality(verb) is Factuality.ASSERTED:
            yield from _allegations(clause, sentence, context)
        if clause.actor.how != "active" or lemma_of(verb) not in speech_verbs() \
                or factuality(verb) is not Factuality.ASSERTED:
            continue
        speakers = [p for t in clause.actor.tokens for p in parties(t, context)]
        for judged in (c for c in verb.children if c.dep_ == "ccomp" and _damning(c)):
            for subject in (s for s in judged.children if s.dep_ in SUBJECT_DEPS):
                yield from _accusations(speakers, subject, sentence, context)


def _allegations(clause: Clause, sentence: Span, context: Context) -> Iterator[Statement]:
    """A party that claims or believes another did a harm accuses it: "Tamim claimed the
    Houthis have attacked journalists", "the CIA believes the crown prince ordered the
    killing" (an ``alleging`` verb whose clause tells a material conflict: PLOVER quad 4,
    done by its verb or by the act it orders or carries out)."""
    speakers = [p for t in clause.actor.tokens for p in parties(t, context)]
    names = {p.argument.name for p in speakers}
    for told in (c for c in clause.verb.children if c.dep_ == "ccomp" and harmful(c)):
        for doer in (s for s in told.children if s.dep_ in SUBJECT_DEPS):
            for accused in parties(doer, context):
                if accused.argument.name not in names:
                    for speaker in speakers:
                        yield _accusation(speaker.argument, accused.argument, sentence,
                                          context)


def _displeasure(sentence: Span, context: Context) -> Iterator[Statement]:
    """A party displeased with a thing or a party accuses it: "the United States was
    disappointed by the decision of Iraq", "China is angry at Japan" (``displeased``
    words, as adjectives or passive participles)."""
    for word in sentence:
        if word.lower_ not in words("displeased") or word.tag_ not in ("JJ", "VBN") \
                or factuality(word) is not Factuality.ASSERTED:
            continue
        holder = word.head if word.dep_ == "acomp" else word
        feeling = [p for t in holder.children if t.dep_ in ("nsubj", "nsubjpass")
                   for p in parties(t, context)]
        causes = [pobj for prep in word.children if prep.dep_ in ("agent", "prep")
                  and prep.lower_ in _CAUSE_PREPS
                  for pobj in prep.children if pobj.dep_ == "pobj"]
        names = {p.argument.name for p in feeling}
        for cause in causes:
            blamed = [a for a in _blamed(cause, context) if a.name not in names]
            for party in feeling:
                for accused in blamed:
                    yield _accusation(party.argument, accused, sentence, context)


_CAUSE_PREPS = frozenset({"by", "with", "at", "over", "about"})


def _blamed(cause: Token, context: Context) -> list[Argument]:
    """Whom a cause of displeasure blames: a party named ("angry at Japan"), else the one
    whose act it is ("Iraq's decision", "the decision by Iraq", an attack told before) —
    never the one an act was done to ("the poisoning of Navalny")."""
    named = [p.argument for p in parties(cause, context)]
    if named:
        return named
    entry = noun_event(cause)
    material = entry is not None and entry.is_material
    # a material act's "of" names what it was done to; any other thing's, whose it is
    doers = [c for c in cause.children if c.dep_ == "poss"] + prep_objects(
        cause, ("by",) if material else ("by", "of"))
    found = [p.argument for t in doers for p in parties(t, context)]
    if found:
        return found
    return recall.owners(recall.recall(cause, entry.code, context)) if entry else []


def _damning(clause: Token) -> bool:
    """Whether a clause damns its subject: a damning predicate ("is 'null and void'", "were
    a crime") or a verb of breaking a rule ("violates the law", "goes against")."""
    readings = {lemma_of(clause), *(f"{lemma_of(clause)} {c.lower_}" for c in clause.children
                                    if c.dep_ == "prep")}
    if readings & words("violating"):
        return not any(c.dep_ == "neg" for c in clause.children)
    if lemma_of(clause) != "be" or any(c.dep_ == "neg" for c in clause.children):
        return False
    return damning_label([c for c in clause.children if c.dep_ in ("acomp", "attr")])


def _accusations(speakers: list[Party], subject: Token, sentence: Span,
                 context: Context) -> Iterator[Statement]:
    """ACCUSE from each speaker to whom the damned thing belongs ("the agreement" → its
    parties); a party damned by name is not ("Russia was responsible" judges no thing)."""
    owned = [p.argument for p in parties(subject, context, owners=True) if not p.direct]
    names = {p.argument.name for p in speakers}
    for speaker in speakers:
        for accused in (a for a in owned if a.name not in names):
            yield _accusation(speaker.argument, accused, sentence, context)


def _accusation(accuser: Argument, accused: Argument, sentence: Span,
                context: Context) -> Statement:
    return Statement(subject=accuser, relation="ACCUSE", object=accused, mode="disapprove",
                     evidence=context.evidence(sentence, _CONFIDENCE, NAME))
