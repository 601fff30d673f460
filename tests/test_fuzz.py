"""Hostile input, generated: ``kg build`` on files no one should write, ``kg serve`` asked
what no client should ask. Each property runs a bounded number of examples, so the file
takes well under a minute; a failure prints the smallest example Hypothesis found.

What must hold, whatever the input:

* ``kg build``: no traceback; each file is built or named by an error line (exit 1), the
  good articles around it are built, and every line on stderr is one whole error or warning;
* ``kg serve``: no 5xx answer but 503 (a query past its time) and 501 (a method it does not
  implement), no traceback in the server's log, and a ``SERVICE`` (or anything else in a
  query) never makes the server contact another one: a recorder on loopback stands in for
  the target, and no answer holds its row.
"""

from __future__ import annotations

import csv
import gc
import http.server
import io
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from servers import start_interruptible
from typer.testing import CliRunner

from kg.cli import app, escape_controls
from kg.graph.store import Store

KG = [sys.executable, "-m", "kg"]
# Bounded: a fixed number of examples, no deadline per example (the machine is shared).
BOUNDED = settings(deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- kg build ------------------------------------------------------------------------------------

# Text that has broken consoles, parsers and stores: Rich markup and emoji codes, line and
# paragraph separators, terminal escapes, NUL, lone surrogates (JSON can spell them), a
# YAML front matter fence, HTML, a byte-order mark, right-to-left marks, a long word.
HOSTILE = ["[/oops]", "[bold red]", ":thumbs_up:", "\n", "\r\n", "\u2028", "\u2029", "\x85",
           "\x1b[2J", "\x00", "\ud800", "\udfff", "---\n", "<script>x</script>", "\ufeff",
           "\u202e", "é", "Ω", "👍", "\t", "\\", '"', "'", "&amp;", "x" * 300, " "]
SENTENCES = ["Russia and Ukraine held talks in Istanbul.", "President Putin met Xi Jinping.",
             "France accused Germany of spying.", "The ministers met on Monday."]

hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(SENTENCES),
                                  st.text(max_size=20)), max_size=8).map("".join)
# Linux file names: no "/" or NUL, not hidden (the walker skips those), at most 255 bytes;
# "\udcff" stands for a byte that is not UTF-8.
name_text = st.lists(st.one_of(st.sampled_from(["[x]", "[bold]", "\n", "\x1b[1m", "\udcff",
                                                ":smile:", " ", "é", "-", "_", "x" * 60]),
                               st.text(st.characters(codec="utf-8", exclude_characters="/\x00"),
                                       max_size=8)),
                     min_size=1, max_size=5).map("".join)


def _front_matter(fields: dict[str, str]) -> str:
    return "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items()) \
        + "---\n"


@st.composite
def hostile_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file's name and content, holding one article at most."""
    extension = draw(st.sampled_from([".txt", ".md", ".html", ".jsonl", ".csv", ".TXT"]))
    name = draw(name_text).lstrip(".") or "x"
    fields = draw(st.dictionaries(st.sampled_from(["id", "title", "date", "url", "source"]),
                                  hostile_text, max_size=3))
    text = draw(hostile_text)
    if extension == ".jsonl":
        content = json.dumps({**fields, "text": text}).encode("utf-8")  # \ud800 as an escape
    elif extension == ".csv":
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow([*fields, "text"])
        writer.writerow([*fields.values(), text])
        content = rows.getvalue().encode("utf-8", "surrogatepass")
    elif extension == ".html":
        content = (f"<html><head><title>{fields.get('title', '')}</title></head><body>"
                   f"<article><p>{text}</p></article></body></html>"
                   ).encode("utf-8", "surrogatepass")
    else:
        matter = _front_matter(fields) if fields and draw(st.booleans()) else ""
        raw = draw(st.booleans()) and draw(st.binary(max_size=64))
        content = raw or (matter + text).encode("utf-8", "surrogatepass")
    stem = name.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "surrogateescape")
    return stem + extension, content


