"""The benchmarks of builds (``benchmarks/run.py`` sections throughput, rebuild, cluster and
render): each corpus parsed bare and built, single and with ``--jobs``; rebuilds of the 1×
store, unchanged and with one article changed; builds on local Dask clusters; ``kg render``.

The functions of ``run.py`` (``step``, ``print_table``, the stores) are imported from it
when a section runs: ``run.py`` imports this module to register the sections.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any


def change_one(source: Path, target: Path) -> None:
    """``source`` with the last paragraph of its middle article cut off."""
    lines = source.read_text(encoding="utf-8").splitlines()
    middle = len(lines) // 2
    record = json.loads(lines[middle])
    record["text"] = record["text"].rstrip().rsplit("\n", 1)[0]
    lines[middle] = json.dumps(record, ensure_ascii=False)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _rate(count: float, result: dict[str, Any]) -> str:
    return f"{count / result['wall']:.1f}" if "wall" in result else "-"


def _build_cells(size: dict[str, int], result: dict[str, Any], ratio: str,
                 workers: bool) -> list[Any]:
    """The articles, times, rates, ratio and peak RSS of one measured build (or its error)."""
    if "error" in result:
        return [size["articles"], result["error"], "", "", "", "", ""]
    rss = f"{result['rss_mb']:.0f}"
    if workers and result.get("workers_rss_mb"):
        rss += f" (+{result['workers_rss_mb']:.0f}/worker)"
    return [size["articles"], f"{result['wall']:.1f}", f"{result['cpu']:.1f}",
            _rate(size["articles"], result), _rate(size["words"], result), ratio, rss]


def _speedup(base: dict[str, Any], result: dict[str, Any], what: str) -> str:
    """``base``'s wall time over ``result``'s, as ``"1.73× <what>"`` (or nothing)."""
    if "wall" in base and "wall" in result:
        return f"{base['wall'] / result['wall']:.2f}× {what}"
    return ""


def throughput_rows(label: str, size: dict[str, int], runs: dict[str, dict[str, Any]],
                    jobs: int) -> list[list[Any]]:
    """One row per measured build of a corpus, with the ratios the targets are about."""
    bare, single = runs["bare"], runs["build"]
    rows = []
    for name, result in runs.items():
        what = {"bare": "spaCy nlp.pipe", "bare_jobs": f"spaCy nlp.pipe n_process={jobs}",
                "build": "kg build", "build_jobs": f"kg build --jobs {jobs}"}[name]
        base, of = {"build": (bare, "of nlp.pipe"), "build_jobs": (single, "speed-up"),
                    "bare_jobs": (bare, "speed-up")}.get(name, ({}, ""))
        rows.append([label, what, *_build_cells(size, result, _speedup(base, result, of),
                                                name.endswith("jobs"))])
    return rows


def section_throughput(bench: Any) -> None:
    """Each corpus (1× and K×) parsed bare and built, single and with ``--jobs``."""
    import run

    repeat = bench.repeat
    many = bench.work / f"corpus-{repeat}x.jsonl"
    sizes = {"1×": bench.size,
             f"{repeat}×": run.write_corpus(bench.corpus, many, bench.articles, repeat)}
    rows = []
    for label, text in (("1×", bench.one), (f"{repeat}×", many)):
        runs: dict[str, dict[str, Any]] = {}
        for name, kind, jobs in (("bare", "bare", 1), ("build", "build", 1),
                                 ("bare_jobs", "bare", bench.jobs),
                                 ("build_jobs", "build", bench.jobs)):
            store = bench.work / f"store-{label}-{name}"
            options = {"jobs": jobs} if jobs > 1 else {}
            runs[name] = (run.measure_build(bench, f"{label} {name}", text, store, **options)
                          if kind == "build" else
                          run.step(f"{label} {name}", "bare", corpus=str(text), jobs=jobs,
                               **bench.model))
        bench.results[label] = runs
        rows += throughput_rows(label, sizes[label], runs, bench.jobs)
    run.print_table("Build throughput and peak memory (wall and CPU seconds; CPU includes workers)",
                ["corpus", "what", "articles", "wall s", "cpu s", "art/s", "words/s", "ratio",
                 "peak RSS MB"], rows)
    first, big = bench.results["1×"]["build"], bench.results[f"{repeat}×"]["build"]
    if "rss_mb" in first and "rss_mb" in big:
        print(f"peak memory {repeat}× / 1×: {big['rss_mb'] / first['rss_mb']:.2f}")


def section_rebuild(bench: Any) -> None:
    """Rebuilds of (a copy of) the 1× store: unchanged, then with one article changed."""
    import run

    full = run.store_1x(bench)
    rows: list[list[Any]] = []
    rebuilds: dict[str, dict[str, Any]] = {}
    if "error" in full:
        rows.append(["1× build", full["error"], "", "", ""])
    else:
        store = bench.work / "store-1×-rebuild"  # a copy: the 1× store stays as built
        run.fresh(store)
        shutil.copytree(bench.store_1x, store)
        changed = bench.work / "corpus-1x-changed.jsonl"
        change_one(bench.one, changed)
        for name, corpus in (("unchanged", bench.one), ("one changed", changed)):
            rebuilds[name] = result = run.step(f"rebuild, {name}", "build", corpus=str(corpus),
                                           store=str(store), **bench.model)
            if "error" in result:
                rows.append([name, result["error"], "", "", ""])
            else:
                rows.append([name, result["written"], result["unchanged"],
                             f"{result['wall']:.2f}", f"{result['wall'] / full['wall']:.1%}"])
    bench.results["rebuild"] = rebuilds
    run.print_table("Rebuild of the 1× store", ["rebuild", "written", "unchanged", "wall s",
                                            "of full build"], rows)


def section_cluster(bench: Any) -> None:
    """The 1× corpus built plainly, with ``--jobs N`` and on local Dask clusters of 1 and 2."""
    import run

    earlier = bench.results.get("1×", {})  # the throughput section's builds, when it ran
    plain = earlier.get("build") or run.measure_build(bench, "1× build", bench.one, bench.store_1x)
    runs = {"kg build": plain,
            f"kg build --jobs {bench.jobs}": earlier.get("build_jobs") or run.measure_build(
                bench, f"1× --jobs {bench.jobs}", bench.one,
                bench.work / "store-1×-build_jobs", jobs=bench.jobs)}
    for workers in (1, 2):
        runs[f"kg build --cluster local:{workers}"] = run.measure_build(
            bench, f"1× --cluster local:{workers}", bench.one,
            bench.work / f"store-1×-cluster-{workers}", cluster=f"local:{workers}")
    bench.results["cluster"] = runs
    rows = [[what, *_build_cells(bench.size, result, _speedup(plain, result, "of kg build"),
                                 what != "kg build")]
            for what, result in runs.items()]
    run.print_table("Build throughput on a Dask cluster, 1× corpus (wall and CPU seconds; CPU "
                "includes workers)", ["what", "articles", "wall s", "cpu s", "art/s",
                                      "words/s", "ratio", "peak RSS MB"], rows)


def section_render(bench: Any) -> None:
    """``kg render`` of the 1× store."""
    import run

    made = run.store_1x(bench)
    drawn = made if "error" in made else run.step(
        "render", "render", store=str(bench.store_1x), output=str(bench.work / "graph.html"))
    bench.results["render"] = drawn
    if "error" in drawn:
        print(f"\nkg render: {drawn['error']}")
    else:
        print(f"\nkg render of the 1× graph: {drawn['wall']:.1f} s, "
              f"{drawn['bytes'] / 2**20:.2f} MiB of HTML, {drawn['nodes']} nodes, "
              f"{drawn['edges']} edges, peak RSS {drawn['rss_mb']:.0f} MB")
