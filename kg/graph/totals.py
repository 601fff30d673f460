"""Totals kept across articles, so that the aggregate named queries read a few thousand rows.

``entities``, ``country-relations``, ``posts``, ``sectors``, ``events-by-type`` and
``events-by-month`` sum what every article's graph carries (its entities' mention counts,
its event counts and list rows: :mod:`kg.graph.summaries`). Summed at query time, each
reads a row per article and entity, or per article and event key: 0.8–2.3 s on ten million
quads. Here those sums are kept in a graph of their own (:data:`TOTALS_GRAPH`), one node per
answer row with its own predicates (``…/totals/entities/mentions``…), so no article
query's ``GRAPH ?g {…}`` pattern matches it, and the queries read those nodes.

The articles' graphs stay the source of truth: every aggregate is a sum over graphs of
what one graph gives (a :class:`Tally`: mention sums, one article per graph that holds a
key, distinct statements, each of which lives in one graph). Whatever changes some graphs
(a batch written, the entity pass renaming nodes inside them) runs inside
:func:`tracking`: each changed graph's contribution is read before and after (an index
look-up, the graph bound) and the difference added to the totals. The change itself marks
the totals stale in its own update and the difference clears the mark, so a write cut off
between the two leaves totals that :func:`ensure` computes again whole (:func:`compute`),
as it does for a store that has none (one written by an older kg, or filled by Oxigraph's
bulk loader): the embedded store when it is opened for writing, every store at the start
of a build (:meth:`kg.graph.store.Store.ensure_ontology`), and the first tracked write.

>>> import tempfile
>>> from kg.graph.store import Store
>>> store = Store(tempfile.mkdtemp())
>>> store.ensure_ontology(); is_current(store)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.graph import iri
from kg.graph.namespaces import BASE, XSD

if TYPE_CHECKING:
    from kg.graph.store import Store

TOTALS_GRAPH = BASE + "graph/totals"
"""The named graph of the totals: no article's, read by the aggregate named queries only."""
TOTALS = BASE + "totals/"
"""Where the totals' rows and predicates live (``…/totals/entities/mentions``)."""
LAYOUT = "2"
"""The version of the totals' layout: totals of another layout are computed again."""
_GRAPH = ox.NamedNode(TOTALS_GRAPH)
_LAYOUT = ox.NamedNode(TOTALS + "layout")
_STALE = ox.NamedNode(TOTALS + "stale")
_INTEGER = ox.NamedNode(str(XSD.integer))
_MARK = f"{_GRAPH} {_STALE} \"write\""
STALE_UPDATE = f"INSERT DATA {{ GRAPH {_GRAPH} {{ {_MARK} }} }}"
"""Put in the update that changes article graphs: the totals are stale until the
difference is added (the mark is cleared in that same update)."""
_BLOCK = 4000  # triples per DATA block: Virtuoso 7's parser fails on about 5,000
_ROWS_READ = 400  # rows read back per query of the totals
_GRAPHS_READ = 25  # article graphs whose contributions one query reads


@dataclass(frozen=True)
class Tally:
    """One aggregate kept across articles: ``query`` gives each graph's contribution
    (``?g``, the ``keys`` that name an answer row, the ``measures`` summed over graphs).
    Every column is stored as ``<row> <…/totals/NAME/COLUMN> value``. ``virtuoso`` is the
    same query as one graph pattern, which Virtuoso plans well where it plans the subqueries
    Oxigraph needs badly (as the named queries' variants, kg/queries/named/virtuoso/)."""

    name: str
    keys: tuple[str, ...]
    measures: tuple[str, ...]
    query: str
    virtuoso: str | None = None

    def text(self, store: Store) -> str:
        """The query for ``store``."""
        dialect = getattr(store, "dialect", None)
        return self.virtuoso if dialect == "virtuoso" and self.virtuoso else self.query

    def predicate(self, column: str) -> ox.NamedNode:
        return ox.NamedNode(f"{TOTALS}{self.name}/{column}")

    def row(self, key: tuple[ox.NamedNode | ox.Literal, ...]) -> ox.NamedNode:
        """The node of one answer row: its keys' N-Triples forms digested."""
        return ox.NamedNode(f"{TOTALS}{self.name}/row/{iri.digest(*map(str, key), length=32)}")


