"""The query workers (kg.endpoint.pool, kg.endpoint.worker): timeouts, the row cap, busy
workers, concurrent clients."""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib

from kg.endpoint import TRUNCATED_HEADER, SparqlServer

from .client import (
    POSITIONS,
    RESULT_FORMATS,
    SLOW,
    TRUMP,
    Answer,
    query,
    rows_from_csv,
    rows_from_json,
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_slow_query_times_out_and_the_server_stays_responsive(tight_server: SparqlServer) -> None:
    url = tight_server.sparql_url
    for _ in range(2):  # the second round runs on the workers that replaced the killed one
        before = set(tight_server.pool.pids())
        finished: dict[str, float] = {}
        slow: list[Answer] = []

        def run_slow(answers: list[Answer] = slow, times: dict[str, float] = finished) -> None:
            answers.append(query(url, SLOW))
            times["slow"] = time.monotonic()

        started = time.monotonic()
        thread = threading.Thread(target=run_slow)
        thread.start()
        time.sleep(0.1)
        during = query(url, "ASK { ?p a dip:Person }")  # answered while the slow one runs
        finished["during"] = time.monotonic()
        thread.join(10)
        assert not thread.is_alive()
        (answer,) = slow
        assert during.status == 200 and json.loads(during.body)["boolean"] is True
        assert finished["during"] < finished["slow"]
        assert answer.status == 503 and "timeout" in answer.text, answer.text
        assert answer.text.count("\n") == 1
        assert 0.45 < finished["slow"] - started < 3
        asked = time.monotonic()
        after = query(url, POSITIONS, accept="text/csv")  # at once, by the idle worker
        assert after.status == 200 and time.monotonic() - asked < 1
        assert TRUMP in rows_from_csv(after.body)
        deadline = time.monotonic() + 10
        while len(tight_server.pool.pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        now = set(tight_server.pool.pids())
        assert len(now) == 2 and len(before - now) == 1  # one worker killed, one new
        assert not any(_alive(pid) for pid in before - now)  # the slow query really stopped


def test_all_workers_busy_is_503(tight_server: SparqlServer) -> None:
    # The slow jobs go to the pool with a 3 s timeout of their own (the second, on the last
    # free worker, is cut at RESERVE_TIMEOUT, 2 s), so they certainly outlast the HTTP
    # request's 0.5 s wait for a worker: with the server's own 0.5 s on both, a replacement
    # worker could come up before the waiting request gave up.
    pool = tight_server.pool
    slow_job = {"query": SLOW, "results": "JSON", "max_rows": 5}
    slow = [threading.Thread(target=pool.run, args=(slow_job, 3.0)) for _ in range(2)]
    for thread in slow:
        thread.start()
    deadline = time.monotonic() + 2
    while pool.idle() and time.monotonic() < deadline:
        time.sleep(0.01)
    busy = query(tight_server.sparql_url, "ASK {}")
    assert busy.status == 503 and "busy" in busy.text and busy.headers["retry-after"] == "1"
    for thread in slow:
        thread.join(10)
    deadline = time.monotonic() + 10
    while len(pool.pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert query(tight_server.sparql_url, "ASK {}").status == 200


def test_keep_alive_connection_survives_errors(endpoint: str) -> None:
    host, port = urllib.parse.urlsplit(endpoint)[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        answers = []
        for method, path, body in [("GET", "/sparql?query=ASK%7B%7D", None),
                                   ("POST", "/", b"query=ASK%7B%7D"),  # 405: closed, reopened
                                   ("GET", "/nope", None),
                                   ("POST", "/sparql", b"query=ASK%7B%7D")]:
            headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            answers.append(response.status)
        assert answers == [200, 405, 404, 200]
    finally:
        connection.close()


@pytest.mark.parametrize("media_type", list(RESULT_FORMATS))
def test_row_cap_on_select(tight: str, media_type: str) -> None:
    answer = query(tight, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
                   accept=media_type)
    assert answer.status == 200 and answer.type == media_type
    assert answer.headers[TRUNCATED_HEADER.lower()] == "5"
    rows = RESULT_FORMATS[media_type](answer.body)
    assert len(rows) == 5
    uncut = query(tight, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", accept=media_type)
    assert TRUNCATED_HEADER.lower() not in uncut.headers
    assert len(RESULT_FORMATS[media_type](uncut.body)) == 5


def test_row_cap_on_construct_and_not_on_ask(tight: str) -> None:
    answer = query(tight, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert answer.headers[TRUNCATED_HEADER.lower()] == "5"
    assert len(rdflib.Graph().parse(data=answer.body, format="nt")) == 5
    ask = query(tight, "ASK { ?s ?p ?o }")
    assert ask.status == 200 and TRUNCATED_HEADER.lower() not in ask.headers


def test_concurrent_clients(endpoint: str) -> None:
    expected = rows_from_json(query(endpoint, POSITIONS).body)
    media_types = list(RESULT_FORMATS)
    failures: list[str] = []
    done = []

    def client(number: int) -> None:
        for round_ in range(5):
            media_type = media_types[(number + round_) % len(media_types)]
            try:
                answer = query(endpoint, POSITIONS, accept=media_type)
                rows = RESULT_FORMATS[media_type](answer.body)
                if answer.status != 200 or rows != expected:
                    failures.append(f"client {number}: {answer.status} {media_type}")
                else:
                    done.append(1)
            except Exception as error:
                failures.append(f"client {number}: {error!r}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == [] and len(done) == 40
