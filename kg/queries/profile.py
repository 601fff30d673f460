"""The profile behind ``kg show``: who an entity is and what is said of it, without reading
every statement that names it.

Its first screen: names and counts (:func:`kg.queries.entity.entity_table`'s row), country
codes, sectors, posts held, memberships both ways, the articles in which it is the subject
or the object of each relation, the entities it is most often linked with, and a page of
its statements with their evidence, newest article first. Everything but the page is read
from the rows each article's graph keeps for it (:mod:`kg.graph.entity_summaries`): one
index scan each, no join, so a few milliseconds per thousand articles of the entity (0.07 s
for the most mentioned of a million quads, where joining every statement to its relation,
counterpart and article took 2.4 s). The page reads the days of the entity's articles
there, then only the statements of the articles it shows.

Each part answers what a plain query over the statements answers
(``tests/test_entity_profile.py`` holds them side by side). A name typed by a user goes
into SPARQL only as an escaped literal or IRI written by pyoxigraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.graph.entity_summaries import NO_ENTITY, STATED_ON, link
from kg.graph.ontology import relations
from kg.graph.store import Store
from kg.queries import PAGE_ARTICLES, run_query
from kg.queries.entity import EntityRow, entity_rows, find_entities

STATEMENTS_SHOWN = 20
"""Statements on a profile's first page."""
TOP = 10
"""Counterparts, posts and memberships a profile lists."""

_LINK = link("").value

# The statements of an entity, with their evidence: the rows of a page, asked of the
# page's articles alone (run_query's graphs). The OPTIONALs come last: before the required
# patterns, Virtuoso 7 loses the statements that none of them binds.
_STATEMENTS = """
SELECT ?st ?g ?relation ?factuality ?role ?quote ?label ?subject ?object ?sentence ?doc
       ?date ?confidence
WHERE {
  GRAPH ?g {
    # index lookups, not a filter over every statement; DISTINCT keeps a statement about
    # the entity and itself once
    { SELECT DISTINCT ?st WHERE { { ?st dip:subject %entity% } UNION { ?st dip:object %entity% } } }
    ?st dip:subject ?s ; dip:relation ?rel ; dip:confidence ?confidence ;
        prov:wasDerivedFrom ?sent .
    ?s rdfs:label ?subject .
    ?sent dip:text ?sentence ; dip:inArticle ?article .
    ?article dip:documentId ?doc .
    OPTIONAL { ?article schema:datePublished ?date }
    OPTIONAL { ?st dip:object ?o . ?o rdfs:label ?object }
    OPTIONAL { ?st dip:objectText ?object }
    OPTIONAL { ?st dip:role ?role }
    OPTIONAL { ?st dip:quote ?quote }
    OPTIONAL { ?st dip:label ?label }
    OPTIONAL { ?st dip:factuality ?fact }
  }
  ?rel skos:prefLabel ?relation .
  # events say whether they happened: asserted, negated, hypothetical, possible, planned
  BIND(STRAFTER(STR(?fact), "/factuality/") AS ?factuality)
}
ORDER BY DESC(STR(?date)) STR(?g) ?relation STR(?st)
"""

_COUNT = """
SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE {
  GRAPH ?g { { ?st dip:subject %entity% } UNION { ?st dip:object %entity% } }
}
"""

# The entity's articles by day, newest first (undated, "", last), each with a statement
# that names it; then the articles of some days in order. Apart, because ordering all
# the articles by IRI reads every IRI's text (a look-up each).
_DAYS = """
SELECT ?day (COUNT(?g) AS ?articles) WHERE { GRAPH ?g { %entity% %stated_on% ?day } }
GROUP BY ?day ORDER BY DESC(?day)
"""
_ON_DAYS = """
SELECT ?g WHERE { VALUES ?day { %days% } GRAPH ?g { %entity% %stated_on% ?day } }
ORDER BY DESC(?day) STR(?g)
"""

_PER_ARTICLE = """
SELECT ?g (COUNT(DISTINCT ?st) AS ?n) WHERE {
  GRAPH ?g { { ?st dip:subject %entity% } UNION { ?st dip:object %entity% } }
}
GROUP BY ?g
"""

_RELATIONS = """
SELECT ?link ?direction (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  %links%
  { GRAPH ?g { %entity% ?link ?x } BIND("out" AS ?direction) }
  UNION { GRAPH ?g { ?x ?link %entity% } BIND("in" AS ?direction) }
}
GROUP BY ?link ?direction ORDER BY DESC(?articles) STR(?link) ?direction
"""

# Linked entities by the articles that link them, most first by count alone (see _most:
# ordering them all by IRI in SPARQL reads every IRI's text, a look-up each). One article
# may link them by several relations: its graph is counted once.
_LINKED = """
SELECT ?other (COUNT(?g) AS ?articles) WHERE {
  { SELECT DISTINCT ?other ?g WHERE {
      %links%
      %sides%
      FILTER(?other != %entity% && ?other != %no_entity%) } }
}
GROUP BY ?other %least% ORDER BY DESC(?articles) LIMIT %n%
"""
_SIDES = {"out": "{ GRAPH ?g { %entity% ?link ?other } }",
          "in": "{ GRAPH ?g { ?other ?link %entity% } }"}

