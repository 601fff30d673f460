"""Subject–verb–object clauses, coded as PLOVER events where the lexicon knows the verb.

Reads active and passive clauses, prepositional objects ("talks with", "called on"),
actors shared through coordination, adjuncts and control ("agreed to hold", "is set to
visit", "urged X to curb", "condemned X for launching"), event nouns carried by light
verbs ("had a phone conversation with", "expressed support for"), members listed in an
object ("urged major economies—including India, China …"), the owner of an object that
names no entity ("disputed Trump's claim" → Trump), and reciprocal verbs whose
coordinated subject parties act with each other ("Turkey and Libya agreed …").

Negated, hypothetical and merely possible events stay events with that factuality and
their verb phrase as label ("did not meet"); they are not facts, and the graph and the
export say so. Clauses inside a quotation are the speaker's words, not the article's:
they stay ``OTHER`` statements, like every other clause with an entity subject. A planned
meeting is an agreement (``AGREE``) and a ``CONSULT`` marked planned. Every event gets the
time, place, mode and context its words carry (:mod:`kg.extract.setting`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import Actor, actor
from kg.extract.base import Context, once
from kg.extract.components import register
from kg.extract.factuality import factuality, intent, noun_factuality, planned
from kg.extract.groups import remember_actor, remember_group
from kg.extract.parties import Party, parties
from kg.extract.recall import remember_unattributed
from kg.extract.recipients import (
    between_tokens,
    complement_subjects,
    controlled_objects,
    inherited_recipients,
    mutual,
    object_tokens,
    recalled_recipients,
    recipient_tokens,
    struck_where,
    threatened_targets,
)
from kg.extract.senses import (
    REFUSAL,
    Event,
    lemma_of,
    noun_event,
    refusal,
    verb_event,
)
from kg.extract.setting import placed, setting
from kg.extract.syntax import (
    RELATIVE_PRONOUNS,
    antecedent,
    conjuncts,
    prep_objects,
    quoted,
)
from kg.extract.words import words
from kg.lexicons import (
    EventEntry,
    speech_verbs,
)
from kg.records import Argument, Factuality, Statement

NAME = "clauses"
_OBJECTS = {"dobj", "attr", "oprd", "dative"}
_NEEDS_PARTNER = frozenset({"CONSULT"})
_GROUP_CODES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_MEMBERSHIP_VERBS = frozenset({"join"})
_OTHER_PREPS = frozenset({"with", "to", "on", "against", "for", "at", "from", "into", "toward",
                          "towards", "over", "about"})


@dataclass(frozen=True, slots=True)
class Clause:
    """A predicate with the arguments found for it."""

    verb: Token
    actor: Actor
    objects: tuple[Token, ...]


def _verb_phrase(verb: Token) -> str:
    parts = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt")] + [verb]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def clauses_of(sentence: Span) -> Iterator[Clause]:
    """The predicates of a sentence that have an actor or a patient, with their objects."""
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass", "amod"):
            continue
        found = actor(token)
        if found.tokens or found.patients:
            yield Clause(token, found, tuple(object_tokens(token, found, _OBJECTS)))


def _statement(context: Context, sentence: Span, relation: str, subject: Argument,
               obj: Argument | None, confidence: float, label: str | None = None) -> Statement:
    return Statement(subject=subject, relation=relation, object=obj, label=label,
                     evidence=context.evidence(sentence, confidence, NAME))


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Clauses of every sentence of a parsed paragraph."""
    inside_quotes = quoted(doc)
    yield from once((statement for sentence in doc.sents for clause in clauses_of(sentence)
                     for statement in _read_clause(clause, sentence, context, inside_quotes)),
                    per_sentence=True)


def _base_confidence(how: str) -> float:
    return {"active": 0.85, "agent": 0.8, "control": 0.75, "inherited": 0.75}.get(how, 0.6)


