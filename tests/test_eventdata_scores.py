"""PLOVER's quad classes and scores are what ``scripts/derive_plover_scores.py`` reads from
the manual: rerunning it changes nothing, the manual's contradictions are settled as its
docstring says, and the ontology answers SPARQL with them."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, load_script

SCRIPT = ROOT / "scripts" / "derive_plover_scores.py"
NEEDS_SHARED = pytest.mark.skipif(not (SHARED / "dictionaries").is_dir(), reason="needs ../shared")


@pytest.fixture(scope="module")
def derive():
    return load_script(SCRIPT)


def test_the_scripts_examples_hold(derive) -> None:
    failures, tried = doctest.testmod(derive)
    assert tried > 0 and failures == 0


@NEEDS_SHARED
def test_the_committed_tables_and_block_are_what_the_script_derives(derive, tmp_path) -> None:
    ontology = ROOT / "ontology" / "diplomacy.ttl"
    derive.OUT, derive.ONTOLOGY = tmp_path, tmp_path / ontology.name
    derive.ONTOLOGY.write_text(ontology.read_text(encoding="utf-8"), encoding="utf-8")
    assert derive.main(["--shared", str(SHARED)]) == 0
    committed = ROOT / "kg" / "data" / "derived"
    for name in ("plover_scores.tsv", "plover_cameo.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (committed / name).read_text(
            encoding="utf-8"), f"{name} differs: run scripts/derive_plover_scores.py"
    assert derive.ONTOLOGY.read_text(encoding="utf-8") == ontology.read_text(
        encoding="utf-8"), "the ontology's quad block: run scripts/derive_plover_scores.py"


@NEEDS_SHARED
def test_the_manuals_contradictions_are_settled_by_rule(derive) -> None:
    rows, notes = derive.derive_scores(SHARED / "dictionaries" / "plover" / "PLOVER_MANUAL.tex")
    own = {r.type: r for r in rows if not r.mode}
    assert len(own) == 16
    assert (own["SANCTION"].quad_code, own["SANCTION"].quad_class) == (4, "material conflict")
    assert (own["ACCUSE"].score, own["ACCUSE"].printed) == (-3.0, 3.0)
    assert len(notes) == 2
    # every conflict type scores at most 0, every cooperation type at least 0 (a mode may
    # not: the manual scores REQUEST 'assist' +0.5)
    for row in own.values():
        assert row.score * (-1 if "conflict" in row.quad_class else 1) >= 0, row


def test_an_unsettled_contradiction_stops_the_script(derive, tmp_path: Path) -> None:
    manual = tmp_path / "manual.tex"
    manual.write_text(
        "\\section{ACCUSE}\n\\subsection{Quad category: VERBAL CONFLICT}\n"
        "\\caption{PLOVER conflict--cooperation scores}\n"
        "ACCUSE & 9 & ACCUSE: Allege & -3.5 \\\\\n\\end{tabular}\n"
        "\\caption{Quad categories in PLOVER}\nVerbal conflict & ACCUSE & 3 \\\\\n"
        "\\end{tabular}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"ACCUSE: score 9\.0 contradicts"):
        derive.derive_scores(manual)


def test_sparql_aggregates_over_the_ontologys_scores() -> None:
    from kg.graph.ontology import ontology

    rows = list(ontology().query("""
        PREFIX dip: <https://w3id.org/kg-diplomacy/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?quad (COUNT(?rel) AS ?types) (MIN(?i) AS ?low) (MAX(?i) AS ?high) WHERE {
          ?rel dip:quadClass/skos:notation ?quad ; dip:intensity ?i } GROUP BY ?quad
        ORDER BY ?quad"""))
    assert [(str(q), int(n)) for q, n, _, _ in rows] == [("1", 4), ("2", 3), ("3", 4), ("4", 5)]
    assert float(rows[0][2]) > 0 and float(rows[3][3]) < 0
    visit = list(ontology().query("""
        PREFIX dip: <https://w3id.org/kg-diplomacy/ontology#>
        PREFIX rel: <https://w3id.org/kg-diplomacy/relation/>
        PREFIX mode: <https://w3id.org/kg-diplomacy/mode/>
        SELECT ?i WHERE { rel:CONSULT dip:modeIntensity [ dip:mode mode:visit ;
                                                          dip:intensity ?i ] }"""))
    assert [float(r[0]) for r in visit] == [4.0]
