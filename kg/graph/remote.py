"""A knowledge graph on any SPARQL 1.1 server: Oxigraph, Virtuoso, Fuseki, GraphDB…

``Store("http://host:port/path")`` returns a :class:`RemoteStore`. Queries go over the
SPARQL 1.1 Protocol (``POST`` of a ``query=`` form, so long queries fit), writes over
SPARQL 1.1 Update (``POST`` of an ``update=`` form): the same update text as the
embedded store, one request per batch of articles, each article's graph dropped and
rewritten inside it, so a reader never sees half an article.

**Endpoints.** The URL is the query endpoint. Updates go to the same URL (Virtuoso's
``/sparql``, Fuseki's dataset URL) unless it ends in ``/query``, when they go to the
sibling ``/update`` (Oxigraph's and Fuseki's convention); ``KG_STORE_UPDATE_URL`` (or
``update`` in the config file) names another one.

**The default graph.** kg's queries expect the union of all named graphs as the default
graph. Oxigraph's server gives it with ``oxigraph serve --union-default-graph``; Virtuoso
does it by default; Fuseki with ``tdb2:unionDefaultGraph true``. Opening a store that
already holds kg's ontology checks this (one small ``ASK``) and says how to fix a server
that does not. Virtuoso's default graph also holds its own system graphs; kg's queries
name kg's terms, and whole-store reads (:meth:`RemoteStore.quads`, ``len``,
:meth:`~kg.graph.store.Store.triples`, the dataset dumps) take only graphs under
:data:`kg.graph.store.GRAPHS`, so they never show up. A query of your own over bare
``?s ?p ?o`` on Virtuoso does see them.

**Answers** are parsed by pyoxigraph's own parsers, so callers get exactly the types the
embedded store gives: ``QuerySolutions``, ``QueryBoolean``, and ``QueryTriples`` (the
CONSTRUCT answer is loaded into an in-memory Oxigraph store and read back). An answer
that the server cut short (Virtuoso's ``ResultSetMaxRows`` cap, said in its
``X-SPARQL-MaxRows`` header) is an error (:class:`AnswerCut`), never silently partial.
Virtuoso cuts CONSTRUCT and DESCRIBE answers at the same cap but says nothing, so a large
one of your own may come back short there: ask it as a SELECT.

**Paging.** kg's own whole-store reads (:meth:`RemoteStore.quads`, and with it the dataset
dumps, :meth:`~RemoteStore.triples`, :meth:`~RemoteStore.article_graphs`,
:meth:`~RemoteStore.fingerprints`) never depend on the cap: they list the article graphs
in pages (keyset paging, ``FILTER(STR(?g) > "last") ORDER BY STR(?g) LIMIT n``, since
Virtuoso refuses to sort past ``MaxSortedTopRows`` rows, so OFFSET paging fails deep into a
large store), then ask the quads of the ontology's graph and of a few article graphs at a
time (``VALUES ?g``), as many as fit a quad budget (kg writes no other graphs); a page that
still comes back cut is asked again in halves.

**Credentials** never come from the command line and never reach a message: a URL with
``user:password@`` is refused. ``KG_STORE_TOKEN`` sends a bearer token;
``KG_STORE_USER`` and ``KG_STORE_PASSWORD`` answer the server's challenge, HTTP Digest
(Virtuoso's ``/sparql-auth``) or Basic. Without them, the TOML file named by
``KG_STORE_CONFIG`` (default ``~/.config/kg/stores.toml``) is read::

    [[store]]
    url = "https://triples.example.org/sparql"   # applies to store URLs starting so
    user = "kg"
    password = "…"            # or: token = "…"
    update = "https://triples.example.org/sparql-auth"   # optional

**Why httpx.** SPARQLWrapper (urllib underneath) opens a new connection per request and
hands back JSON dictionaries; rdflib's ``SPARQLUpdateStore`` turns every answer into
rdflib terms (slow) and writes through rdflib graphs. httpx is already installed with
spaCy, keeps connections alive, has timeouts and Basic and Digest auth, and leaves the
parsing to pyoxigraph, which makes the remote store answer in the embedded store's types.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from kg.graph.namespaces import ONTOLOGY_GRAPH, PREFIXES
from kg.graph.sparql import UPDATE_KEYWORDS, query_form, with_values
from kg.graph.store import BUILD_GRAPH, GRAPHS, Answer, Store, StoreError
from kg.graph.totals import TOTALS_GRAPH
from kg.messages import first_line
from kg.version import __version__

CONFIG_FILE = Path("~/.config/kg/stores.toml")
TIMEOUT = httpx.Timeout(600.0, connect=10.0)  # big batches on a busy server take minutes
RESULTS_JSON = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9"
_PROLOGUE_TEXT = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())
# Leading lines that are blank, comments or Virtuoso pragmas (``define sql:…``, which Virtuoso
# reads only before the prologue): kg's prefixes go after them.
_PRAGMAS = re.compile(r"(?:[ \t]*(?:\#[^\n]*|define\b[^\n]*)?\n)*", re.IGNORECASE)
# kg's graphs, as in Store.triples, but the build's bookkeeping and the totals across
# articles (kg.graph.totals: derived), which quads() never reads
_KG_GRAPHS = (f'FILTER(STRSTARTS(STR(?g), "{GRAPHS}") && ?g != <{BUILD_GRAPH}> '
              f'&& ?g != <{TOTALS_GRAPH}>)')
# Graph IRIs asked per listing page: under Debian's default caps on answer rows
# (ResultSetMaxRows) and on sorted rows (MaxSortedTopRows), both 10,000; a cut page halves.
GRAPH_PAGE = 5000
# Quads asked per request: half of Debian's default ResultSetMaxRows (10,000), so a batch
# sized by the average graph so far still fits when its graphs are twice that size (an
# article's graph holds a few hundred quads, the largest of the Wikinews corpus 3,860).
QUAD_BUDGET = 5000
_ARTICLE = "?a a dip:Article"  # what marks a graph kg wrote an article into


@dataclass(frozen=True)
class Settings:
    """How to reach one server: the update endpoint and the credentials (never printed)."""

    update_url: str
    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __repr__(self) -> str:  # a repr in a traceback or log must not carry secrets
        return f"Settings(update_url={self.update_url!r})"


def settings_for(url: str, environ: dict[str, str] | None = None) -> Settings:
    """The update endpoint and credentials for a store URL, from the environment (first)
    or the config file.

    >>> settings_for("http://localhost:7878/query", {}).update_url
    'http://localhost:7878/update'
    >>> settings_for("http://localhost:8890/sparql", {"KG_STORE_TOKEN": "t"}).token
    't'
    """
    env = os.environ if environ is None else environ
    entry = _config_entry(url, env)
    update = env.get("KG_STORE_UPDATE_URL") or entry.get("update") or _sibling_update(url)
    if "KG_STORE_TOKEN" in env or "KG_STORE_USER" in env:
        return Settings(update, env.get("KG_STORE_USER"), env.get("KG_STORE_PASSWORD"),
                        env.get("KG_STORE_TOKEN"))
    return Settings(update, entry.get("user"), entry.get("password"), entry.get("token"))


def _sibling_update(url: str) -> str:
    head, _, last = url.rstrip("/").rpartition("/")
    return f"{head}/update" if last == "query" else url


def _config_entry(url: str, env: dict[str, str] | os._Environ[str]) -> dict[str, str]:
    """The config file's ``[[store]]`` entry with the longest ``url`` that starts ``url``."""
    path = Path(env.get("KG_STORE_CONFIG") or CONFIG_FILE).expanduser()
    if not path.is_file():
        if "KG_STORE_CONFIG" in env:
            raise StoreError(f"{path}: no such store config file (KG_STORE_CONFIG)")
        return {}
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise StoreError(f"{path}: cannot read the store config ({first_line(error)})") from None
    entries = [e for e in config.get("store", []) if isinstance(e, dict)
               and isinstance(e.get("url"), str) and url.startswith(e["url"])]
    best = max(entries, key=lambda e: len(e["url"]), default={})
    return {k: str(v) for k, v in best.items()}


