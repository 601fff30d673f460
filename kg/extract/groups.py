"""Groups of parties named together, for the plural subjects that refer back to them.

"Egyptian foreign minister Sameh Shoukry and his … counterparts, Nikos Dendias, …
gathered in Cairo. … They called on Turkey to halt …": "they" is the four ministers.
"Trump had a phone conversation with Putin … both sides agreed to hold a meeting":
"both sides" is Trump and Putin.

A group is remembered when a clause has two or more coordinated subject parties, or
when a reciprocal event (a meeting, an agreement, cooperation) joins two parties. A
plural subject — "they", or a plural description of actors ("the foreign ministers",
"the two leaders", "both sides") — stands for the latest group when

* the group was named in the same paragraph or the one before it (a group that is
  referred to again stays current),
* a number in the description agrees with the group's size ("the two leaders", "both"),
* and, for "they", no other possible referent came between: no organisation or country
  acting alone, no other plural subject.

Otherwise the plural subject names nobody: a group is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.words import words
from kg.lexicons import government_nouns
from kg.records import Argument

_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PRONOUNS = frozenset({"they"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative"})
_GROUP_TYPES = frozenset({"Person", "Country", "Organisation"})


@dataclass(slots=True)
class GroupMemory:
    """The groups an article named, the other plural referents, and its paragraphs read."""

    groups: list[tuple[int, int, tuple[Argument, ...]]] = field(default_factory=list)
    # other plural referents: their position, and the body when one acts alone
    blockers: list[tuple[int, Argument | None]] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)  # paragraph offsets, in reading order


def _memory(context) -> GroupMemory:
    if context.memory.groups is None:
        context.memory.groups = GroupMemory()
    memory = context.memory.groups
    if context.offset not in memory.paragraphs:
        memory.paragraphs.append(context.offset)
    return memory


def remember_group(context, token: Token, members: list[Argument]) -> None:
    """Remember parties named together at ``token``."""
    unique = {m.name: m for m in members if m.type in _GROUP_TYPES}
    if len(unique) >= 2:
        position = context.offset + token.idx
        _memory(context).groups.append((position, context.offset, tuple(unique.values())))


def remember_actor(context, token: Token, members: list[Argument]) -> None:
    """Note a subject that a later "they" could refer to instead of a group."""
    plural_noun = not members and token.tag_ in ("NNS", "NNPS") and token.pos_ != "PRON"
    single_body = len(members) == 1 and members[0].type in ("Organisation", "Country")
    # "they" may stand for a named organisation or a government's organ, not for a
    # generic actor ("police", "workers": their "they" is as likely someone else)
    named = single_body and (token.pos_ == "PROPN" or members[0].type == "Country")
    if plural_noun or single_body:
        _memory(context).blockers.append(
            (context.offset + token.idx, members[0] if named else None))


def _number(token: Token) -> int | None:
    for child in token.children:
        if child.dep_ in ("nummod", "det", "predet", "preconj") and child.lower_ in _NUMBERS:
            return _NUMBERS[child.lower_]
    return None


def _describes_actors(token: Token) -> bool:
    if token.tag_ not in ("NNS", "NNPS"):
        return False
    if not any(c.dep_ in ("det", "nummod", "predet", "preconj") for c in token.children):
        return False
    lemma = token.lemma_.lower()
    return lemma in words("actor") or lemma in government_nouns()


def group_for(token: Token, context) -> list[Argument]:
    """The group a plural subject, or a plural description as object, stands for, or
    nothing."""
    pronoun = token.lower_ in _PRONOUNS
    if token.dep_ not in ("nsubj", "nsubjpass") and (pronoun or token.dep_ not in _OBJECT_DEPS):
        return []  # "invited the countries to talks": a description, not a pronoun, as object
    if not pronoun and not _describes_actors(token):
        return []
    memory = _memory(context)
    position = context.offset + token.idx
    earlier = [g for g in memory.groups if g[0] < position]
    if pronoun:
        body = _body_before(memory, context, position, earlier[-1][0] if earlier else -1)
        if body is not None:
            return [body]
    if not earlier:
        return []
    start, paragraph, members = earlier[-1]
    index = memory.paragraphs.index(context.offset) if context.offset in memory.paragraphs else -1
    recent = {context.offset} | ({memory.paragraphs[index - 1]} if index > 0 else set())
    if paragraph not in recent:
        return []
    number = _number(token)
    if number is not None and number != len(members):
        return []
    if pronoun and any(start < b < position for b, _ in memory.blockers):
        return []
    memory.groups.append((position, context.offset, members))  # referred to again: current
    return list(members)


def _body_before(memory: GroupMemory, context, position: int, group: int) -> Argument | None:
    """The organisation "they" stands for: the latest referent before it in its paragraph,
    after any group, when that is one organisation acting alone ("The Turkish Ministry of
    Foreign Affairs denounced the conclusions. … they invited the countries to dialogue")."""
    before = [(b, body) for b, body in memory.blockers if group < b < position]
    if not before:
        return None
    at, body = before[-1]
    if body is None or at < context.offset:
        return None
    # an organisation, or a government's organ ("the ministry"), not a country named as such
    organ = body.type == "Country" and body.text.lower() != body.name.lower()
    return body if body.type == "Organisation" or organ else None
