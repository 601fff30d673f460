"""The build's writer alone: workers that return prepared articles at a fixed rate.

A parallel build is two parts: workers that parse and read articles and write each one's
graph as N-Quads, and the one process that hands out the tasks, takes the results and
writes them to the store. On a machine with few cores the workers hide the writer's
ceiling (and their own CPU competes with it); here the workers do no work: each returns,
for the articles of its task, the graphs prepared beforehand (:func:`write_graphs`: each
article exactly as a worker of this build would hand it over, its fingerprint and
provenance included), no faster than ``rate`` articles a second, so the build's pace is
the writer's whenever the workers offer more than it takes. :func:`simulated_extract` is
the workers' :data:`kg.tasks.ExtractTask`; it is imported by the workers, so this folder
must be on their ``sys.path``.

    python benchmarks/run.py --only parent
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import time
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.records import Document, Reading
from kg.tasks import Failure, Prepared, prepare_articles

if TYPE_CHECKING:
    from kg.pipeline import Builder

PREPARED = "KG_BENCH_PREPARED"  # environment: the pickle of prepared articles
RATE = "KG_BENCH_RATE"  # environment: articles a second each worker offers


def base_id(document_id: str) -> str:
    """The id of the article a copy was made of (``write_corpus`` names copies ``ID~k``).

    >>> base_id("talks~3"), base_id("talks")
    ('talks', 'talks')
    """
    return document_id.rsplit("~", 1)[0]


def prepare(corpus: Path, out: Path, model: str | None = None) -> int:
    """Parse and read every article of ``corpus`` once; their readings pickled to ``out``."""
    from kg.ingest import read
    from kg.tasks import extract_articles

    documents = [d for d in read([corpus]) if isinstance(d, Document)]
    readings = {r.document.id: r for r in extract_articles(documents, "", model)
                if isinstance(r, Reading)}
    out.write_bytes(pickle.dumps(readings, protocol=pickle.HIGHEST_PROTOCOL))
    return len(readings)


def write_graphs(readings: Path, load: Path, builder: Builder, out: Path) -> Path:
    """Every article of ``load`` (copies of the articles read into ``readings``) as a
    worker of ``builder`` hands it to the writer, pickled to ``out`` (its N-Quads
    compressed: a tenth of the size, for eight workers to hold). Returns ``out``."""
    from kg.ingest import read

    base = pickle.loads(readings.read_bytes())

    def copies(documents: Sequence[Document], salt: str, model: str | None) -> list[Reading]:
        return [dataclasses.replace(base[base_id(d.id)], document=d,
                                    fingerprint=d.fingerprint(salt)) for d in documents]

    documents = [d for d in read([load]) if isinstance(d, Document)]
    graphs = {p.document_id: (p.statements, zlib.compress(p.quads, 1))
              for p in prepare_articles(documents, builder.salt, builder.model, builder.run,
                                        copies) if isinstance(p, Prepared)}
    out.write_bytes(pickle.dumps(graphs, protocol=pickle.HIGHEST_PROTOCOL))
    return out


@cache
def _prepared() -> dict[str, tuple[int, bytes]]:
    return pickle.loads(Path(os.environ[PREPARED]).read_bytes())


def simulated_extract(documents: Sequence[Document], salt: str = "",
                      model: str | None = None) -> list[Prepared | Failure]:
    """The prepared graphs of ``documents``, returned no sooner than ``rate`` allows."""
    start = time.perf_counter()
    prepared = _prepared()
    outcomes: list[Prepared | Failure] = [
        Prepared(d.id, prepared[d.id][0], zlib.decompress(prepared[d.id][1]))
        for d in documents]
    rate = float(os.environ.get(RATE, "0"))
    if rate > 0:
        time.sleep(max(0.0, len(documents) / rate - (time.perf_counter() - start)))
    return outcomes