# What the entity's own node says in its articles: country codes and sectors (each
# predicate its own branch, an index prefix: bound by VALUES, Oxigraph reads every triple
# of the node), and the posts it holds, most said first as _LINKED.
_OWN = """
SELECT DISTINCT ?p ?o WHERE {
  { GRAPH ?g { %entity% dip:countryCode ?o } BIND("country" AS ?p) }
  UNION { GRAPH ?g { %entity% dip:sector ?o } BIND("sector" AS ?p) }
}
ORDER BY ?p STR(?o)
"""
_POSTS = """
SELECT ?other (COUNT(?g) AS ?articles) WHERE { GRAPH ?g { %entity% org:holds ?other } }
GROUP BY ?other %least% ORDER BY DESC(?articles) LIMIT %n%
"""

# A node's names in its articles, the first in code point order shown (and the country
# code of a post's owner, apart: as an OPTIONAL, Oxigraph would read every post's owner in
# the store first).
_NAME = "SELECT DISTINCT ?name WHERE { GRAPH ?g { %node% rdfs:label ?name } }"
_POST_COUNTRY = """
SELECT DISTINCT ?name WHERE {
  GRAPH ?g { %node% org:postIn ?owner . ?owner dip:countryCode ?name }
}
"""


@dataclass
class Linked:
    """An entity linked with the profiled one (or a post it holds), and in how many
    articles."""

    iri: str
    name: str
    articles: int


@dataclass
class EntityProfile:
    """What the graph knows about one entity: names and counts, who it is, with whom it is
    linked, and a page of its statements with their evidence (``offset`` of
    ``statement_count``, newest article first)."""

    entity: EntityRow
    statements: list[dict[str, object]]
    statement_count: int = 0
    offset: int = 0
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    posts: list[Linked] = field(default_factory=list)
    member_of: list[Linked] = field(default_factory=list)
    members: list[Linked] = field(default_factory=list)
    relations: list[tuple[str, str, int]] = field(default_factory=list)
    """(relation, direction, articles): ``out`` as the subject, ``in`` as the object."""
    counterparts: list[Linked] = field(default_factory=list)


def entity_profile(store: Store, name: str, *, limit: int | None = STATEMENTS_SHOWN,
                   offset: int = 0) -> list[EntityProfile]:
    """The profile of each entity called ``name`` (usually one; several if ambiguous),
    with ``limit`` of its statements from ``offset`` (``None``: all of them).

    >>> import tempfile
    >>> entity_profile(Store(tempfile.mkdtemp()), "Nobody")
    []
    """
    found = find_entities(store, name)
    return [_profile(store, row, limit, max(offset, 0)) for row in entity_rows(store, found)]


def _query(store: Store, sparql: str, node: ox.NamedNode, graphs: list[str] | None = None,
           **holes: str) -> list[dict]:
    """The rows of ``sparql`` with its ``%hole%`` filled, in one pass (an IRI put in may
    hold a ``%``), over the articles ``graphs`` (or all)."""
    holes = {"entity": str(node), "stated_on": str(STATED_ON), "no_entity": str(NO_ENTITY),
             **holes}
    return run_query(store, re.sub(r"%(\w+)%", lambda hole: holes[hole[1]], sparql),
                     graphs=graphs).rows


def _values(variable: str, iris: list[str]) -> str:
    return f"VALUES {variable} {{ {' '.join(str(ox.NamedNode(i)) for i in iris)} }}"


def _links(codes: list[str] | None = None) -> str:
    return _values("?link", [link(code).value for code in codes or sorted(relations())])


def _profile(store: Store, row: EntityRow, limit: int | None, offset: int) -> EntityProfile:
    node = ox.NamedNode(row.iri)
    profile = EntityProfile(row, statements(store, node, limit, offset), offset=offset)
    profile.statement_count = int(_query(store, _COUNT, node)[0]["n"])
    own = _query(store, _OWN, node)
    profile.countries = [str(r["o"]) for r in own if r["p"] == "country"]
    profile.sectors = [str(r["o"]).rsplit("/", 1)[-1] for r in own if r["p"] == "sector"]
    names: dict[str, str] = {}  # read once: the most linked are often members too
    profile.posts = _most(store, _POSTS, node, TOP, names)
    profile.relations = [(str(r["link"])[len(_LINK):], str(r["direction"]), int(r["articles"]))
                         for r in _query(store, _RELATIONS, node, links=_links())]
    profile.counterparts = linked(store, node, names=names)
    profile.member_of = linked(store, node, ["MEMBER_OF"], "out", names=names)
    profile.members = linked(store, node, ["MEMBER_OF"], "in", names=names)
    # a person's country: that of the posts held, where they are a country's
    codes = _read(store, _POST_COUNTRY, [post.iri for post in profile.posts])
    profile.countries = profile.countries or list(dict.fromkeys(
        codes[post.iri] for post in profile.posts if post.iri in codes))
    return profile