class _PasswordAuth(httpx.Auth):
    """User and password for whichever scheme the server asks for: Digest or Basic.

    Nothing is sent until the server challenges, so a password never goes out in Basic
    form to a server that wants Digest.
    """

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme is None:
            response = yield request
            challenge = response.headers.get("www-authenticate", "").lower()
            if response.status_code != 401 or not challenge:
                return
            self._scheme = self._digest if challenge.startswith("digest") else self._basic
        yield from self._scheme.auth_flow(request)


class AnswerCut(StoreError):
    """The server cut an answer at its row cap (Virtuoso's ``X-SPARQL-MaxRows``)."""


class RemoteStore(Store):
    """A knowledge graph on a SPARQL 1.1 server (see the module docstring).

    Opening it asks the server one ``ASK`` (so an unreachable server fails here, in one
    line) and no more. Example::

        store = Store("http://127.0.0.1:7878/query")   # oxigraph serve --union-default-graph
        store.article_count()
    """

    def __init__(self, location: str, *, read_only: bool = False) -> None:
        parts = urlsplit(location)
        if parts.username is not None or parts.password is not None:
            raise StoreError(f"{parts.scheme}://{parts.hostname}: the store URL carries a user "
                             "or password; give them in KG_STORE_USER and KG_STORE_PASSWORD "
                             "(or KG_STORE_TOKEN, or the config file) instead")
        if not parts.hostname:
            raise StoreError(f"{location}: not a store URL (no host)")
        self.location = location
        self.read_only = read_only
        self.settings = settings_for(location)
        auth: httpx.Auth | None = None
        headers = {"User-Agent": f"kg/{__version__}"}
        if self.settings.token:
            headers["Authorization"] = f"Bearer {self.settings.token}"
        elif self.settings.user is not None:
            auth = _PasswordAuth(self.settings.user, self.settings.password or "")
        self._client = httpx.Client(timeout=TIMEOUT, headers=headers, auth=auth,
                                    transport=httpx.HTTPTransport(retries=1))
        self.written = []
        self._dialect: str | None = None  # asked of the server on first use
        self._union_checked = False
        self._check_union()

    # -- reading ---------------------------------------------------------------------------

    def query(self, sparql: str, *, graphs: Sequence[str] | None = None,
              bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Answer:
        form = query_form(sparql[_PRAGMAS.match(sparql).end():])
        if form in UPDATE_KEYWORDS:
            raise SyntaxError("an update is not a query")
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        if bindings:
            sparql = with_values(sparql, bindings)
        fields: dict[str, str | list[str]] = {"query": with_prologue(sparql)}
        if graphs is not None:  # the SPARQL protocol's dataset: these graphs and the ontology
            fields["named-graph-uri"] = list(graphs)
            fields["default-graph-uri"] = [*graphs, ONTOLOGY_GRAPH]
        response = self._post(self.location, "query", fields,
                              accept=GRAPH_TYPES if graph_form else RESULTS_JSON)
        if "x-sparql-maxrows" in response.headers:
            raise AnswerCut(f"{self.location}: the server cut the answer at "
                            f"{response.headers['x-sparql-maxrows']} rows (on Virtuoso, raise "
                            "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
        media = response.headers.get("content-type", "").split(";")[0].strip()
        try:
            if graph_form:
                rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
                answer = ox.Store()
                answer.load(response.content, rdf_format, to_graph=ox.DefaultGraph())
                return answer.query("CONSTRUCT WHERE { ?s ?p ?o }")
            results_format = (ox.QueryResultsFormat.from_media_type(media)
                              or ox.QueryResultsFormat.JSON)
            answer = ox.parse_query_results(response.content, results_format)
            if form == "ASK" and isinstance(answer, ox.QuerySolutions):
                return _boolean(answer)
            return answer
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.location}: unreadable answer from the server "
                             f"({first_line(error)})") from None

    @property
    def dialect(self) -> str | None:
        """``"virtuoso"`` for a Virtuoso server (its ``Server`` header says so), else None:
        the named queries whose shapes its planner needs otherwise have a variant for it
        (:func:`kg.queries.for_store`)."""
        if self._dialect is None:
            response = self._post(self.location, "query", {"query": "ASK {}"},
                                  accept=RESULTS_JSON)
            server = response.headers.get("server", "").lower()
            self._dialect = "virtuoso" if "virtuoso" in server else ""
        return self._dialect or None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of kg's graphs (the ontology's and the articles'), a few graphs per
        request, so no answer reaches the server's row cap."""
        graphs = (row["g"].value for row in self._graph_rows("?g", _ARTICLE))
        seen_graphs = seen_quads = 0
        batch = [ONTOLOGY_GRAPH]  # one graph first: nothing is known of their sizes yet
        while batch:
            rows = self._graph_batch(batch)
            seen_graphs, seen_quads = seen_graphs + len(batch), seen_quads + len(rows)
            for row in rows:
                yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
            size = QUAD_BUDGET * seen_graphs // seen_quads if seen_quads else 1
            batch = list(islice(graphs, max(1, size)))

    def triples(self) -> ox.QueryTriples:
        """The distinct triples of kg's graphs, merged from the paged :meth:`quads` in memory
        (one CONSTRUCT would be cut silently at Virtuoso's row cap)."""
        merged = ox.Store()
        merged.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in self.quads())
        return merged.query("CONSTRUCT WHERE { ?s ?p ?o }")

    def article_graphs(self) -> list[str]:
        """The IRIs of the articles' named graphs, sorted, listed in pages."""
        return sorted(row["g"].value for row in self._graph_rows("?g", _ARTICLE))

    def article_index(self) -> list[tuple[str, str]]:
        """The document id and the graph IRI of every article, listed in pages of graphs."""
        rows = self._graph_rows("?g (SAMPLE(?i) AS ?id)", f"{_ARTICLE} ; dip:documentId ?i")
        return sorted((row["id"].value, row["g"].value) for row in rows)

    def fingerprints(self) -> dict[str, str]:
        """Document id → fingerprint of every article, listed in pages of graphs."""
        rows = self._graph_rows("?g (SAMPLE(?i) AS ?id) (SAMPLE(?f) AS ?fp)",
                                f"{_ARTICLE} ; dip:documentId ?i ; dip:fingerprint ?f")
        return {row["id"].value: row["fp"].value for row in rows}

    def _graph_rows(self, head: str, pattern: str) -> Iterator[ox.QuerySolution]:
        """``SELECT head WHERE { GRAPH ?g { pattern } }`` over kg's graphs, grouped by
        ``?g``: one row per graph, in IRI order, asked in pages of at most
        :data:`GRAPH_PAGE` graphs (keyset paging)."""
        last, size = "", GRAPH_PAGE
        while True:
            try:
                rows = list(self.query(
                    f"SELECT {head} WHERE {{ GRAPH ?g {{ {pattern} }} {_KG_GRAPHS} "
                    f"FILTER(STR(?g) > {ox.Literal(last)}) }} "
                    f"GROUP BY ?g ORDER BY STR(?g) LIMIT {size}"))
            except AnswerCut:
                if size == 1:
                    raise
                size //= 2  # the server's cap is below the page: smaller pages from here on
                continue
            yield from rows
            if len(rows) < size:
                return
            last = rows[-1]["g"].value

    def _graph_batch(self, graphs: list[str]) -> list[ox.QuerySolution]:
        """The ``?g ?s ?p ?o`` rows of some graphs, asked again in halves if cut."""
        values = " ".join(str(ox.NamedNode(graph)) for graph in graphs)  # escaped IRI terms
        try:
            return list(self.query(f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} "
                                   "GRAPH ?g { ?s ?p ?o } }"))
        except AnswerCut as cut:
            if len(graphs) == 1:
                raise AnswerCut(f"{cut} (the graph {graphs[0]} alone holds more quads than "
                                "that)") from None
            half = len(graphs) // 2
            return self._graph_batch(graphs[:half]) + self._graph_batch(graphs[half:])

    def __len__(self) -> int:
        rows = list(self.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_KG_GRAPHS} }}"))
        return int(rows[0]["n"].value)

    # -- writing ---------------------------------------------------------------------------

    def ensure_ontology(self) -> None:
        super().ensure_ontology()
        self._check_union()

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        self._post(self.settings.update_url, "update", {"update": sparql})

    def close(self) -> None:
        """Close the connections to the server."""
        self._client.close()

    # -- the wire --------------------------------------------------------------------------

    def _post(self, url: str, what: str, form: dict[str, str | list[str]], *,
              accept: str | None = None) -> httpx.Response:
        headers = {"Accept": accept} if accept else {}
        try:
            response = self._client.post(url, data=form, headers=headers)
        except httpx.TransportError as error:
            reason = re.sub(r"^\[Errno \d+\]\s*", "", first_line(error))
            raise StoreError(f"{url}: cannot reach the store ({reason})") from None
        if response.status_code == 400 and what == "query":
            raise SyntaxError(_body_line(response))  # as the embedded store: a bad query
        if response.status_code in (401, 403):
            raise StoreError(f"{url}: the server refused the {what} (HTTP "
                             f"{response.status_code}; credentials come from KG_STORE_USER and "
                             "KG_STORE_PASSWORD, KG_STORE_TOKEN or the config file)")
        if response.status_code >= 300:
            raise StoreError(f"{url}: the server refused the {what} (HTTP "
                             f"{response.status_code}: {_body_line(response)})")
        return response

    def _check_union(self) -> None:
        """Fail when the server does not show kg's named graphs in its default graph."""
        if self._union_checked:
            return
        marker = f"<{ONTOLOGY_GRAPH}> dip:fingerprint ?v"
        answer = self.query(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ {marker} }} }}")
        if not bool(answer):
            return  # nothing of kg's there yet: checked after the ontology is written
        if not bool(self.query(f"ASK {{ {marker} }}")):
            raise StoreError(
                f"{self.location}: the server's default graph is not the union of its named "
                "graphs, which kg's queries need (oxigraph: `serve --union-default-graph`; "
                "Fuseki: tdb2:unionDefaultGraph true)")
        self._union_checked = True


