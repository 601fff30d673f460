"""kg.viz.style: the look of each relation family the ontology defines, and of no other."""

from __future__ import annotations

from kg.graph.ontology import family_of, relation_families, relations
from kg.viz.style import FAMILY_STYLES


def test_every_ontology_family_has_a_look_and_no_other() -> None:
    assert set(FAMILY_STYLES) == set(relation_families())


def test_families_partition_the_relations() -> None:
    members = [code for codes in relation_families().values() for code in codes]
    assert sorted(members) == sorted(relations())
    assert all(family_of(code) == name
               for name, codes in relation_families().items() for code in codes)
