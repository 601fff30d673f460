"""``kg serve``: a read-only SPARQL 1.1 endpoint over the store, with a small query page.

``/sparql`` speaks the SPARQL 1.1 Protocol: ``GET ?query=``, ``POST`` with an
``application/sparql-query`` body, and ``POST`` of an ``application/x-www-form-urlencoded``
form with ``query=``; ``default-graph-uri`` and ``named-graph-uri`` are honoured. ``/`` is
an HTML page to write and run queries (plain HTML and JS in ``kg/endpoint_page.html``, no
network use beyond this server; every result value is inserted with ``textContent``).
Queries see what ``kg query`` sees: the project prefixes (``dip:``, ``rel:``, ``prov:``…)
are predeclared and the default graph is the union of all article graphs (unless the
request names ``default-graph-uri``).

Answers, by content negotiation (``Accept``, or a ``format`` parameter that overrides it;
a name such as ``json``, ``xml``, ``csv``, ``tsv``, ``turtle``, ``jsonld``, ``nt``,
``rdfxml``, ``n3``, or a media type):

============================  ============================================================
SELECT, ASK                   ``application/sparql-results+json`` (default),
                              ``application/sparql-results+xml``, ``text/csv``,
                              ``text/tab-separated-values``
CONSTRUCT, DESCRIBE           ``text/turtle`` (default), ``application/ld+json``,
                              ``application/n-triples``, ``application/rdf+xml``, ``text/n3``
============================  ============================================================

All of them are written by pyoxigraph's own serialisers. Statuses (errors are one line of
``text/plain``, never a stack trace):

* 400: a malformed query (the parser's message), no ``query``, two ``query`` values, an
  invalid graph IRI, or a ``Content-Length`` that is not one decimal number;
* 403: SPARQL Update, however it is sent (``update=``, ``application/sparql-update``, or an
  update as the ``query``): the endpoint is read-only, and 403 says the request was
  understood and refused (405 would wrongly suggest another method might work);
  also a federated ``SERVICE`` clause, found by parsing (:mod:`kg.graph.sparql`;
  pyoxigraph would fetch from the named host: the endpoint makes no outside requests),
  and a ``Host`` that is not a loopback name or address while the server is bound to
  loopback (protection against DNS rebinding);
* 404: any path but ``/`` and ``/sparql``; 405: another method on them;
* 406: no acceptable format for the answer; 411/413/415: a POST without length,
  with a body over 1 MiB, or of another content type;
* 500: the query needed more than ``worker_memory`` MiB (its worker is replaced);
* 503: the query ran past ``timeout`` seconds (it was cancelled), or every worker stayed
  busy that long, or it ran on the reserved worker past :data:`RESERVE_TIMEOUT`, or all
  ``max_connections`` connections are taken (with ``Retry-After``); 503 rather than 504,
  which means a gateway's upstream timed out. The timeout covers the wait for a free
  worker and the query.

**The row cap** (``max_rows``; 0 means none) keeps the first rows of a SELECT, or the
first triples of a CONSTRUCT or DESCRIBE. A cut answer is still a complete, valid
document in the negotiated format; the cut is said in the response header
``X-KG-Truncated: N`` (N is the cap), absent when nothing was cut. A header rather than a
trailing note, because a note would make CSV, JSON or Turtle invalid.

**Design.** Oxigraph cannot cancel a running query, and a thread whose answer is abandoned
still burns a core and memory until the query ends, which for a cross join is never in
practice. So queries run in a small pool of worker *processes* (``workers``, default 2
to 4 by CPU count), each with the store opened with ``Store.read_only``; a query that
outlives the timeout has its worker killed (SIGKILL, the only real cancel) and replaced
in the background while the client gets 503, and the other workers keep answering. A
worker is a plain script (``python -P kg/endpoint.py``) that imports only pyoxigraph, the
standard library and ``kg/graph/sparql.py`` (loaded by path; rdflib when a text needs
parsing), so it starts in about 0.1 s instead of the 2 s that importing ``kg`` (spaCy)
would take; the pool speaks length-prefixed frames over the worker's pipes.
The row cap reads a SELECT's answer as TSV from pyoxigraph's serialiser into a sink that
stops the (lazy) evaluation after N rows, then, for another format, re-serialises those
rows with pyoxigraph (TSV is lossless); nothing beyond the cap is computed.

**Resources.** Each worker's address space is capped (``worker_memory``, ``RLIMIT_AS``;
workers run with two malloc arenas so the cap tracks what queries allocate): a query that
outgrows it ends its worker (Oxigraph aborts on a failed allocation), the client gets 500
and the worker is replaced. While every other worker runs a query, the last free one runs
a query for at most :data:`RESERVE_TIMEOUT` seconds, so runaway queries can hold at most
``workers - 1`` workers and short queries still get answers; requests waiting for a worker
get them in arrival order. The SPARQL checks run in the worker, not the server: parsing a
long text takes seconds of pure Python, which the timeout bounds there and which would
hold the server's GIL. Connections beyond ``max_connections`` get a 503 at once, so idle
or slow clients cannot make threads without bound.

The HTTP side is the standard library's ``ThreadingHTTPServer`` (HTTP/1.1 keep-alive):
each request only shuttles bytes between a socket and a worker pipe, so an async
framework (starlette+uvicorn, FastAPI as in rdflib-endpoint) would add dependencies and
start-up time without making anything faster, and rdflib-endpoint queries through rdflib,
far slower than Oxigraph. Oxigraph's own server (``oxigraph serve-read-only``, the Rust
CLI of the ``oxigraph`` PyPI package) is fast, but it cannot predeclare our prefixes (every
``kg query`` text would need its PREFIX lines), has no row cap or query page, and is a
second binary to keep in step with pyoxigraph's store format. No new runtime dependency.
Measured on the seed store (2 CPUs): the server is up 0.2 s after :class:`SparqlServer`
is called; a small SELECT takes about 1 ms over a keep-alive connection (2 ms with a new
connection each time), against 0.1 ms for the same query in-process.

**Read-only, and builds.** Workers only ever open the store with ``Store.read_only``
(``update`` is never called; an update is refused before Oxigraph sees it). A
read-only view is a snapshot, so the server checks the store directory at most once a
second and workers reopen it when it changed: articles added by ``kg build`` while the
server runs show up. Oxigraph documents reading during a write as undefined, so a query
that meets a store error is retried once on a fresh snapshot; for a guaranteed consistent
view, build first and serve after.

Example::

    from kg.endpoint import serving

    with serving("kg-data") as url:                # a background server on a free port
        urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D").read()
        # b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib.util
import ipaddress
import itertools
import json
import os
import queue
import re
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

# Only the standard library and pyoxigraph at module level: this file is also the worker
# script, which must start fast. Everything from ``kg`` is imported inside functions.

DEFAULT_HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKER_MEMORY = 2048
"""MiB of address space a query worker may use."""
MIN_WORKER_MEMORY = 512
"""The least worker memory accepted: a worker holds 200 to 300 MiB before its first query."""
RESERVE_TIMEOUT = 2.0
"""Seconds a query may run on the last free worker while all the others run queries."""
DEFAULT_MAX_CONNECTIONS = 64
MAX_BODY = 1 << 20
TRUNCATED_HEADER = "X-KG-Truncated"
PAGE_FILE = "endpoint_page.html"

# ox.QueryResultsFormat / ox.RdfFormat attribute → the media types that select it (the
# first is the canonical one); the order is the server's preference.
RESULT_FORMATS: dict[str, tuple[str, ...]] = {
    "JSON": ("application/sparql-results+json", "application/json"),
    "XML": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "CSV": ("text/csv",),
    "TSV": ("text/tab-separated-values",),
}
GRAPH_FORMATS: dict[str, tuple[str, ...]] = {
    "TURTLE": ("text/turtle", "application/x-turtle", "application/turtle"),
    "JSON_LD": ("application/ld+json", "application/json", "application/x-json+ld"),
    "N_TRIPLES": ("application/n-triples", "text/plain"),
    "RDF_XML": ("application/rdf+xml", "application/xml", "text/xml"),
    "N3": ("text/n3", "text/rdf+n3"),
}
# The ``format`` parameter: name → (format for SELECT/ASK, format for CONSTRUCT/DESCRIBE).
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("JSON", "JSON_LD"),
    "srj": ("JSON", None),
    "xml": ("XML", "RDF_XML"),
    "srx": ("XML", None),
    "csv": ("CSV", None),
    "tsv": ("TSV", None),
    "turtle": (None, "TURTLE"),
    "ttl": (None, "TURTLE"),
    "json-ld": (None, "JSON_LD"),
    "jsonld": (None, "JSON_LD"),
    "nt": (None, "N_TRIPLES"),
    "ntriples": (None, "N_TRIPLES"),
    "n-triples": (None, "N_TRIPLES"),
    "rdf+xml": (None, "RDF_XML"),
    "rdfxml": (None, "RDF_XML"),
    "n3": (None, "N3"),
}
_FRAME = struct.Struct(">IQ")  # header length, body length
_REFUSERS = 16  # threads answering 503 to connections over the cap, at most
_REFUSE_SECONDS = 2.0  # how long such a thread waits for the request it refuses
_OUT_OF_MEMORY = ("the query needed more than the {memory} MiB of memory a query worker may "
                  "use, and was stopped")
# Control characters (C0, DEL, C1) as \xNN: a client's bytes must not drive the terminal that
# shows the log or an error line.
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7f, 0xa0))}


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` escapes.

    >>> printable("GET /\\x1b[2J")
    'GET /\\\\x1b[2J'
    """
    return text.translate(_CONTROL)


