"""The ``kg`` command: a thin shell over the public API in :mod:`kg`.

Exit codes: 0 success, 1 some input could not be read or processed (the rest was
built), 2 usage or environment errors (bad option, unreadable store, no model).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

import kg
from kg.analysis import LOUVAIN_SEED, TABLES
from kg.exporters import EXPORTERS
from kg.graph.store import DEFAULT_STORE, StoreError, is_remote
from kg.queries import (
    QueryError,
    describe_query,
    named_queries,
    query_pages,
    resolve_query,
    write_csv,
    write_json,
)

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph of diplomacy news: articles in, RDF graph out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

StoreOption = Annotated[
    # str, not Path: a Path would fold the "//" of a server URL
    str, typer.Option("--store", "-s", envvar="KG_STORE",
                      help="The graph store: a directory, or the URL of a SPARQL 1.1 server "
                           "(env KG_STORE).")
]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write here, atomically (default or '-': standard output).")]

# Characters that would break a line or drive the terminal: C0 and C1 controls, the
# Unicode line and paragraph separators, and lone surrogates (undecodable file names).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with every character that could break the line or reach the terminal as a
    control written as its Python escape, so a name is shown, never obeyed.

    >>> one_line("news\\nfeed\\x1b[2J.txt")
    'news\\\\nfeed\\\\x1b[2J.txt'
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def plain(text: object, style: str = "") -> Text:
    """User or article text as one line of Rich text: never read as markup or emoji."""
    return Text(one_line(str(text)), style=style)


def say(console: Console, text: str) -> None:
    """Print one plain line: never markup, never wrapped (a log reader gets whole lines)."""
    console.print(plain(text), highlight=False, soft_wrap=True)


def report_error(message: str) -> None:
    """Print one error line on stderr, whatever the message holds."""
    err.print(Text.assemble(("error:", "red"), " ", plain(message)), highlight=False,
              soft_wrap=True)


class _OneLineLog(logging.Handler):
    """Warnings logged on the way (a file read as Windows-1252) as one plain line each."""

    def emit(self, record: logging.LogRecord) -> None:
        say(err, f"{record.levelname.lower()}: {record.getMessage()}")


def _log_to_console() -> None:
    """Send warnings and errors from any logger through :func:`say`, once per process."""
    root = logging.getLogger()
    if not any(isinstance(handler, _OneLineLog) for handler in root.handlers):
        root.addHandler(_OneLineLog(logging.WARNING))


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line and give the exit to raise."""
    report_error(message)
    return typer.Exit(code)


def to_stdout(output: Path | None) -> bool:
    """Whether ``-o`` asks for standard output: no ``-o``, or ``-o -``."""
    return output is None or str(output) == "-"


def _open(store: str | Path, *, read_only: bool = True) -> kg.Store:
    """Open the store for a command, or fail with its one-line error (exit code 2)."""
    try:
        return kg.open_store(store, read_only=read_only)
    except StoreError as error:
        raise fail(str(error)) from None


CacheOption = Annotated[Path | None, typer.Option(
    "--cache", envvar="KG_CACHE", help="Fetch cache and sources file of web pages and feeds "
    "(env KG_CACHE; default: STORE.cache beside the store).")]
DelayOption = Annotated[float, typer.Option(
    "--delay", min=0, help="Seconds between two requests to one web host (robots.txt's "
    "Crawl-delay if longer).")]


