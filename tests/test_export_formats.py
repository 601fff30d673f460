"""Graph exports (GraphML, GEXF, Cytoscape JSON, CSV, SVG, PNG) against the HTML page.

Every graph format is written from the graph ``kg render`` draws, so loading an export back
must give what the page shows in a real browser: its entities and its statements.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from browser import Browser

import kg
from kg.graph.store import Store
from kg.viz.select import Selection, view

SELECTIONS = {
    "whole": Selection(),
    "trump": Selection(focus=("Donald Trump",), hops=1),
    "conflict-people": Selection(relations=("conflict", "CONSULT"), types=("Person",)),
}


def _page_counts(browser: Browser, page: Path) -> dict[str, int]:
    """Entities, drawn links and statements of a rendered page, counted in the browser."""
    browser.open_graph(page)
    assert browser.severe_errors() == []
    return browser.driver.execute_script(
        "return {nodes: kgNodes.length, links: kgEdges.length, statements: kgData.edges.reduce("
        "function (n, e) { return n + e.count; }, 0)}")


def _render(store: Store, selection: Selection, path: Path) -> kg.Rendered:
    return kg.render(path, store=store, focus=selection.focus, hops=selection.hops,
                     relation=selection.relations, type=selection.types)


@pytest.mark.parametrize("name", SELECTIONS)
def test_graphml_and_gexf_match_the_page(name: str, chromium: Browser, seed_store: Store,
                                         tmp_path: Path) -> None:
    selection = SELECTIONS[name]
    drawn = _render(seed_store, selection, tmp_path / "graph.html")
    shown = _page_counts(chromium, drawn.path)
    assert shown["nodes"] == drawn.nodes > 0 and shown["statements"] == drawn.edges
    for fmt, read in (("graphml", lambda p: nx.read_graphml(p, force_multigraph=True)),
                      ("gexf", nx.read_gexf)):
        path = tmp_path / f"graph.{fmt}"
        kg.export(fmt, path, store=seed_store, selection=selection)
        loaded = read(path)
        assert (loaded.number_of_nodes(), loaded.number_of_edges()) == (
            shown["nodes"], shown["statements"]), fmt
        types = {d["type"] for _n, d in loaded.nodes(data=True)}
        assert types <= {"Person", "Country", "Organisation", "Place"}
        edge = next(iter(loaded.edges(data=True)))[2]
        assert {"relation", "family", "evidence_count", "sentence", "doc"} <= set(edge)
    # CSV: one row per drawn link, and the statements column adds up to the page's count.
    kg.export("csv", tmp_path / "graph.csv", store=seed_store, selection=selection)
    with (tmp_path / "graph.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == shown["links"]
    assert sum(int(r["statements"]) for r in rows) == shown["statements"]


def test_cytoscape_json_loads_back(seed_store: Store) -> None:
    buffer = io.BytesIO()
    kg.export("cyjs", buffer, store=seed_store)
    data = json.loads(buffer.getvalue())
    graph = nx.cytoscape_graph(data)
    whole, _ = view(seed_store)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        whole.number_of_nodes(), whole.number_of_edges())
    names = {n["data"]["name"] for n in data["elements"]["nodes"]}
    assert {"Donald Trump", "Vladimir Putin", "Viktor Orbán"} <= names


def test_pictures_of_a_focused_subgraph(seed_store: Store, tmp_path: Path) -> None:
    focus = Selection(focus=("Viktor Orbán",), hops=1)
    svg = tmp_path / "orban.svg"
    kg.export("svg", svg, store=seed_store, selection=focus)
    root = ET.parse(svg).getroot()
    texts = {"".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    graph, _ = view(seed_store, focus)
    assert {d["label"] for _n, d in graph.nodes(data=True)} <= texts
    assert "Viktor Orbán" in texts
    again = tmp_path / "again.svg"
    kg.export("svg", again, store=seed_store, selection=focus)
    assert again.read_bytes() == svg.read_bytes()  # deterministic: no date, fixed ids
    png = tmp_path / "orban.png"
    kg.export("png", png, store=seed_store, selection=focus)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    assert width > 400 and height > 300


def test_filters_only_for_graph_formats(seed_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graph formats only"):
        kg.export("ttl", tmp_path / "x.ttl", store=seed_store, selection=SELECTIONS["trump"])
    with pytest.raises(ValueError, match="unknown relation"):
        kg.export("gexf", tmp_path / "x.gexf", store=seed_store,
                  selection=Selection(relations=("SPY",)))
    assert not list(tmp_path.iterdir())  # nothing written, not even a temp file
