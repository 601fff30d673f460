"""Every namespace the graph uses, declared once.

The project's own terms live under :data:`BASE`; entity, article and statement IRIs are
minted by :mod:`kg.graph.iri`. The ontology's namespace is closed: :class:`DIP` names
exactly the terms ``ontology/diplomacy.ttl`` defines (``tests/test_namespaces.py`` checks
both ways), so a misspelt term fails at once.

>>> DIP.Article
rdflib.term.URIRef('https://w3id.org/kg-diplomacy/ontology#Article')
>>> DIP.Articel
Traceback (most recent call last):
...
AttributeError: term 'Articel' not in namespace 'https://w3id.org/kg-diplomacy/ontology#'
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

BASE = "https://w3id.org/kg-diplomacy/"


class DIP(DefinedNamespace):
    """Classes, properties, individuals and concepts of the diplomacy ontology
    (``ontology/diplomacy.ttl``); any other name is an ``AttributeError``."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Accuse: URIRef
    Actor: URIRef
    Agree: URIRef
    Aid: URIRef
    Article: URIRef
    Assault: URIRef
    Coerce: URIRef
    Concede: URIRef
    Consult: URIRef
    Cooperate: URIRef
    Country: URIRef
    Event: URIRef
    ExtractionRun: URIRef
    Membership: URIRef
    Mobilize: URIRef
    OpenRelation: URIRef
    Organisation: URIRef
    Other: URIRef
    Person: URIRef
    Place: URIRef
    Position: URIRef
    PositionHolding: URIRef
    Protest: URIRef
    Quotation: URIRef
    Reject: URIRef
    Request: URIRef
    Retreat: URIRef
    Sanction: URIRef
    Sentence: URIRef
    Statement: URIRef
    Support: URIRef
    Threaten: URIRef
    # object properties
    modeIntensity: URIRef
    quadClass: URIRef
    accuses: URIRef
    agreesWith: URIRef
    aids: URIRef
    assaults: URIRef
    coerces: URIRef
    concedesTo: URIRef
    conflictWith: URIRef
    consults: URIRef
    context: URIRef
    cooperatesWith: URIRef
    cooperationWith: URIRef
    factuality: URIRef
    holdsPositionIn: URIRef
    inArticle: URIRef
    mobilizesAgainst: URIRef
    mode: URIRef
    object: URIRef
    place: URIRef
    post: URIRef
    protestsAgainst: URIRef
    rejects: URIRef
    relation: URIRef
    requests: URIRef
    retreatsFrom: URIRef
    sanctions: URIRef
    sector: URIRef
    subject: URIRef
    supports: URIRef
    threatens: URIRef
    # datatype properties
    intensity: URIRef
    confidence: URIRef
    countryCode: URIRef
    date: URIRef
    documentId: URIRef
    earliestDate: URIRef
    end: URIRef
    extractor: URIRef
    fingerprint: URIRef
    label: URIRef
    latestDate: URIRef
    mentionCount: URIRef
    model: URIRef
    objectText: URIRef
    quote: URIRef
    role: URIRef
    softwareVersion: URIRef
    source: URIRef
    start: URIRef
    text: URIRef
    time: URIRef
    timeText: URIRef
    title: URIRef
    # annotation properties
    directProperty: URIRef
    eventClass: URIRef
    family: URIRef
    # concepts: the PLOVER quad classes and their scheme
    materialConflict: URIRef
    materialCooperation: URIRef
    quadScheme: URIRef
    verbalConflict: URIRef
    verbalCooperation: URIRef
    # individuals (the relation families)
    affiliation: URIRef
    conflict: URIRef
    cooperation: URIRef
    other: URIRef
    quotation: URIRef

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
