"""The build's writer alone: workers that return prepared readings at a fixed rate.

A parallel build is two parts: workers that parse and read articles, and the one process
that hands out the tasks, takes the results and writes them. On a machine with few cores
the workers hide the writer's ceiling; here the workers do no parsing: each returns, for
the articles of its task, readings prepared beforehand (:func:`prepare`), no faster than
``rate`` articles a second, so the build's pace is the writer's whenever the workers offer
more than it takes. :func:`simulated_extract` is the workers' :data:`kg.tasks.ExtractTask`; it
is imported by the workers, so this folder must be on their ``sys.path``.

    python benchmarks/run.py --only parent
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from kg.records import Document, Reading
from kg.tasks import Failure

PREPARED = "KG_BENCH_PREPARED"  # environment: the pickle of prepared readings
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


@cache
def _prepared() -> dict[str, Reading]:
    return pickle.loads(Path(os.environ[PREPARED]).read_bytes())


def simulated_extract(documents: Sequence[Document], salt: str = "",
                   model: str | None = None) -> list[Reading | Failure]:
    """The prepared readings of ``documents`` (each given its task's document and
    fingerprint), returned no sooner than ``rate`` allows."""
    start = time.perf_counter()
    prepared = _prepared()
    outcomes: list[Reading | Failure] = [
        dataclasses.replace(prepared[base_id(d.id)], document=d,
                            fingerprint=d.fingerprint(salt)) for d in documents]
    rate = float(os.environ.get(RATE, "0"))
    if rate > 0:
        time.sleep(max(0.0, len(documents) / rate - (time.perf_counter() - start)))
    return outcomes
