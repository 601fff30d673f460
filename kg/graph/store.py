"""The store: one interface, two kinds of knowledge graph behind it.

``Store(location)`` opens a store and is all the rest of kg ever sees. A directory (the
default, ``kg-data``) gives the embedded Oxigraph database (:class:`EmbeddedStore`); an
``http://`` or ``https://`` URL gives a SPARQL 1.1 server (``kg.graph.remote.RemoteStore``).
Like ``pathlib.Path``, calling the base class returns the right kind, so callers keep
writing ``Store(path)`` and ``isinstance(x, Store)``. The kinds are registered by URL scheme
in :data:`STORES` (``"directory"`` for a path), loaded on first use: another kind of store is
one module with a :class:`Store` subclass and one line there.

Both replace a batch of articles' named graphs whole. A server gets one SPARQL Update
request per batch (``DROP SILENT GRAPH`` + ``INSERT DATA`` per article), so an interrupted
build leaves each article either as it was or fully rewritten. The embedded store drops the
batch's graphs in one transaction and adds the new quads in a second step (given quads, a
transaction: half the cost of parsing SPARQL text; given a worker's N-Quads, the bulk
loader), so a build cut off between the two leaves those articles absent, never
half-written, and the next build writes them again. Article fingerprints and the
ontology's version are read by query, so an unchanged article is never rewritten. Queries
see the union of all named graphs as their default graph, with the project prefixes
predeclared.

The entity pass that settles entities across articles (:mod:`kg.resolve.corpus`) runs after
a build's last batch. Each batch records that the pass is owed, in the same update that
drops its articles' graphs, and the pass clears it when it is done, so a build killed
between its last batch and the end of the pass leaves the record, and the next build
finishes the pass even when it has no article to write. A batch of articles new to the
store records their ids instead, and the pass then reads only the names they meet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.graph import DEFAULT_STORE, iri, totals
from kg.graph.namespaces import BASE, DIP, ONTOLOGY_GRAPH, PREFIXES
from kg.graph.ontology import ontology_path
from kg.messages import first_line
from kg.registry import Registry

GRAPHS = BASE + "graph/"
"""Every named graph kg writes (articles, the ontology) has an IRI under this one; a shared
server may hold other graphs, which kg neither reads as its own nor touches."""
BUILD_GRAPH = GRAPHS + "build"
"""The graph of the build's own bookkeeping (an entity pass owed), no article's: empty once
a build has finished; the embedded store's whole-store reads show it until then, a server's
leave it out."""
_ENTITY_PASS_OWED = f'<{BUILD_GRAPH}> <{BASE}build/owes> "entity pass"'
_OWE_ENTITY_PASS = f"INSERT DATA {{ GRAPH <{BUILD_GRAPH}> {{ {_ENTITY_PASS_OWED} }} }}"
_OWES_ARTICLE = f"<{BASE}build/owesArticle>"  # a new article: the pass owed is over it alone


def _owe(ids: list[str], new: bool) -> str:
    """The update that records the entity pass owed for articles ``ids``: over those
    articles alone when they are ``new`` to the store, else over the whole store (an
    article replaced may have held what decided another article's names)."""
    if not new:
        return _OWE_ENTITY_PASS
    owed = ", ".join(str(ox.Literal(doc_id)) for doc_id in ids)
    return f"INSERT DATA {{ GRAPH <{BUILD_GRAPH}> {{ <{BUILD_GRAPH}> {_OWES_ARTICLE} {owed} }} }}"

Answer = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why in one line."""


class StoreWriteError(StoreError):
    """A batch of articles could not be written; the message says which articles are in
    the store (written earlier by the same store object, whole) and which are not.

    >>> print(StoreWriteError("db: write failed (disk full)", ["a"], ["b", "c"]))
    db: write failed (disk full); not written: b, c and any later articles; written before: \
1 article (a); run the build again to finish
    """

    def __init__(self, reason: str, written: list[str], unwritten: list[str]) -> None:
        self.reason, self.written, self.unwritten = reason, written, unwritten
        super().__init__(str(self))

    def __str__(self) -> str:
        shown = ", ".join(self.written[:10]) + (", …" if len(self.written) > 10 else "")
        before = (f"{len(self.written)} article{'' if len(self.written) == 1 else 's'} ({shown})"
                  if self.written else "none")
        return (f"{self.reason}; not written: {', '.join(self.unwritten)} and any later "
                f"articles; written before: {before}; run the build again to finish")


def is_remote(location: str | Path) -> bool:
    """Whether a store location names a SPARQL server rather than a directory.

    A ``Path`` is always a directory (it would have folded the ``//`` of a URL anyway).

    >>> is_remote("https://example.org/sparql"), is_remote("kg-data")
    (True, False)
    """
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


class Store:
    """A knowledge graph: the embedded one in a directory, or one on a SPARQL server.

    >>> import tempfile
    >>> store = Store(tempfile.mkdtemp())
    >>> type(store).__name__, store.article_count()
    ('EmbeddedStore', 0)
    """

    location: str
    """Where the store is, for messages: the directory, or the URL without credentials."""
    written: list[str]
    """The articles this store object has written, batch by batch (for failure reports)."""

    def __new__(cls, location: str | Path = DEFAULT_STORE, *, read_only: bool = False) -> Store:
        if cls is Store:
            kind = str(location).partition(":")[0].lower() if is_remote(location) else "directory"
            cls = STORES[kind]
        return super().__new__(cls)

    # -- what each kind provides ------------------------------------------------------------

    def query(self, sparql: str, *, graphs: Sequence[str] | None = None,
              bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Answer:
        """Run a SPARQL query over the union of all graphs, with the project prefixes.

        ``graphs`` narrows the query to some articles: their graphs are its named graphs,
        and with the ontology its default graph (a page of a per-article query, see
        :func:`kg.queries.query_pages`). ``bindings`` gives variables (by name) one value
        each before the query runs (a page of a query paged by a key). Raises
        ``SyntaxError`` for a query the store cannot parse. The text is run as it is: check a
        text from elsewhere with :func:`kg.graph.sparql.check_query` first (``SERVICE`` would
        make the store fetch from other hosts).
        """
        raise NotImplementedError

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of kg's graphs."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        """Apply one SPARQL update, all or nothing."""
        raise NotImplementedError

    def flush(self) -> None:
        """Make sure everything written is durable."""

    def update_parts(self, operations: Sequence[str]) -> None:
        """Apply SPARQL update operations in order: as one update when the text stays
        under :data:`UPDATE_BYTES`, else in as few updates under it as whole operations
        fill, each all or nothing. A server refuses a longer request (Virtuoso 7 at 10 MB:
        a batch of 256 corpus articles went over); a store that takes any length applies
        them all at once (:class:`EmbeddedStore`).
        """
        request: list[str] = []
        size = 0
        for operation in operations:
            length = len(operation.encode("utf-8")) + 3
            if request and size + length > UPDATE_BYTES:
                self.update(" ;\n".join(request))
                request, size = [], 0
            request.append(operation)
            size += length
        if request:
            self.update(" ;\n".join(request))

    # -- shared on top of those ---------------------------------------------------------------

    def fingerprints(self) -> dict[str, str]:
        """Document id → fingerprint of every article in the store."""
        rows = self.query(
            "SELECT ?id ?fp WHERE { ?a a dip:Article ; dip:documentId ?id ; dip:fingerprint ?fp }"
        )
        return {row["id"].value: row["fp"].value for row in rows}

    def article_count(self) -> int:
        """How many articles the store holds."""
        rows = list(self.query("SELECT (COUNT(?a) AS ?n) WHERE { ?a a dip:Article }"))
        return int(rows[0]["n"].value)

    def article_index(self) -> list[tuple[str, str]]:
        """The document id and the graph IRI of every article, in document-id order.

        >>> import tempfile
        >>> Store(tempfile.mkdtemp()).article_index()
        []
        """
        # only an article has a document id: one index scan, no look-up of each one's type
        # (a third of the time: 15 ms, not 43, for the 2,336 articles of a 1M-quad store)
        rows = self.query("SELECT ?id ?g WHERE { GRAPH ?g { ?a dip:documentId ?id } }")
        return sorted((row["id"].value, row["g"].value) for row in rows)

    def article_graphs(self) -> list[str]:
        """The IRIs of the articles' named graphs, sorted.

        Found by the article each one holds: portable where ``GRAPH ?g {}`` is not (on
        Virtuoso it lists nothing), and blind to other graphs on a shared server.
        """
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a dip:Article } }")
        return sorted(row["g"].value for row in rows)

    def triples(self) -> ox.QueryTriples:
        """The distinct triples of kg's graphs: the store as one merged graph.

        Asked with ``GRAPH`` over kg's own graphs rather than of the default graph, which
        on a shared server (Virtuoso) also holds the server's system graphs.
        """
        return self.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                          f'FILTER(STRSTARTS(STR(?g), "{GRAPHS}") '
                          f"&& ?g != <{totals.TOTALS_GRAPH}>) }}")  # derived: left out

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        """Serialise the store (or one graph of it) with Oxigraph's writers."""
        copy = ox.Store()  # in memory: Oxigraph's dataset writers want a store to read
        copy.bulk_extend(self.quads())
        dump_store(copy, output, fmt, graph=graph)

    def replace_articles(self, articles: Iterable[tuple[str, Iterable[ox.Quad]]], *,
                         new: bool = False) -> None:
        """Replace the named graphs of some articles in one update (in a few, whole
        articles each, where one would be too long: :meth:`update_parts`).

        ``articles`` holds ``(doc_id, quads)`` pairs; each article's old graph is dropped
        and its new quads written, all or nothing, and the entity pass recorded as owed:
        over these articles alone when the caller knows them all ``new`` to the store
        (:meth:`owed_articles`), else over the whole store.
        """
        ids, parts = [], []
        for doc_id, quads in articles:
            ids.append(doc_id)
            parts.append(replace_graph_update(iri.article_graph(doc_id), quads))
        if not parts:
            return
        try:
            # the totals across articles follow, by the difference of these graphs; the
            # pass owed and the totals stale from the first update on, never too late
            with totals.tracking(self, [iri.article_graph(i) for i in ids], new=new) as mark:
                self.update_parts(list(filter(None, [_owe(ids, new), mark, *parts])))
        except StoreError as error:
            raise StoreWriteError(str(error), list(self.written), ids) from None
        self.written.extend(ids)

    def replace_serialized(self, articles: Sequence[tuple[str, bytes]], *,
                           new: bool = False) -> None:
        r""":meth:`replace_articles` with each article's quads as N-Quads (what a build's
        workers send: bytes cross processes far cheaper than quad objects).

        >>> import tempfile
        >>> store = Store(tempfile.mkdtemp())
        >>> store.replace_serialized([("a", b'<http://e/s> <http://e/p> "o" <http://e/g> .\n')])
        >>> [quad.object.value for quad in store.quads() if quad.predicate.value == "http://e/p"]
        ['o']
        """
        self.replace_articles(((doc_id, ox.parse(data, ox.RdfFormat.N_QUADS))
                               for doc_id, data in articles), new=new)

    def entity_pass_pending(self) -> bool:
        """Whether articles were written since the entity pass last finished.

        >>> import tempfile
        >>> store = Store(tempfile.mkdtemp())
        >>> store.replace_articles([("a", [])]); store.entity_pass_pending()
        True
        >>> store.entity_pass_done(); store.entity_pass_pending()
        False
        """
        return bool(self.query(f"ASK {{ GRAPH <{BUILD_GRAPH}> {{ {{ {_ENTITY_PASS_OWED} }} "
                               f"UNION {{ <{BUILD_GRAPH}> {_OWES_ARTICLE} ?article }} }} }}"))

    def owed_articles(self) -> list[str] | None:
        """The articles the entity pass is owed over, sorted; None when it is owed over the
        whole store (an article was replaced, or the caller did not say they were new).

        >>> import tempfile
        >>> store = Store(tempfile.mkdtemp())
        >>> store.replace_articles([("b", []), ("a", [])], new=True); store.owed_articles()
        ['a', 'b']
        >>> store.replace_articles([("a", [])]); store.owed_articles() is None
        True
        """
        if bool(self.query(f"ASK {{ GRAPH <{BUILD_GRAPH}> {{ {_ENTITY_PASS_OWED} }} }}")):
            return None
        rows = self.query(f"SELECT ?article WHERE {{ GRAPH <{BUILD_GRAPH}> "
                          f"{{ <{BUILD_GRAPH}> {_OWES_ARTICLE} ?article }} }}")
        return sorted(row["article"].value for row in rows)

    def entity_pass_done(self) -> None:
        """Record that the entity pass has settled every article written so far."""
        self.update(f"DELETE DATA {{ GRAPH <{BUILD_GRAPH}> {{ {_ENTITY_PASS_OWED} }} }} ;\n"
                    f"DELETE WHERE {{ GRAPH <{BUILD_GRAPH}> "
                    f"{{ <{BUILD_GRAPH}> {_OWES_ARTICLE} ?article }} }}")

    def ensure_ontology(self) -> None:
        """Load the ontology into its own graph unless the same version is already there,
        and the totals across articles (:mod:`kg.graph.totals`) unless they are current: they
        are computed again under another ontology, which labels their relations and sectors."""
        data = ontology_path().read_bytes()
        version = ox.Literal(iri.digest(data))
        asked = self.query(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> "
                           f"{{ <{ONTOLOGY_GRAPH}> dip:fingerprint {version} }} }}")
        if bool(asked):
            totals.ensure(self)
            return
        try:
            quads = list(ox.parse(data, ox.RdfFormat.TURTLE))
        except SyntaxError as error:
            raise StoreError(f"{ontology_path()}: cannot load the ontology ({error})") from None
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        quads.append(ox.Quad(graph, ox.NamedNode(str(DIP.fingerprint)), version, graph))
        self.update(replace_graph_update(ONTOLOGY_GRAPH, quads))
        totals.compute(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"


class EmbeddedStore(Store):
    """The embedded Oxigraph database in a directory (created on first write)."""

    def __init__(self, path: str | Path = DEFAULT_STORE, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.written = []
        try:
            if read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no knowledge graph here (run `kg build` first)")
                self._db = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._db = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(f"{self.path}: cannot open the store ({first_line(error)})") from None
        if not read_only and self.query("ASK { GRAPH ?g { ?s ?p ?o } }"):
            totals.ensure(self)  # one ASK; computed whole for a store an older kg wrote

    def query(self, sparql: str, *, graphs: Sequence[str] | None = None,
              bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Answer:
        # bound before the plan is made, so that the values narrow the index look-ups
        fixed = {ox.Variable(name): value for name, value in (bindings or {}).items()}
        if graphs is None:
            return self._db.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                                  substitutions=fixed)
        named = [ox.NamedNode(graph) for graph in graphs]
        return self._db.query(sparql, prefixes=PREFIXES, named_graphs=named,
                              default_graph=[*named, ox.NamedNode(ONTOLOGY_GRAPH)],
                              substitutions=fixed)

    def quads(self) -> Iterator[ox.Quad]:
        # the totals across articles are derived, not kg's data: no export shows them
        skipped = ox.NamedNode(totals.TOTALS_GRAPH)
        return (quad for quad in self._db if quad.graph_name != skipped)

    def __len__(self) -> int:
        kept = list(self._db.query("SELECT (COUNT(*) AS ?n) WHERE "
                                   f"{{ GRAPH <{totals.TOTALS_GRAPH}> {{ ?s ?p ?o }} }}"))
        return len(self._db) - int(kept[0]["n"].value)

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        if graph is None and fmt.supports_datasets:  # the totals left out (see quads)
            ox.serialize(self.quads(), output, fmt, prefixes=PREFIXES)
        else:
            dump_store(self._db, output, fmt, graph=graph)

    def replace_articles(self, articles: Iterable[tuple[str, Iterable[ox.Quad]]], *,
                         new: bool = False) -> None:
        """Replace the named graphs of some articles: one transaction drops them, a second
        adds the new quads.

        Handing Oxigraph the quads costs half of writing them out as SPARQL for it to parse
        again. A reader between the two transactions sees those articles absent, never half
        of one; a build cut off between them has not written them and reads them again.
        """
        batch = [(doc_id, list(quads)) for doc_id, quads in articles]
        if batch:
            self._replace([doc_id for doc_id, _ in batch], new, lambda: self._db.extend(
                quad for _, quads in batch for quad in quads))

    def replace_serialized(self, articles: Sequence[tuple[str, bytes]], *,
                           new: bool = False) -> None:
        """The articles' N-Quads parsed and written by Oxigraph itself, without a quad
        object in Python: one transaction drops the old graphs (none when the articles are
        ``new``), then Oxigraph's bulk loader writes the new ones.

        The bulk loader sorts the batch into new index files and adds them all to the
        database in one step at its end, where a transaction inserts quad by quad and reads
        each first: a third of the CPU (500 articles of ~340 quads per CPU second, not 160),
        and a load that fails writes nothing. The bytes come from Oxigraph's own writer in
        the worker, so their IRIs are not checked again (``lenient``).
        """
        if not articles:
            return
        ids = [doc_id for doc_id, _ in articles]
        self._replace(ids, new, lambda: self._db.bulk_load(
            b"".join(data for _, data in articles), format=ox.RdfFormat.N_QUADS, lenient=True))

    def _replace(self, ids: list[str], new: bool, write: Callable[[], None]) -> None:
        # articles new to the store have no graph to drop (one left by a build cut off
        # between its two steps was never written)
        graphs = [iri.article_graph(doc_id) for doc_id in ids]
        drops = [] if new else [f"DROP SILENT GRAPH <{graph}>" for graph in graphs]
        drops.append(_owe(ids, new))  # owed from the first transaction on: never too late
        try:
            # the totals across articles follow, by the difference of these graphs; stale
            # from the first transaction on, so a write cut off leaves them to be computed
            with totals.tracking(self, graphs, new=new) as mark:
                self.update(" ;\n".join(filter(None, [*drops, mark])))
                try:
                    write()
                except (OSError, RuntimeError, SyntaxError) as error:
                    raise StoreError(f"{self.path}: write failed ({first_line(error)})") from None
        except StoreError as error:
            raise StoreWriteError(str(error), list(self.written), ids) from None
        self.written.extend(ids)

    def flush(self) -> None:
        self._db.flush()

    def update_parts(self, operations: Sequence[str]) -> None:
        self.update(" ;\n".join(operations))  # Oxigraph takes any length: all or nothing

    def update(self, sparql: str) -> None:
        try:
            self._db.update(sparql)
        except (OSError, RuntimeError) as error:  # RuntimeError: a read-only store
            raise StoreError(f"{self.path}: write failed ({first_line(error)})") from None


INSERT_TRIPLES = 4000  # triples per INSERT DATA block (see replace_graph_update)
UPDATE_BYTES = 4_000_000
"""The longest update kg sends a server in one request (:meth:`Store.update_parts`):
Virtuoso 7 refuses a request over 10 MB."""


def replace_graph_update(graph: str, quads: Iterable[ox.Quad]) -> str:
    """The SPARQL update that replaces one named graph by the triples of ``quads``.

    Literals and IRIs are written by Oxigraph's N-Triples serialiser, so article text is
    escaped, never spliced.

    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal('a "b"'))
    >>> print(replace_graph_update("http://e/g", [q]))
    DROP SILENT GRAPH <http://e/g> ;
    INSERT DATA { GRAPH <http://e/g> {
    <http://e/s> <http://e/p> "a \\"b\\"" .
    } }
    """
    triples = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                           format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    # one triple a line (N-Triples escapes line breaks in literals); Virtuoso 7's parser fails
    # on an INSERT DATA block of about 5,000 triples ("memory exhausted"), so larger graphs go
    # in several blocks of the same update (an empty block is a syntax error to Virtuoso)
    lines = triples.split("\n")[:-1]
    inserts = ["".join(f"{line}\n" for line in lines[start:start + INSERT_TRIPLES])
               for start in range(0, len(lines), INSERT_TRIPLES)]
    return " ;\n".join([f"DROP SILENT GRAPH <{graph}>"] + [
        f"INSERT DATA {{ GRAPH <{graph}> {{\n{block}}} }}" for block in inserts])


def dump_store(db: ox.Store, output: IO[bytes], fmt: ox.RdfFormat, *,
               graph: str | None = None) -> None:
    """Write an Oxigraph store (or one graph of it) as ``fmt`` with the project prefixes."""
    kwargs: dict[str, object] = {"prefixes": PREFIXES}
    if graph is not None:
        kwargs["from_graph"] = ox.NamedNode(graph)
    db.dump(output, fmt, **kwargs)


STORES: Registry[type[Store]] = Registry("kind of store", {
    "directory": EmbeddedStore,
    "http": "kg.graph.remote:RemoteStore",  # httpx is only needed for servers
    "https": "kg.graph.remote:RemoteStore",
})
"""Kind of store → its class: ``"directory"`` for a path, else the location's URL scheme
(see :func:`is_remote`).

>>> STORES["https"].__name__
'RemoteStore'
"""
