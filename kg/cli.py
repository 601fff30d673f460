"""The ``kg`` command: a thin shell over the public API in :mod:`kg`.

Exit codes: 0 success, 1 some input could not be read or processed (the rest was
built), 2 usage or environment errors (bad option, unreadable store, no model).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import kg
from kg.export import EXPORTERS
from kg.graph.store import DEFAULT_STORE, StoreError
from kg.query import QueryError, describe_query, named_queries

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
    Path, typer.Option("--store", "-s", envvar="KG_STORE",
                       help="Directory of the graph store (env KG_STORE).")
]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line and give the exit to raise."""
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def _open(store: Path, *, read_only: bool = True) -> kg.Store:
    try:
        return kg.open_store(store, read_only=read_only)
    except StoreError as error:
        raise fail(str(error)) from None


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of articles.")],
    store: StoreOption = Path(DEFAULT_STORE),
    date: Annotated[str | None, typer.Option(
        help="Date (YYYY-MM-DD) for articles that carry none.")] = None,
    model: Annotated[str | None, typer.Option(
        envvar="KG_MODEL", help="spaCy model name or path (env KG_MODEL).")] = None,
    force: Annotated[bool, typer.Option(help="Rebuild unchanged articles too.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Say which articles each store write committed.")] = False,
) -> None:
    """Read articles (.txt .md .html .jsonl .csv) and add them to the graph."""
    # Imported here: spaCy and the readers take seconds to import, other commands need neither.
    from kg.ingest.meta import parse_date
    from kg.nlp import ModelError

    if date is not None:
        try:
            date = parse_date(date)
        except ValueError as error:
            raise fail(f"--date: {error}") from None
    try:
        target = kg.open_store(store)
        progress = Progress(
            TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
            TextColumn("articles"), TimeElapsedColumn(), console=err,
            disable=quiet or not err.is_terminal, transient=True,
        )
        with progress:
            task = progress.add_task("build", total=None)
            report = kg.build(
                paths, store=target, date=date, model=model, force=force,
                on_article=lambda _: progress.advance(task),
                on_write=(lambda ids: err.print(f"written: {' '.join(ids)}", highlight=False,
                                                markup=False, soft_wrap=True))
                if verbose else None,
            )
    except (StoreError, ModelError) as error:
        raise fail(str(error)) from None
    for line in report.errors:
        err.print(f"[red]error:[/red] {line}", highlight=False)
    out.print(
        f"{len(report.written)} articles built, {len(report.unchanged)} unchanged, "
        f"{report.statements} statements, {len(report.errors)} errors → {store}",
        highlight=False,
    )
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(
        help="SPARQL text, a .rq file, or the name of a shipped query.")] = None,
    store: StoreOption = Path(DEFAULT_STORE),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the shipped queries.")] = False,
) -> None:
    """Run a SPARQL query over the graph (CONSTRUCT and DESCRIBE print Turtle)."""
    if list_ or sparql is None:
        table = Table("name", "what it answers")
        for name, text in named_queries().items():
            table.add_row(name, describe_query(text))
        out.print(table)
        return
    if fmt not in ("table", "csv", "json"):
        raise fail(f"--format: unknown format {fmt!r} (choose table, csv or json)")
    try:
        result = kg.query(sparql, store=_open(store))
    except QueryError as error:
        raise fail(f"query: {error}") from None
    if result.triples is not None:
        text = result.to_turtle()
    elif fmt == "csv":
        text = result.to_csv()
    elif fmt == "json":
        text = result.to_json()
    else:
        if result.boolean is not None:
            text = str(result.boolean).lower()
        else:
            table = Table(*result.columns)
            for row in result.rows:
                table.add_row(*("" if row[c] is None else str(row[c]) for c in result.columns))
            if output is None:
                out.print(table)
                return
            recorder = Console(file=io.StringIO(), width=200)
            recorder.print(table)
            text = recorder.file.getvalue()
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        from kg.export import atomic_output

        with atomic_output(output) as handle:
            handle.write(text.encode("utf-8"))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help=f"One of: {', '.join(EXPORTERS)}.")] = "trig",
    store: StoreOption = Path(DEFAULT_STORE),
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write here (default: stdout).")] = None,
) -> None:
    """Export the graph: RDF (ttl, trig, nq, jsonld), statements (jsonl), GraphML."""
    if fmt not in EXPORTERS:
        raise fail(f"--format: unknown format {fmt!r} (choose from {', '.join(EXPORTERS)})")
    target = _open(store)
    kg.export(fmt, output if output is not None else sys.stdout.buffer, store=target)
    if output is not None:
        err.print(f"wrote {output}", highlight=False)


