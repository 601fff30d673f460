"""The SPARQL endpoint (kg.endpoint) driven by real clients: urllib, SPARQLWrapper, rdflib and a
headless browser, against background servers on free loopback ports over the seed store."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from conftest import SEED_ID
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from test_sparql_checks import listener  # noqa: F401  (a fixture: a stand-in SERVICE host)

from kg.endpoint import TRUNCATED_HEADER, SparqlServer, serving
from kg.graph import iri
from kg.graph.namespaces import DIP
from kg.graph.store import Store, StoreError

POSITIONS = """
SELECT DISTINCT ?person ?title ?country WHERE {
  ?p a dip:PositionHolding ; dip:subject/rdfs:label ?person ;
     dip:role ?title ; dip:object/rdfs:label ?country .
} ORDER BY ?person ?title ?country"""
TRUMP = ("Donald Trump", "President", "United States")
PEOPLE = ("CONSTRUCT { ?p a dip:Person ; rdfs:label ?name } "
          "WHERE { ?p a dip:Person ; rdfs:label ?name }")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SRJ, SRX = "application/sparql-results+json", "application/sparql-results+xml"
KG = [sys.executable, "-m", "kg"]
RDFS_LABEL = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, *, params: dict[str, str] | None = None, data: bytes | None = None,
          content_type: str | None = None, accept: str | None = None, method: str | None = None,
          headers: dict[str, str] | None = None) -> Answer:
    """One HTTP request with urllib; HTTP errors are answers too."""
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, got, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, got, body = error.code, error.headers, error.read()
    return Answer(status, {k.lower(): v for k, v in got.items()}, body)


def query(endpoint: str, sparql: str, accept: str | None = None, **params: str) -> Answer:
    return fetch(endpoint, params={"query": sparql, **params}, accept=accept)


@pytest.fixture(scope="module")
def endpoint(seed_store: Store) -> Iterator[str]:
    """The /sparql URL of a server with the default timeout and row cap."""
    with serving(seed_store, workers=3) as url:
        yield url + "/sparql"


@pytest.fixture(scope="module")
def tight_server(seed_store: Store) -> Iterator[SparqlServer]:
    """A server with a 0.5 s timeout and a 5-row cap."""
    with SparqlServer(seed_store, timeout=0.5, max_rows=5, workers=2, quiet=True) as server:
        server.start()
        yield server


@pytest.fixture(scope="module")
def tight(tight_server: SparqlServer) -> str:
    """The /sparql URL of :func:`tight_server`."""
    return tight_server.sparql_url


# -- parsing each results format independently ------------------------------------------------


def rows_from_json(body: bytes) -> list[tuple[str, ...]]:
    data = json.loads(body)
    names = data["head"]["vars"]
    return [tuple(b[n]["value"] for n in names) for b in data["results"]["bindings"]]


def rows_from_xml(body: bytes) -> list[tuple[str, ...]]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(body)
    names = [v.get("name") for v in root.findall("r:head/r:variable", ns)]
    rows = []
    for result in root.findall("r:results/r:result", ns):
        values = {b.get("name"): "".join(b.itertext()) for b in result.findall("r:binding", ns)}
        rows.append(tuple(values[n] for n in names))
    return rows


def rows_from_csv(body: bytes) -> list[tuple[str, ...]]:
    return [tuple(row) for row in list(csv.reader(io.StringIO(body.decode("utf-8"))))[1:]]


def rows_from_tsv(body: bytes) -> list[tuple[str, ...]]:
    lines = body.decode("utf-8").splitlines()[1:]
    # TSV terms are in Turtle syntax: our values here are plain strings without escapes
    return [tuple(v[1:-1] if v.startswith('"') else v for v in line.split("\t")) for line in lines]


RESULT_FORMATS = {
    SRJ: rows_from_json,
    SRX: rows_from_xml,
    "text/csv": rows_from_csv,
    "text/tab-separated-values": rows_from_tsv,
}


# -- results formats, content negotiation -------------------------------------------------------


@pytest.mark.parametrize("media_type", list(RESULT_FORMATS))
def test_select_in_each_results_format(endpoint: str, media_type: str) -> None:
    answer = query(endpoint, POSITIONS, accept=media_type)
    assert answer.status == 200, answer.text
    assert answer.type == media_type
    rows = RESULT_FORMATS[media_type](answer.body)
    assert TRUMP in rows
    assert rows == sorted(rows) and len(rows) >= 3
    assert TRUNCATED_HEADER.lower() not in answer.headers


def test_every_format_gives_the_same_rows(endpoint: str) -> None:
    answers = {t: parse(query(endpoint, POSITIONS, accept=t).body)
               for t, parse in RESULT_FORMATS.items()}
    assert len({tuple(rows) for rows in answers.values()}) == 1


def test_json_is_the_default_and_ask_works(endpoint: str) -> None:
    answer = query(endpoint, POSITIONS)
    assert answer.type == SRJ and TRUMP in rows_from_json(answer.body)
    ask = query(endpoint, 'ASK { ?p rdfs:label "Donald Trump" ; a dip:Person }')
    assert ask.type == SRJ and json.loads(ask.body)["boolean"] is True
    xml = query(endpoint, "ASK { ?p a dip:NoSuchClass }", accept=SRX)
    assert xml.type == SRX and "<boolean>false</boolean>" in xml.text


def test_accept_weights_and_wildcards(endpoint: str) -> None:
    weighted = query(endpoint, POSITIONS, accept=f"{SRJ};q=0.2, text/csv;q=0.9, */*;q=0.1")
    assert weighted.type == "text/csv"
    assert query(endpoint, POSITIONS, accept="text/*").type in ("text/csv",
                                                                "text/tab-separated-values")
    assert query(endpoint, PEOPLE, accept="*/*").type == "text/turtle"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert query(endpoint, POSITIONS, accept=browser).type == SRX


def test_format_parameter_overrides_accept(endpoint: str) -> None:
    answer = query(endpoint, POSITIONS, accept=SRJ, format="csv")
    assert answer.type == "text/csv" and TRUMP in rows_from_csv(answer.body)
    assert query(endpoint, POSITIONS, format="text/tab-separated-values").type == (
        "text/tab-separated-values")
    assert query(endpoint, PEOPLE, format="json").type == "application/ld+json"


@pytest.mark.parametrize(("sparql", "accept", "params"), [
    ("ASK {}", "image/png", {}),
    (POSITIONS, "text/turtle", {}),
    (PEOPLE, "text/csv", {}),
    (POSITIONS, None, {"format": "bogus"}),
    (POSITIONS, "text/csv;q=0, application/sparql-results+json;q=0", {}),
])
def test_unacceptable_format_is_406(endpoint: str, sparql: str, accept: str | None,
                                    params: dict[str, str]) -> None:
    answer = query(endpoint, sparql, accept=accept, **params)
    assert answer.status == 406
    assert answer.text.count("\n") == 1 and "offers" in answer.text


# -- graphs: CONSTRUCT and DESCRIBE --------------------------------------------------------------


def test_construct_as_turtle_jsonld_and_ntriples(endpoint: str) -> None:
    graphs = {}
    for media_type, rdflib_format in [("text/turtle", "turtle"), ("application/ld+json",
                                      "json-ld"), ("application/n-triples", "nt")]:
        answer = query(endpoint, PEOPLE, accept=media_type)
        assert answer.status == 200 and answer.type == media_type, answer.text
        graphs[media_type] = rdflib.Graph().parse(data=answer.body, format=rdflib_format)
    turtle = graphs["text/turtle"]
    people = {str(o) for s, o in turtle.subject_objects(RDFS_LABEL)
              if (s, rdflib.RDF.type, rdflib.URIRef(str(DIP.Person))) in turtle}
    assert {"Donald Trump", "Vladimir Putin"} <= people
    sizes = {len(g) for g in graphs.values()}
    assert len(sizes) == 1 and sizes.pop() >= 4
    assert set(graphs["application/ld+json"]) == set(turtle) == set(graphs["application/n-triples"])
    assert b"@prefix dip:" in query(endpoint, PEOPLE, accept="text/turtle").body


def test_describe(endpoint: str) -> None:
    answer = query(endpoint, 'DESCRIBE ?p WHERE { ?p rdfs:label "Donald Trump" }')
    graph = rdflib.Graph().parse(data=answer.body, format="turtle")
    assert answer.type == "text/turtle" and rdflib.Literal("Donald Trump") in set(graph.objects())


# -- the protocol: GET, both POSTs, parameters ---------------------------------------------------


def test_get_and_both_posts_agree(endpoint: str) -> None:
    get = query(endpoint, POSITIONS, accept=SRJ)
    direct = fetch(endpoint, data=POSITIONS.encode("utf-8"),
                   content_type="application/sparql-query", accept=SRJ)
    form = fetch(endpoint, data=urllib.parse.urlencode({"query": POSITIONS}).encode("ascii"),
                 content_type="application/x-www-form-urlencoded; charset=UTF-8", accept=SRJ)
    assert get.status == direct.status == form.status == 200
    assert rows_from_json(get.body) == rows_from_json(direct.body) == rows_from_json(form.body)
    assert TRUMP in rows_from_json(form.body)


def test_default_graph_uri_narrows_the_dataset(endpoint: str) -> None:
    people = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a dip:Person }"
    union = int(rows_from_json(query(endpoint, people).body)[0][0])
    article = int(rows_from_json(query(endpoint, people, **{
        "default-graph-uri": iri.article_graph(SEED_ID)}).body)[0][0])
    nothing = int(rows_from_json(query(endpoint, people, **{
        "default-graph-uri": "http://example.org/no-such-graph"}).body)[0][0])
    assert union == article > 0 and nothing == 0
    bad = query(endpoint, people, **{"default-graph-uri": "not an iri"})
    assert bad.status == 400


# -- SPARQLWrapper, a real SPARQL client --------------------------------------------------------


def _wrapper(endpoint: str, sparql: str, fmt: str, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(sparql)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    elif method == "POSTDIRECTLY":
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    return client


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(endpoint: str, fmt: str, method: str) -> None:
    result = _wrapper(endpoint, POSITIONS, fmt, method).query()
    converted = result.convert()
    if fmt == JSON:
        rows = [tuple(b[v]["value"] for v in converted["head"]["vars"])
                for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = rows_from_xml(converted.toxml().encode("utf-8"))
    elif fmt == CSV:
        rows = rows_from_csv(converted)
    else:
        rows = rows_from_tsv(converted)
    assert TRUMP in rows


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_ask_construct_and_errors(endpoint: str) -> None:
    assert _wrapper(endpoint, "ASK { ?p a dip:Person }", JSON, "GET").query().convert()[
        "boolean"] is True
    turtle = _wrapper(endpoint, PEOPLE, TURTLE, "GET").query().convert()
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert rdflib.Literal("Donald Trump") in set(graph.objects(None, RDFS_LABEL))
    jsonld = _wrapper(endpoint, PEOPLE, JSONLD, "POST").query().convert()
    assert set(jsonld) == set(graph)
    with pytest.raises(QueryBadFormed):
        _wrapper(endpoint, "SELECT ?x WHERE { ?x ", JSON, "GET").query()


# -- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("sparql", [
    "SELECT ?x WHERE { ?x ",
    "SELEC * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s nosuchprefix:p ?o }",
])
def test_malformed_query_is_400_with_the_parser_message(endpoint: str, sparql: str) -> None:
    answer = query(endpoint, sparql)
    assert answer.status == 400
    assert answer.type == "text/plain"
    assert answer.text.startswith("error at 1:") and answer.text.count("\n") == 1
    assert "Traceback" not in answer.text


UPDATES = [
    ("form", {"data": b"update=INSERT+DATA+%7B+%3Chttp%3A%2F%2Fx%3E+%3Chttp%3A%2F%2Fx%3E+1+%7D",
              "content_type": "application/x-www-form-urlencoded"}),
    ("body", {"data": b"INSERT DATA { <http://x> <http://x> 1 }",
              "content_type": "application/sparql-update"}),
    ("get-update", {"params": {"update": "INSERT DATA { <http://x> <http://x> 1 }"}}),
    ("as-query-get", {"params": {
        "query": "PREFIX x: <http://x#> # note\nINSERT DATA { x:a x:b 1 }"}}),
    ("as-query-post", {"data": b"DROP ALL", "content_type": "application/sparql-query"}),
    ("as-query-form", {"data": b"query=DELETE+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D",
                       "content_type": "application/x-www-form-urlencoded"}),
]


@pytest.mark.parametrize(("how", "request_args"), UPDATES, ids=[u[0] for u in UPDATES])
def test_updates_are_refused(endpoint: str, how: str, request_args: dict) -> None:
    answer = fetch(endpoint, **request_args)
    assert answer.status == 403, (how, answer.text)
    assert "read-only" in answer.text and answer.text.count("\n") == 1
    still = query(endpoint, "ASK { <http://x> ?p ?o }")
    assert json.loads(still.body)["boolean"] is False


def test_federated_service_is_refused(endpoint: str) -> None:
    answer = query(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert answer.status == 403 and "SERVICE" in answer.text
    harmless = query(endpoint, 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }')
    assert harmless.status == 200


def test_http_errors(endpoint: str) -> None:
    base = endpoint.removesuffix("/sparql")
    missing = fetch(base + "/nope")
    assert missing.status == 404 and "/sparql" in missing.text
    assert fetch(endpoint).status == 400  # no query
    twice = fetch(endpoint + "?query=ASK%7B%7D&query=ASK%7B%7D")
    assert twice.status == 400
    put = fetch(endpoint, data=b"ASK {}", method="PUT", content_type="application/sparql-query")
    assert put.status == 405 and "GET" in put.headers["allow"]
    other = fetch(endpoint, data=b"ASK {}", content_type="text/plain")
    assert other.status == 415
    rebinding = fetch(endpoint, params={"query": "ASK {}"}, headers={"Host": "evil.example"})
    assert rebinding.status == 403
    assert fetch(endpoint, params={"query": "ASK {}"},
                 headers={"Host": "localhost:1234"}).status == 200


def test_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no knowledge graph"), serving(tmp_path):
        pass


# -- limits: timeout and row cap ------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_slow_query_times_out_and_the_server_stays_responsive(tight_server: SparqlServer) -> None:
    url = tight_server.sparql_url
    for _ in range(2):  # the second round runs on the workers that replaced the killed one
        before = set(tight_server.pool.pids())
        finished: dict[str, float] = {}
        slow: list[Answer] = []

        def run_slow(answers: list[Answer] = slow, times: dict[str, float] = finished) -> None:
            answers.append(query(url, SLOW))
            times["slow"] = time.monotonic()

        started = time.monotonic()
        thread = threading.Thread(target=run_slow)
        thread.start()
        time.sleep(0.1)
        during = query(url, "ASK { ?p a dip:Person }")  # answered while the slow one runs
        finished["during"] = time.monotonic()
        thread.join(10)
        assert not thread.is_alive()
        (answer,) = slow
        assert during.status == 200 and json.loads(during.body)["boolean"] is True
        assert finished["during"] < finished["slow"]
        assert answer.status == 503 and "timeout" in answer.text, answer.text
        assert answer.text.count("\n") == 1
        assert 0.45 < finished["slow"] - started < 3
        asked = time.monotonic()
        after = query(url, POSITIONS, accept="text/csv")  # at once, by the idle worker
        assert after.status == 200 and time.monotonic() - asked < 1
        assert TRUMP in rows_from_csv(after.body)
        deadline = time.monotonic() + 10
        while len(tight_server.pool.pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        now = set(tight_server.pool.pids())
        assert len(now) == 2 and len(before - now) == 1  # one worker killed, one new
        assert not any(_alive(pid) for pid in before - now)  # the slow query really stopped


def test_all_workers_busy_is_503(tight_server: SparqlServer) -> None:
    # The slow jobs go to the pool with a 3 s timeout of their own (the second, on the last
    # free worker, is cut at RESERVE_TIMEOUT, 2 s), so they certainly outlast the HTTP
    # request's 0.5 s wait for a worker: with the server's own 0.5 s on both, a replacement
    # worker could come up before the waiting request gave up.
    pool = tight_server.pool
    slow_job = {"query": SLOW, "results": "JSON", "max_rows": 5}
    slow = [threading.Thread(target=pool.run, args=(slow_job, 3.0)) for _ in range(2)]
    for thread in slow:
        thread.start()
    deadline = time.monotonic() + 2
    while pool.idle() and time.monotonic() < deadline:
        time.sleep(0.01)
    busy = query(tight_server.sparql_url, "ASK {}")
    assert busy.status == 503 and "busy" in busy.text and busy.headers["retry-after"] == "1"
    for thread in slow:
        thread.join(10)
    deadline = time.monotonic() + 10
    while len(pool.pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert query(tight_server.sparql_url, "ASK {}").status == 200


def test_keep_alive_connection_survives_errors(endpoint: str) -> None:
    host, port = urllib.parse.urlsplit(endpoint)[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        answers = []
        for method, path, body in [("GET", "/sparql?query=ASK%7B%7D", None),
                                   ("POST", "/", b"query=ASK%7B%7D"),  # 405: closed, reopened
                                   ("GET", "/nope", None),
                                   ("POST", "/sparql", b"query=ASK%7B%7D")]:
            headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            answers.append(response.status)
        assert answers == [200, 405, 404, 200]
    finally:
        connection.close()


@pytest.mark.parametrize("media_type", list(RESULT_FORMATS))
def test_row_cap_on_select(tight: str, media_type: str) -> None:
    answer = query(tight, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
                   accept=media_type)
    assert answer.status == 200 and answer.type == media_type
    assert answer.headers[TRUNCATED_HEADER.lower()] == "5"
    rows = RESULT_FORMATS[media_type](answer.body)
    assert len(rows) == 5
    uncut = query(tight, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", accept=media_type)
    assert TRUNCATED_HEADER.lower() not in uncut.headers
    assert len(RESULT_FORMATS[media_type](uncut.body)) == 5


def test_row_cap_on_construct_and_not_on_ask(tight: str) -> None:
    answer = query(tight, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert answer.headers[TRUNCATED_HEADER.lower()] == "5"
    assert len(rdflib.Graph().parse(data=answer.body, format="nt")) == 5
    ask = query(tight, "ASK { ?s ?p ?o }")
    assert ask.status == 200 and TRUNCATED_HEADER.lower() not in ask.headers


# -- concurrency --------------------------------------------------------------------------------


def test_concurrent_clients(endpoint: str) -> None:
    expected = rows_from_json(query(endpoint, POSITIONS).body)
    media_types = list(RESULT_FORMATS)
    failures: list[str] = []
    done = []

    def client(number: int) -> None:
        for round_ in range(5):
            media_type = media_types[(number + round_) % len(media_types)]
            try:
                answer = query(endpoint, POSITIONS, accept=media_type)
                rows = RESULT_FORMATS[media_type](answer.body)
                if answer.status != 200 or rows != expected:
                    failures.append(f"client {number}: {answer.status} {media_type}")
                else:
                    done.append(1)
            except Exception as error:
                failures.append(f"client {number}: {error!r}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == [] and len(done) == 40


# -- the query page -------------------------------------------------------------------------------


def test_page_is_served(endpoint: str) -> None:
    answer = fetch(endpoint.removesuffix("/sparql") + "/")
    assert answer.status == 200 and answer.type == "text/html"
    assert '<form id="query-form"' in answer.text and "<textarea" in answer.text
    assert "__KG_CONFIG__" not in answer.text and '"positions"' in answer.text
    policy = answer.headers["content-security-policy"]
    assert "script-src 'sha256-" in policy and "connect-src 'self'" in policy
    assert not re.search(r"""(src|href)=["']?https?:""", answer.text)  # nothing from a CDN


