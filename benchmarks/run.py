"""The speed and scale benchmarks of kg: one command, one table (see benchmarks/README.md).

    python benchmarks/run.py            # the Wikinews corpus, 1× and 10×, a 1M-quad store
    python benchmarks/run.py --quick    # a smoke run: a few articles, 3×, 100k quads

Every measurement runs in a fresh child process of this script (``_child`` mode), so
each build starts cold, peak memory is that build's own, and a crash or a runaway query
ends one row, not the run. Throughputs are compared within this one run, on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews.jsonl"
QUERY_TIMEOUT = 120.0  # seconds; a slower named query is reported as such, not waited for


# -- the child side: one measurement per process -------------------------------------------


class Descendants(threading.Thread):
    """Samples the processes under this one: peak RSS of the largest, CPU of them all.

    A build's workers are children of a forkserver, not of the build's process, so
    ``RUSAGE_CHILDREN`` never sees them; psutil (when installed) does.
    """

    def __init__(self, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.cpu: dict[int, float] = {}
        self.peak_rss = 0
        self.done = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self.done.wait(self.interval):
            for process in me.children(recursive=True):
                try:
                    with process.oneshot():
                        rss, times = process.memory_info().rss, process.cpu_times()
                except psutil.Error:
                    continue  # it ended between the listing and the look
                self.peak_rss = max(self.peak_rss, rss)
                self.cpu[process.pid] = times.user + times.system

    def stop(self) -> None:
        self.done.set()
        self.join()


def _usage(descendants: Descendants) -> dict[str, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    kids_cpu = max(kids.ru_utime + kids.ru_stime, sum(descendants.cpu.values()))
    return {"cpu": me.ru_utime + me.ru_stime + kids_cpu, "rss_mb": me.ru_maxrss / 1024,
            "workers_rss_mb": max(kids.ru_maxrss * 1024, descendants.peak_rss) / 2**20}


def _texts(path: str) -> list[str]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def child_bare(spec: dict[str, Any]) -> dict[str, Any]:
    """Bare spaCy: the same model over the same article texts, with its default batching."""
    from kg import nlp

    texts = _texts(spec["corpus"])
    start = time.perf_counter()
    model = nlp.load(spec.get("model"))
    tokens = sum(len(doc) for doc in model.pipe(texts, n_process=spec.get("jobs", 1)))
    return {"wall": time.perf_counter() - start, "tokens": tokens}


def child_build(spec: dict[str, Any]) -> dict[str, Any]:
    """``kg.build`` of a corpus into a store (fresh, unchanged or partly changed)."""
    import kg.pipeline

    start = time.perf_counter()
    report = kg.pipeline.build([spec["corpus"]], store=spec["store"], model=spec.get("model"),
                               jobs=spec.get("jobs", 1))
    return {"wall": time.perf_counter() - start, "written": len(report.written),
            "unchanged": len(report.unchanged), "statements": report.statements,
            "errors": report.errors[:3]}


def child_query(spec: dict[str, Any]) -> dict[str, Any]:
    """One named query on a store: the first answer (cold) and the best of two more."""
    import kg
    from kg.query import run_query

    store = kg.open_store(spec["store"], read_only=True)
    sparql = kg.named_queries()[spec["query"]]
    times, rows = [], 0
    for _ in range(3):
        start = time.perf_counter()
        rows = len(run_query(store, sparql).rows)
        times.append(time.perf_counter() - start)
    return {"wall": times[0], "warm": min(times[1:]), "rows": rows, "quads": len(store)}


def child_synthetic(spec: dict[str, Any]) -> dict[str, Any]:
    """A store of ``quads`` statements drawn from the vocabulary of a built store."""
    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import Vocabulary, fill

    import kg
    from kg.graph.rdf import Run

    vocabulary = Vocabulary.from_store(kg.open_store(spec["source"], read_only=True))
    start = time.perf_counter()
    run = Run(f"kg {kg.__version__}", "synthetic", "2025-01-01T00:00:00Z")
    quads = fill(kg.open_store(spec["store"]), vocabulary, spec["quads"], run)
    return {"wall": time.perf_counter() - start, "quads": quads}


def child_render(spec: dict[str, Any]) -> dict[str, Any]:
    """``kg.render`` of a store: the time and the size of the page."""
    import kg

    start = time.perf_counter()
    drawn = kg.render(spec["output"], store=kg.open_store(spec["store"], read_only=True))
    return {"wall": time.perf_counter() - start, "bytes": Path(spec["output"]).stat().st_size,
            "nodes": drawn.nodes, "edges": drawn.edges}


CHILDREN = {"bare": child_bare, "build": child_build, "query": child_query,
            "synthetic": child_synthetic, "render": child_render}


def child_main(kind: str, spec_json: str) -> None:
    descendants = Descendants()
    descendants.start()
    result = CHILDREN[kind](json.loads(spec_json))
    descendants.stop()
    result.update(_usage(descendants))
    print(json.dumps(result))


# -- the parent side: corpora, the runs, the table ------------------------------------------


def measure(kind: str, timeout: float | None = None, **spec: Any) -> dict[str, Any]:
    """Run one measurement in a fresh child process; its result, or ``{"error": …}``."""
    command = [sys.executable, __file__, "_child", kind, json.dumps(spec)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd=ROOT, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"> {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {done.returncode}: {last}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_corpus(source: Path, target: Path, articles: int | None, repeat: int) -> dict[str, int]:
    """The first ``articles`` records of ``source``, ``repeat`` times as distinct documents.

    Copy ``k`` of a record gets the id ``ID~k`` (copy 1 keeps its id), so every copy is
    built as an article of its own. Returns the counts of articles and words.
    """
    with source.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()][:articles]
    words = 0
    with target.open("w", encoding="utf-8") as out:
        for copy in range(1, repeat + 1):
            for record in records:
                if copy > 1:
                    record = {**record, "id": f"{record['id']}~{copy}"}
                words += len(record["text"].split())
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"articles": len(records) * repeat, "words": words}


def change_one(source: Path, target: Path) -> None:
    """``source`` with the last paragraph of its middle article cut off."""
    lines = source.read_text(encoding="utf-8").splitlines()
    middle = len(lines) // 2
    record = json.loads(lines[middle])
    record["text"] = record["text"].rstrip().rsplit("\n", 1)[0]
    lines[middle] = json.dumps(record, ensure_ascii=False)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), "
            f"{memory:.0f} GiB, Python {platform.python_version()}, load average {load}")


def _rate(count: float, result: dict[str, Any]) -> str:
    return f"{count / result['wall']:.1f}" if "wall" in result else "-"


def _row(cells: list[Any], widths: list[int]) -> str:
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                     for i, (c, w) in enumerate(zip(cells, widths, strict=True)))


def print_table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}\n{_row(header, widths)}\n{_row(['-' * w for w in widths], widths)}")
    for row in rows:
        print(_row(row, widths))


def throughput_rows(label: str, size: dict[str, int], runs: dict[str, dict[str, Any]],
                    jobs: int) -> list[list[Any]]:
    """One row per measured build of a corpus, with the ratios the targets are about."""
    bare, single = runs["bare"], runs["build"]
    rows = []
    for name, result in runs.items():
        what = {"bare": "spaCy nlp.pipe", "bare_jobs": f"spaCy nlp.pipe n_process={jobs}",
                "build": "kg build", "build_jobs": f"kg build --jobs {jobs}"}[name]
        if "error" in result:
            rows.append([label, what, size["articles"], result["error"], "", "", "", "", ""])
            continue
        ratio = ""
        if name == "build" and "wall" in bare:
            ratio = f"{bare['wall'] / result['wall']:.2f}× of nlp.pipe"
        elif name == "build_jobs" and "wall" in single:
            ratio = f"{single['wall'] / result['wall']:.2f}× speed-up"
        elif name == "bare_jobs" and "wall" in bare:
            ratio = f"{bare['wall'] / result['wall']:.2f}× speed-up"
        rss = f"{result['rss_mb']:.0f}"
        if name.endswith("jobs") and result.get("workers_rss_mb"):
            rss += f" (+{result['workers_rss_mb']:.0f}/worker)"
        rows.append([label, what, size["articles"], f"{result['wall']:.1f}",
                     f"{result['cpu']:.1f}", _rate(size["articles"], result),
                     _rate(size["words"], result), ratio, rss])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 30 articles, 3×, a 100k-quad synthetic store")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL corpus")
    parser.add_argument("--articles", type=int, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, help="copies in the large corpus (default 10)")
    parser.add_argument("--jobs", type=int, default=2, help="processes of the parallel build")
    parser.add_argument("--quads", type=int, help="size of the synthetic store (1,000,000)")
    parser.add_argument("--model", help="spaCy model (default: kg's)")
    parser.add_argument("--query-timeout", type=float, default=QUERY_TIMEOUT,
                        help="seconds a named query may take before it is cut off")
    parser.add_argument("--workdir", type=Path, help="keep the stores here (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write every number here as JSON")
    args = parser.parse_args(argv)
    articles = args.articles or (30 if args.quick else None)
    repeat = args.repeat or (3 if args.quick else 10)
    quads = args.quads or (100_000 if args.quick else 1_000_000)
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such corpus file", file=sys.stderr)
        return 2

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"kg benchmarks: {machine()}", flush=True)
    results: dict[str, Any] = {"machine": machine(), "model": args.model}
    one, many = work / "corpus-1x.jsonl", work / f"corpus-{repeat}x.jsonl"
    sizes = {"1×": write_corpus(args.corpus, one, articles, 1),
             f"{repeat}×": write_corpus(args.corpus, many, articles, repeat)}
    model = {"model": args.model} if args.model else {}

    # Throughput and memory: each corpus parsed bare and built, single and with --jobs.
    rows = []
    for label, corpus in (("1×", one), (f"{repeat}×", many)):
        runs: dict[str, dict[str, Any]] = {}
        for name, kind, jobs in (("bare", "bare", 1), ("build", "build", 1),
                                 ("bare_jobs", "bare", args.jobs),
                                 ("build_jobs", "build", args.jobs)):
            store = work / f"store-{label}-{name}"
            shutil.rmtree(store, ignore_errors=True)
            print(f"… {label} {name}", end="", file=sys.stderr, flush=True)
            runs[name] = measure(kind, corpus=str(corpus), store=str(store), jobs=jobs, **model)
            print(f": {_brief(runs[name])}", file=sys.stderr, flush=True)
        results[label] = runs
        rows += throughput_rows(label, sizes[label], runs, args.jobs)
    print_table("Build throughput and peak memory (wall and CPU seconds; CPU includes workers)",
                ["corpus", "what", "articles", "wall s", "cpu s", "art/s", "words/s", "ratio",
                 "peak RSS MB"], rows)
    first, big = results["1×"]["build"], results[f"{repeat}×"]["build"]
    if "rss_mb" in first and "rss_mb" in big:
        print(f"peak memory {repeat}× / 1×: {big['rss_mb'] / first['rss_mb']:.2f}")

    # Rebuilds of the 1× store: unchanged, then with one article changed.
    store_1x = work / "store-1×-build"
    changed = work / "corpus-1x-changed.jsonl"
    change_one(one, changed)
    rebuilds = {"unchanged": measure("build", corpus=str(one), store=str(store_1x), **model),
                "one changed": measure("build", corpus=str(changed), store=str(store_1x),
                                       **model)}
    results["rebuild"] = rebuilds
    rows = []
    for name, result in rebuilds.items():
        if "error" in result:
            rows.append([name, result["error"], "", "", ""])
        else:
            fraction = result["wall"] / first["wall"] if "wall" in first else float("nan")
            rows.append([name, result["written"], result["unchanged"], f"{result['wall']:.2f}",
                         f"{fraction:.1%}"])
    print_table("Rebuild of the 1× store", ["rebuild", "written", "unchanged", "wall s",
                                            "of full build"], rows)

    # Named queries on the corpus store and on a synthetic store.
    synthetic = work / "store-synthetic"
    shutil.rmtree(synthetic, ignore_errors=True)
    print(f"… synthetic store of {quads:,} quads", file=sys.stderr, flush=True)
    made = measure("synthetic", source=str(store_1x), store=str(synthetic), quads=quads)
    results["synthetic"] = made
    import kg  # only the parent's query list; every query runs in a child

    rows = []
    results["queries"] = {}
    for name in kg.named_queries():
        corpus_q = measure("query", args.query_timeout, store=str(store_1x), query=name)
        synth_q = (measure("query", args.query_timeout, store=str(synthetic), query=name)
                   if "error" not in made else made)
        results["queries"][name] = {"corpus": corpus_q, "synthetic": synth_q}
        rows.append([name, *(_latency(r) for r in (corpus_q, synth_q))])
    size = f"{made['quads']:,} quads" if "quads" in made else made.get("error")
    corpus_quads = next((r["corpus"]["quads"] for r in results["queries"].values()
                         if "quads" in r["corpus"]), "?")
    print_table("Named queries, first answer (best warm) in seconds, rows",
                ["query", f"corpus store ({corpus_quads:,} quads)", f"synthetic ({size})"],
                rows)

    # The HTML network of the corpus graph.
    page = work / "graph.html"
    drawn = measure("render", store=str(store_1x), output=str(page))
    results["render"] = drawn
    if "error" in drawn:
        print(f"\nkg render: {drawn['error']}")
    else:
        print(f"\nkg render of the 1× graph: {drawn['wall']:.1f} s, "
              f"{drawn['bytes'] / 2**20:.2f} MiB of HTML, {drawn['nodes']} nodes, "
              f"{drawn['edges']} edges, peak RSS {drawn['rss_mb']:.0f} MB")
    if args.json:
        from kg.export import atomic_output

        with atomic_output(args.json) as out:
            out.write(json.dumps(results, indent=1, ensure_ascii=False).encode("utf-8"))
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _brief(result: dict[str, Any]) -> str:
    if "error" in result:
        return result["error"]
    return f"{result['wall']:.1f} s wall, {result['cpu']:.1f} s CPU, {result['rss_mb']:.0f} MB"


def _latency(result: dict[str, Any]) -> str:
    if "error" in result:
        return result["error"]
    return f"{result['wall']:.3f} ({result['warm']:.3f}), {result['rows']}"


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        child_main(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
