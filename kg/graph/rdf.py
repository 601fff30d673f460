"""Readings become RDF: one named graph per article.

Everything written for an article goes into that article's graph, entity nodes
included, so that replacing or deleting an article takes back exactly what it said;
queries see the union of all graphs. Each statement is a node typed by its relation
(``dip:Consult``, ``dip:PositionHolding``…), linked to its sentence with
``prov:wasDerivedFrom``, and, where the ontology gives one, doubled by a direct
property between subject and object (``?a dip:consults ?b``) — for facts only: an event
that did not happen or may yet happen carries its ``dip:factuality`` and no direct
property. Events carry their time, place, mode and context where the text gives them; a
position held is also an ``org:Post`` node that the person ``org:holds``. The graph also
carries the article's event counts for the aggregate queries and its entities' folded names
for look-ups by name (:mod:`kg.graph.summaries`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta

from kg.eventdata.identifiers import wikidata_iris
from kg.graph import iri
from kg.graph.entity_summaries import profile_triples
from kg.graph.namespaces import (
    CONTEXT,
    DIP,
    FACT,
    MODE,
    ORG,
    OWL,
    POST,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SECTOR,
    SKOS,
    XSD,
)
from kg.graph.ontology import relation_term
from kg.graph.summaries import name_triples, node_sector, row_triples, summary_triples
from kg.lexicons import lookup_country
from kg.records import Argument, Document, Entity, Reading, Statement

GRAPH_LAYOUT = "4"
"""The version of what :func:`reading_quads` writes, part of every article's fingerprint
(:class:`kg.pipeline.Builder`): a build after the layout changed rewrites the articles an
older kg wrote. 2: the event counts and the folded-name index (:mod:`kg.graph.summaries`).
3: the rows of the lists (:func:`kg.graph.summaries.row_triples`). 4: the entities' links
and days (:mod:`kg.graph.entity_summaries`)."""


@dataclass(frozen=True, slots=True)
class Run:
    """The extraction run that produced a reading (a PROV-O activity)."""

    software: str
    model: str
    started: str  # xsd:dateTime

    @property
    def iri(self) -> str:
        return iri.run(self.software, self.model, self.started)


def _n(term: str) -> NamedNode:
    return NamedNode(str(term))


class _Nodes:
    """The Oxigraph IRIs of one namespace, each made once and kept.

    An rdflib ``Namespace`` builds and validates a new ``URIRef`` on every attribute
    access; writing an article asks for the same few dozen terms thousands of times.

    A closed namespace (rdflib's ``DefinedNamespace``, as :class:`DIP`) stays closed: a name
    it does not define is a ``KeyError`` (``AttributeError`` as an attribute).

    >>> _Nodes(DIP).Article.value.endswith("#Article")
    True
    >>> _Nodes(DIP)["Articel"]
    Traceback (most recent call last):
    ...
    KeyError: "'Articel' is not a term of https://w3id.org/kg-diplomacy/ontology#"
    """

    def __init__(self, namespace: str | type[DefinedNamespace]) -> None:
        self._base = str(namespace)
        self._terms = (frozenset(namespace.__annotations__)
                       if isinstance(namespace, DefinedNamespaceMeta) else None)
        self._made: dict[str, NamedNode] = {}

    def __getitem__(self, name: str) -> NamedNode:
        node = self._made.get(name)
        if node is None:
            if self._terms is not None and name not in self._terms:
                raise KeyError(f"{name!r} is not a term of {self._base}")
            node = self._made[name] = NamedNode(self._base + name)
        return node

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(error.args[0]) from None


_dip = _Nodes(DIP)
_prov = _Nodes(PROV)
_schema = _Nodes(SCHEMA)
_rdfs = _Nodes(RDFS)
_skos = _Nodes(SKOS)
_org = _Nodes(ORG)
_fact = _Nodes(FACT)
_mode = _Nodes(MODE)
_context = _Nodes(CONTEXT)
_sector = _Nodes(SECTOR)
_xsd = _Nodes(XSD)
_rdf = _Nodes(RDF)

_TYPE = _rdf.type
_SAME_AS = _Nodes(OWL).sameAs  # a country's Wikidata item


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=_xsd.integer)


def reading_quads(reading: Reading, run: Run) -> Iterator[Quad]:
    """All quads of one article's named graph.

    >>> from kg.records import Block, Document, Reading
    >>> doc = Document(id="d", text="Hi.", blocks=(Block(0, 3),), date="2025-10-16")
    >>> run = Run("kg 0.1.0", "en_core_web_sm 3.8.0", "2025-10-16T00:00:00Z")
    >>> any(q.predicate.value.endswith("datePublished") for q in reading_quads(
    ...     Reading(doc, (), ()), run))
    True
    """
    document = reading.document
    graph = _n(iri.article_graph(document.id))
    triples = [
        *_article_triples(document, reading.fingerprint, run),
        *_run_triples(run),
    ]
    nodes = {}
    for entity in merge_same_iri([*reading.entities, *_unlisted(reading)]):
        triples.extend(_entity_triples(entity))
        nodes[iri.entity(entity.name, entity.type)] = (entity.name, entity.type)
    counted = []
    for statement in reading.statements:
        triples.extend(_statement_triples(statement))
        obj = statement.object
        counted.append((statement_iri(statement), _entity_node(statement.subject).value,
                        _entity_node(obj).value if obj is not None and obj.is_entity else None,
                        statement))
    triples.extend(summary_triples(document, counted, nodes))
    triples.extend(row_triples(counted, nodes))
    triples.extend(profile_triples(document, counted))
    seen = set()
    for s, p, o in triples:
        quad = Quad(s, p, o, graph)
        if quad not in seen:
            seen.add(quad)
            yield quad


def _article_triples(document: Document, fingerprint: str, run: Run) -> list[tuple]:
    node = _n(iri.article(document.id))
    triples = [
        (node, _TYPE, _dip.Article),
        (node, _dip.documentId, Literal(document.id)),
        (node, _dip.fingerprint, Literal(fingerprint)),
        (node, _prov.wasGeneratedBy, _n(run.iri)),
    ]
    if document.title:
        triples.append((node, _schema.headline, Literal(document.title)))
    if document.date:
        date = Literal(document.date, datatype=_xsd.date)
        triples.append((node, _schema.datePublished, date))
    if document.url:
        # A literal, not an IRI: a URL from an article is untrusted and may not be a valid IRI.
        triples.append((node, _schema.url, Literal(document.url, datatype=_xsd.anyURI)))
    if document.source:
        triples.append((node, _schema.publisher, Literal(document.source)))
    if document.origin:
        triples.append((node, _dip.source, Literal(document.origin)))
    if document.language:
        triples.append((node, _schema.inLanguage, Literal(document.language)))
    return triples


def _run_triples(run: Run) -> list[tuple]:
    node = _n(run.iri)
    return [
        (node, _TYPE, _dip.ExtractionRun),
        (node, _dip.softwareVersion, Literal(run.software)),
        (node, _dip.model, Literal(run.model)),
        (node, _prov.startedAtTime, Literal(run.started, datatype=_xsd.dateTime)),
    ]


def _unlisted(reading: Reading) -> Iterator[Entity]:
    """Entities that statements name but the resolver did not list (an unnamed group
    known by its description, a country named by a demonym in a description: "Romanian
    officials"), so that every subject and object has a typed node."""
    listed = {iri.entity(e.name, e.type) for e in reading.entities}
    for statement in reading.statements:
        for argument in (statement.subject, statement.object, statement.place):
            if argument is not None and argument.is_entity:  # includes an event's place
                key = iri.entity(argument.name, argument.type)
                if key not in listed:
                    listed.add(key)
                    country = lookup_country(argument.name) if argument.type == "Country" \
                        else None  # a country named by a demonym the resolver did not list
                    yield Entity(argument.name, argument.type, (argument.text,), 1,
                                 country.code if country else None)


def merge_same_iri(entities: Iterable[Entity]) -> list[Entity]:
    """Entities whose names fold to one IRI ("COVID", "Covid") become one node.

    The most mentioned name stays the label; the others become aliases.

    >>> [e.aliases for e in merge_same_iri([Entity("COVID", "Person", ("COVID",), 3),
    ...                                     Entity("Covid", "Person", ("Covid",), 1)])]
    [('COVID', 'Covid')]
    """
    merged: dict[str, Entity] = {}
    for entity in sorted(entities, key=lambda e: (-e.mentions, e.name)):
        key = iri.entity(entity.name, entity.type)
        first = merged.get(key)
        if first is None:
            merged[key] = entity
            continue
        aliases = tuple(sorted({*first.aliases, *entity.aliases, entity.name}))
        merged[key] = replace(first, aliases=aliases, mentions=first.mentions + entity.mentions,
                              code=first.code or entity.code)
    return list(merged.values())


def _entity_triples(entity: Entity) -> list[tuple]:
    node = _n(iri.entity(entity.name, entity.type))
    triples = [
        (node, _TYPE, _dip[entity.type]),
        (node, _rdfs.label, Literal(entity.name)),
        (node, _dip.mentionCount, _int(entity.mentions)),
    ]
    triples.extend((node, _skos.altLabel, Literal(alias))
                   for alias in entity.aliases if alias != entity.name)
    triples.extend(name_triples(node, (entity.name, *entity.aliases)))
    if entity.code:
        triples.append((node, _dip.countryCode, Literal(entity.code)))
        triples.extend((node, _SAME_AS, NamedNode(item)) for item in wikidata_iris(entity.code))
    sector = node_sector(entity.name, entity.type)
    if sector:  # "Israeli soldiers", "riot police": an actor known by its role
        triples.append((node, _dip.sector, _sector[sector]))
    return triples


def _entity_node(argument: Argument) -> NamedNode:
    return _n(iri.entity(argument.name, argument.type or "Other"))


def statement_iri(statement: Statement) -> str:
    """The IRI of a statement's node: one per statement of one article, whichever
    extractor said it."""
    ev = statement.evidence
    return iri.statement(
        ev.doc, statement.relation, statement.subject.name, statement.subject.start,
        statement.object.name if statement.object else None,
        statement.object.start if statement.object else None,
        statement.role, statement.quote, statement.label, ev.start,
        *([statement.factuality] if not statement.is_fact else []),
    )


def _statement_triples(statement: Statement) -> list[tuple]:
    term = relation_term(statement.relation)
    ev = statement.evidence
    sentence = _n(iri.sentence(ev.doc, ev.start, ev.end))
    node = _n(statement_iri(statement))
    subject = _entity_node(statement.subject)
    triples = [
        (sentence, _TYPE, _dip.Sentence),
        (sentence, _dip.text, Literal(ev.sentence)),
        (sentence, _dip.start, _int(ev.start)),
        (sentence, _dip.end, _int(ev.end)),
        (sentence, _dip.inArticle, _n(iri.article(ev.doc))),
        (node, _TYPE, _dip.Statement),
        (node, _TYPE, _n(term.statement_class)),
        *([(node, _TYPE, _dip.Event)] if term.is_event else []),
        (node, _dip.relation, _n(term.concept)),
        (node, _dip.subject, subject),
        (node, _dip.confidence, Literal(f"{ev.confidence:.3f}", datatype=_xsd.double)),
        (node, _dip.extractor, Literal(ev.extractor)),
        (node, _prov.wasDerivedFrom, sentence),
    ]
    obj = statement.object
    if obj is not None and obj.is_entity:
        target = _entity_node(obj)
        triples.append((node, _dip.object, target))
        if term.direct_property and statement.is_fact:
            triples.append((subject, _n(term.direct_property), target))
    elif obj is not None:
        triples.append((node, _dip.objectText, Literal(obj.text)))
    for prop, value in ((_dip.role, statement.role), (_dip.quote, statement.quote),
                        (_dip.label, statement.label)):
        if value:
            triples.append((node, prop, Literal(value)))
    if term.is_event:
        triples.extend(_event_triples(node, statement))
    if statement.relation == "HOLDS_POSITION" and statement.role and obj is not None \
            and obj.is_entity:
        triples.extend(_post_triples(node, subject, statement.role, obj))
    return triples


def _event_triples(node: NamedNode, statement: Statement) -> list[tuple]:
    """An event's factuality, and its time, place, mode and context where known."""
    triples = [(node, _dip.factuality, _fact[statement.factuality.value])]
    when = statement.when
    if when is not None:
        triples += [
            (node, _dip.time, Literal(when.iso)),
            (node, _dip.timeText, Literal(when.text)),
            (node, _dip.latestDate, Literal(when.end, datatype=_xsd.date)),
        ]
        if when.start:
            triples.append((node, _dip.earliestDate, Literal(when.start, datatype=_xsd.date)))
        if when.grain == "day":
            triples.append((node, _dip.date, Literal(when.start, datatype=_xsd.date)))
    if statement.place is not None and statement.place.is_entity:
        triples.append((node, _dip.place, _entity_node(statement.place)))
    if statement.mode:
        triples.append((node, _dip.mode, _mode[iri.slug(statement.mode)]))
    if statement.context:
        triples.append((node, _dip.context, _context[iri.slug(statement.context)]))
    return triples


def post_iri(title: str, holder_of: Argument) -> str:
    """The IRI of a post: its title in a country or organisation, the same in every article.

    >>> post_iri("Prime Minister", Argument("Hungary", 0, 7, "Hungary", "Country"))
    'https://w3id.org/kg-diplomacy/post/prime-minister/country/hungary'
    """
    owner = iri.entity(holder_of.name, holder_of.type or "Other").rsplit("/entity/", 1)[-1]
    return f"{POST}{iri.slug(title) or iri.digest(title)}/{owner}"


def _post_triples(node: NamedNode, person: NamedNode, title: str, owner: Argument) -> list[tuple]:
    """A position held is also an ``org:Post`` ("Prime Minister of Hungary") that the
    person ``org:holds``, ``org:postIn`` the country or organisation."""
    post = _n(post_iri(title, owner))
    return [
        (post, _TYPE, _org.Post),
        (post, _TYPE, _dip.Position),
        (post, _rdfs.label, Literal(f"{title} of {owner.name}")),
        (post, _dip.title, Literal(title)),
        (post, _org.postIn, _entity_node(owner)),
        (person, _org.holds, post),
        (node, _dip.post, post),
    ]
