"""Whether the text asserts an event: not negated, not hypothetical ("if …"), not merely
possible ("could"), not the complement of a non-factive word ("failed to", "claim that",
"demanded that Israel ease"); whether it is planned ("is set to visit", "the planned
talks"); and what announcing it is (:func:`intent`: "will meet" agrees, "would boycott"
threatens).

The word classes come from ``kg/data/extract_words.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.syntax import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, governor
from kg.extract.words import words
from kg.lexicons import speech_verbs
from kg.records import Factuality

_HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "lest"})


def _modal(token: Token) -> bool:
    """Whether the token carries a modal of mere possibility or obligation."""
    doubt = words("doubt")
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in doubt | {"could've"}:
            return True
        if child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in doubt:
            return True
    return False


def _conditional(token: Token) -> bool:
    """A clause under "if", or one whose own condition is stated ("would … if …")."""
    if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL_MARKS for c in token.children):
        return True
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _HYPOTHETICAL_MARKS
                                  for m in c.children)
        for c in token.children
    ) and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in token.children)


def _negative(subject: Token) -> bool:
    """A subject or object that denies the clause: "neither X nor Y", "no country",
    "nobody", "killed no one"."""
    if subject.lower_ in ("nobody", "none", "nothing", "neither", "noone") or (
            subject.lower_ == "one" and subject.i > 0 and subject.nbor(-1).lower_ == "no"):
        return True
    return any(c.dep_ in ("preconj", "det") and c.lower_ in ("neither", "no")
               for c in subject.children)


def asserted(token: Token) -> bool:
    """False for a negated, hypothetical, merely possible or non-factive clause.

    Climbs from the verb (or event noun) through the clauses that govern it: a
    negation, an "if", a modal of possibility or a non-factive head ("failed to",
    "claim that", "calls for …") anywhere on the way makes it unasserted. A relative
    clause or a noun's own clause is asserted on its own.
    """
    return factuality(token) is Factuality.ASSERTED


def _nonfactive(head: Token) -> Factuality:
    """What a non-factive head does to its complement: "failed to", "refused to" deny
    it; "hoped to", "claimed that" leave it possible."""
    return Factuality.NEGATED if head.lemma_.lower() in words("negating") \
        else Factuality.POSSIBLE


def factuality(token: Token) -> Factuality:
    """How far the text asserts the clause (or event noun) of ``token``, as
    :func:`asserted` reads it: the first reason met on the way up decides.

    A denial or doubt under a condition is hypothetical: in "sanctions if Russia failed
    to agree", the agreement is the condition, not a fact denied. Planning is not read
    here (see :func:`planned`): "will meet" is asserted as a plan.
    """
    found = _first_reason(token)
    if found in (Factuality.NEGATED, Factuality.POSSIBLE) and _under_condition(token):
        return Factuality.HYPOTHETICAL
    return found


def _under_condition(token: Token) -> bool:
    current = token
    for _ in range(12):
        if _conditional(current):
            return True
        if current.head == current:
            return False
        current = governor(current)[0]
    return False


def _first_reason(token: Token) -> Factuality:
    nonfactive = words("nonfactive")
    if token.sent.text.rstrip(" \"'”’").endswith("?"):
        return Factuality.POSSIBLE  # a question asserts nothing
    current, link = token, None
    for _ in range(12):
        if link != "conj":
            if any(c.dep_ == "neg" for c in current.children):
                return Factuality.NEGATED
            if any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS | {"dobj"} and _negative(c)
                   for c in current.children):
                return Factuality.NEGATED  # "nobody attacked", "killed no civilians"
            if current.pos_ in ("VERB", "AUX") and _modal(current):
                return Factuality.POSSIBLE
        if _conditional(current):
            return Factuality.HYPOTHETICAL
        if _subjunctive(current):
            return Factuality.POSSIBLE  # "demanded that Israel ease restrictions": a demand
        if current.dep_ in ("ROOT", "relcl") or current.head == current:
            return Factuality.ASSERTED
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in current.children) and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
            return Factuality.POSSIBLE  # "calls for Ukraine to negotiate": a wish, not a fact
        head, dep = governor(current)
        if dep == "xcomp" and any(c.lower_ == "yet" for c in head.children):
            return Factuality.NEGATED  # "has yet to concede"
        if head.lemma_.lower() in nonfactive and (
                dep in ("xcomp", "ccomp", "csubj")
                # "calls asking X to …" restates the call; "a claim (made) that …" is content
                or (dep == "acl" and current.tag_ != "VBG")
                or (dep == "advcl" and head.pos_ == "NOUN")
                # "suspected of blowing up", "accused X of launching": the charge
                or (dep == "prep" and head.pos_ in ("ADJ", "VERB", "NOUN"))):
            return _nonfactive(head)
        if dep in ("pobj", "pcomp") and head.lower_ in ("without", "instead"):
            return Factuality.NEGATED
        if dep not in ("xcomp", "ccomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep",
                       "acomp", "csubj"):
            return Factuality.ASSERTED
        current, link = head, dep
    return Factuality.ASSERTED


def _subjunctive(verb: Token) -> bool:
    """A "that" clause in the bare form with a subject of its own, which says what is
    demanded or proposed, not what happens ("urged that the immunity be waived")."""
    return (verb.dep_ == "ccomp" and verb.tag_ == "VB"
            and any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in verb.children)
            and not any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "TO")
                        for c in verb.children))


def noun_factuality(noun: Token) -> Factuality:
    """What a noun's own determiners and modifiers say of the event it names: "no
    talks" and "the cancelled summit" did not happen, "a possible summit" may.

    Only the noun itself is read; the clause that governs it is read by :func:`factuality`.
    """
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return Factuality.NEGATED
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in words("unreal"):
            return Factuality.NEGATED if child.lower_ in words("negating") \
                else Factuality.POSSIBLE
    return Factuality.ASSERTED


def planned(token: Token) -> bool:
    """Whether a verb or event noun is a planned or announced future event."""
    planned_words, planning = words("planned"), words("planning")
    if token.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ in ("amod", "compound") and c.lower_ in planned_words
               for c in token.children):
            return True
        head = token.head
        if token.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            return planned(head)
        return False
    current = token
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in current.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "going" for c in current.children):
            return True
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in speech_verbs() and any(
                c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in current.children):
            return True  # the future of a report: "said the delegations would meet"
        if current.dep_ not in ("xcomp", "ccomp", "conj") or current.head == current:
            return False
        head = current.head
        if current.dep_ == "xcomp" and head.lemma_.lower() in planning:
            return True
        current = head
    return False


def intent(code: str) -> str:
    """The event that announcing a ``code`` event is, after CAMEO's "express intent"
    categories: an intent to cooperate is an agreement (``AGREE``: "will provide aid",
    "offered to hand over", "the planned talks"); an intent to use force or pressure is a
    threat (``THREATEN``: "would boycott", "will withdraw its peacekeepers"). A verbal act
    announced is the act itself ("is expected to press the US" is a request). The PLOVER
    2.0 manual would make an announced retreat a concession; its gold-standard sentences
    code "is willing to withdraw its troops" and "will release" as AGREE, and so does kg
    (measured: coding them CONCEDE lowers the GSR type F1 from 0.722 to 0.705).

    >>> intent("AID"), intent("SANCTION"), intent("REQUEST")
    ('AGREE', 'THREATEN', 'REQUEST')
    """
    for kind in ("AGREE", "THREATEN"):
        if code.lower() in words(f"intent_{kind.lower()}"):
            return kind
    return code
