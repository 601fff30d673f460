"""The remote store against real SPARQL servers: ``oxigraph serve`` and Virtuoso 7.

Each server runs on a free loopback port in a temporary folder for the session
(``scripts/install-stores.sh`` installs both). The same builds, incremental rebuilds,
named queries and exports run against each and against the embedded store, and must
agree; then the failure paths: an unreachable server, a build cut off mid-way and
finished by a second run, credentials, and a server whose default graph is not the union.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import SEEDS, WIKINEWS

import kg
from kg.graph.namespaces import BASE
from kg.graph.remote import RemoteStore, settings_for
from kg.graph.store import EmbeddedStore, Store, StoreError, StoreWriteError
from kg.query import QueryError

KG = [sys.executable, "-m", "kg"]
SAMPLE_SIZE = 8
RUN = BASE + "run/"
STARTED = "http://www.w3.org/ns/prov#startedAtTime"
# the server CLI sits in the venv's bin folder, which need not be on PATH
OXIGRAPH = shutil.which("oxigraph", path=f"{Path(sys.executable).parent}{os.pathsep}"
                                         f"{os.environ.get('PATH', '')}")
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A SPARQL server process of the test session."""

    url: str
    command: list[str]
    process: subprocess.Popen | None = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        wait_until_up(self.url, self.process)