@app.command()
def build(
    # not readable=True (typer's default): an unreadable file is one error line, not exit 2;
    # str, not Path: a Path would fold the "//" of a URL
    paths: Annotated[list[str], typer.Argument(
        help="Files and folders of articles, web pages, feeds (RSS, Atom, JSON Feed, "
        "sitemaps), .txt lists of URLs, WARC archives.")],
    store: StoreOption = DEFAULT_STORE,
    date: Annotated[str | None, typer.Option(
        help="Date (YYYY-MM-DD) for articles that carry none.")] = None,
    model: Annotated[str | None, typer.Option(
        envvar="KG_MODEL", help="spaCy model name or path (env KG_MODEL).")] = None,
    force: Annotated[bool, typer.Option(help="Rebuild unchanged articles too.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes that parse and read articles (the model is "
        "loaded once in each); the output does not depend on it.")] = None,
    cluster: Annotated[str | None, typer.Option(
        help="Parse and read on a Dask cluster instead: a scheduler address "
        "(tcp://host:8786), or local:N for N worker processes here.")] = None,
    cache: CacheOption = None,
    delay: DelayOption = 1.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Say which articles each store write committed.")] = False,
) -> None:
    """Read articles (.txt .md .html .jsonl .csv .json .warc[.gz], URLs, feeds) and add them
    to the graph."""
    _build(paths, store=store, date=date, model=model, force=force, jobs=jobs,
           cluster=cluster, cache=cache, delay=delay, quiet=quiet, verbose=verbose)