GOOD = {"0-before": "Russia and Ukraine held talks in Istanbul on Monday.",
        "zz-after": "China and India signed a trade deal in Delhi."}


def _write_files(folder: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    """Write the good articles and the generated files; the paths of all of them."""
    for doc_id, text in GOOD.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    for name, content in files:
        if Path(name).stem not in GOOD:
            (folder / name).write_bytes(content)
    return list(folder.iterdir())


@settings(BOUNDED, max_examples=20)
@given(files=st.lists(hostile_file(), min_size=1, max_size=4, unique_by=lambda f: f[0]))
def test_build_accounts_for_every_hostile_file(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder, store = Path(scratch, "in"), Path(scratch, "store")
        folder.mkdir()
        paths = _write_files(folder, files)
        result = CliRunner().invoke(app, ["build", str(folder), "-s", str(store), "-q"])
        exception, code, stdout, stderr = (result.exception, result.exit_code, result.stdout,
                                           result.stderr)
        del result  # its traceback holds the build's store open: close it before reading
        gc.collect()

        assert exception is None or isinstance(exception, SystemExit), exception
        lines = stderr.splitlines()
        assert all(line.startswith(("error: ", "warning: ")) for line in lines), lines
        errors = [line for line in lines if line.startswith("error: ")]
        built = re.match(r"(\d+) articles built, 0 unchanged", stdout)
        assert built, stdout
        assert code == (1 if errors else 0)
        # Each file holds one article at most, so a file no error names must be built.
        named = [path for path in paths
                 if any(f"{escape_controls(str(path))}:" in line for line in errors)]
        assert len(paths) - len(named) <= int(built.group(1)) <= len(paths), (stdout, errors)
        ids = {doc_id for doc_id, _ in Store(store, read_only=True).article_index()}
        assert set(GOOD) <= ids and len(ids) == int(built.group(1))


# -- kg serve ------------------------------------------------------------------------------------


@dataclass
class Recorder:
    """A SPARQL server on loopback that records every request and answers one row."""

    url: str
    hits: list[str] = field(default_factory=list)


ROW = "LEAKED-ROW-f00d"


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            hits.append(f"{self.command} {self.path}")
            body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
                {"s": {"type": "literal", "value": ROW}}]}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Recorder(f"http://127.0.0.1:{server.server_address[1]}/sparql", hits)
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Served:
    """A running ``kg serve``: its port and everything it wrote to stderr so far."""

    port: int
    log: list[str]


@pytest.fixture(scope="module")
def served(seed_store: Store) -> Iterator[Served]:
    """``kg serve`` on the seed store, as a user starts it, logging every request."""
    process = start_interruptible(
        [*KG, "serve", "-s", str(seed_store.path), "--port", "0", "--timeout", "3",
         "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1"})
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(process.stderr), daemon=True)
    reader.start()
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "kg serve printed nothing within 60 s"
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
        assert found
        yield Served(int(found.group(1)), log)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        reader.join(5)


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s a dip:Article .SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ OPTIONAL {{ SERVICE <{u}> {{ ?x ?y ?z }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{u}> {{ ?a ?b ?c }} }} }} }}",
    "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ SERV\\u0049CE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{#c\nSERVICE<{u}>{{?s ?p ?o}}}}",
    "SELECT * WHERE {{ VALUES ?u {{ <{u}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * FROM <{u}> WHERE {{ ?s ?p ?o }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "LOAD <{u}>",
    "LOAD SILENT <{u}> INTO GRAPH <urn:g>",
    "PREFIX r: <{base}> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
]
HOSTS = ["127.0.0.1.attacker.example", "evil.example", "",
         "[::1]", "127.0.0.1:99999", "0x7f.1", "LOCALHOST.", "\x1b[2J", "127.1", "[/x]"]
PATHS = ["/sparql", "/", "/sparql/", "//sparql", "/%2e%2e/%2e%2e/etc/passwd", "/\x1b[2J",
         "/sparql?query", "*", "http://evil.example/sparql", "/sparql#frag", "/" + "a" * 5000]
