"""The persistent store: an embedded Oxigraph database in a directory.

Writes are whole articles: a batch of articles replaces their named graphs in one
SPARQL update, which Oxigraph applies as one transaction, so an interrupted build
leaves each article either as it was or fully rewritten, never half-written.
Queries see the union of all named graphs as their default graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.graph import iri
from kg.graph.namespaces import DIP, ONTOLOGY_GRAPH, PREFIXES
from kg.graph.ontology import ontology_path

DEFAULT_STORE = "kg-data"


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why in one line."""


class Store:
    """A knowledge graph on disk.

    >>> import tempfile
    >>> store = Store(tempfile.mkdtemp())
    >>> store.article_count()
    0
    """

    def __init__(self, path: str | Path = DEFAULT_STORE, *, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no knowledge graph here (run `kg build` first)")
                self._db = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._db = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(f"{self.path}: cannot open the store ({_first_line(error)})") from None

    # -- reading ---------------------------------------------------------------------------

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryTriples | bool:
        """Run a SPARQL query over the union of all graphs, with the project prefixes."""
        return self._db.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)

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

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        return iter(self._db)

    def __len__(self) -> int:
        return len(self._db)

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        """Serialise the store (or one graph of it) with Oxigraph's writers."""
        kwargs = {"prefixes": PREFIXES}
        if graph is not None:
            kwargs["from_graph"] = ox.NamedNode(graph)
        self._db.dump(output, fmt, **kwargs)

    # -- writing ---------------------------------------------------------------------------

    def replace_articles(self, articles: Iterable[tuple[str, Iterable[ox.Quad]]]) -> None:
        """Replace the named graphs of some articles in one transaction.

        ``articles`` holds ``(doc_id, quads)`` pairs; each article's old graph is dropped
        and its new quads written, all or nothing.
        """
        parts = []
        for doc_id, quads in articles:
            graph = iri.article_graph(doc_id)
            triples = ox.serialize(
                [ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                format=ox.RdfFormat.N_TRIPLES,
            ).decode("utf-8")
            parts.append(f"DROP SILENT GRAPH <{graph}> ;\n"
                         f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples}}} }}")
        if parts:
            self._update(" ;\n".join(parts))

    def ensure_ontology(self) -> None:
        """Load the ontology into its own graph unless the same version is already there."""
        version = ox.Literal(iri.digest(ontology_path().read_bytes()))
        marker = ox.Quad(ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(str(DIP.fingerprint)), version,
                         ox.NamedNode(ONTOLOGY_GRAPH))
        if marker in self._db:
            return
        data = ontology_path().read_bytes()
        self._update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}>")
        try:
            self._db.load(data, ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
            self._db.add(marker)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"{ontology_path()}: cannot load the ontology ({error})") from None

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        self._db.flush()

    def _update(self, sparql: str) -> None:
        try:
            self._db.update(sparql)
        except OSError as error:
            raise StoreError(f"{self.path}: write failed ({_first_line(error)})") from None


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
