"""The build: articles → parsed paragraphs → statements and entities → the store.

Documents stream through one ``nlp.pipe`` (the model is loaded once per process);
unchanged articles are skipped before they are parsed; each batch of articles is
written to the store in one transaction, so an interrupted build keeps whole articles.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg import nlp as nlp_module
from kg.extract import extract_paragraph
from kg.extract.base import Context
from kg.graph.rdf import Run, reading_quads
from kg.graph.store import DEFAULT_STORE, Store
from kg.ingest import ReadError, read
from kg.records import Document, Reading
from kg.resolve import ArticleEntities
from kg.version import __version__

WRITE_BATCH = int(os.environ.get("KG_WRITE_BATCH", "32"))
"""Articles written per store transaction (env ``KG_WRITE_BATCH``)."""

Paragraphs = list[tuple[int, Doc]]


@dataclass
class BuildReport:
    """What a build did: articles written, left unchanged, and problems met."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statements: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_documents(nlp: Language, documents: Iterable[Document]
                    ) -> Iterator[tuple[Document, Paragraphs]]:
    """Parse the paragraphs of each document in one stream, yielding documents whole.

    Each paragraph is parsed on its own, so sentences never run across headings.

    >>> from kg.records import Block, Document
    >>> doc = Document("d", "Talks\\n\\nThey met.", (Block(7, 16),))
    >>> [(d.id, [p.text for _, p in ps]) for d, ps in parse_documents(nlp_module.load(), [doc])]
    [('d', ['They met.'])]
    """

    def items() -> Iterator[tuple[str, tuple[Document, int, bool]]]:
        for document in documents:
            blocks = document.paragraphs()
            if not blocks:
                yield "", (document, 0, True)
            for index, block in enumerate(blocks):
                last = index == len(blocks) - 1
                yield document.text[block.start:block.end], (document, block.start, last)

    paragraphs: Paragraphs = []
    for parsed, (document, offset, last) in nlp_module.parse(nlp, items()):
        if len(parsed):
            paragraphs.append((offset, parsed))
        if last:
            yield document, paragraphs
            paragraphs = []


def read_article(document: Document, paragraphs: Paragraphs, fingerprint: str = "") -> Reading:
    """Resolve the entities of one parsed article and extract its statements."""
    entities = ArticleEntities(paragraphs)
    statements = []
    for offset, parsed in paragraphs:
        context = Context(document, entities, offset)
        statements.extend(extract_paragraph(parsed, context))
    return Reading(document, tuple(statements), entities.entities(), fingerprint)


class Builder:
    """Builds articles into a store; holds the model and the run's provenance.

    >>> import tempfile
    >>> builder = Builder(Store(tempfile.mkdtemp()))
    >>> builder.run.software.startswith("kg ")
    True
    """

    def __init__(self, store: Store, *, model: str | None = None) -> None:
        self.store = store
        self.nlp = nlp_module.load(model)
        model_id = nlp_module.describe(self.nlp)
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.run = Run(software=f"kg {__version__}", model=model_id, started=started)
        self.salt = f"{self.run.software}|{model_id}"

    def build(self, paths: Iterable[str | Path], *, date: str | None = None,
              force: bool = False, on_article: Callable[[str], None] | None = None,
              on_write: Callable[[list[str]], None] | None = None) -> BuildReport:
        """Read, extract and store every article under ``paths``.

        ``on_article`` is called with each document id as it is read; ``on_write`` with
        the ids of each batch once it is safely in the store.
        """
        report = BuildReport()
        self.store.ensure_ontology()
        known = {} if force else self.store.fingerprints()
        seen: set[str] = set()

        def fresh() -> Iterator[Document]:
            for item in read(paths, date=date):
                if isinstance(item, ReadError):
                    report.errors.append(str(item))
                    continue
                if item.id in seen:
                    report.errors.append(f"{item.origin}: duplicate document id {item.id!r}; "
                                         "the first one was kept")
                    continue
                seen.add(item.id)
                if known.get(item.id) == item.fingerprint(self.salt):
                    report.unchanged.append(item.id)
                    if on_article:
                        on_article(item.id)
                    continue
                yield item

        batch: list[Reading] = []
        for document, paragraphs in parse_documents(self.nlp, fresh()):
            try:
                batch.append(read_article(document, paragraphs, document.fingerprint(self.salt)))
            except Exception as error:  # one article's failure must not stop the batch
                report.errors.append(f"{document.origin or document.id}: extraction failed "
                                     f"({type(error).__name__}: {error})")
            if on_article:
                on_article(document.id)
            if len(batch) >= WRITE_BATCH:
                self._write(batch, report, on_write)
                batch = []
        self._write(batch, report, on_write)
        self.store.flush()
        return report

    def _write(self, batch: list[Reading], report: BuildReport,
               on_write: Callable[[list[str]], None] | None) -> None:
        if not batch:
            return
        self.store.replace_articles(
            (reading.document.id, list(reading_quads(reading, self.run))) for reading in batch
        )
        ids = [r.document.id for r in batch]
        report.written.extend(ids)
        report.statements += sum(len(r.statements) for r in batch)
        if on_write:
            on_write(ids)


def build(paths: Iterable[str | Path], *, store: str | Path | Store = DEFAULT_STORE,
          date: str | None = None, model: str | None = None, force: bool = False,
          on_article: Callable[[str], None] | None = None,
          on_write: Callable[[list[str]], None] | None = None) -> BuildReport:
    """Build (or update) the knowledge graph in ``store`` from articles under ``paths``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Russia and Ukraine held talks in Istanbul.")
    >>> report = build([folder], store=folder / "store")
    >>> report.written, report.errors
    (['a'], [])
    """
    target = store if isinstance(store, Store) else Store(store)
    return Builder(target, model=model).build(paths, date=date, force=force,
                                              on_article=on_article, on_write=on_write)
