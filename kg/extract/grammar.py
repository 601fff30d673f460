"""Reading spaCy parses for the extractors: who acts, on whom, and whether it happened.

The rules here are about English, not about any article:

* the parties a noun phrase names — itself, its conjuncts, names in apposition
  ("Ukraine's ambassador, Olga Stefanishyna"), members listed with "including", parties
  coordinated inside a premodifier ("Trump and Vice President JD Vance"), and, for the
  recipients of an event, the owner of a thing ("Trump's claim" → Trump, "Ukrainian
  cities" → Ukraine, "the navies of China" → China);
* the actor of a verb without a subject of its own — inherited through coordination and
  adjuncts, taken from the object under object control ("urged X to curb", "condemned X
  for launching"), the antecedent of a relative pronoun, the noun a participle modifies;
* whether a clause is asserted — not negated, not hypothetical ("if …"), not merely
  possible ("could"), not the complement of a non-factive word ("failed to", "claim that");
* whether an event is planned ("is set to visit", "the planned talks").

The word classes come from ``kg/data/extract_words.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract import recall
from kg.extract.agents import generic_actor, represented
from kg.extract.groups import group_for
from kg.extract.words import words
from kg.lexicons import event_type, quad_codes, speech_verbs
from kg.nlp import doc_text
from kg.records import Argument, Factuality

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_OWNER_DEPS = ("compound", "amod", "nmod")
_OWNER_PREPS = frozenset({"of", "from", "by"})
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")


# -- parties -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Party:
    """An entity a phrase names; ``direct`` is False when it is only the owner of the thing."""

    argument: Argument
    direct: bool = True


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """The objects of the token's prepositions among ``preps`` ("talks with Putin").

    >>> from kg.nlp import load
    >>> [t.text for t in prep_objects(load()("talks with Putin")[0], {"with"})]
    ['Putin']
    """
    return [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in preps
            for p in prep.children if p.dep_ == "pobj"]


def conjuncts(token: Token) -> list[Token]:
    """The token and the conjuncts coordinated after it."""
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("a coalition which …"), else the token."""
    if token.lower_ in RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP", "WP$") \
            and token.head.dep_ == "relcl" and token.head.head != token.head:
        return token.head.head
    return token


def _usable(argument: Argument | None) -> bool:
    return argument is not None and argument.type is not None


def _coordinated_before(token: Token, context) -> list[Argument]:
    """Parties coordinated inside the premodifiers of ``token``.

    The small parser often reads "Trump and Vice President JD Vance" as one noun
    phrase headed by "Vance"; the "and" before the head still coordinates two parties.
    """
    found: list[Argument] = []
    doc = token.doc
    inside = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for cc in doc[token.left_edge.i:token.i]:
        if cc.dep_ != "cc" or cc.lower_ not in ("and", "&") or cc.i in inside:
            continue
        if not cc.head.i < cc.i or cc.head.pos_ not in ("PROPN", "NOUN"):
            continue
        for member in (cc.head, *cc.head.conjuncts):
            if member.i >= token.i or member.dep_ == "poss":
                continue
            argument = context.resolve(member)
            if _usable(argument):
                found.append(argument)
    return found


def _owners(head: Token, context) -> list[Party]:
    """The owner of a thing named by ``head``: "Trump's claim", "the navies of China"."""
    owners: list[Party] = []
    for child in head.children:
        if child.dep_ == "poss":  # "Trump's claim", "protesters' demands"
            owners.extend(Party(p.argument, False) for p in parties(child, context))
    if owners:
        return owners
    # a material act's "of" names what it is done to ("the arrest of activists"); a verbal
    # act's, who does it ("the request of Prime Minister Johnson", "the demands of …")
    entry = event_type(head.lemma_.lower(), "NOUN")
    material = entry is not None and entry.is_event and quad_codes().get(entry.code) in (2, 4)
    preps = _OWNER_PREPS - {"of"} if material else _OWNER_PREPS
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # "the demands of the protesters", "the claim from Berlin", "a proposal by France"
            owners.extend(Party(p.argument, False) for p in parties(pobj, context))
    if owners:
        return owners
    for child in head.children:
        if child.dep_ in _OWNER_DEPS:
            owners.extend(Party(a, False) for a in _resolved(conjuncts(child), context)
                          if a.type != "Place")
    if owners:
        return owners
    # the parties of a thing made between them: "the deal between Turkey and Libya",
    # "the memoranda of understanding between Turkey and Libya"
    holders = [head, *(p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                       for p in prep.children if p.dep_ == "pobj")]
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "between"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                owners.extend(Party(a, False) for a in _resolved(conjuncts(pobj), context))
    if owners:
        return owners
    # an event told before: "condemned the attack" (its attacker), "denounced the
    # conclusions of the summit" (all who met)
    return [Party(a, False) for holder in holders for a in _recalled_owners(holder, context)]


def _recalled_owners(noun: Token, context) -> list[Argument]:
    entry = event_type(noun.lemma_.lower(), "NOUN")
    if entry is None or not entry.is_event:
        return []
    return recall.owners(recall.recall(noun, entry.code, context))


def _resolved(tokens: Iterable[Token], context) -> list[Argument]:
    return [a for a in (context.resolve(t) for t in tokens) if _usable(a)]