def linked(store: Store, node: ox.NamedNode, codes: list[str] | None = None,
           direction: str | None = None, *, top: int = TOP,
           names: dict[str, str] | None = None) -> list[Linked]:
    """The ``top`` entities most often linked with ``node`` (by statements of ``codes``,
    with it on the ``direction`` side: ``out`` as the subject, ``in`` the object; any by
    default), by the articles that link them, most first; not the entity itself. Their
    names are read into ``names`` (those there already are not read again)."""
    # one relation's links by their predicate, an index prefix; several bound by VALUES
    predicate = str(link(codes[0])) if codes and len(codes) == 1 else "?link"
    sides = " UNION ".join(_SIDES[side].replace("%entity%", str(node)).replace(
        "?link", predicate) for side in ([direction] if direction else _SIDES))
    return _most(store, _LINKED, node, top, {} if names is None else names, sides=sides,
                 links=_links(codes) if predicate == "?link" else "")


def _most(store: Store, sparql: str, node: ox.NamedNode, top: int, names: dict[str, str],
          **holes: str) -> list[Linked]:
    """The ``top`` first rows of ``sparql`` (``?other`` by ``?articles``, most first, then
    by IRI), with their names. ``sparql`` is asked for ten times as many rows, by count
    alone, so that the ties with the last shown are all there to be ordered; when even
    those are ties, again for every row with as many articles (``%least%``)."""
    rows = _query(store, sparql, node, n=str(10 * top), least="", **holes)
    if len(rows) == 10 * top and rows[-1]["articles"] == rows[top - 1]["articles"]:
        rows = _query(store, sparql, node, n=str(len(rows) + 10 * top), **holes,
                      least=f"HAVING (COUNT(?g) >= {int(rows[top - 1]['articles'])})")
    rows = sorted(rows, key=lambda r: (-int(r["articles"]), str(r["other"])))[:top]
    names.update(_read(store, _NAME, [str(r["other"]) for r in rows
                                      if str(r["other"]) not in names]))
    return [Linked(str(r["other"]), names.get(str(r["other"]), ""), int(r["articles"]))
            for r in rows]


def _read(store: Store, sparql: str, nodes: list[str]) -> dict[str, str]:
    """The ``?name`` of each of ``nodes`` that has one (the first of several)."""
    found = {}
    for node in nodes:
        rows = run_query(store, sparql.replace("%node%", str(ox.NamedNode(node)))).rows
        if rows:
            found[node] = min(str(row["name"]) for row in rows)
    return found


def statements(store: Store, node: ox.NamedNode, limit: int | None = STATEMENTS_SHOWN,
               offset: int = 0) -> list[dict[str, object]]:
    """``limit`` statements that name ``node`` from ``offset`` (``None``: all), ordered by
    their article's date (newest first, undated last), article, relation and statement IRI.

    Only the articles of the page are read: the entity's articles by day
    (:data:`kg.graph.entity_summaries.STATED_ON`), those of the days the page reaches in
    order, the number of its statements in each, then the statements of those that hold
    the page; all of them :data:`kg.queries.PAGE_ARTICLES` articles at a time.
    """
    if limit is not None and limit <= 0:
        return []
    days, reached = [], 0
    for row in _query(store, _DAYS, node):
        if limit is not None and reached >= offset + limit:
            break
        days.append(str(row["day"]))
        reached += int(row["articles"])
    graphs = [str(r["g"]) for r in _query(store, _ON_DAYS, node, days=" ".join(
        str(ox.Literal(day)) for day in days))] if days else []
    if limit is None:
        return [row for start in range(0, len(graphs), PAGE_ARTICLES) for row in _one_each(
            _query(store, _STATEMENTS, node, graphs=graphs[start:start + PAGE_ARTICLES]))
                ][offset:]
    graphs = graphs[:offset + limit]
    counts = {str(r["g"]): int(r["n"]) for r in _query(store, _PER_ARTICLE, node, graphs=graphs)}
    start, first, shown = 0, 0, []
    for graph in graphs:
        end = start + counts.get(graph, 0)
        if end > offset and start < offset + limit:
            first = first if shown else start
            shown.append(graph)
        start = end
    if not shown:
        return []
    rows = _one_each(_query(store, _STATEMENTS, node, graphs=shown))
    return rows[offset - first:offset - first + limit]


def _one_each(rows: list[dict]) -> list[dict]:
    """One row per statement, with the highest confidence of the extractors that said it
    (each gives its own: one row each).

    >>> _one_each([{"st": "a", "confidence": 0.6}, {"st": "a", "confidence": 0.8}])
    [{'st': 'a', 'confidence': 0.8}]
    """
    kept: dict[object, dict] = {}
    for row in rows:
        first = kept.setdefault(row["st"], row)
        first["confidence"] = max(first["confidence"], row["confidence"])
    return list(kept.values())