_SUM = "PREFIX sum: <https://w3id.org/kg-diplomacy/summary/>\n"
TALLIES = (
    # a node has one mention count in its article's graph, so counting them counts articles
    Tally("entities", ("entity",), ("mentions", "articles"), """
SELECT ?g ?entity (SUM(?count) AS ?mentions) (COUNT(?count) AS ?articles)
WHERE { GRAPH ?g { ?entity dip:mentionCount ?count } } GROUP BY ?g ?entity"""),
    # the labels of the entities (every graph that gives one, so a label goes with its last)
    Tally("names", ("entity", "name"), ("graphs",), f"""
SELECT ?g ?entity ?name (COUNT(*) AS ?graphs)
WHERE {{ GRAPH ?g {{ ?entity rdfs:label ?name }} FILTER(STRSTARTS(STR(?entity), "{BASE}entity/")) }}
GROUP BY ?g ?entity ?name"""),
    Tally("events", ("key",), ("events",), _SUM + """
SELECT ?g ?key (SUM(?count) AS ?events)
WHERE { GRAPH ?g { ?key sum:events ?count } } GROUP BY ?g ?key"""),
    # by the relation's label, as the query shows it: no join nor grouping left to the query
    Tally("countryEvents", ("month", "actor", "recipient", "type"), ("events",), _SUM + """
SELECT ?g ?month ?actor ?recipient ?type (SUM(?n) AS ?events)
WHERE {
  { SELECT ?g ?key ?n WHERE { GRAPH ?g { ?key sum:countryEvents ?n } } }
  { SELECT ?g ?key ?month WHERE { GRAPH ?g { ?key sum:month ?month } } }
  { SELECT ?g ?key ?actor WHERE { GRAPH ?g { ?key sum:actor ?actor } } }
  { SELECT ?g ?key ?recipient WHERE { GRAPH ?g { ?key sum:recipient ?recipient } } }
  { SELECT ?g ?key ?rel WHERE { GRAPH ?g { ?key sum:relation ?rel } } }
  ?rel skos:prefLabel ?type .
}
GROUP BY ?g ?month ?actor ?recipient ?type""", _SUM + """
SELECT ?g ?month ?actor ?recipient ?type (SUM(?n) AS ?events)
WHERE {
  GRAPH ?g { ?key sum:countryEvents ?n ; sum:month ?month ; sum:actor ?actor ;
                  sum:recipient ?recipient ; sum:relation ?rel }
  ?rel skos:prefLabel ?type .
}
GROUP BY ?g ?month ?actor ?recipient ?type"""),
    Tally("posts", ("post", "title", "of", "holder"), ("articles",), _SUM + """
SELECT ?g ?post ?title ?of ?holder (COUNT(DISTINCT ?g) AS ?articles)
WHERE {
  { SELECT ?g ?st ?p WHERE { GRAPH ?g { ?st dip:post ?p } } }
  { SELECT ?g ?st ?holder WHERE { GRAPH ?g { ?st sum:subjectName ?holder } } }
  { SELECT ?g ?st ?of WHERE { GRAPH ?g { ?st sum:objectName ?of } } }
  { SELECT ?g ?p ?title WHERE { GRAPH ?g { ?p dip:title ?title } } }
  { SELECT ?g ?p WHERE { GRAPH ?g { ?p a org:Post } } }
  GRAPH ?g { ?p rdfs:label ?post }
}
GROUP BY ?g ?post ?title ?of ?holder""", _SUM + """
SELECT ?g ?post ?title ?of ?holder (COUNT(DISTINCT ?g) AS ?articles)
WHERE {
  GRAPH ?g { ?st dip:post ?p ; sum:subjectName ?holder ; sum:objectName ?of .
             ?p a org:Post ; dip:title ?title ; rdfs:label ?post }
}
GROUP BY ?g ?post ?title ?of ?holder"""),
    # a statement lives in one graph: its graph's distinct statements add up to the store's
    Tally("sectors", ("actorSector", "type", "recipientSector"), ("events",), _SUM + """
SELECT ?g ?actorSector ?type ?recipientSector (COUNT(DISTINCT ?st) AS ?events)
WHERE {
  { SELECT ?g ?st ?rel WHERE { GRAPH ?g { ?st sum:sectored ?rel } } }
  OPTIONAL { SELECT ?g ?st ?actorLabel WHERE {
      GRAPH ?g { ?st sum:actorSector ?as } ?as skos:prefLabel ?actorLabel } }
  OPTIONAL { SELECT ?g ?st ?recipientLabel WHERE {
      GRAPH ?g { ?st sum:recipientSector ?rs } ?rs skos:prefLabel ?recipientLabel } }
  FILTER(BOUND(?actorLabel) || BOUND(?recipientLabel))
  { SELECT ?rel ?type WHERE { ?rel skos:prefLabel ?type } }
  BIND(COALESCE(STR(?actorLabel), "-") AS ?actorSector)
  BIND(COALESCE(STR(?recipientLabel), "-") AS ?recipientSector)
}
GROUP BY ?g ?actorSector ?type ?recipientSector""", _SUM + """
SELECT ?g ?actorSector ?type ?recipientSector (COUNT(DISTINCT ?st) AS ?events)
WHERE {
  GRAPH ?g { ?st sum:sectored ?rel }
  OPTIONAL { GRAPH ?g { ?st sum:actorSector ?as } ?as skos:prefLabel ?actorLabel }
  OPTIONAL { GRAPH ?g { ?st sum:recipientSector ?rs } ?rs skos:prefLabel ?recipientLabel }
  FILTER(BOUND(?actorLabel) || BOUND(?recipientLabel))
  ?rel skos:prefLabel ?type .
  BIND(COALESCE(STR(?actorLabel), "-") AS ?actorSector)
  BIND(COALESCE(STR(?recipientLabel), "-") AS ?recipientSector)
}
GROUP BY ?g ?actorSector ?type ?recipientSector"""),
)
"""Every aggregate kept, by the name its predicates carry."""

