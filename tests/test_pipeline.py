"""The build end to end on real text: what lands in the store, and incremental rebuilds."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import SEED_ID, SEEDS
from servers import ServerMissing, start_oxigraph, start_virtuoso

import kg
from kg.exporters import write_statements
from kg.graph.rdf import Run
from kg.graph.store import Store
from kg.pipeline import Builder, _read_in_workers
from kg.queries import run_query
from kg.records import Block, Document, Reading
from kg.tasks import Failure, extract_articles


def _positions(store: Store) -> set[tuple[str, str, str]]:
    return {(r["person"], r["title"], r["of"]) for r in kg.query("positions", store=store).rows}


def test_seed_positions_are_queryable(seed_store: Store) -> None:
    positions = _positions(seed_store)
    assert {
        ("Donald Trump", "President", "United States"),
        ("Vladimir Putin", "President", "Russia"),
        ("Viktor Orbán", "Prime Minister", "Hungary"),
        ("Narendra Modi", "Prime Minister", "India"),
        ("Olga Stefanishyna", "ambassador", "Ukraine"),
    } <= positions


def test_seed_article_metadata_and_provenance(seed_store: Store) -> None:
    rows = kg.query(
        """SELECT ?title ?date ?software ?model WHERE {
             ?a a dip:Article ; dip:documentId ?id ; schema:headline ?title ;
                schema:datePublished ?date ; prov:wasGeneratedBy ?run .
             ?run dip:softwareVersion ?software ; dip:model ?model .
             FILTER(?id = "%s") }""".replace("%s", SEED_ID),
        store=seed_store,
    ).rows
    assert rows == [{
        "title": "Trump and Putin Plan Hungary Summit After “Productive” Call Amid Ukraine War",
        "date": "2025-10-16",
        "software": f"kg {kg.__version__}",
        "model": rows[0]["model"],
    }]
    assert rows[0]["model"].startswith("en_core_web_sm")


def test_every_statement_points_at_its_sentence(seed_store: Store) -> None:
    text = (SEEDS / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    rows = run_query(seed_store, kg.named_queries()["statements"]).rows
    assert len(rows) > 20
    for row in rows:
        assert text[row["start"]:row["end"]] == row["sentence"]
        assert 0 < row["confidence"] <= 1


def test_direct_property_beside_the_event_node(seed_store: Store) -> None:
    direct = kg.query(
        """SELECT ?a ?b WHERE { ?x dip:consults ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }""",
        store=seed_store,
    ).rows
    assert {"a": "Donald Trump", "b": "Vladimir Putin"} in direct
    events = kg.query(
        """SELECT ?sentence WHERE {
             ?e a dip:Consult ; dip:subject/rdfs:label "Donald Trump" ;
                dip:object/rdfs:label "Vladimir Putin" ;
                prov:wasDerivedFrom/dip:text ?sentence }""",
        store=seed_store,
    ).rows
    assert any("phone conversation" in r["sentence"] for r in events)


def test_quotations_have_speakers(seed_store: Store) -> None:
    quotes = {(r["speaker"], r["quote"]) for r in kg.query("quotations", store=seed_store).rows}
    assert any(s == "Viktor Orbán" and "only dialogue can bring peace" in q for s, q in quotes)
    assert any(s == "Donald Trump" and "Great progress was made today" in q for s, q in quotes)


def test_headings_and_boilerplate_never_reach_sentences(seed_store: Store) -> None:
    sentences = [r["s"] for r in kg.query(
        "SELECT ?s WHERE { ?x a dip:Sentence ; dip:text ?s }", store=seed_store).rows]
    assert sentences
    for heading in ("Ukraine’s Reaction and Growing Tensions", "Post a Comment", "Tags"):
        assert not any(heading in s for s in sentences)


def _graph_quads(store: Store) -> set[str]:
    return {str(q) for q in store.quads()}


def test_unchanged_rebuild_changes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    first = kg.build([SEEDS], store=store)
    before = _graph_quads(store)
    second = kg.build([SEEDS], store=store)
    assert (first.written, second.written, second.unchanged) == ([SEED_ID], [], [SEED_ID])
    assert _graph_quads(store) == before


def test_changed_article_replaces_only_its_own_graph(tmp_path: Path, wikinews_sample: Path
                                                     ) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    store = Store(tmp_path / "store")
    kg.build([folder, wikinews_sample], store=store)
    others = {str(q) for q in store.quads() if SEED_ID.replace("_", "-") not in q.graph_name.value}
    seed = folder / f"{SEED_ID}.txt"
    text = seed.read_text(encoding="utf-8")
    cut = text.index("Meanwhile, India’s government")
    seed.write_text(text[:cut], encoding="utf-8")

    report = kg.build([folder, wikinews_sample], store=store)

    assert report.written == [SEED_ID] and len(report.unchanged) == 40
    assert {str(q) for q in store.quads()
            if SEED_ID.replace("_", "-") not in q.graph_name.value} == others
    sentences = [r["s"] for r in kg.query(
        "SELECT ?s WHERE { ?x a dip:Sentence ; dip:text ?s }", store=store).rows]
    assert not any("Indian foreign ministry" in s for s in sentences)
    assert store.article_count() == 41


def test_date_option_applies_to_undated_files_only(tmp_path: Path, wikinews_sample: Path
                                                   ) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Foreign ministers meet\n\nGerman Foreign Minister Annalena Baerbock met "
        "Chinese Foreign Minister Wang Yi in Beijing on Monday.\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    kg.build([folder, wikinews_sample], store=store, date="2024-03-05")
    dates = {r["id"]: r["date"] for r in kg.query(
        "SELECT ?id ?date WHERE { ?a dip:documentId ?id ; schema:datePublished ?date }",
        store=store).rows}
    assert dates["talks"] == "2024-03-05"
    assert dates["magnitogorsk-apartment-building-collapses-after-explosion-dozens-dead"] == \
        "2019-01-04"


def test_worker_processes_build_the_same_graph(tmp_path: Path, wikinews_sample: Path) -> None:
    """``jobs=2`` parses in two worker processes; the store (so every export of it) is the
    same as the single-process build's, and the articles are written in input order."""
    sample = tmp_path / "sample.jsonl"
    with wikinews_sample.open(encoding="utf-8") as source:
        sample.write_text("".join(line for _, line in zip(range(12), source, strict=False)),
                          encoding="utf-8")
    single = Builder(Store(tmp_path / "one"))
    pooled = Builder(Store(tmp_path / "two"), jobs=2)
    pooled.run = single.run  # the run's start time is the one thing allowed to differ
    first = single.build([SEEDS, sample])
    second = pooled.build([SEEDS, sample])

    assert first.errors == second.errors == []
    assert len(first.written) == 13 and second.written == first.written
    assert second.statements == first.statements > 0
    assert _graph_quads(pooled.store) == _graph_quads(single.store)
    lines = {jobs: io.BytesIO() for jobs in (1, 2)}
    write_statements(single.store, lines[1])
    write_statements(pooled.store, lines[2])
    assert lines[2].getvalue() == lines[1].getvalue()


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="jobs"):
        kg.build([SEEDS], store=tmp_path / "store", jobs=0)