def _read_clause(clause: Clause, sentence: Span, context: Context,
                 inside_quotes: frozenset[int]) -> Iterator[Statement]:
    verb = clause.verb
    subjects: list[Party] = []
    for token in clause.actor.tokens:
        named = parties(token, context)
        if clause.actor.how == "active":
            remember_actor(context, token, [p.argument for p in named])
        subjects.extend(named)
    if clause.actor.how == "active" and len(clause.actor.tokens) == 1:
        remember_group(context, clause.actor.tokens[0], [p.argument for p in subjects])
    event, fact = _coded(verb)
    in_quote = verb.i in inside_quotes
    factual = fact is Factuality.ASSERTED and not in_quote
    if subjects and factual and lemma_of(verb) in speech_verbs():
        yield from _demands(verb, subjects, sentence, context, inside_quotes)
    if subjects and lemma_of(verb) in _MEMBERSHIP_VERBS and factual and (
            event is None or event.trigger == verb):
        yield from _membership(clause, subjects, sentence, context)
        return
    if event is not None and not in_quote and subjects:
        statements = list(_read_event(clause, event, subjects, sentence, context, fact))
        if statements:
            yield from statements
            return
    if event is not None and factual and not subjects and _armed(clause):
        _remember_unattributed(clause, event, sentence, context)
    yield from _read_other(clause, subjects, sentence, context)


def _armed(clause: Clause) -> bool:
    """Whether a clause's actor is a weapon or an attack alone ("drones hit the facility",
    "the facilities were hit by drone strikes")."""
    return clause.actor.how in ("active", "agent") and bool(clause.actor.tokens) and all(
        lemma_of(t) in words("weapon") or _an_attack(t) for t in clause.actor.tokens)


def _an_attack(token: Token) -> bool:
    entry = noun_event(token)
    return entry is not None and entry.is_event and entry.code == "ASSAULT"


def _remember_unattributed(clause: Clause, event: Event, sentence: Span,
                           context: Context) -> None:
    """An attack told without its attacker, kept for whoever claims it later."""
    position = context.offset + sentence.start_char
    struck = [p.argument for token, _ in recipient_tokens(clause.verb, event, clause.actor)
              for p in parties(token, context, owners=True)]
    if not struck and event.entry.code == "ASSAULT":
        struck = [p.argument for t in struck_where(clause.verb, event)
                  for p in parties(t, context)]
    for recipient in struck:
        remember_unattributed(context, position, event.entry.code, recipient)


def _coded(verb: Token) -> tuple[Event | None, Factuality]:
    """The event a verb expresses and how far the text asserts it."""
    event = verb_event(verb)
    fact = factuality(verb)
    if event is not None and event.trigger != verb and fact is Factuality.ASSERTED:
        fact = noun_factuality(event.trigger)  # "held no talks"
    if event is not None and refusal(event.entry, event.trigger, fact):
        event, fact = replace(event, entry=REFUSAL), Factuality.ASSERTED
    if event is not None and event.entry.code == "ASSAULT" and _attempted(verb):
        fact = Factuality.ASSERTED  # PLOVER: "successful and attempted assassinations"
    return event, fact


def _attempted(verb: Token) -> bool:
    """Whether the verb is what an asserted attempt tried ("tried to assassinate")."""
    head = verb.head
    return verb.dep_ == "xcomp" and lemma_of(head) in words("attempting") \
        and factuality(head) is Factuality.ASSERTED


def speaker_events(clause: Clause, speaker: Argument, sentence: Span,
                   context: Context) -> Iterator[Statement]:
    """The events of a clause in which a speaker speaks of their own acts ("We condemn
    this attack", "I urge Turkey to act with restraint"), with the speaker as its actor."""
    event, fact = _coded(clause.verb)
    if event is not None:
        yield from _read_event(clause, event, [Party(speaker)], sentence, context, fact)


