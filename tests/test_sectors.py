"""Actors known by their role carry their sector into the graph, and SPARQL groups by it."""

from __future__ import annotations

from pathlib import Path

import kg

TEXT = """Israeli soldiers beat up Palestinian detainees in Hebron on Tuesday.

Egyptian riot police arrested twelve demonstrators in Cairo.

Prime Minister Viktor Orbán of Hungary criticised Egyptian riot police on Wednesday.
"""


def test_generic_actors_have_a_sector_and_queries_group_by_it(tmp_path: Path) -> None:
    article = tmp_path / "sectors.txt"
    article.write_text(TEXT, encoding="utf-8")
    store = tmp_path / "store"
    kg.build([article], store=store)
    sectors = {row["name"]: row["sector"] for row in kg.query("""
        SELECT ?name ?sector WHERE {
          ?actor dip:sector ?concept ; rdfs:label ?name . ?concept skos:notation ?sector }""",
        store=store).rows}
    assert sectors.get("Israeli soldiers") == "MIL"
    assert sectors.get("Egyptian riot police") == "COP"
    assert "Viktor Orbán" not in sectors and "Hungary" not in sectors  # named: no sector
    rows = kg.query("sectors", store=store).rows
    assert {"actorSector": "military", "type": "ASSAULT"}.items() <= next(
        r for r in rows if r["actorSector"] == "military").items()
    assert any(r["actorSector"] == "police" and r["type"] == "COERCE" for r in rows)
    assert any(r["recipientSector"] == "police" and r["type"] == "ACCUSE" for r in rows)


def test_the_network_carries_the_sector(tmp_path: Path) -> None:
    article = tmp_path / "sectors.txt"
    article.write_text(TEXT, encoding="utf-8")
    store = tmp_path / "store"
    kg.build([article], store=store)
    graph = kg.to_networkx(store=store)
    sectors = {data["label"]: data["sector"] for _, data in graph.nodes(data=True)}
    assert sectors["Israeli soldiers"] == "military" and sectors["Viktor Orbán"] == ""


def test_actors_known_by_role_and_demonyms_conform_to_the_shapes(tmp_path: Path) -> None:
    """"Romanian officials" is Romania, with its country code; a sector is a concept."""
    article = tmp_path / "roles.txt"
    article.write_text(TEXT + "\nHungarian and Romanian officials criticised Fijian rebels.\n",
                       encoding="utf-8")
    store = tmp_path / "store"
    kg.build([article], store=store)
    codes = {row["name"]: row["code"] for row in kg.query(
        "SELECT ?name ?code WHERE { ?c a dip:Country ; rdfs:label ?name ; dip:countryCode ?code }",
        store=store).rows}
    assert codes.get("Romania") == "ROU"
    assert kg.validate(store=store).conforms
