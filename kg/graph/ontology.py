"""The diplomacy ontology: where it is, and the relation table the writer reads from it.

The ontology file is the single source of truth for how a relation is written: its
statement class (``dip:eventClass``) and its direct property (``dip:directProperty``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, URIRef

from kg.graph.namespaces import DIP, RDFS, REL, SKOS


@dataclass(frozen=True, slots=True)
class RelationTerm:
    """How one relation code is written in RDF."""

    code: str
    concept: str
    statement_class: str
    direct_property: str | None
    family: str | None
    is_event: bool  # its statement class is a dip:Event (a PLOVER type)


def ontology_file(name: str) -> Path:
    """A file of ``ontology/``: inside the installed package, or the source tree.

    >>> ontology_file("shapes.ttl").name
    'shapes.ttl'
    """
    packaged = resources.files("kg") / "ontology" / name
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "ontology" / name


def ontology_path() -> Path:
    """The path of ``diplomacy.ttl``.

    >>> ontology_path().name
    'diplomacy.ttl'
    """
    return ontology_file("diplomacy.ttl")


@cache
def ontology() -> Graph:
    """The ontology, parsed once per process."""
    return Graph().parse(ontology_path(), format="turtle")


@cache
def relations() -> dict[str, RelationTerm]:
    """Relation code → how it is written, read from the ontology.

    >>> relations()["CONSULT"].direct_property
    'https://w3id.org/kg-diplomacy/ontology#consults'
    >>> relations()["CONSULT"].is_event, relations()["SAID"].is_event
    (True, False)
    """
    graph = ontology()
    table = {}
    for concept in graph.subjects(SKOS.inScheme, REL.scheme):
        code = str(graph.value(concept, SKOS.prefLabel))
        prop = graph.value(concept, DIP.directProperty)
        family = graph.value(concept, DIP.family)
        statement_class = graph.value(concept, DIP.eventClass)
        table[code] = RelationTerm(
            code=code,
            concept=str(concept),
            statement_class=str(statement_class),
            direct_property=str(prop) if prop else None,
            family=str(family).rsplit("#", 1)[-1] if family else None,
            is_event=(statement_class, RDFS.subClassOf, DIP.Event) in graph,
        )
    return table


def relation_term(code: str) -> RelationTerm:
    """How the relation ``code`` is written; a ``ValueError`` naming the code when the
    ontology does not define it (the check where statements are written).

    >>> relation_term("CONSULT").family
    'cooperation'
    >>> relation_term("CONSULTS")
    Traceback (most recent call last):
    ...
    ValueError: unknown relation 'CONSULTS': ontology/diplomacy.ttl defines no such rel: code
    """
    term = relations().get(code)
    if term is None:
        raise ValueError(f"unknown relation {code!r}: ontology/diplomacy.ttl defines no such "
                         "rel: code")
    return term


@cache
def relation_families() -> dict[str, frozenset[str]]:
    """Family name (``dip:family``) → the relation codes in it, families in name order; a
    relation without a family is in ``"other"``.

    >>> sorted(relation_families()["affiliation"])
    ['HOLDS_POSITION', 'MEMBER_OF']
    >>> list(relation_families())
    ['affiliation', 'conflict', 'cooperation', 'other', 'quotation']
    """
    members: dict[str, set[str]] = {}
    for code in relations():
        members.setdefault(family_of(code), set()).add(code)
    return {name: frozenset(members[name]) for name in sorted(members)}


def is_term(iri: str | URIRef) -> bool:
    """Whether ``iri`` is declared in the ontology."""
    return (URIRef(str(iri)), None, None) in ontology()


def family_of(code: str) -> str:
    """The family (``dip:family``) of a relation code, in any case; ``"other"`` when the
    ontology does not know the code.

    >>> family_of("CONSULT"), family_of("accuse"), family_of("SAID"), family_of("VISIT")
    ('cooperation', 'conflict', 'quotation', 'other')
    """
    term = relations().get(str(code).upper())
    return term.family if term is not None and term.family else "other"
