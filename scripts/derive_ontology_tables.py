"""Derive the ontology's relation table as package data.

    python scripts/derive_ontology_tables.py

Writes ``kg/data/derived/relations.tsv``: each relation code of ``ontology/diplomacy.ttl``
with its concept, statement class, direct property, family and whether it is an event, and
the digest of the ontology it was read from. A build reads this table instead of parsing
the ontology (a third of a second of rdflib before the first article); while the digest
differs from the ontology's, kg parses the ontology instead, and
``tests/test_graph.py`` fails until the table is derived again.

Run it again after the ontology changes; the output is deterministic.
"""

from __future__ import annotations

from pathlib import Path

from kg.files import write_table
from kg.graph.ontology import (
    RELATION_TABLE,
    ontology,
    ontology_digest,
    read_relations,
    relation_rows,
    relation_table_header,
)

OUT = Path(__file__).resolve().parents[1] / "kg" / "data" / RELATION_TABLE


def main() -> None:
    table = read_relations(ontology())
    write_table(OUT, relation_table_header(ontology_digest()), relation_rows(table))
    print(f"{OUT}: {len(table)} relations")


if __name__ == "__main__":
    main()
