"""The worker process: one read-only view of the store, one query at a time.

A worker is this file run as a script (``python -P kg/endpoint/worker.py --worker``), which
imports only the standard library, pyoxigraph and three stdlib-only files of kg loaded by
path (:mod:`kg.graph.sparql`, :mod:`kg.messages`, :mod:`kg.endpoint.formats`; rdflib when a
text needs parsing), so it starts in about 0.1 s instead of the 2 s that importing the
``kg`` package would take. The server (:mod:`kg.endpoint.pool`) imports this module for the
frames both sides speak: a JSON header and a body, each length-prefixed, over the worker's
stdin and stdout.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import resource
import select
import signal
import struct
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox

_FRAME = struct.Struct(">IQ")  # header length, body length
OUT_OF_MEMORY = ("the query needed more than the {memory} MiB of memory a query worker may "
                 "use, and was stopped")
_KG = Path(__file__).resolve().parents[1]


def _load(relative: str) -> ModuleType:
    """A stdlib-only module of kg, loaded from its file: importing the ``kg`` package would
    take a worker 2 s (spaCy) instead of 0.1 s."""
    spec = importlib.util.spec_from_file_location(f"kg_worker_{Path(relative).stem}",
                                                  _KG / relative)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __package__:  # imported by the server, as kg.endpoint.worker
    from kg.endpoint.formats import GRAPH_FORMATS, RESULT_FORMATS
    from kg.graph import sparql
    from kg.messages import one_line
else:  # run as the worker script, without the kg package
    sparql = _load("graph/sparql.py")
    one_line = _load("messages.py").one_line
    _formats = _load("endpoint/formats.py")
    GRAPH_FORMATS, RESULT_FORMATS = _formats.GRAPH_FORMATS, _formats.RESULT_FORMATS


def write_frame(fd: int, header: dict[str, Any], body: bytes = b"") -> None:
    """Send one frame: ``header`` as JSON, then ``body``."""
    data = json.dumps(header).encode("utf-8")
    view = memoryview(_FRAME.pack(len(data), len(body)) + data + body)
    while view:
        view = view[os.write(fd, view):]


def _read_exact(fd: int, size: int, deadline: float | None = None) -> bytes:
    chunks, missing = [], size
    while missing:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, deadline: float | None = None) -> tuple[dict[str, Any], bytes]:
    """Receive one frame (``TimeoutError`` past ``deadline``, ``EOFError`` at the end)."""
    size, body_size = _FRAME.unpack(_read_exact(fd, _FRAME.size, deadline))
    header = json.loads(_read_exact(fd, size, deadline))
    return header, _read_exact(fd, body_size, deadline) if body_size else b""


class _RowCap:
    """A binary sink for pyoxigraph's TSV writer that keeps the header and N rows, then
    stops the serialisation (and so the query evaluation) by raising from ``write``."""

    def __init__(self, rows: int) -> None:
        self.lines_left = rows + 1  # the header line, then one line per row
        self.chunks: list[bytes] = []
        self.truncated = False

    def write(self, data: bytes) -> int:
        data = bytes(data)
        if not data:
            return 0
        if self.lines_left == 0:
            self.truncated = True
            raise BufferError("row cap reached")
        if data.count(b"\n") < self.lines_left:
            self.lines_left -= data.count(b"\n")
            self.chunks.append(data)
            return len(data)
        end = -1
        for _ in range(self.lines_left):
            end = data.index(b"\n", end + 1)
        self.chunks.append(data[:end + 1])
        self.lines_left = 0
        if end + 1 < len(data):
            self.truncated = True
            raise BufferError("row cap reached")
        return len(data)

    def flush(self) -> None:
        pass


class _Worker:
    """The worker's side: one read-only view of the store, one query at a time."""

    def __init__(self, path: str, prefixes: dict[str, str], memory: int) -> None:
        self.path = path
        self.prefixes = prefixes
        self.memory = memory  # MiB, for messages
        self.generation = 0
        self.store = self._open()
        self.sparql = sparql

    def _open(self) -> ox.Store:
        for attempt in range(8):  # a writer's compaction can race the open: retry briefly
            try:
                return ox.Store.read_only(self.path)
            except Exception:
                if attempt == 7:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def answer(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        try:
            # here rather than in the server: parsing a long query takes seconds of pure
            # Python, which the timeout bounds in a worker and would hold the server's GIL
            self.sparql.check_query(job["query"])
        except self.sparql.RefusedQuery as error:
            return {"status": 403, "message": one_line(error)}, b""
        try:
            if job.get("generation", 0) != self.generation:
                self.store = self._open()
                self.generation = job["generation"]
            try:
                return self._run(job)
            except (SyntaxError, ValueError):
                raise
            except Exception:  # a store error (e.g. a writer moved files): a fresh view, once
                self.store = self._open()
                return self._run(job)
        except SyntaxError as error:
            return {"status": 400, "message": one_line(error)}, b""
        except ValueError as error:
            return {"status": 400, "message": one_line(error)}, b""
        except MemoryError:
            return {"status": 500, "message": OUT_OF_MEMORY.format(memory=self.memory)}, b""
        except Exception as error:
            return {"status": 500, "message": f"the query failed: {one_line(error)}"}, b""

    def _run(self, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        options: dict[str, Any] = {"prefixes": self.prefixes}
        if job.get("default_graphs"):
            options["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]]
        else:
            options["use_default_graph_as_union"] = True
        if job.get("named_graphs"):
            options["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
        answer = self.store.query(job["query"], **options)
        cap = int(job.get("max_rows") or 0)
        truncated = False
        if isinstance(answer, ox.QueryTriples):
            if not job.get("graph"):
                return self._not_acceptable("CONSTRUCT and DESCRIBE", GRAPH_FORMATS, job)
            rdf_format = getattr(ox.RdfFormat, job["graph"])
            triples = list(itertools.islice(answer, cap + 1) if cap else answer)
            if cap and len(triples) > cap:
                triples, truncated = triples[:cap], True
            body = ox.serialize(triples, format=rdf_format, prefixes=self.prefixes)
            return {"status": 200, "type": rdf_format.media_type, "truncated": truncated}, body
        if not job.get("results"):
            return self._not_acceptable("SELECT and ASK", RESULT_FORMATS, job)
        results_format = getattr(ox.QueryResultsFormat, job["results"])
        if isinstance(answer, ox.QueryBoolean) or not cap:
            body = answer.serialize(format=results_format)
        else:
            body, truncated = self._capped(answer, results_format, cap)
        return {"status": 200, "type": results_format.media_type, "truncated": truncated}, body

    @staticmethod
    def _capped(solutions: ox.QuerySolutions, results_format: ox.QueryResultsFormat,
                cap: int) -> tuple[bytes, bool]:
        sink = _RowCap(cap)
        try:
            solutions.serialize(sink, format=ox.QueryResultsFormat.TSV)
        except Exception:
            if not sink.truncated:
                raise
        tsv = b"".join(sink.chunks)
        if results_format == ox.QueryResultsFormat.TSV:
            return tsv, sink.truncated
        rows = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
        return rows.serialize(format=results_format), sink.truncated

    @staticmethod
    def _not_acceptable(kind: str, offers: dict[str, tuple[str, ...]],
                        job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        offered = ", ".join(types[0] for types in offers.values())
        return {"status": 406, "message": f"{kind} answers cannot be given as "
                f"{job.get('wanted') or 'requested'}; this endpoint offers {offered}"}, b""


def _watch_parent(parent: int) -> None:
    # pyoxigraph releases the GIL while it evaluates, so this runs during a long query
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main() -> None:
    """Entry point of a worker process (``python -P kg/endpoint/worker.py --worker``): the
    first frame on stdin is the configuration, each later one a query; answers go to
    stdout."""
    try:
        config, _ = read_frame(0)
    except (EOFError, OSError, ValueError):
        return
    if config["memory"]:
        # address space, the limit Linux enforces at allocation: Oxigraph then aborts the
        # process (or Python raises MemoryError) instead of the machine swapping
        resource.setrlimit(resource.RLIMIT_AS, (config["memory"], config["memory"]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    out = os.dup(1)
    os.dup2(2, 1)  # stray prints must not corrupt the frames
    try:
        threading.Thread(target=_watch_parent, args=(config["parent"],), daemon=True).start()
        worker = _Worker(config["store"], config["prefixes"], config["memory"] >> 20)
    except Exception as error:
        write_frame(out, {"ready": False, "message": one_line(error)})
        return
    write_frame(out, {"ready": True, "pid": os.getpid()})
    while True:
        try:
            job, _ = read_frame(0)
        except (EOFError, OSError):
            return
        header, body = worker.answer(job)
        write_frame(out, header, body)


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    main()
