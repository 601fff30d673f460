"""What an entity's page counts, from one pass over the statements that name it
(``queries/profile.rq``): its statement groups by relation, direction and counterpart, its
posts and memberships, and its events by month. The dates are the articles' (from the
search index) unless the text dates the event itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from kg.explorer.rq import rows
from kg.explorer.search import Index
from kg.explorer.statements import code_of
from kg.graph.store import Store

AFFILIATIONS = ("HOLDS_POSITION", "MEMBER_OF")
"""The relations that say who someone is: posts held and memberships."""


@dataclass(frozen=True)
class Mention:
    """One statement that names the entity, as its page counts it."""

    statement: str
    graph: str
    direction: str  # "out": the entity is the subject; "in": the object
    other: str | None  # the counterpart entity
    other_text: str | None  # or a text object
    relation: str
    factuality: str | None  # events only
    article_date: str | None
    own_date: str | None  # the event's day, where the text gives it
    role: str | None

    @property
    def reported(self) -> bool:
        """Told as done: a fact, or an asserted event."""
        return self.factuality in (None, "asserted")

    @property
    def date(self) -> str | None:
        """The event's own day where the text gives one, else its article's."""
        return self.own_date or self.article_date


def mentions(store: Store, index: Index, entity: str) -> list[Mention]:
    """Every statement that names ``entity``, once each.

    >>> import tempfile
    >>> mentions(Store(tempfile.mkdtemp()), Index([], [], []), "urn:x:nobody")
    []
    """
    found: dict[tuple[str, str], Mention] = {}
    for row in rows(store, "profile", entity=ox.NamedNode(entity)):
        key = (str(row["st"]), str(row["direction"]))  # a statement about itself: twice
        if key in found:
            continue
        fact = row["fact"] and str(row["fact"]).rsplit("/", 1)[-1]
        found[key] = Mention(key[0], str(row["g"]), key[1], row["other"] and str(row["other"]),
                             row["otherText"], code_of(row["rel"]), fact,
                             index.dates.get(str(row["g"])), row["own"], row["role"])
    return list(found.values())


def _span(dates: list[str | None]) -> tuple[str | None, str | None]:
    known = sorted(d for d in dates if d)
    return (known[0], known[-1]) if known else (None, None)


def groups(found: list[Mention]) -> list[dict[str, object]]:
    """The statements grouped by relation, direction and counterpart, largest first:
    each group's key, its number of statements, how many are told as done, and the first
    and last dates.

    >>> said = Mention("s1", "g1", "out", None, None, "SAID", None, "2025-10-16", None, None)
    >>> [(g["relation"], g["statements"], g["first"]) for g in groups([said, said])]
    [('SAID', 2, '2025-10-16')]
    """
    grouped: defaultdict[tuple, list[Mention]] = defaultdict(list)
    for mention in found:
        grouped[(mention.relation, mention.direction, mention.other, mention.other_text)].append(
            mention)
    ordered = sorted(grouped.items(), key=lambda item: (
        -len(item[1]), item[0][0], item[0][1], item[0][2] or "", item[0][3] or ""))
    return [{"relation": relation, "direction": direction, "other": other,
             "otherText": text, "statements": len(members),
             "reported": sum(m.reported for m in members),
             **dict(zip(("first", "last"), _span([m.article_date for m in members]),
                        strict=True))}
            for (relation, direction, other, text), members in ordered]


def affiliations(found: list[Mention]) -> list[dict[str, object]]:
    """Posts held and memberships, both ways, with how many articles say so and the
    first and last of their dates, most said first.

    >>> post = Mention("s1", "g1", "out", "urn:x:hungary", None, "HOLDS_POSITION", None,
    ...                "2025-10-16", None, "Prime Minister")
    >>> [(a["role"], a["articles"]) for a in affiliations([post])]
    [('Prime Minister', 1)]
    """
    grouped: defaultdict[tuple, list[Mention]] = defaultdict(list)
    for mention in found:
        if mention.relation in AFFILIATIONS and mention.other:
            grouped[(mention.relation, mention.direction, mention.role, mention.other)].append(
                mention)
    table = []
    for (relation, direction, role, other), members in grouped.items():
        first, last = _span([m.article_date for m in members])
        table.append({"relation": relation, "direction": direction, "role": role,
                      "other": other, "articles": len({m.graph for m in members}),
                      "first": first, "last": last})
    table.sort(key=lambda row: (row["relation"], row["direction"], -row["articles"],
                                row["role"] or "", row["other"]))
    return table
