"""Who performs a verb, read from the parse: its subject, its passive agent, or the actor
it inherits — through coordination and adjuncts, from the object under object control
("urged X to curb", "condemned X for launching"), from the antecedent of a relative
pronoun, the noun a participle modifies, or the event whose purpose it is ("a rally to
protest"). Generic actors without a name are :mod:`kg.extract.agents`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.syntax import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, governor
from kg.extract.words import words
from kg.lexicons import event_type


@dataclass(frozen=True, slots=True)
class Actor:
    """Who performs a verb, read from the parse.

    ``how`` is ``active`` (its own subject), ``agent`` (a passive's by-phrase),
    ``inherited`` (from a governing or coordinated verb), ``control`` (the governing
    verb's object) or ``none``. ``patients`` are the passive subjects.
    """

    tokens: tuple[Token, ...]
    how: str
    patients: tuple[Token, ...] = ()


def _agents(verb: Token) -> list[Token]:
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children
            if p.dep_ == "pobj"]


def _controller(head: Token) -> list[Token]:
    """The object of a verb that controls its infinitive ("urged X to …", "called on X to …")."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    if objects:
        return objects
    # "called on X to …", not "On September 29, Putin offered to …"
    return [p for c in head.children if c.dep_ == "prep" and c.lower_ == "on" and c.i > head.i
            for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")]


def actor(verb: Token, depth: int = 0) -> Actor:
    """The actor of ``verb``: its subject, its passive agent, or one it inherits."""
    own = [_reduced_relative(c) for c in verb.children if c.dep_ in SUBJECT_DEPS]
    patients = tuple(c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS)
    if own:
        return Actor(tuple(own), "active")
    agents = _agents(verb)
    if agents:
        if not patients and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            patients = (verb.head,)  # "SpaceX, backed by Elon Musk"
        return Actor(tuple(agents), "agent", patients)
    if patients and verb.lemma_.lower() in words("planning") and any(
            c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to")
            for c in verb.children):
        return Actor(patients, "active")  # "Vietnam is committed to opening up": its own
    if patients:
        return Actor((), "none", patients)
    if depth >= 5 or verb.head == verb:
        return Actor((), "none")
    head, dep = governor(verb)
    if dep in ("advcl", "acl") and verb.tag_ == "VBN" and not any(
            c.dep_ in ("aux", "auxpass") for c in verb.children):
        # a bare passive participle ("when asked about …"): the governing subject undergoes it
        if head.pos_ in ("VERB", "AUX"):
            return Actor((), "none", actor(head, depth + 1).tokens)
        return Actor((), "none", (head,) if dep == "acl" else ())
    if dep == "xcomp":
        controller = _controller(head)
        if controller and head.pos_ in ("VERB", "AUX"):
            return Actor(tuple(controller), "control")
        raised = [c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if raised and not _agents(head):
            # "Zelensky is set to visit …", "Russia was asked to withdraw …"
            return Actor(tuple(raised), "control")
    if dep in ("xcomp", "conj", "advcl"):
        if head.pos_ in ("VERB", "AUX"):
            found = actor(head, depth + 1)
            return Actor(found.tokens, "inherited" if found.tokens else "none")
        return _through_nonverb(head, depth)
    if dep == "pcomp" and head.dep_ == "prep":
        governing = head.head
        if head.lower_ == "for" and governing.pos_ in ("VERB", "AUX"):
            controller = [c for c in governing.children if c.dep_ == "dobj"]
            if controller:
                return Actor(tuple(controller), "control")
        if governing.pos_ in ("VERB", "AUX"):
            found = actor(governing, depth + 1)
            return Actor(found.tokens, "inherited" if found.tokens else "none")
        return _through_nonverb(governing, depth)
    if dep == "acl" and verb.tag_ == "VBD" and _headless(verb.sent.root):
        # "Mitsotakis speaking to the think tank called the agreement 'void'": a finite verb
        # hung on a noun under a sentence whose root is a bare gerund is the main verb
        found = actor(verb.sent.root, depth + 1)
        return Actor(found.tokens, "inherited" if found.tokens else "none")
    if dep in ("acl", "relcl") and head.pos_ == "NOUN" and _infinitive(verb) \
            and _material_event(head):
        # the purpose of an act: "converged for a rally to protest …" — the rally's actor
        # (a verbal act's infinitive is its content: "a deal to export gas" is not done)
        current = head
        while current.head != current and current.pos_ not in ("VERB", "AUX"):
            current = current.head
        if current.pos_ in ("VERB", "AUX"):
            found = actor(current, depth + 1)
            return Actor(found.tokens, "inherited" if found.tokens else "none")
        return Actor((), "none")
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
        # "officials asking …"; "the calls by UK officials asking …": the calls' agent
        agents = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "by"
                  for p in c.children if p.dep_ == "pobj"]
        agents += [c for c in head.children if c.dep_ == "poss"]
        if not agents and (head.dep_ == "pobj" or head.lemma_.lower() in words("document")):
            # the parser hangs the participle on the nearest noun: "posted a message on
            # Twitter blaming Iran" is the poster's blame, not Twitter's; and a document
            # speaks for its author: "issued a statement condemning the attack"
            current = head
            while current.head != current and current.pos_ not in ("VERB", "AUX"):
                current = current.head
            found = actor(current, depth + 1) if current.pos_ in ("VERB", "AUX") else None
            return Actor(found.tokens if found else (), "inherited" if found else "none")
        return Actor(tuple(agents) or (head,), "inherited")
    return Actor((), "none")


def _reduced_relative(subject: Token) -> Token:
    """The subject a small parser misreads as a gerund clause: in "The Red Cross operating
    in Iraq said …" it makes "operating" the subject, with "Red Cross" as its own."""
    if subject.tag_ == "VBG" and subject.pos_ == "VERB":
        return next((c for c in subject.children if c.dep_ == "nsubj" and c.i < subject.i),
                    subject)
    return subject


def _headless(root: Token) -> bool:
    """Whether a sentence's root is a gerund with no auxiliary: no finite main verb."""
    return root.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in root.children)


def _material_event(noun: Token) -> bool:
    entry = event_type(noun.lemma_.lower(), "NOUN")
    return entry is not None and entry.is_material


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _through_nonverb(token: Token, depth: int) -> Actor:
    """Climb from an adjective or noun complement to the verb it belongs to."""
    current = token
    for _ in range(3):
        if current.pos_ in ("VERB", "AUX"):
            found = actor(current, depth + 1)
            return Actor(found.tokens, "inherited" if found.tokens else "none")
        if current.dep_ not in ("acomp", "attr", "prep", "pobj", "oprd") or \
                current.head == current:
            break
        current = current.head
    return Actor((), "none")
