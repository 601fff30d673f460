"""The ``kg`` command: a thin shell over the public API in :mod:`kg`.

Exit codes: 0 success, 1 some input could not be read or processed (the rest was
built), 2 usage or environment errors (bad option, unreadable store, no model).

One module per group of commands (:mod:`kg.cli.build`, :mod:`kg.cli.query`, …), each a
plain function that :mod:`kg.cli.main` registers; :mod:`kg.cli.console` prints and fails,
:mod:`kg.cli.options` holds the options they share. A new command is a function in the
module of its group and one entry in ``kg.cli.main.COMMANDS``.
"""

from kg.cli.console import escape_controls
from kg.cli.main import app, run

__all__ = ["app", "escape_controls", "run"]