@app.command()
def update(
    store: StoreOption = DEFAULT_STORE,
    model: Annotated[str | None, typer.Option(
        envvar="KG_MODEL", help="spaCy model name or path (env KG_MODEL).")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes that parse and read articles.")] = None,
    cache: CacheOption = None,
    delay: DelayOption = 1.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read again every web source the store was built from: feeds are fetched anew (new
    items are added), pages come from the fetch cache. For a cron line."""
    from kg.ingest.sources import FILE_NAME, Sources
    from kg.ingest.web import cache_for

    folder = cache if cache is not None else cache_for(store)
    try:
        sources = Sources.load(folder / FILE_NAME)
    except ValueError as error:
        raise fail(str(error)) from None
    if not sources.entries:
        say(out, f"no web sources recorded for {store} (in {folder / FILE_NAME}): "
                 "build a URL or a feed first")
        return
    _build(sorted(sources.entries), store=store, model=model, jobs=jobs, cache=folder,
           delay=delay, quiet=quiet, refresh=True)


def _build(paths: list[str], *, store: str, date: str | None = None, model: str | None,
           force: bool = False, jobs: int | None, cluster: str | None = None,
           cache: Path | None, delay: float, quiet: bool, verbose: bool = False,
           refresh: bool = False) -> None:
    """The build of ``kg build`` and ``kg update``: progress, error lines, summary, exit code."""
    # Imported here: spaCy and the readers take seconds to import, other commands need neither.
    from kg.ingest.meta import parse_date
    from kg.ingest.web import Web
    from kg.nlp import ModelError
    from kg.pipeline import WorkerError

    if cluster is not None and jobs is not None:
        raise fail("--cluster and --jobs exclude each other: the cluster's workers do the "
                   "parsing")
    if date is not None:
        try:
            date = parse_date(date)
        except ValueError as error:
            raise fail(f"--date: {error}") from None
    try:
        target = kg.open_store(store)
        web = Web.beside(target, cache, delay=delay)
    except (StoreError, ValueError) as error:
        raise fail(str(error)) from None
    web.refresh = refresh
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal, transient=True,
    )
    try:
        with progress, web:
            fetching = progress.add_task("fetching pages", total=None, visible=False)
            task = progress.add_task("building articles", total=None)

            def fetched(_: str) -> None:
                progress.update(fetching, visible=True, advance=1)

            web.on_fetch = fetched
            report = kg.build(
                paths, store=target, date=date, model=model, force=force, jobs=jobs or 1,
                cluster=cluster, web=web,
                on_article=lambda _: progress.advance(task),
                on_write=(lambda ids: say(err, f"written: {' '.join(ids)}")) if verbose else None,
            )
    except (StoreError, ModelError, WorkerError) as error:
        raise fail(str(error)) from None
    for line in report.errors:
        report_error(line)
    stats = web.fetcher.stats
    if stats.fetched or stats.cached or stats.not_modified or stats.failed:
        say(out, f"web: {stats.fetched} fetched, {stats.cached} from the cache, "
                 f"{stats.not_modified} unchanged (304), {sum(stats.failed.values())} failed"
                 + _by_reason(stats.failed))
    if report.skipped:
        say(out, f"skipped: {sum(report.skipped.values())}" + _by_reason(report.skipped))
    say(out, f"{len(report.written)} articles built, {len(report.unchanged)} unchanged, "
             f"{report.statements} statements, {len(report.errors)} errors → {store}")
    if not report.ok:
        raise typer.Exit(1)


def _by_reason(counts: Counter[str]) -> str:
    """`` (3 HTTP 404, 1 timed out)``: counts by reason, most first; empty if none."""
    if not counts:
        return ""
    return " (" + ", ".join(f"{n} {reason}" for reason, n in counts.most_common()) + ")"


ROW_WRITERS = {"csv": write_csv, "json": write_json}


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(
        help="SPARQL text, a .rq file, or the name of a shipped query.")] = None,
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    output: OutputOption = None,
    list_: Annotated[bool, typer.Option("--list", help="List the shipped queries.")] = False,
    limit: Annotated[int | None, typer.Option(
        "--limit", "-n", min=0, help="Only the first N rows.")] = None,
) -> None:
    """Run a SPARQL query over the graph (CONSTRUCT and DESCRIBE print Turtle)."""
    if list_ or sparql is None:
        table = Table("name", "what it answers")
        for name, text in named_queries().items():
            table.add_row(plain(name), plain(describe_query(text)))
        out.print(table)
        return
    if fmt not in ("table", "csv", "json"):
        raise fail(f"--format: unknown format {fmt!r} (choose table, csv or json)")
    try:
        pages = query_pages(_open(store), resolve_query(sparql), limit=limit)
        first = next(pages)
        if first.triples is None and fmt in ROW_WRITERS:
            # CSV and JSON go out page by page: the first rows at once, memory flat
            _write(output, lambda out: ROW_WRITERS[fmt](chain([first], pages), out),
                   newline=fmt == "json")
            return
        rows = first.rows + [row for page in pages for row in page.rows]
    except (QueryError, StoreError) as error:
        raise fail(f"query: {error}") from None
    if first.triples is not None:
        text = first.to_turtle()
    elif first.boolean is not None:
        text = str(first.boolean).lower()
    else:
        table = Table(*first.columns)  # variable names: letters, digits and _ only
        for row in rows:
            table.add_row(*(plain("" if row[c] is None else row[c]) for c in first.columns))
        if to_stdout(output):
            out.print(table)
            return
        recorder = Console(file=io.StringIO(), width=200)
        recorder.print(table)
        text = recorder.file.getvalue()
    _write(output, lambda out: out.write(text.encode("utf-8")), newline=not text.endswith("\n"))


def _write(output: Path | None, write: Callable[[IO[bytes]], None], *, newline: bool) -> None:
    """Write to ``output`` atomically, or to standard output ending with a newline."""
    if not to_stdout(output):
        from kg.files import atomic_output

        with atomic_output(output) as handle:
            write(handle)
        return
    write(sys.stdout.buffer)
    if newline:
        sys.stdout.buffer.write(b"\n")
    sys.stdout.buffer.flush()


# Focus and filter options, shared by `render` and the graph formats of `export`.
FocusOption = Annotated[list[str] | None, typer.Option(
    "--focus", help="Centre on this entity (name or alias; repeatable).")]
HopsOption = Annotated[int, typer.Option(
    "--hops", min=0, help="With --focus: keep entities this many links away.")]
RelationOption = Annotated[str | None, typer.Option(
    "--relation", help="Only these relations or families, comma-separated "
    "(e.g. ACCUSE,REQUEST or conflict).")]
TypeOption = Annotated[str | None, typer.Option(
    "--type", help="Only these entity types, comma-separated (e.g. Person,Country).")]
DocOption = Annotated[str | None, typer.Option(
    "--doc", help="Only statements from these article ids, comma-separated.")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="Only statements from articles dated on or after YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", help="Only statements from articles dated on or before YYYY-MM-DD.")]
ConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", help="Only statements at least this confident (0 to 1).")]
GraphQueryOption = Annotated[str | None, typer.Option(
    "--query", help="Draw the triples of this CONSTRUCT query (.rq file, text or name).")]
OpenOption = Annotated[bool, typer.Option(
    "--open-relations", help="Draw open (OTHER) relations too.")]


def _selection(focus: list[str] | None, hops: int, relation: str | None, type_: str | None,
               doc: str | None, since: str | None, until: str | None,
               min_confidence: float | None, query: str | None,
               include_open: bool) -> kg.Selection:
    """The focus and filter options as a checked selection (bad names exit with 2)."""
    def items(value: str | None) -> tuple[str, ...]:
        return tuple(part.strip() for part in (value or "").split(",") if part.strip())

    try:
        return kg.Selection(
            focus=tuple(focus or ()), hops=hops, relations=items(relation), types=items(type_),
            docs=items(doc), since=since, until=until, min_confidence=min_confidence,
            query=query, include_open=include_open).normalised()
    except ValueError as error:
        raise fail(str(error)) from None


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help=f"One of: {', '.join(EXPORTERS)}.")] = "trig",
    store: StoreOption = DEFAULT_STORE,
    output: OutputOption = None,
    focus: FocusOption = None, hops: HopsOption = 1, relation: RelationOption = None,
    type_: TypeOption = None, doc: DocOption = None, since: SinceOption = None,
    until: UntilOption = None, min_confidence: ConfidenceOption = None,
    query: GraphQueryOption = None, include_open: OpenOption = False,
) -> None:
    """Export the graph: RDF (ttl, trig, nq, jsonld), statements (jsonl), or the network
    (graphml, gexf, cyjs, csv, svg, png) that `kg render` draws, with its filters."""
    if fmt not in EXPORTERS:
        raise fail(f"--format: unknown format {fmt!r} (choose from {', '.join(EXPORTERS)})")
    selection = _selection(focus, hops, relation, type_, doc, since, until, min_confidence,
                           query, include_open)
    if fmt == "png" and to_stdout(output) and sys.stdout.isatty():
        raise fail("--format png: give -o FILE (a picture is not for the terminal)")
    target = _open(store)
    try:
        kg.export(fmt, sys.stdout.buffer if to_stdout(output) else output, store=target,
                  selection=selection)
    except ValueError as error:  # QueryError is one too
        raise fail(str(error)) from None
    if not to_stdout(output):
        say(err, f"wrote {output}")


@app.command()
def render(
    store: StoreOption = DEFAULT_STORE,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="HTML file to write ('-': standard output).")] = Path("graph.html"),
    title: Annotated[str, typer.Option(help="Page title.")] = "Knowledge graph",
    focus: FocusOption = None, hops: HopsOption = 1, relation: RelationOption = None,
    type_: TypeOption = None, doc: DocOption = None, since: SinceOption = None,
    until: UntilOption = None, min_confidence: ConfidenceOption = None,
    query: GraphQueryOption = None, include_open: OpenOption = False,
    max_nodes: Annotated[int, typer.Option(
        "--max-nodes", help="Draw at most this many entities, the most connected; 0 = all.")
    ] = 2000,
) -> None:
    """Draw the graph as an interactive HTML network (one self-contained file).

    Example: kg render --focus "Donald Trump" --hops 2 --relation conflict -o trump.html
    """
    chosen = _selection(focus, hops, relation, type_, doc, since, until, min_confidence,
                        query, include_open)
    page_to_stdout = to_stdout(output)
    with tempfile.TemporaryDirectory(prefix="kg-render-") as scratch:
        try:
            drawn = kg.render(Path(scratch, "graph.html") if page_to_stdout else output,
                              store=_open(store), title=title,
                              include_open=chosen.include_open, focus=chosen.focus,
                              hops=chosen.hops, relation=chosen.relations, type=chosen.types,
                              doc=chosen.docs, since=chosen.since, until=chosen.until,
                              min_confidence=chosen.min_confidence, query=chosen.query,
                              max_nodes=max_nodes)
        except ValueError as error:  # QueryError is one too
            raise fail(str(error)) from None
        if page_to_stdout:
            _write(None, lambda stdout: stdout.write(drawn.path.read_bytes()), newline=False)
    # the summary goes where the page does not
    say(err if page_to_stdout else out,
        f"wrote {'standard output' if page_to_stdout else drawn.path}: {drawn.nodes} "
        f"entities, {drawn.edges} relations ({drawn.unconnected} entities left out: no drawn "
        "relation touches them)")
    if drawn.capped:
        err.print(f"note: {drawn.capped} less connected entities left out beyond --max-nodes "
                  f"{max_nodes}; narrow with --focus/--relation/--type or raise --max-nodes",
                  highlight=False, soft_wrap=True)


@app.command()
def entities(
    store: StoreOption = DEFAULT_STORE,
    type_: Annotated[str | None, typer.Option(
        "--type", help="Only this type: Person, Country, Organisation, Place or Other.")] = None,
    limit: Annotated[int, typer.Option(help="Most rows to print; 0 = all.")] = 50,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or csv.")] = "table",
) -> None:
    """List entities with type, aliases and mention counts, most mentioned first."""
    rows = kg.entities(store=_open(store), type_=type_)
    shown = rows[:limit] if limit else rows
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["name", "type", "mentions", "articles", "aliases", "iri"])
        for r in shown:
            writer.writerow([r.name, r.type, r.mentions, r.articles, "; ".join(r.aliases), r.iri])
        return
    table = Table("name", "type", "mentions", "articles", "aliases")
    for r in shown:
        table.add_row(*map(plain, (r.name, r.type, r.mentions, r.articles, ", ".join(r.aliases))))
    out.print(table)
    if len(shown) < len(rows):
        err.print(f"{len(rows) - len(shown)} more (use --limit 0)", highlight=False)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name or alias, any case.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Print what the graph knows about one entity, with evidence sentences."""
    profiles = kg.show(name, store=_open(store))
    if not profiles:
        raise fail(f"no entity called {name!r}", code=1)
    def line(*parts: Text | str) -> None:
        out.print(Text.assemble(*parts), highlight=False, soft_wrap=True)

    for profile in profiles:
        e = profile.entity
        line(plain(e.name, "bold"),
             plain(f" ({e.type}): {e.mentions} mentions in {e.articles} articles"))
        if e.aliases:
            line(plain("also: " + ", ".join(e.aliases)))
        line(plain(e.iri))
        for st in profile.statements:
            detail = st["role"] or st["quote"] or st["label"] or ""
            happened = st["factuality"] in (None, "", "asserted")
            relation = st["relation"] if happened else f"{st['relation']} ({st['factuality']})"
            line(plain(f"  {relation}: {st['subject']} → {st['object'] or '—'} {detail}"))
            line(plain(f"    {st['sentence']} ({st['doc']}, {st['date'] or 'undated'})", "dim"))


@app.command()
def stats(store: StoreOption = DEFAULT_STORE) -> None:
    """Counts of articles, entities, sentences and statements by relation."""
    counts = kg.stats(store=_open(store))
    table = Table("what", "count")
    for name, value in counts.items():
        table.add_row(plain(name), plain(value))
    out.print(table)


@app.command()
def analyze(
    store: StoreOption = DEFAULT_STORE,
    by: Annotated[str, typer.Option(
        help="Rank actors by degree (statements), betweenness or eigenvector.")] = "degree",
    family: Annotated[str | None, typer.Option(
        help="Only relations of this family (cooperation or conflict) for ranks and "
             "communities.")] = None,
    top: Annotated[int, typer.Option(help="Most rows (communities) of each table to print; "
                                          "0 = all.")] = 15,
    only: Annotated[str | None, typer.Option(
        help="Comma-separated tables to print: centrality, communities, balance.")] = None,
    as_csv: Annotated[bool, typer.Option(
        "--csv", help="Print the one table named by --only as CSV (every row).")] = False,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Folder to write centrality.csv, communities.csv, "
                               "balance.csv.")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the Louvain community search.")] = LOUVAIN_SEED,
    timeline: Annotated[str | None, typer.Option(
        "--timeline", help="Instead: the cooperation-conflict time series per dyad and per "
                           "'month' or 'week' (-o DIR: timeline.csv and charts; --csv: the "
                           "table).")] = None,
) -> None:
    """Network analytics: central actors, communities, country cooperation vs conflict."""
    if timeline is not None:
        _timeline(store, timeline, top, as_csv, output)
        return
    chosen = [name.strip() for name in only.split(",")] if only else list(TABLES)
    unknown = [name for name in chosen if name not in TABLES]
    if unknown:
        raise fail(f"--only: unknown table {unknown[0]!r} (choose from {', '.join(TABLES)})")
    if as_csv and len(chosen) != 1:
        raise fail("--csv: name exactly one table with --only")
    if output is not None and to_stdout(output):
        raise fail("-o -: analyze writes a folder of CSV files; for one table on standard "
                   "output, give --only NAME --csv")
    try:
        analysis = kg.analyze(store=_open(store), by=by, family=family, seed=seed)
    except ValueError as error:
        raise fail(str(error)) from None
    if output is not None:
        try:
            written = analysis.write_csv(output)
        except OSError as error:
            raise fail(f"{output}: cannot write ({error.strerror or error})") from None
        say(err, f"wrote {', '.join(str(p) for p in written)}")
    tables = analysis.tables()
    if as_csv:
        sys.stdout.write(tables[chosen[0]].to_csv())
        return
    for name in chosen:
        out.print(_analysis_table(name, tables[name], top))


def _timeline(store: str, period: str, top: int, as_csv: bool, output: Path | None) -> None:
    """`kg analyze --timeline`: the dyads' series as CSV, files, or the busiest dyads."""
    from kg.eventdata.timeline import timeline, top_dyads, write_timeline

    try:
        frame = timeline(_open(store), period=period)
    except ValueError as error:
        raise fail(f"--timeline: {error}") from None
    if output is not None and not to_stdout(output):
        try:
            written = write_timeline(frame, output, top=top or len(frame))
        except OSError as error:
            raise fail(f"{output}: cannot write ({error.strerror or error})") from None
        say(err, f"wrote {', '.join(str(p) for p in written)}")
    if as_csv or (output is not None and to_stdout(output)):
        sys.stdout.write(frame.to_csv(index=False))
        return
    table = Table("dyad", "events", "cooperation", "conflict", "intensity",
                  title=f"country dyads by {period}")
    for dyad in top_dyads(frame, top or len(frame)):
        rows = frame[(frame["level"] == "country") & (frame["dyad"] == dyad)]
        table.add_row(plain(dyad), plain(int(rows["events"].sum())),
                      plain(int(rows[["verbal_cooperation", "material_cooperation"]].sum().sum())),
                      plain(int(rows[["verbal_conflict", "material_conflict"]].sum().sum())),
                      plain(f"{rows['intensity'].sum():+.1f}"))
    out.print(table)


def _analysis_table(name: str, result: kg.Result, top: int) -> Table:
    """A rich table of one analysis table: communities one line each, members listed."""
    if name == "communities":
        groups: dict[int, list[str]] = {}
        for row in result.rows:
            groups.setdefault(int(row["community"]), []).append(str(row["actor"]))
        table = Table("community", "size", "members (most statements first)", title=name)
        for number, members in list(groups.items())[:top or None]:
            shown = ", ".join(members[:8]) + (", …" if len(members) > 8 else "")
            table.add_row(plain(number), plain(len(members)), plain(shown))
        return table
    columns = [c for c in result.columns if c != "iri"]
    table = Table(*columns, title=name)
    for row in result.rows[:top or None]:
        table.add_row(*(plain(row[c]) for c in columns))
    return table


@app.command()
def serve(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(
        help="Address to listen on; anything but loopback exposes the graph.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port; 0 picks a free one (printed).")] = 0,
    timeout: Annotated[float, typer.Option(
        help="Seconds a query may run before it is cancelled (HTTP 503).")] = 10.0,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", help="Most rows (or triples) in an answer; 0 = no cap.")] = 10_000,
    workers: Annotated[int | None, typer.Option(
        help="Query worker processes (default: 2 to 4, by CPU count).")] = None,
    worker_memory: Annotated[int, typer.Option(
        "--worker-memory", help="MiB of memory each query worker may use (a query that needs "
                                "more is stopped, HTTP 500); 0 = no limit.")] = 2048,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No request log.")] = False,
) -> None:
    """Serve the graph read-only over SPARQL 1.1: endpoint /sparql, query page /."""
    if is_remote(store):
        raise fail(f"{store} is already a SPARQL endpoint: query it directly, or serve a "
                   "local store directory")
    try:
        kg.serve(store, host=host, port=port, timeout=timeout, max_rows=max_rows,
                 workers=workers, worker_memory=worker_memory, quiet=quiet)
    except StoreError as error:
        raise fail(str(error)) from None
    except (OSError, ValueError) as error:
        raise fail(f"serve: {error}") from None


