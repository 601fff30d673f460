"""What the search box finds: entities by name and alias (with type, country and mentions),
articles by title, relations by code, from an index of the store held in memory.

The index is read with a few queries (about a second for 10,000 entities) and read again
when the store changes; a keystroke then costs a scan of the names in Python, a few
milliseconds, instead of a query. Names are compared folded (no accents, no case, words
only), so ``orban`` finds Viktor Orbán and ``us`` the U.S. when the graph knows that alias.

>>> fold("Viktor Orbán's")
'viktor orban s'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.eventdata.events import person_countries
from kg.explorer import paths
from kg.explorer.rq import rows
from kg.graph.namespaces import SKOS
from kg.graph.ontology import ontology, relations
from kg.graph.store import Store
from kg.queries.entity import entity_table

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """``text`` as search compares it: ASCII, lower case, words separated by one space."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub(" ", ascii_text.lower()).strip()


def _rank(query: str, names: Iterable[str]) -> int | None:
    """How well folded ``names`` match a folded query: 0 one of them is the query, 1 one
    starts with it, 2 a word of one starts with it, 3 one holds it; ``None``: no match.

    >>> _rank("orban", ["viktor orban"]), _rank("vik", ["viktor orban"]), _rank("x", ["a"])
    (2, 1, None)
    """
    best = None
    for name in names:
        if name == query:
            return 0
        if name.startswith(query):
            rank = 1
        elif f" {query}" in f" {name}":
            rank = 2
        elif query in name:
            rank = 3
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


@dataclass(frozen=True)
class EntityEntry:
    """An entity as search lists it."""

    iri: str
    name: str
    type: str
    mentions: int
    articles: int
    aliases: tuple[str, ...]
    country: str | None  # ISO alpha-3: a country's own, a person's by the posts held
    keys: tuple[str, ...] = field(repr=False, compare=False)

    def card(self, index: Index) -> dict[str, object]:
        """What a page shows of it: name, link, type, country (name and link), counts."""
        country = index.countries.get(self.country or "")
        return {"name": self.name, "href": paths.entity_href(self.iri), "type": self.type,
                "mentions": self.mentions, "articles": self.articles,
                "aliases": list(self.aliases),
                "country": ({"name": country.name, "href": paths.entity_href(country.iri)}
                            if country and country.iri != self.iri else None)}


@dataclass(frozen=True)
class ArticleEntry:
    """An article as search lists it."""

    iri: str
    doc: str
    title: str
    date: str | None
    publisher: str | None
    keys: tuple[str, ...] = field(repr=False, compare=False)

    def card(self) -> dict[str, object]:
        """What a page shows of it: title, link, date, publisher."""
        return {"title": self.title, "href": paths.article_href(self.iri), "date": self.date,
                "publisher": self.publisher, "doc": self.doc}


@dataclass(frozen=True)
class RelationEntry:
    """A relation (a PLOVER event type or one of kg's own) as search lists it."""

    code: str
    family: str | None
    definition: str
    statements: int
    keys: tuple[str, ...] = field(repr=False, compare=False)

    def card(self) -> dict[str, object]:
        """What a page shows of it: code, family, definition, count, the list's link."""
        return {"code": self.code, "family": self.family, "definition": self.definition,
                "statements": self.statements, "href": paths.list_href(relation=self.code)}


class Index:
    """Every entity, article and relation of a store, for search and for names on pages.

    >>> import tempfile
    >>> index = Index.load(Store(tempfile.mkdtemp()))
    >>> index.suggest("trump")
    {'entities': [], 'articles': [], 'relations': []}
    """

    def __init__(self, entities: list[EntityEntry], articles: list[ArticleEntry],
                 relation_entries: list[RelationEntry]) -> None:
        self.entities = entities
        self.articles = articles
        self.relations = relation_entries
        self.by_iri = {entry.iri: entry for entry in entities}
        self.dates = {paths.article_graph(entry.iri): entry.date for entry in articles}
        self.countries = {entry.country: entry for entry in entities
                          if entry.type == "Country" and entry.country}

    @classmethod
    def load(cls, store: Store) -> Index:
        """Read the index from a store (a handful of queries)."""
        codes = {str(row["entity"]): str(row["code"]) for row in rows(store, "country-codes")}
        codes.update(person_countries(store))
        entities = [
            EntityEntry(row.iri, row.name, row.type, row.mentions, row.articles,
                        tuple(row.aliases), codes.get(row.iri),
                        tuple(dict.fromkeys(fold(n) for n in (row.name, *row.aliases))))
            for row in entity_table(store)]
        articles = [
            ArticleEntry(str(row["article"]), str(row["doc"]), str(row["title"] or row["doc"]),
                         row["date"], row["publisher"],
                         tuple(fold(str(text)) for text in (row["title"], row["doc"]) if text))
            for row in rows(store, "articles")]
        articles.sort(key=lambda a: (a.date or "", a.doc), reverse=True)
        return cls(entities, articles, _relations(store))

    def entity(self, iri: str) -> EntityEntry | None:
        """The entry of an entity IRI, ``None`` when the store has no such entity."""
        return self.by_iri.get(iri)

    def suggest(self, text: str, *, limit: int = 8) -> dict[str, list[dict[str, object]]]:
        """The best matches of each kind for what was typed so far (``limit`` entities,
        fewer articles and relations)."""
        found, _ = self.search(text, limits={"entities": limit, "articles": max(limit // 2, 1),
                                             "relations": max(limit // 3, 1)})
        return found

    def search(self, text: str, *, limits: dict[str, int],
               page: int = 1) -> tuple[dict[str, list[dict[str, object]]], bool]:
        """A page of the matches of each kind in ``limits`` (that many a page), best first,
        and whether any kind has more: an exact name, then a name that starts with the
        text, a word that does, a name that holds it (for three letters or more); among
        equals the most mentioned entity, the newest article."""
        query = fold(text)
        found: dict[str, list[dict[str, object]]] = {kind: [] for kind in limits}
        more = False
        if not query:
            return found, more
        for kind, entries in (("entities", self.entities), ("articles", self.articles),
                              ("relations", self.relations)):
            if kind not in limits:
                continue
            ranked = [(rank, order, entry) for order, entry in enumerate(entries)
                      if (rank := _rank(query, entry.keys)) is not None
                      and (rank < 3 or len(query) >= 3)]
            ranked.sort(key=lambda item: item[:2])
            start = (page - 1) * limits[kind]
            chosen = ranked[start:start + limits[kind]]
            more = more or len(ranked) > start + limits[kind]
            found[kind] = [entry.card(self) if kind == "entities" else entry.card()
                           for _, _, entry in chosen]
        return found, more


def _relations(store: Store) -> list[RelationEntry]:
    """Every relation the ontology defines, with how many statements the store has of it
    (most first)."""
    counts = {str(row["rel"]): int(row["statements"]) for row in rows(store, "relations")}
    graph = ontology()
    entries = []
    for term in relations().values():
        definition = graph.value(URIRef(term.concept), SKOS.definition)
        entries.append(RelationEntry(term.code, term.family, str(definition or ""),
                                     counts.get(term.concept, 0),
                                     (fold(term.code), fold(term.code.replace("_", " ")))))
    entries.sort(key=lambda entry: (-entry.statements, entry.code))
    return entries