Key = tuple[Tally, tuple]  # a tally and the terms of its keys: one answer row


def contributions(store: Store, graphs: Sequence[str] | None = None) -> dict[Key, tuple]:
    """What ``graphs`` (every article's: None) add to each answer row, summed over them.

    >>> import tempfile
    >>> from kg.graph.store import Store
    >>> contributions(Store(tempfile.mkdtemp()), ["https://w3id.org/kg-diplomacy/graph/x"])
    {}
    """
    sums: dict[Key, tuple] = {}
    graphs = store.article_graphs() if graphs is None else graphs
    # a few graphs a query, so that no answer reaches a server's row cap (Virtuoso's 10,000)
    for start in range(0, len(graphs), _GRAPHS_READ):
        for tally in TALLIES:
            for row in store.query(tally.text(store), graphs=graphs[start:start + _GRAPHS_READ]):
                key = (tally, tuple(row[column] for column in tally.keys))
                # the rows of one key in several graphs are summed
                _sum_into(sums, key, tuple(int(row[column].value) for column in tally.measures))
    return sums


def is_current(store: Store) -> bool:
    """Whether the store's totals are whole and of this layout (one ``ASK``)."""
    return bool(store.query(
        f"ASK {{ GRAPH {_GRAPH} {{ {_GRAPH} {_LAYOUT} {ox.Literal(LAYOUT)} }} "
        f"FILTER NOT EXISTS {{ GRAPH {_GRAPH} {{ {_GRAPH} {_STALE} ?why }} }} }}"))


def ensure(store: Store) -> None:
    """Compute the totals whole unless they are current (see the module's text).

    >>> import tempfile
    >>> from kg.graph.store import Store
    >>> store = Store(tempfile.mkdtemp()); store.update(STALE_UPDATE); is_current(store)
    False
    >>> ensure(store); is_current(store)
    True
    """
    if not is_current(store):
        compute(store)


