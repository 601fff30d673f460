"""Which names an entity pass over some new articles must read to decide as a full pass would.

The entity pass (:mod:`kg.resolve.corpus`) decides each node from the other nodes its name
meets: the names of the same IRI (one slug, any class), the people of the same last word
(fuller forms, surnames and the offices they hold), the places a name may have glued before
it, the full names a place may be glued before, and the acronym its label is with every
name stated with that acronym. Starting from the names the new articles hold, following
these links until none is left gives a set of names closed under them: the pass over just
those names renames each of them exactly as a pass over the whole store would, and the
store's other names, settled by an earlier pass and meeting nothing new, stay as they are.
The pass reads them here: the closure found from the store name by name
(:class:`StoreNames`), those names' nodes summed per IRI where it decides them alike
(:func:`read_names`): what one article's names need, not the whole store.

>>> names = [("Donald Trump", "Person"), ("Trump", "Person"), ("Melania Trump", "Person"),
...          ("Joe Biden", "Person"), ("Paris", "Place")]
>>> sorted(affected(["Trump"], names))
['Donald Trump', 'Melania Trump', 'Trump']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg.graph import iri
from kg.graph.namespaces import BASE
from kg.graph.store import Store
from kg.resolve.wordlists import fold, title_words

MOVABLE = ("Person", "Organisation", "Place", "Other")
"""Classes a name may move between; a country's node is decided by the ISO list alone."""
NODES_PER_QUERY = 500
"""The entity nodes one query binds: Virtuoso compiles a VALUES block into one operator of
bounded arity ("Too many arguments … in operator()")."""
ENTITY = f"{BASE}entity/"
_CLASS_SEGMENTS = {kind.lower(): kind for kind in MOVABLE}
_PERSON = f"{ENTITY}person/"
# Past this many names (a build of some forty articles), the closure reads every name of
# the store at once; past this many (full name, office) questions, the full names' roles
# are read whole: one scan then costs less than so many look-ups.
SEEDS_FOR_A_SCAN, MAX_QUESTIONS = 1000, 200
_SEGMENT_LIMIT = 78  # a slug this long may have been cut at 80 characters (kg.graph.iri.slug)

# Every labelled node: one pattern, read in a twentieth of the time a join with the
# classes takes; an entity's class is in its IRI (kg.graph.iri.entity).
_LABELS = "SELECT DISTINCT ?e ?label WHERE { GRAPH ?g { ?e rdfs:label ?label } }"
_PEOPLE = "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a dip:Person } }"


@dataclass(frozen=True, slots=True)
class Node:
    """One entity node as one article's graph holds it; or, with no ``graph``, all the
    nodes of one IRI and label across the store, which the pass decides alike: their
    ``mentions`` summed, ``peak`` the mentions of the most mentioned of them."""

    graph: str
    iri: str
    label: str
    type: str
    mentions: int
    peak: int = 0

    @property
    def words(self) -> tuple[str, ...]:
        return name_words(self.label)

    @property
    def most(self) -> int:  # the mentions of its most mentioned node (its own, for one)
        return self.peak or self.mentions


def kind_of(node: str) -> str | None:
    """The movable class an entity IRI names, or None (a country, not an entity).

    >>> kind_of(iri.entity("Paris", "Place")), kind_of(iri.entity("France", "Country"))
    ('Place', None)
    """
    if not node.startswith(ENTITY):
        return None
    return _CLASS_SEGMENTS.get(node[len(ENTITY):].split("/", 1)[0])


def names(store: Store, graphs: Sequence[str] | None = None) -> Iterator[tuple[str, str]]:
    """The label and class of every entity node that may move (of ``graphs``, or all)."""
    for row in store.query(_LABELS, graphs=graphs):
        kind = kind_of(str(row["e"].value))
        if kind is not None:
            yield str(row["label"].value), kind


def values(variable: str, terms: Iterable[ox.NamedNode | ox.Literal]) -> str:
    """A VALUES block binding ``variable`` to ``terms``, written by pyoxigraph."""
    return f"VALUES {variable} {{ {' '.join(str(term) for term in terms)} }}"


def bound(store: Store, query: str, nodes: Iterable[ox.NamedNode]
          ) -> Iterator[ox.QuerySolution]:
    """The rows of ``query`` with each ``#NODES#`` in it a VALUES block of ``?e``, a batch
    of :data:`NODES_PER_QUERY` nodes a query (every row is one node's)."""
    terms = sorted(set(nodes), key=str)
    for start in range(0, len(terms), NODES_PER_QUERY):
        yield from store.query(query.replace(
            "#NODES#", values("?e", terms[start:start + NODES_PER_QUERY])))


