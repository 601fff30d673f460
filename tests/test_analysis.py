"""Network analytics (kg/analysis.py, ``kg analyze``) on the seed article and the corpus."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.analysis import (
    Analysis,
    analyze,
    communities,
    country_balance,
    country_of,
    fold,
)
from kg.graph.namespaces import DIP
from kg.graph.ontology import family_of, relations
from kg.graph.store import Store
from kg.queries import Result
from kg.viz.project import to_networkx


def _pair(result: Result, a: str, b: str) -> dict[str, object]:
    first, second = sorted((a, b))
    found = [r for r in result.rows if (r["country_a"], r["country_b"]) == (first, second)]
    assert len(found) == 1, f"no balance row for {a}–{b}: {result.rows}"
    return found[0]


def test_trump_is_the_most_connected_actor_of_the_seed(seed_store: Store) -> None:
    ranking = kg.analyze(store=seed_store).centrality
    top = ranking.rows[0]
    assert top["actor"] == "Donald Trump" and top["rank"] == 1
    # His score is the count of statements the projection draws between him and others.
    graph = to_networkx(seed_store)
    touching = [e for e in graph.edges(top["iri"])] + [e for e in graph.in_edges(top["iri"])]
    assert top["statements"] == len([(u, v) for u, v in touching if u != v])
    assert [r["rank"] for r in ranking.rows] == list(range(1, len(ranking.rows) + 1))
    assert all(0 <= r["betweenness"] <= 1 and 0 <= r["eigenvector"] <= 1 for r in ranking.rows)


def test_rankings_by_other_measures_are_sorted_by_them(seed_store: Store) -> None:
    for measure in ("betweenness", "eigenvector"):
        rows = kg.analyze(store=seed_store, by=measure).centrality.rows
        scores = [r[measure] for r in rows]
        assert scores == sorted(scores, reverse=True) and scores[0] > 0
    with pytest.raises(ValueError, match="unknown measure"):
        kg.analyze(store=seed_store, by="fame")


def test_the_seed_sets_russia_against_ukraine(seed_store: Store) -> None:
    # The seed: Russia launched missile strikes on Ukrainian cities, Ukraine's ambassador
    # condemned Russia; Zelensky presses the US for missiles and Trump backs Ukraine.
    balance = kg.analyze(store=seed_store).balance
    russia_ukraine = _pair(balance, "Russia", "Ukraine")
    assert russia_ukraine["leaning"] == "conflict" and russia_ukraine["conflict"] >= 2
    assert russia_ukraine["balance"] < 0
    assert _pair(balance, "Ukraine", "United States")["leaning"] == "cooperation"
    for row in balance.rows:
        total = row["cooperation"] + row["conflict"]
        assert total > 0
        assert row["balance"] == pytest.approx((row["cooperation"] - row["conflict"]) / total,
                                               abs=1e-3)


def test_people_speak_for_the_one_country_whose_post_they_hold(seed_store: Store) -> None:
    graph = to_networkx(seed_store)
    owner = {graph.nodes[a]["label"]: graph.nodes[c]["label"]
             for a, c in country_of(graph).items()}
    assert owner["Vladimir Putin"] == "Russia"
    assert owner["Olga Stefanishyna"] == "Ukraine"  # "Ukraine's ambassador to the US"
    assert owner["Russia"] == "Russia"
    assert "NATO" not in owner


def test_balance_counts_events_of_both_families_and_skips_ambiguous_people() -> None:
    cooperative = next(code for code in relations() if family_of(code) == "cooperation")
    conflictual = next(code for code in relations() if family_of(code) == "conflict")
    position = next(c for c, t in relations().items()
                    if t.statement_class == str(DIP.PositionHolding))
    graph = nx.MultiDiGraph()
    for node, kind in [("a", "Country"), ("b", "Country"), ("c", "Country"), ("p", "Person"),
                       ("q", "Person"), ("o", "Organisation")]:
        graph.add_node(node, label=node.upper(), type=kind)
    graph.add_edge("p", "a", relation=position)
    graph.add_edge("q", "b", relation=position)
    graph.add_edge("q", "c", relation=position)  # two countries: q speaks for neither
    graph.add_edge("p", "b", relation=cooperative)
    graph.add_edge("b", "p", relation=conflictual)
    graph.add_edge("a", "b", relation=conflictual)
    graph.add_edge("q", "a", relation=conflictual)
    graph.add_edge("o", "a", relation=conflictual)
    graph.add_edge("p", "a", relation=cooperative)  # within one country: not a pair
    graph.add_edge("a", "c", relation=position)  # not an event: ignored
    rows = country_balance(graph).rows
    assert rows == [{"country_a": "A", "country_b": "B", "cooperation": 1, "conflict": 2,
                     "balance": -0.333, "leaning": "conflict"}]


def test_family_keeps_only_its_relations(seed_store: Store) -> None:
    graph = to_networkx(seed_store)
    conflict = fold(graph, family="conflict")
    expected = {frozenset((u, v)) for u, v, r in graph.edges(data="relation")
                if family_of(r) == "conflict" and u != v}
    assert {frozenset(e) for e in conflict.edges} == expected and expected
    assert sum(w for *_, w in conflict.edges(data="weight")) < fold(graph).size("weight")
    with pytest.raises(ValueError, match="choose from affiliation, conflict, cooperation"):
        fold(graph, family="peace")


def test_communities_are_a_deterministic_partition(seed_store: Store) -> None:
    graph = to_networkx(seed_store)
    folded = fold(graph)
    first = communities(folded)
    # The same graph handed over in the reverse order gives the same communities.
    reverse = nx.MultiDiGraph()
    reverse.add_nodes_from(reversed(list(graph.nodes(data=True))))
    reverse.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert communities(fold(reverse)).rows == first.rows
    assert kg.analyze(store=seed_store).communities.rows == first.rows
    members = [r["iri"] for r in first.rows]
    assert sorted(members) == sorted(folded.nodes)
    sizes = [r["size"] for r in first.rows]
    assert sizes == sorted(sizes, reverse=True) and len(set(r["community"] for r in first.rows)) > 1
    # Trump and Putin, who call, meet and agree again and again, share a community.
    by_actor = {r["actor"]: r["community"] for r in first.rows}
    assert by_actor["Donald Trump"] == by_actor["Vladimir Putin"]


def test_an_empty_store_gives_empty_tables(tmp_path: Path) -> None:
    analysis = analyze(Store(tmp_path / "empty"))
    assert all(table.rows == [] for table in analysis.tables().values())


class _Broken:
    """A table whose CSV fails halfway, as a full disk would."""

    def to_csv(self) -> str:
        raise OSError("disk full")


def test_csv_files_are_written_atomically(seed_store: Store, tmp_path: Path) -> None:
    analysis = kg.analyze(store=seed_store)
    written = analysis.write_csv(tmp_path)
    assert [p.name for p in written] == ["centrality.csv", "communities.csv", "balance.csv"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "centrality.csv").read_text())))
    assert rows[0]["actor"] == "Donald Trump" and len(rows) == len(analysis.centrality.rows)
    (tmp_path / "balance.csv").write_text("old\n")
    broken = Analysis(analysis.centrality, analysis.communities, _Broken())  # type: ignore[arg-type]
    with pytest.raises(OSError, match="disk full"):
        broken.write_csv(tmp_path)
    assert (tmp_path / "balance.csv").read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in sorted(written)]


def _kg(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})


def test_kg_analyze_prints_tables_and_writes_csv(seed_store: Store, tmp_path: Path) -> None:
    result = _kg("analyze", "--store", seed_store.path, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for title in ("centrality", "communities", "balance"):
        assert title in result.stdout
    assert result.stdout.index("Donald Trump") < result.stdout.index("Vladimir Putin")
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "centrality.csv", "communities.csv", "balance.csv"}
    result = _kg("analyze", "--store", seed_store.path, "--only", "balance", "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"Russia", "Ukraine"} in [{r["country_a"], r["country_b"]} for r in rows]


@pytest.mark.parametrize(("args", "message"), [
    (["--by", "fame"], "unknown measure 'fame'"),
    (["--family", "peace"], "unknown relation family 'peace'"),
    (["--only", "gossip"], "unknown table 'gossip'"),
    (["--csv"], "exactly one table"),
])
def test_kg_analyze_usage_errors(seed_store: Store, args: list[str], message: str) -> None:
    result = _kg("analyze", "--store", seed_store.path, *args)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_kg_analyze_names_an_unwritable_output(seed_store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = _kg("analyze", "--store", seed_store.path, "-o", blocker / "out")
    assert result.returncode == 2 and str(blocker / "out") in result.stderr


def test_corpus_analysis_lists_top_actors_and_communities(corpus_store: Store) -> None:
    analysis = kg.analyze(store=corpus_store)
    ranking = analysis.centrality.rows
    assert len(ranking) > 100
    graph = to_networkx(corpus_store)
    # The top actor by statements really is the best connected node of the projection.
    degree = {n: sum(1 for u, v in [*graph.out_edges(n), *graph.in_edges(n)] if u != v)
              for n in graph}
    assert ranking[0]["statements"] == max(degree.values())
    groups = {r["community"] for r in analysis.communities.rows}
    assert len(groups) > 5
    assert analysis.communities.rows == kg.analyze(store=corpus_store).communities.rows
    assert any(r["leaning"] == "conflict" for r in analysis.balance.rows)
    assert any(r["leaning"] == "cooperation" for r in analysis.balance.rows)
