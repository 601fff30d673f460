"""Event data out (issue 21): the corpus build's asserted events as PLOVER records and as
POLECAT, ICEWS, GDELT 2.0 and TKG tables, each loaded back as its users load it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pycountry
import pytest
from conftest import SHARED

import kg
from kg.eventdata.events import count_asserted
from kg.eventdata.scores import quad
from kg.eventdata.tables import LAYOUTS
from kg.graph.store import Store

# The column names as the readers' documentation gives them, typed here rather than taken
# from kg's own tables, so that a slip in kg's layouts shows.
POLECAT = ["Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
           "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
           "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
           "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
           "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
           "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
           "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
           "Story People", "Story Organizations", "Story Locations", "Language", "Version"]
ICEWS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
         "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
         "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
         "Province", "Country", "Latitude", "Longitude"]
# GDELT 2.0 has 61 columns; these are the ones a loader types, at their codebook positions.
GDELT_AT = {0: "GlobalEventID", 1: "Day", 5: "Actor1Code", 6: "Actor1Name",
            7: "Actor1CountryCode", 15: "Actor2Code", 16: "Actor2Name", 25: "IsRootEvent",
            26: "EventCode", 27: "EventBaseCode", 28: "EventRootCode", 29: "QuadClass",
            30: "GoldsteinScale", 31: "NumMentions", 52: "ActionGeo_FullName",
            59: "DATEADDED", 60: "SOURCEURL"}

ISO3 = {c.alpha_3 for c in pycountry.countries}


@pytest.fixture(scope="module")
def exported(corpus_store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each event-data format of the corpus build, under the file name its readers expect."""
    folder = tmp_path_factory.mktemp("eventdata")
    paths = {"plover": folder / "events.plover.jsonl",
             **{name: folder / layout.file_name for name, layout in LAYOUTS.items()}}
    for fmt, path in paths.items():
        kg.export(fmt, path, store=corpus_store)
    return paths


@pytest.fixture(scope="module")
def asserted(corpus_store: Store) -> int:
    return count_asserted(corpus_store)


@pytest.fixture(scope="module")
def with_recipient(corpus_store: Store) -> int:
    answer = kg.query("""SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g {
        ?st dip:factuality fact:asserted ; dip:object ?o } }""", store=corpus_store)
    return int(answer.rows[0]["n"])


def test_the_corpus_has_asserted_events_and_leaves_the_others_out(corpus_store: Store,
                                                                  asserted: int) -> None:
    everything = kg.query("SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { "
                          "?st a dip:Event } }", store=corpus_store).rows[0]["n"]
    assert 300 < asserted < int(everything)


def test_plover_records_follow_the_manuals_data_fields(exported, asserted: int) -> None:
    records = [json.loads(line) for line in exported["plover"].read_text("utf-8").splitlines()]
    assert len(records) == asserted
    assert len({r["id"] for r in records}) == asserted
    countries = 0
    for record in records:
        assert {"id", "date", "event", "mode", "context", "actor", "recipient", "event_loc",
                "event_text", "quad_code", "intensity", "text_info", "cite_info"} <= set(record)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"]), record["date"]
        assert record["factuality"] == "asserted"
        assert record["date_source"] in ("event", "article")
        assert record["quad_code"] == quad(record["event"][0])
        assert -10 <= record["intensity"] <= 10
        text = record["text_info"]
        assert text["end"] - text["start"] == len(text["sentence"])
        assert record["cite_info"]["codebook"] == "plover-base-2.0"
        url = record["cite_info"]["url"] or ""  # the seed article has no URL
        assert url.startswith("https://en.wikinews.org/wiki/") or \
            record["cite_info"]["citation"] == "000_aebe9d6deb04523e"
        for entity in record["actor"] + record["recipient"]:
            if entity.get("entity_type") == "Country":
                countries += 1
                assert entity["code"] in ISO3 | {"XKX"}, entity
                assert re.fullmatch(r"Q\d+", entity["identifier_id"]), entity
    assert countries > 50
    # a country keeps its code and QID: the United States is Q30
    us = [e for r in records for e in r["actor"] + r["recipient"]
          if e.get("entity_text") == "United States"]
    assert us and all((e["code"], e["identifier_id"]) == ("USA", "Q30") for e in us)


def test_polecat_loads_with_its_columns(exported, asserted: int) -> None:
    path = exported["polecat"]
    assert re.fullmatch(r"ngecEvents.*\.txt", path.name)  # read_polecat's file pattern
    frame = pd.read_csv(path, sep="\t", quotechar='"', dtype={
        "Event ID": str, "Event Date": str, "Event Type": str, "Event Mode": str,
        "Intensity": "float64", "Quad Code": "Int64", "Actor Country": str,
        "Recipient Country": str, "Wikipedia Actor ID": str})
    assert list(frame.columns) == POLECAT
    assert len(frame) == asserted
    assert frame["Quad Code"].between(1, 4).all()
    assert set(frame["Event Type"]) <= {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE",
                                        "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
                                        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                                        "COERCE", "ASSAULT"}
    pd.to_datetime(frame["Event Date"], format="%Y-%m-%d")  # every date parses
    coded = frame["Actor Country"].dropna()
    assert len(coded) > 100 and coded.str.fullmatch(r"[A-Z]{3}").all()


