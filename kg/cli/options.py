"""The options several commands share, spelled once so that every command says them the
same way (``--store`` everywhere, ``-o -`` for standard output)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

StoreOption = Annotated[
    # str, not Path: a Path would fold the "//" of a server URL
    str, typer.Option("--store", "-s", envvar="KG_STORE",
                      help="The graph store: a directory, or the URL of a SPARQL 1.1 server "
                           "(env KG_STORE).")
]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write here, atomically (default or '-': standard output).")]
ModelOption = Annotated[str | None, typer.Option(
    envvar="KG_MODEL", help="spaCy model name or path (env KG_MODEL).")]
