"""The build: articles → parsed paragraphs → statements and entities → the store.

Articles are read and checked in this process; unchanged ones are skipped before they
are parsed (the model is not even loaded when nothing changed). The rest go, a task of
:data:`TASK_SIZE` articles at a time, to :func:`extract_articles`, which parses them and
extracts their statements with the model loaded once per process: in this process, or in
``jobs`` worker processes (:mod:`kg.workers`), or on a Dask cluster (``cluster``,
:mod:`kg.distributed_build`), where each article is also turned into its graph's N-Quads
(:func:`kg.tasks.prepare_articles`); those stream back, in input order, to the single
writer here, which only writes. Each batch of articles replaces their graphs whole
(:mod:`kg.graph.store`), so an interrupted build keeps whole articles. An article is read
the same way whichever task, process or batch of paragraphs it is parsed in, so the
statements do not depend on ``jobs`` or ``cluster``.

``jobs=None`` chooses for the batch (:func:`plan`): a worker on every processor unless
other work keeps the machine busy (:func:`kg.workers.automatic_workers`), each taking the
next article as it finishes one, forked from a fork server that loads the model while this
process opens the store and reads the input (:func:`kg.workers.start`), so that even one
article costs little more than the model's load and its parse.

Whatever one article raises while it is fingerprinted, parsed, read or turned into RDF
costs that article only: one error line names it, and the rest are built. The entity pass
(:mod:`kg.resolve.corpus`) runs after the last batch whenever the store says it is owed,
so a build killed during the pass has it finished by the next build.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path

from kg import nlp as nlp_module
from kg import workers
from kg.graph import totals
from kg.graph.rdf import GRAPH_LAYOUT, Run
from kg.graph.store import DEFAULT_STORE, Store
from kg.ingest import ReadError, Skipped, read
from kg.ingest.web import Web
from kg.lexicons import data_version
from kg.records import Document
from kg.resolve.corpus import unify as unify_entities
from kg.tasks import (  # noqa: F401 (parse_documents, extract_article: tests/extract reads by them)
    ExtractTask,
    Failure,
    Prepared,
    WorkerError,
    extract_article,
    extract_articles,
    failure,
    parse_documents,
    prepare_articles,
)
from kg.version import __version__

WRITE_BATCH = int(os.environ.get("KG_WRITE_BATCH", "256"))
"""Articles written per store transaction and flush (env ``KG_WRITE_BATCH``). Part of what
a batch costs the writing process is paid once per batch whatever its size (the bulk
loader's index files and their compaction; the totals across articles read and rewritten,
:mod:`kg.graph.totals`, rows that the batch's articles share): the writer of a ``--jobs 8``
build takes 123 articles per CPU second in batches of 256, 101 in batches of 128
(``benchmarks/run.py --only parent``, 1,180 articles), for about 90 MB more held while a
batch is written (512: 142 per CPU second, 220 MB more)."""

TASK_SIZE = 8
"""Articles per call of :func:`extract_articles`: small enough to keep two workers evenly
busy, large enough that sending the task costs nothing next to parsing it."""


@dataclass
class BuildReport:
    """What a build did: articles written, left unchanged, skipped (by reason), problems met."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statements: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.errors


def plan(documents: Iterator[Document], cpus: int
         ) -> tuple[Iterator[list[Document]], int]:
    """The tasks of an automatic build over ``documents`` and the worker processes to read
    them (0: read them in this process), for ``cpus`` processors to use
    (:func:`kg.workers.automatic_workers`).

    A task is one article: the workers take the next as they finish one, so they end
    together whatever the articles' lengths (parsing one article at a time costs no more
    than eight). As many workers as processors to use, or as articles when fewer: even one
    parses while this process opens the store and reads the input; with none, workers
    would only add their start-up.

    >>> def tasks(count, cpus):
    ...     cut, jobs = plan(iter(range(count)), cpus)
    ...     return [len(task) for task in cut], jobs
    >>> tasks(3, 2), tasks(1, 2), tasks(0, 2), tasks(3, 1), tasks(10, 0)
    (([1, 1, 1], 2), ([1], 1), ([], 0), ([1, 1, 1], 1), ([8, 2], 0))
    """
    if cpus < 1:
        return _tasks(documents), 0
    head = list(islice(documents, cpus))
    return _tasks(chain(head, documents), 1), len(head)


def _tasks(documents: Iterable[Document], size: int = TASK_SIZE) -> Iterator[list[Document]]:
    task: list[Document] = []
    for document in documents:
        task.append(document)
        if len(task) == size:
            yield task
            task = []
    if task:
        yield task


def _read_in_workers(tasks: Iterator[list[Document]], salt: str, model: str | None,
                     jobs: int, run: Run, extract: ExtractTask = extract_articles
                     ) -> Iterator[list[Prepared | Failure]]:
    """:func:`prepare_articles` over ``tasks`` in ``jobs`` processes, results in task order.

    At most two tasks per worker are in flight, so neither the articles waiting to be
    parsed nor the readings waiting to be written grow with the corpus.
    """
    # No initializer loads the model: the fork server has (kg.workers.start), or the first
    # task of each worker does (extract_articles); a worker that reads no articles (a
    # benchmark's) never pays for it. Each worker ends with this process, however it ends.
    pool = ProcessPoolExecutor(jobs, mp_context=workers.context(), initializer=workers.follow,
                               initargs=(os.getpid(),))
    pending: deque[Future[list[Prepared | Failure]]] = deque()
    try:
        for task in tasks:
            pending.append(pool.submit(prepare_articles, task, salt, model, run, extract))
            if len(pending) > 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WorkerError("a worker process died (killed, out of memory, or the model would "
                          "not load); the articles written so far are kept: run the build "
                          "again to finish") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Builder:
    """Builds articles into a store; holds the run's provenance.

    >>> import tempfile
    >>> builder = Builder(Store(tempfile.mkdtemp()))
    >>> builder.run.software.startswith("kg ")
    True
    """

    def __init__(self, store: Store, *, model: str | None = None, jobs: int | None = 1,
                 cluster: str | None = None, extract: ExtractTask = extract_articles) -> None:
        """``jobs``: the processes that parse (1: this one; ``None``: chosen for the batch,
        :func:`plan`). ``extract`` parses and extracts each task of articles
        (:data:`kg.tasks.ExtractTask`): a benchmark of the writer alone passes one that
        returns prepared readings (``benchmarks/``)."""
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        if cluster is not None:
            if jobs not in (None, 1):
                raise ValueError("jobs and cluster exclude each other: the cluster's "
                                 "workers do the parsing")
            from kg.distributed_build import check_address

            check_address(cluster)
        self.store = store
        self.model = model
        self.jobs = jobs
        self.cluster = cluster
        self.extract = extract
        model_id = nlp_module.describe_model(model)
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.run = Run(software=f"kg {__version__}", model=model_id, started=started)
        self.salt = f"{self.run.software}|{model_id}|{data_version()}|{GRAPH_LAYOUT}"
        self._held: set[str] | None = None  # the articles the store held before this build

    def build(self, paths: Iterable[str | Path], *, date: str | None = None,
              force: bool = False, on_article: Callable[[str], None] | None = None,
              on_write: Callable[[list[str]], None] | None = None,
              web: Web | None = None) -> BuildReport:
        """Read, extract and store every article under ``paths`` (files, folders, URLs).

        ``web`` fetches the URLs and feeds (:mod:`kg.ingest.web`). ``on_article`` is called
        with each document id once it is read (or skipped as
        unchanged); ``on_write`` with the ids of each batch once it is safely in the store.
        """
        report = BuildReport()
        self.store.ensure_ontology()
        totals.defer(self.store)  # the totals across articles follow once, at the end
        known = {} if force else self.store.fingerprints()
        # Articles the store did not hold owe an entity pass over themselves alone; with
        # ``force`` the store's articles are not read, so every batch owes a whole pass.
        self._held = None if force else set(known)
        seen: set[str] = set()

        def fresh() -> Iterator[Document]:
            for item in read(paths, date=date, web=web):
                if isinstance(item, ReadError):
                    report.errors.append(str(item))
                    continue
                if isinstance(item, Skipped):
                    report.skipped[item.reason] += 1
                    continue
                if item.id in seen:
                    report.errors.append(f"{item.origin}: duplicate document id {item.id!r}; "
                                         "the first one was kept")
                    continue
                seen.add(item.id)
                try:
                    fingerprint = item.fingerprint(self.salt)
                except Exception as error:  # text no digest takes (a lone surrogate)
                    report.errors.append(failure(item, "fingerprinting", error).message)
                    continue
                if known.get(item.id) == fingerprint:
                    report.unchanged.append(item.id)
                    if on_article:
                        on_article(item.id)
                    continue
                yield item

        outcomes = self._outcomes(fresh())
        batch: list[Prepared] = []
        for task_outcomes in outcomes:
            for outcome in task_outcomes:
                if isinstance(outcome, Failure):
                    report.errors.append(outcome.message)
                else:
                    batch.append(outcome)
                if on_article:
                    on_article(outcome.document_id)
            if len(batch) >= WRITE_BATCH:
                self._write(batch, report, on_write)
                batch = []
        self._write(batch, report, on_write)
        totals.settle(self.store)  # flushed with the entity pass that follows (build)
        return report

    def _outcomes(self, documents: Iterator[Document]) -> Iterator[list[Prepared | Failure]]:
        """Each task's outcomes, in input order, from wherever the build parses."""
        if self.jobs is None and self.cluster is None:
            tasks, jobs = plan(documents, workers.automatic_workers())
        else:
            tasks = _tasks(documents)
            first = list(islice(tasks, 2))
            tasks = chain(first, tasks)
            if self.cluster is not None and first:
                from kg.distributed_build import read_on_cluster

                return read_on_cluster(tasks, self.salt, self.model, self.cluster, self.run)
            # one task: starting workers costs more than it saves
            jobs = self.jobs if self.jobs and self.jobs > 1 and len(first) > 1 else 0
        if jobs == 0:
            return (prepare_articles(task, self.salt, self.model, self.run, self.extract)
                    for task in tasks)
        return _read_in_workers(tasks, self.salt, self.model, jobs, self.run, self.extract)

    def _write(self, batch: list[Prepared], report: BuildReport,
               on_write: Callable[[list[str]], None] | None) -> None:
        if not batch:
            return
        ids = [prepared.document_id for prepared in batch]
        self.store.replace_serialized([(p.document_id, p.quads) for p in batch],
                                      new=self._held is not None and self._held.isdisjoint(ids))
        # Oxigraph keeps every write in memory until a flush (about 1 MB per 1,000 quads);
        # flushing each batch keeps a build's memory flat however large the corpus.
        self.store.flush()
        report.written.extend(ids)
        report.statements += sum(prepared.statements for prepared in batch)
        if on_write:
            on_write(ids)


def build(paths: Iterable[str | Path], *, store: str | Path | Store = DEFAULT_STORE,
          date: str | None = None, model: str | None = None, force: bool = False,
          jobs: int | None = 1, cluster: str | None = None,
          on_article: Callable[[str], None] | None = None,
          on_write: Callable[[list[str]], None] | None = None,
          web: Web | None = None) -> BuildReport:
    """Build (or update) the knowledge graph in ``store`` from articles under ``paths``:
    files, folders, and web pages, feeds and lists of URLs.

    ``web`` fetches the URLs (by default :meth:`Web.beside <kg.ingest.web.Web.beside>` the
    store: a fetch cache and the sources book beside it). ``jobs`` is the number of
    processes that parse and read articles (1: this one; ``None``: chosen for the batch, and
    the model loaded in the workers' fork server at once, :func:`kg.workers.start`);
    ``cluster`` the address of a Dask scheduler (``tcp://host:8786``) or ``local:N`` (a
    cluster of N worker processes started for this build) to parse and read them instead.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Russia and Ukraine held talks in Istanbul.")
    >>> report = build([folder], store=folder / "store")
    >>> report.written, report.errors
    (['a'], [])
    """
    if cluster is None and jobs != 1 and workers.automatic_workers() > 0:
        workers.start(model)  # the model loads there while the store opens here
    target = store if isinstance(store, Store) else Store(store)
    own = web is None  # nothing is fetched or written for it unless a URL is read
    if own:
        web = Web.beside(target)
    try:
        report = Builder(target, model=model, jobs=jobs, cluster=cluster).build(
            paths, date=date, force=force, on_article=on_article, on_write=on_write, web=web)
    finally:
        if own:
            web.close()
    # Entities across articles: one node per entity in the store. Owed after this build's
    # batches, or after an earlier build killed before its pass was done: over the new
    # articles alone when only new articles were written, else over the whole store.
    if target.entity_pass_pending():
        unify_entities(target, target.owed_articles())
        target.entity_pass_done()
    target.flush()  # the totals settled and the entity pass, on disk in one flush
    return report