def wait_until_up(url: str, process: subprocess.Popen, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}")
        try:
            if httpx.post(url, data={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url}: no answer after {limit:g} s")


def start_oxigraph(folder: Path, *, union: bool = True) -> Server:
    if OXIGRAPH is None:
        pytest.skip("oxigraph (the server CLI) is not installed: run scripts/install-stores.sh")
    port = free_port()
    command = [OXIGRAPH, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    server = Server(f"http://127.0.0.1:{port}/query",
                    command + (["--union-default-graph"] if union else []))
    server.start()
    return server


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
[SPARQL]
{cap}
"""


def start_virtuoso(folder: Path, *, max_rows: int | None = None) -> Server:
    """Virtuoso in ``folder``; ``max_rows`` caps its answers as Debian's default ini does
    (at 10,000), None leaves them uncapped."""
    if VIRTUOSO is None or ISQL is None:
        pytest.skip("virtuoso-opensource-7 is not installed: run scripts/install-stores.sh")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    cap = f"ResultSetMaxRows = {max_rows}" if max_rows else "; no ResultSetMaxRows: no cap"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port,
                                       cap=cap))
    # -f: stay in the foreground, so the fixture owns the process and can stop it
    server = Server(f"http://127.0.0.1:{http_port}/sparql", [VIRTUOSO, "-f", "-c", str(ini)])
    server.start()
    # The anonymous SPARQL user may query but not update until granted; a fresh database's
    # administrator is dba/dba, reachable only on this loopback SQL port.
    subprocess.run([ISQL, str(sql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                   check=True, capture_output=True, timeout=60)
    return server


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article plus the first Wikinews articles, as a folder to build."""
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS} is not present")
    folder = tmp_path_factory.mktemp("remote-sample")
    for seed in SEEDS.iterdir():
        shutil.copy(seed, folder / seed.name)
    with WIKINEWS.open(encoding="utf-8") as source:
        lines = [line for _, line in zip(range(SAMPLE_SIZE), source, strict=False)]
    (folder / "wikinews.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def embedded(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("embedded") / "store")
    report = kg.build([sample], store=store)
    assert report.errors == [] and len(report.written) == SAMPLE_SIZE + 1
    return store


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(request.param)
    started = start_oxigraph(folder) if request.param == "oxigraph" else start_virtuoso(folder)
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def remote(server: Server, sample: Path, embedded: Store) -> Store:
    """The sample built into the server (after the embedded build, so edits to the
    extractors between the two cannot be the difference)."""
    store = Store(server.url)
    assert isinstance(store, RemoteStore)
    report = kg.build([sample], store=store)
    assert report.errors == [] and sorted(report.written) == sorted(embedded.fingerprints())
    return store


def normalised(quads: Iterator) -> set[str]:
    """Quads as N-Quads lines, the build's own run (its IRI and start time) made neutral:
    two builds differ in nothing else."""
    lines = set()
    for quad in quads:
        if quad.predicate.value == STARTED:
            continue
        lines.add(" ".join("<RUN>" if getattr(term, "value", "").startswith(RUN) else str(term)
                           for term in (quad.subject, quad.predicate, quad.object,
                                        quad.graph_name)))
    return lines


def canonical_rows(result: kg.Result) -> list[str]:
    """Rows as sorted JSON: servers may order ties of an ORDER BY differently."""
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in result.rows)


# -- the same graph and the same answers ------------------------------------------------------


def test_build_writes_the_same_quads(remote: Store, embedded: Store) -> None:
    assert len(remote) == len(embedded)
    assert remote.article_graphs() == embedded.article_graphs()
    assert len(remote.article_graphs()) == SAMPLE_SIZE + 1
    assert remote.article_count() == embedded.article_count() == SAMPLE_SIZE + 1
    assert normalised(remote.quads()) == normalised(embedded.quads())


def test_rebuild_skips_unchanged_articles(remote: Store, sample: Path) -> None:
    before = remote.fingerprints()
    report = kg.build([sample], store=Store(remote.location))
    assert report.written == [] and sorted(report.unchanged) == sorted(before)
    assert remote.fingerprints() == before


@pytest.mark.parametrize("name", sorted(kg.named_queries()))
def test_named_queries_return_the_same_rows(remote: Store, embedded: Store, name: str) -> None:
    ours, theirs = kg.query(name, store=remote), kg.query(name, store=embedded)
    assert ours.columns == theirs.columns
    assert canonical_rows(ours) == canonical_rows(theirs)
    assert ours.rows, f"{name} found nothing: the comparison proves little"


# ttl and nt merge the graphs with a CONSTRUCT over the default graph, which on Virtuoso
# also holds its system graphs; Store.triples (below) is the store's merged view.
@pytest.mark.parametrize("fmt", ["jsonl", "nq", "trig"])
def test_exports_are_the_same(remote: Store, embedded: Store, fmt: str) -> None:
    ours, theirs = io.BytesIO(), io.BytesIO()
    kg.export(fmt, ours, store=remote)
    kg.export(fmt, theirs, store=embedded)
    if fmt == "jsonl":
        assert sorted(ours.getvalue().splitlines()) == sorted(theirs.getvalue().splitlines())
        return
    rdf_format = ox.RdfFormat.from_extension(fmt)
    parsed = [list(ox.parse(out.getvalue(), rdf_format)) for out in (ours, theirs)]
    assert normalised(parsed[0]) == normalised(parsed[1])


def test_merged_triples_are_the_same(remote: Store, embedded: Store) -> None:
    def triples(store: Store) -> set[str]:
        return normalised(ox.Quad(t.subject, t.predicate, t.object) for t in store.triples())

    assert len(triples(remote)) > 1000 and triples(remote) == triples(embedded)


def test_construct_and_ask(remote: Store, embedded: Store) -> None:
    people = ("CONSTRUCT { ?p a dip:Person ; rdfs:label ?n } "
              "WHERE { ?p a dip:Person ; rdfs:label ?n }")
    ours, theirs = kg.query(people, store=remote), kg.query(people, store=embedded)
    assert ours.triples and {str(t) for t in ours.triples} == {str(t) for t in theirs.triples}
    assert bool(remote.query("ASK { ?p a dip:Person }")) is True
    assert bool(remote.query("ASK { ?p a dip:NoSuchClass }")) is False


def test_a_bad_query_is_a_query_error(remote: Store) -> None:
    with pytest.raises(QueryError):
        kg.query("SELECT ?x WHERE { ?x", store=remote)


def test_the_command_line_against_the_server(server: Server, remote: Store, embedded: Store,
                                             tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*KG, *args], capture_output=True, text=True, check=True,
                              env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})

    rows = [json.loads(run("query", "positions", "--store", where, "--format", "json").stdout)
            for where in (server.url, embedded.location)]
    assert rows[0] and sorted(map(str, rows[0])) == sorted(map(str, rows[1]))
    outputs = []
    for where, name in ((server.url, "remote.jsonl"), (embedded.location, "embedded.jsonl")):
        run("export", "--format", "jsonl", "--store", where, "-o", str(tmp_path / name))
        outputs.append(sorted((tmp_path / name).read_text(encoding="utf-8").splitlines()))
    assert outputs[0] == outputs[1]
    stats = run("stats", "--store", server.url).stdout
    articles = next(line for line in stats.splitlines() if " articles " in line)
    assert str(SAMPLE_SIZE + 1) in articles.split()


