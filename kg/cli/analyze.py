"""``kg analyze``: central actors, communities and the countries' cooperation against
conflict, or their time series (``--timeline``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

import kg
from kg.analysis import LOUVAIN_SEED, TABLES
from kg.cli.console import err, fail, open_or_fail, out, plain, say, to_stdout
from kg.cli.options import StoreOption
from kg.graph.store import DEFAULT_STORE


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
        analysis = kg.analyze(store=open_or_fail(store), by=by, family=family, seed=seed)
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
        frame = timeline(open_or_fail(store), period=period)
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
