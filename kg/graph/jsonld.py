"""JSON-LD with short keys: the store as one document under ``ontology/context.jsonld``.

The context maps the terms the builder writes to short keys (``subject``, ``object``,
``confidence``, ``derivedFrom``, ``consults``…), coerces their values (IRIs, dates,
numbers) and makes ``dip:`` the vocabulary, so that a statement reads::

    {"@id": "kgr:statement/…", "@type": ["Statement", "Event", "Consult"],
     "subject": "kgr:entity/person/donald-trump", "confidence": "0.850", …}

Each article's named graph is one ``{"@id": graph, "@graph": [nodes]}`` entry. Nodes are
written straight from the quads — no framing, no reordering beyond sorting — so the
document loads back (in rdflib or any JSON-LD 1.1 processor) to exactly the store's quads.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import IO, Any

import pyoxigraph as ox

from kg.graph.namespaces import DIP, RDF, XSD
from kg.graph.ontology import ontology_file

_XSD_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)


@cache
def context() -> dict[str, Any]:
    """The JSON-LD context (the ``@context`` object of ``ontology/context.jsonld``).

    >>> context()["subject"]
    {'@id': 'dip:subject', '@type': '@id'}
    """
    text = ontology_file("context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


@cache
def _tables() -> tuple[list[tuple[str, str]], dict[str, tuple[str, str | None]]]:
    """Prefixes (longest namespace first) and full IRI → (key, coercion) of the terms."""
    ctx = context()
    prefixes = sorted(((k, v) for k, v in ctx.items()
                       if isinstance(v, str) and not k.startswith("@")),
                      key=lambda kv: -len(kv[1]))
    terms: dict[str, tuple[str, str | None]] = {}
    for key, value in ctx.items():
        if isinstance(value, dict):
            terms[_expand(value["@id"], ctx)] = (key, value.get("@type"))
    return prefixes, terms


def _expand(compact: str, ctx: dict[str, Any]) -> str:
    prefix, _, rest = compact.partition(":")
    namespace = ctx.get(prefix)
    return namespace + rest if isinstance(namespace, str) else compact


def compact_iri(iri: str) -> str:
    """An IRI with the longest matching prefix of the context, else as it is.

    >>> compact_iri("https://w3id.org/kg-diplomacy/entity/person/donald-trump")
    'kgr:entity/person/donald-trump'
    """
    for prefix, namespace in _tables()[0]:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _type_name(iri: str) -> str:
    """A class: its bare name in the ``dip:`` vocabulary, else a compact IRI."""
    local = iri[len(str(DIP)):] if iri.startswith(str(DIP)) else ""
    return local if local and ":" not in local else compact_iri(iri)


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal, coercion: str | None) -> Any:
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value) if coercion == "@id" else {"@id": compact_iri(term.value)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if coercion and coercion != "@id" and _expand(coercion, context()) == datatype:
        return term.value  # the key's own datatype: the bare lexical form
    if datatype == _XSD_STRING:
        # a plain string, unless the key coerces its strings into something else
        return term.value if coercion is None else {"@value": term.value}
    return {"@value": term.value, "@type": compact_iri(datatype)}


def _node(subject: str, triples: Iterable[tuple[str, ox.Term]]) -> dict[str, Any]:
    terms = _tables()[1]
    node: dict[str, Any] = {"@id": subject}
    grouped: dict[str, list[Any]] = defaultdict(list)
    types: list[str] = []
    for predicate, obj in triples:
        if predicate == _RDF_TYPE and isinstance(obj, ox.NamedNode):
            types.append(_type_name(obj.value))
            continue
        key, coercion = terms.get(predicate, (compact_iri(predicate), None))
        grouped[key].append(_value(obj, coercion))
    if types:
        node["@type"] = sorted(types)
    for key in sorted(grouped):
        values = grouped[key]
        node[key] = values[0] if len(values) == 1 else values
    return node


def _subject(term: ox.NamedNode | ox.BlankNode) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else compact_iri(term.value)


def document(quads: Iterable[ox.Quad]) -> dict[str, Any]:
    """The JSON-LD document of ``quads``: one entry per named graph, nodes within.

    >>> q = ox.Quad(ox.NamedNode(str(DIP) + "x"), ox.NamedNode(str(RDF.type)),
    ...             ox.NamedNode(str(DIP) + "Person"), ox.NamedNode("urn:g"))
    >>> document([q])["@graph"]
    [{'@id': 'urn:g', '@graph': [{'@id': 'dip:x', '@type': ['Person']}]}]
    """
    graphs: dict[str, dict[str, list[tuple[str, ox.Term]]]] = defaultdict(
        lambda: defaultdict(list))
    for quad in quads:
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs[graph][_subject(quad.subject)].append((quad.predicate.value, quad.object))
    entries: list[dict[str, Any]] = []
    for graph in sorted(graphs):
        nodes = [_node(s, triples) for s, triples in sorted(graphs[graph].items())]
        if graph:
            entries.append({"@id": compact_iri(graph), "@graph": nodes})
        else:
            entries.extend(nodes)
    return {"@context": context(), "@graph": entries}


def write(quads: Iterable[ox.Quad], out: IO[bytes]) -> None:
    """Write the JSON-LD document of ``quads`` to a binary stream."""
    text = json.dumps(document(quads), ensure_ascii=False, indent=1)
    out.write(text.encode("utf-8"))