def _listed(head: Token) -> list[Token]:
    """Members a noun lists: "major economies—including India, China, and NATO allies"."""
    listing = words("listing")
    found: list[Token] = []
    for prep in head.children:
        if prep.dep_ in ("prep", "acl") and (prep.lower_ in listing
                                             or prep.lemma_.lower() in listing):
            found.extend(p for c in prep.children if c.dep_ in ("pobj", "dobj")
                         for p in conjuncts(c))
        if prep.dep_ == "prep" and prep.lower_ == "as" and any(
                c.lower_ == "such" for c in prep.lefts):
            found.extend(p for c in prep.children if c.dep_ == "pobj" for p in conjuncts(c))
    return found


_REPORTED_PRONOUNS = frozenset({"it", "they"})


def _reporter(pronoun: Token) -> Token | None:
    """Who "it" or "they" is when it is the subject of a reported clause: the one who
    reports ("Syria says it will withdraw", "the rebels said they would boycott")."""
    if pronoun.lower_ not in _REPORTED_PRONOUNS or pronoun.dep_ not in (
            SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
        return None
    clause = pronoun.head
    for _ in range(3):
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in speech_verbs():
            return next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS
                         and c.pos_ != "PRON"), None)
        if clause.dep_ not in ("conj", "xcomp") or clause.head == clause:
            return None
        clause = clause.head
    return None


def _counted(head: Token) -> Token | None:
    """What a number or quantity counts: "thousands of protesters", "a group of Moroccan
    diplomats", "two of its nationals"."""
    if head.pos_ != "NUM" and head.lemma_.lower() not in words("quantity"):
        return None
    return next((p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for p in prep.children if p.dep_ == "pobj"), None)


def parties(token: Token, context, *, owners: bool = False) -> list[Party]:
    """The entities a noun phrase headed by ``token`` names, each once.

    With ``owners``, a thing stands for its owner when it names no entity itself
    ("disputed Trump's claim" → Trump); such parties are marked indirect.
    """
    token = antecedent(token)
    found: list[Party] = []
    for head in conjuncts(token):
        argument = context.resolve(head)
        stands_for = None if _usable(argument) else (_reporter(head) or _counted(head))
        if stands_for is not None:  # "it" in a report, "thousands of protesters"
            found.extend(parties(stands_for, context, owners=owners))
            continue
        if not _usable(argument):
            group = group_for(head, context)
            if group:
                found.extend(Party(a) for a in group)
                continue
        if _usable(argument):
            found.append(Party(argument))
            if argument.type == "Country":  # "Hungarian and Romanian officials": both
                found.extend(Party(a) for a in represented(head, context))
            for appos in (c for c in head.children if c.dep_ == "appos"):
                named = _resolved(conjuncts(appos), context)
                other = [a for a in named if argument.type == "Person"
                         and any(n.type == "Person" for n in named)
                         and a.type in ("Person", "Organisation") and a.name != argument.name]
                found.extend(Party(a) for a in other)
            continue
        apposed = [Party(a) for c in head.children if c.dep_ == "appos"
                   for a in _resolved(conjuncts(c), context)]
        if apposed:
            found.extend(apposed)
            continue
        listed = _listed(head)
        if listed:
            for member in listed:
                found.extend(parties(member, context, owners=owners)
                             if member != head else [])
            continue
        agent = generic_actor(head, context)
        if agent is not None:
            found.append(Party(agent))
            continue
        body = represented(head, context)
        if body:  # "Hungarian and Romanian officials", "the al-Qaeda terror network"
            found.extend(Party(a) for a in body)
            continue
        if owners:
            found.extend(_owners(head, context))
    found.extend(Party(a) for a in _coordinated_before(token, context))
    unique: dict[str, Party] = {}
    for party in found:
        if party.argument.name not in unique or party.direct:
            unique.setdefault(party.argument.name, party)
    return list(unique.values())


# -- actors --------------------------------------------------------------------------------


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


def _is_finite(verb: Token) -> bool:
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def governor(verb: Token) -> tuple[Token, str]:
    """The verb's head and the link to it, with a tensed conjunct of an infinitive moved up.

    "urged the embassy to reconsider and spoke with Pompeo": the small parser hangs
    "spoke" on "reconsider"; a tensed verb coordinates with the tensed verb above.
    """
    head, dep = verb.head, verb.dep_
    if dep == "conj" and _is_finite(verb) and not _is_finite(head):
        current = head
        for _ in range(4):
            if current.head == current:
                break
            current = current.head
            if current.pos_ in ("VERB", "AUX") and _is_finite(current):
                return current, "conj"
    return head, dep


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
    if dep in ("acl", "relcl") and head.pos_ == "NOUN" and _infinitive(verb) \
            and event_type(head.lemma_.lower(), "NOUN") is not None:
        # the purpose of an event: "converged for a rally to protest …" — the rally's actor
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


# -- factuality ----------------------------------------------------------------------------


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


# -- quotations ----------------------------------------------------------------------------


def quoted(doc: Doc | Span) -> frozenset[int]:
    """Indices of the tokens inside a direct quotation of the text (found once per parsed
    paragraph: every extractor asks)."""
    doc = doc.doc if isinstance(doc, Span) else doc
    kept = doc.user_data.get(_QUOTED)
    if kept is None:
        inside: set[int] = set()
        for match in _QUOTE.finditer(doc_text(doc)):
            start, end = match.span()
            inside.update(t.i for t in doc if start < t.idx < end - 1)
        kept = doc.user_data[_QUOTED] = frozenset(inside)
    return kept


_QUOTED = "kg.quoted"
