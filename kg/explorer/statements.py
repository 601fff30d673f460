"""Statements as the explorer shows them: relation, factuality, who and whom with their
pages, the setting, and the evidence (the sentence and the article view at it); and the
lists of them that pages page through (an entity's, a pair's, a relation's).

Lists are read in two steps: a small query picks a page of statement IRIs in order
(``entity-statements.rq``, ``relation-statements.rq``), and ``statements.rq`` reads what
is shown of those, so the columns are written once whatever picked them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import pyoxigraph as ox

from kg.eventdata.scores import QUAD_CLASSES, quad
from kg.explorer import paths
from kg.explorer.rq import Among, Values, rows
from kg.explorer.search import Index
from kg.graph.ontology import relations
from kg.graph.store import Store

PAGE = 50
"""Statements per page of a list."""
DIRECTIONS = ("out", "in")
"""``out``: the entity is the statement's subject; ``in``: its object."""


def entity_ref(index: Index, iri: str | None) -> dict[str, object] | None:
    """An entity as a statement names it: name, type and page (``None`` for no entity).

    >>> entity_ref(Index([], [], []), "https://w3id.org/kg-diplomacy/entity/place/kyiv")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'name': 'kyiv', 'type': 'Place', 'href': '/explore/entity/place/kyiv',
     'iri': 'https://w3id.org/kg-diplomacy/entity/place/kyiv'}
    """
    if not iri:
        return None
    entry = index.entity(iri)
    key = paths.entity_key(iri) or iri.rsplit("/", 1)[-1]
    kind, _, slug = key.rpartition("/")
    return {"name": entry.name if entry else slug, "type": entry.type if entry else
            kind.capitalize(), "href": paths.entity_href(iri), "iri": iri}


@cache
def _codes() -> dict[str, str]:
    return {term.concept: term.code for term in relations().values()}


def code_of(concept: object) -> str:
    """The code of a relation concept (its IRI).

    >>> code_of("https://w3id.org/kg-diplomacy/relation/CONSULT")
    'CONSULT'
    """
    return _codes()[str(concept)]


def relation_info(code: str) -> dict[str, object]:
    """A relation's family and, for a PLOVER event type, its quad class.

    >>> relation_info("ACCUSE")
    {'relation': 'ACCUSE', 'family': 'conflict', 'quad': 3, 'quadClass': 'verbal conflict'}
    """
    term = relations().get(code)
    number = quad(code) if term is not None and term.is_event else None
    return {"relation": code, "family": term.family if term else None, "quad": number,
            "quadClass": QUAD_CLASSES.get(number) if number else None}


def _card(row: dict[str, object], index: Index) -> dict[str, object]:
    start, end = int(row["start"]), int(row["end"])
    article = str(row["article"])
    return {
        "id": str(row["st"]).rsplit("/", 1)[-1],
        **relation_info(code_of(row["rel"])),
        "factuality": row["factuality"] or None,  # only events carry one
        "subject": entity_ref(index, str(row["subject"])),
        "object": entity_ref(index, row["object"] and str(row["object"])),
        "objectText": row["objectText"], "role": row["role"], "quote": row["quote"],
        "label": row["label"], "time": row["time"], "timeText": row["timeText"],
        "place": entity_ref(index, row["place"] and str(row["place"])), "mode": row["mode"],
        "confidence": row["confidence"],
        "sentence": {"text": row["sentence"], "start": start, "end": end,
                     "id": paths.sentence_id(start, end)},
        "article": {"title": row["title"] or row["doc"], "date": row["date"],
                    "doc": row["doc"], "href": paths.article_href(article),
                    "iri": article},
        "evidenceHref": paths.article_href(article, (start, end)),
    }


def cards(store: Store, index: Index, iris: Sequence[str]) -> list[dict[str, object]]:
    """The statements ``iris`` as cards, in that order. Example::

        cards(store, index, [statement_iri])[0]["evidenceHref"]
        # '/explore/article/<slug>#s-270-483'
    """
    if not iris:
        return []
    found: dict[str, dict[str, object]] = {}
    for row in rows(store, "statements", statements=Values("st", [ox.NamedNode(i)
                                                                   for i in iris])):
        found.setdefault(str(row["st"]), row)  # the first of several optional values
    return [_card(found[iri], index) for iri in iris if iri in found]


def relation_concept(code: str) -> ox.NamedNode:
    """The concept of a relation code (``ValueError`` naming the known ones).

    >>> relation_concept("CONSULT").value
    'https://w3id.org/kg-diplomacy/relation/CONSULT'
    """
    term = relations().get(code)
    if term is None:
        raise ValueError(f"unknown relation {code!r} (known: {', '.join(sorted(relations()))})")
    return ox.NamedNode(term.concept)


def entity_statements(store: Store, index: Index, entity: str, *, other: str | None = None,
                      relation: str | None = None, direction: str | None = None,
                      text: str | None = None, no_object: bool = False, page: int = 1,
                      size: int = PAGE) -> tuple[list[dict[str, object]], bool]:
    """A page of the statements that name ``entity`` (with ``other``, of ``relation``, in
    ``direction``, with the text object ``text``; ``no_object``: those with none), newest
    first, and whether another page follows.

    >>> import tempfile
    >>> entity_statements(Store(tempfile.mkdtemp()), Index([], [], []), "urn:x:nobody")
    ([], False)
    """
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError(f"direction is 'out' or 'in', not {direction!r}")
    found = rows(
        store, "entity-statements", entity=ox.NamedNode(entity),
        only_other=Among("other", [] if no_object else [ox.NamedNode(other)] if other else None),
        only_direction=Among("direction", [ox.Literal(direction)] if direction else None),
        only_relation=Among("rel", [relation_concept(relation)] if relation else None),
        only_text=Among("otherText", [] if no_object else [ox.Literal(text)] if text else None),
        limit=size + 1, offset=(max(page, 1) - 1) * size)
    iris = list(dict.fromkeys(str(row["st"]) for row in found))
    return cards(store, index, iris[:size]), len(iris) > size


def relation_statements(store: Store, index: Index, relation: str, *, page: int = 1,
                        size: int = PAGE) -> tuple[list[dict[str, object]], bool]:
    """A page of the statements of one relation, newest first, and whether more follow.

    >>> import tempfile
    >>> relation_statements(Store(tempfile.mkdtemp()), Index([], [], []), "CONSULT")
    ([], False)
    """
    found = rows(store, "relation-statements", relation=relation_concept(relation),
                 limit=size + 1, offset=(max(page, 1) - 1) * size)
    iris = list(dict.fromkeys(str(row["st"]) for row in found))
    return cards(store, index, iris[:size]), len(iris) > size