def test_page_runs_queries_in_a_browser(endpoint: str, chromium) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = endpoint.removesuffix("/sparql") + "/"
    chromium.clear_logs()
    driver = chromium.driver
    driver.get(page)
    driver.find_element(By.ID, "run").click()
    wait = WebDriverWait(driver, 15)
    wait.until(lambda d: "Donald Trump" in [c.text for c in d.find_elements(By.CSS_SELECTOR,
                                                                              "#results td")])
    assert "rows in" in driver.find_element(By.ID, "status").text
    hostile = '<img src=x onerror="window.__pwned=1">'
    textarea = driver.find_element(By.ID, "query")
    textarea.clear()
    textarea.send_keys(f"SELECT ?x WHERE {{ BIND('{hostile}' AS ?x) }}")
    driver.find_element(By.ID, "run").click()
    wait.until(lambda d: [c.text for c in d.find_elements(By.CSS_SELECTOR, "#results td")]
               == [hostile])
    assert driver.find_elements(By.CSS_SELECTOR, "#results img") == []
    assert driver.execute_script("return window.__pwned") is None
    textarea.clear()
    textarea.send_keys("SELECT ?x WHERE { ?x ")
    driver.find_element(By.ID, "run").click()
    wait.until(lambda d: d.find_element(By.ID, "message").is_displayed())
    assert "400" in driver.find_element(By.ID, "message").text
    base = page.rstrip("/")
    assert [u for u in chromium.requests() if not u.startswith(base)
            and not u.startswith(("chrome", "about:", "data:"))] == []
    assert [e for e in chromium.severe_errors() if "400" not in e["message"]] == []


