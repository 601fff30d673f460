"""Network analytics over the actor network: who is central, which camps form, and
whether two countries cooperate or clash.

Everything starts from the actor projection (:func:`kg.viz.project.to_networkx`): one
node per entity, one edge per statement between two entities. For the structural
measures its parallel, directed edges are folded into one undirected edge per pair of
actors, weighted by how many statements join them. The cooperation/conflict family of
each relation is read from the ontology (``dip:family``), never listed here.

Each table is a :class:`kg.queries.Result`, like a query's answer, so it prints, converts
to CSV or JSON, and becomes a pandas DataFrame (``.to_frame()``) the same way.

>>> import tempfile
>>> from kg.graph.store import Store
>>> analysis = analyze(Store(tempfile.mkdtemp()))
>>> analysis.centrality.columns[:3], analysis.centrality.rows
(['rank', 'actor', 'type'], [])
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.files import atomic_output
from kg.graph.namespaces import DIP
from kg.graph.ontology import family_of, relations
from kg.graph.store import Store
from kg.queries import Result

# networkx is imported by the functions that build or measure graphs: the command line
# imports this module for its defaults on every command, `kg build` too, and networkx
# takes an eighth of a second to import.
if TYPE_CHECKING:
    import networkx as nx

MEASURES = ("degree", "betweenness", "eigenvector")
"""Ways to rank actors: statements touching the actor, brokerage, well-connectedness."""

LOUVAIN_SEED = 42
"""Louvain shuffles nodes; a fixed seed over a sorted graph makes communities repeatable."""

COOPERATION, CONFLICT = "cooperation", "conflict"
"""The two families (``dip:family`` individuals) that the country balance weighs."""

TABLES = ("centrality", "communities", "balance")
"""The tables of an :class:`Analysis`, in the order they are printed and written."""


@cache
def _position_relations() -> frozenset[str]:
    # Whichever relation the ontology writes as a dip:PositionHolding ties a person to a post.
    wanted = str(DIP.PositionHolding)
    return frozenset(code for code, term in relations().items() if term.statement_class == wanted)


def fold(graph: nx.MultiDiGraph, *, family: str | None = None) -> nx.Graph:
    """One undirected edge per pair of actors, ``weight`` = the statements between them.

    ``family`` keeps only the relations of that family (``"cooperation"``, ``"conflict"``).
    Actors left without an edge are dropped. Nodes and edges are added in sorted order,
    so algorithms that depend on order (Louvain) give the same answer for the same graph.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A", type="Person")
    >>> g.add_node("b", label="B", type="Country")
    >>> _ = g.add_edge("a", "b", relation="CONSULT")
    >>> _ = g.add_edge("b", "a", relation="ACCUSE")
    >>> fold(g)["a"]["b"]["weight"], fold(g, family="conflict")["a"]["b"]["weight"]
    (2, 1)
    """
    import networkx as nx

    known_families = {term.family for term in relations().values() if term.family}
    if family is not None and family not in known_families:
        known = ", ".join(sorted(known_families))
        raise ValueError(f"unknown relation family {family!r} (choose from {known})")
    weights: Counter[tuple[str, str]] = Counter()
    for source, target, relation in graph.edges(data="relation"):
        if source == target or (family is not None and family_of(relation) != family):
            continue
        weights[(min(source, target), max(source, target))] += 1
    folded = nx.Graph()
    for node in sorted({n for pair in weights for n in pair}):
        folded.add_node(node, **{k: graph.nodes[node][k] for k in ("label", "type")})
    for (source, target), weight in sorted(weights.items()):
        folded.add_edge(source, target, weight=weight)
    return folded


def centrality(folded: nx.Graph, *, by: str = "degree") -> Result:
    """Every actor with its centrality measures, the most central (``by``) first.

    ``statements`` (the weighted degree) is what ``degree`` ranks by; ``neighbours``
    counts distinct partners; ``betweenness`` is the share of shortest paths through
    the actor; ``eigenvector`` is high for actors tied to other well-tied actors
    (statement counts as weights).

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
    >>> nx.set_node_attributes(g, {n: {"label": n.upper(), "type": "Person"} for n in g})
    >>> [(r["actor"], r["statements"], r["betweenness"]) for r in centrality(g).rows]
    [('B', 3, 1.0), ('A', 2, 0.0), ('C', 1, 0.0)]
    """
    import networkx as nx

    if by not in MEASURES:
        raise ValueError(f"unknown measure {by!r} (choose from {', '.join(MEASURES)})")
    columns = ["rank", "actor", "type", "statements", "neighbours", "betweenness",
               "eigenvector", "iri"]
    if folded.number_of_nodes() == 0:
        return Result(columns, [])
    between = nx.betweenness_centrality(folded)
    # networkx iterates with A + I, which converges on the bipartite and disconnected
    # graphs news produces; the weight rewards repeated dealings.
    eigen = nx.eigenvector_centrality(folded, weight="weight", max_iter=5000, tol=1e-9)
    rows = [{
        "actor": data["label"], "type": data["type"],
        "statements": int(folded.degree(node, weight="weight")),
        "neighbours": folded.degree(node),
        "betweenness": round(between[node], 4), "eigenvector": round(eigen[node], 4),
        "iri": node,
    } for node, data in folded.nodes(data=True)]
    primary = "statements" if by == "degree" else by
    rows.sort(key=lambda r: (-r[primary], -r["statements"], -r["neighbours"], r["actor"]))
    return Result(columns, [{"rank": i, **row} for i, row in enumerate(rows, 1)])


def communities(folded: nx.Graph, *, seed: int = LOUVAIN_SEED,
                resolution: float = 1.0) -> Result:
    """Louvain communities of the folded network, one row per member.

    Communities are numbered from the largest; members are listed by statements.

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"),
    ...               ("c", "x")])
    >>> nx.set_node_attributes(g, {n: {"label": n, "type": "Person"} for n in g})
    >>> [(r["community"], r["actor"]) for r in communities(g).rows]
    [(1, 'c'), (1, 'a'), (1, 'b'), (2, 'x'), (2, 'y'), (2, 'z')]
    """
    import networkx as nx

    columns = ["community", "size", "actor", "type", "statements", "iri"]
    if folded.number_of_edges() == 0:
        return Result(columns, [])
    found = nx.community.louvain_communities(folded, weight="weight", seed=seed,
                                             resolution=resolution)
    strength = dict(folded.degree(weight="weight"))

    def members(group: set[str]) -> list[str]:
        return sorted(group, key=lambda n: (-strength[n], folded.nodes[n]["label"], n))

    ordered = sorted((members(g) for g in found), key=lambda m: (-len(m), m[0]))
    rows = [{"community": number, "size": len(group), "actor": folded.nodes[node]["label"],
             "type": folded.nodes[node]["type"], "statements": int(strength[node]), "iri": node}
            for number, group in enumerate(ordered, 1) for node in group]
    return Result(columns, rows)


def country_of(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Actor → the country it speaks for: a country itself, or a person whose posts
    (position statements) all belong to one country.

    A person with posts in two countries (or none) is left out rather than guessed.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", label="P", type="Person")
    >>> g.add_node("k", label="K", type="Country")
    >>> _ = g.add_edge("p", "k", relation="HOLDS_POSITION")
    >>> country_of(g)
    {'k': 'k', 'p': 'k'}
    """
    countries = {n for n, t in graph.nodes(data="type") if t == "Country"}
    posts: defaultdict[str, set[str]] = defaultdict(set)
    for source, target, relation in graph.edges(data="relation"):
        if relation in _position_relations() and target in countries:
            posts[source].add(target)
    owner = {c: c for c in countries}
    owner.update({person: next(iter(held)) for person, held in posts.items()
                  if len(held) == 1 and person not in countries})
    return owner