def _one_line(error: BaseException | str) -> str:
    text = printable(" ".join(str(error).split()))
    return text or (type(error).__name__ if isinstance(error, BaseException) else "error")


# -- what a request asks for ----------------------------------------------------------------


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their weights (``*/*`` when empty).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0)]
    """
    ranges = []
    for part in (header or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    weight = 0.0
        ranges.append((media.lower(), weight))
    return ranges or [("*/*", 1.0)]


def negotiate(ranges: list[tuple[str, float]], offers: dict[str, tuple[str, ...]]) -> str | None:
    """The offered format the client accepts best (``None`` when it accepts none).

    Each offer gets the weight of the most specific range that matches one of its media
    types; ties go to the more specific match, then to the server's order.

    >>> negotiate(parse_accept("text/csv, */*;q=0.1"), RESULT_FORMATS)
    'CSV'
    >>> negotiate(parse_accept("image/png"), RESULT_FORMATS) is None
    True
    """
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, (name, media_types) in enumerate(offers.items()):
        match: tuple[int, float] | None = None  # (specificity, weight)
        for index, media in enumerate(media_types):
            kind = media.split("/")[0]
            for pattern, weight in ranges:
                if pattern == media:
                    specificity = 3 if index == 0 else 2
                elif pattern == f"{kind}/*" and index == 0:  # wildcards: canonical types
                    specificity = 1
                elif pattern == "*/*":
                    specificity = 0
                else:
                    continue
                if match is None or specificity > match[0]:
                    match = (specificity, weight)
        if match is None or match[1] <= 0:
            continue
        key = (match[1], match[0], -order)
        if best is None or key > best:
            best, chosen = key, name
    return chosen


def formats_from_parameter(values: list[str]) -> tuple[str | None, str | None]:
    """The formats a ``format`` parameter names, for SELECT/ASK and for CONSTRUCT/DESCRIBE.

    Values may be names (``csv``) or media types, several separated by commas.

    >>> formats_from_parameter(["json"])
    ('JSON', 'JSON_LD')
    >>> formats_from_parameter(["tsv", "text/tab-separated-values"])
    ('TSV', None)
    """
    results = graph = None
    for token in (t.strip().lower() for v in values for t in v.split(",")):
        if token in FORMAT_NAMES:
            by_name = FORMAT_NAMES[token]
        else:
            by_name = (negotiate([(token, 1.0)], RESULT_FORMATS) if "/" in token else None,
                       negotiate([(token, 1.0)], GRAPH_FORMATS) if "/" in token else None)
        results = results or by_name[0]
        graph = graph or by_name[1]
    return results, graph


# -- the worker process ---------------------------------------------------------------------


def _write_frame(fd: int, header: dict[str, Any], body: bytes = b"") -> None:
    data = json.dumps(header).encode("utf-8")
    view = memoryview(_FRAME.pack(len(data), len(body)) + data + body)
    while view:
        view = view[os.write(fd, view):]


def _read_exact(fd: int, size: int, deadline: float | None = None) -> bytes:
    chunks, missing = [], size
    while missing:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def _read_frame(fd: int, deadline: float | None = None) -> tuple[dict[str, Any], bytes]:
    size, body_size = _FRAME.unpack(_read_exact(fd, _FRAME.size, deadline))
    header = json.loads(_read_exact(fd, size, deadline))
    return header, _read_exact(fd, body_size, deadline) if body_size else b""


class _RowCap:
    """A binary sink for pyoxigraph's TSV writer that keeps the header and N rows, then
    stops the serialisation (and so the query evaluation) by raising from ``write``."""

    def __init__(self, rows: int) -> None:
        self.lines_left = rows + 1  # the header line, then one line per row
        self.chunks: list[bytes] = []
        self.truncated = False

    def write(self, data: bytes) -> int:
        data = bytes(data)
        if not data:
            return 0
        if self.lines_left == 0:
            self.truncated = True
            raise BufferError("row cap reached")
        if data.count(b"\n") < self.lines_left:
            self.lines_left -= data.count(b"\n")
            self.chunks.append(data)
            return len(data)
        end = -1
        for _ in range(self.lines_left):
            end = data.index(b"\n", end + 1)
        self.chunks.append(data[:end + 1])
        self.lines_left = 0
        if end + 1 < len(data):
            self.truncated = True
            raise BufferError("row cap reached")
        return len(data)

    def flush(self) -> None:
        pass


def _load_sparql_checks() -> Any:
    """:mod:`kg.graph.sparql`, loaded from its file: importing the ``kg`` package would take
    a worker 2 s (spaCy) instead of 0.1 s."""
    path = Path(__file__).resolve().parent / "graph" / "sparql.py"
    spec = importlib.util.spec_from_file_location("kg_graph_sparql", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Worker:
    """The worker's side: one read-only view of the store, one query at a time."""

    def __init__(self, path: str, prefixes: dict[str, str], memory: int) -> None:
        self.path = path
        self.prefixes = prefixes
        self.memory = memory  # MiB, for messages
        self.generation = 0
        self.store = self._open()
        self.sparql = _load_sparql_checks()

    def _open(self) -> ox.Store:
        for attempt in range(8):  # a writer's compaction can race the open: retry briefly
            try:
                return ox.Store.read_only(self.path)
            except Exception:
                if attempt == 7:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def answer(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        try:
            # here rather than in the server: parsing a long query takes seconds of pure
            # Python, which the timeout bounds in a worker and would hold the server's GIL
            self.sparql.check_query(job["query"])
        except self.sparql.RefusedQuery as error:
            return {"status": 403, "message": _one_line(error)}, b""
        try:
            if job.get("generation", 0) != self.generation:
                self.store = self._open()
                self.generation = job["generation"]
            try:
                return self._run(job)
            except (SyntaxError, ValueError):
                raise
            except Exception:  # a store error (e.g. a writer moved files): a fresh view, once
                self.store = self._open()
                return self._run(job)
        except SyntaxError as error:
            return {"status": 400, "message": _one_line(error)}, b""
        except ValueError as error:
            return {"status": 400, "message": _one_line(error)}, b""
        except MemoryError:
            return {"status": 500, "message": _OUT_OF_MEMORY.format(memory=self.memory)}, b""
        except Exception as error:
            return {"status": 500, "message": f"the query failed: {_one_line(error)}"}, b""

    def _run(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        options: dict[str, Any] = {"prefixes": self.prefixes}
        if job.get("default_graphs"):
            options["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]]
        else:
            options["use_default_graph_as_union"] = True
        if job.get("named_graphs"):
            options["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
        answer = self.store.query(job["query"], **options)
        cap = int(job.get("max_rows") or 0)
        truncated = False
        if isinstance(answer, ox.QueryTriples):
            if not job.get("graph"):
                return self._not_acceptable("CONSTRUCT and DESCRIBE", GRAPH_FORMATS, job)
            rdf_format = getattr(ox.RdfFormat, job["graph"])
            triples = list(itertools.islice(answer, cap + 1) if cap else answer)
            if cap and len(triples) > cap:
                triples, truncated = triples[:cap], True
            body = ox.serialize(triples, format=rdf_format, prefixes=self.prefixes)
            return {"status": 200, "type": rdf_format.media_type, "truncated": truncated}, body
        if not job.get("results"):
            return self._not_acceptable("SELECT and ASK", RESULT_FORMATS, job)
        results_format = getattr(ox.QueryResultsFormat, job["results"])
        if isinstance(answer, ox.QueryBoolean) or not cap:
            body = answer.serialize(format=results_format)
        else:
            body, truncated = self._capped(answer, results_format, cap)
        return {"status": 200, "type": results_format.media_type, "truncated": truncated}, body

    @staticmethod
    def _capped(solutions: ox.QuerySolutions, results_format: ox.QueryResultsFormat,
                cap: int) -> tuple[bytes, bool]:
        sink = _RowCap(cap)
        try:
            solutions.serialize(sink, format=ox.QueryResultsFormat.TSV)
        except Exception:
            if not sink.truncated:
                raise
        tsv = b"".join(sink.chunks)
        if results_format == ox.QueryResultsFormat.TSV:
            return tsv, sink.truncated
        rows = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
        return rows.serialize(format=results_format), sink.truncated

    @staticmethod
    def _not_acceptable(kind: str, offers: dict[str, tuple[str, ...]],
                        job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        offered = ", ".join(types[0] for types in offers.values())
        return {"status": 406, "message": f"{kind} answers cannot be given as "
                f"{job.get('wanted') or 'requested'}; this endpoint offers {offered}"}, b""


def _watch_parent(parent: int) -> None:
    # pyoxigraph releases the GIL while it evaluates, so this runs during a long query
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _worker_main() -> None:
    """Entry point of a worker process (``python -P kg/endpoint.py --worker``): the first frame
    on stdin is the configuration, each later one a query; answers go to stdout."""
    try:
        config, _ = _read_frame(0)
    except (EOFError, OSError, ValueError):
        return
    if config["memory"]:
        # address space, the limit Linux enforces at allocation: Oxigraph then aborts the
        # process (or Python raises MemoryError) instead of the machine swapping
        resource.setrlimit(resource.RLIMIT_AS, (config["memory"], config["memory"]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    out = os.dup(1)
    os.dup2(2, 1)  # stray prints must not corrupt the frames
    try:
        threading.Thread(target=_watch_parent, args=(config["parent"],), daemon=True).start()
        worker = _Worker(config["store"], config["prefixes"], config["memory"] >> 20)
    except Exception as error:
        _write_frame(out, {"ready": False, "message": _one_line(error)})
        return
    _write_frame(out, {"ready": True, "pid": os.getpid()})
    while True:
        try:
            job, _ = _read_frame(0)
        except (EOFError, OSError):
            return
        header, body = worker.answer(job)
        _write_frame(out, header, body)


# -- the pool (server side) -----------------------------------------------------------------


@dataclass
class Reply:
    """An HTTP answer: status, content type, body and extra headers."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str, **headers: str) -> Reply:
        """A one-line plain-text answer.

        >>> Reply.text(404, "not found").body
        b'not found\\n'
        """
        return cls(status, body=(_one_line(message) + "\n").encode("utf-8"), headers=headers)


class _Process:
    """The server's handle on one worker process."""

    def __init__(self, store: Path, prefixes: dict[str, str], start_timeout: float,
                 memory: int) -> None:
        # two malloc arenas instead of one per thread (64 MiB of address space each), so the
        # memory limit measures what queries use
        environment = {**os.environ, "MALLOC_ARENA_MAX": "2"}
        self.popen = subprocess.Popen(
            [sys.executable, "-P", str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, close_fds=True,
            env=environment)
        try:
            _write_frame(self.popen.stdin.fileno(),
                         {"store": str(store), "prefixes": prefixes, "parent": os.getpid(),
                          "memory": memory})
            ready, _ = _read_frame(self.popen.stdout.fileno(), time.monotonic() + start_timeout)
        except (TimeoutError, EOFError, OSError, ValueError):
            self.kill()
            raise RuntimeError("a query worker did not start") from None
        if not ready.get("ready"):
            self.kill()
            raise RuntimeError(ready.get("message", "a query worker did not start"))

    def died_of_memory(self) -> bool:
        """Whether the process ended as a query that outgrew its memory limit ends: aborted
        by Rust's allocation failure handler, or killed by the kernel's OOM killer."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(2)
        return self.popen.returncode in (-signal.SIGABRT, -signal.SIGKILL)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.popen.kill()
        for pipe in (self.popen.stdin, self.popen.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(5)


class WorkerPool:
    """Worker processes that run queries with a timeout: a late one is killed and replaced.

    ``memory`` caps each worker's address space (MiB, 0 for none): a query that needs more
    kills its worker, which is replaced. While every other worker runs a query, the last one
    runs a query for at most ``reserve_timeout`` seconds, so a few long queries cannot keep
    short ones waiting. Waiting requests get the workers that come free in arrival order.

    Example::

        pool = WorkerPool("kg-data", PREFIXES, size=2)
        pool.run({"query": "ASK {}", "results": "JSON"}, timeout=5).body
        # b'{"head":{},"boolean":true}'
    """

    def __init__(self, store: str | Path, prefixes: dict[str, str], *, size: int = 2,
                 memory: int = DEFAULT_WORKER_MEMORY, reserve_timeout: float = RESERVE_TIMEOUT,
                 start_timeout: float = 60.0) -> None:
        self.store = Path(store)
        self.prefixes = prefixes
        self.size = size
        self.memory = memory
        self.reserve_timeout = reserve_timeout
        self.start_timeout = start_timeout
        self._idle: queue.LifoQueue[_Process] = queue.LifoQueue()
        self._all: set[_Process] = set()
        self._running = 0  # jobs on workers now
        self._lock = threading.Lock()
        self._closed = False
        self._generation = 0
        self._signature = self._store_signature()
        self._checked = time.monotonic()
        started: list[_Process | BaseException] = []

        def start() -> None:
            try:
                started.append(self._start())
            except BaseException as error:
                started.append(error)

        threads = [threading.Thread(target=start, daemon=True) for _ in range(size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        errors = [s for s in started if isinstance(s, BaseException)]
        for process in started:
            if isinstance(process, _Process):
                self._all.add(process)
                self._idle.put(process)
        if errors:
            self.close()
            raise errors[0]

    def _start(self) -> _Process:
        return _Process(self.store, self.prefixes, self.start_timeout, self.memory << 20)

    def _store_signature(self) -> tuple[tuple[str, int, int], ...]:
        try:
            entries = [(e.name, e.stat()) for e in os.scandir(self.store)]
        except OSError:
            return ()
        return tuple(sorted((name, st.st_size, st.st_mtime_ns) for name, st in entries
                            if not name.startswith(("LOG", "LOCK"))))

    def generation(self) -> int:
        """A number that grows when the store directory changed (checked at most each second)."""
        with self._lock:
            now = time.monotonic()
            if now - self._checked >= 1.0:
                self._checked = now
                signature = self._store_signature()
                if signature != self._signature:
                    self._signature, self._generation = signature, self._generation + 1
            return self._generation

    def run(self, job: dict[str, Any], timeout: float) -> Reply:
        """Run a job on an idle worker, waiting at most ``timeout`` seconds in all."""
        deadline = time.monotonic() + timeout
        job = {**job, "generation": self.generation()}
        for _attempt in range(2):  # a worker found dead before it got the job: try another
            try:
                process = self._idle.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                return Reply.text(503, f"all {self.size} query workers stayed busy for "
                                       f"{timeout:g} s; try again", **{"Retry-After": "1"})
            if self._closed:
                return Reply.text(503, "the server is shutting down")
            with self._lock:
                self._running += 1
                reserved = self.size > 1 and self._running >= self.size
            now = time.monotonic()
            if reserved and now + self.reserve_timeout < deadline:
                ask_deadline = now + self.reserve_timeout
                late = Reply.text(503, f"the other {self.size - 1} query workers are busy with "
                                       f"long queries and the last one only runs queries under "
                                       f"{self.reserve_timeout:g} s; try again",
                                  **{"Retry-After": "1"})
            else:
                ask_deadline = deadline
                late = Reply.text(503, f"the query ran longer than the {timeout:g} s timeout "
                                       "and was cancelled")
            try:
                reply = self._ask(process, job, ask_deadline, late)
            finally:
                with self._lock:
                    self._running -= 1
            if reply is not None:
                return reply
        return Reply.text(500, "no query worker could take the query; try again")

    def _ask(self, process: _Process, job: dict[str, Any], deadline: float,
             late: Reply) -> Reply | None:
        """One job on one worker, killed at ``deadline`` (the answer is then ``late``);
        ``None`` when the worker was dead before it got the job."""
        try:
            _write_frame(process.popen.stdin.fileno(), job)
        except OSError:
            self._replace(process)
            return None
        try:
            header, body = _read_frame(process.popen.stdout.fileno(), deadline)
        except TimeoutError:
            self._replace(process)
            return late
        except (EOFError, OSError, ValueError):
            if self._closed:
                return Reply.text(503, "the server is shutting down")
            out_of_memory = process.died_of_memory()
            self._replace(process)
            if out_of_memory:
                return Reply.text(500, _OUT_OF_MEMORY.format(memory=self.memory))
            return Reply.text(500, "the query worker died; try again")
        self._idle.put(process)
        if header["status"] != 200:
            return Reply.text(header["status"], header["message"])
        headers = {TRUNCATED_HEADER: str(job["max_rows"])} if header["truncated"] else {}
        return Reply(200, header["type"], body, headers)

    def pids(self) -> list[int]:
        """The process ids of the live workers.

        Example::

            len(pool.pids()) == pool.size  # unless one is being replaced right now
        """
        with self._lock:
            return sorted(p.popen.pid for p in self._all)

    def idle(self) -> int:
        """How many workers wait for a job right now.

        Example::

            pool.idle()  # 2 on a quiet two-worker pool, 0 while both run queries
        """
        return self._idle.qsize()

    def _replace(self, process: _Process) -> None:
        """Kill a worker and start its successor, both in the background."""
        with self._lock:
            self._all.discard(process)

        def replace() -> None:
            process.kill()
            for attempt in range(5):
                if self._closed:
                    return
                try:
                    successor = self._start()
                except Exception:
                    time.sleep(0.5 * (attempt + 1))
                    continue
                with self._lock:
                    if self._closed:
                        successor.kill()
                        return
                    self._all.add(successor)
                self._idle.put(successor)
                return

        threading.Thread(target=replace, daemon=True, name="kg-serve-respawn").start()

    def close(self) -> None:
        """Kill every worker (the store is read-only: nothing to flush)."""
        with self._lock:
            self._closed = True
            processes, self._all = list(self._all), set()
        for process in processes:
            process.kill()


# -- HTTP -----------------------------------------------------------------------------------


def _loopback(host: str) -> bool:
    """Whether a host name or address is this machine's loopback, by address, never by
    prefix (``127.0.0.1.attacker.example`` is a name any DNS server may answer).

    >>> _loopback("127.0.0.1"), _loopback("[::1]"), _loopback("127.0.0.1.attacker.example")
    (True, True, False)
    """
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host of a ``Host`` header, without the port (``[::1]:80`` → ``::1``); a header of
    another shape comes back whole, to be refused.

    >>> _host_name("[::1]:8000"), _host_name("localhost:80"), _host_name("[::1]x.example")
    ('::1', 'localhost', '[::1]x.example')
    """
    header = header.strip()
    bracketed = re.fullmatch(r"\[([^\]]*)\](?::[0-9]*)?", header)
    if bracketed:
        return bracketed.group(1)
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql"
    sys_version = ""
    timeout = 120  # seconds an idle keep-alive connection is kept

    def setup(self) -> None:
        super().setup()
        # headers and body go out in two writes: without this, Nagle's algorithm and the
        # client's delayed ACK add 40 ms to every answer on a keep-alive connection
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._guarded("GET")

    def do_POST(self) -> None:
        self._guarded("POST")

    def do_HEAD(self) -> None:
        self._guarded("HEAD")

    def do_PUT(self) -> None:
        self._guarded("PUT")

    def do_DELETE(self) -> None:
        self._guarded("DELETE")

    def do_PATCH(self) -> None:
        self._guarded("PATCH")

    def do_OPTIONS(self) -> None:
        self._guarded("OPTIONS")

    def _guarded(self, method: str) -> None:
        self._body_read = False
        try:
            reply = self._route(method)
        except ValueError as error:  # undecodable UTF-8, too many fields…
            reply = Reply.text(400, f"bad request: {_one_line(error)}")
        except Exception as error:  # never a stack trace to the client
            self.log_message("internal error: %s", _one_line(error))
            reply = Reply.text(500, f"internal error: {_one_line(error)}")
        if not self._body_read and (self.headers.get("Content-Length", "0").strip() != "0"
                                    or self.headers.get("Transfer-Encoding")):
            self.close_connection = True  # an unread body would be taken for the next request
        self._send(reply, head=method == "HEAD")

    def _route(self, method: str) -> Reply:
        host = _host_name(self.headers.get("Host") or "")
        if self.server.loopback_only and host and not _loopback(host):
            return Reply.text(403, f"Host {host!r} is not a loopback name; this server only "
                                   "answers local clients")
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            if method not in ("GET", "HEAD"):
                return Reply.text(405, f"{method} is not allowed here", Allow="GET, HEAD")
            return Reply(200, "text/html; charset=utf-8", self.server.page,
                         {"Content-Security-Policy": self.server.page_policy})
        if path == "/sparql":
            if method in ("GET", "HEAD"):
                return self._sparql(self._parameters(urlsplit(self.path).query), method)
            if method == "POST":
                return self._post()
            if method == "OPTIONS":
                return Reply(204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})
            return Reply.text(405, f"{method} is not allowed: this endpoint is read-only "
                                   "(GET or POST a query)", Allow="GET, HEAD, POST, OPTIONS")
        return Reply.text(404, f"not found: {path} (the SPARQL endpoint is /sparql, "
                               "the query page /)")

    @staticmethod
    def _parameters(text: str) -> dict[str, list[str]]:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=1000)

    def _post(self) -> Reply:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            return Reply.text(411, "send the body with a Content-Length")
        lengths = {value.strip() for value in self.headers.get_all("Content-Length") or []}
        if not lengths:
            self.close_connection = True
            return Reply.text(411, "a POST needs a Content-Length")
        if len(lengths) > 1 or not re.fullmatch(r"[0-9]{1,20}", next(iter(lengths))):
            # int() would take "-5", "+5" and "5_0"; two lengths are a smuggling attempt
            self.close_connection = True
            return Reply.text(400, "bad Content-Length: one decimal number of bytes expected")
        length = int(lengths.pop())
        if length > MAX_BODY:
            self.close_connection = True
            return Reply.text(413, f"the request body is over {MAX_BODY} bytes")
        body = self.rfile.read(length)
        self._body_read = True
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        parameters = self._parameters(urlsplit(self.path).query)
        if content_type == "application/sparql-update":
            return self._read_only()
        if content_type == "application/sparql-query":
            parameters["query"] = [*parameters.get("query", []), body.decode("utf-8")]
        elif content_type == "application/x-www-form-urlencoded":
            for key, values in self._parameters(body.decode("utf-8")).items():
                parameters.setdefault(key, []).extend(values)
        else:
            return Reply.text(415, f"unsupported Content-Type {content_type or '(none)'!r}: "
                                   "send application/sparql-query or a form with query=")
        return self._sparql(parameters, "POST")

    @staticmethod
    def _read_only(what: str = "SPARQL Update") -> Reply:
        return Reply.text(403, f"this endpoint is read-only: {what} is refused")

    def _sparql(self, parameters: dict[str, list[str]], method: str) -> Reply:
        if "update" in parameters:
            return self._read_only()
        queries = parameters.get("query", [])
        if not queries:
            return Reply.text(400, "no query: send query=… (or open / for the query page)")
        if len(queries) > 1:
            return Reply.text(400, "more than one query in the request")
        sparql = queries[0]
        if "format" in parameters:
            results, graph = formats_from_parameter(parameters["format"])
            wanted = "format=" + ",".join(parameters["format"])
        else:
            ranges = parse_accept(self.headers.get("Accept"))
            results, graph = negotiate(ranges, RESULT_FORMATS), negotiate(ranges, GRAPH_FORMATS)
            wanted = self.headers.get("Accept") or "*/*"
        if results is None and graph is None:
            offered = ", ".join(t[0] for t in (*RESULT_FORMATS.values(), *GRAPH_FORMATS.values()))
            return Reply.text(406, f"no acceptable format for {wanted!r}; this endpoint "
                                   f"offers {offered}")
        job = {"query": sparql, "results": results, "graph": graph, "wanted": wanted,
               "max_rows": self.server.max_rows,
               "default_graphs": parameters.get("default-graph-uri", []),
               "named_graphs": parameters.get("named-graph-uri", [])}
        return self.server.pool.run(job, self.server.query_timeout)

    def _send(self, reply: Reply, *, head: bool = False) -> None:
        try:
            self.send_response(reply.status)
            headers = {"Content-Type": reply.content_type, "Content-Length": str(len(reply.body)),
                       "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                       "Vary": "Accept", "Content-Security-Policy": "default-src 'none'",
                       **reply.headers}
            if reply.status == 204:
                del headers["Content-Type"]
            if self.close_connection:
                headers["Connection"] = "close"
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server's own errors (bad request line, unknown method…) as one plain line
        self.close_connection = True
        self._send(Reply.text(code, message or explain or "bad request"))

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {self.log_date_time_string()} "
                             f"{printable(format % args)}\n")


class _HTTPServer(ThreadingHTTPServer):
    """A thread per connection, at most ``max_connections`` of them: a connection beyond
    that gets a 503 from a short-lived thread (at most :data:`_REFUSERS` at once, others
    are closed unanswered), so idle or slow clients cannot make threads without bound."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], *, pool: WorkerPool, page: bytes,
                 page_policy: str, query_timeout: float, max_rows: int, max_connections: int,
                 quiet: bool) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.pool, self.page, self.page_policy = pool, page, page_policy
        self.query_timeout, self.max_rows, self.quiet = query_timeout, max_rows, quiet
        self.max_connections = max_connections
        self.loopback_only = _loopback(address[0])
        self._connections: set[socket.socket] = set()
        self._refusing = 0
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def connection_count(self) -> int:
        """How many connections have a thread now."""
        with self._connections_lock:
            return len(self._connections)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            admitted = len(self._connections) < self.max_connections
            refused = not admitted and self._refusing < _REFUSERS
            if admitted:
                self._connections.add(request)
            elif refused:
                self._refusing += 1
        if admitted:
            super().process_request(request, client_address)
        elif refused:
            threading.Thread(target=self._refuse, args=(request,), daemon=True).start()
        else:
            super().shutdown_request(request)

    def _refuse(self, request: socket.socket) -> None:
        # read the request first: closing a socket with unread bytes sends a reset, which
        # can destroy the answer before the client reads it
        try:
            request.settimeout(_REFUSE_SECONDS)
            received = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in received and len(received) < 65536:
                    chunk = request.recv(65536)
                    if not chunk:
                        break
                    received += chunk
            message = (f"all {self.max_connections} connections of this server are in use; "
                       "try again\n").encode()
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\n"
                                b"Content-Type: text/plain; charset=utf-8\r\n"
                                b"Content-Length: %d\r\nRetry-After: 1\r\n"
                                b"Connection: close\r\n\r\n%s" % (len(message), message))
            super().shutdown_request(request)
        finally:
            with self._connections_lock:
                self._refusing -= 1

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(config: dict[str, Any]) -> tuple[bytes, str]:
    """The query page with ``config`` (prefixes, named queries…) embedded as JSON, and the
    Content-Security-Policy that lets exactly its own inline script and style run.

    >>> page, policy = render_page({"endpoint": "/sparql", "prefixes": {}, "queries": {}})
    >>> b"<textarea" in page and "connect-src 'self'" in policy
    True
    """
    from importlib import resources

    template = (resources.files("kg") / PAGE_FILE).read_text(encoding="utf-8")
    data = json.dumps(config, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = template.replace("__KG_CONFIG__", data)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    script_src = " ".join(map(_csp_hash, scripts)) or "'none'"
    style_src = " ".join(map(_csp_hash, styles)) or "'none'"
    policy = (f"default-src 'none'; script-src {script_src}; style-src {style_src}; "
              "connect-src 'self'; img-src 'self' data:; form-action 'self'; "
              "base-uri 'none'; frame-ancestors 'none'")
    return page.encode("utf-8"), policy


# -- the public API -------------------------------------------------------------------------


class SparqlServer:
    """A SPARQL endpoint over a store: workers started and the port bound on creation.

    The limits: ``timeout`` seconds per request, ``max_rows`` per answer, ``workers``
    processes with ``worker_memory`` MiB of address space each (0: no limit), and
    ``max_connections`` open connections (more get 503).

    Use it as a context manager; :meth:`start` serves in a background thread,
    :meth:`serve_forever` in the calling one. Example::

        with SparqlServer("kg-data", timeout=5) as server:
            server.start()
            urllib.request.urlopen(server.url + "/sparql?query=ASK%7B%7D").read()
    """

    def __init__(self, store_path: str | Path | Any, host: str = DEFAULT_HOST, port: int = 0,
                 timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS, *,
                 workers: int | None = None, worker_memory: int = DEFAULT_WORKER_MEMORY,
                 max_connections: int = DEFAULT_MAX_CONNECTIONS, quiet: bool = False) -> None:
        from kg.graph.namespaces import PREFIXES
        from kg.graph.store import StoreError
        from kg.query import named_queries

        if not 0 <= port <= 65535:
            raise ValueError(f"port must be 0 (any free one) to 65535, not {port}")
        if not 0 < timeout < float("inf"):
            raise ValueError(f"timeout must be a positive number of seconds, not {timeout}")
        if max_rows < 0:
            raise ValueError(f"max_rows must be 0 (no cap) or more, not {max_rows}")
        if workers is None:
            workers = min(max(os.cpu_count() or 2, 2), 4)
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if worker_memory and worker_memory < MIN_WORKER_MEMORY:
            raise ValueError(f"worker memory must be 0 (no limit) or at least "
                             f"{MIN_WORKER_MEMORY} MiB, not {worker_memory}")
        if max_connections < 1:
            raise ValueError(f"max_connections must be at least 1, not {max_connections}")
        path = Path(getattr(store_path, "path", store_path))
        if not (path / "CURRENT").is_file():
            raise StoreError(f"{path}: no knowledge graph here (run `kg build` first)")
        self.store_path, self.timeout, self.max_rows = path, float(timeout), max_rows
        try:
            self.pool = WorkerPool(path, PREFIXES, size=workers, memory=worker_memory)
        except Exception as error:
            raise StoreError(f"{path}: cannot open the store ({_one_line(error)})") from None
        page, policy = render_page({
            "endpoint": "/sparql", "prefixes": PREFIXES, "queries": named_queries(),
            "timeout": self.timeout, "maxRows": max_rows, "truncatedHeader": TRUNCATED_HEADER})
        try:
            self.http = _HTTPServer((host, port), pool=self.pool, page=page, page_policy=policy,
                                    query_timeout=self.timeout, max_rows=max_rows,
                                    max_connections=max_connections, quiet=quiet)
        except BaseException:
            self.pool.close()
            raise
        self._thread: threading.Thread | None = None
        self._serving = False

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8000`` (the endpoint is ``url + "/sparql"``)."""
        host, port = self.http.server_address[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def sparql_url(self) -> str:
        """The SPARQL endpoint's URL, e.g. ``http://127.0.0.1:8000/sparql``."""
        return self.url + "/sparql"

    def serve_forever(self) -> None:
        """Answer requests in this thread until :meth:`close` (from another thread)."""
        self._serving = True
        try:
            self.http.serve_forever(poll_interval=0.2)
        finally:
            self._serving = False

    def start(self) -> str:
        """Answer requests in a background thread; returns :attr:`url`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self.serve_forever, daemon=True,
                                            name="kg-serve")
            self._thread.start()
        return self.url

    def close(self) -> None:
        """Stop serving, drop open connections and kill the workers."""
        if self._serving:
            self.http.shutdown()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        self.http.server_close()
        self.http.close_connections()
        self.pool.close()

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def serving(store_path: str | Path | Any, host: str = DEFAULT_HOST, port: int = 0,
            timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS, *,
            workers: int | None = None, worker_memory: int = DEFAULT_WORKER_MEMORY,
            max_connections: int = DEFAULT_MAX_CONNECTIONS, quiet: bool = True) -> Iterator[str]:
    """Serve in the background for the ``with`` block; yields the base URL.

    Example::

        with serving("kg-data") as url:
            rows = urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D").read()
    """
    with SparqlServer(store_path, host, port, timeout, max_rows, workers=workers,
                      worker_memory=worker_memory, max_connections=max_connections,
                      quiet=quiet) as server:
        yield server.start()


def serve(store_path: str | Path | Any, host: str = DEFAULT_HOST, port: int = 0,
          timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS, *,
          workers: int | None = None, worker_memory: int = DEFAULT_WORKER_MEMORY,
          max_connections: int = DEFAULT_MAX_CONNECTIONS, quiet: bool = False) -> None:
    """Serve until Ctrl-C or SIGTERM; prints the URL first (``port=0`` picks a free port).

    Raises :class:`kg.graph.store.StoreError` when the store cannot be opened, ``ValueError``
    for a bad setting and ``OSError`` when the address cannot be bound. Example::

        serve("kg-data", port=8000)   # SPARQL at http://127.0.0.1:8000/sparql
    """
    server = SparqlServer(store_path, host, port, timeout, max_rows, workers=workers,
                          worker_memory=worker_memory, max_connections=max_connections,
                          quiet=quiet)
    previous = None
    if threading.current_thread() is threading.main_thread():
        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
    try:
        with server:
            cap = f"{server.max_rows} rows" if server.max_rows else "no row cap"
            memory = f"{server.pool.memory} MiB each" if server.pool.memory else "no memory cap"
            print(f"serving {printable(str(server.store_path))} at {server.url}/ (SPARQL endpoint "
                  f"{server.sparql_url}; timeout {server.timeout:g} s, {cap}, "
                  f"{server.pool.size} workers, {memory}); Ctrl-C stops", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                server.serve_forever()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    _worker_main()
