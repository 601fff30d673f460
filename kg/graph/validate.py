"""Validation of the graph against the SHACL shapes in ``ontology/shapes.ttl``.

Each article's named graph is validated on its own, so every violation names the
article it was found in. The article graphs are pulled from the store one at a time
and checked with pySHACL; the ``rdfs:subClassOf`` hierarchy of the ontology is added to
each (so ``sh:class dip:Actor`` accepts a ``dip:Person``) and no other inference is run:
RDFS inference would make every ``dip:subject`` an actor through the property's
``rdfs:range`` and hide exactly the untyped nodes the shapes are there to catch.

>>> report = validate_graph(rdflib.Graph())
>>> report.conforms, [v.message for v in report.violations]
(False, ['An article graph must hold exactly one dip:Article, not 0.'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
import rdflib.collection
from pyshacl import validate as _pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.graph import iri
from kg.graph.namespaces import DIP, PREFIXES, RDF, RDFS, XSD
from kg.graph.ontology import ontology, ontology_file
from kg.graph.store import Store

_ARTICLE_GRAPH_PREFIX = iri.article_graph("x").removesuffix("x")
_XSD_STRING = str(XSD.string)


def shapes_path() -> Path:
    """The path of ``shapes.ttl``.

    >>> shapes_path().name
    'shapes.ttl'
    """
    return ontology_file("shapes.ttl")


@cache
def load_shapes() -> Graph:
    """The shapes shipped with kg, parsed once per process.

    >>> len(load_shapes()) > 100
    True
    """
    return Graph().parse(shapes_path(), format="turtle")


@cache
def class_hierarchy() -> Graph:
    """The ``rdfs:subClassOf`` triples of the ontology: what validation knows of it.

    >>> from kg.graph.namespaces import DIP, RDFS
    >>> (DIP.Person, RDFS.subClassOf, DIP.Actor) in class_hierarchy()
    True
    """
    graph = Graph()
    for triple in ontology().triples((None, RDFS.subClassOf, None)):
        graph.add(triple)
    return graph


@dataclass(frozen=True, slots=True)
class Violation:
    """One validation result: where, what, and how bad.

    ``article`` is the document id of the article whose graph holds the focus node (the
    graph's IRI when the graph has no readable id); ``path`` is the property (``None``
    for a rule about the node as a whole); ``value`` the offending value, if any.

    >>> Violation("a1", "kgr:statement/1", "dip:confidence", "out of range").line()
    'Violation: kgr:statement/1 dip:confidence: out of range'
    """

    article: str
    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None

    def line(self) -> str:
        """The violation as one line of text (without the article)."""
        where = " ".join(part for part in (self.focus, self.path) if part)
        text = f"{self.severity}: {where}: {self.message}"
        if self.value is not None:
            text += f" (value: {self.value})"
        return text


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating some article graphs.

    ``conforms`` is true when no result has the severity ``Violation`` (warnings and
    infos are reported but do not fail the graph).

    >>> report = ValidationReport(articles=2, violations=[])
    >>> report.conforms, report.text()
    (True, 'conforms: 2 articles, 0 violations')
    """

    articles: int
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """Whether the graphs conform to the shapes."""
        return not any(v.severity == "Violation" for v in self.violations)

    def by_article(self) -> dict[str, list[Violation]]:
        """The violations grouped by article id, in report order."""
        groups: dict[str, list[Violation]] = {}
        for violation in self.violations:
            groups.setdefault(violation.article, []).append(violation)
        return groups

    def text(self) -> str:
        """A readable report: a summary line, then one line per violation by article.

        >>> print(ValidationReport(1, [Violation("a1", "kgr:article/a1", "dip:documentId",
        ...     "An article must have exactly one dip:documentId.")]).text())
        does not conform: 1 articles, 1 violations in 1 articles
        article a1 (1)
          Violation: kgr:article/a1 dip:documentId: An article must have exactly one ...
        """
        groups = self.by_article()
        count = sum(v.severity == "Violation" for v in self.violations)
        if self.conforms:
            lines = [f"conforms: {self.articles} articles, {count} violations"]
            others = len(self.violations)
            if others:
                lines[0] += f", {others} warnings"
        else:
            lines = [f"does not conform: {self.articles} articles, {count} violations "
                     f"in {len(groups)} articles"]
        for article, violations in groups.items():
            lines.append(f"article {article} ({len(violations)})")
            lines.extend(f"  {v.line()}" for v in violations)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


