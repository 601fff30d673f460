"""``kg build --cluster``: parse and extraction on a real Dask cluster (no mocks).

Each build starts worker processes that load the model (about two seconds each), so the
samples are small: the seed article plus the first 12 (or 24) Wikinews articles.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

import kg
from kg.graph.store import Store

distributed = pytest.importorskip("distributed")


def _sample(wikinews: Path, folder: Path, count: int) -> Path:
    path = folder / f"sample-{count}.jsonl"
    with wikinews.open(encoding="utf-8") as source:
        path.write_text("".join(line for _, line in zip(range(count), source, strict=False)),
                        encoding="utf-8")
    return path


def _export(store: Store, path: Path) -> bytes:
    kg.export("jsonl", path, store=store)
    return path.read_bytes()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, wikinews_sample: Path):
    """Single-process builds of seeds/ + the first ``count`` articles, built once each:
    count → (sample file, store, statement export)."""
    folder = tmp_path_factory.mktemp("cluster-reference")
    built: dict[int, tuple[Path, Store, bytes]] = {}

    def get(count: int) -> tuple[Path, Store, bytes]:
        if count not in built:
            sample = _sample(wikinews_sample, folder, count)
            store = Store(folder / f"store-{count}")
            report = kg.build([SEEDS, sample], store=store)
            assert report.errors == [] and len(report.written) == count + 1
            built[count] = sample, store, _export(store, folder / f"export-{count}.jsonl")
        return built[count]

    return get


def test_local_cluster_builds_the_same_statements(tmp_path: Path, reference) -> None:
    sample, single, expected = reference(12)
    store = Store(tmp_path / "store")
    report = kg.build([SEEDS, sample], store=store, cluster="local:2")

    assert report.errors == [] and len(report.written) == 13
    assert _export(store, tmp_path / "export.jsonl") == expected
    assert store.fingerprints() == single.fingerprints()


def test_a_killed_worker_loses_and_duplicates_no_article(tmp_path: Path, reference) -> None:
    """A worker is killed (SIGKILL) while it reads a task, once the first readings are
    back; Dask runs its task again and every article ends up in the store exactly once."""
    sample, single, expected = reference(24)  # 25 articles: 4 tasks for 2 workers
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=50)
    client = distributed.Client(cluster)
    killed: list[int] = []

    def kill_a_busy_worker(_: str) -> None:
        if killed:
            return
        busy = [worker for worker, keys in client.processing().items() if keys]
        assert busy, "no worker was reading a task when the first readings came back"
        pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    try:
        store = Store(tmp_path / "store")
        report = kg.build([SEEDS, sample], store=store, cluster=cluster.scheduler_address,
                          on_article=kill_a_busy_worker)
        pids = set(client.run(os.getpid).values())
    finally:
        client.close()
        cluster.close()

    assert killed and killed[0] not in pids  # the worker was really killed (and replaced)
    assert report.errors == []
    assert len(report.written) == len(set(report.written)) == 25
    assert store.article_count() == 25 and len(store.article_graphs()) == 25
    assert store.fingerprints() == single.fingerprints()
    assert _export(store, tmp_path / "export.jsonl") == expected


def _kg(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **env},
                          timeout=120)


@pytest.mark.parametrize(("address", "says"), [
    ("tcp://127.0.0.1:1", "cannot reach the scheduler"),  # nothing listens on port 1
    ("local:0", "at least 1 worker"),
    ("local:x", "local:N"),
])
def test_a_bad_address_is_one_line_and_exit_2(tmp_path: Path, address: str, says: str) -> None:
    result = _kg("build", "-q", str(SEEDS), "--store", str(tmp_path / "store"),
                 "--cluster", address, KG_CLUSTER_TIMEOUT="2")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: --cluster")
    assert address in result.stderr and says in result.stderr
    assert "Traceback" not in result.stderr


def test_cluster_and_jobs_exclude_each_other(tmp_path: Path) -> None:
    result = _kg("build", "-q", str(SEEDS), "--store", str(tmp_path / "store"),
                 "--cluster", "local:2", "--jobs", "2")
    assert result.returncode == 2 and "exclude each other" in result.stderr
    with pytest.raises(ValueError, match="exclude each other"):
        kg.build([SEEDS], store=tmp_path / "store", jobs=2, cluster="local:2")
