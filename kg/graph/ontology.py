"""The diplomacy ontology: where it is, and the relation table the writer reads from it.

The ontology file is the single source of truth for how a relation is written: its
statement class (``dip:eventClass``) and its direct property (``dip:directProperty``).
Parsing it takes rdflib a third of a second, which a small build would pay before its
first article; so the relation table is kept as package data
(``kg/data/derived/relations.tsv``, written by ``scripts/derive_ontology_tables.py`` with
the digest of the ontology it was read from) and the ontology is parsed only when that
digest no longer matches, or for what the table does not hold (:func:`ontology`).
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.graph.namespaces import DIP, RDFS, REL, SKOS

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

RELATION_TABLE = "derived/relations.tsv"
"""The relation table's file under ``kg/data``."""
_DIGEST = "# ontology sha256: "


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
    from rdflib import Graph

    return Graph().parse(ontology_path(), format="turtle")


def ontology_digest() -> str:
    """The SHA-256 of ``diplomacy.ttl``: which ontology a cached table was read from.

    >>> len(ontology_digest())
    64
    """
    return hashlib.sha256(ontology_path().read_bytes()).hexdigest()


def read_relations(graph: Graph) -> dict[str, RelationTerm]:
    """Relation code → how it is written, read from a parsed ontology (codes sorted)."""
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
    return dict(sorted(table.items()))


def relation_rows(table: dict[str, RelationTerm]) -> list[list[str]]:
    """The relation table as the rows of its data file (an absent value is empty)."""
    return [["" if value is None else str(value) for value in astuple(term)]
            for term in table.values()]


def cached_relations(text: str, digest: str) -> dict[str, RelationTerm] | None:
    r"""The relation table held in ``text`` (the data file), if it was read from the
    ontology whose digest is ``digest``; else None.

    >>> text = "# ontology sha256: d1\nSAID\tc\ts\t\tquotation\tFalse\n"
    >>> cached_relations(text, "d1")["SAID"].family, cached_relations(text, "d2")
    ('quotation', None)
    """
    lines = text.splitlines()
    if f"{_DIGEST}{digest}" not in lines:
        return None
    table = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            code, concept, statement_class, prop, family, is_event = line.split("\t")
            table[code] = RelationTerm(code, concept, statement_class, prop or None,
                                       family or None, is_event == "True")
    return table


def relation_table_header(digest: str) -> str:
    """The comment lines that open the relation table's data file."""
    return ("# How each relation code is written in RDF, read from ontology/diplomacy.ttl.\n"
            "# Do not edit: run python scripts/derive_ontology_tables.py\n"
            "# columns: code | concept | statement class | direct property | family | "
            "is an event\n"
            f"{_DIGEST}{digest}\n")


@cache
def relations() -> dict[str, RelationTerm]:
    """Relation code → how it is written: the cached table while it matches the ontology,
    else read from the ontology itself.

    >>> relations()["CONSULT"].direct_property
    'https://w3id.org/kg-diplomacy/ontology#consults'
    >>> relations()["CONSULT"].is_event, relations()["SAID"].is_event
    (True, False)
    """
    cached = resources.files("kg") / "data" / RELATION_TABLE
    if cached.is_file():
        table = cached_relations(cached.read_text(encoding="utf-8"), ontology_digest())
        if table is not None:
            return table
    return read_relations(ontology())


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
    from rdflib import URIRef

    return (URIRef(str(iri)), None, None) in ontology()


def family_of(code: str) -> str:
    """The family (``dip:family``) of a relation code, in any case; ``"other"`` when the
    ontology does not know the code.

    >>> family_of("CONSULT"), family_of("accuse"), family_of("SAID"), family_of("VISIT")
    ('cooperation', 'conflict', 'quotation', 'other')
    """
    term = relations().get(str(code).upper())
    return term.family if term is not None and term.family else "other"
