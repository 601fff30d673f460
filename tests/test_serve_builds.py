"""POST /build: articles built into a served store by the server's resident model."""

from __future__ import annotations

import json
import re
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import SEEDS, WIKINEWS
from servers import start_interruptible

import kg
from kg.endpoint import SparqlServer, serving


def _post(url: str, body: bytes, content_type: str = "application/x-ndjson") -> tuple[int, bytes]:
    request = urllib.request.Request(url + "/build", data=body, method="POST",
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _articles(url: str) -> set[str]:
    query = urllib.parse.quote("SELECT ?id WHERE { ?a a dip:Article ; dip:documentId ?id }")
    request = urllib.request.Request(f"{url}/sparql?query={query}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        rows = json.load(answer)["results"]["bindings"]
    return {row["id"]["value"] for row in rows}


def _served_articles(url: str, expected: set[str]) -> set[str]:
    """The articles the query workers see, once they see ``expected`` (they reopen the
    store when its files change, checked each second) or after ten seconds."""
    deadline = time.monotonic() + 10
    while not expected <= (seen := _articles(url)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return seen


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    assert kg.build([SEEDS], store=path).errors == []
    return path


def _records(count: int) -> list[dict[str, object]]:
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS} is not present")
    with WIKINEWS.open(encoding="utf-8") as lines:
        return [json.loads(line) for _, line in zip(range(count), lines, strict=False)]


def test_articles_posted_are_built_into_the_served_store(store: Path) -> None:
    records = _records(2)
    body = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    with serving(store, build=True) as url:
        before = _articles(url)
        status, answer = _post(url, body)
        report = json.loads(answer)
        assert status == 200, answer
        assert report["written"] == [r["id"] for r in records] and report["errors"] == []
        assert report["statements"] > 0
        assert _served_articles(url, set(report["written"])) == before | set(report["written"])
        status, again = _post(url, body)  # the same articles again: nothing to parse
        assert status == 200 and json.loads(again)["unchanged"] == report["written"]
    # the entity pass ran over them: nothing is owed once the answer came
    assert not kg.open_store(store, read_only=True).entity_pass_pending()


def test_a_bad_record_is_one_error_line_and_the_others_are_built(store: Path) -> None:
    record = _records(1)[0]
    body = (json.dumps(record) + "\n{not json\n").encode("utf-8")
    with serving(store, build=True) as url:
        status, answer = _post(url, body)
    report = json.loads(answer)
    assert status == 200 and report["written"] == [record["id"]]
    assert len(report["errors"]) == 1 and report["errors"][0].startswith("request.jsonl:2")


def test_builds_are_refused_unless_asked_for_and_guarded(store: Path) -> None:
    with serving(store) as url:
        status, answer = _post(url, b'{"id": "x", "text": "Talks."}\n')
        assert status == 403 and b"--build" in answer
    with serving(store, build=True) as url:
        # a form or plain text is what a page on another origin can send unasked
        assert _post(url, b'{"id": "x", "text": "Talks."}\n', "text/plain")[0] == 415
        assert _post(url, b"")[0] == 400
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "/build", timeout=10)
        assert refused.value.code == 405
        assert "x" not in _articles(url)
    with pytest.raises(ValueError, match="loopback"):
        SparqlServer(store, host="0.0.0.0", build=True)


def test_kg_serve_build_command_builds_what_is_posted(store: Path) -> None:
    record = _records(1)[0]
    process = start_interruptible(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", "--quiet",
         "--build"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "kg serve printed nothing within 60 s"
        found = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline())
        assert found
        status, answer = _post(found.group(0), (json.dumps(record) + "\n").encode("utf-8"))
        assert status == 200 and json.loads(answer)["written"] == [record["id"]]
        process.send_signal(signal.SIGINT)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