# -- validating one graph --------------------------------------------------------------------


def validate_graph(graph: Graph, *, shapes: Graph | str | Path | None = None,
                   article: str | None = None, graph_iri: str | None = None,
                   inplace: bool = False) -> ValidationReport:
    """Validate one article's graph (an rdflib graph of its triples) against the shapes.

    Besides the shapes, the graph must hold exactly one ``dip:Article``, at the IRI
    minted from its ``dip:documentId`` (and, given ``graph_iri``, in the graph minted
    from it). ``article`` names the article in the report (by default its document id).
    The ontology's class hierarchy is added to a copy of ``graph``, or to ``graph``
    itself with ``inplace=True``.

    >>> from kg.graph.namespaces import DIP, RDF
    >>> g = rdflib.Graph()
    >>> _ = g.add((URIRef("urn:a"), RDF.type, DIP.Article))
    >>> report = validate_graph(g, article="a")
    >>> report.conforms, sorted({v.path for v in report.violations if v.path})
    (False, ['dip:documentId', 'dip:fingerprint', 'prov:wasGeneratedBy'])
    >>> print(report.text().splitlines()[2])
      Violation: <urn:a>: An article's IRI must be minted under kgr:article/. (value: <urn:a>)
    """
    shapes_graph = _shapes_graph(shapes)
    name = article if article is not None else _article_name(graph, graph_iri)
    violations = _article_checks(graph, graph_iri, name)
    data = graph if inplace else _copy(graph)
    data += class_hierarchy()
    _, results, _ = _pyshacl_validate(
        data, shacl_graph=shapes_graph, inference="none", inplace=True, allow_warnings=True,
        allow_infos=True,
    )
    violations.extend(_violations(results, name))
    return ValidationReport(articles=1, violations=violations)


def _shapes_graph(given: Graph | str | Path | None) -> Graph:
    if given is None:
        return load_shapes()
    if isinstance(given, Graph):
        return given
    return Graph().parse(Path(given), format="turtle")


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    copy.addN((s, p, o, copy) for s, p, o in graph)
    return copy


# -- validating a store ----------------------------------------------------------------------


def validate(store: Store | str | Path, *, shapes: Graph | str | Path | None = None,
             on_article: Callable[[str], None] | None = None) -> ValidationReport:
    """Validate every article graph of a store, one graph at a time.

    ``shapes`` is a shapes graph or Turtle file (default: the shipped ``shapes.ttl``);
    ``on_article`` is called with each article's id once it has been checked.

    >>> import tempfile
    >>> validate(Store(tempfile.mkdtemp())).text()
    'conforms: 0 articles, 0 violations'
    """
    target = store if isinstance(store, Store) else Store(store, read_only=True)
    shapes_graph = _shapes_graph(shapes)
    count = 0
    violations: list[Violation] = []
    for graph_iri, graph in article_graphs(target):
        name = _article_name(graph, graph_iri)
        # The graph was read for this check alone, so it can take the hierarchy in place.
        report = validate_graph(graph, shapes=shapes_graph, article=name, graph_iri=graph_iri,
                                inplace=True)
        violations.extend(report.violations)
        count += 1
        if on_article is not None:
            on_article(name)
    return ValidationReport(articles=count, violations=violations)


def article_graphs(store: Store) -> Iterator[tuple[str, Graph]]:
    """Each named graph of the store but the ontology's, as ``(graph IRI, rdflib graph)``.

    Graphs are read one at a time, so memory holds one article at once.

    >>> import tempfile
    >>> list(article_graphs(Store(tempfile.mkdtemp())))
    []
    """
    for name in store.article_graphs():
        rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        yield name, to_rdflib(rows)


def to_rdflib(triples: Iterable[ox.Triple | ox.QuerySolution]) -> Graph:
    """An rdflib graph of pyoxigraph triples (or ``?s ?p ?o`` query solutions).

    >>> import pyoxigraph as ox
    >>> t = ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o", language="en"))
    >>> to_rdflib([t]).serialize(format="nt").strip()
    '<urn:s> <urn:p> "o"@en .'
    """
    graph = Graph()
    nodes: dict[str, URIRef | BNode] = {}

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            datatype = t.datatype.value
            if datatype == _XSD_STRING:  # a simple literal, as rdflib's parsers read it
                return Literal(t.value)
            return Literal(t.value, datatype=nodes.get(datatype)
                           or nodes.setdefault(datatype, URIRef(datatype)))
        key = t.value if isinstance(t, ox.NamedNode) else "_:" + t.value
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = URIRef(t.value) if isinstance(t, ox.NamedNode) else BNode(t.value)
        return node

    graph.addN((term(t[0]), term(t[1]), term(t[2]), graph) for t in triples)
    return graph