def name_key(label: str) -> str:
    """The key of a name's IRI, whatever its class: names with one key are one node.

    >>> name_key("George W. Bush") == name_key("George W Bush")
    True
    """
    return iri.slug(label) or label


def name_words(label: str) -> tuple[str, ...]:
    """A name's words as the pass compares them.

    >>> name_words("Donald J. Trump")
    ('donald', 'j', 'trump')
    """
    return tuple(fold(label).replace(".", " ").split())


def acronym_key(label: str) -> str | None:
    """The acronym a label is (full stops dropped), or None.

    >>> acronym_key("U.N."), acronym_key("Union")
    ('UN', None)
    """
    letters = label.replace(".", "")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() \
        else None


def acronym_forms(acronym: str) -> list[str]:
    """Every way of writing ``acronym`` that reads as it: each letter with or without a
    full stop after it.

    >>> acronym_forms("EU")
    ['EU', 'EU.', 'E.U', 'E.U.']
    """
    forms = [""]
    for letter in acronym:
        forms = [form + letter + stop for form in forms for stop in ("", ".")]
    return forms


class NameIndex:
    """The names of a store (label and class of every entity node), indexed by the links
    the pass follows between them."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.by_key: dict[str, set[str]] = defaultdict(set)
        person_keys: set[str] = set()
        for label, kind in names:
            self.by_key[name_key(label)].add(label)
            if kind == "Person":
                person_keys.add(name_key(label))
        # Only a name of a key some article reads as a person's can end up a person's.
        self.person_keys = person_keys
        self.by_last: dict[str, set[str]] = defaultdict(set)
        self.by_fold: dict[str, set[str]] = defaultdict(set)
        self.by_place: dict[str, set[str]] = defaultdict(set)  # the words glued before a name
        self.by_acronym: dict[str, set[str]] = defaultdict(set)
        for labels in self.by_key.values():
            for label in labels:
                self.by_fold[fold(label)].add(label)
                acronym = acronym_key(label)
                if acronym:
                    self.by_acronym[acronym].add(label)
                words = name_words(label)
                if words and name_key(label) in person_keys:
                    self.by_last[words[-1]].add(label)
                    for cut in range(1, len(words) - 1):
                        self.by_place[" ".join(words[:cut])].add(label)

    def linked(self, label: str) -> set[str]:
        """The names one link away from ``label``."""
        found = set(self.by_key.get(name_key(label), ()))
        found |= self.by_place.get(fold(label), set())  # full names it may be glued before
        words = name_words(label)
        if words and name_key(label) in self.person_keys:
            found |= self.by_last.get(words[-1], set())
            for cut in range(1, len(words) - 1):  # places that may be glued before it
                found |= self.by_fold.get(" ".join(words[:cut]), set())
        acronym = acronym_key(label)
        if acronym:
            found |= self.by_acronym.get(acronym, set())
        return found


def affected(seeds: Iterable[str], names: Iterable[tuple[str, str]] | NameIndex) -> set[str]:
    """The names closed under the pass's links that hold ``seeds``."""
    index = names if isinstance(names, NameIndex) else NameIndex(names)
    found: set[str] = set()
    frontier = list(dict.fromkeys(seeds))
    while frontier:
        label = frontier.pop()
        if label in found:
            continue
        found.add(label)
        frontier.extend(index.linked(label) - found)
    return found


