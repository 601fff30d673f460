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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.graph import iri
from kg.graph.namespaces import BASE, DIP, RDF, RDFS, SKOS, XSD
from kg.graph.store import Store
from kg.graph.summaries import NAME, entity_rows_update, name_key
from kg.lexicons import lookup_country
from kg.resolve.affected import NameIndex, acronym_forms, acronym_key, affected
from kg.resolve.wordlists import fold, org_heads, title_words

# Classes a name may move between; a country's node is decided by the ISO list alone.
_MOVABLE = ("Person", "Organisation", "Place", "Other")
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

_ROLES = """
SELECT DISTINCT ?g ?e ?role WHERE {
  GRAPH ?g { ?st a dip:PositionHolding ; dip:subject ?e ; dip:role ?role . ?e a dip:Person }
}
"""

_COUNTRIES = """
SELECT DISTINCT ?g ?e ?country WHERE {
  GRAPH ?g { ?st a dip:PositionHolding ; dip:subject ?e ; dip:object ?c .
             ?c a dip:Country ; rdfs:label ?country }
}
"""

_ORGANISATION_ALIASES = """
SELECT DISTINCT ?label ?alias WHERE {
  GRAPH ?g { ?e a dip:Organisation ; rdfs:label ?label ; skos:altLabel ?alias }
}
"""

_TITLED = """
SELECT DISTINCT ?g ?e ?label ?alias WHERE {
  GRAPH ?g { ?e a dip:Person ; rdfs:label ?label ; skos:altLabel ?alias }
}
"""


@dataclass(frozen=True, slots=True)
class Node:
    """One entity node as one article's graph holds it."""

    graph: str
    iri: str
    label: str
    type: str
    mentions: int

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(fold(self.label).replace(".", " ").split())


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
        if node.type == "Person" and _full_name(node.label):
            return "Person"
        # An organisation's head word settles it the other way ("University of California"
        # read as a place where it is the setting of a study is still the university).
        if node.type == "Organisation" and _org_named(node.label):
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


def title_of(alias: str, name: str) -> str | None:
    """The title a surface form gives a person ("President Trump" → "president").

    >>> title_of("Prime Minister Boris Johnson", "Boris Johnson")
    'prime minister'
    >>> title_of("Donald J. Trump", "Donald Trump") is None
    True
    """
    own = set(fold(name).split())
    words = [w for w in fold(alias).split() if w not in own]
    return " ".join(words) if words and all(w in title_words() for w in words) else None


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
        label = max(group, key=lambda n: (n.type == kind, n.mentions, n.label)).label
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
NODES_PER_QUERY = 500  # the entity nodes one query binds (see _bound)
"""Renames sent in one SPARQL update (each is nine operations)."""


def _rename(node: Node, to: Target, mentions: int) -> str:
    """The SPARQL update that moves ``node`` to ``to`` inside its article's graph; the
    old label stays as an alternative label (not a glued form), and ``mentions`` is the
    count of the node it lands on. Terms are written by pyoxigraph."""
    g, old, new = ox.NamedNode(node.graph), ox.NamedNode(node.iri), ox.NamedNode(to.iri)
    rdf_type, label, alt, count = (ox.NamedNode(str(t)) for t in
                                   (RDF.type, RDFS.label, SKOS.altLabel, DIP.mentionCount))
    classes = " ".join(str(ox.NamedNode(str(DIP[k]))) for k in _MOVABLE)
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
    names those articles meet are read and settled (:mod:`kg.resolve.affected`): the
    same renames as a pass over the whole store, at the cost of the new articles.

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
    seeds = {label for label, _ in _names(store, graphs)}
    stated = {acronym for r in store.query(_ORGANISATION_ALIASES, graphs=graphs)
              if (acronym := acronym_key(str(r["alias"].value)))}
    index = NameIndex(_names(store))
    seeds |= {label for acronym in stated for label in index.by_acronym.get(acronym, ())}
    names: set[str] = set()
    aliases: set[tuple[str, str]] = set()
    asked: set[str] = set()
    while seeds - names:
        names = affected(seeds | names, index)
        # an acronym's expansion is decided by every name stated with it, anywhere
        acronyms = {a for label in names if (a := acronym_key(label))} | stated
        for acronym in sorted(acronyms - asked):
            forms = " ".join(str(ox.Literal(form)) for form in acronym_forms(acronym))
            aliases |= {(str(r["label"].value), str(r["alias"].value)) for r in store.query(
                _ORGANISATION_ALIASES.replace("WHERE {", f"WHERE {{ VALUES ?alias {{ {forms} }}"))}
        asked |= acronyms
        seeds = {label for label, _ in aliases}
    found = expansions(aliases)
    return _settle(store, _read(store, names), found)