@app.command()
def openie(
    file: Annotated[Path, typer.Argument(
        help="UTF-8 text, one sentence per line ('-' reads stdin).")],
    output: OutputOption = None,
    model: Annotated[str | None, typer.Option(
        envvar="KG_MODEL", help="spaCy model name or path (env KG_MODEL).")] = None,
) -> None:
    """Open IE: each sentence's tuples as CaRB TSV (sentence, confidence, relation, args…)."""
    from kg.files import atomic_output
    from kg.nlp import ModelError, load
    from kg.openie import sentences, tsv_lines

    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        lines = sentences(data, str(file))
    except OSError as error:
        raise fail(f"{file}: cannot read ({error.strerror or error})", 1) from None
    except ValueError as error:
        raise fail(str(error), 1) from None
    try:
        nlp = load(model)
    except ModelError as error:
        raise fail(str(error), 2) from None
    if to_stdout(output):
        for line in tsv_lines(lines, nlp):
            sys.stdout.write(line + "\n")
        return
    try:
        with atomic_output(output) as handle:
            for line in tsv_lines(lines, nlp):
                handle.write((line + "\n").encode("utf-8"))
    except OSError as error:
        raise fail(f"{output}: cannot write ({error.strerror or error})", 2) from None
    say(err, f"wrote {output}")


@app.command()
def validate(store: StoreOption = DEFAULT_STORE) -> None:
    """Check every article's graph against the SHACL shapes (ontology/shapes.ttl)."""
    report = kg.validate(store=_open(store))
    for line in report.text().split("\n"):  # its own lines; any other break is escaped
        say(out, line)
    if not report.conforms:
        raise typer.Exit(1)


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
) -> None:
    """Build a knowledge graph of diplomacy news: articles in, RDF graph out."""
    _log_to_console()
    if version:
        out.print(f"kg {kg.__version__}")
        raise typer.Exit()


def run() -> None:
    """The ``kg`` console script: the app, with a store that fails mid-command (a server
    gone away, a full disk) reported as one error line rather than a traceback."""
    try:
        app(prog_name="kg")
    except StoreError as error:
        sys.exit(fail(str(error)).exit_code)