def _article(doc_id: str, text: str) -> Document:
    return Document(doc_id, text, (Block(0, len(text)),), origin=f"{doc_id}.txt")


# One paragraph longer than spaCy will parse (its max_length, 1,000,000 characters): what a
# reader that did not cut it would hand over. spaCy refuses it before parsing, so it is quick.
OVER_LONG = _article("huge", "Talks resumed. " * 70_000)


def _kinds(outcomes: list[Reading | Failure]) -> list[tuple[str, str]]:
    return [(type(o).__name__, o.document_id if isinstance(o, Failure) else o.document.id)
            for o in outcomes]


def test_an_article_that_fails_to_parse_costs_only_itself() -> None:
    before = _article("before", "Russia and Ukraine held talks in Istanbul.")
    after = _article("after", "China and India signed a trade deal in Delhi.")
    outcomes = extract_articles([before, OVER_LONG, after])
    assert _kinds(outcomes) == [("Reading", "before"), ("Failure", "huge"), ("Reading", "after")]
    assert outcomes[1].message.startswith("huge.txt: parsing failed (")
    assert "\n" not in outcomes[1].message


def test_worker_processes_report_a_failing_article_and_read_the_rest() -> None:
    before = _article("before", "Russia and Ukraine held talks in Istanbul.")
    after = _article("after", "China and India signed a trade deal in Delhi.")
    tasks = iter([[before, OVER_LONG], [after]])
    run = Run("kg test", "model", "2025-01-01T00:00:00Z")
    outcomes = [o for task in _read_in_workers(tasks, "", None, 2, run) for o in task]
    # the workers hand back each article's graph, ready to write
    assert [(type(o).__name__, o.document_id) for o in outcomes] == [
        ("Prepared", "before"), ("Failure", "huge"), ("Prepared", "after")]
    assert b"Istanbul" in outcomes[0].quads and outcomes[0].statements > 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_hostile_records_cost_only_themselves(tmp_path: Path, jobs: int) -> None:
    """Good files before and after records that no digest or RDF literal can hold (lone
    surrogates, which JSON escapes allow) are built, in-process and in workers; each hostile
    record is built or named by one error line, and the build goes on."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Russia and Ukraine held talks in Istanbul.", encoding="utf-8")
    records = [{"id": "bad-text", "text": "France met \ud800 Germany in Paris."},
               {"id": "bad-source", "source": "\udc80 Agency", "text": "Japan met Korea."}]
    records += [{"id": f"good-{n}", "text": f"Spain and Italy held talks {n} times."}
                for n in range(10)]  # enough articles for two tasks, so workers start
    (folder / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records),
                                    encoding="utf-8")
    (folder / "c.txt").write_text("China and India signed a trade deal.", encoding="utf-8")
    store = Store(tmp_path / "store")

    report = kg.build([folder], store=store, jobs=jobs)

    good = ["a", *(f"good-{n}" for n in range(10)), "c"]
    assert set(good) <= set(report.written)
    for line, doc_id in ((1, "bad-text"), (2, "bad-source")):
        named = [e for e in report.errors if f"b.jsonl:{line}:" in e]
        assert len(named) == (doc_id not in report.written), (doc_id, report.errors)
    assert len(report.errors) + len(report.written) == len(records) + 2
    assert store.article_count() == len(report.written)


def test_a_batch_owes_the_entity_pass_until_it_is_done(tmp_path: Path) -> None:
    """Builder.build writes batches only; the store records the pass owed until kg.build
    (which runs it) clears it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Russia and Ukraine held talks in Istanbul.", encoding="utf-8")
    store = Store(tmp_path / "store")
    Builder(store).build([folder])
    assert store.entity_pass_pending()
    report = kg.build([folder], store=store)
    assert report.written == [] and not store.entity_pass_pending()


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_a_server_store_records_the_entity_pass_owed(kind: str, tmp_path: Path) -> None:
    """The record rides in the batch's own SPARQL update, and the pass clears it."""
    try:
        server = start_oxigraph(tmp_path) if kind == "oxigraph" else start_virtuoso(tmp_path)
    except ServerMissing as missing:
        pytest.skip(str(missing))
    try:
        store = Store(server.url)
        assert not store.entity_pass_pending()
        store.replace_articles([("a", [])])
        assert store.entity_pass_pending()
        assert len(store) == len(list(store.quads())) == 0  # bookkeeping, not knowledge
        store.entity_pass_done()
        assert not store.entity_pass_pending()
        store.replace_serialized([("b", b""), ("c", b"")], new=True)  # owed over b and c
        assert store.entity_pass_pending() and store.owed_articles() == ["b", "c"]
        store.replace_articles([("b", [])])  # b replaced: owed over the whole store
        assert store.owed_articles() is None
        store.entity_pass_done()
        assert not store.entity_pass_pending()
    finally:
        server.stop()
