"""Every command driven as a user would: the real ``kg`` executable in a subprocess."""

from __future__ import annotations

import csv
import inspect
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from conftest import SEED_ID, SEEDS

import kg
import kg.graph.iri
from kg.cli import app
from kg.graph import summaries
from kg.graph.store import Store

KG = [sys.executable, "-m", "kg"]


def run(*args: str | Path, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {result.stderr}")
    return result


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = run("build", SEEDS, "--store", path)
    assert "1 articles built" in result.stdout
    return path


COMMANDS = {info.callback.__name__: info.callback for info in app.registered_commands}


def test_the_commands_are_all_there() -> None:
    assert {"build", "query", "export", "render", "serve", "stats", "validate", "entities",
            "show", "analyze", "openie"} <= set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert "Usage" in result.stdout
    # every command that reads or writes the graph says where, the same way
    if "store" in inspect.signature(COMMANDS[command]).parameters:
        assert "--store" in result.stdout


def test_version() -> None:
    assert run("--version").stdout.strip().startswith("kg 0.")


def test_rebuild_reports_unchanged(store: Path) -> None:
    result = run("build", SEEDS, "--store", store)
    assert "0 articles built, 1 unchanged" in result.stdout


def test_query_named_as_csv(store: Path) -> None:
    result = run("query", "positions", "--store", store, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"person": "Viktor Orbán", "title": "Prime Minister", "of": "Hungary",
            "doc": SEED_ID} in rows


def test_query_limit_gives_the_first_rows(store: Path) -> None:
    whole = list(csv.reader(io.StringIO(run("query", "statements", "-s", store, "-f",
                                             "csv").stdout)))
    first = list(csv.reader(io.StringIO(run("query", "statements", "-s", store, "-f", "csv",
                                             "--limit", "3").stdout)))
    assert len(whole) > 4 and first == whole[:4]  # the header and three rows


def test_paged_query_streams_the_whole_answer(corpus_store: Store, tmp_path: Path) -> None:
    whole = kg.query("statements", store=corpus_store)
    assert len(corpus_store.article_index()) > 100  # several pages of 50 articles
    printed = run("query", "statements", "-s", corpus_store.path, "-f", "csv").stdout
    assert printed == whole.to_csv()
    output = tmp_path / "statements.json"
    run("query", "statements", "-s", corpus_store.path, "-f", "json", "-o", output)
    assert json.loads(output.read_text(encoding="utf-8")) == whole.rows


def test_query_text_as_json_and_rq_file(store: Path, tmp_path: Path) -> None:
    sparql = "SELECT ?name WHERE { ?p a dip:Person ; rdfs:label ?name } ORDER BY ?name"
    names = [r["name"] for r in json.loads(run("query", sparql, "-s", store, "-f", "json").stdout)]
    assert "Donald Trump" in names and "Vladimir Putin" in names
    query_file = tmp_path / "people.rq"
    query_file.write_text(sparql, encoding="utf-8")
    output = tmp_path / "people.json"
    run("query", query_file, "-s", store, "-f", "json", "-o", output)
    assert [r["name"] for r in json.loads(output.read_text(encoding="utf-8"))] == names


def test_construct_prints_turtle(store: Path) -> None:
    result = run("query", "CONSTRUCT { ?p a dip:Person } WHERE { ?p a dip:Person }", "-s", store)
    assert "@prefix dip:" in result.stdout and "dip:Person" in result.stdout


def test_query_table_and_list(store: Path) -> None:
    assert "who-met-whom" in run("query", "--list").stdout
    table = run("query", "who-met-whom", "-s", store).stdout
    assert "Donald Trump" in table and "Vladimir Putin" in table


def test_malformed_query_is_one_line_exit_2(store: Path) -> None:
    result = run("query", "SELECT ?x WHERE {", "-s", store, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("error: query:") and "Traceback" not in result.stderr


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = run("stats", "--store", tmp_path / "nowhere", check=False)
    assert result.returncode == 2
    assert "no knowledge graph here" in result.stderr


def test_validate_conforms(store: Path) -> None:
    assert "conforms: 1 articles, 0 violations" in run("validate", "-s", store).stdout


def test_entities_lists_people_once_with_aliases(store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(
        run("entities", "-s", store, "--type", "Person", "-f", "csv", "--limit", "0").stdout)))
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    trump = next(r for r in rows if r["name"] == "Donald Trump")
    assert "Trump" in trump["aliases"].split("; ") and int(trump["mentions"]) > 5
    assert "Trump" not in names


def test_show_prints_statements_with_evidence(store: Path) -> None:
    out = run("show", "orbán", "-s", store).stdout
    assert out.startswith("Viktor Orbán (Person)")
    assert "HOLDS_POSITION: Viktor Orbán → Hungary Prime Minister" in out
    assert "only dialogue can bring peace" in out


def test_show_says_which_events_did_not_happen_yet(store: Path) -> None:
    # the seed announces a Trump–Putin meeting in Hungary: planned, beside the calls that were
    lines = run("show", "Vladimir Putin", "-s", store).stdout.splitlines()
    assert any(line.strip().startswith("CONSULT (planned): Donald Trump") for line in lines)
    assert any(line.strip().startswith("CONSULT: Donald Trump") for line in lines)


def test_show_prints_a_profile_and_pages_the_statements(store: Path) -> None:
    def said(lines: list[str]) -> list[str]:  # a statement's line, not its evidence's
        return [line for line in lines if line.startswith("  ") and line[2] != " "]

    whole = run("show", "vladimir putin", "-s", store, "--limit", "0").stdout.splitlines()
    assert "posts (articles): President of Russia (1)" in whole and "country: RUS" in whole
    assert any(line.startswith("relations (articles as subject/object): ") for line in whole)
    assert any(line.startswith("most linked with (articles): ") and "Donald Trump (1)" in line
               for line in whole)
    page = run("show", "vladimir putin", "-s", store, "--limit", "2", "--offset", "3")
    assert said(page.stdout.splitlines()) == said(whole)[3:5]
    assert f"statements 4–5 of {len(said(whole))}, newest first:" in page.stdout
    assert f"{len(said(whole)) - 5} more (--offset 5" in page.stderr


def test_show_unknown_entity(store: Path) -> None:
    result = run("show", 'Nobody") } DROP ALL {', "-s", store, check=False)
    assert result.returncode == 1 and "no entity called" in result.stderr


def test_stats(store: Path) -> None:
    out = run("stats", "-s", store).stdout
    assert "articles" in out and "HOLDS_POSITION" in out


def test_export_jsonl_scores(store: Path, tmp_path: Path) -> None:
    output = tmp_path / "statements.jsonl"
    run("export", "--format", "jsonl", "-s", store, "-o", output)
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    for key in ("doc", "subject", "relation", "object", "role", "quote", "sentence", "start",
                "end", "confidence"):
        assert key in rows[0]
    assert {"HOLDS_POSITION", "SAID", "CONSULT"} <= {r["relation"] for r in rows}
    score = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
    gold = score.parent / "gold-dev.jsonl"
    if score.is_file():
        result = subprocess.run([sys.executable, score, "--gold", gold, "--pred", output],
                                capture_output=True, text=True, check=True)
        assert result.stdout.splitlines()[-1].startswith("micro P")


def test_export_to_stdout(store: Path) -> None:
    assert "@prefix dip:" in run("export", "-f", "ttl", "-s", store).stdout


def test_unknown_export_format(store: Path) -> None:
    result = run("export", "-f", "docx", "-s", store, check=False)
    assert result.returncode == 2 and "unknown format 'docx'" in result.stderr


def test_render_writes_html(store: Path, tmp_path: Path) -> None:
    output = tmp_path / "graph.html"
    run("render", "-s", store, "-o", output)
    page = output.read_text(encoding="utf-8")
    assert "Vladimir Putin" in page and "<script" in page


BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1.txt": "Caf\xe9 talks in Paris.".encode("latin-1"),
    "notes.docx": b"PK\x03\x04",
    "feed.jsonl": (b'{"id": "ok-1", "title": "Talks", "text": "Russia and China held talks."}\n'
                   b"{not json}\n"
                   b'{"id": "empty-1", "title": "Nothing"}\n'),
}