def compute(store: Store) -> None:
    """The totals computed whole from every article graph, replacing any there were: for a
    store that has none or whose last write was cut off (a few seconds per million quads).
    """
    rows = [triple for key, values in contributions(store).items()
            for triple in _row_triples(key, values)]
    rows.append((_GRAPH, _LAYOUT, ox.Literal(LAYOUT)))
    # in requests a server takes (Store.update_parts): what marks the totals whole comes
    # last, so a sequence cut off between two leaves them to be computed again
    store.update_parts([f"DROP SILENT GRAPH {_GRAPH}", *_data("INSERT", rows)])


@contextmanager
def tracking(store: Store, graphs: Sequence[str], *, new: bool = False) -> Iterator[str]:
    """Keep the totals exact across a change of ``graphs``: the body makes the change,
    putting the text given (:data:`STALE_UPDATE`, or nothing when the totals are computed
    whole afterwards) in its update; ``new`` says that the graphs were empty before.

    A body that raises leaves the totals stale, computed again by the next :func:`ensure`.

    >>> import tempfile
    >>> from kg.graph.store import Store
    >>> store = Store(tempfile.mkdtemp()); store.ensure_ontology()
    >>> graph = "https://w3id.org/kg-diplomacy/graph/article/a"
    >>> from kg.graph.namespaces import DIP
    >>> with tracking(store, [graph]) as mark:
    ...     store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <https://e/x> "
    ...                  f"<{DIP.mentionCount}> 2 }} }} ; {mark}")
    >>> mentions = f"<{TOTALS_GRAPH}> {{ ?row <{TOTALS}entities/mentions> ?n }}"
    >>> [r["n"].value for r in store.query(f"SELECT ?n WHERE {{ GRAPH {mentions} }}")]
    ['2']
    """
    run: _Run | None = getattr(store, _RUN, None)
    # inside a run that has written, the stale mark is the run's own
    current = (run is not None and bool(run.graphs)) or is_current(store)
    if run is not None and current:  # inside defer(): the difference waits for settle()
        if not new:  # a graph already written in the run was read before its first write
            _merge(run.before, contributions(store, [g for g in graphs if g not in run.graphs]))
        run.graphs.update(graphs)
        yield STALE_UPDATE
        return
    before = {} if new or not current else contributions(store, graphs)
    yield STALE_UPDATE if current else ""
    if not current:
        compute(store)
        if run is not None:  # computed whole: what the run held is in the totals
            setattr(store, _RUN, _Run())
        return
    _add(store, _difference(contributions(store, graphs), before))


@dataclass
class _Run:
    """The writes of a run (see :func:`defer`): the graphs written, and what they held
    before the run's first write of each."""

    graphs: set[str] = field(default_factory=set)
    before: dict[Key, tuple] = field(default_factory=dict)


_RUN = "_totals_run"  # the store object's attribute that holds a deferred run


def defer(store: Store) -> None:
    """Keep the differences of the tracked writes that follow until :func:`settle`, and add
    them then at once: a build's batches share most of their rows (the same entities,
    months and relations), which each batch would otherwise read and rewrite. The writes
    still mark the totals stale, so a run cut off leaves them to be computed whole; a run
    begun where another was never settled computes them whole first.

    >>> import tempfile
    >>> from kg.graph.store import Store
    >>> store = Store(tempfile.mkdtemp()); store.ensure_ontology(); defer(store)
    >>> store.replace_articles([("a", [])]); is_current(store)
    False
    >>> settle(store); is_current(store)
    True
    """
    if getattr(store, _RUN, None) is not None:
        compute(store)
    setattr(store, _RUN, _Run())


def settle(store: Store) -> None:
    """Add the differences kept since :func:`defer` (see there)."""
    run: _Run | None = getattr(store, _RUN, None)
    setattr(store, _RUN, None)
    if run is not None and run.graphs:
        _add(store, _difference(contributions(store, sorted(run.graphs)), run.before))