class StoreNames:
    """The closure of :func:`affected` over a store's names, reading only the names it may
    reach instead of every name of the store.

    Each link has a key it can be found by: one IRI per class for the names of one slug,
    the slug of a place glued before a full name, the slugs of an acronym's forms; the
    people of a last word, and the full names glued after a place, by the end or start of
    their IRI's slug among the store's people (one scan of the ``dip:Person`` index). The
    labels of those IRIs are read, the closure is taken over what was read, and again
    until it reaches nothing new: every name one link from the closure was then read, so
    the closure is the one over the whole store's names.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.read: set[str] = set()  # the IRIs whose labels were read
        self.names: set[tuple[str, str]] = set()
        # a link from a name with no ASCII letter in some part has no slug to be found by:
        # then every name of the store is read, once
        self.everything = False
        self._whole = False
        self._people: set[str] | None = None
        self._by_first: dict[str, list[str]] = defaultdict(list)
        self._by_last: dict[str, list[str]] = defaultdict(list)
        self._long: list[str] = []
        self._asked: dict[str, set[str]] = {}

    def closure(self, seeds: Iterable[str]) -> set[str]:
        """The names closed under the pass's links that hold ``seeds``."""
        seeds = set(seeds)
        self.everything |= len(seeds) > SEEDS_FOR_A_SCAN
        while True:
            if self.everything and not self._whole:
                self._whole = True
                self.names |= set(names(self.store))
            found = affected(seeds, NameIndex(self.names))
            if self._whole:
                return found
            wanted = set().union(*(self._candidates(label) for label in found)) - self.read
            if not wanted and not self.everything:
                return found
            self._read(wanted)

    def with_acronym(self, acronym: str) -> set[str]:
        """The names that are ``acronym``, in any of its forms."""
        self._read(set(self._of_slugs(iri.slug(form) for form in acronym_forms(acronym)))
                   - self.read)
        return {label for label, _ in self.names if acronym_key(label) == acronym}

    def _read(self, wanted: set[str]) -> None:
        self.read |= wanted
        rows = bound(self.store, "SELECT DISTINCT ?e ?label WHERE { #NODES# GRAPH ?g "
                     "{ ?e rdfs:label ?label } }", (ox.NamedNode(node) for node in wanted))
        for row in rows:
            kind = kind_of(str(row["e"].value))
            if kind is not None:
                self.names.add((str(row["label"].value), kind))

    def people(self) -> set[str]:
        """The slug of every person's IRI in the store (indexed by first and last word)."""
        if self._people is None:
            self._people = {str(row["e"].value)[len(_PERSON):]
                            for row in self.store.query(_PEOPLE)
                            if str(row["e"].value).startswith(_PERSON)}
            for slug in self._people:
                self._by_first[slug.split("-")[0]].append(slug)
                self._by_last[slug.rsplit("-", 1)[-1]].append(slug)
                if len(slug) >= _SEGMENT_LIMIT:
                    self._long.append(slug)
        return self._people

    @staticmethod
    def _of_slugs(slugs: Iterable[str]) -> Iterator[str]:
        for slug in slugs:
            if slug:
                yield from (f"{ENTITY}{kind.lower()}/{slug}" for kind in MOVABLE)

    def _candidates(self, label: str) -> set[str]:
        """The IRIs whose labels may be one link from ``label`` (a superset)."""
        if label in self._asked:
            return self._asked[label]
        people = self.people()
        found = {iri.entity(label, kind) for kind in MOVABLE}
        words = name_words(label)
        start = iri.slug(fold(label))  # the full names it may be glued before
        found |= set(self._of_slugs(s for s in [*self._by_first[start.split("-")[0]],
                                                *self._long] if s.startswith(start + "-")))
        if words and iri.entity(label, "Person")[len(_PERSON):] in people:
            last = iri.slug(words[-1])  # the people of its last word
            found |= set(self._of_slugs(
                s for s in [*self._by_last[last.rsplit("-", 1)[-1]], *self._long]
                if s == last or s.endswith("-" + last) or len(s) >= _SEGMENT_LIMIT))
            glued = [iri.slug(" ".join(words[:cut])) for cut in range(1, len(words) - 1)]
            found |= set(self._of_slugs(glued))  # the places that may be glued before it
            self.everything |= not last or not all(glued)
        self.everything |= not start
        acronym = acronym_key(label)
        if acronym:
            found |= set(self._of_slugs(iri.slug(form) for form in acronym_forms(acronym)))
        self._asked[label] = found
        return found


# What the pass reads of the names it settles, one index pattern per query where it can:
# the labels, classes and mentions of each IRI summed by Oxigraph (18,841 nodes of one name
# in 10 ms on a 10M-quad store) rather than joined node by node (a second for 70,000).
_IRI_LABELS = ("SELECT ?e ?label (COUNT(*) AS ?n) WHERE { #NODES# GRAPH ?g { ?e rdfs:label "
               "?label } } GROUP BY ?e ?label")
_IRI_CLASSES = ("SELECT ?e ?class (COUNT(*) AS ?n) WHERE { #NODES# GRAPH ?g { ?e a ?class } } "
                "GROUP BY ?e ?class")
_IRI_MENTIONS = ("SELECT ?e (SUM(?count) AS ?sum) (MAX(?count) AS ?most) (COUNT(*) AS ?n) "
                 "WHERE { #NODES# GRAPH ?g { ?e dip:mentionCount ?count } } GROUP BY ?e")
