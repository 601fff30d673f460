"""The pool of worker processes (the server's side): queries run with a timeout, and a
worker whose query runs late, or outgrows its memory, is killed and replaced.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from kg.endpoint import worker
from kg.endpoint.reply import Reply
from kg.endpoint.worker import OUT_OF_MEMORY, read_frame, write_frame

DEFAULT_WORKER_MEMORY = 2048
"""MiB of address space a query worker may use."""
RESERVE_TIMEOUT = 2.0
"""Seconds a query may run on the last free worker while all the others run queries."""
TRUNCATED_HEADER = "X-KG-Truncated"


class _Process:
    """The server's handle on one worker process."""

    def __init__(self, store: Path, prefixes: dict[str, str], start_timeout: float,
                 memory: int) -> None:
        # two malloc arenas instead of one per thread (64 MiB of address space each), so the
        # memory limit measures what queries use
        environment = {**os.environ, "MALLOC_ARENA_MAX": "2"}
        self.popen = subprocess.Popen(
            [sys.executable, "-P", str(Path(worker.__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, close_fds=True,
            env=environment)
        try:
            write_frame(self.popen.stdin.fileno(),
                         {"store": str(store), "prefixes": prefixes, "parent": os.getpid(),
                          "memory": memory})
            ready, _ = read_frame(self.popen.stdout.fileno(), time.monotonic() + start_timeout)
        except (TimeoutError, EOFError, OSError, ValueError):
            self.kill()
            raise RuntimeError("a query worker did not start") from None
        if not ready.get("ready"):
            self.kill()
            raise RuntimeError(ready.get("message", "a query worker did not start"))

    def died_of_memory(self) -> bool:
        """Whether the process ended as a query that outgrew its memory limit ends: aborted
        by Rust's allocation failure handler, or killed by the kernel's OOM killer."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(2)
        return self.popen.returncode in (-signal.SIGABRT, -signal.SIGKILL)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.popen.kill()
        for pipe in (self.popen.stdin, self.popen.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(5)


class WorkerPool:
    """Worker processes that run queries with a timeout: a late one is killed and replaced.

    ``memory`` caps each worker's address space (MiB, 0 for none): a query that needs more
    kills its worker, which is replaced. While every other worker runs a query, the last one
    runs a query for at most ``reserve_timeout`` seconds, so a few long queries cannot keep
    short ones waiting. Waiting requests get the workers that come free in arrival order.

    Example::

        pool = WorkerPool("kg-data", PREFIXES, size=2)
        pool.run({"query": "ASK {}", "results": "JSON"}, timeout=5).body
        # b'{"head":{},"boolean":true}'
    """

    def __init__(self, store: str | Path, prefixes: dict[str, str], *, size: int = 2,
                 memory: int = DEFAULT_WORKER_MEMORY, reserve_timeout: float = RESERVE_TIMEOUT,
                 start_timeout: float = 60.0) -> None:
        self.store = Path(store)
        self.prefixes = prefixes
        self.size = size
        self.memory = memory
        self.reserve_timeout = reserve_timeout
        self.start_timeout = start_timeout
        self._idle: queue.LifoQueue[_Process] = queue.LifoQueue()
        self._all: set[_Process] = set()
        self._running = 0  # jobs on workers now
        self._lock = threading.Lock()
        self._closed = False
        self._generation = 0
        self._signature = self._store_signature()
        self._checked = time.monotonic()
        started: list[_Process | BaseException] = []

        def start() -> None:
            try:
                started.append(self._start())
            except BaseException as error:
                started.append(error)

        threads = [threading.Thread(target=start, daemon=True) for _ in range(size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        errors = [s for s in started if isinstance(s, BaseException)]
        for process in started:
            if isinstance(process, _Process):
                self._all.add(process)
                self._idle.put(process)
        if errors:
            self.close()
            raise errors[0]

    def _start(self) -> _Process:
        return _Process(self.store, self.prefixes, self.start_timeout, self.memory << 20)

    def _store_signature(self) -> tuple[tuple[str, int, int], ...]:
        try:
            entries = [(e.name, e.stat()) for e in os.scandir(self.store)]
        except OSError:
            return ()
        return tuple(sorted((name, st.st_size, st.st_mtime_ns) for name, st in entries
                            if not name.startswith(("LOG", "LOCK"))))

    def generation(self) -> int:
        """A number that grows when the store directory changed (checked at most each second)."""
        with self._lock:
            now = time.monotonic()
            if now - self._checked >= 1.0:
                self._checked = now
                signature = self._store_signature()
                if signature != self._signature:
                    self._signature, self._generation = signature, self._generation + 1
            return self._generation

    def run(self, job: dict[str, Any], timeout: float) -> Reply:
        """Run a job on an idle worker, waiting at most ``timeout`` seconds in all."""
        deadline = time.monotonic() + timeout
        job = {**job, "generation": self.generation()}
        for _attempt in range(2):  # a worker found dead before it got the job: try another
            try:
                process = self._idle.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                return Reply.text(503, f"all {self.size} query workers stayed busy for "
                                       f"{timeout:g} s; try again", **{"Retry-After": "1"})
            if self._closed:
                return Reply.text(503, "the server is shutting down")
            with self._lock:
                self._running += 1
                reserved = self.size > 1 and self._running >= self.size
            now = time.monotonic()
            if reserved and now + self.reserve_timeout < deadline:
                ask_deadline = now + self.reserve_timeout
                late = Reply.text(503, f"the other {self.size - 1} query workers are busy with "
                                       f"long queries and the last one only runs queries under "
                                       f"{self.reserve_timeout:g} s; try again",
                                  **{"Retry-After": "1"})
            else:
                ask_deadline = deadline
                late = Reply.text(503, f"the query ran longer than the {timeout:g} s timeout "
                                       "and was cancelled")
            try:
                reply = self._ask(process, job, ask_deadline, late)
            finally:
                with self._lock:
                    self._running -= 1
            if reply is not None:
                return reply
        return Reply.text(500, "no query worker could take the query; try again")

    def _ask(self, process: _Process, job: dict[str, Any], deadline: float,
             late: Reply) -> Reply | None:
        """One job on one worker, killed at ``deadline`` (the answer is then ``late``);
        ``None`` when the worker was dead before it got the job."""
        try:
            write_frame(process.popen.stdin.fileno(), job)
        except OSError:
            self._replace(process)
            return None
        try:
            header, body = read_frame(process.popen.stdout.fileno(), deadline)
        except TimeoutError:
            self._replace(process)
            return late
        except (EOFError, OSError, ValueError):
            if self._closed:
                return Reply.text(503, "the server is shutting down")
            out_of_memory = process.died_of_memory()
            self._replace(process)
            if out_of_memory:
                return Reply.text(500, OUT_OF_MEMORY.format(memory=self.memory))
            return Reply.text(500, "the query worker died; try again")
        self._idle.put(process)
        if header["status"] != 200:
            return Reply.text(header["status"], header["message"])
        headers = {TRUNCATED_HEADER: str(job["max_rows"])} if header["truncated"] else {}
        return Reply(200, header["type"], body, headers)

    def pids(self) -> list[int]:
        """The process ids of the live workers.

        Example::

            len(pool.pids()) == pool.size  # unless one is being replaced right now
        """
        with self._lock:
            return sorted(p.popen.pid for p in self._all)

    def idle(self) -> int:
        """How many workers wait for a job right now.

        Example::

            pool.idle()  # 2 on a quiet two-worker pool, 0 while both run queries
        """
        return self._idle.qsize()

    def _replace(self, process: _Process) -> None:
        """Kill a worker and start its successor, both in the background."""
        with self._lock:
            self._all.discard(process)

        def replace() -> None:
            process.kill()
            for attempt in range(5):
                if self._closed:
                    return
                try:
                    successor = self._start()
                except Exception:
                    time.sleep(0.5 * (attempt + 1))
                    continue
                with self._lock:
                    if self._closed:
                        successor.kill()
                        return
                    self._all.add(successor)
                self._idle.put(successor)
                return

        threading.Thread(target=replace, daemon=True, name="kg-serve-respawn").start()

    def close(self) -> None:
        """Kill every worker (the store is read-only: nothing to flush)."""
        with self._lock:
            self._closed = True
            processes, self._all = list(self._all), set()
        for process in processes:
            process.kill()

