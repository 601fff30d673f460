"""Focus, filters, projections and CONSTRUCT graphs (kg.viz.select, kg.viz.project)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from test_render_html import DOC, EVIL, HUNGARY, ORBAN, PUTIN, TRUMP, ZELENSKY, sample_graph

import kg
from kg.graph.ontology import family_of, relations
from kg.graph.store import Store
from kg.viz.project import to_networkx
from kg.viz.select import Selection, find_nodes, select, view


def _relations(graph: nx.MultiDiGraph) -> set[str]:
    return {d["relation"] for _u, _v, d in graph.edges(data=True)}


def test_relation_names_and_families() -> None:
    g = sample_graph()
    assert _relations(select(g, relations=["accuse", "THREATEN"])) == {"ACCUSE", "THREATEN"}
    assert _relations(select(g, relations=["conflict"])) == {"ACCUSE", "THREATEN"}
    assert _relations(select(g, relations=["cooperation", "SAID"])) == {"CONSULT", "SAID"}
    # Filters never drop nodes by themselves: isolates are removed later, by view().
    assert select(g, relations=["conflict"]).number_of_nodes() == g.number_of_nodes()
    with pytest.raises(ValueError, match=r"unknown relation 'MEET'.*CONSULT.*conflict"):
        select(g, relations=["MEET"])


def test_types_documents_dates_and_confidence() -> None:
    g = sample_graph()
    people = select(g, types=["person"])
    assert set(people) == {TRUMP, PUTIN, ZELENSKY, ORBAN}
    assert _relations(people) == {"CONSULT", "ACCUSE", "THREATEN"}
    with pytest.raises(ValueError, match=r"unknown type 'Persons'.*Person, Country"):
        select(g, types=["Persons"])
    # One of the three CONSULT statements is undated: a date range cannot hold it.
    dated = select(g, since="2025-10-16", until="2025-10-16")
    consult = [d for _u, _v, d in dated.edges(data=True) if d["relation"] == "CONSULT"]
    assert len(consult) == 2 and all(e["date"] for d in consult for e in d["evidence"])
    assert select(g, since="2025-10-17").number_of_edges() == 0
    assert select(g, until="2025-10-15").number_of_edges() == 0
    assert select(g, docs=["elsewhere"]).number_of_edges() == 0
    assert select(g, docs=[DOC]).number_of_edges() == g.number_of_edges()
    confident = select(g, min_confidence=0.85)
    assert _relations(confident) == {"CONSULT", "HOLDS_POSITION"}
    # The hostile SAID edge keeps only its evidence at or above the threshold.
    said = select(g, min_confidence=0.45)
    kept = [d for _u, _v, d in said.edges(data=True) if d["relation"] == "SAID"]
    assert [len(d["evidence"]) for d in kept] == [1]
    with pytest.raises(ValueError, match="not a date"):
        select(g, since="16/10/2025")
    with pytest.raises(ValueError, match="between 0 and 1"):
        select(g, min_confidence=1.5)


def test_filters_reach_what_a_node_holds_alone() -> None:
    g = sample_graph()
    said = select(g, relations=["quotation"])
    assert [a["relation"] for a in said.nodes[TRUMP]["alone"]] == ["SAID"]
    assert [a["relation"] for a in said.nodes[EVIL]["alone"]] == ["SAID"]
    assert select(g, relations=["conflict"]).nodes[TRUMP]["alone"][0]["relation"] == "REJECT"
    assert select(g, min_confidence=0.7).nodes[TRUMP]["alone"] == [g.nodes[TRUMP]["alone"][0]]
    assert select(g, since="2025-10-17").nodes[TRUMP]["alone"] == []
    assert len(g.nodes[TRUMP]["alone"]) == 2  # the graph selected from is left alone


def test_focus_and_hops() -> None:
    g = sample_graph()
    assert set(select(g, focus=["Orbán"], hops=0)) == {ORBAN}
    assert set(select(g, focus=["orbán"], hops=1)) == {ORBAN, HUNGARY}
    assert set(select(g, focus=["Viktor Orbán"], hops=2)) == {ORBAN, HUNGARY, ZELENSKY}
    # Hops follow the selected relations only: without OTHER, Hungary is a dead end.
    assert set(select(g, focus=["Orbán"], hops=3, relations=["affiliation"])) == {ORBAN, HUNGARY}
    # Edges point both ways for hops: Putin only receives, yet reaches his accusers' targets.
    assert set(select(g, focus=["Putin"], hops=1)) == {PUTIN, TRUMP, EVIL}
    with pytest.raises(ValueError, match="no entity called 'Nobody'"):
        select(g, focus=["Nobody"])
    assert find_nodes(g, "trump") == [TRUMP]  # an alias
    assert find_nodes(g, "Vladimir") == [PUTIN]  # part of the name, when nothing is exact


def test_view_on_the_seed_agrees_with_networkx_ego_graph(seed_store: Store) -> None:
    whole = to_networkx(seed_store)
    trump = find_nodes(whole, "Donald Trump")
    assert len(trump) == 1
    for hops in (1, 2):
        graph, left_out = view(seed_store, Selection(focus=("Donald Trump",), hops=hops))
        ego = nx.ego_graph(whole, trump[0], radius=hops, undirected=True)
        assert set(graph) == set(ego) and graph.number_of_edges() == ego.number_of_edges()
        assert left_out == whole.number_of_nodes() - graph.number_of_nodes()
    conflict, _ = view(seed_store, Selection(relations=("conflict",), types=("Person",)))
    assert conflict.number_of_edges() > 0
    assert all(family_of(d["relation"]) == "conflict" for *_e, d in conflict.edges(data=True))
    assert {d["type"] for _n, d in conflict.nodes(data=True)} == {"Person"}
    assert not list(nx.isolates(conflict))


def test_construct_query_is_drawn(seed_store: Store, tmp_path: Path) -> None:
    pairs = kg.query("SELECT DISTINCT ?a ?b WHERE { ?a dip:accuses ?b }", store=seed_store).rows
    assert pairs
    rq = tmp_path / "accusations.rq"
    rq.write_text("CONSTRUCT { ?a dip:accuses ?b } WHERE { ?a dip:accuses ?b }", encoding="utf-8")
    graph, _ = view(seed_store, Selection(query=str(rq)))
    assert {(u, v) for u, v in graph.edges()} == {(r["a"], r["b"]) for r in pairs}
    assert _relations(graph) == {"ACCUSE"}  # the direct property, named by its relation
    whole = to_networkx(seed_store)
    for node, data in graph.nodes(data=True):  # labels and types come from the store
        assert (data["label"], data["type"]) == (whole.nodes[node]["label"],
                                                 whole.nodes[node]["type"])
    with pytest.raises(ValueError, match="not a CONSTRUCT"):
        view(seed_store, Selection(query="positions"))
    with pytest.raises(ValueError, match=r"^query: "):
        view(seed_store, Selection(query="CONSTRUCT { ?a ?b }"))


def test_projections(seed_store: Store) -> None:
    actors = to_networkx(seed_store)  # the signature analytics code relies on
    assert actors.number_of_nodes() == kg.stats(store=seed_store)["entities"]
    assert "OTHER" not in _relations(actors)
    events = kg.to_networkx(store=seed_store, projection="events")
    statements = [n for n, d in events.nodes(data=True) if d["type"] == "Event"]
    # Every statement that happened is an event node (OTHER ones left out, as in the actor
    # projection; so are negated, hypothetical, possible and planned events).
    happened = kg.query("""SELECT (COUNT(*) AS ?n) WHERE {
        ?st a dip:Statement ; dip:relation ?rel .
        FILTER(?rel != rel:OTHER)
        FILTER NOT EXISTS { ?st dip:factuality ?f . FILTER(?f != fact:asserted) } }""",
                        store=seed_store).rows[0]["n"]
    assert 0 < len(statements) == int(happened)
    for node in statements:
        assert events.in_degree(node) == 1 and events.out_degree(node) <= 1
        assert all(events.nodes[n]["type"] != "Event" for n in nx.all_neighbors(events, node))
    with_object = sum(1 for n in statements if events.out_degree(n) == 1)
    assert with_object == actors.number_of_edges()
    # The others (quotations, events with no recipient) stay with their subject in the
    # actor projection, for the node's panel.
    alone = [(node, item) for node, data in actors.nodes(data=True) for item in data["alone"]]
    assert len(alone) == len(statements) - with_object > 0
    said = [item for _node, item in alone if item["relation"] == "SAID"]
    assert said and all(item["quote"] and item["evidence"][0]["sentence"] for item in said)
    assert all(events.has_edge(node, item["statement"]) for node, item in alone)
    conflict = kg.to_networkx(store=seed_store, family="conflict")
    assert _relations(conflict) == {r for r in _relations(actors) if family_of(r) == "conflict"}
    assert "OTHER" in _relations(kg.to_networkx(store=seed_store, family="other"))
    with pytest.raises(ValueError, match="unknown projection"):
        kg.to_networkx(store=seed_store, projection="people")
    with pytest.raises(ValueError, match="unknown relation family"):
        kg.to_networkx(store=seed_store, family="war")


def _kg(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1", "COLUMNS": "300"})


def test_cli_render_filters(seed_store: Store, tmp_path: Path) -> None:
    store = seed_store.path
    out = tmp_path / "trump.html"
    done = _kg("render", "-s", store, "-o", out, "--focus", "Donald Trump", "--hops", "1",
               "--relation", "ACCUSE,REQUEST,CONSULT", "--type", "Person,Country")
    assert done.returncode == 0, done.stderr
    expected, _ = view(seed_store, Selection(focus=("Donald Trump",), hops=1,
                                             relations=("ACCUSE", "REQUEST", "CONSULT"),
                                             types=("Person", "Country")))
    assert f"{expected.number_of_nodes()} entities, {expected.number_of_edges()} relations" \
        in done.stdout
    for bad, message in ((["--relation", "ACCUSE,SPY"], "unknown relation 'SPY'"),
                         (["--type", "Ship"], "unknown type 'Ship'"),
                         (["--focus", "Nobody Atall"], "no entity called 'Nobody Atall'"),
                         (["--since", "yesterday"], "not a date"),
                         (["--query", tmp_path / "missing.rq"], "missing.rq")):
        failed = _kg("render", "-s", store, "-o", tmp_path / "bad.html", *bad)
        assert failed.returncode == 2 and message in failed.stderr, failed.stderr
        assert len(failed.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "bad.html").exists()
    assert set(relations()) >= {"ACCUSE", "REQUEST", "SAID", "OTHER"}


def test_render_caps_a_big_graph_and_says_so(seed_store: Store, tmp_path: Path) -> None:
    whole = kg.render(tmp_path / "all.html", store=seed_store)
    small = kg.render(tmp_path / "small.html", store=seed_store, max_nodes=5,
                      focus="Olga Stefanishyna", hops=3)
    focused = kg.render(tmp_path / "focus.html", store=seed_store, focus="Olga Stefanishyna",
                        hops=3)
    assert whole.capped == 0 and small.nodes == 5
    assert small.capped == focused.nodes - 5 > 0
    # the focus entity stays whatever its degree; the rest are the most connected
    page = (tmp_path / "small.html").read_text(encoding="utf-8")
    assert "Olga Stefanishyna" in page and "Donald Trump" in page