ACCEPTS = ["*/*", "application/sparql-results+json", "text/csv", "text/turtle", "",
           "application/json;q=abc", "x" * 300, "text/html, */*;q=0"]


def _service_query(recorder: Recorder) -> st.SearchStrategy[str]:
    base = recorder.url.removesuffix("sparql")
    return st.sampled_from(SERVICE_QUERIES).map(lambda q: q.format(u=recorder.url, base=base))


@st.composite
def hostile_request(draw: st.DrawFn, recorder: Recorder) -> bytes:
    """One HTTP request as raw bytes: method, path, query, headers and body all suspect."""
    from urllib.parse import quote

    def usually(common: st.SearchStrategy, rare: st.SearchStrategy) -> object:
        """Mostly a request the server reads on (so the query is looked at), else junk."""
        return draw(rare) if draw(st.integers(0, 3)) == 0 else draw(common)

    method = usually(st.sampled_from(["GET", "POST"]),
                     st.sampled_from(["HEAD", "PUT", "OPTIONS", "get", "BREW"]))
    sparql = usually(_service_query(recorder), hostile_text)
    field_name = usually(st.just("query"), st.sampled_from(["update", "QUERY", "query[]", ""]))
    def encoded(text: str) -> str:
        return quote(text, safe="", errors="surrogatepass")

    path = usually(st.just("/sparql"), st.one_of(st.sampled_from(PATHS),
                                                 name_text.map(lambda t: "/" + encoded(t))))
    as_body = method == "POST" and draw(st.booleans())
    if not as_body:
        path += ("&" if "?" in path else "?") + f"{field_name}={encoded(sparql)}"
    host = usually(st.sampled_from(["127.0.0.1", "localhost"]), st.sampled_from(HOSTS))
    headers = [f"Host: {host}",
               f"Accept: {draw(st.sampled_from(ACCEPTS))}", "Connection: close"]
    headers += draw(st.lists(st.tuples(
        st.sampled_from(["X-Forwarded-For", "Origin", "Referer", "Cookie", "X-\x1b[2J"]),
        hostile_text.map(lambda t: re.sub(r"[\r\n]", " ", t))).map(": ".join), max_size=2))
    body = b""
    if as_body:
        kind = draw(st.sampled_from(["application/x-www-form-urlencoded",
                                     "application/sparql-query", "application/sparql-update",
                                     "multipart/form-data", "text/plain; charset=utf-16"]))
        text = sparql if "sparql" in kind else f"{field_name}={encoded(sparql)}"
        body = text.encode("utf-8", "surrogatepass")
        length = draw(st.sampled_from([str(len(body)), "-5", "abc", "99999999999", "1e3",
                                       str(len(body))]))
        headers += [f"Content-Type: {kind}", f"Content-Length: {length}"]
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n"
    return head.encode("utf-8", "surrogatepass") + body


def _exchange(port: int, request: bytes) -> tuple[int | None, bytes]:
    """Send ``request`` raw; the status (``None`` when the server closed without one) and
    the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        try:
            connection.sendall(request)
            connection.shutdown(socket.SHUT_WR)
        except OSError:  # the server closed early, as it may for a bad request
            pass
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass
    answer = b"".join(chunks)
    status = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return (int(status.group(1)) if status else None), answer


def test_serve_answers_hostile_requests_safely(served: Served, recorder: Recorder) -> None:
    @settings(BOUNDED, max_examples=300)
    @given(request=hostile_request(recorder))
    def one(request: bytes) -> None:
        status, answer = _exchange(served.port, request)
        # 501 is HTTP's answer to a method the server does not implement (PUT, BREW, "get")
        implemented = request.startswith((b"GET ", b"POST ", b"HEAD "))
        allowed = {503} if implemented else {501, 503}
        assert status is None or status < 500 or status in allowed, answer[:300]
        assert ROW.encode() not in answer

    one()
    assert recorder.hits == [], recorder.hits
    assert not any("Traceback" in line for line in served.log), "".join(served.log)[-3000:]