def with_prologue(sparql: str) -> str:
    """The text sent for a query: kg's prefixes, then the query, but after any leading
    Virtuoso pragmas (``define …`` lines, which Virtuoso reads only before the prologue).

    >>> with_prologue('define sql:select-option "order"\\nSELECT * {}').splitlines()[:2]
    ['define sql:select-option "order"', 'PREFIX dip: <https://w3id.org/kg-diplomacy/ontology#>']
    """
    head = _PRAGMAS.match(sparql).end()
    return sparql[:head] + _PROLOGUE_TEXT + sparql[head:]


def _boolean(solutions: ox.QuerySolutions) -> ox.QueryBoolean:
    """An ASK answer that came as a table (Virtuoso: one ``__ASK_RETVAL`` column, one row
    holding 1 for true, none for false) as the boolean answer it stands for.

    >>> table = ox.parse_query_results("?__ASK_RETVAL\\n1\\n", ox.QueryResultsFormat.TSV)
    >>> bool(_boolean(table))
    True
    """
    truth = any(term is not None and term.value not in ("0", "false")
                for row in solutions for term in row)
    text = '{"head":{},"boolean":%s}' % ("true" if truth else "false")
    return ox.parse_query_results(text, ox.QueryResultsFormat.JSON)


def _body_line(response: httpx.Response) -> str:
    text = response.text.strip()
    return first_line(text)[:300] if text else response.reason_phrase
