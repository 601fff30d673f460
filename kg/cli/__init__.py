"""The ``kg`` command: a thin shell over the public API in :mod:`kg`.

Exit codes: 0 success, 1 some input could not be read or processed (the rest was
built), 2 usage or environment errors (bad option, unreadable store, no model).

One module per group of commands (:mod:`kg.cli.build`, :mod:`kg.cli.query`, …), each a
plain function that :mod:`kg.cli.main` registers; :mod:`kg.cli.console` prints and fails,
:mod:`kg.cli.options` holds the options they share. A new command is a function in the
module of its group and one entry in ``kg.cli.main.COMMANDS``.
"""

from __future__ import annotations

import atexit
import gc
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.cli.console import escape_controls
    from kg.cli.main import app

__all__ = ["app", "escape_controls", "run"]


def run() -> None:
    """The ``kg`` console script (:func:`kg.cli.main.run`). A build's model starts loading
    before the command line's modules are imported (:mod:`kg.cli.prestart`)."""
    from kg.cli.prestart import prestart

    # Python's last act is to collect garbage across every object the command imported
    # (typer, rich, rdflib, Oxigraph's bindings): 50 ms of a ten-article build, spent after
    # its report. Frozen objects are not walked; the command has closed its stores and
    # files by then. Registered first, so it runs after every other exit handler.
    atexit.register(gc.freeze)
    prestart(sys.argv[1:])
    from kg.cli.main import run as run_app

    run_app()


def __getattr__(name: str) -> object:
    if name == "app":
        from kg.cli.main import app

        return app
    if name == "escape_controls":
        from kg.cli.console import escape_controls

        return escape_controls
    raise AttributeError(f"module 'kg.cli' has no attribute {name!r}")
