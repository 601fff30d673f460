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
import select
import threading
import time
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


def follow(build: int) -> None:
    """End this worker process as soon as the process ``build`` (the build it works for)
    has ended: a build killed outright cannot tell its workers, which would wait for work
    forever, each holding a model, and keep their fork server alive (the server ends once
    its last client has). A pool's initializer (:func:`kg.pipeline._read_in_workers`).

    >>> follow(os.getpid())  # watched from a thread that ends this process with the build
    """
    threading.Thread(target=_end_with, args=(build,), daemon=True, name="kg-follow").start()


def _end_with(build: int) -> None:
    try:
        ended = os.pidfd_open(build)  # Linux 5.3 and later: readable once it has ended
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # no process descriptors here: look every second
        while _alive(build):
            time.sleep(1.0)
    else:
        select.select([ended], [], [])
    os._exit(1)  # nothing to finish: the build that would take the results is gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # another user's: the build's pid reused
        return False
    return True


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


PRESSURE = "/proc/pressure/cpu"
"""Linux's account of the time runnable tasks waited for a processor (pressure stall
information, kernel 4.20 and later)."""
BUSY_PRESSURE = 10.0
"""The share of the last ten seconds (per cent) in which some task waited for a processor,
from which on a build parses in its own process: workers would only queue behind others."""


def cpu_pressure() -> float | None:
    """The per cent of the last ten seconds in which some runnable task waited for a
    processor (:data:`PRESSURE`), or ``None`` where the system does not say.

    >>> pressure = cpu_pressure()
    >>> pressure is None or 0.0 <= pressure <= 100.0
    True
    """
    try:
        with open(PRESSURE, encoding="ascii") as text:
            first = text.readline().split()  # some avg10=0.26 avg60=3.19 avg300=3.00 total=…
        return float(first[1].removeprefix("avg10="))
    except (OSError, IndexError, ValueError):
        return None


def automatic_workers() -> int:
    """The worker processes of a build that chooses for itself (``jobs=None``): one on
    every processor this process may run on, or none when other work keeps the machine
    busy: tasks waited for a processor a tenth of the last ten seconds
    (:func:`cpu_pressure`), or where that is not known, the last minute's load left no
    processor idle (:func:`idle_cpus`).

    Waiting, not the load, where it is known: the load average of a minute still counts
    work that has ended, above all the previous build, so a user's second build in a row
    found one processor busy on a machine doing nothing else and parsed in one worker
    (ten articles at 0.74× bare spaCy's pace, against 0.99× in two workers). And every
    processor, not the idle ones alone: a worker on a processor that other work holds
    still takes its share of it.

    >>> automatic_workers() in (0, available_cpus())
    True
    """
    pressure = cpu_pressure()
    busy = idle_cpus() == 0 if pressure is None else pressure >= BUSY_PRESSURE
    return 0 if busy else available_cpus()