NODES_CALLED = """
SELECT ?g ?e ?label ?class (SUM(?count) AS ?mentions) WHERE { #NODES#
  GRAPH ?g { ?e rdfs:label ?label ; a ?class ; dip:mentionCount ?count }
}
GROUP BY ?g ?e ?label ?class
"""
"""Each node of some IRIs (``#NODES#``): its graph, label, class and mentions."""
# What the articles say of a person, node by node (``#NODES#``; the whole pass: all nodes):
# the offices held, the countries of their posts, the surface forms (titled ones).
HELD = """
SELECT DISTINCT ?g ?e ?role WHERE { #NODES#
  GRAPH ?g { ?st dip:subject ?e ; a dip:PositionHolding ; dip:role ?role . ?e a dip:Person }
}
"""
POSTS = """
SELECT DISTINCT ?g ?e ?country WHERE { #NODES#
  GRAPH ?g { ?st dip:subject ?e ; a dip:PositionHolding ; dip:object ?c .
             ?c a dip:Country ; rdfs:label ?country }
}
"""
TITLED = """
SELECT DISTINCT ?g ?e ?label ?alias WHERE {
  { SELECT ?g ?e ?alias WHERE { #NODES# GRAPH ?g { ?e skos:altLabel ?alias } } }
  GRAPH ?g { ?e a dip:Person ; rdfs:label ?label }
}
"""
_ROLE_FORMS = "SELECT DISTINCT ?role WHERE { GRAPH ?g { ?st dip:role ?role } }"
_STATEMENTS = "SELECT ?e (COUNT(*) AS ?n) { #NODES# GRAPH ?g { ?st dip:subject ?e } } GROUP BY ?e"

Roles = dict[tuple[str, str], set[str]]
"""(graph, node IRI) → the offices held, the posts' countries (``country:`` + folded name),
the titles of the surface forms, folded; graph ``""``: the nodes of one IRI together."""


def row_node(row: ox.QuerySolution) -> Node | None:
    """The node of a row of :data:`NODES_CALLED` (or the whole pass's), None if it can't move."""
    kind = str(row["class"].value).rsplit("#", 1)[-1]
    if kind not in MOVABLE:
        return None
    return Node(str(row["g"].value), str(row["e"].value), str(row["label"].value), kind,
                int(row["mentions"].value))


def nodes_of(store: Store, nodes: Iterable[str]) -> list[Node]:
    """Every node of these IRIs, one per graph."""
    rows = bound(store, NODES_CALLED, (ox.NamedNode(n) for n in nodes))
    return [n for n in map(row_node, rows) if n is not None]


def nodes_in(store: Store, places: Iterable[tuple[str, str]]) -> list[Node]:
    """The nodes of some IRIs in some graphs: ``(graph, node IRI)`` pairs."""
    pairs = sorted(set(places))
    found: list[Node] = []
    for start in range(0, len(pairs), NODES_PER_QUERY):
        block = " ".join(f"({ox.NamedNode(g)} {ox.NamedNode(e)})"
                         for g, e in pairs[start:start + NODES_PER_QUERY])
        rows = store.query(NODES_CALLED.replace("#NODES#", f"VALUES (?g ?e) {{ {block} }}"))
        found += [n for n in map(row_node, rows) if n is not None]
    return found


