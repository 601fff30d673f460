"""The speed and scale benchmarks of kg: one command, one table (see benchmarks/README.md).

    python benchmarks/run.py            # the Wikinews corpus, 1× and 10×, a 1M-quad store
    python benchmarks/run.py --quick    # a smoke run: a few articles, 3×, 100k quads
    python benchmarks/run.py --only cluster,remote --workdir /tmp/w   # some sections

The sections (``--only``), each in the module of its kind: ``throughput``, ``rebuild``,
``cluster`` (``kg build --cluster local:N``) and ``render`` in ``build_sections.py``;
``queries``, ``remote`` (the synthetic store on ``oxigraph serve`` and Virtuoso) and
``scale`` (a store ten times ``--quads``) in ``query_sections.py``; ``small`` (builds of 1
to 100 articles as whole processes against bare spaCy, and posted to ``kg serve --build``)
and ``parent`` (the writer of a ``--jobs 8`` build alone, against workers returning
prepared readings) in ``small_builds.py``. This module is the harness they share. With
``--workdir`` the 1× store and the synthetic store are kept, each with a ``.done`` marker
beside it, and reused by the next run of the same corpus.

Every measurement runs in a fresh child process of this script (``_child`` mode), so
each build starts cold, peak memory is that build's own, and a crash or a runaway query
ends one row, not the run. Throughputs are compared within this one run, on this machine.
"""

from __future__ import annotations

import argparse
import hashlib
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import build_sections  # the sections throughput, rebuild, cluster, render (this folder is
import query_sections  # on the path): queries, remote and scale
import small_builds  # the sections small and parent

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"  # servers.py: the SPARQL server launchers the tests use too
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
    from kg.graph.store import Store

    store = Store(spec["store"])
    start = time.perf_counter()
    report = kg.pipeline.build([spec["corpus"]], store=store, model=spec.get("model"),
                               jobs=spec.get("jobs", 1), cluster=spec.get("cluster"))
    return {"wall": time.perf_counter() - start, "written": len(report.written),
            "unchanged": len(report.unchanged), "statements": report.statements,
            "errors": report.errors[:3], "quads": len(store)}


def child_render(spec: dict[str, Any]) -> dict[str, Any]:
    """``kg.render`` of a store: the time and the size of the page."""
    import kg

    start = time.perf_counter()
    drawn = kg.render(spec["output"], store=kg.open_store(spec["store"], read_only=True))
    return {"wall": time.perf_counter() - start, "bytes": Path(spec["output"]).stat().st_size,
            "nodes": drawn.nodes, "edges": drawn.edges}


CHILDREN = {"bare": child_bare, "build": child_build, "render": child_render,
            **query_sections.CHILDREN, **small_builds.CHILDREN}


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


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), "
            f"{memory:.0f} GiB, Python {platform.python_version()}, load average {load}")


def _row(cells: list[Any], widths: list[int]) -> str:
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                     for i, (c, w) in enumerate(zip(cells, widths, strict=True)))


def print_table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}\n{_row(header, widths)}\n{_row(['-' * w for w in widths], widths)}")
    for row in rows:
        print(_row(row, widths))


# -- stores kept between runs: a marker beside each complete one ------------------------------


def _marker(store: Path) -> Path:
    return store.with_name(store.name + ".done")


