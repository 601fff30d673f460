"""Actors without a name: "police", "Israeli soldiers", "Rwandan rebels", "a Jordanian
official", "demonstrators in Baghdad".

News codes much of its politics to actors it never names. A noun phrase whose head (with
its compound: "riot police", "security forces") is a generic agent of PETRARCH2's agents
dictionary (``kg/data/derived/agents.tsv``) stands for an organisation-like actor of that
sector; so does a country's people named by their demonym ("168 Liberians"). Where the
phrase says whose it is — a demonym or country ("Iraqi police"), an organisation in a
compound ("Red Cross officials"), a country or place after "in", "from" or "of"
("demonstrators in Baghdad"), an organisation after "from" or "of" ("activists from the
Fatah Party") — the actor is that party's, named as written; otherwise it
is the bare agent ("rebels"). The sector is read back from the name by
:func:`kg.lexicons.agent_sector`. A government noun is not a generic agent: "Ghanaian
authorities" and "Turkish troops" are their country (:func:`represented`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.words import words
from kg.lexicons import (
    agent_nouns,
    country_in_text,
    country_of_word,
    country_words,
    government_nouns,
)
from kg.records import Argument
from kg.resolve.wordlists import title_index

_OWNER_PREPS = frozenset({"in", "from", "of"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})
TYPE = "Organisation"


def _agent_words(head: Token) -> tuple[int, str] | None:
    """Where the agent phrase starts and its words ("riot police"), if the head is one.

    A government noun ("the government", "Turkish troops") is not: it stands for its
    country, which the resolver finds (countries and their governments are one actor)."""
    table = agent_nouns()
    lemma = head.lemma_.lower()
    compounds = [c for c in head.lefts if c.dep_ == "compound" and c.i == head.i - 1]
    phrases = [(c.i, f"{c.lower_} {lemma}", f"{c.lower_} {head.lower_}") for c in compounds]
    if lemma in words("role"):
        # a role in a group takes the group's sector: "rebel leaders", "opposition members"
        # (a role of no such group, "Iraqi leaders", may still speak for a government)
        for compound in compounds:
            if compound.lemma_.lower() in table or compound.lower_ in table:
                return compound.i, f"{compound.lower_} {head.lower_}"
    for start, phrase, written in [*phrases, (head.i, lemma, head.lower_)]:
        if {phrase, lemma, head.lower_} & government_nouns():
            return None
        if phrase in table:
            return start, written
    return None


def generic_actor(head: Token, context) -> Argument | None:
    """The actor a generic noun phrase headed by ``head`` stands for, if it is one.

    >>> from kg.nlp import load
    >>> doc = load()("Israeli soldiers beat up Palestinian detainees.")
    >>> class Nobody:
    ...     offset = 0
    ...     def resolve(self, token): return None
    >>> generic_actor(doc[1], Nobody()).name
    'Israeli soldiers'
    """
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("PERSON", "GPE", "ORG"):
        return None
    if _people_of(head):  # "168 Liberians": the people of a country, as civilians
        begin = context.offset + head.idx
        return Argument(head.text, begin, begin + len(head.text), head.text, TYPE)
    found = _agent_words(head)
    if found is None:
        return None
    start, agent = found
    owner = _owner(head, start, context)
    if owner is None and (head.lemma_.lower() in words("weapon") or _one_office(head)):
        # "drones hit the facility": a weapon is no actor unless someone's; "the
        # president" is one person, not every president ("an Argentine judge" is Argentina's)
        return None
    if owner is not None and owner[1]:
        name = f"{owner[0]} {agent}"  # as written: "Israeli soldiers", "Red Cross officials"
    elif owner is not None:
        name = f"{agent} {owner[0]}"  # "demonstrators in Baghdad"
    else:
        name = agent
    doc = head.doc
    first = min([start, *(t.i for t in head.lefts if t.dep_ in _MODIFIER_DEPS),
                 *(t.i for t in doc[start].lefts if t.dep_ in _MODIFIER_DEPS)])
    span = doc[first:head.i + 1]
    begin = context.offset + span.start_char
    return Argument(span.text, begin, begin + len(span.text), name, TYPE)


def _one_office(head: Token) -> bool:
    """Whether the noun is the title of one person ("the president", "the prime minister"),
    who is the one holding it or no one: with no owner, never an actor of its sector that
    would merge every president of the corpus into one node. Plural officials still are
    ("ministers")."""
    return head.tag_ in ("NN", "NNP") and head.lower_ in title_index()


def _people_of(head: Token) -> bool:
    """Whether a plural noun names the people of a country by its demonym ("Liberians")."""
    return head.tag_ in ("NNS", "NNPS") and head.text[:1].isupper() \
        and head.text.endswith("s") and head.text[:-1].lower() in country_words()


def _owner(head: Token, start: int, context) -> tuple[str, bool] | None:
    """Whose actor it is: (the owner's words, whether they are written before the agent)."""
    # the modifiers of the agent's head, and of its compound ("Egyptian" in "Egyptian riot
    # police" hangs on "riot")
    modifiers = [*head.lefts, *(head.doc[start].lefts if start != head.i else ())]
    for child in sorted(modifiers, key=lambda t: -t.i):
        if child.dep_ not in _MODIFIER_DEPS or child.i >= start:
            continue
        mark = "'s" if child.dep_ == "poss" else ""  # "Taiwan's vice foreign minister"
        country = country_of_word(child.text)
        if country is not None:
            return child.text + mark, True
        found = context.resolve(child)
        if found is not None and found.type in ("Country", "Organisation"):
            return _with_compounds(child).text + mark, True
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in _OWNER_PREPS:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = context.resolve(pobj)
            if (found is not None and found.type in ("Country", "Place")) \
                    or country_in_text(pobj.text) is not None:
                return f"{prep.lower_} {_with_compounds(pobj).text}", False  # "in Baghdad"
            if found is not None and found.type == "Organisation" and prep.lower_ != "in":
                # "activists from the Fatah Party": the party's own
                return f"{prep.lower_} {found.name}", False
    return None


def _with_compounds(token: Token) -> Span:
    """A modifier with its own compounds ("Red Cross" in "Red Cross officials")."""
    first = min([token.i, *(c.i for c in token.lefts if c.dep_ == "compound")])
    return token.doc[first:token.i + 1]


def represented(head: Token, context) -> list[Argument]:
    """The parties a body of people stands for when its modifiers name them: "Hungarian
    and Romanian officials" (Hungary, Romania), "Red Cross officials", "the al-Qaeda
    terror network", "Iraqi leaders". Only government nouns, the heads of organisations and
    leaders (``org_head``, ``leader`` in ``extract_words.tsv``) stand for their modifiers'
    parties."""
    speaking = government_nouns() | words("org_head") | words("leader")
    if not {head.lemma_.lower(), head.lower_} & speaking:
        return []
    found: dict[str, Argument] = {}
    for child in head.lefts:
        if child.dep_ not in _MODIFIER_DEPS:
            continue
        for member in (child, *child.conjuncts):
            argument = context.resolve(member)
            if argument is None or argument.type not in ("Country", "Organisation"):
                country = country_of_word(member.text)
                if country is None:
                    continue
                begin = context.offset + member.idx
                argument = Argument(member.text, begin, begin + len(member.text),
                                    country.name, "Country")
            found.setdefault(argument.name, argument)
    if not found:  # "security forces in Guinea"
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in _OWNER_PREPS:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for member in (pobj, *pobj.conjuncts):  # "the navies of China, India"
                        argument = context.resolve(member)
                        if argument is not None and argument.type == "Country":
                            found.setdefault(argument.name, argument)
    return list(found.values())
