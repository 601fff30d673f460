"""The endpoint as a whole: :class:`SparqlServer` (workers started and the port bound on
creation), and :func:`serving` and :func:`serve` on top of it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.endpoint.http import HTTPServer
from kg.endpoint.page import render_page
from kg.endpoint.pool import DEFAULT_WORKER_MEMORY, TRUNCATED_HEADER, WorkerPool
from kg.messages import one_line, printable

DEFAULT_HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
MIN_WORKER_MEMORY = 512
"""The least worker memory accepted: a worker holds 200 to 300 MiB before its first query."""
DEFAULT_MAX_CONNECTIONS = 64


class SparqlServer:
    """A SPARQL endpoint over a store: workers started and the port bound on creation.

    The limits: ``timeout`` seconds per request, ``max_rows`` per answer, ``workers``
    processes with ``worker_memory`` MiB of address space each (0: no limit), and
    ``max_connections`` open connections (more get 503). With ``build``, ``POST /build``
    builds articles into the store with ``model`` kept loaded (:mod:`kg.endpoint.builds`;
    only on a loopback address).

    Use it as a context manager; :meth:`start` serves in a background thread,
    :meth:`serve_forever` in the calling one. Example::

        with SparqlServer("kg-data", timeout=5) as server:
            server.start()
            urllib.request.urlopen(server.url + "/sparql?query=ASK%7B%7D").read()
    """

    def __init__(self, store_path: str | Path | Any, host: str = DEFAULT_HOST, port: int = 0,
                 timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS, *,
                 workers: int | None = None, worker_memory: int = DEFAULT_WORKER_MEMORY,
                 max_connections: int = DEFAULT_MAX_CONNECTIONS, quiet: bool = False,
                 build: bool = False, model: str | None = None) -> None:
        from kg.endpoint.http import _loopback
        from kg.graph.namespaces import PREFIXES
        from kg.graph.store import StoreError
        from kg.queries import named_queries

        if not 0 <= port <= 65535:
            raise ValueError(f"port must be 0 (any free one) to 65535, not {port}")
        if not 0 < timeout < float("inf"):
            raise ValueError(f"timeout must be a positive number of seconds, not {timeout}")
        if max_rows < 0:
            raise ValueError(f"max_rows must be 0 (no cap) or more, not {max_rows}")
        if workers is None:
            workers = min(max(os.cpu_count() or 2, 2), 4)
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if worker_memory and worker_memory < MIN_WORKER_MEMORY:
            raise ValueError(f"worker memory must be 0 (no limit) or at least "
                             f"{MIN_WORKER_MEMORY} MiB, not {worker_memory}")
        if max_connections < 1:
            raise ValueError(f"max_connections must be at least 1, not {max_connections}")
        if build and not _loopback(host):
            raise ValueError(f"builds are served on a loopback address only, not {host}: "
                             "anyone who reaches the server could write to the store")
        path = Path(getattr(store_path, "path", store_path))
        if not (path / "CURRENT").is_file():
            raise StoreError(f"{path}: no knowledge graph here (run `kg build` first)")
        self.store_path, self.timeout, self.max_rows = path, float(timeout), max_rows
        try:
            self.pool = WorkerPool(path, PREFIXES, size=workers, memory=worker_memory)
        except Exception as error:
            raise StoreError(f"{path}: cannot open the store ({one_line(error)})") from None
        page, policy = render_page({
            "endpoint": "/sparql", "prefixes": PREFIXES, "queries": named_queries(),
            "timeout": self.timeout, "maxRows": max_rows, "truncatedHeader": TRUNCATED_HEADER})
        self.builds = None
        try:
            if build:
                from kg.endpoint.builds import Builds

                self.builds = Builds(path, model)
            self.http = HTTPServer((host, port), pool=self.pool, page=page, page_policy=policy,
                                    query_timeout=self.timeout, max_rows=max_rows,
                                    max_connections=max_connections, quiet=quiet,
                                    builds=self.builds)
        except BaseException:
            self.pool.close()
            raise
        self._thread: threading.Thread | None = None
        self._serving = False

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8000`` (the endpoint is ``url + "/sparql"``)."""
        host, port = self.http.server_address[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def sparql_url(self) -> str:
        """The SPARQL endpoint's URL, e.g. ``http://127.0.0.1:8000/sparql``."""
        return self.url + "/sparql"

    def serve_forever(self) -> None:
        """Answer requests in this thread until :meth:`close` (from another thread)."""
        self._serving = True
        try:
            self.http.serve_forever(poll_interval=0.2)
        finally:
            self._serving = False

    def start(self) -> str:
        """Answer requests in a background thread; returns :attr:`url`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self.serve_forever, daemon=True,
                                            name="kg-serve")
            self._thread.start()
        return self.url

    def close(self) -> None:
        """Stop serving, drop open connections and kill the workers."""
        if self._serving:
            self.http.shutdown()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        self.http.server_close()
        self.http.close_connections()
        self.pool.close()
        if self.builds is not None:
            self.builds.close()

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def serving(store_path: str | Path | Any, host: str = DEFAULT_HOST, port: int = 0,
            timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS, *,
            workers: int | None = None, worker_memory: int = DEFAULT_WORKER_MEMORY,
            max_connections: int = DEFAULT_MAX_CONNECTIONS, quiet: bool = True,
            build: bool = False, model: str | None = None) -> Iterator[str]:
    """Serve in the background for the ``with`` block; yields the base URL.

    Example::

        with serving("kg-data") as url:
            rows = urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D").read()
    """
    with SparqlServer(store_path, host, port, timeout, max_rows, workers=workers,
                      worker_memory=worker_memory, max_connections=max_connections,
                      quiet=quiet, build=build, model=model) as server:
        yield server.start()


def serve(store_path: str | Path | Any, host: str = DEFAULT_HOST, port: int = 0,
          timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS, *,
          workers: int | None = None, worker_memory: int = DEFAULT_WORKER_MEMORY,
          max_connections: int = DEFAULT_MAX_CONNECTIONS, quiet: bool = False,
          build: bool = False, model: str | None = None) -> None:
    """Serve until Ctrl-C or SIGTERM; prints the URL first (``port=0`` picks a free port).

    Raises :class:`kg.graph.store.StoreError` when the store cannot be opened, ``ValueError``
    for a bad setting and ``OSError`` when the address cannot be bound. Example::

        serve("kg-data", port=8000)   # SPARQL at http://127.0.0.1:8000/sparql
    """
    server = SparqlServer(store_path, host, port, timeout, max_rows, workers=workers,
                          worker_memory=worker_memory, max_connections=max_connections,
                          quiet=quiet, build=build, model=model)
    previous = None
    if threading.current_thread() is threading.main_thread():
        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
    try:
        # Ctrl-C is a normal stop from the moment the URL is printed (a client may send it
        # as soon as it reads the line)
        with server, contextlib.suppress(KeyboardInterrupt):
            cap = f"{server.max_rows} rows" if server.max_rows else "no row cap"
            memory = f"{server.pool.memory} MiB each" if server.pool.memory else "no memory cap"
            print(f"serving {printable(str(server.store_path))} at {server.url}/ (explorer "
                  f"{server.url}/explore/, SPARQL endpoint {server.sparql_url}; timeout "
                  f"{server.timeout:g} s, {cap}, {server.pool.size} workers, {memory}); "
                  "Ctrl-C stops", flush=True)
            server.http.explorer.warm()
            server.serve_forever()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
