"""Parse and read articles on a Dask distributed cluster (``kg build --cluster``).

The cluster is one more executor for the build's tasks: each task of articles goes to
:func:`kg.tasks.prepare_articles` on some worker (which loads the model once and keeps
it), and the articles' graphs come back, in task order, to the single writer in the
building process. At most two tasks per worker thread are in flight, so neither the articles
waiting to be parsed nor the readings waiting to be written grow with the corpus.

A task whose worker dies is run again elsewhere (Dask reschedules it, and ``retries``
covers an error raised in it); its articles are written only once their readings are
back, and writing an article replaces its named graph whole, so a killed worker neither
loses nor duplicates an article.

``distributed`` is imported only here, and only when a cluster is asked for, so it is an
optional dependency (``pip install 'kg-diplomacy[cluster]'``).
"""

from __future__ import annotations

import logging
import os
import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kg.graph.rdf import Run
from kg.messages import first_line
from kg.records import Document
from kg.tasks import Failure, Prepared, WorkerError, prepare_articles

if TYPE_CHECKING:
    from distributed import Client

CONNECT_TIMEOUT = float(os.environ.get("KG_CLUSTER_TIMEOUT", "10"))
"""Seconds to wait for the scheduler to answer and for a first worker to join
(env ``KG_CLUSTER_TIMEOUT``)."""

RETRIES = 3
"""Times a task that raised is tried again before the build gives up."""

_LOCAL = re.compile(r"local:(\d+)")


class ClusterError(WorkerError):
    """The cluster cannot be used: a bad address, no scheduler, no workers, or it failed."""


def check_address(address: str) -> None:
    """Refuse an address that can name no cluster, before anything is read.

    ``local:N`` (N worker processes on this machine) or a scheduler address such as
    ``tcp://host:8786`` or ``host:8786``.

    >>> check_address("local:2"); check_address("tcp://10.0.0.5:8786")
    >>> check_address("local:0")
    Traceback (most recent call last):
    kg.distributed_build.ClusterError: --cluster local:0: a local cluster needs at least 1 worker
    """
    local = _LOCAL.fullmatch(address)
    if local:
        if int(local.group(1)) < 1:
            raise ClusterError(f"--cluster {address}: a local cluster needs at least 1 worker")
        return
    if address.startswith("local"):
        raise ClusterError(f"--cluster {address}: write local:N, N the number of workers")
    host = address.split("://", 1)[-1]
    if not host or host.startswith(":") or any(c.isspace() for c in address):
        raise ClusterError(f"--cluster {address}: not a scheduler address "
                           "(tcp://host:8786, host:8786 or local:N)")


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the cluster at ``address`` with at least one worker, closed on exit.

    ``local:N`` starts a cluster of N worker processes with one thread each, here and
    for this build only; anything else is the address of a running scheduler.
    """
    check_address(address)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask's distributed package: "
                           "pip install 'kg-diplomacy[cluster]'") from None
    local = _LOCAL.fullmatch(address)
    cluster: Any = None
    client: Client | None = None
    try:
        if local:
            cluster = LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1,
                                   processes=True, dashboard_address=":0",
                                   silence_logs=logging.ERROR)
            client = Client(cluster, timeout=CONNECT_TIMEOUT)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"--cluster {address}: cannot reach the scheduler "
                           f"({first_line(error)})") from None
    try:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError):
            raise ClusterError(f"--cluster {address}: no worker joined the scheduler within "
                               f"{CONNECT_TIMEOUT:g} s (start some with: dask worker "
                               f"{address})") from None
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _threads(client: Client) -> int:
    return max(1, sum(client.nthreads().values()))


def read_on_cluster(tasks: Iterator[list[Document]], salt: str, model: str | None,
                    address: str, run: Run) -> Iterator[list[Prepared | Failure]]:
    """:func:`prepare_articles` over ``tasks`` on the cluster at ``address``, in task
    order; ``run`` is the build's provenance."""
    with connect(address) as client:
        from distributed import KilledWorker

        pending: deque[Any] = deque()
        try:
            for task in tasks:
                pending.append(client.submit(prepare_articles, task, salt, model, run,
                                             pure=False, retries=RETRIES))
                if len(pending) > 2 * _threads(client):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except KilledWorker as error:
            raise ClusterError(f"--cluster {address}: workers died running the same task "
                               f"again and again ({error}); the articles written so far are "
                               "kept: run the build again to finish") from None
        except (CancelledError, OSError, TimeoutError) as error:
            raise ClusterError(f"--cluster {address}: lost the cluster "
                               f"({type(error).__name__}: {error}); the articles written so "
                               "far are kept: run the build again to finish") from None
        finally:
            for future in pending:
                future.cancel()
