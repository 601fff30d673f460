"""The unit of work of a build: a task of articles parsed and read, in whatever process runs
it (this one, a worker of ``kg build --jobs``, or a Dask worker of ``--cluster``).

Only records go in and out (:class:`~kg.records.Document` in, :class:`~kg.records.Reading`
or :class:`Failure` out, no spaCy objects), so tasks and results cross processes; the
model is loaded once per process (:func:`kg.nlp.load`). :func:`prepare_articles` goes one
step further, to each article's graph as N-Quads (:class:`Prepared`), so that the one
process that writes the store only writes: turning readings into RDF in it capped a
parallel build at about 50 articles a second. :mod:`kg.pipeline` cuts the tasks and writes
what they prepare; :mod:`kg.distributed_build` sends the tasks to a cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import nlp as nlp_module
from kg.graph.rdf import Run, reading_quads
from kg.messages import first_line
from kg.records import Document, Reading

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    Paragraphs = list[tuple[int, Doc]]


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


def extract_article(document: Document, paragraphs: Paragraphs, fingerprint: str = "") -> Reading:
    """Resolve the entities of one parsed article and extract its statements."""
    # Imported here, with spaCy: a build's writing process imports this module for its
    # records (Prepared, Failure) and never parses.
    from kg.extract import extract_paragraph
    from kg.extract.base import ArticleMemory, Context
    from kg.resolve import ArticleEntities

    entities = ArticleEntities(paragraphs)
    memory = ArticleMemory()
    statements = []
    for offset, parsed in paragraphs:
        context = Context(document, entities, offset, memory)
        statements.extend(extract_paragraph(parsed, context))
    return Reading(document, tuple(statements), entities.entities(), fingerprint)


class WorkerError(RuntimeError):
    """A worker process of a parallel build died; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Failure:
    """An article whose reading raised: its id and the one-line error for the report."""

    document_id: str
    message: str


def extract_articles(documents: Sequence[Document], salt: str = "",
                     model: str | None = None) -> list[Reading | Failure]:
    """Parse a task of articles and extract their statements in this process: the unit of
    work of a build (kg.ingest *reads* files; this *extracts* from what was read).

    The model is loaded on the first call in a process and kept (:func:`kg.nlp.load`),
    so a pool worker, or any other worker that imports kg, pays for it once. Only
    records go in and out (no spaCy objects), so tasks and results cross processes.
    ``salt`` names the pipeline in each reading's fingerprint. Whatever one article
    raises, in its parse or its reading, becomes its :class:`Failure`; the others of
    the task are read all the same.

    >>> from kg.records import Block
    >>> doc = Document("d", "Russia and Ukraine held talks.", (Block(0, 30),))
    >>> [type(outcome).__name__ for outcome in extract_articles([doc])]
    ['Reading']
    """
    nlp = nlp_module.load(model)
    try:
        return [_extract_parsed(document, paragraphs, salt)
                for document, paragraphs in parse_documents(nlp, documents)]
    except Exception as error:  # the task's one parse stream broke on some article
        if len(documents) > 1:  # parsed alone, each article reads or fails on its own
            return [outcome for document in documents
                    for outcome in extract_articles([document], salt, model)]
        return [failure(documents[0], "parsing", error)]


def _extract_parsed(document: Document, paragraphs: Paragraphs, salt: str) -> Reading | Failure:
    try:
        return extract_article(document, paragraphs, document.fingerprint(salt))
    except Exception as error:  # one article's failure must not stop the others
        return failure(document, "extraction", error)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article read and written out as RDF where it was read: all its writer needs."""

    document_id: str
    statements: int
    quads: bytes  # the article's named graph, as N-Quads


ExtractTask = Callable[[Sequence[Document], str, str | None],
                      list[Reading | Prepared | Failure]]
"""What parses and extracts a task of articles: :func:`extract_articles` (or, in a
benchmark of the writer alone, a function that returns the articles already
:class:`Prepared`, at a fixed rate)."""


def prepare_articles(documents: Sequence[Document], salt: str, model: str | None, run: Run,
                     extract: ExtractTask = extract_articles) -> list[Prepared | Failure]:
    """:func:`extract_articles`, then each reading's graph (provenance ``run``) as N-Quads:
    what a worker hands the build's writer. An article whose graph cannot be written (a
    term RDF cannot hold) fails alone.

    >>> from kg.records import Block
    >>> doc = Document("d", "Russia and Ukraine held talks.", (Block(0, 30),))
    >>> [prepared] = prepare_articles([doc], "", None, Run("kg", "model", "2025-01-01"))
    >>> prepared.document_id, b"<https://w3id.org/kg-diplomacy/graph/" in prepared.quads
    ('d', True)
    """
    prepared: list[Prepared | Failure] = []
    for outcome in extract(documents, salt, model):
        if isinstance(outcome, (Failure, Prepared)):
            prepared.append(outcome)
            continue
        try:
            quads = ox.serialize(reading_quads(outcome, run), format=ox.RdfFormat.N_QUADS)
        except Exception as error:  # a term RDF cannot hold: that article alone fails
            prepared.append(failure(outcome.document, "writing", error))
            continue
        prepared.append(Prepared(outcome.document.id, len(outcome.statements), quads))
    return prepared


def failure(document: Document, stage: str, error: Exception) -> Failure:
    """The one-line failure of ``document`` at ``stage``, naming where it was read from.

    >>> failure(Document("d", "text", ()), "parsing", ValueError("bad")).message
    'd: parsing failed (ValueError: bad)'
    """
    return Failure(document.id, f"{document.origin or document.id}: {stage} failed "
                                f"({type(error).__name__}: {first_line(error)})")
