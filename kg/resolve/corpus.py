"""Entities across articles: one node per entity in the whole store.

Each article is resolved on its own, and its entity IRIs come from the canonical name
and class (:func:`kg.graph.iri.entity`), so "Donald Trump" in two articles is already
one node. What one article cannot see is settled here, after a build, over the store:

* a name that articles type differently takes one class: a full name that some article
  reads as a person's is a person's everywhere (spaCy often tags a candidate in a list
  ORG), any other name takes the class of most of its mentions ("Trump" tagged ORG);
* a first and last name joins the one fuller form of it ("Donald Trump", "Donald J.
  Trump"), and a full name with a place glued before it the name itself ("Vermont
  Bernie Sanders"); the most mentioned form is the label, the others stay aliases;
* a surname alone joins a full name only where the context agrees: the one person
  with that surname who holds the same office, or a post of the same country, somewhere
  in the corpus, read from ``dip:role``, the posts' countries and titled surface forms
  ("President Trump"). "Johnson" the Prime Minister and "Johnson" the coach stay apart,
  and so does a surname with no office;
* an acronym joins its expansion: "EU" in one article is the "European Union" that
  another article says it abbreviates (its alias "EU"), when exactly one name is so
  abbreviated anywhere and its initials agree.

A node is renamed inside its article's graph only, by one SPARQL update, so an article
that is rebuilt later gets its own reading back, and the next pass settles it again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.graph import iri
from kg.graph.namespaces import DIP, RDF, RDFS, SKOS, XSD
from kg.graph.store import Store
from kg.graph.summaries import NAME, entity_rows_update, name_key
from kg.graph.totals import tracking
from kg.lexicons import lookup_country
from kg.resolve.affected import (
    HELD,
    MOVABLE,
    POSTS,
    TITLED,
    Node,
    Roles,
    StoreNames,
    acronym_forms,
    acronym_key,
    names,
    nodes_in,
    nodes_of,
    read_names,
    row_node,
    title_of,
)
from kg.resolve.wordlists import fold, org_heads

__all__ = ["Node", "Target", "corpus_class", "expansions", "plan", "title_of", "unify"]
# Which class wins a tie of mentions: the one spaCy confuses least with the others.
_TIE_ORDER = {"Person": 0, "Organisation": 1, "Place": 2, "Other": 3}

# Each pattern its own subquery, joined on graph and node: Oxigraph then joins three
# columns by hashing instead of looking each node up (on a 1M-quad store, 5 s not 7 s).
_NODES = """
SELECT ?g ?e ?label ?class (SUM(?count) AS ?mentions) WHERE {
  { SELECT ?g ?e ?class WHERE { VALUES ?class { dip:Person dip:Organisation dip:Place
                                                   dip:Other }
                                GRAPH ?g { ?e a ?class } } }
  { SELECT ?g ?e ?label WHERE { GRAPH ?g { ?e rdfs:label ?label } } }
  { SELECT ?g ?e ?count WHERE { GRAPH ?g { ?e dip:mentionCount ?count } } }
}
GROUP BY ?g ?e ?label ?class
"""

_ROLES, _COUNTRIES, _TITLED = (query.replace("#NODES#", "") for query in (HELD, POSTS, TITLED))

_ORGANISATION_ALIASES = """
SELECT DISTINCT ?label ?alias WHERE {
  GRAPH ?g { ?e a dip:Organisation ; rdfs:label ?label ; skos:altLabel ?alias }
}
"""

@dataclass(frozen=True, slots=True)
class Target:
    """Where a node goes: the canonical name and class of the corpus-wide entity."""

    label: str
    type: str
    # the node's own label is the name with a place glued before it ("Hong Kong Carrie
    # Lam"): no form of the name, so it does not stay as an alias
    glued: bool = field(default=False, compare=False)

    @property
    def iri(self) -> str:
        return iri.entity(self.label, self.type)


def corpus_class(nodes: Iterable[Node]) -> str:
    """The class of one name across the corpus: the one with most mentions, except that
    a full name an article reads as a person's is a person's everywhere. spaCy's small
    model often tags a candidate in a list ORG, while an article types a several-word
    name Person only on a PERSON full name; a word such as "Party" or "Institute" (an
    organisation's head word) vetoes it.

    >>> corpus_class([Node("g1", "a", "Trump", "Person", 5),
    ...               Node("g2", "b", "Trump", "Organisation", 7)])
    'Organisation'
    >>> corpus_class([Node("g1", "a", "Adam Kokesh", "Person", 1),
    ...               Node("g2", "b", "Adam Kokesh", "Organisation", 7)])
    'Person'
    >>> corpus_class([Node("g1", "a", "University of Oslo", "Place", 3),
    ...               Node("g2", "b", "University of Oslo", "Organisation", 1)])
    'Organisation'
    """
    votes: Counter[str] = Counter()
    for node in nodes:
        votes[node.type] += node.mentions
    typed = {(node.type, node.label) for node in nodes}
    if any(kind == "Person" and _full_name(label) for kind, label in typed):
        return "Person"
    # An organisation's head word settles it the other way ("University of California"
    # read as a place where it is the setting of a study is still the university).
    if any(kind == "Organisation" and _org_named(label) for kind, label in typed):
        return "Organisation"
    return min(votes, key=lambda kind: (-votes[kind], _TIE_ORDER.get(kind, 9)))


def _words(label: str) -> list[str]:
    return label.replace(".", ". ").split()


def _org_named(label: str) -> bool:
    """Whether a word of the name is an organisation's head word ("Party", "University")."""
    return any(fold(w) in org_heads() for w in _words(label))


def _full_name(label: str) -> bool:
    """Several capitalised words, none of them an organisation's head word."""
    words = _words(label)
    return len(words) > 1 and all(w[:1].isupper() for w in words) and not _org_named(label)


def fuller_name(words: tuple[str, ...], names: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The one longer full name that a first and last name ``words`` shortens (the same
    first and last word, middle names or initials between), if exactly one does. A name
    with a middle part is a full name of its own: "George W. Bush" is not "George H. W.
    Bush".

    >>> fuller_name(("donald", "trump"), [("donald", "j", "trump"), ("mary", "trump")])
    ('donald', 'j', 'trump')
    >>> fuller_name(("george", "bush"), [("george", "w", "bush"), ("george", "h", "w", "bush")])
    >>> fuller_name(("george", "w", "bush"), [("george", "h", "w", "bush")])
    """
    if len(words) != 2:
        return None
    found = {name for name in names
             if len(name) > 2 and name[0] == words[0] and name[-1] == words[-1]}
    return found.pop() if len(found) == 1 else None


def is_acronym(label: str) -> bool:
    """Two to six capitals, with or without full stops ("EU", "U.N.", "NATO").

    >>> is_acronym("EU"), is_acronym("U.N."), is_acronym("Eu")
    (True, True, False)
    """
    return acronym_key(label) is not None


def initials(label: str) -> str:
    """The capital initials of a name's words, without "of", "the", "and" …

    >>> initials("North Atlantic Treaty Organization")
    'NATO'
    """
    stop = {"of", "the", "and", "for", "on", "in", "de", "la", "&"}
    return "".join(w[0].upper() for w in label.replace("-", " ").split()
                   if w.lower() not in stop and w[:1].isalpha())


def expansions(aliases: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Acronym → the one name stated with it as an alias whose initials it is.

    >>> expansions([("European Union", "EU"), ("Europe United", "EU"), ("NATO", "NATO")])
    {}
    >>> expansions([("European Union", "EU"), ("United Nations", "UN")])["EU"]
    'European Union'
    """
    found: dict[str, set[str]] = defaultdict(set)
    for label, alias in aliases:
        acronym = alias.replace(".", "")
        if is_acronym(alias) and not is_acronym(label) and initials(label) == acronym:
            found[acronym].add(label)
    return {a: next(iter(labels)) for a, labels in found.items() if len(labels) == 1}


def plan(nodes: list[Node], roles: dict[tuple[str, str], set[str]],
         acronyms: dict[str, str] | None = None) -> dict[Node, Target]:
    """Which nodes to rename, and to what. ``roles`` maps (graph, node IRI) to the
    offices (folded) the article says the person holds and the countries of their posts
    (``country:`` + folded name); ``acronyms`` maps an acronym to its one expansion."""
    by_key: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        by_key[iri.slug(node.label) or node.label].append(node)
    target: dict[Node, Target] = {}
    for group in by_key.values():
        kind = corpus_class(group)
        label = max(group, key=lambda n: (n.type == kind, n.most, n.label)).label
        for node in group:  # one IRI, so one label too ("George W Bush", "George W. Bush")
            target[node] = Target(label, kind)
    _join_full_names(nodes, target)
    _join_surnames(nodes, target, roles)
    _join_acronyms(nodes, target, acronyms or {})
    return {node: t for node, t in target.items()
            if (t.label, t.type) != (node.label, node.type)}


def _people(nodes: list[Node], target: dict[Node, Target]) -> list[Node]:
    return [n for n in nodes if target[n].type == "Person"]


def _join_full_names(nodes: list[Node], target: dict[Node, Target]) -> None:
    """Forms of one full name become one person, called by its most mentioned form; so
    does a full name with a place glued before it (a state before a senator's name)."""
    people = _people(nodes, target)
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for node in people:
        labels[node.words][target[node].label] += node.mentions
    names = list(labels)
    root: dict[tuple[str, ...], tuple[str, ...]] = {}
    for words in sorted(names, key=len, reverse=True):  # longer names are settled first
        longer = fuller_name(words, names)
        root[words] = root.get(longer, longer) if longer is not None else words
    places = {fold(target[n].label) for n in nodes if target[n].type == "Place"}
    glued: set[str] = set()
    for words in names:  # "Vermont Bernie Sanders": a place glued before a full name
        for cut in range(1, len(words) - 1):
            place = " ".join(words[:cut])
            if words[cut:] in root and (place in places or lookup_country(place)):
                root[words] = root[words[cut:]]
                glued.update(labels[words])
                break
    groups: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for words, counts in labels.items():
        groups[root[words]].update(counts)
    for node in people:
        counts = groups[root[node.words]]
        # never a glued form: "Carrie Lam", not "Hong Kong Carrie Lam"
        label = max(counts, key=lambda text: (text not in glued, counts[text], text))
        target[node] = Target(label, "Person", glued=target[node].label in glued)


def _join_surnames(nodes: list[Node], target: dict[Node, Target],
                   roles: dict[tuple[str, str], set[str]]) -> None:
    offices: dict[str, set[str]] = defaultdict(set)  # full name → offices anywhere
    by_last: dict[str, set[str]] = defaultdict(set)  # surname → full names
    for node in _people(nodes, target):
        label = target[node].label
        words = tuple(fold(label).replace(".", " ").split())
        if len(words) > 1:
            by_last[words[-1]].add(label)
            offices[label] |= roles.get((node.graph, node.iri), set())
    for node in _people(nodes, target):
        if len(node.words) != 1:
            continue
        held = roles.get((node.graph, node.iri), set())
        agree = [name for name in by_last.get(node.words[0], ()) if held & offices[name]]
        if len(agree) == 1:
            target[node] = Target(agree[0], "Person")


def _join_acronyms(nodes: list[Node], target: dict[Node, Target],
                   acronyms: dict[str, str]) -> None:
    """"EU" becomes the "European Union" some article says it abbreviates."""
    for node in nodes:
        label = target[node].label
        if target[node].type == "Organisation" and is_acronym(label):
            expansion = acronyms.get(label.replace(".", ""))
            if expansion is not None:
                target[node] = Target(expansion, "Organisation")


RENAMES_PER_UPDATE = 20
"""Renames sent in one SPARQL update (each is thirteen operations, four of them the rows of
its statements: twenty take 120 kB, which Virtuoso 7 still compiles)."""


def _rename(node: Node, to: Target, mentions: int) -> str:
    """The SPARQL update that moves ``node`` to ``to`` inside its article's graph; the
    old label stays as an alternative label (not a glued form), and ``mentions`` is the
    count of the node it lands on. Terms are written by pyoxigraph."""
    g, old, new = ox.NamedNode(node.graph), ox.NamedNode(node.iri), ox.NamedNode(to.iri)
    rdf_type, label, alt, count = (ox.NamedNode(str(t)) for t in
                                   (RDF.type, RDFS.label, SKOS.altLabel, DIP.mentionCount))
    classes = " ".join(str(ox.NamedNode(str(DIP[k]))) for k in MOVABLE)
    total = ox.Literal(str(mentions), datatype=ox.NamedNode(str(XSD.integer)))
    dropped = f"""
DELETE DATA {{ GRAPH {g} {{ {new} {alt} {ox.Literal(node.label)} }} }} ;""" if to.glued else ""
    # Only a new IRI moves the node's triples. Moving a node onto itself would delete and
    # insert the same triples, which Virtuoso 7 (inserting before it deletes, against
    # SPARQL 1.1) turns into losing them.
    move = "" if old == new else f"""
DELETE {{ GRAPH {g} {{ {old} ?p ?o }} }} INSERT {{ GRAPH {g} {{ {new} ?p ?o }} }}
WHERE {{ GRAPH {g} {{ {old} ?p ?o }} }} ;
DELETE {{ GRAPH {g} {{ ?s ?p {old} }} }} INSERT {{ GRAPH {g} {{ ?s ?p {new} }} }}
WHERE {{ GRAPH {g} {{ ?s ?p {old} }} }} ;"""
    return f"""{move}
DELETE {{ GRAPH {g} {{ {new} {rdf_type} ?c }} }}
WHERE {{ GRAPH {g} {{ {new} {rdf_type} ?c }} VALUES ?c {{ {classes} }} }} ;
DELETE {{ GRAPH {g} {{ {new} {label} ?l }} }} INSERT {{ GRAPH {g} {{ {new} {alt} ?l }} }}
WHERE {{ GRAPH {g} {{ {new} {label} ?l }} }} ;{dropped}
DELETE {{ GRAPH {g} {{ {new} {count} ?n }} }} WHERE {{ GRAPH {g} {{ {new} {count} ?n }} }} ;
INSERT DATA {{ GRAPH {g} {{ {new} {rdf_type} {ox.NamedNode(str(DIP[to.type]))} ;
  {label} {ox.Literal(to.label)} ; {count} {total} ; {NAME} {ox.Literal(name_key(to.label))} }} }} ;
DELETE DATA {{ GRAPH {g} {{ {new} {alt} {ox.Literal(to.label)} }} }} ;
{entity_rows_update(g, new, to.label)}
"""


def unify(store: Store, articles: Sequence[str] | None = None) -> int:
    """Settle entities across the articles of ``store``; how many nodes were renamed.

    With ``articles`` (ids of articles new to the store since the last pass), only the
    names those articles meet are read (:mod:`kg.resolve.affected`), most of them summed
    per IRI by the store, and settled: the same renames as a pass over the whole store,
    at the cost of the new articles and of the names they meet.

    >>> import tempfile
    >>> unify(Store(tempfile.mkdtemp())), unify(Store(tempfile.mkdtemp()), ["a"])
    (0, 0)
    """
    if articles is None:
        return _settle(store, _read(store), expansions(
            (str(r["label"].value), str(r["alias"].value))
            for r in store.query(_ORGANISATION_ALIASES)))
    if not articles:
        return 0
    graphs = [iri.article_graph(article) for article in articles]
    catalogue = StoreNames(store)
    seeds = {label for label, _ in names(store, graphs)}
    stated = {acronym for r in store.query(_ORGANISATION_ALIASES, graphs=graphs)
              if (acronym := acronym_key(str(r["alias"].value)))}
    seeds |= {label for acronym in stated for label in catalogue.with_acronym(acronym)}
    settled: set[str] = set()
    aliases: set[tuple[str, str]] = set()
    asked: set[str] = set()
    while seeds - settled:
        settled = catalogue.closure(seeds | settled)
        # an acronym's expansion is decided by every name stated with it, anywhere
        acronyms = {a for label in settled if (a := acronym_key(label))} | stated
        for acronym in sorted(acronyms - asked):
            forms = " ".join(str(ox.Literal(form)) for form in acronym_forms(acronym))
            aliases |= {(str(r["label"].value), str(r["alias"].value)) for r in store.query(
                _ORGANISATION_ALIASES.replace("WHERE {", f"WHERE {{ VALUES ?alias {{ {forms} }}"))}
        asked |= acronyms
        seeds = {label for label, _ in aliases}
    return _settle(store, read_names(store, settled), expansions(aliases))


def _read(store: Store) -> tuple[list[Node], Roles]:
    """Every node of the store and what the articles say of each: offices, the countries
    of their posts, titled forms."""
    nodes = [n for n in map(row_node, store.query(_NODES)) if n is not None]
    roles: Roles = defaultdict(set)
    for r in store.query(_ROLES):
        roles[(str(r["g"].value), str(r["e"].value))].add(fold(str(r["role"].value)))
    for r in store.query(_COUNTRIES):
        roles[(str(r["g"].value), str(r["e"].value))].add(
            "country:" + fold(str(r["country"].value)))
    for r in store.query(_TITLED):
        office = title_of(str(r["alias"].value), str(r["label"].value))
        if office:
            roles[(str(r["g"].value), str(r["e"].value))].add(office)
    return nodes, roles


def _settle(store: Store, read: tuple[list[Node], Roles], acronyms: dict[str, str]) -> int:
    """Plan the renames of the nodes read and apply them; how many."""
    nodes, roles = read
    moves = plan(nodes, roles, acronyms)
    each = [n for n in nodes if n.graph]
    if len(each) < len(nodes):  # some names were read summed per IRI
        each, moves = _node_by_node(store, each, moves)
    totals: Counter[tuple[str, str]] = Counter()  # what each node of each graph ends up with
    for n in each:
        totals[(n.graph, moves[n].iri if n in moves else n.iri)] += n.mentions
    renames = [(n.graph, _rename(n, to, totals[(n.graph, to.iri)])) for n, to in moves.items()]
    # In batches: one update of every rename exceeds what Virtuoso 7 compiles ("Query too
    # large"). A pass cut between batches is owed still and run again whole by the next build.
    for start in range(0, len(renames), RENAMES_PER_UPDATE):
        batch = renames[start:start + RENAMES_PER_UPDATE]
        # the totals across articles follow the renamed graphs (kg.graph.totals)
        with tracking(store, sorted({graph for graph, _ in batch})) as mark:
            store.update(" ;\n".join(filter(None, [*(text for _, text in batch), mark])))
    return len(moves)


def _node_by_node(store: Store, each: list[Node], moves: dict[Node, Target]
                  ) -> tuple[list[Node], dict[Node, Target]]:
    """The moves of nodes read summed, node by node, and the nodes the moved ones land
    beside (the mentions of the node each lands on count them): the store is read for the
    names that move only."""
    summed = {(n.iri, n.label): to for n, to in moves.items() if not n.graph}
    moved = {n: to for n, to in moves.items() if n.graph}
    for n in nodes_of(store, {node_iri for node_iri, _ in summed}):
        if (n.iri, n.label) in summed:
            moved[n] = summed[(n.iri, n.label)]
    beside = nodes_in(store, {(n.graph, to.iri) for n, to in moved.items()})
    return list({*each, *moved, *beside}), moved
