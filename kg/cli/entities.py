"""``kg entities``, ``kg show`` and ``kg stats``: what the graph holds, listed, one entity
at a time, and counted."""

from __future__ import annotations

import csv
import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

import kg
from kg.cli.console import err, fail, open_or_fail, out, plain
from kg.cli.options import StoreOption
from kg.graph.store import DEFAULT_STORE


def entities(
    store: StoreOption = DEFAULT_STORE,
    type_: Annotated[str | None, typer.Option(
        "--type", help="Only this type: Person, Country, Organisation, Place or Other.")] = None,
    limit: Annotated[int, typer.Option(help="Most rows to print; 0 = all.")] = 50,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or csv.")] = "table",
) -> None:
    """List entities with type, aliases and mention counts, most mentioned first."""
    rows = kg.entities(store=open_or_fail(store), type_=type_)
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


def show(
    name: Annotated[str, typer.Argument(help="A name or alias, any case.")],
    store: StoreOption = DEFAULT_STORE,
    limit: Annotated[int, typer.Option(help="Most statements to print; 0 = all.")] = 20,
    offset: Annotated[int, typer.Option(help="Statements to skip, newest first.")] = 0,
) -> None:
    """Print what the graph knows about one entity: who it is, its relations and
    counterparts by articles, and its statements with evidence, newest first."""
    profiles = kg.show(name, store=open_or_fail(store), limit=limit or None, offset=offset)
    if not profiles:
        raise fail(f"no entity called {name!r}", code=1)
    def line(*parts: Text | str) -> None:
        out.print(Text.assemble(*parts), highlight=False, soft_wrap=True)

    def listed(title: str, linked: list) -> None:
        if linked:
            line(plain(f"{title}: " + ", ".join(f"{x.name} ({x.articles})" for x in linked)))

    for profile in profiles:
        e = profile.entity
        line(plain(e.name, "bold"),
             plain(f" ({e.type}): {e.mentions} mentions in {e.articles} articles, "
                   f"{profile.statement_count} statements"))
        if e.aliases:
            line(plain("also: " + ", ".join(e.aliases)))
        line(plain(e.iri))
        if profile.countries or profile.sectors:
            line(plain(" · ".join(filter(None, (
                profile.countries and "country: " + ", ".join(profile.countries),
                profile.sectors and "sector: " + ", ".join(profile.sectors))))))
        listed("posts (articles)", profile.posts)
        listed("member of (articles)", profile.member_of)
        listed("members (articles)", profile.members)
        if profile.relations:
            sides: dict[str, dict[str, int]] = {}
            for code, side, n in profile.relations:
                sides.setdefault(code, {})[side] = n
            line(plain("relations (articles as subject/object): " + ", ".join(
                f"{code} {n.get('out', 0)}/{n.get('in', 0)}" for code, n in sorted(
                    sides.items(), key=lambda item: (-sum(item[1].values()), item[0])))))
        listed("most linked with (articles)", profile.counterparts)
        shown = profile.statements
        if shown:
            line(plain(f"statements {profile.offset + 1}–{profile.offset + len(shown)} of "
                       f"{profile.statement_count}, newest first:"))
        for st in shown:
            detail = st["role"] or st["quote"] or st["label"] or ""
            happened = st["factuality"] in (None, "", "asserted")
            relation = st["relation"] if happened else f"{st['relation']} ({st['factuality']})"
            line(plain(f"  {relation}: {st['subject']} → {st['object'] or '—'} {detail}"))
            line(plain(f"    {st['sentence']} ({st['doc']}, {st['date'] or 'undated'})", "dim"))
        left = profile.statement_count - profile.offset - len(shown)
        if shown and left > 0:
            err.print(f"{left} more (--offset {profile.offset + len(shown)}; --limit 0 for all)",
                      highlight=False)


def stats(store: StoreOption = DEFAULT_STORE) -> None:
    """Counts of articles, entities, sentences and statements by relation."""
    counts = kg.stats(store=open_or_fail(store))
    table = Table("what", "count")
    for name, value in counts.items():
        table.add_row(plain(name), plain(value))
    out.print(table)
