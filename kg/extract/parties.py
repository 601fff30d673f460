"""The parties a noun phrase names: itself, its conjuncts, names in apposition ("Ukraine's
ambassador, Olga Stefanishyna"), members listed with "including", parties coordinated
inside a premodifier ("Trump and Vice President JD Vance"), generic and represented actors
("Iraqi police", "Hungarian and Romanian officials"), groups named before ("they"), and,
for the recipients of an event, the owner of a thing ("Trump's claim" → Trump, "Ukrainian
cities" → Ukraine, "the navies of China" → China, "the attack" told before → its attacker).

The word classes come from ``kg/data/extract_words.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract import recall
from kg.extract.agents import generic_actor, represented
from kg.extract.groups import group_for
from kg.extract.syntax import (
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    antecedent,
    conjuncts,
    prep_objects,
)
from kg.extract.words import words
from kg.lexicons import event_type, lookup_seat, speech_verbs
from kg.nlp.grammar import OWNER_MODIFIER_DEPS
from kg.records import Argument

_OWNER_PREPS = frozenset({"of", "from", "by"})
_REPORTED_PRONOUNS = frozenset({"it", "they"})


@dataclass(frozen=True, slots=True)
class Party:
    """An entity a phrase names; ``direct`` is False when it is only the owner of the thing,
    ``grouped`` when a plural ("they", "the foreign ministers") named it with a group."""

    argument: Argument
    direct: bool = True
    grouped: bool = False


def governing(argument: Argument) -> Argument:
    """A seat of government stands for its country ("a Kremlin critic" criticises Russia;
    "protests in Baghdad" are against Iraq's government); any other argument for itself."""
    country = lookup_seat(argument.name) if argument.type == "Place" else None
    if country is None:
        return argument
    return Argument(argument.text, argument.start, argument.end, country.name, "Country")


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
        if child.dep_ == "acl":  # "the sanctions imposed by the United States"
            owners.extend(Party(p.argument, False) for agent in child.children
                          if agent.dep_ == "agent" for pobj in agent.children
                          if pobj.dep_ == "pobj" for p in parties(pobj, context))
            if child.lemma_.lower() in words("belonging"):  # "facilities belonging to Aramco"
                owners.extend(Party(p.argument, False) for pobj in prep_objects(child, ("to",))
                              for p in parties(pobj, context, owners=True))
    if owners:
        return owners
    # a material act's "of" names what it is done to ("the arrest of activists"); a verbal
    # act's, who does it ("the request of Prime Minister Johnson", "the demands of …")
    entry = event_type(head.lemma_.lower(), "NOUN")
    material = entry is not None and entry.is_material
    preps = _OWNER_PREPS - {"of"} if material else _OWNER_PREPS
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # "the demands of the protesters", "the claim from Berlin", "a proposal by France"
            owners.extend(Party(p.argument, False) for p in parties(pobj, context))
    if owners:
        return owners
    for child in head.children:
        if child.dep_ in OWNER_MODIFIER_DEPS:
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
    lemma = noun.lemma_.lower()
    entry = event_type(lemma, "NOUN")
    if entry is not None and entry.is_event:
        return recall.owners(recall.recall(noun, entry.code, context))
    if lemma in words("anaphoric"):  # "the operation", "the move": whatever was told last
        return recall.owners(recall.recall(noun, None, context))
    return []


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


def _represented_party(head: Token) -> Token | None:
    """The party that unnamed people act for: "members of the European Union", "the
    spokesperson for the German government". "For" names no country by its own name:
    an envoy "for Syria" is sent to it, not by it."""
    if head.lemma_.lower() not in words("representing"):
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            if prep.lower_ == "of" or pobj.ent_type_ != "GPE":
                return pobj
    return None


def _ethnic(head: Token, context) -> Argument | None:
    """A people named as an ethnic group ("ethnic Turks", "ethnic Albanian guerrillas") is
    that group, not the state its name shares: ethnic Turks in Bulgaria are not Turkey."""
    if not any(c.lower_ == "ethnic" and c.dep_ == "amod" for c in head.lefts):
        return None
    found = context.resolve(head)
    if found is None or found.type != "Country":
        return None
    first = min(c.i for c in head.lefts if c.lower_ == "ethnic")
    span = head.doc[first:head.i + 1]
    start = context.offset + span.start_char
    return Argument(span.text, start, start + len(span.text), f"ethnic {head.text}",
                    "Organisation")


def parties(token: Token, context, *, owners: bool = False) -> list[Party]:
    """The entities a noun phrase headed by ``token`` names, each once.

    With ``owners``, a thing stands for its owner when it names no entity itself
    ("disputed Trump's claim" → Trump); such parties are marked indirect.
    """
    token = antecedent(token)
    found: list[Party] = []
    for head in conjuncts(token):
        argument = _ethnic(head, context) or context.resolve(head)
        stands_for = None if _usable(argument) else (
            _reporter(head) or _counted(head) or _represented_party(head))
        if stands_for is not None:  # "it" in a report, "thousands of protesters"
            found.extend(parties(stands_for, context, owners=owners))
            continue
        if not _usable(argument):
            group = group_for(head, context)
            if group:
                found.extend(Party(a, grouped=True) for a in group)
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