def test_clients_of_kg_serve_get_the_same_rows_from_the_server(server: Server,
                                                               embedded: Store) -> None:
    """A SPARQL Protocol client that used ``kg serve`` on the embedded store can point at the
    server instead (with the PREFIX lines that ``kg serve`` predeclares)."""
    from kg.endpoint import serving
    from kg.graph.namespaces import PREFIXES

    query = ("SELECT ?person ?title WHERE { ?p a dip:PositionHolding ; "
             "dip:subject/rdfs:label ?person ; dip:role ?title }")
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())

    def rows(url: str, text: str) -> list[tuple[str, str]]:
        answer = httpx.post(url, data={"query": text}, timeout=30,
                            headers={"Accept": "application/sparql-results+json"})
        answer.raise_for_status()
        return sorted((b["person"]["value"], b["title"]["value"])
                      for b in answer.json()["results"]["bindings"])

    with serving(embedded.location, workers=1) as url:
        ours = rows(url + "/sparql", query)
    assert ours and rows(server.url, prologue + query) == ours


def test_changed_article_is_replaced(server: Server, remote: Store, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "talks.txt"
    article.write_text("Talks in Geneva\n\nThe foreign minister of Norway met the foreign "
                       "minister of Chile in Geneva on Monday.\n", encoding="utf-8")
    assert kg.build([folder], store=remote).written == ["talks"]
    article.write_text("Talks in Geneva\n\nThe foreign minister of Norway met the foreign "
                       "minister of Chile in Geneva on Monday. Norway accused Chile of "
                       "delaying the agreement.\n", encoding="utf-8")
    assert kg.build([folder], store=remote).written == ["talks"]
    copy = Store(tmp_path / "embedded")
    kg.build([folder], store=copy)
    graph = [q for q in remote.quads() if "/talks" in q.graph_name.value]
    assert any("delaying" in str(q.object) for q in graph)  # the new text, and only it:
    assert normalised(graph) == normalised(
        q for q in copy.quads() if "/talks" in q.graph_name.value)
    # clean up, so the module's other comparisons see the sample only
    remote.update(f"DROP SILENT GRAPH <{graph[0].graph_name.value}>")


# -- when things go wrong -----------------------------------------------------------------------


def test_unreachable_server_is_one_line_and_exit_2(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    for args in (["build", str(SEEDS)], ["stats"], ["query", "positions"]):
        result = subprocess.run([*KG, *args, "--store", url], capture_output=True, text=True,
                                env={**os.environ, "NO_COLOR": "1", "COLUMNS": "300"})
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert f"{url}: cannot reach the store" in result.stderr


def test_credentials_in_the_url_are_refused() -> None:
    with pytest.raises(StoreError) as caught:
        Store("http://kg:hunter2@127.0.0.1:1/sparql")
    assert "hunter2" not in str(caught.value) and "KG_STORE_USER" in str(caught.value)


def test_settings_from_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "stores.toml"
    config.write_text('[[store]]\nurl = "https://triples.example.org/"\ntoken = "general"\n'
                      '[[store]]\nurl = "https://triples.example.org/kg/"\nuser = "kg"\n'
                      'password = "s3cret"\nupdate = "https://triples.example.org/kg/auth"\n',
                      encoding="utf-8")
    env = {"KG_STORE_CONFIG": str(config)}
    chosen = settings_for("https://triples.example.org/kg/sparql", env)
    assert (chosen.user, chosen.password, chosen.token) == ("kg", "s3cret", None)
    assert chosen.update_url == "https://triples.example.org/kg/auth"
    assert "s3cret" not in repr(chosen)
    assert settings_for("https://triples.example.org/other/query", env).token == "general"
    # the environment wins over the file
    assert settings_for("https://triples.example.org/kg/sparql",
                        {**env, "KG_STORE_TOKEN": "env"}).token == "env"
    with pytest.raises(StoreError, match="no such store config file"):
        settings_for("https://x.example.org/sparql", {"KG_STORE_CONFIG": str(tmp_path / "no")})


def test_virtuoso_digest_credentials_and_answer_cap(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Virtuoso's ``/sparql-auth`` asks for HTTP Digest: wrong credentials are refused in
    one line that does not carry the password, the right ones write. An answer that the
    server's row cap cut short is an error, not a partial answer."""
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso-auth"), max_rows=100)
    try:
        url = server.url + "-auth"
        monkeypatch.setenv("KG_STORE_USER", "dba")
        monkeypatch.setenv("KG_STORE_PASSWORD", "not-the-password")
        with pytest.raises(StoreError) as caught:
            Store(url)
        assert "HTTP 401" in str(caught.value) and "not-the-password" not in str(caught.value)
        monkeypatch.setenv("KG_STORE_PASSWORD", "dba")
        store = Store(url)
        store.ensure_ontology()
        assert bool(store.query("ASK { ?c a owl:Class }"))
        assert len(list(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 50"))) == 50  # under
        with pytest.raises(StoreError, match="cut the answer at 100 rows"):
            list(store.quads())  # the ontology alone has more triples than that
    finally:
        server.stop()


def test_server_without_union_default_graph_is_refused(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-plain"), union=False)
    try:
        with pytest.raises(StoreError, match="--union-default-graph"):
            Store(server.url).ensure_ontology()
        with pytest.raises(StoreError, match="not the union"):
            Store(server.url)  # and any later opening, now the ontology is there
    finally:
        server.stop()


def test_interrupted_build_reports_and_a_second_run_finishes(
        sample: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The server goes away after the first batch: the build says which articles are in
    and which are not, exits non-zero; run again, every article is there exactly once."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-cut"))
    try:
        build = subprocess.Popen(
            [*KG, "build", str(sample), "--store", server.url, "--verbose", "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100000", "KG_WRITE_BATCH": "3"})
        first = build.stderr.readline()
        assert first.startswith("written: "), first
        server.stop()
        _, rest = build.communicate(timeout=300)
        assert build.returncode != 0
        errors = [line for line in rest.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "cannot reach the store" in errors[0]
        written = first.split()[1:]
        assert f"written before: {len(written)} articles ({', '.join(written)})" in errors[0]
        unwritten = errors[0].split("not written: ")[1].split(" and any later")[0].split(", ")
        assert unwritten and not set(unwritten) & set(written)

        server.start()
        again = subprocess.run([*KG, "build", str(sample), "--store", server.url],
                               capture_output=True, text=True, timeout=600,
                               env={**os.environ, "NO_COLOR": "1"})
        assert again.returncode == 0, again.stderr
        assert f"{len(written)} unchanged" in again.stdout
        store = Store(server.url)
        counts = store.query("SELECT ?id (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { "
                             "?a a dip:Article ; dip:documentId ?id } } GROUP BY ?id")
        per_article = {row["id"].value: int(row["n"].value) for row in counts}
        assert len(per_article) == SAMPLE_SIZE + 1 and set(per_article.values()) == {1}
    finally:
        server.stop()


def test_a_failed_write_names_the_articles(tmp_path: Path) -> None:
    """The same report from the embedded store, whose write fails on a read-only store."""
    Store(tmp_path / "db").ensure_ontology()
    store = Store(tmp_path / "db", read_only=True)
    assert isinstance(store, EmbeddedStore)
    with pytest.raises(StoreWriteError) as caught:
        store.replace_articles([("a", []), ("b", [])])
    assert caught.value.unwritten == ["a", "b"] and "not written: a, b" in str(caught.value)
