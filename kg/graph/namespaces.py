"""Every namespace the graph uses, declared once.

The project's own terms live under :data:`BASE`; entity, article and statement IRIs are
minted by :mod:`kg.graph.iri`.
"""

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/kg-diplomacy/"

DIP = Namespace(BASE + "ontology#")
"""Classes and properties of the diplomacy ontology (``ontology/diplomacy.ttl``)."""

REL = Namespace(BASE + "relation/")
"""The relation vocabulary as SKOS concepts: ``REL.CONSULT``, ``REL.HOLDS_POSITION``…"""

FACT = Namespace(BASE + "factuality/")
"""Factuality values as SKOS concepts: ``FACT.asserted``, ``FACT.negated``…"""

MODE = Namespace(BASE + "mode/")
"""PLOVER event modes as SKOS concepts: ``MODE.phone``, ``MODE.visit``…"""

CONTEXT = Namespace(BASE + "context/")
"""PLOVER event contexts as SKOS concepts: ``CONTEXT.military``…"""

SECTOR = Namespace(BASE + "sector/")
"""Actor sectors as SKOS concepts, after CAMEO's agent types and PLOVER's ``sector``:
``SECTOR.MIL``, ``SECTOR.COP``…"""

POST = Namespace(BASE + "post/")
"""Posts (``org:Post``): a title in a country or organisation."""

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

PREFIXES: dict[str, str] = {
    "dip": str(DIP),
    "rel": str(REL),
    "fact": str(FACT),
    "mode": str(MODE),
    "ctx": str(CONTEXT),
    "sector": str(SECTOR),
    "kgr": BASE,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "sem": str(SEM),
    "foaf": str(FOAF),
}
"""Prefixes offered to every SPARQL query and serialisation."""

ONTOLOGY_GRAPH = BASE + "graph/ontology"
"""The named graph that holds the ontology inside the store."""

__all__ = [
    "BASE",
    "CONTEXT",
    "DIP",
    "FACT",
    "FOAF",
    "MODE",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "POST",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REL",
    "SCHEMA",
    "SECTOR",
    "SEM",
    "SKOS",
    "XSD",
]
