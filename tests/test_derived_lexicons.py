"""The derived lexicons are exactly what ``scripts/derive_lexicons.py`` makes from the
public dictionaries: rerunning it changes nothing, and its decisions hold."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, load_script

SCRIPT = ROOT / "scripts" / "derive_lexicons.py"


@pytest.fixture(scope="module")
def derive():
    return load_script(SCRIPT)


def test_the_scripts_examples_hold(derive) -> None:
    failures, tried = doctest.testmod(derive)
    assert tried > 0 and failures == 0


@pytest.mark.skipif(not (SHARED / "dictionaries").is_dir(), reason="needs ../shared")
def test_the_committed_tables_are_what_the_script_derives(derive, tmp_path: Path) -> None:
    ontology = ROOT / "ontology" / "diplomacy.ttl"
    derive.OUT, derive.ONTOLOGY = tmp_path, tmp_path / ontology.name
    derive.ONTOLOGY.write_text(ontology.read_text(encoding="utf-8"), encoding="utf-8")
    assert derive.main(["--shared", str(SHARED)]) == 0
    committed = ROOT / "kg" / "data" / "derived"
    for made in sorted(tmp_path.glob("*.tsv")):
        assert made.read_text(encoding="utf-8") == (committed / made.name).read_text(
            encoding="utf-8"), f"{made.name} differs: run scripts/derive_lexicons.py"
    assert derive.ONTOLOGY.read_text(encoding="utf-8") == ontology.read_text(
        encoding="utf-8"), "ontology/diplomacy.ttl's PLOVER terms: run scripts/derive_lexicons.py"


def test_every_derived_mode_and_context_is_a_concept_of_the_ontology() -> None:
    import rdflib

    from kg.graph.namespaces import CONTEXT, MODE, SKOS
    from kg.lexicons import cameo_lexicon

    graph = rdflib.Graph().parse(ROOT / "ontology" / "diplomacy.ttl")
    concepts = set(graph.subjects(rdflib.RDF.type, SKOS.Concept))
    for entries in cameo_lexicon().values():
        for entry in entries:
            assert entry.mode is None or MODE[entry.mode] in concepts, entry
            assert entry.context is None or CONTEXT[entry.context] in concepts, entry


def test_a_cameo_code_maps_to_its_plover_type(derive) -> None:
    table = {"17": derive.Plover("COERCE"), "163": derive.Plover("COERCE", "restrict")}
    assert derive.plover_for("163", table).type == "SANCTION"  # kg's guidelines decide
    assert derive.plover_for("0231", table).type == "REQUEST"  # CAMEO 02 appeals
    assert derive.plover_for("012", table) is None  # CAMEO 01 statements: no event


@pytest.mark.slow  # reads every actor of the PETRARCH2 dictionaries
@pytest.mark.skipif(not (SHARED / "dictionaries").is_dir(), reason="needs ../shared")
def test_the_committed_actor_tables_are_what_derive_actors_makes(tmp_path: Path) -> None:
    actors = load_script(ROOT / "scripts" / "derive_actors.py")
    failures, tried = doctest.testmod(actors)
    assert tried > 0 and failures == 0
    actors.OUT = tmp_path
    assert actors.main(["--shared", str(SHARED)]) == 0
    committed = ROOT / "kg" / "data" / "derived"
    made = sorted(tmp_path.glob("actors_*.tsv"))
    assert made, "derive_actors.py wrote no table"
    for table in made:
        assert table.read_text(encoding="utf-8") == (committed / table.name).read_text(
            encoding="utf-8"), f"{table.name} differs: run scripts/derive_actors.py"
    # a title word inside a name is a name part; a title before it makes no name
    people = (committed / "actors_people.tsv").read_text(encoding="utf-8")
    assert "\nHun Sen\tKHM" in people and "Gov. George W. Bush" not in people
    organisations = (committed / "actors_organisations.tsv").read_text(encoding="utf-8")
    assert "\nOrganization Of American States\tigo" in organisations