# -- reading the results ---------------------------------------------------------------------


def _article_name(graph: Graph, graph_iri: str | None) -> str:
    """The document id of the graph's article, else the last part of its graph's IRI or
    of its article's IRI."""
    articles = sorted(graph.subjects(RDF.type, DIP.Article))
    ids = sorted(str(o) for a in articles for o in graph.objects(a, DIP.documentId))
    if ids:
        return ids[0]
    if graph_iri is None and isinstance(graph.identifier, URIRef):
        graph_iri = str(graph.identifier)
    if graph_iri is not None:
        return graph_iri.removeprefix(_ARTICLE_GRAPH_PREFIX)
    if articles:
        return str(articles[0]).rsplit("/", 1)[-1]
    return "(unnamed graph)"


def _article_checks(graph: Graph, graph_iri: str | None, name: str) -> list[Violation]:
    """Rules about a graph as a whole that SHACL cannot state: one article, at its IRI."""
    articles = sorted(str(a) for a in graph.subjects(RDF.type, DIP.Article))
    where = _short(graph_iri) if graph_iri else "(graph)"
    if len(articles) != 1:
        return [Violation(name, where, None,
                          f"An article graph must hold exactly one dip:Article, not "
                          f"{len(articles)}.")]
    ids = [str(o) for o in graph.objects(URIRef(articles[0]), DIP.documentId)]
    if len(ids) != 1:
        return []  # the shapes report this one
    if articles[0] != iri.article(ids[0]):
        return [Violation(name, _short(articles[0]), None,
                          f"The article's IRI is not the one minted from its dip:documentId "
                          f"({_short(iri.article(ids[0]))}).")]
    if graph_iri is not None and graph_iri != iri.article_graph(ids[0]):
        return [Violation(name, where, None,
                          f"The article's graph is not the one minted from its dip:documentId "
                          f"({_short(iri.article_graph(ids[0]))}).")]
    return []


_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


def _violations(results: Graph, article: str) -> list[Violation]:
    found = []
    for result in results.objects(None, SH.result):
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        found.append(Violation(
            article=article,
            focus=_short(results.value(result, SH.focusNode)),
            path=_path(results, path) if path is not None else None,
            message=str(message) if message is not None else _default_message(results, result),
            severity=_SEVERITIES.get(severity, _short(severity)),
            value=_show_value(value) if value is not None else None,
        ))
    found.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return found


def _path(graph: Graph, path: rdflib.term.Node) -> str:
    """A SHACL property path in SPARQL's syntax: ``dip:subject``, ``^dip:relation``…"""
    if not isinstance(path, BNode):
        return _short(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_path(graph, step) for step in rdflib.collection.Collection(graph, path))
    for predicate, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                                (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_path(graph, inner))
    options = graph.value(path, SH.alternativePath)
    if options is not None:
        steps = rdflib.collection.Collection(graph, options)
        return "(" + "|".join(_path(graph, step) for step in steps) + ")"
    return _short(path)


def _default_message(results: Graph, result: rdflib.term.Node) -> str:
    component = results.value(result, SH.sourceConstraintComponent)
    return f"fails {_short(component)}" if component is not None else "fails a shape"


_PREFIXES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _short(term: object) -> str:
    """A compact name for an IRI with the project prefixes (``dip:subject``)."""
    text = str(term)
    if isinstance(term, BNode):
        return f"_:{text}"
    for prefix, namespace in _PREFIXES:
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>"


def _show_value(value: rdflib.term.Node) -> str:
    if isinstance(value, Literal):
        text = str(value)
        return repr(text if len(text) <= 60 else text[:57] + "...")
    return _short(value)


__all__ = [
    "ValidationReport",
    "Violation",
    "article_graphs",
    "class_hierarchy",
    "load_shapes",
    "shapes_path",
    "to_rdflib",
    "validate",
    "validate_graph",
]
