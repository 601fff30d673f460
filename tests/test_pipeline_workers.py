"""Worker processes, chosen by the build (``kg build`` without ``--jobs``) or not: the store
is the one a single process builds.

Most builds here are whole ``kg build`` processes, as a user runs them: their fork server
starts before the command line is parsed (:mod:`kg.cli.prestart`), loads the model and
reads the extractors' word lists (:mod:`kg.forkserver`), and the workers forked from it
parse.
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
from kg.pipeline import Builder, plan


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


def test_the_automatic_build_writes_what_one_process_writes(tmp_path: Path) -> None:
    """One article, workers as the machine's idle processors allow (one, or none)."""
    _build(tmp_path / "auto", SEEDS)
    _build(tmp_path / "single", SEEDS, jobs="1")
    _same(_export(tmp_path / "auto"), _export(tmp_path / "single"))


def test_workers_taking_one_article_at_a_time_write_what_one_process_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The automatic plan on two idle processors, whatever the machine's load: two workers,
    a task of one article each time."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a", "Russia and Ukraine held talks in Istanbul on Monday."),
                       ("b", "China and India signed a trade deal in Delhi."),
                       ("c", "France condemned the attack on the embassy in Kabul.")):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(workers, "automatic_workers", lambda: 2)
    tasks, jobs = plan(iter("abcd"), workers.automatic_workers())
    assert [len(task) for task in tasks] == [1, 1, 1, 1] and jobs == 2
    single = Builder(Store(tmp_path / "single"))
    pooled = Builder(Store(tmp_path / "auto"), jobs=None)
    pooled.run = single.run  # the run's start time is the one thing allowed to differ
    one, auto = single.build([SEEDS, folder]), pooled.build([SEEDS, folder])
    assert one.errors == auto.errors == [] and auto.written == one.written
    assert sorted(map(str, pooled.store.quads())) == sorted(map(str, single.store.quads()))


@pytest.mark.slow
def test_workers_of_the_commands_server_write_what_one_process_writes(
        tmp_path: Path, wikinews_sample: Path) -> None:
    """Thirteen articles in two workers forked from the server the command starts first,
    with the model loaded and the word lists read (tasks of 8: --jobs 2)."""
    sample = tmp_path / "sample.jsonl"
    with wikinews_sample.open(encoding="utf-8") as source:
        sample.write_text("".join(line for _, line in zip(range(12), source, strict=False)),
                          encoding="utf-8")
    _build(tmp_path / "auto", SEEDS, sample, jobs="2")
    _build(tmp_path / "single", SEEDS, sample, jobs="1")
    _same(_export(tmp_path / "auto"), _export(tmp_path / "single"))
