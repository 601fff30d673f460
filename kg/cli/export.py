"""``kg export`` and ``kg render``: the graph written in a format, or drawn as a page, both
narrowed by the same focus and filter options."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

import kg
from kg.cli.console import err, fail, open_or_fail, out, say, to_stdout, write_output
from kg.cli.options import OutputOption, StoreOption
from kg.exporters import EXPORTERS
from kg.graph.store import DEFAULT_STORE

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
    target = open_or_fail(store)
    try:
        kg.export(fmt, sys.stdout.buffer if to_stdout(output) else output, store=target,
                  selection=selection)
    except ValueError as error:  # QueryError is one too
        raise fail(str(error)) from None
    if not to_stdout(output):
        say(err, f"wrote {output}")


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
    communities: Annotated[bool, typer.Option(
        "--communities", help="Colour the entities by community (Louvain clusters).")] = False,
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
                              store=open_or_fail(store), title=title,
                              include_open=chosen.include_open, focus=chosen.focus,
                              hops=chosen.hops, relation=chosen.relations, type=chosen.types,
                              doc=chosen.docs, since=chosen.since, until=chosen.until,
                              min_confidence=chosen.min_confidence, query=chosen.query,
                              max_nodes=max_nodes, communities=communities)
        except ValueError as error:  # QueryError is one too
            raise fail(str(error)) from None
        if page_to_stdout:
            write_output(None, lambda stdout: stdout.write(drawn.path.read_bytes()), newline=False)
    # the summary goes where the page does not
    say(err if page_to_stdout else out,
        f"wrote {'standard output' if page_to_stdout else drawn.path}: {drawn.nodes} "
        f"entities, {drawn.edges} relations ({drawn.unconnected} entities left out: no drawn "
        "relation touches them)")
    if drawn.capped:
        err.print(f"note: {drawn.capped} less connected entities left out beyond --max-nodes "
                  f"{max_nodes}; narrow with --focus/--relation/--type or raise --max-nodes",
                  highlight=False, soft_wrap=True)
