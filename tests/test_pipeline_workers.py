"""The automatic choice of worker processes (``kg build`` without ``--jobs``): whatever it
chooses, the store is the one a single process builds.

Each build here is a whole ``kg build`` process, as a user runs it: its fork server starts
before the command line is parsed (:mod:`kg.cli.prestart`), loads the model and warms the
extractors' word lists (:mod:`kg.forkserver`), and its workers, forked from it, parse.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

import kg
from kg import workers
from kg.graph.store import Store


def _build(store: Path, *inputs: Path, jobs: str | None = None) -> None:
    command = [sys.executable, "-m", "kg", "build", *map(str, inputs), "--store", str(store),
               "--quiet", *(["--jobs", jobs] if jobs else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr


def _export(store: Path) -> tuple[bytes, list[str]]:
    """The statements export and every quad, the run's time and its IRI (which names the
    time) written alike: the one thing two builds of the same articles may differ in."""
    opened = Store(store)
    lines = store.parent / f"{store.name}.jsonl"
    kg.export("jsonl", lines, store=opened)
    [run] = kg.query("SELECT DISTINCT ?run ?at WHERE { ?run prov:startedAtTime ?at }",
                     store=opened).rows  # in each article's graph
    quads = sorted(str(quad).replace(str(run["run"]), "RUN").replace(str(run["at"]), "AT")
                   for quad in opened.quads())
    return lines.read_bytes(), quads


def _same(auto: tuple[bytes, list[str]], single: tuple[bytes, list[str]]) -> None:
    assert auto[0] == single[0] and auto[0].count(b"\n") > 5
    assert auto[1] == single[1]


def test_a_build_in_a_worker_writes_what_one_process_writes(tmp_path: Path) -> None:
    """One article: the automatic build parses it in one worker of the fork server."""
    _build(tmp_path / "auto", SEEDS)
    _build(tmp_path / "single", SEEDS, jobs="1")
    _same(_export(tmp_path / "auto"), _export(tmp_path / "single"))


@pytest.mark.slow
def test_two_workers_write_what_one_process_writes(tmp_path: Path,
                                                   wikinews_sample: Path) -> None:
    """Thirteen articles on two processors: two workers, each a task of its share."""
    if workers.available_cpus() < 2:
        pytest.skip("one processor: an automatic build parses in its own process")
    sample = tmp_path / "sample.jsonl"
    with wikinews_sample.open(encoding="utf-8") as source:
        sample.write_text("".join(line for _, line in zip(range(12), source, strict=False)),
                          encoding="utf-8")
    _build(tmp_path / "auto", SEEDS, sample)
    _build(tmp_path / "single", SEEDS, sample, jobs="1")
    _same(_export(tmp_path / "auto"), _export(tmp_path / "single"))