# The nodes of some names, looked up by the IRIs those names can have (a node's IRI is
# its label's and class's, kg.graph.iri.entity): on a 1M-quad store 0.2 s for thirty names,
# where binding the labels, or the classes by VALUES, takes a second.
_NODES_CALLED = """
SELECT ?g ?e ?label ?class (SUM(?count) AS ?mentions) WHERE {
  GRAPH ?g { ?e rdfs:label ?label ; a ?class ; dip:mentionCount ?count }
}
GROUP BY ?g ?e ?label ?class
"""

# Every labelled node: one pattern, read in a twentieth of the time a join with the
# classes takes; an entity's class is in its IRI (kg.graph.iri.entity).
_LABELS = "SELECT DISTINCT ?e ?label WHERE { GRAPH ?g { ?e rdfs:label ?label } }"
_ENTITY = f"{BASE}entity/"
_CLASS_SEGMENTS = {kind.lower(): kind for kind in _MOVABLE}


def _names(store: Store, graphs: Sequence[str] | None = None) -> Iterator[tuple[str, str]]:
    """The label and class of every entity node that may move (of ``graphs``, or all)."""
    for row in store.query(_LABELS, graphs=graphs):
        node = str(row["e"].value)
        if node.startswith(_ENTITY):
            kind = _CLASS_SEGMENTS.get(node[len(_ENTITY):].split("/", 1)[0])
            if kind is not None:
                yield str(row["label"].value), kind


def _class(row: ox.QuerySolution) -> str:
    return str(row["class"].value).rsplit("#", 1)[-1]


def _values(variable: str, terms: Iterable[ox.NamedNode | ox.Literal]) -> str:
    """A VALUES block binding ``variable`` to ``terms``, written by pyoxigraph."""
    return f"VALUES {variable} {{ {' '.join(str(term) for term in terms)} }}"


def _bound(store: Store, query: str, nodes: Iterable[ox.NamedNode] | None
           ) -> Iterator[ox.QuerySolution]:
    """The rows of ``query`` with ``?e`` bound to ``nodes`` (all its rows with None), a
    batch of nodes a query: Virtuoso compiles a VALUES block into one operator of bounded
    arity ("Too many arguments … in operator()"), and every row is one node's."""
    if nodes is None:
        yield from store.query(query)
        return
    terms = sorted(set(nodes), key=str)
    for start in range(0, len(terms), NODES_PER_QUERY):
        block = _values("?e", terms[start:start + NODES_PER_QUERY])
        yield from store.query(query.replace("WHERE {", f"WHERE {{ {block}", 1))


def _read(store: Store, labels: Iterable[str] | None = None
          ) -> tuple[list[Node], dict[tuple[str, str], set[str]]]:
    """The nodes of the store (those called by one of ``labels``, or all) and what the
    articles say of each: offices, the countries of their posts, titled forms."""
    called = None if labels is None else [
        ox.NamedNode(iri.entity(label, kind)) for label in labels for kind in _MOVABLE]
    nodes = [Node(str(r["g"].value), str(r["e"].value), str(r["label"].value), _class(r),
                  int(r["mentions"].value))
             for r in (store.query(_NODES) if called is None
                       else _bound(store, _NODES_CALLED, called))
             if _class(r) in _MOVABLE]
    of_nodes = None if called is None else [ox.NamedNode(n.iri) for n in nodes]

    def rows(query: str) -> Iterator[ox.QuerySolution]:
        return _bound(store, query, of_nodes)

    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    if labels is not None and not nodes:
        return nodes, roles
    for r in rows(_ROLES):
        roles[(str(r["g"].value), str(r["e"].value))].add(fold(str(r["role"].value)))
    for r in rows(_COUNTRIES):
        roles[(str(r["g"].value), str(r["e"].value))].add(
            "country:" + fold(str(r["country"].value)))
    for r in rows(_TITLED):
        office = title_of(str(r["alias"].value), str(r["label"].value))
        if office:
            roles[(str(r["g"].value), str(r["e"].value))].add(office)
    return nodes, roles


def _settle(store: Store, read: tuple[list[Node], dict[tuple[str, str], set[str]]],
            acronyms: dict[str, str]) -> int:
    """Plan the renames of the nodes read and apply them; how many."""
    nodes, roles = read
    moves = plan(nodes, roles, acronyms)
    totals: Counter[tuple[str, str]] = Counter()  # what each node of each graph ends up with
    for node in nodes:
        totals[(node.graph, moves[node].iri if node in moves else node.iri)] += node.mentions
    renames = [_rename(node, to, totals[(node.graph, to.iri)]) for node, to in moves.items()]
    # In batches: one update of every rename exceeds what Virtuoso 7 compiles ("Query too
    # large"). A pass cut between batches is owed still and run again whole by the next build.
    for start in range(0, len(renames), RENAMES_PER_UPDATE):
        store.update(" ;\n".join(renames[start:start + RENAMES_PER_UPDATE]))
    return len(moves)
