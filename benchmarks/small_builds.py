"""The benchmarks of small builds and of the build's writer (``benchmarks/run.py`` sections
``small`` and ``parent``; see benchmarks/README.md).

``small``: builds of 1, 10, 30 and 100 articles as a user runs them, each a whole
``kg build`` process (imports, model load, store, entity pass), against bare spaCy over the
same texts in its own whole process (``import spacy``, ``spacy.load``, ``nlp.pipe``), and
``kg build --jobs 1`` (no workers), run in turn ``rounds`` times and the medians compared,
CPU seconds with those of every process a command starts (:data:`REAPER`); then the same
articles posted to a server that keeps the model loaded (``kg serve --build``,
:mod:`kg.endpoint.builds`).

``parent``: the writer of a ``--jobs 8`` build alone (:mod:`parent_load`): workers that
return readings prepared beforehand at a fixed rate, so the build's pace is the pace at
which the one writing process takes articles: its ceiling.

The functions of ``run.py`` (``step``, ``print_table``…) are imported from it when a section
runs: ``run.py`` imports this module to register the sections.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SIZES = (1, 10, 30, 100)
ROUNDS = 3
PARENT_JOBS = 8
OFFERED = 100.0  # articles a second each simulated worker offers: 800 for 8 workers
# The simulated load: every article of the corpus (295) parsed once, then copied. A batch of
# copies of few articles shares most of its entities, so it rewrites fewer rows of the totals
# across articles (kg.graph.totals) than a batch of distinct articles: 100 articles copied
# 10 times gave the writer 200 articles per CPU second in batches of 256, these 123.
PARENT_ARTICLES = 300
PARENT_COPIES = 4

# Bare spaCy as a user would run it over the texts of a JSONL file: the whole process.
BARE = """
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(sys.argv[2])
print(sum(len(doc) for doc in nlp.pipe(texts)))
"""


def slices(corpus: Path, folder: Path) -> dict[int, Path]:
    """The corpus cut into distinct runs of articles, one file per size in :data:`SIZES`
    (plus one article to warm a server with, as ``0``)."""
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    files, start = {}, 0
    for size in (*SIZES, 0):
        count = size or 1
        if start + count > len(lines):
            break
        files[size] = folder / f"small-{size}.jsonl"
        files[size].write_text("\n".join(lines[start:start + count]) + "\n", encoding="utf-8")
        start += count
    return files


# Runs a command and reaps everything it started: a build's fork server and workers
# (kg.workers) outlive the build's process by a moment and are nobody's children then, so
# their CPU time would reach no RUSAGE_CHILDREN; as a child subreaper (Linux) this process
# inherits and waits for them. Prints the command's wall time (until its own process ends,
# as a shell sees it), the CPU seconds of the command and all it started, the exit code.
REAPER = """
import ctypes, json, os, resource, subprocess, sys, time
try:
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except AttributeError:
    pass  # no prctl: the CPU of processes the command leaves behind is not counted
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                      text=True, check=False)
wall = time.perf_counter() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": used.ru_utime + used.ru_stime, "code": done.returncode,
                  "last": (done.stderr.strip().splitlines() or ["no output"])[-1]}))
