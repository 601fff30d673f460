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
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import servers
from conftest import SEEDS, WIKINEWS
from servers import Server, ServerMissing, free_port

import kg
from kg.graph.namespaces import BASE
from kg.graph.remote import RemoteStore, settings_for
from kg.graph.store import EmbeddedStore, Store, StoreError, StoreWriteError
from kg.queries import QueryError, for_store

KG = [sys.executable, "-m", "kg"]
SAMPLE_SIZE = 8
RUN = BASE + "run/"
STARTED = "http://www.w3.org/ns/prov#startedAtTime"


def start_oxigraph(folder: Path, *, union: bool = True) -> Server:
    try:
        return servers.start_oxigraph(folder, union=union)
    except ServerMissing as missing:
        pytest.skip(str(missing))


def start_virtuoso(folder: Path, *, max_rows: int | None = None) -> Server:
    try:
        return servers.start_virtuoso(folder, max_rows=max_rows)
    except ServerMissing as missing:
        pytest.skip(str(missing))


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
    """The same rows in the same order: every named query orders its rows totally (on
    Virtuoso through its variant, which sorts strings by their text as Oxigraph does)."""
    ours, theirs = kg.query(name, store=remote), kg.query(name, store=embedded)
    assert ours.columns == theirs.columns
    assert ours.rows == theirs.rows
    assert ours.rows, f"{name} found nothing: the comparison proves little"


def test_the_store_names_its_dialect(server: Server, remote: Store) -> None:
    assert remote.dialect == ("virtuoso" if "virtuoso" in str(server.command) else None)


def test_variants_answer_as_the_shared_shapes(remote: Store) -> None:
    """A named query's variant for the server (kg/queries/named/<dialect>/) gives the rows
    of the shared text on the same server; their order is checked against the embedded
    store's (above): Virtuoso sorts the long strings of the shared texts by storage order."""
    texts = kg.named_queries()
    variants = [name for name, text in texts.items() if for_store(remote, text) != text]
    assert bool(variants) == (remote.dialect is not None)
    for name in variants:
        # not a named query's text: no variant; asked whole where kg would give a key its
        # value, as Virtuoso's sort of long strings need not list the keys in the rows' order
        shared = texts[name].replace("#+ pages: each", "# pages: each") + "\n# asked as shared"
        ours, theirs = kg.query(name, store=remote), kg.query(shared, store=remote)
        assert ours.columns == theirs.columns, name
        assert ours.rows, f"{name} found nothing: the comparison proves little"
        assert canonical_rows(ours) == canonical_rows(theirs), name


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


def test_profiles_are_the_same(remote: Store, embedded: Store) -> None:
    # the most mentioned entities: their profiles read the most rows, and page
    linked = 0
    for row in kg.entities(store=embedded)[:5]:
        shown = kg.show(row.name, store=embedded, limit=5, offset=3)
        assert kg.show(row.name, store=remote, limit=5, offset=3) == shown, row.name
        linked += len(shown[0].counterparts)
    assert linked


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
    one line that does not carry the password, the right ones write. A query's answer that
    the server's row cap cut short is an error, not a partial answer; kg's own whole-store
    reads page under the cap, and say so when one graph alone is over it."""
    from rdflib import RDF

    from kg.graph import iri
    from kg.graph.namespaces import DIP, ONTOLOGY_GRAPH

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
            list(store.query(f"SELECT * WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"))
        with pytest.raises(StoreError, match=f"cut the answer at 100 rows .*{ONTOLOGY_GRAPH} "
                                             "alone holds more quads"):
            list(store.quads())  # the ontology alone has more triples than that
        # 150 small articles (450 quads): more graphs and quads than the cap, read in pages
        store.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}>")
        def article(name: str) -> list[ox.Quad]:
            subject = ox.NamedNode(iri.article(name))
            return [ox.Quad(subject, ox.NamedNode(str(predicate)), value) for predicate, value in (
                (RDF.type, ox.NamedNode(str(DIP.Article))), (DIP.documentId, ox.Literal(name)),
                (DIP.fingerprint, ox.Literal(f"fp-{name}")))]

        store.replace_articles((f"article-{n:03}", article(f"article-{n:03}")) for n in range(150))
        assert store.article_graphs() == sorted(iri.article_graph(f"article-{n:03}")
                                                for n in range(150))
        assert store.fingerprints() == {f"article-{n:03}": f"fp-article-{n:03}"
                                        for n in range(150)}
        quads = {str(quad) for quad in store.quads()}
        assert len(quads) == len(store) == 450
        assert len(list(store.triples())) == 450
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
