"""Events named again: "the attack", "the summit", "the talks" after the article has told
them.

"Drones hit the Abqaiq facility. … The Houthi movement claimed responsibility for the
attacks." "The ministers met in Cairo. … Turkey denounced the conclusions of the summit."
A definite event noun with no party of its own names the latest event of its type that
the article asserted before it, in its paragraph or the one before, or in the lead (the
first two paragraphs: news opens with a dateline or a one-sentence lead and then its
elaboration), which tells the article's main event (elsewhere further back, a definite
noun is as likely to name another event): its actors and recipients are the
ones the extractors need for the new event (who attacked, whom the summit gathered).
Events are remembered as the extractors assert them (:func:`kg.extract.setting.placed`),
in the article's memory (``Context.memory.told``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.records import Argument, Statement

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_JOINT = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # events whose parties act together


@dataclass(frozen=True, slots=True)
class Told:
    """An asserted event as the article told it: where, of which type, between whom."""

    position: int
    paragraph: int  # the offset of its paragraph
    code: str
    actor: Argument | None  # None: told without its actor ("drones hit the facility")
    recipient: Argument | None


def remember(context, statement: Statement) -> None:
    """Keep an asserted event of the article for the definite nouns that name it again."""
    context.memory.told.append(Told(
        statement.evidence.start, context.offset, statement.relation, statement.subject,
        statement.object))


def remember_unattributed(context, position: int, code: str, recipient: Argument) -> None:
    """Keep an asserted event told without its actor ("drones hit the Abqaiq facility"), so
    that who claims it later ("the Houthis claimed the attack") is its actor against that
    recipient."""
    context.memory.told.append(Told(position, context.offset, code, None, recipient))


def _paragraphs_between(context, earlier: int) -> int:
    """How many paragraph starts lie after offset ``earlier`` up to this paragraph's."""
    return sum(1 for block in context.document.paragraphs()
               if earlier < block.start <= context.offset)


def recall(noun: Token, code: str | None, context) -> list[Told]:
    """The events a definite noun of event type ``code`` names again: those of the latest
    sentence before it that told such an event ("the attack" after "drones hit Abqaiq");
    with no ``code``, an event of any type ("the operation" after "Turkey began an
    offensive").

    A noun with a party of its own ("Russia's attack", "the attack on Kyiv") or no
    definite determiner ("an attack") is a new event, and recalls nothing.
    """
    if not definite(noun):
        return []
    if any(_own_party(c) for c in noun.children):
        return []
    position = context.offset + noun.sent.start_char
    told = [t for t in context.memory.told if code in (None, t.code)
            and t.position <= position]
    lead = {b.start for b in sorted(context.document.paragraphs(), key=lambda b: b.start)[:2]}
    near = {p for p in {t.paragraph for t in told}
            if p in lead or _paragraphs_between(context, p) <= 1}
    earlier = [t for t in told if t.paragraph in near]
    if not earlier:
        return []
    latest = max(t.position for t in earlier)
    return [t for t in earlier if t.position == latest]


def definite(noun: Token) -> bool:
    """Whether a noun names something told before: "the attack", "these protests"."""
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)


def _own_party(child: Token) -> bool:
    """Whether a dependent of an event noun names a party of its own ("Russia's", "on
    Kyiv", "Houthi"); a time ("of September 14") does not."""
    if child.dep_ == "poss":
        return True
    if child.dep_ == "prep":
        return any(p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")
                   for p in child.children)
    return child.dep_ in ("compound", "amod") and (
        child.pos_ == "PROPN" or child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"))


def owners(told: list[Told]) -> list[Argument]:
    """Whose recalled events they are: the actors ("condemned the attack": the attacker), or
    every party of a joint one ("the conclusions of the summit": all who met)."""
    found: dict[str, Argument] = {}
    for event in told:
        if event.actor is not None:
            found.setdefault(event.actor.name, event.actor)
        if event.code in _JOINT and event.recipient is not None:
            found.setdefault(event.recipient.name, event.recipient)
    return list(found.values())