# -- the command line -----------------------------------------------------------------------------


def test_kg_serve_command(seed_store: Store) -> None:
    command = [*KG, "serve"]
    process = subprocess.Popen(
        [*command, "--store", str(seed_store.path), "--port", "0", "--timeout", "5", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "kg serve printed nothing within 60 s"
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/sparql", line)
        assert found, line
        answer = query(found.group(0), POSITIONS, accept="text/csv")
        assert answer.status == 200 and TRUMP in rows_from_csv(answer.body)
        process.send_signal(signal.SIGINT)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(5)


# -- hostile and careless clients ---------------------------------------------------------------


@pytest.mark.parametrize("sparql", [
    "SELECT * {{ ?s a dip:Article .SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * {{ optional {{ service <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * {{ {{ SELECT ?s {{ GRAPH ?g {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }} }} }}",
    "ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
])
def test_service_is_refused_and_nothing_fetched(
        endpoint: str, sparql: str,
        listener: tuple[str, list[bytes]]) -> None:  # noqa: F811 (the imported fixture)
    url, received = listener
    answer = query(endpoint, sparql.format(url=url))
    assert answer.status == 403 and "SERVICE" in answer.text, answer.text
    assert received == []


def raw_request(url: str, request: bytes) -> tuple[int, bytes]:
    """Send bytes as they are (no client to tidy them) and read the status and the answer."""
    host, port = urllib.parse.urlsplit(url).netloc.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    return int(answer.split(b" ", 2)[1]), answer


@pytest.mark.parametrize("length", [b"-5", b"+5", b"5_0", b"five", b"5\r\nContent-Length: 6"])
def test_a_bad_content_length_is_400(endpoint: str, length: bytes) -> None:
    status, answer = raw_request(endpoint, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           b"Content-Type: application/sparql-query\r\n"
                                           b"Content-Length: " + length + b"\r\n\r\nASK {}")
    assert status == 400 and b"Content-Length" in answer


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1.attacker.example", 403), ("127.evil.example:80", 403), ("localhost.evil", 403),
    ("[::1]evil.example", 403),
    ("127.0.0.1:8000", 200), ("127.8.9.10", 200), ("[::1]:8000", 200), ("LOCALHOST", 200),
])
def test_host_check_compares_addresses(endpoint: str, host: str, status: int) -> None:
    assert fetch(endpoint, params={"query": "ASK {}"}, headers={"Host": host}).status == status


