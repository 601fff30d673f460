"""``kg query``: SPARQL over the graph as a table, CSV or JSON (rows page by page), Turtle
for CONSTRUCT and DESCRIBE."""

from __future__ import annotations

import io
from itertools import chain
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg.cli.console import fail, open_or_fail, out, plain, to_stdout, write_output
from kg.cli.options import OutputOption, StoreOption
from kg.graph.store import DEFAULT_STORE, StoreError
from kg.queries import (
    QueryError,
    describe_query,
    named_queries,
    query_pages,
    resolve_query,
    write_csv,
    write_json,
)

ROW_WRITERS = {"csv": write_csv, "json": write_json}


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
        pages = query_pages(open_or_fail(store), resolve_query(sparql), limit=limit)
        first = next(pages)
        if first.triples is None and fmt in ROW_WRITERS:
            # CSV and JSON go out page by page: the first rows at once, memory flat
            write_output(output, lambda out: ROW_WRITERS[fmt](chain([first], pages), out),
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
    write_output(output, lambda out: out.write(text.encode("utf-8")),
                 newline=not text.endswith("\n"))

