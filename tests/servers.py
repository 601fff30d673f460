"""SPARQL servers on free loopback ports, for the tests and the benchmarks.

``oxigraph serve`` (the ``oxigraph`` package) and Virtuoso open source 7 (Debian's
``virtuoso-opensource-7``), each in a folder of its own; ``scripts/install-stores.sh``
installs both. A missing server is :class:`ServerMissing`, which the tests turn into a
skip and the benchmarks into a line of their table.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

# the server CLI sits in the venv's bin folder, which need not be on PATH
OXIGRAPH = shutil.which("oxigraph", path=f"{Path(sys.executable).parent}{os.pathsep}"
                                         f"{os.environ.get('PATH', '')}")
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")


def start_interruptible(command: list[str], **popen: object) -> subprocess.Popen:
    """``subprocess.Popen(command, **popen)`` with SIGINT at its default in the new process,
    so that it stops on SIGINT as when Ctrl-C is pressed at a terminal.

    A shell starts a background job with SIGINT ignored, and the job's children inherit
    that (the test suite run as ``bash .ci/run &``): ``kg serve`` would never stop. A
    handler is not inherited, so while one is set here the child starts with the default.
    """
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(command, **popen)  # type: ignore[call-overload]
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


class ServerMissing(RuntimeError):
    """The server's program is not installed; the message says how to install it."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A SPARQL server process, stopped by :meth:`stop`."""

    url: str
    command: list[str]
    process: subprocess.Popen | None = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        wait_until_up(self.url, self.process)


def wait_until_up(url: str, process: subprocess.Popen, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}")
        try:
            if httpx.post(url, data={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url}: no answer after {limit:g} s")


def start_oxigraph(folder: Path, *, union: bool = True) -> Server:
    if OXIGRAPH is None:
        raise ServerMissing("oxigraph (the server CLI) is not installed: "
                            "run scripts/install-stores.sh")
    port = free_port()
    command = [OXIGRAPH, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    server = Server(f"http://127.0.0.1:{port}/query",
                    command + (["--union-default-graph"] if union else []))
    server.start()
    return server


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
; without it the log warns "Low query memory limit" while kg fills a million quads and
; pages through the lists (the benchmarks' remote section); with it, no warning
MaxQueryMem = 1G
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
[SPARQL]
{cap}
"""


def start_virtuoso(folder: Path, *, max_rows: int | None = None) -> Server:
    """Virtuoso in ``folder``; ``max_rows`` caps its answers as Debian's default ini does
    (at 10,000), None leaves them uncapped."""
    if VIRTUOSO is None or ISQL is None:
        raise ServerMissing("virtuoso-opensource-7 is not installed: "
                            "run scripts/install-stores.sh")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    cap = f"ResultSetMaxRows = {max_rows}" if max_rows else "; no ResultSetMaxRows: no cap"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port,
                                       cap=cap))
    # -f: stay in the foreground, so the fixture owns the process and can stop it
    server = Server(f"http://127.0.0.1:{http_port}/sparql", [VIRTUOSO, "-f", "-c", str(ini)])
    server.start()
    # The anonymous SPARQL user may query but not update until granted; a fresh database's
    # administrator is dba/dba, reachable only on this loopback SQL port.
    subprocess.run([ISQL, str(sql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                   check=True, capture_output=True, timeout=60)
    return server
