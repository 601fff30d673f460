"""The benchmarks of the questions a store answers (``benchmarks/run.py`` sections queries,
remote and scale): each named query's first page and whole answer, ``kg show`` of sampled
entities, on the 1× store, the synthetic store (1M quads), the same on SPARQL servers, and a
synthetic store ten times as big with one article written again.

The functions of ``run.py`` (``step``, ``print_table``, the stores) are imported from it
when a section runs: ``run.py`` imports this module to register the sections.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PROFILES = 20  # entities looked up by `kg show` on each store


def child_query(spec: dict[str, Any]) -> dict[str, Any]:
    """One named query on a store: its first page asked three times, cold (the first time)
    and the best of the other two (wall seconds, and CPU seconds: ``warm_cpu``), then its
    whole answer twice, every page read (a query not paged by articles has one page, its
    whole answer). The whole answer stops being
    read at ``budget`` seconds (``whole_cut``: the time is then a lower bound), so a slow
    whole table never costs the first page's numbers."""
    import kg
    from kg.queries import query_pages

    store = kg.open_store(spec["store"], read_only=True)
    sparql = kg.named_queries()[spec["query"]]
    budget = spec.get("budget", float("inf"))
    firsts, cpus, wholes, cut = [], [], [], False
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        page_rows = len(next(query_pages(store, sparql)).rows)
        firsts.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    for _ in range(2):
        start, rows = time.perf_counter(), 0
        for page in query_pages(store, sparql):
            rows += len(page.rows)
            cut = time.perf_counter() - start > budget
            if cut:
                break
        wholes.append(time.perf_counter() - start)
        if cut:
            break
    # no count of the store here: on a server, it can take longer than the queries
    # warm_cpu: the best warm first page in CPU seconds, what it costs on a machine of its own
    return {"wall": firsts[0], "warm": min(firsts[1:]), "warm_cpu": min(cpus[1:]),
            "rows": rows, "page_rows": page_rows,
            "whole": wholes[0], "whole_warm": min(wholes), "whole_cut": cut}


def child_profile(spec: dict[str, Any]) -> dict[str, Any]:
    """``kg show`` of ``entities`` entities, the most mentioned half and the rest from the
    middle of the table, each looked up by its name in lower case: the median and slowest."""
    import kg
    from kg.queries.entity import entity_table

    store = kg.open_store(spec["store"], read_only=True)
    table = entity_table(store)
    half = spec["entities"] // 2
    middle = len(table) // 2
    names = [row.name.lower() for row in table[:half] + table[middle:middle + half]]
    times, sizes = [], []
    for name in names:
        start = time.perf_counter()
        # the statements that name it, of which the profile shows the newest page
        sizes.append(sum(profile.statement_count for profile in kg.show(name, store=store)))
        times.append(time.perf_counter() - start)
    slowest = max(range(len(times)), key=times.__getitem__)
    return {"wall": sum(times), "profiles": len(times), "median": statistics.median(times),
            "max": times[slowest], "max_statements": sizes[slowest]}


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


def child_rewrite(spec: dict[str, Any]) -> dict[str, Any]:
    """One article of a synthetic store written again with other statements, through
    kg's write path (its graph replaced, flushed), then the entity pass over it alone:
    what rebuilding one article costs the store, the parse left aside."""
    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import Vocabulary, synthetic_readings

    import kg
    from kg.graph.rdf import Run, reading_quads
    from kg.resolve.corpus import unify

    vocabulary = Vocabulary.from_store(kg.open_store(spec["source"], read_only=True))
    store = kg.open_store(spec["store"])
    reading = next(synthetic_readings(vocabulary, seed=spec["seed"]))  # synthetic-000000
    run = Run(f"kg {kg.__version__}", "synthetic", "2025-01-01T00:00:00Z")
    start = time.perf_counter()
    store.replace_articles([(reading.document.id, list(reading_quads(reading, run)))])
    store.flush()
    written = time.perf_counter()
    unify(store, [reading.document.id])
    store.entity_pass_done()
    store.flush()
    return {"wall": time.perf_counter() - start, "write": written - start,
            "entity_pass": time.perf_counter() - written}