@app.command()
def render(
    store: StoreOption = Path(DEFAULT_STORE),
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "graph.html"),
    title: Annotated[str, typer.Option(help="Page title.")] = "Knowledge graph",
    include_open: Annotated[bool, typer.Option(
        "--open-relations", help="Draw open (OTHER) relations too.")] = False,
) -> None:
    """Draw the graph as an interactive HTML network (one self-contained file)."""
    drawn = kg.render(output, store=_open(store), title=title, include_open=include_open)
    out.print(f"wrote {drawn.path}: {drawn.nodes} entities, {drawn.edges} relations "
              f"({drawn.unconnected} entities with no drawn relation left out)", highlight=False)


@app.command()
def entities(
    store: StoreOption = Path(DEFAULT_STORE),
    type_: Annotated[str | None, typer.Option(
        "--type", help="Only this type: Person, Country, Organisation or Place.")] = None,
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
        table.add_row(r.name, r.type, str(r.mentions), str(r.articles), ", ".join(r.aliases))
    out.print(table)
    if len(shown) < len(rows):
        err.print(f"{len(rows) - len(shown)} more (use --limit 0)", highlight=False)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name or alias, any case.")],
    store: StoreOption = Path(DEFAULT_STORE),
) -> None:
    """Print what the graph knows about one entity, with evidence sentences."""
    profiles = kg.show(name, store=_open(store))
    if not profiles:
        raise fail(f"no entity called {name!r}", code=1)
    for profile in profiles:
        e = profile.entity
        out.print(f"[bold]{escape(e.name)}[/bold] ({e.type}): {e.mentions} mentions in "
                  f"{e.articles} articles", highlight=False)
        if e.aliases:
            out.print("also: " + escape(", ".join(e.aliases)), highlight=False)
        out.print(escape(e.iri), highlight=False)
        for st in profile.statements:
            detail = st["role"] or st["quote"] or st["label"] or ""
            out.print(f"  {st['relation']}: {escape(str(st['subject']))} → "
                      f"{escape(str(st['object'] or '—'))} {escape(str(detail))}", highlight=False)
            out.print(f"    [dim]{escape(str(st['sentence']))} ({st['doc']}, "
                      f"{st['date'] or 'undated'})[/dim]", highlight=False)


@app.command()
def stats(store: StoreOption = Path(DEFAULT_STORE)) -> None:
    """Counts of articles, entities, sentences and statements by relation."""
    counts = kg.stats(store=_open(store))
    table = Table("what", "count")
    for name, value in counts.items():
        table.add_row(name, str(value))
    out.print(table)


@app.command()
def serve(
    store: StoreOption = Path(DEFAULT_STORE),
    host: Annotated[str, typer.Option(
        help="Address to listen on; anything but loopback exposes the graph.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port; 0 picks a free one (printed).")] = 0,
    timeout: Annotated[float, typer.Option(
        help="Seconds a query may run before it is cancelled (HTTP 503).")] = 10.0,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", help="Most rows (or triples) in an answer; 0 = no cap.")] = 10_000,
    workers: Annotated[int | None, typer.Option(
        help="Query worker processes (default: 2 to 4, by CPU count).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No request log.")] = False,
) -> None:
    """Serve the graph read-only over SPARQL 1.1: endpoint /sparql, query page /."""
    try:
        kg.serve(store, host=host, port=port, timeout=timeout, max_rows=max_rows,
                 workers=workers, quiet=quiet)
    except StoreError as error:
        raise fail(str(error)) from None
    except (OSError, ValueError) as error:
        raise fail(f"serve: {error}") from None


@app.command()
def validate(store: StoreOption = Path(DEFAULT_STORE)) -> None:
    """Check every article's graph against the SHACL shapes (ontology/shapes.ttl)."""
    report = kg.validate(store=_open(store))
    out.print(report.text(), highlight=False, markup=False, soft_wrap=True)
    if not report.conforms:
        raise typer.Exit(1)


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
) -> None:
    """Build a knowledge graph of diplomacy news: articles in, RDF graph out."""
    if version:
        out.print(f"kg {kg.__version__}")
        raise typer.Exit()