def test_icews_loads_with_its_columns(exported, asserted: int) -> None:
    frame = pd.read_csv(exported["icews"], sep="\t", dtype={
        "Event ID": "int64", "Story ID": "int64", "CAMEO Code": str, "Intensity": "float64",
        "Source Country": str, "Target Country": str, "Sentence Number": "Int64"})
    assert list(frame.columns) == ICEWS
    assert len(frame) == asserted
    assert frame["Event ID"].is_unique
    assert "United States" in set(frame["Source Country"]) | set(frame["Target Country"])
    assert frame["Intensity"].between(-10, 10).all()


def test_gdelt_loads_with_its_codebook_columns(exported, asserted: int) -> None:
    names = [f"c{i}" for i in range(61)]
    for position, name in GDELT_AT.items():
        names[position] = name
    frame = pd.read_csv(exported["gdelt"], sep="\t", header=None, names=names, dtype={
        "GlobalEventID": "int64", "Day": "int64", "EventCode": str, "EventBaseCode": str,
        "EventRootCode": str, "QuadClass": "int64", "GoldsteinScale": "float64",
        "NumMentions": "int64", "DATEADDED": "int64", "IsRootEvent": "Int64"})
    assert len(frame.columns) == 61 and len(frame) == asserted
    assert frame["GoldsteinScale"].isna().all()  # no Goldstein score is made up
    assert frame["Day"].between(19000101, 21001231).all()
    assert frame["SOURCEURL"].str.startswith("https://").sum() > 0.9 * asserted
    coded = frame.dropna(subset=["EventCode"])
    assert 0 < len(coded) < asserted
    assert (coded["EventCode"].str.slice(0, 3) == coded["EventBaseCode"]).all()


@pytest.mark.skipif(not (SHARED / "dictionaries").is_dir(), reason="needs ../shared")
def test_gdelts_cameo_codes_map_back_to_the_events_plover_type(exported) -> None:
    table = {}
    for line in (SHARED / "dictionaries" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(
            encoding="utf-8").splitlines():
        code, _, rest = line.split("#", 1)[0].partition(":")
        if rest.strip():
            table[code.strip()] = rest.split(",")[0].strip()
    gdelt = pd.read_csv(exported["gdelt"], sep="\t", header=None, dtype=str)
    icews = pd.read_csv(exported["icews"], sep="\t", dtype=str)
    event_type = dict(zip(icews["Event ID"], icews["Event Text"].str.split(":").str[0],
                          strict=True))
    checked = 0
    for global_id, code in zip(gdelt[0], gdelt[26], strict=True):
        if isinstance(code, str):
            # kg's documented decisions (scripts/derive_lexicons.py) recode 057 and 163
            expected = {"057": "AGREE", "163": "SANCTION"}.get(code, table.get(code))
            assert expected == event_type[global_id], (code, global_id)
            checked += 1
    assert checked > 0


def test_tkg_quadruples_are_the_events_between_two_entities(exported, with_recipient) -> None:
    frame = pd.read_csv(exported["tkg"], dtype={"head": str, "tail": str, "relation": str},
                        parse_dates=["date"])
    assert list(frame.columns) == ["date", "head", "tail", "relation"]
    assert len(frame) == with_recipient
    assert frame["head"].str.startswith("https://w3id.org/kg-diplomacy/entity/").all()
    assert frame["date"].notna().all()


def test_kg_analyze_timeline_writes_the_series_and_its_charts(corpus_store: Store,
                                                              tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from kg.eventdata.timeline import timeline

    command = [sys.executable, "-m", "kg", "analyze", "--store", str(corpus_store.path),
               "--timeline", "month", "--top", "3", "-o", str(tmp_path)]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(tmp_path / "timeline.csv", dtype={"period": str})
    expected = timeline(corpus_store)
    assert len(frame) == len(expected) and set(frame["level"]) == {"country", "actor"}
    assert set(frame["date_source"]) <= {"event", "article"}
    # each event counts in exactly one quad class
    assert (frame["events"] == frame[["verbal_cooperation", "material_cooperation",
                                      "verbal_conflict", "material_conflict"]].sum(axis=1)).all()
    pictures = sorted(p.name for p in tmp_path.glob("timeline-*.png"))
    assert "timeline-heatmap.png" in pictures and len(pictures) == 4
    busiest = result.stdout.splitlines()
    assert any(" – " in line for line in busiest)
    wrong = subprocess.run([*command[:-4], "--timeline", "fortnight"], capture_output=True,
                           text=True, env=env)
    assert wrong.returncode == 2 and "unknown period 'fortnight'" in wrong.stderr