def child_totals(spec: dict[str, Any]) -> dict[str, Any]:
    """The totals across articles (kg/graph/totals.py) of a kept store, computed whole when it
    lacks them (a store an older kg filled): the query children open stores read-only."""
    from kg.graph import totals
    from kg.graph.store import EmbeddedStore

    start = time.perf_counter()
    store = EmbeddedStore(spec["store"], read_only=True)
    computed = not totals.is_current(store)
    if computed:
        del store  # one process at a time holds the store for writing
        totals.compute(store := EmbeddedStore(spec["store"]))
        store.flush()
    return {"wall": time.perf_counter() - start, "computed": computed}


CHILDREN = {"query": child_query, "profile": child_profile, "synthetic": child_synthetic,
            "rewrite": child_rewrite, "totals": child_totals}


def with_totals(label: str, store: Path) -> None:
    """Make sure a kept store has its totals before its queries are timed."""
    import run

    run.step(f"{label}: totals across articles", "totals", store=str(store))


def named_queries(bench: Any, label: str, store: str) -> dict[str, dict[str, Any]]:
    """Each named query on ``store`` (a folder or a server's URL), in a child of its own."""
    import run

    import kg  # only the parent's query list; every query runs in a child

    # the whole answer is given a third of the timeout: the first page is measured anyway
    return {name: run.step(f"{label}: {name}", "query", bench.query_timeout, store=store,
                       query=name, budget=bench.query_timeout / 3)
            for name in kg.named_queries()}


def section_queries(bench: Any) -> None:
    """The named queries on the 1× store and on the synthetic store."""
    import run

    import kg

    source, made = run.store_1x(bench), run.synthetic_store(bench)
    for label, store, made_by in (("1× store", bench.store_1x, source),
                                  ("synthetic", bench.synthetic, made)):
        if "error" not in made_by:
            with_totals(label, store)
    corpus = named_queries(bench, "1× store", str(bench.store_1x)) if "error" not in source \
        else {}
    synthetic = named_queries(bench, "synthetic", str(bench.synthetic)) if "error" not in made \
        else {}
    bench.results["synthetic"] = made
    bench.results["queries"] = {name: {"corpus": corpus.get(name, source),
                                       "synthetic": synthetic.get(name, made)}
                                for name in kg.named_queries()}
    bench.results["show"] = {
        label: run.step(f"{label}: kg show", "profile", store=str(store), entities=PROFILES)
        if "error" not in made_by else made_by
        for label, store, made_by in (("corpus", bench.store_1x, source),
                                      ("synthetic", bench.synthetic, made))}
    rows = [[name, _latency(r["corpus"], cpu=True), _latency(r["synthetic"], cpu=True)]
            for name, r in bench.results["queries"].items()]
    rows.append([f"kg show ×{PROFILES}", _profiles(bench.results["show"]["corpus"]),
                 _profiles(bench.results["show"]["synthetic"])])
    run.print_table("Named queries, first answer (best warm, its CPU) in seconds, rows",
                    ["query", f"corpus store ({run.quads_cell(source)})",
                     f"synthetic ({run.quads_cell(made)})"], rows)


SERVERS = (("oxigraph serve", "start_oxigraph", {}),
           ("Virtuoso 7", "start_virtuoso", {"max_rows": None}))  # uncapped: whole answers


def remote_store(bench: Any, name: str, start: str,
                 options: dict[str, Any]) -> dict[str, Any]:
    """One server started in the work folder, filled with the synthetic articles through
    kg's own write path, its named queries timed; stopped however it went."""
    import run

    if str(run.TESTS) not in sys.path:
        sys.path.insert(0, str(run.TESTS))
    import servers  # the launchers the tests use: not copied here

    from kg.messages import first_line

    folder = bench.work / f"server-{start.removeprefix('start_')}"
    run.fresh(folder)
    folder.mkdir(parents=True)
    try:
        server = getattr(servers, start)(folder, **options)
    except (servers.ServerMissing, RuntimeError, OSError, subprocess.SubprocessError) as error:
        return {"load": {"error": f"not started: {first_line(error)}"}}
    try:
        load = run.step(f"{name}: fill with {bench.quads:,} quads", "synthetic",
                    source=str(bench.store_1x), store=server.url, quads=bench.quads)
        queries = named_queries(bench, name, server.url) if "error" not in load else {}
        return {"url": server.url, "load": load, "queries": queries}
    finally:
        server.stop()