"""


def _timed(command: list[str]) -> dict[str, Any]:
    """Run ``command``: its wall time, and its CPU time with that of every process it
    started (what it would take alone on idle cores: on a shared machine the wall time
    also counts the others' work)."""
    done = subprocess.run([sys.executable, "-c", REAPER, *command], capture_output=True,
                          text=True, check=False)
    try:
        measured = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": f"exit {done.returncode}: {done.stderr.strip()[-200:]}"}
    if measured["code"] not in (0, 1):  # 1: some article failed, the rest built
        return {"error": f"exit {measured['code']}: {measured['last']}"}
    return {"wall": measured["wall"], "cpu": measured["cpu"]}


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    errors = [r for r in runs if "error" in r]
    if errors:
        return errors[0]
    return {"wall": statistics.median(r["wall"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs),
            "walls": [r["wall"] for r in runs], "cpus": [r["cpu"] for r in runs]}


def child_served(spec: dict[str, Any]) -> dict[str, Any]:
    """Each slice posted to a server with builds on, the model loaded once: seconds each."""
    import urllib.request

    import kg
    from kg.endpoint import serving

    store = Path(spec["store"])
    shutil.rmtree(store, ignore_errors=True)  # a store kept from an earlier run has them all
    kg.build([], store=store)  # an empty store to serve
    times: dict[str, float] = {}
    start = time.perf_counter()
    with serving(store, build=True, **({"model": spec["model"]} if spec.get("model") else {})
                 ) as url:
        times["server up"] = time.perf_counter() - start
        for size, path in sorted(spec["slices"].items(), key=lambda item: item[0] != "0"):
            request = urllib.request.Request(
                url + "/build", data=Path(path).read_bytes(), method="POST",
                headers={"Content-Type": "application/x-ndjson"})
            posted = time.perf_counter()
            with urllib.request.urlopen(request, timeout=600) as answer:
                written = len(json.load(answer)["written"])
            times[size] = time.perf_counter() - posted
            if written != (1 if size == "0" else int(size)):
                return {"error": f"{size} articles posted, {written} written"}
    return {"wall": sum(v for k, v in times.items() if k not in ("0", "server up")),
            "times": times}


def child_parent(spec: dict[str, Any]) -> dict[str, Any]:
    """The writer of a ``--jobs`` build against workers returning prepared readings."""
    sys.path.insert(0, str(Path(__file__).parent))  # the workers import parent_load
    import parent_load

    from kg.graph.store import Store
    from kg.pipeline import WRITE_BATCH, Builder

    work = Path(spec["work"])
    prepared = work / f"parent-prepared-{spec['distinct']}.pickle"
    if not prepared.is_file():
        parent_load.prepare(Path(spec["articles"]), prepared, spec.get("model"))
    os.environ[parent_load.RATE] = str(spec["rate"])
    store_path = work / "store-parent"
    shutil.rmtree(store_path, ignore_errors=True)
    builder = Builder(Store(store_path), jobs=spec["jobs"], extract=parent_load.simulated_extract)
    os.environ[parent_load.PREPARED] = str(parent_load.write_graphs(
        prepared, Path(spec["corpus"]), builder, work / "parent-graphs.pickle"))
    stamps: list[float] = []  # each article taken from the workers
    written: list[float] = []  # each batch in the store
    writing = {"wall": 0.0, "cpu": 0.0}  # the batches' writes (store.replace_serialized)
    write = builder.store.replace_serialized

    def timed_write(*args: Any, **kwargs: Any) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        write(*args, **kwargs)
        writing["wall"] += time.perf_counter() - wall
        writing["cpu"] += time.process_time() - cpu  # the bulk loader's threads included

    builder.store.replace_serialized = timed_write  # type: ignore[method-assign]
    start, cpu = time.perf_counter(), time.process_time()
    report = builder.build(
        [spec["corpus"]], on_article=lambda _: stamps.append(time.perf_counter()),
        on_write=lambda _: written.append(time.perf_counter()))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    # From the article by which the pool has started and the first results are in to the
    # last batch in the store: every later article was taken and written in that time.
    settled = len(stamps) // 10
    steady = (len(stamps) - 1 - settled) / (written[-1] - stamps[settled])
    return {"wall": wall, "articles": len(report.written), "errors": report.errors[:3],
            "steady": steady, "parent_cpu": cpu, "per_cpu_second": len(report.written) / cpu,
            "writing_wall": writing["wall"], "writing_cpu": writing["cpu"],
            "batch": WRITE_BATCH,
            "offered": spec["rate"] * spec["jobs"]}


CHILDREN = {"served": child_served, "parent": child_parent}


def section_small(bench: Any) -> None:
    """Small builds as whole processes against bare spaCy, and posted to a served store."""
    import run

    from kg import nlp

    model = bench.model.get("model") or nlp.model_name()
    files = slices(bench.corpus, bench.work)
    rows, results = [], {}
    for size in SIZES:
        if size not in files:
            continue
        runs: dict[str, list[dict[str, Any]]] = {"build": [], "single": [], "bare": []}
        for round_ in range(ROUNDS):
            print(f"… {size} articles, round {round_ + 1}", file=sys.stderr, flush=True)
            for kind, jobs in (("build", []), ("single", ["--jobs", "1"])):
                store = bench.work / f"store-small-{size}"
                shutil.rmtree(store, ignore_errors=True)
                runs[kind].append(_timed([sys.executable, "-m", "kg", "build", str(files[size]),
                                          "--store", str(store), *jobs, *_model_option(bench)]))
            runs["bare"].append(_timed([sys.executable, "-c", BARE, str(files[size]), model]))
        build, single, bare = (_median(runs[kind]) for kind in ("build", "single", "bare"))
        results[size] = {"build": build, "single": single, "bare": bare}
        rows.append([size, *(_wall(r) for r in (bare, build)), _ratio(bare, build),
                     *(_cpu(r) for r in (bare, build)), _ratio(bare, build, "cpu"),
                     _wall(single), _cpu(single)])
    served = run.step("served: each size posted", "served", store=str(bench.work / "store-served"),
                      slices={str(k): str(v) for k, v in files.items()}, **bench.model)
    results["served"] = served
    for row in rows:
        row.append(_wall({"wall": served["times"][str(row[0])]}) if "times" in served
                   else served.get("error", "-"))
    bench.results["small"] = results
    run.print_table(f"Small builds, whole processes (median of {ROUNDS}; seconds): bare spaCy "
                    "(import, load, nlp.pipe) against kg build (ratio: bare / build, ≥ 1 is "
                    "as fast as bare), wall and CPU (with its fork server and workers); kg "
                    "build --jobs 1 (parsing in the build's own process); the same articles "
                    "posted to kg serve --build (model loaded; wall)",
                    ["articles", "bare wall", "kg wall", "ratio", "bare CPU", "kg CPU",
                     "CPU ratio", "-j1 wall", "-j1 CPU", "served POST"], rows)


def section_parent(bench: Any) -> None:
    """The writer's ceiling at ``--jobs 8`` against a simulated load."""
    import run

    articles = bench.work / "parent-articles.jsonl"
    run.write_corpus(bench.corpus, articles, PARENT_ARTICLES, 1)
    load = bench.work / "parent-load.jsonl"
    size = run.write_corpus(bench.corpus, load, PARENT_ARTICLES, PARENT_COPIES)
    result = run.step(f"writer alone, {size['articles']} articles, --jobs {PARENT_JOBS}",
                      "parent", work=str(bench.work), articles=str(articles),
                      corpus=str(load), distinct=PARENT_ARTICLES, jobs=PARENT_JOBS, rate=OFFERED,
                      **bench.model)
    bench.results["parent"] = result
    if "error" in result:
        print(f"\nwriter ceiling: {result['error']}")
        return
    run.print_table(
        f"The build's writer alone at --jobs {PARENT_JOBS}: workers return prepared graphs "
        f"(offered {result['offered']:.0f} articles/s); the pace it keeps is its ceiling",
        ["articles", "batch", "wall s", "steady art/s", "writer CPU s", "art per writer CPU s",
         "writing wall s", "writing CPU s"],
        [[result["articles"], result["batch"], f"{result['wall']:.1f}",
          f"{result['steady']:.0f}", f"{result['parent_cpu']:.1f}",
          f"{result['per_cpu_second']:.0f}", f"{result['writing_wall']:.1f}",
          f"{result['writing_cpu']:.1f}"]])


def _model_option(bench: Any) -> list[str]:
    return ["--model", bench.model["model"]] if bench.model.get("model") else []


def _wall(result: dict[str, Any]) -> str:
    return result.get("error") or f"{result['wall']:.2f}"


def _cpu(result: dict[str, Any]) -> str:
    return result.get("error") or f"{result['cpu']:.2f}"


def _ratio(bare: dict[str, Any], build: dict[str, Any], what: str = "wall") -> str:
    return f"{bare[what] / build[what]:.2f}×" if what in bare and what in build else "-"
