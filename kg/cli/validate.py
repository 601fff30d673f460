"""``kg validate``: every article's graph against the SHACL shapes."""

from __future__ import annotations

import typer

import kg
from kg.cli.console import open_or_fail, out, say
from kg.cli.options import StoreOption
from kg.graph.store import DEFAULT_STORE


def validate(store: StoreOption = DEFAULT_STORE) -> None:
    """Check every article's graph against the SHACL shapes (ontology/shapes.ttl)."""
    report = kg.validate(store=open_or_fail(store))
    for line in report.text().split("\n"):  # its own lines; any other break is escaped
        say(out, line)
    if not report.conforms:
        raise typer.Exit(1)
