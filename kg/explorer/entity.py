"""The entity page: who it is (type, aliases, country, posts held, memberships), its
statements grouped by relation and counterpart, its quotations, its events by month, and
the way to its neighbourhood network; and the pair page, two entities and every statement
between them.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.explorer import paths
from kg.explorer.paths import NotFound
from kg.explorer.rq import rows
from kg.explorer.search import EntityEntry, Index
from kg.explorer.statements import code_of, entity_ref, entity_statements, relation_info
from kg.explorer.timeline import timeline
from kg.graph.store import Store

GROUPS = 40
"""Statement groups per page of an entity."""
QUOTATIONS = 10
"""Quotations shown on an entity's page (the rest are a link away)."""


def found(index: Index, iri: str) -> EntityEntry:
    """The entity's entry, or :class:`NotFound`."""
    entry = index.entity(iri)
    if entry is None:
        raise NotFound(f"no entity {paths.entity_key(iri) or iri} in the graph")
    return entry


def _affiliations(store: Store, index: Index, iri: str) -> list[dict[str, object]]:
    return [{"relation": code_of(row["rel"]), "direction": row["direction"], "role": row["role"],
             "other": entity_ref(index, str(row["other"])), "articles": row["articles"],
             "first": row["first"], "last": row["last"]}
            for row in rows(store, "affiliations", entity=ox.NamedNode(iri))]


def _groups(store: Store, index: Index, iri: str, page: int) -> tuple[list[dict], bool]:
    found_rows = rows(store, "groups", entity=ox.NamedNode(iri), limit=GROUPS + 1,
                      offset=(page - 1) * GROUPS)
    key = paths.entity_key(iri)
    groups = []
    for row in found_rows[:GROUPS]:
        other = row["other"] and str(row["other"])
        code = code_of(row["rel"])
        filters = {"entity": key, "relation": code, "direction": row["direction"]}
        if other:
            filters["other"] = paths.entity_key(other)
        elif row["otherText"]:
            filters["text"] = row["otherText"]
        else:
            filters["other"] = "none"
        groups.append({**relation_info(code), "direction": row["direction"],
                       "other": entity_ref(index, other), "otherText": row["otherText"],
                       "statements": row["statements"], "reported": row["reported"],
                       "first": row["first"], "last": row["last"],
                       "href": paths.list_href(**filters),
                       "dyadHref": paths.dyad_href(iri, other) if other else None})
    return groups, len(found_rows) > GROUPS


def entity_page(store: Store, index: Index, iri: str, *, page: int = 1) -> dict[str, object]:
    """Everything the entity page shows (its JSON twin is this)."""
    entry = found(index, iri)
    totals = rows(store, "entity-totals", entity=ox.NamedNode(iri))[0]
    groups, more = _groups(store, index, iri, page)
    quotations, more_quotations = entity_statements(store, index, iri, relation="SAID",
                                                    direction="out", size=QUOTATIONS)
    return {
        "page": "entity",
        "title": entry.name,
        "entity": entry.card(index),
        "affiliations": _affiliations(store, index, iri),
        "statements": totals["statements"], "groupCount": totals["groups"],
        "groups": groups,
        "groupPage": {"page": page, "previous": page > 1, "next": more},
        "quotations": quotations,
        "allQuotationsHref": paths.list_href(entity=paths.entity_key(iri), relation="SAID",
                                             direction="out") if more_quotations else None,
        "timeline": timeline(store, iri),
        "networkHref": paths.network_href(iri),
    }


def dyad_page(store: Store, index: Index, a: str, b: str, *, page: int = 1) -> dict[str, object]:
    """Everything the pair page shows: both entities, their events by month, and every
    statement between them (either way), newest first, a page at a time."""
    first, second = found(index, a), found(index, b)
    statements, more = entity_statements(store, index, a, other=b, page=page)
    return {
        "page": "dyad",
        "title": f"{first.name} and {second.name}",
        "entities": [first.card(index), second.card(index)],
        "timeline": timeline(store, a, b),
        "statements": statements,
        "statementPage": {"page": page, "previous": page > 1, "next": more},
    }
