"""Which words of a clause may name its event's recipient: the objects, the objects' own
recipients ("lifted sanctions on Iran"), datives, the owners a thing stands for, the places
an attack struck, the recipient a participle inherits, whom a request's clause names, and
the parties "between" joins.

Read by :mod:`kg.extract.clauses`, which resolves the tokens to parties.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.actors import Actor
from kg.extract.base import Context
from kg.extract.parties import Party
from kg.extract.recall import recall
from kg.extract.senses import Event, harmful, lemma_of, noun_event, object_words
from kg.extract.syntax import SUBJECT_DEPS, conjuncts, governor, prep_objects
from kg.extract.words import recipient_preps, words
from kg.lexicons import government_nouns

EVENT_OBJECTS = {"dobj", "dative"}


def object_tokens(verb: Token, actor_: Actor, deps: set[str]) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in deps]
    return [*objects, *actor_.patients] if actor_.how == "agent" else objects


def recipient_tokens(verb: Token, event: Event, actor_: Actor) -> list[tuple[Token, str]]:
    """The tokens that may name an event's recipient, each with how it is attached."""
    found: list[tuple[Token, str]] = []
    preps = event.recipient_preps
    if event.idiom_object is not None:
        # "lifted sanctions on Iran": the object's own recipient
        noun = event.idiom_object
        own = noun_event(noun)
        noun_preps = preps | (recipient_preps(own.code) if own else frozenset())
        if partnered(noun):
            noun_preps = noun_preps | {"with"}  # "cut ties with Iran"
        found.extend((p, prep.lower_) for prep in noun.children
                     if prep.dep_ == "prep" and prep.lower_ in noun_preps
                     for p in prep.children if p.dep_ == "pobj")
        # "claimed responsibility for the attack on Abqaiq": the recipient of the event named
        found.extend((p, prep) for event_noun in prep_objects(noun, ("for",))
                     if noun_event(event_noun)
                     for p, prep in own_recipients(event_noun))
        found.extend((c, "object") for c in datives(verb))
        if lemma_of(noun) not in words("vehicle"):
            # a pattern's object may be a party ("arrested protesters"), but not the
            # subject's own means ("will lead the American delegation", "sent troops")
            found.append((noun, "object"))
    elif event.trigger == verb:
        deps = set() if lemma_of(verb) in words("topic") else EVENT_OBJECTS - {"dative"}
        objects = object_tokens(verb, actor_, deps)
        found.extend((t, "object") for t in [*objects, *datives(verb)])
        # the object's own recipient: "demanded an explanation from Russia", "imposed
        # tariffs on China" (not "of": "demanded the release of prisoners")
        found.extend((p, prep.lower_) for obj in objects if obj.dep_ == "dobj"
                     for prep in obj.children if prep.dep_ == "prep"
                     and prep.lower_ in preps and prep.lower_ != "of"
                     for p in prep.children if p.dep_ == "pobj")
    else:
        found.extend((c, "object") for c in datives(verb))
        # a light verb's subject is its event noun's actor, so "of" names the recipient,
        # as after an actor's possessive: "voiced criticism of Russia", "Russia's invasion
        # of Ukraine"
        noun_preps = preps | {"of"} if event.trigger.dep_ in EVENT_OBJECTS else preps
        found.extend((p, prep.lower_) for prep in event.trigger.children
                     if prep.dep_ == "prep" and prep.lower_ in noun_preps
                     for p in prep.children if p.dep_ == "pobj")
    found.extend((p, prep.lower_) for prep in verb.children
                 if prep.dep_ == "prep" and prep.lower_ in preps
                 for p in prep.children if p.dep_ == "pobj")
    return found


def threatened_targets(verb: Token) -> list[Token]:
    """Whom a threat made in an infinitive is aimed at: the objects of the act threatened,
    and what it or its object is done "on" or "against" ("threatened to strike the United
    States", "threatened to impose tariffs on China")."""
    found: list[Token] = []
    for act in (c for c in verb.children if c.dep_ == "xcomp"):
        objects = [c for c in act.children if c.dep_ in EVENT_OBJECTS]
        found.extend(objects)
        found.extend(p for head in (act, *objects) for p in prep_objects(head, ("on", "against")))
    return found


