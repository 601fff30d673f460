"""Countries and organisations carry the identifiers event data uses: the derived tables are
what ``scripts/derive_identifiers.py`` makes, and the graph links countries to Wikidata."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest
from conftest import ROOT, SHARED, load_script

import kg
from kg.eventdata.identifiers import organisation_code, wikidata
from kg.graph.store import Store

SCRIPT = ROOT / "scripts" / "derive_identifiers.py"


@pytest.fixture(scope="module")
def derive():
    return load_script(SCRIPT)


@pytest.mark.skipif(not (SHARED / "dictionaries").is_dir(), reason="needs ../shared")
def test_the_committed_tables_are_what_the_script_derives(derive, tmp_path: Path) -> None:
    pytest.importorskip("rigour")  # a development dependency (pyproject's dev extra)
    derive.OUT = tmp_path
    assert derive.main(["--shared", str(SHARED)]) == 0
    committed = ROOT / "kg" / "data" / "derived"
    for name in ("country_wikidata.tsv", "organisation_codes.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (committed / name).read_text(
            encoding="utf-8"), f"{name} differs: run scripts/derive_identifiers.py"


def test_every_iso_country_has_a_wikidata_item() -> None:
    missing = [c.alpha_3 for c in pycountry.countries if wikidata(c.alpha_3) is None]
    assert missing == []
    assert (wikidata("USA"), wikidata("RUS"), wikidata("UKR")) == ("Q30", "Q159", "Q212")


def test_organisations_of_the_dictionary_carry_their_codes() -> None:
    assert organisation_code("United Nations") == ("UNO", "IGOUNO")
    assert organisation_code("the European Union") == ("EUR", "IGOEUREEC")
    assert organisation_code("NATO")[0] == "IGO"
    assert organisation_code("Red Hat") is None
    # a secretary-general's UN codes are dated: a person, not an organisation
    assert organisation_code("Ban Ki-moon") is None and organisation_code("Kofi Annan") is None


def test_countries_in_the_graph_are_the_same_as_their_wikidata_items(seed_store: Store) -> None:
    rows = kg.query("""SELECT ?label ?code ?item WHERE { ?c a dip:Country ;
        rdfs:label ?label ; dip:countryCode ?code OPTIONAL { ?c owl:sameAs ?item } }""",
                    store=seed_store).rows
    assert {"Russia", "Ukraine", "United States"} <= {r["label"] for r in rows}
    for row in rows:
        assert row["item"] == f"http://www.wikidata.org/entity/{wikidata(row['code'])}", row
    report = kg.validate(store=seed_store)
    assert report.conforms, report