def country_balance(graph: nx.MultiDiGraph) -> Result:
    """Cooperation against conflict between each pair of countries, from their events.

    An event counts for a pair when its actor and recipient speak for the two countries
    (:func:`country_of`), whichever direction it ran. ``balance`` is
    (cooperation − conflict) / (cooperation + conflict), from −1 (only conflict) to 1.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for node, kind in [("p", "Person"), ("k", "Country"), ("m", "Country")]:
    ...     g.add_node(node, label=node.upper(), type=kind)
    >>> _ = g.add_edge("p", "k", relation="HOLDS_POSITION")
    >>> _ = g.add_edge("p", "m", relation="ASSAULT")
    >>> _ = g.add_edge("m", "k", relation="CONSULT")
    >>> _ = g.add_edge("m", "k", relation="CONSULT")
    >>> [(r["country_a"], r["country_b"], r["balance"], r["leaning"])
    ...  for r in country_balance(g).rows]
    [('K', 'M', 0.333, 'cooperation')]
    """
    columns = ["country_a", "country_b", "cooperation", "conflict", "balance", "leaning"]
    owner = country_of(graph)
    counts: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for source, target, relation in graph.edges(data="relation"):
        family = family_of(relation)
        a, b = owner.get(source), owner.get(target)
        if family not in (COOPERATION, CONFLICT) or a is None or b is None or a == b:
            continue
        pair = tuple(sorted((graph.nodes[a]["label"], graph.nodes[b]["label"])))
        counts[pair][family] += 1
    rows = []
    for (a, b), tally in counts.items():
        good, bad = tally[COOPERATION], tally[CONFLICT]
        balance = (good - bad) / (good + bad)
        leaning = COOPERATION if balance > 0 else CONFLICT if balance < 0 else "even"
        rows.append({"country_a": a, "country_b": b, "cooperation": good, "conflict": bad,
                     "balance": round(balance, 3), "leaning": leaning})
    rows.sort(key=lambda r: (-(r["cooperation"] + r["conflict"]), r["country_a"], r["country_b"]))
    return Result(columns, rows)


@dataclass(frozen=True)
class Analysis:
    """The three tables of :func:`analyze`, each a :class:`~kg.queries.Result`."""

    centrality: Result
    communities: Result
    balance: Result

    def tables(self) -> dict[str, Result]:
        """Table name → table, in :data:`TABLES` order."""
        return {name: getattr(self, name) for name in TABLES}

    def write_csv(self, folder: str | Path) -> list[Path]:
        """Write ``centrality.csv``, ``communities.csv`` and ``balance.csv`` (each atomically)."""
        written = []
        for name, table in self.tables().items():
            path = Path(folder) / f"{name}.csv"
            with atomic_output(path) as out:
                out.write(table.to_csv().encode("utf-8"))
            written.append(path)
        return written


def analyze(store: Store | nx.MultiDiGraph, *, by: str = "degree", family: str | None = None,
            seed: int = LOUVAIN_SEED) -> Analysis:
    """Centrality ranking, communities and country balance of a store's actor network.

    ``family`` limits centrality and communities to one relation family; the balance
    always weighs cooperation against conflict. A ready projection may be passed
    instead of a store.
    """
    import networkx as nx

    if isinstance(store, nx.MultiDiGraph):
        graph = store
    else:
        from kg.viz.project import to_networkx

        graph = to_networkx(store)
    folded = fold(graph, family=family)
    return Analysis(centrality(folded, by=by), communities(folded, seed=seed),
                    country_balance(graph))
