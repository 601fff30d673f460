"""The entity page: who it is (type, aliases, country, posts held, memberships), its
statements grouped by relation and counterpart, its quotations, its events by month, and
the way to its neighbourhood network; and the pair page, two entities and every statement
between them.
"""

from __future__ import annotations

from kg.explorer import paths
from kg.explorer.paths import NotFound
from kg.explorer.profile import affiliations, groups, mentions
from kg.explorer.search import EntityEntry, Index
from kg.explorer.statements import entity_ref, entity_statements, relation_info
from kg.explorer.timeline import timeline
from kg.graph.store import Store

GROUPS = 40
"""Statement groups per page of an entity."""
QUOTATIONS = 10
"""Quotations shown on an entity's page (the rest are a link away)."""


def found(index: Index, iri: str) -> EntityEntry:
    """The entity's entry, or :class:`NotFound`.

    >>> found(Index([], [], []), "https://w3id.org/kg-diplomacy/entity/person/nobody")
    Traceback (most recent call last):
    ...
    kg.explorer.paths.NotFound: no entity person/nobody in the graph
    """
    entry = index.entity(iri)
    if entry is None:
        raise NotFound(f"no entity {paths.entity_key(iri) or iri} in the graph")
    return entry


def _group_cards(index: Index, iri: str, shown: list[dict]) -> list[dict[str, object]]:
    """The groups as the page shows them: the counterpart's name and page, and the links
    to the group's statements and to the pair's page."""
    key = paths.entity_key(iri)
    cards = []
    for group in shown:
        other = group["other"]
        filters = {"entity": key, "relation": group["relation"],
                   "direction": group["direction"]}
        if other:
            filters["other"] = paths.entity_key(other)
        elif group["otherText"]:
            filters["text"] = group["otherText"]
        else:
            filters["other"] = "none"
        cards.append({**group, **relation_info(group["relation"]),
                      "other": entity_ref(index, other), "href": paths.list_href(**filters),
                      "dyadHref": paths.dyad_href(iri, other) if other else None})
    return cards


def entity_page(store: Store, index: Index, iri: str, *, page: int = 1) -> dict[str, object]:
    """Everything the entity page shows (its JSON twin is this). Example::

        entity_page(store, index, iri)["groups"][0]
        # {'relation': 'HOLDS_POSITION', 'direction': 'out', 'statements': 103, ...}
    """
    entry = found(index, iri)
    named = mentions(store, index, iri)
    grouped = groups(named)
    shown = grouped[(page - 1) * GROUPS:page * GROUPS]
    quotations, more_quotations = entity_statements(store, index, iri, relation="SAID",
                                                    direction="out", size=QUOTATIONS)
    return {
        "page": "entity",
        "title": entry.name,
        "entity": entry.card(index),
        "affiliations": [{**row, "other": entity_ref(index, row["other"])}
                         for row in affiliations(named)],
        "statements": len({m.statement for m in named}), "groupCount": len(grouped),
        "groups": _group_cards(index, iri, shown),
        "groupPage": {"page": page, "previous": page > 1,
                      "next": len(grouped) > page * GROUPS},
        "quotations": quotations,
        "allQuotationsHref": paths.list_href(entity=paths.entity_key(iri), relation="SAID",
                                             direction="out") if more_quotations else None,
        "timeline": timeline(named),
        "networkHref": paths.network_href(iri),
    }


def dyad_page(store: Store, index: Index, a: str, b: str, *, page: int = 1) -> dict[str, object]:
    """Everything the pair page shows: both entities, their events by month, and every
    statement between them (either way), newest first, a page at a time. The statements
    are looked up from the less mentioned of the two: fewer to walk. Example::

        dyad_page(store, index, trump, putin)["relations"][0]
        # {'relation': 'CONSULT', 'subject': 'Donald Trump', 'object': 'Vladimir Putin', ...}
    """
    first, second = found(index, a), found(index, b)
    rare, common = sorted((first, second), key=lambda entry: (entry.mentions, entry.iri))
    statements, more = entity_statements(store, index, rare.iri, other=common.iri, page=page)
    between = [m for m in mentions(store, index, rare.iri) if m.other == common.iri]
    ends = {"out": (rare, common), "in": (common, rare)}
    return {
        "page": "dyad",
        "title": f"{first.name} and {second.name}",
        "entities": [first.card(index), second.card(index)],
        "relations": [{**group, **relation_info(group["relation"]),
                       "subject": ends[group["direction"]][0].name,
                       "object": ends[group["direction"]][1].name}
                      for group in groups(between)],
        "timeline": timeline(between),
        "statements": statements,
        "statementPage": {"page": page, "previous": page > 1, "next": more},
    }