def test_bad_input_is_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    for name, data in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    store = tmp_path / "store"
    result = run("build", folder, folder / "notes.docx", "--store", store, check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    expected = {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "notes.docx": "unknown file type",
        "feed.jsonl:2": "not JSON",
        "feed.jsonl:3": "no text",
    }
    assert len(errors) == len(expected)
    for where, what in expected.items():
        assert any(where in line and what in line for line in errors), (where, errors)
    # Latin-1 is read, and said so in one line
    assert "latin1.txt: not UTF-8, read as Windows-1252" in result.stderr
    assert "3 articles built" in result.stdout
    assert Store(store, read_only=True).article_count() == 3


def test_bad_date_option(tmp_path: Path) -> None:
    result = run("build", SEEDS, "--date", "someday", "-s", tmp_path / "s", check=False)
    assert result.returncode == 2 and "--date" in result.stderr


def test_killed_build_keeps_whole_articles(tmp_path: Path, wikinews_sample: Path) -> None:
    """SIGKILL mid-build: every article in the store is complete, a rerun finishes, and the
    build's worker processes and their fork server end with it."""
    reference = tmp_path / "reference"
    run("build", wikinews_sample, "-s", reference)
    per_article = """SELECT ?id (COUNT(?st) AS ?n) WHERE {
        GRAPH ?g { ?a dip:documentId ?id . OPTIONAL { ?st a dip:Statement } } } GROUP BY ?id"""
    expected = {r["id"]: r["n"] for r in json.loads(
        run("query", per_article, "-s", reference, "-f", "json").stdout)}

    store = tmp_path / "killed"
    env = {**os.environ, "KG_WRITE_BATCH": "4"}
    process = subprocess.Popen([*KG, "build", str(wikinews_sample), "-s", str(store), "-v",
                                "--jobs", "2"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    writes = 0
    for line in process.stderr:  # two committed batches, then kill it mid-way
        writes += line.startswith("written:")
        if writes == 2:
            break
    helpers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    # the fork server and its two workers (and multiprocessing's resource tracker)
    assert len(helpers) >= 3
    _, alive = psutil.wait_procs(helpers, timeout=30)
    assert alive == []

    partial = {r["id"]: r["n"] for r in json.loads(
        run("query", per_article, "-s", store, "-f", "json").stdout)}
    assert 0 < len(partial) < len(expected)
    assert all(expected[doc] == n for doc, n in partial.items())

    result = run("build", wikinews_sample, "-s", store)
    assert f"{len(partial)} unchanged" in result.stdout
    final = {r["id"]: r["n"] for r in json.loads(
        run("query", per_article, "-s", store, "-f", "json").stdout)}
    assert final == expected


def test_error_lines_are_whole_and_markup_is_shown_not_obeyed(tmp_path: Path) -> None:
    """Names and metadata holding Rich markup, a newline or an escape sequence, and a name
    longer than 80 columns: each error is one line, as written, on a stderr that is no
    terminal, and the good article is built."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Russia and Ukraine held talks in Istanbul.",
                                     encoding="utf-8")
    for name in ("[bold red]loud[reverse].txt", "two\nlines.txt", "bell\x1b[2J.txt",
                 "long-" + "x" * 150 + ".txt"):
        (folder / name).write_bytes(b"")
    (folder / "feed.jsonl").write_text(
        '{"id": "oops", "date": "[/oops]", "text": "France and Germany met."}\n',
        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # the 80-column default
    result = subprocess.run([*KG, "build", folder, "-s", tmp_path / "store"],
                            capture_output=True, text=True, env={**env, "NO_COLOR": "1"})
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 5 and all(line.startswith("error: ") for line in lines), lines
    for shown in ("[bold red]loud[reverse].txt: empty", "two\\nlines.txt: empty",
                  "bell\\x1b[2J.txt: empty", "x" * 150 + ".txt: empty", "[/oops]"):
        assert any(shown in line for line in lines), (shown, lines)
    assert result.stdout.startswith("1 articles built")


@pytest.fixture(scope="module")
def marked_store(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed store plus an entity whose label and alias hold markup and an escape, with
    the folded names a build writes for every entity (kg.graph.summaries)."""
    copy = tmp_path_factory.mktemp("marked") / "store"
    shutil.copytree(store, copy)
    graph = kg.graph.iri.article_graph(SEED_ID)
    label = "[/x] [bold]Mark[/bold] :thumbs_up:"
    Store(copy).update(f"""
        PREFIX dip: <https://w3id.org/kg-diplomacy/ontology#>
        INSERT DATA {{ GRAPH <{graph}> {{
          <https://example.org/marked> a dip:Person ; dip:mentionCount 999 ;
            <http://www.w3.org/2000/01/rdf-schema#label> "{label}" ;
            <http://www.w3.org/2004/02/skos/core#altLabel> "Mark\\u001b[2J" ;
            <{summaries.NAME.value}> "{summaries.name_key(label)}" }} }}""")
    return copy


def test_entities_and_query_print_labels_as_they_are(marked_store: Path) -> None:
    table = run("entities", "-s", marked_store, "--limit", "3").stdout
    assert "[/x] [bold]Mark[/bold] :thumbs_up:" in table and "Mark\\x1b[2J" in table
    answer = run("query", "SELECT ?name WHERE { ?p rdfs:label ?name FILTER(STRSTARTS(?name, "
                 '"[/x]")) }', "-s", marked_store).stdout
    assert "[/x] [bold]Mark[/bold] :thumbs_up:" in answer
    shown = run("show", "[/x] [bold]Mark[/bold] :thumbs_up:", "-s", marked_store).stdout
    assert shown.startswith("[/x] [bold]Mark[/bold] :thumbs_up: (Person)")


def test_dash_output_is_standard_output(store: Path, tmp_path: Path) -> None:
    """``-o -`` writes to standard output for every command that writes a file, and never a
    file called ``-``; analyze, which writes a folder, says so."""
    sentences = tmp_path / "sentences.txt"
    sentences.write_text("Russia and Ukraine held talks in Istanbul.\n", encoding="utf-8")
    outputs = {
        ("query", "positions", "-f", "csv"): "Viktor Orbán,Prime Minister,Hungary",
        ("export", "-f", "ttl"): "@prefix dip:",
        ("render",): "<script",
        ("openie", sentences): "Russia",
    }
    for args, expected in outputs.items():
        store_option = ("-s", store) if args[0] != "openie" else ()
        result = run(*args, *store_option, "-o", "-", cwd=tmp_path)
        assert expected in result.stdout, args
        assert not (tmp_path / "-").exists(), args
    refused = run("analyze", "-s", store, "-o", "-", cwd=tmp_path, check=False)
    assert refused.returncode == 2 and "--only NAME --csv" in refused.stderr
    assert not (tmp_path / "-").exists()


def _normalised_quads(path: Path) -> set[str]:
    """The store's quads, the one thing two builds may differ in (the run's start time, and
    so the run's IRI) made equal."""
    quads = {str(q) for q in Store(path, read_only=True).quads()}
    return {re.sub(r"/run/[0-9a-f]+|\"\d{4}-\d\d-\d\dT[\d:]+Z\"", "*", q) for q in quads}


def test_entity_pass_cut_off_by_a_kill_is_finished_by_the_next_build(
        tmp_path: Path, wikinews_sample: Path) -> None:
    sample = tmp_path / "sample.jsonl"
    with wikinews_sample.open(encoding="utf-8") as source:
        sample.write_text("".join(line for _, line in zip(range(12), source, strict=False)),
                          encoding="utf-8")
    clean = tmp_path / "clean"
    run("build", SEEDS, sample, "-s", clean)
    killed = tmp_path / "killed"
    # Every batch written, then SIGKILL where the entity pass starts: the store as `kg build`
    # leaves it when killed during the pass (the pass is one update, so nothing of it lands).
    crash = ("import os, signal, sys\nfrom kg.graph.store import Store\n"
             "from kg.pipeline import Builder\n"
             "Builder(Store(sys.argv[1])).build(sys.argv[2:])\n"
             "os.kill(os.getpid(), signal.SIGKILL)\n")
    crashed = subprocess.run([sys.executable, "-c", crash, killed, SEEDS, sample],
                             capture_output=True, text=True)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    assert _normalised_quads(killed) != _normalised_quads(clean)  # the pass has work to do

    result = run("build", SEEDS, sample, "-s", killed)

    assert "0 articles built, 13 unchanged" in result.stdout
    assert _normalised_quads(killed) == _normalised_quads(clean)
