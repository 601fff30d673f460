"""``kg serve``: a read-only SPARQL 1.1 endpoint over the store, with a small query page.

``/sparql`` speaks the SPARQL 1.1 Protocol: ``GET ?query=``, ``POST`` with an
``application/sparql-query`` body, and ``POST`` of an ``application/x-www-form-urlencoded``
form with ``query=``; ``default-graph-uri`` and ``named-graph-uri`` are honoured. ``/`` is
an HTML page to write and run queries (plain HTML and JS in ``kg/endpoint/page.html``, no
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
worker is a plain script (``python -P kg/endpoint/worker.py``) that imports only pyoxigraph,
the standard library and three stdlib-only files of kg loaded by path (the SPARQL checks of
:mod:`kg.graph.sparql` among them; rdflib when a text needs parsing), so it starts in
about 0.1 s instead of the 2 s that importing ``kg`` (spaCy) would take; the
pool speaks length-prefixed frames over the worker's pipes.
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

The package, one concept a module: :mod:`~kg.endpoint.formats` (content negotiation),
:mod:`~kg.endpoint.worker` (the worker process and the frames), :mod:`~kg.endpoint.pool`
(the worker pool), :mod:`~kg.endpoint.reply` (an HTTP answer), :mod:`~kg.endpoint.http`
(the HTTP handler and server), :mod:`~kg.endpoint.page` (the query page) and
:mod:`~kg.endpoint.server` (:class:`SparqlServer`, :func:`serving`, :func:`serve`).
"""

from kg.endpoint.formats import (
    FORMAT_NAMES,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    formats_from_parameter,
    negotiate,
    parse_accept,
)
from kg.endpoint.http import MAX_BODY
from kg.endpoint.page import render_page
from kg.endpoint.pool import DEFAULT_WORKER_MEMORY, RESERVE_TIMEOUT, TRUNCATED_HEADER, WorkerPool
from kg.endpoint.reply import Reply
from kg.endpoint.server import (
    DEFAULT_HOST,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    MIN_WORKER_MEMORY,
    SparqlServer,
    serve,
    serving,
)

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WORKER_MEMORY",
    "FORMAT_NAMES",
    "GRAPH_FORMATS",
    "MAX_BODY",
    "MIN_WORKER_MEMORY",
    "RESERVE_TIMEOUT",
    "RESULT_FORMATS",
    "TRUNCATED_HEADER",
    "Reply",
    "SparqlServer",
    "WorkerPool",
    "formats_from_parameter",
    "negotiate",
    "parse_accept",
    "render_page",
    "serve",
    "serving",
]
