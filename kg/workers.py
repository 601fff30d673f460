"""The worker processes of a build: forked from one server process that holds what every
worker needs, loaded once.

The workers of ``kg build --jobs`` (:func:`kg.pipeline._read_in_workers`) are forked from a
fork server, never from the build's own process (its store runs threads, which a fork
would copy half-way). :func:`start` starts that server at once, before the build opens its
store or reads its input, and has it load kg's extraction code, the model, and the word
lists extraction reads (:mod:`kg.forkserver`): the model loads while the build does the rest,
and each worker forked from the server starts ready, sharing that memory. Where Python
has no fork server (Windows), workers are spawned and each loads the model itself.

>>> context().get_start_method() in ("forkserver", "spawn")
True
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from multiprocessing.context import BaseContext

PRELOAD_MODEL = "KG_FORKSERVER_MODEL"
"""The environment variable that names the model the fork server loads (empty: the default
model), set in the server's environment by :func:`start` alone."""


def context() -> BaseContext:
    """Where worker processes come from: the fork server (what it preloads is
    :mod:`kg.forkserver`), or spawning where there is none."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(["kg.forkserver"])
    return forkserver


def start(model: str | None = None) -> None:
    """Start the fork server now with ``model`` loaded in it, unless it already runs.

    The server is the process's one fork server (:mod:`multiprocessing.forkserver`): it
    lives until this process ends. Started by a pool instead, it loads kg's code but not
    the model, which each worker then loads on its first task.
    """
    if context().get_start_method() != "forkserver":
        return
    before = os.environ.get(PRELOAD_MODEL)
    os.environ[PRELOAD_MODEL] = model or ""  # the server inherits this process's environment
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ[PRELOAD_MODEL]
        else:
            os.environ[PRELOAD_MODEL] = before


def available_cpus() -> int:
    """The processors this process may run on.

    >>> available_cpus() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def idle_cpus() -> int:
    """The processors this process may run on that no other work keeps busy, by the load
    average of the last minute: workers on a processor that is busy anyway only share it,
    and pay for their start-up and for evicting each other's caches. (The processes
    running at this very moment, ``/proc/loadavg``, were tried: on a shared machine a
    quiet instant is no quiet minute, and the workers then lost to one process.)

    >>> 0 <= idle_cpus() <= available_cpus()
    True
    """
    cpus = available_cpus()
    try:
        load = os.getloadavg()[0]
    except OSError:  # no load average here: take the processors as idle
        return cpus
    return max(0, min(cpus, int(cpus - load + 0.5)))


def automatic_workers() -> int:
    """The worker processes of a build that chooses for itself (``jobs=None``): every
    processor this process may run on once the last minute left one idle
    (:func:`idle_cpus`), none when other work kept them all busy.

    All of them, not the idle ones alone: the load average of a minute still counts work
    that has ended, above all the previous build, so a user's second build in a row saw
    one processor busy and parsed in one worker on a machine doing nothing else (ten
    articles at 0.74× bare spaCy's pace, against 0.99× in two workers; benchmarks/results).
    Where other work does hold a processor, a worker sharing it still takes its share.

    >>> automatic_workers() in (0, available_cpus())
    True
    """
    return available_cpus() if idle_cpus() > 0 else 0