def reusable(store: Path, key: dict[str, Any]) -> dict[str, Any] | None:
    """The record of ``store`` if it was completed for the same ``key``, else None.

    >>> reusable(Path(tempfile.mkdtemp()) / "store", {"quads": 10}) is None
    True
    """
    try:
        record = json.loads(_marker(store).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if record.get("key") == key and store.is_dir() else None


def mark(store: Path, key: dict[str, Any], result: dict[str, Any]) -> None:
    """Mark ``store`` complete for ``key``, with its measurement, unless that failed."""
    if "error" not in result:
        _marker(store).write_text(json.dumps({"key": key, **result}), encoding="utf-8")


def fresh(store: Path) -> None:
    """Remove ``store`` and its marker, so a run cut short never looks complete."""
    _marker(store).unlink(missing_ok=True)
    shutil.rmtree(store, ignore_errors=True)


@dataclass
class Bench:
    """What the sections share: the options, the work folder, the corpora and the results."""

    work: Path
    corpus: Path  # the source corpus
    articles: int | None  # how many of its records make the 1× corpus (None: all)
    repeat: int  # copies in the large corpus
    one: Path  # the 1× corpus
    size: dict[str, int]  # its articles and words
    jobs: int
    quads: int
    query_timeout: float
    model: dict[str, str]
    key: dict[str, Any]  # the 1× corpus's digest and the model: a kept store must match
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def store_1x(self) -> Path:
        return self.work / "store-1×-build"

    @property
    def synthetic(self) -> Path:
        return self.work / "store-synthetic"


def step(label: str, kind: str, timeout: float | None = None, **spec: Any) -> dict[str, Any]:
    """:func:`measure`, saying on stderr what runs and how it went."""
    print(f"… {label}", end="", file=sys.stderr, flush=True)
    result = measure(kind, timeout, **spec)
    print(f": {_brief(result)}", file=sys.stderr, flush=True)
    return result


def measure_build(bench: Bench, label: str, corpus: Path, store: Path,
                  **options: Any) -> dict[str, Any]:
    """A fresh build of ``corpus`` into ``store``; the plain 1× build is marked reusable."""
    fresh(store)
    result = step(label, "build", corpus=str(corpus), store=str(store), **bench.model, **options)
    if store == bench.store_1x:
        mark(store, bench.key, result)
    return result


def store_1x(bench: Bench) -> dict[str, Any]:
    """The plain build of the 1× corpus: kept from an earlier run, or built now."""
    return (reusable(bench.store_1x, bench.key)
            or measure_build(bench, "1× build", bench.one, bench.store_1x))


def synthetic_store(bench: Bench, quads: int | None = None) -> dict[str, Any]:
    """The embedded synthetic store of ``quads`` quads (default ``bench.quads``, in
    ``bench.synthetic``; another size beside it): kept, or filled now."""
    quads = quads or bench.quads
    store = synthetic_path(bench, quads)
    key = {"source": bench.key, "quads": quads}
    made = reusable(store, key)
    if made is None:
        source = store_1x(bench)
        if "error" in source:
            return source
        fresh(store)
        made = step(f"synthetic store of {quads:,} quads", "synthetic",
                    source=str(bench.store_1x), store=str(store), quads=quads)
        mark(store, key, made)
    return made


def synthetic_path(bench: Bench, quads: int) -> Path:
    return bench.synthetic if quads == bench.quads else bench.work / f"store-synthetic-{quads}"


SECTIONS = {"throughput": build_sections.section_throughput,
            "rebuild": build_sections.section_rebuild, "cluster": build_sections.section_cluster,
            "queries": query_sections.section_queries, "remote": query_sections.section_remote,
            "scale": query_sections.section_scale, "render": build_sections.section_render,
            "small": small_builds.section_small,
            "parent": small_builds.section_parent}  # in the order they run


def sections(text: str) -> list[str]:
    """The sections named in ``--only``, in the order they run.

    >>> sections("remote,cluster")
    ['cluster', 'remote']
    """
    names = {name.strip() for name in text.split(",") if name.strip()}
    unknown = names - set(SECTIONS)
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown section(s) {', '.join(sorted(unknown))}; "
                                         f"choose from {','.join(SECTIONS)}")
    return [name for name in SECTIONS if name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 30 articles, 3×, a 100k-quad synthetic store")
    parser.add_argument("--only", type=sections, default=list(SECTIONS),
                        metavar="SECTION[,SECTION…]",
                        help=f"run only these sections ({','.join(SECTIONS)}; default all)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL corpus")
    parser.add_argument("--articles", type=int, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, help="copies in the large corpus (default 10)")
    parser.add_argument("--jobs", type=int, default=2, help="processes of the parallel build")
    parser.add_argument("--quads", type=int, help="size of the synthetic store (1,000,000)")
    parser.add_argument("--model", help="spaCy model (default: kg's)")
    parser.add_argument("--query-timeout", type=float, default=QUERY_TIMEOUT,
                        help="seconds a named query may take before it is cut off")
    parser.add_argument("--workdir", type=Path,
                        help="keep the stores here and reuse them (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write every number here as JSON")
    args = parser.parse_args(argv)
    articles = args.articles or (30 if args.quick else None)
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such corpus file", file=sys.stderr)
        return 2

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"kg benchmarks: {machine()}", flush=True)
    one = work / "corpus-1x.jsonl"
    size = write_corpus(args.corpus, one, articles, 1)
    bench = Bench(work, args.corpus, articles, args.repeat or (3 if args.quick else 10), one,
                  size, args.jobs,
                  args.quads or (100_000 if args.quick else 1_000_000), args.query_timeout,
                  {"model": args.model} if args.model else {},
                  key={"corpus": hashlib.sha256(one.read_bytes()).hexdigest(),
                       "model": args.model},
                  results={"machine": machine(), "model": args.model, "sections": args.only})
    for name in args.only:
        SECTIONS[name](bench)
    if args.json:
        from kg.files import atomic_output

        with atomic_output(args.json) as out:
            out.write(json.dumps(bench.results, indent=1, ensure_ascii=False).encode("utf-8"))
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _brief(result: dict[str, Any]) -> str:
    if "error" in result:
        return result["error"]
    return f"{result['wall']:.1f} s wall, {result['cpu']:.1f} s CPU, {result['rss_mb']:.0f} MB"


def quads_cell(result: dict[str, Any]) -> str:
    return result["error"] if "error" in result else f"{result['quads']:,} quads"


def load_cell(result: dict[str, Any]) -> str:
    """A fill's wall time, size and rate, e.g. ``12.3 s, 100,212 quads, 8,147/s``."""
    if "error" in result:
        return result["error"]
    rate = result["quads"] / result["wall"]
    return f"{result['wall']:.1f} s, {quads_cell(result)}, {rate:,.0f}/s"




if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        child_main(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