def test_control_characters_never_reach_the_log_raw(seed_store: Store, capsys) -> None:
    with SparqlServer(seed_store, workers=1, quiet=False) as server:
        server.start()
        status, answer = raw_request(server.url, b"GET /\x1b[2J\x1b]0;owned\x07 HTTP/1.1\r\n"
                                                 b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    log = capsys.readouterr().err
    assert status == 404 and b"\x1b" not in answer
    assert "/\\x1b[2J\\x1b]0;owned\\x07" in log and "\x1b" not in log and "\x07" not in log


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--port", "99999", "port"), ("--timeout", "inf", "timeout"),
    ("--worker-memory", "50", "worker memory"),
])
def test_a_bad_setting_is_one_line_exit_2(seed_store: Store, option: str, value: str,
                                          says: str) -> None:
    result = subprocess.run([*KG, "serve", "--store", str(seed_store.path), option, value],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: serve: {says}") and result.stderr.count("\n") == 1


def test_a_query_over_its_memory_stops_and_its_worker_is_replaced(seed_store: Store) -> None:
    with SparqlServer(seed_store, timeout=60, workers=1, worker_memory=600, quiet=True) as server:
        server.start()
        before = server.pool.pids()
        huge = query(server.sparql_url, "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } "
                                         "ORDER BY ?a ?d ?g")
        assert huge.status == 500 and "600 MiB" in huge.text, huge.text
        after = query(server.sparql_url, POSITIONS, accept="text/csv")
        assert after.status == 200 and TRUMP in rows_from_csv(after.body)
        assert server.pool.pids() != before


def test_long_queries_leave_the_last_worker_to_short_ones(seed_store: Store) -> None:
    with SparqlServer(seed_store, timeout=6, workers=2, quiet=True) as server:
        server.start()
        pool = server.pool
        slow: list[Answer] = []

        def run_slow() -> None:
            slow.append(query(server.sparql_url, SLOW))

        threads = []
        for idle in (1, 0):  # the first slow query takes a worker, the second the last one
            threads.append(threading.Thread(target=run_slow))
            threads[-1].start()
            deadline = time.monotonic() + 10
            while pool.idle() > idle and time.monotonic() < deadline:
                time.sleep(0.01)
        short = query(server.sparql_url, "ASK { ?p a dip:Person }")
        for thread in threads:
            thread.join(30)
    assert short.status == 200 and json.loads(short.body)["boolean"] is True
    assert sorted(answer.status for answer in slow) == [503, 503]
    assert any("queries under" in answer.text and answer.headers["retry-after"] == "1"
               for answer in slow)


def test_connections_over_the_cap_get_503(seed_store: Store) -> None:
    with SparqlServer(seed_store, workers=1, max_connections=3, quiet=True) as server:
        server.start()
        idle = [socket.create_connection(server.http.server_address[:2]) for _ in range(3)]
        try:
            deadline = time.monotonic() + 10
            while server.http.connection_count() < 3 and time.monotonic() < deadline:
                time.sleep(0.01)
            refused = fetch(server.sparql_url, params={"query": "ASK {}"})
            assert refused.status == 503 and "connections" in refused.text
            assert refused.headers["retry-after"] == "1"
        finally:
            for connection in idle:
                connection.close()
        deadline = time.monotonic() + 10
        while server.http.connection_count() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert fetch(server.sparql_url, params={"query": "ASK {}"}).status == 200


def test_kg_serve_prints_a_hostile_store_name_escaped(tmp_path: Path) -> None:
    store = tmp_path / "st\x1b[2Jore"
    Store(store).ensure_ontology()
    process = subprocess.Popen([*KG, "serve", "--store", str(store), "--quiet"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "kg serve printed nothing within 60 s"
        line = process.stdout.readline()
        assert "st\\x1b[2Jore" in line and "\x1b" not in line
        process.send_signal(signal.SIGINT)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(5)