def _demands(verb: Token, subjects: list[Party], sentence: Span, context: Context,
             inside_quotes: frozenset[int]) -> Iterator[Statement]:
    """Saying that someone should or must act is a request of them: "Rouhani said foreign
    powers should get out of the region" (the recipient when named, else none)."""
    obligation = words("obligation")
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if not any(a.dep_ == "aux" and a.lower_ in obligation and a.i not in inside_quotes
                   for a in clause.children):
            continue  # the author's report of a duty, not words inside a quotation
        found = actor(clause)
        if any(t.lower_ in ("i", "we") or any(c.dep_ == "poss" and c.pos_ == "PRON"
                                               for c in t.children) for t in found.tokens):
            continue  # "I must tell you", "their countries should cooperate": their own duty
        named = [] if found.how != "active" else [
            p.argument for t in found.tokens for p in parties(t, context)]
        speakers = {p.argument.name for p in subjects}
        recipients = [a for a in named if a.name not in speakers]
        if found.how == "active" and not recipients and named:
            continue  # "I must answer": the speaker's own duty, not a request
        for subject in subjects:
            for recipient in recipients or [None]:
                yield _statement(context, sentence, "REQUEST", subject.argument, recipient,
                                 0.6 if recipient else 0.5)


def _read_event(clause: Clause, event: Event, subjects: list[Party], sentence: Span,
                context: Context, fact: Factuality) -> Iterator[Statement]:
    """The event's statements with their setting and factuality. An announced event is
    the intent it expresses (:func:`~kg.extract.factuality.intent`: "will meet" is an
    agreement, "would boycott" a threat) and, beside it, the event itself marked planned;
    an announced verbal act is the act ("will demand")."""
    verb = clause.verb
    code = event.entry.code
    future = planned(verb) or planned(event.trigger)
    found = setting({verb, event.trigger}, context, entry=event.entry, future=future)
    # a conditional announcement is still an offer or a threat ("would meet the mediator if
    # he gave them a veto"); the event itself stays hypothetical
    offered = fact is Factuality.ASSERTED or (fact is Factuality.HYPOTHETICAL
                                              and _conditioned(verb))
    intended = intent(code) if future and offered else None
    if intended and _unless(verb):
        intended = "THREATEN"  # "will withdraw its force unless …": a threat
    elif intended == "THREATEN" and code == "MOBILIZE" and _sent_to_a_party(verb):
        intended = "AGREE"  # "committing to send more troops to Saudi Arabia": a pledge
    yield from placed(
        _event_statements(clause, event, subjects, sentence, context, intended or code),
        found, code=code, intended=intended, fact=fact, label=_verb_phrase(verb),
        context=context)


def _sent_to_a_party(verb: Token) -> bool:
    """Whether forces are sent "to" a named country or organisation, which a deployment
    announced to it supports; sent "into" or "against" one, they threaten it."""
    return any(p.ent_type_ in ("GPE", "ORG", "NORP")
               for p in prep_objects(verb, ("to",)))


def _unless(verb: Token) -> bool:
    """Whether an announced act is made to depend on the other side's ("unless …")."""
    return _conditioned(verb, ("unless",))