def _merge(sums: dict[Key, tuple], more: dict[Key, tuple]) -> None:
    for key, values in more.items():
        _sum_into(sums, key, values)


def _sum_into(sums: dict[Key, tuple], key: Key, values: tuple) -> None:
    old = sums.get(key)
    sums[key] = values if old is None else tuple(a + b for a, b in zip(old, values, strict=True))


def _difference(after: dict[Key, tuple], before: dict[Key, tuple]) -> dict[Key, tuple]:
    """``after`` less ``before``, the rows that change only."""
    nothing = {tally: (0,) * len(tally.measures) for tally in TALLIES}
    delta = {key: tuple(a - b for a, b in zip(after.get(key, nothing[key[0]]),
                                             before.get(key, nothing[key[0]]), strict=True))
             for key in after.keys() | before.keys()}
    return {key: values for key, values in delta.items() if any(values)}


def _add(store: Store, delta: dict[Key, tuple]) -> None:
    """Add ``delta`` to the totals and clear the stale mark, in one update; a row whose
    measures fall to nothing goes. Totals that would fall below nothing were wrong: they
    are computed whole instead."""
    rows = {key[0].row(key[1]): key for key in delta}
    held = _read_rows(store, list(rows))
    deleted: list[tuple] = []
    inserted: list[tuple] = []
    for node, key in rows.items():
        tally = key[0]
        old = held.get(node)
        new = tuple((old[i] if old else 0) + d for i, d in enumerate(delta[key]))
        if any(value < 0 for value in new):
            compute(store)
            return
        if old is None:
            inserted += _row_triples(key, new)
        elif not any(new):
            deleted += _row_triples(key, old)
        else:
            for column, before, after in zip(tally.measures, old, new, strict=True):
                if before != after:
                    deleted.append((node, tally.predicate(column), _count(before)))
                    inserted.append((node, tally.predicate(column), _count(after)))
    # the stale mark cleared last: see compute
    store.update_parts([*_data("DELETE", deleted), *_data("INSERT", inserted),
                        f"DELETE DATA {{ GRAPH {_GRAPH} {{ {_MARK} }} }}"])


def _read_rows(store: Store, nodes: list[ox.NamedNode]) -> dict[ox.NamedNode, tuple]:
    """The measures the totals hold for some row nodes (those they have)."""
    measures = {tally.predicate(column): (tally, i) for tally in TALLIES
                for i, column in enumerate(tally.measures)}
    found: dict[ox.NamedNode, list[int]] = {}
    for start in range(0, len(nodes), _ROWS_READ):
        values = " ".join(map(str, nodes[start:start + _ROWS_READ]))
        for row in store.query(f"SELECT ?row ?p ?n WHERE {{ VALUES ?row {{ {values} }} "
                               f"GRAPH {_GRAPH} {{ ?row ?p ?n }} }}"):
            if row["p"] in measures:
                tally, i = measures[row["p"]]
                found.setdefault(row["row"], [0] * len(tally.measures))[i] = int(row["n"].value)
    return {node: tuple(values) for node, values in found.items()}


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_INTEGER)


def _row_triples(key: Key, values: tuple) -> list[tuple]:
    tally, terms = key
    node = tally.row(terms)
    keys = zip(tally.keys, terms, strict=True)
    measures = zip(tally.measures, values, strict=True)
    return ([(node, tally.predicate(column), term) for column, term in keys]
            + [(node, tally.predicate(column), _count(n)) for column, n in measures])


def _data(verb: str, triples: Iterable[tuple]) -> list[str]:
    """``INSERT DATA`` / ``DELETE DATA`` operations on the totals' graph, in blocks."""
    lines = [f"{s} {p} {o} ." for s, p, o in triples]
    return [f"{verb} DATA {{ GRAPH {_GRAPH} {{\n" + "\n".join(lines[start:start + _BLOCK])
            + "\n} }" for start in range(0, len(lines), _BLOCK)]
