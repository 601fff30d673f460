"""``kg serve`` and the server (kg.endpoint.server): the command line, and hostile and
careless clients."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from servers import start_interruptible
from test_sparql_checks import listener  # noqa: F401  (a fixture: a stand-in SERVICE host)

from kg.endpoint import SparqlServer
from kg.graph.store import Store

from .client import (
    KG,
    POSITIONS,
    SLOW,
    TRUMP,
    Answer,
    fetch,
    query,
    rows_from_csv,
)


@contextmanager
def kg_serve(*arguments: str) -> Iterator[str]:
    """Run ``kg serve`` with ``arguments`` for the block, which gets its first line; at the
    block's end it is interrupted (SIGINT), as Ctrl-C at a terminal does, and must exit
    cleanly, else it is killed."""
    process = start_interruptible([*KG, "serve", *arguments], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "kg serve printed nothing within 60 s"
        yield process.stdout.readline()
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, said = process.communicate(timeout=5)
            raise AssertionError(f"kg serve did not stop on SIGINT: {said[-2000:]}") from None
        assert code == 0, process.stderr.read()[-2000:]
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(5)


def test_kg_serve_command(seed_store: Store) -> None:
    with kg_serve("--store", str(seed_store.path), "--port", "0", "--timeout", "5",
                  "--quiet") as line:
        found = re.search(r"http://127\.0\.0\.1:\d+/sparql", line)
        assert found, line
        answer = query(found.group(0), POSITIONS, accept="text/csv")
        assert answer.status == 200 and TRUMP in rows_from_csv(answer.body)


@pytest.mark.parametrize("sparql", [
    "SELECT * {{ ?s a dip:Article .SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * {{ optional {{ service <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * {{ {{ SELECT ?s {{ GRAPH ?g {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }} }} }}",
    "ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
])
def test_service_is_refused_and_nothing_fetched(
        endpoint: str, sparql: str,
        listener: tuple[str, list[bytes]]) -> None:  # noqa: F811 (the imported fixture)
    url, received = listener
    answer = query(endpoint, sparql.format(url=url))
    assert answer.status == 403 and "SERVICE" in answer.text, answer.text
    assert received == []


def raw_request(url: str, request: bytes) -> tuple[int, bytes]:
    """Send bytes as they are (no client to tidy them) and read the status and the answer."""
    host, port = urllib.parse.urlsplit(url).netloc.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    return int(answer.split(b" ", 2)[1]), answer


@pytest.mark.parametrize("length", [b"-5", b"+5", b"5_0", b"five", b"5\r\nContent-Length: 6"])
def test_a_bad_content_length_is_400(endpoint: str, length: bytes) -> None:
    status, answer = raw_request(endpoint, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           b"Content-Type: application/sparql-query\r\n"
                                           b"Content-Length: " + length + b"\r\n\r\nASK {}")
    assert status == 400 and b"Content-Length" in answer


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1.attacker.example", 403), ("127.evil.example:80", 403), ("localhost.evil", 403),
    ("[::1]evil.example", 403),
    ("127.0.0.1:8000", 200), ("127.8.9.10", 200), ("[::1]:8000", 200), ("LOCALHOST", 200),
])
def test_host_check_compares_addresses(endpoint: str, host: str, status: int) -> None:
    assert fetch(endpoint, params={"query": "ASK {}"}, headers={"Host": host}).status == status


def test_control_characters_never_reach_the_log_raw(seed_store: Store, capsys) -> None:
    with SparqlServer(seed_store, workers=1, quiet=False) as server:
        server.start()
        status, answer = raw_request(server.url, b"GET /\x1b[2J\x1b]0;owned\x07 HTTP/1.1\r\n"
                                                 b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    log = capsys.readouterr().err
    assert status == 404 and b"\x1b" not in answer
    assert "/\\x1b[2J\\x1b]0;owned\\x07" in log and "\x1b" not in log and "\x07" not in log


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--port", "99999", "port"), ("--timeout", "inf", "timeout"),
    ("--worker-memory", "50", "worker memory"),
])
def test_a_bad_setting_is_one_line_exit_2(seed_store: Store, option: str, value: str,
                                          says: str) -> None:
    result = subprocess.run([*KG, "serve", "--store", str(seed_store.path), option, value],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: serve: {says}") and result.stderr.count("\n") == 1


def test_a_query_over_its_memory_stops_and_its_worker_is_replaced(seed_store: Store) -> None:
    with SparqlServer(seed_store, timeout=60, workers=1, worker_memory=600, quiet=True) as server:
        server.start()
        before = server.pool.pids()
        huge = query(server.sparql_url, "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } "
                                         "ORDER BY ?a ?d ?g")
        assert huge.status == 500 and "600 MiB" in huge.text, huge.text
        after = query(server.sparql_url, POSITIONS, accept="text/csv")
        assert after.status == 200 and TRUMP in rows_from_csv(after.body)
        assert server.pool.pids() != before


def test_long_queries_leave_the_last_worker_to_short_ones(seed_store: Store) -> None:
    with SparqlServer(seed_store, timeout=6, workers=2, quiet=True) as server:
        server.start()
        pool = server.pool
        slow: list[Answer] = []

        def run_slow() -> None:
            slow.append(query(server.sparql_url, SLOW))

        threads = []
        for idle in (1, 0):  # the first slow query takes a worker, the second the last one
            threads.append(threading.Thread(target=run_slow))
            threads[-1].start()
            deadline = time.monotonic() + 10
            while pool.idle() > idle and time.monotonic() < deadline:
                time.sleep(0.01)
        short = query(server.sparql_url, "ASK { ?p a dip:Person }")
        for thread in threads:
            thread.join(30)
    assert short.status == 200 and json.loads(short.body)["boolean"] is True
    assert sorted(answer.status for answer in slow) == [503, 503]
    assert any("queries under" in answer.text and answer.headers["retry-after"] == "1"
               for answer in slow)


def test_connections_over_the_cap_get_503(seed_store: Store) -> None:
    with SparqlServer(seed_store, workers=1, max_connections=3, quiet=True) as server:
        server.start()
        idle = [socket.create_connection(server.http.server_address[:2]) for _ in range(3)]
        try:
            deadline = time.monotonic() + 10
            while server.http.connection_count() < 3 and time.monotonic() < deadline:
                time.sleep(0.01)
            refused = fetch(server.sparql_url, params={"query": "ASK {}"})
            assert refused.status == 503 and "connections" in refused.text
            assert refused.headers["retry-after"] == "1"
        finally:
            for connection in idle:
                connection.close()
        deadline = time.monotonic() + 10
        while server.http.connection_count() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert fetch(server.sparql_url, params={"query": "ASK {}"}).status == 200


def test_kg_serve_prints_a_hostile_store_name_escaped(tmp_path: Path) -> None:
    store = tmp_path / "st\x1b[2Jore"
    Store(store).ensure_ontology()
    with kg_serve("--store", str(store), "--quiet") as line:
        assert "st\\x1b[2Jore" in line and "\x1b" not in line