def section_remote(bench: Any) -> None:
    """The synthetic store's load and named queries: embedded, then on each server."""
    import run

    import kg

    made = run.synthetic_store(bench)
    # the queries section's answers on the same store, when it ran
    embedded = {name: r["synthetic"] for name, r in bench.results.get("queries", {}).items()}
    if not embedded and "error" not in made:
        embedded = named_queries(bench, "synthetic", str(bench.synthetic))
    stores = {"embedded store": {"load": made, "queries": embedded}}
    for name, start, options in SERVERS:
        stores[name] = remote_store(bench, name, start, options)
    bench.results["remote"] = stores
    rows = [["load", *(run.load_cell(s["load"]) for s in stores.values())]]
    rows += [[query, *(_latency(s["queries"][query]) if query in s.get("queries", {}) else "-"
                       for s in stores.values())] for query in kg.named_queries()]
    run.print_table("Remote stores: the synthetic store written through kg's write path, "
                    "then named queries, first answer (best warm) in seconds, rows",
                    ["", *stores], rows)


def section_scale(bench: Any) -> None:
    """A synthetic store ten times ``--quads`` (10M): its fill, the named queries' first
    pages, ``kg show``, and one article written again with the entity pass over it."""
    import run

    import kg

    quads = bench.quads * 10
    store = run.synthetic_path(bench, quads)
    made = run.synthetic_store(bench, quads)
    bench.results["scale"] = result = {"load": made}
    if "error" not in made:
        with_totals(f"{quads:,} quads", store)
        result["queries"] = named_queries(bench, f"{quads:,} quads", str(store))
        # bounded: the most mentioned entities hold ten times the statements they do at 1M
        result["show"] = run.step(f"{quads:,} quads: kg show", "profile",
                                  bench.query_timeout * 2, store=str(store), entities=PROFILES)
        result["rewrite"] = run.step(f"{quads:,} quads: one article written again", "rewrite",
                                     source=str(bench.store_1x), store=str(store), seed=9)
    rows = [["fill", run.load_cell(made)]]
    rows += [[name, _latency(result["queries"][name], cpu=True) if "queries" in result else "-"]
             for name in kg.named_queries()]
    if "show" in result:
        rows.append([f"kg show ×{PROFILES}", _profiles(result["show"])])
        rewrite = result["rewrite"]
        rows.append(["one article again", rewrite.get("error") or (
            f"{rewrite['wall']:.2f} s: write {rewrite['write']:.2f}, "
            f"entity pass {rewrite['entity_pass']:.2f}")])
    run.print_table(f"A synthetic store of {quads:,} quads: fill, named queries' first "
                    "answer (best warm, its CPU) in seconds, rows",
                    ["", run.quads_cell(made)], rows)


def _latency(result: dict[str, Any], *, cpu: bool = False) -> str:
    """First answer (best warm) and rows; for a paged query, the first page's and then the
    whole answer's, e.g. ``0.180 (0.120), 1000 of 47360 rows; all: 5.10 (4.80)``. With
    ``cpu`` (an embedded store: the query's work is the child's own), the best warm first
    answer's CPU seconds too: ``0.180 (0.120, cpu 0.090)``."""
    if "error" in result:
        return result["error"]
    warm = f"{result['warm']:.3f}"
    if cpu and "warm_cpu" in result:
        warm += f", cpu {result['warm_cpu']:.3f}"
    first = f"{result['wall']:.3f} ({warm}), "
    if result.get("whole_cut"):
        return first + f"{result['page_rows']} rows a page; all: > {result['whole']:.0f} s"
    if result["rows"] == result["page_rows"]:
        return first + str(result["rows"])
    return (first + f"{result['page_rows']} of {result['rows']} rows; "
            f"all: {result['whole']:.2f} ({result['whole_warm']:.2f})")


def _profiles(result: dict[str, Any]) -> str:
    """Median and slowest ``kg show``, e.g. ``median 0.010, max 0.062 (331 statements)``."""
    if "error" in result:
        return result["error"]
    return (f"median {result['median']:.3f}, max {result['max']:.3f} "
            f"({result['max_statements']:,} statements)")