def read_names(store: Store, labels: Iterable[str]) -> tuple[list[Node], Roles]:
    """The nodes of some names as the pass decides them, and the roles that can decide a
    surname.

    An IRI whose every node has its one label and class is read as one :class:`Node` of
    summed mentions: the pass decides each of them alike, save a surname, which joins a
    full name by what its own article says: so a one-word name's nodes with a role, and any
    IRI whose nodes differ, are read node by node. Roles are read only where they can
    decide: for one-word names with full names of that last word here, and for those full
    names only the offices some such one-word name holds.
    """
    called = {ox.NamedNode(iri.entity(label, kind)) for label in labels for kind in MOVABLE}
    by_label: dict[str, dict[str, int]] = defaultdict(dict)
    for r in bound(store, _IRI_LABELS, called):
        by_label[str(r["e"].value)][str(r["label"].value)] = int(r["n"].value)
    by_class: dict[str, dict[str, int]] = defaultdict(dict)
    for r in bound(store, _IRI_CLASSES, called):
        kind = str(r["class"].value).rsplit("#", 1)[-1]
        if kind in MOVABLE:
            by_class[str(r["e"].value)][kind] = int(r["n"].value)
    summed: dict[str, Node] = {}
    for r in bound(store, _IRI_MENTIONS, called):
        e, n = str(r["e"].value), int(r["n"].value)
        if len(by_label[e]) == len(by_class[e]) == 1 \
                and set(by_label[e].values()) == set(by_class[e].values()) == {n}:
            summed[e] = Node("", e, next(iter(by_label[e])), next(iter(by_class[e])),
                             int(r["sum"].value), int(r["most"].value))
    words = {e: [name_words(label) for label in found] for e, found in by_label.items()}
    surnames = {w[0] for found in words.values() for w in found if len(w) == 1}
    full = {e for e, found in words.items() if any(len(w) > 1 and w[-1] in surnames
                                                   for w in found)}
    lasts = {w[-1] for e in full for w in words[e] if len(w) > 1}
    one_word = {e for e, found in words.items() if any(w == (w[0],) and w[0] in lasts
                                                       for w in found if w)}
    held, countries = _roles(store, one_word)
    for _, e in held:
        summed.pop(e, None)  # a surname with a role in its article: decided node by node
    offices = set().union(*held.values()) if held else set()
    roles: Roles = defaultdict(set, held)
    if offices:  # the offices of full names decide only where they meet a surname's
        asked = full & set(summed) if len(full) * len(offices) <= MAX_QUESTIONS else set()
        for (g, e), found in _roles(store, full - asked)[0].items():
            roles[("", e) if e in summed else (g, e)] |= found
        for e, found in _holds(store, asked, offices, countries).items():
            roles[("", e)] |= found
    return list(summed.values()) + nodes_of(store, set(by_label) - set(summed)), roles


def _roles(store: Store, nodes: set[str]) -> tuple[Roles, set[str]]:
    """The roles of the nodes of some IRIs, graph by graph, and the labels of their
    posts' countries as written."""
    found: Roles = defaultdict(set)
    countries: set[str] = set()
    terms = [ox.NamedNode(n) for n in nodes]
    for r in bound(store, HELD, terms):
        found[(str(r["g"].value), str(r["e"].value))].add(fold(str(r["role"].value)))
    for r in bound(store, POSTS, terms):
        country = str(r["country"].value)
        countries.add(country)
        found[(str(r["g"].value), str(r["e"].value))].add("country:" + fold(country))
    for r in bound(store, TITLED, terms):
        office = title_of(str(r["alias"].value), str(r["label"].value))
        if office:
            found[(str(r["g"].value), str(r["e"].value))].add(office)
    return found, countries


def _holds(store: Store, nodes: set[str], offices: set[str], countries: set[str]
           ) -> dict[str, set[str]]:
    """Which of ``offices`` the nodes of each IRI hold anywhere (the offices that are a
    post's country: of ``countries``, written as the store writes them), and the titles
    of their surface forms.

    One question an office and IRI, asked from its rarer side (the IRI's statements, or
    the statements of that role or country): the first node that holds it answers."""
    found: dict[str, set[str]] = defaultdict(set)
    if not nodes:
        return found
    said = {str(r["e"].value): int(r["n"].value)
            for r in bound(store, _STATEMENTS, (ox.NamedNode(n) for n in nodes))}
    # (the value, its pattern, the office it is, the rest of HELD's or POSTS' pattern)
    asked = [(ox.Literal(form), "?st dip:role", fold(form),
              "?st a dip:PositionHolding . ?e a dip:Person")
             for form in sorted({str(r["role"].value) for r in store.query(_ROLE_FORMS)})
             if fold(form) in offices]
    asked += [(ox.Literal(country), "?c rdfs:label", "country:" + fold(country),
               "?st a dip:PositionHolding ; dip:object ?c . ?c a dip:Country")
              for country in sorted(countries) if "country:" + fold(country) in offices]
    for value, pattern, office, rest in asked:
        [row] = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} {value} }} }}")
        often = int(row["n"].value)
        for e in sorted(nodes):
            node, valued = ox.NamedNode(e), f"{pattern} {value}"
            first, then = ((f"?st dip:subject {node}", valued) if said.get(e, 0) <= often
                           else (valued, f"?st dip:subject {node}"))
            ask = (f"ASK {{ GRAPH ?g {{ {first} }} FILTER EXISTS {{ GRAPH ?g "
                   f"{{ {then} . {rest.replace('?e', str(node))} }} }} }}")
            if bool(store.query(ask)):
                found[e].add(office)
    for r in bound(store, TITLED, (ox.NamedNode(n) for n in nodes)):
        office = title_of(str(r["alias"].value), str(r["label"].value))
        if office:
            found[str(r["e"].value)].add(office)
    return found


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
