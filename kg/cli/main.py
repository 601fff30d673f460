"""The ``kg`` application: its commands in the order ``kg --help`` lists them, the options
every command takes, and the console script."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

import kg
from kg.cli.analyze import analyze
from kg.cli.build import build, update
from kg.cli.console import fail, log_to_console, out
from kg.cli.entities import entities, show, stats
from kg.cli.export import export, render
from kg.cli.openie import openie
from kg.cli.query import query
from kg.cli.serve import serve
from kg.cli.validate import validate
from kg.graph.store import StoreError

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph of diplomacy news: articles in, RDF graph out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# In the order `kg --help` lists them.
COMMANDS = (build, update, query, export, render, entities, show, stats, analyze, serve,
            openie, validate)
for command in COMMANDS:
    app.command()(command)


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
) -> None:
    """Build a knowledge graph of diplomacy news: articles in, RDF graph out."""
    log_to_console()
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