def own_recipients(noun: Token) -> list[tuple[Token, str]]:
    """The recipients an event noun names itself ("the attack on Abqaiq")."""
    own = noun_event(noun)
    preps = tuple(recipient_preps(own.code)) if own else ()
    return [(p, p.head.lower_) for p in prep_objects(noun, preps)]


def recalled_recipients(noun: Token, context: Context) -> list[Party]:
    """The recipients of the event a definite noun names again ("claimed responsibility
    for the attacks": on what the article said was attacked)."""
    own = noun_event(noun)
    if own is None or not own.is_event:
        return []
    return [Party(t.recipient, False) for t in recall(noun, own.code, context)
            if t.recipient is not None]


def mutual(verb: Token) -> bool:
    """Whether the verb's object is its coordinated subjects' relations with each other
    ("their diplomatic ties"), not things of theirs ("praised their partners")."""
    return any(c.dep_ == "dobj" and partnered(c)
               and any(p.dep_ == "poss" and p.lower_ == "their" for p in c.children)
               for c in verb.children)


def partnered(noun: Token) -> bool:
    """Whether a noun names relations whose other party "with" names ("ties with Iran")."""
    return any(word in words("partnered") for word in object_words(noun))


def struck_where(verb: Token, event: Event) -> list[Token]:
    """The places where the things an event strikes lie: the "in" of its object or event
    noun ("attacked oil facilities in Saudi Arabia", "the attack on infrastructure in Saudi
    Arabia"). The verb's own "in" is where it happened, not what it struck ("died in
    Moscow", "took place in Milwaukee")."""
    holders = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if event.trigger != verb:
        holders += [event.trigger, *(t for t, _ in own_recipients(event.trigger))]
    # the parser often hangs the object's "in" on the verb: right after the object, it
    # is still the object's ("attacked oil infrastructure | in Saudi Arabia")
    following = [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "in"
                 and any(prep.i == h.right_edge.i + 1 for h in holders)
                 for p in prep.children if p.dep_ == "pobj"]
    return [p for holder in dict.fromkeys(holders) for p in prep_objects(holder, ("in",))] \
        + following


def datives(verb: Token) -> list[Token]:
    """The indirect objects of a verb: "gave Tanzania a grant", and the object of a "to"
    the parser marks as dative ("granted asylum to Panama")."""
    found: list[Token] = []
    for child in (c for c in verb.children if c.dep_ == "dative"):
        if child.pos_ == "ADP":
            found.extend(c for c in child.children if c.dep_ == "pobj")
        else:
            found.append(child)
    return found


def controlled_objects(verb: Token) -> list[Token]:
    """The party an object-control verb acts on: "urged the embassy to reconsider"
    (not the thing asked for: "urge stronger sanctions to counter …")."""
    if not any(c.dep_ == "xcomp" for c in verb.children):
        return []
    actors = words("actor") | government_nouns()
    return [c for c in verb.children if c.dep_ in ("dobj", "dative")
            and (c.lemma_.lower() in actors or c.pos_ in ("PROPN", "PRON"))]


def inherited_recipients(verb: Token) -> list[Token]:
    """A participle adjunct without an object shares its governing verb's recipient
    ("wrote to the embassy asking …"), unless that is only an audience ("addressed
    reporters, calling for …" asks nothing of the reporters)."""
    head, dep = governor(verb)
    if dep != "advcl" or verb.tag_ != "VBG" or head.pos_ != "VERB":
        return []
    found = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    found.extend(p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "to"
                 for p in prep.children if p.dep_ == "pobj")
    return [t for t in found if lemma_of(t) not in words("audience")]


def complement_subjects(verb: Token, harm: bool = False) -> list[Token]:
    """Whom a request is made of when a clause says what is asked: "demanded that the US
    cancel its plans" (the clause's active subject, not an object of the verb); with
    ``harm``, whom an accusation is aimed at, when the clause tells a harm done: "alleged the
    man carried out the attacks", not "alleged he drank tea laced with poison"."""
    return [subject for clause in verb.children if clause.dep_ == "ccomp"
            and (not harm or harmful(clause))
            for subject in clause.children if subject.dep_ in SUBJECT_DEPS]


def between_tokens(token: Token) -> list[Token]:
    """The parties of "talks were held between A and B"."""
    return [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "between"
            for pobj in prep.children if pobj.dep_ == "pobj" for p in conjuncts(pobj)]