def _conditioned(verb: Token, marks: tuple[str, ...] = ("if", "unless")) -> bool:
    """Whether the verb itself carries a condition ("would meet him if …")."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks
                                         for m in c.children) for c in verb.children)


def _event_statements(clause: Clause, event: Event, subjects: list[Party], sentence: Span,
                      context: Context, code: str) -> Iterator[Statement]:
    verb = clause.verb
    recipients = recipient_tokens(verb, event, clause.actor)
    if not recipients:
        recipients = [(t, "object") for t in inherited_recipients(verb)]
    subject_names = {p.argument.name for p in subjects}
    audience = lemma_of(verb) in words("address")
    objects: list[Party] = []
    for token, how in recipients:
        # a thing stands for its owner ("disputed Trump's claim"), but one meets people
        found = parties(token, context, owners=event.entry.code not in _NEEDS_PARTNER)
        if audience and how == "to":
            found = [p for p in found if p.argument.type in ("Person", "Country")]
        objects.extend(p for p in found if p.argument.name not in subject_names)
    if not objects and event.idiom_object is not None:
        objects = [p for noun in prep_objects(event.idiom_object, ("for",))
                   for p in recalled_recipients(noun, context)
                   if p.argument.name not in subject_names]
    if not objects and event.trigger != verb and code not in _GROUP_CODES:
        # "the attack was claimed by the Houthis" (who joins "the talks" is no party of
        # those before: the talks were theirs)
        objects = [p for p in recalled_recipients(event.trigger, context)
                   if p.argument.name not in subject_names]
    if not objects and code in ("REQUEST", "ACCUSE"):
        # what is asked of whom ("demanded that the US cancel …"), who is accused of what
        # ("police alleged the man carried out two attacks")
        objects = [p for t in complement_subjects(verb, harm=code == "ACCUSE")
                   for p in parties(t, context)
                   if p.argument.name not in subject_names]
    if not objects and event.entry.code == "THREATEN":
        # "threatened to strike the United States": aimed at the target of the act
        objects = [p for t in threatened_targets(verb) for p in parties(t, context)
                   if p.argument.name not in subject_names]
    controlled = controlled_objects(verb)
    if controlled and not any(parties(t, context) for t in controlled):
        return  # the recipient is a description we cannot name ("urged the embassy to …")
    if event.trigger != verb:
        between = [p for t in between_tokens(verb) + between_tokens(event.trigger)
                   for p in parties(t, context)]
        if len(between) >= 2 and not subjects:
            subjects = between[:1]
        objects.extend(p for p in between if p.argument.name not in subject_names)
    confidence = _base_confidence(clause.actor.how) - 0.05 * (event.trigger != verb)
    reciprocal = lemma_of(verb) in words("reciprocal") or (
        event.trigger != verb and event.entry.code in _GROUP_CODES)  # "held talks"
    if code in _GROUP_CODES and len(subjects) == 1 and objects:
        remember_group(context, verb, [subjects[0].argument, *(p.argument for p in objects)])
    if not objects and len(subjects) > 1 and mutual(clause.verb):
        reciprocal = True  # "Czechia and Albania have upgraded their diplomatic ties"
    if not objects and reciprocal and len(subjects) > 2 and all(p.grouped for p in subjects):
        # "the foreign ministers agreed to meet", said of a gathering of three or more named
        # before: no one member is the others' counterpart, so each acts with no recipient
        # (where the text names them, the first named leads: "A and his counterparts met")
        for subject in subjects:
            yield _statement(context, sentence, code, subject.argument, None, confidence - 0.15)
        return
    if not objects and reciprocal and len(subjects) > 1:
        # "A and B met": the first-named party with each of the others.
        first = subjects[0]
        for other in subjects[1:]:
            yield _statement(context, sentence, code, first.argument, other.argument,
                             confidence - 0.05)
        return
    if code.lower() not in words("place_recipient"):
        objects = [p for p in objects if p.argument.type != "Place"]
    elif not objects and code == "ASSAULT":
        # what was struck lies where the text says: "attacked oil facilities in Saudi Arabia"
        # (an arrest "in the neighbourhood" takes no place prisoner)
        objects = [p for t in struck_where(verb, event) for p in parties(t, context)
                   if p.argument.name not in subject_names]
    if not objects and (event.entry.code in _NEEDS_PARTNER or event.entry.mode == "joint"
                        or event.entry.lemma in words("needs_recipient")
                        or _broad(event.entry)):
        return
    if code == "ASSAULT" and lemma_of(verb) in words("verbal") and any(
            p.argument.type == "Person" for p in subjects):
        code = "ACCUSE"  # "Biden attacked Trump on taxes"
    for subject in subjects:
        for obj in objects or [None]:
            if obj is None:
                yield _statement(context, sentence, code, subject.argument, None,
                                 confidence - 0.15)
            else:
                yield _statement(context, sentence, code, subject.argument, obj.argument,
                                 confidence - 0.1 * (not obj.direct))


def _broad(entry: EventEntry) -> bool:
    """Whether the entry is a derived verb sense broad enough to code an event only with a
    named recipient. CAMEO's verb blocks give every synonym the block's code ("enter",
    "prepare", "remain"); PETRARCH codes them only between two actors, and so does kg. A
    pattern with its object or preposition ("open fire", "call for") is specific enough, and
    so is an event verb that takes no object ("rioted": ``intransitive``)."""
    return (entry.source == "cameo" and " " not in entry.lemma
            and entry.lemma not in words("intransitive"))


def _membership(clause: Clause, subjects: list[Party], sentence: Span,
                context: Context) -> Iterator[Statement]:
    """"X joined Y" (or "Y was joined by X"): X is a member of the group Y."""
    groups: list[Argument] = []
    for token in clause.objects:
        token = _group_antecedent(token)
        found = [p.argument for p in parties(token, context)
                 if p.argument.type in ("Organisation", None)]
        if found:
            groups.extend(found)
        elif lemma_of(token) in words("group") and any(
                c.dep_ in ("amod", "compound", "nmod") for c in token.lefts):
            groups.append(_group_phrase(token, context))  # "a naval coalition", not "the party"
    confidence = _base_confidence(clause.actor.how) - 0.05
    for subject in subjects:
        for group in groups:
            if group.name != subject.argument.name:
                yield _statement(context, sentence, "MEMBER_OF", subject.argument, group,
                                 confidence)


def _group_antecedent(token: Token) -> Token:
    """The group a relative pronoun stands for, repairing a low attachment
    ("a coalition to patrol the Gulf which was joined by …" → the coalition)."""
    if token.lower_ not in ("which", "that", "who") or token.head.dep_ != "relcl":
        return token
    current = token.head.head
    for _ in range(4):
        if lemma_of(current) in words("group"):
            return current
        if current.head == current:
            break
        current = current.head
    return token.head.head


def _group_phrase(token: Token, context: Context) -> Argument:
    """An unnamed organisation known by its description ("a naval coalition"): its noun
    and the modifiers before it."""
    first = token
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < first.i:
            first = child
    return replace(context.phrase(token.doc[first.i:token.i + 1]), type="Organisation")


def _noun_phrase(token: Token) -> Span:
    """A noun with its modifiers, but not a relative clause on it ("the call", not "the
    call, which Trump described as …")."""
    clause = [c for c in token.rights if c.dep_ == "relcl"]
    end = (clause[0].left_edge.i if clause else token.right_edge.i + 1)
    while end > token.i + 1 and token.doc[end - 1].is_punct:
        end -= 1
    return token.doc[token.left_edge.i:end]


def _read_other(clause: Clause, subjects: list[Party], sentence: Span,
                context: Context) -> Iterator[Statement]:
    label = _verb_phrase(clause.verb)
    objects = list(clause.objects)
    if not clause.actor.tokens:  # a passive without its agent: the patient is the subject
        subjects = [p for t in clause.actor.patients for p in parties(t, context)]
        objects = list(clause.actor.patients)
    objects.extend(p for prep in clause.verb.children
                   if prep.dep_ == "prep" and prep.lower_ in _OTHER_PREPS
                   for p in prep.children if p.dep_ == "pobj")
    # a relative pronoun object stands for its noun ("the call, which Trump described")
    objects = [antecedent(token) for token in objects]
    for subject in subjects:
        for token in objects:
            found = [p.argument for p in parties(token, context)]
            for member in conjuncts(token):  # a phrase for each conjunct naming no entity
                if member.pos_ == "PRON" or member.lower_ in RELATIVE_PRONOUNS:
                    continue  # a pronoun nothing resolved is no object
                if (member == token and not found) or (
                        member != token and context.resolve(member) is None):
                    found.append(context.phrase(_noun_phrase(member)))
            for argument in found:
                if argument.name != subject.argument.name:
                    yield _statement(context, sentence, "OTHER", subject.argument, argument,
                                     0.5, label)
