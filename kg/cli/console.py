"""What the commands print and how they fail: one plain line per message, user and article
text never read as markup nor obeyed as a terminal control, errors as one line and an exit
code (0 success, 1 some input failed, 2 usage or environment)."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import typer
from rich.console import Console
from rich.text import Text

import kg
from kg.graph.store import StoreError

out = Console()
err = Console(stderr=True)

# Characters that would break a line or drive the terminal: C0 and C1 controls, the
# Unicode line and paragraph separators, and lone surrogates (undecodable file names).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def escape_controls(text: str) -> str:
    """``text`` with every character that could break the line or reach the terminal as a
    control written as its Python escape, so a name is shown, never obeyed.

    >>> escape_controls("news\\nfeed\\x1b[2J.txt")
    'news\\\\nfeed\\\\x1b[2J.txt'
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def plain(text: object, style: str = "") -> Text:
    """User or article text as one line of Rich text: never read as markup or emoji."""
    return Text(escape_controls(str(text)), style=style)


def say(console: Console, text: str) -> None:
    """Print one plain line: never markup, never wrapped (a log reader gets whole lines)."""
    console.print(plain(text), highlight=False, soft_wrap=True)


def report_error(message: str) -> None:
    """Print one error line on stderr, whatever the message holds."""
    err.print(Text.assemble(("error:", "red"), " ", plain(message)), highlight=False,
              soft_wrap=True)


class _OneLineLog(logging.Handler):
    """Warnings logged on the way (a file read as Windows-1252) as one plain line each."""

    def emit(self, record: logging.LogRecord) -> None:
        say(err, f"{record.levelname.lower()}: {record.getMessage()}")


def log_to_console() -> None:
    """Send warnings and errors from any logger through :func:`say`, once per process."""
    root = logging.getLogger()
    if not any(isinstance(handler, _OneLineLog) for handler in root.handlers):
        root.addHandler(_OneLineLog(logging.WARNING))


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line and give the exit to raise."""
    report_error(message)
    return typer.Exit(code)


def to_stdout(output: Path | None) -> bool:
    """Whether ``-o`` asks for standard output: no ``-o``, or ``-o -``."""
    return output is None or str(output) == "-"


def open_or_fail(store: str | Path, *, read_only: bool = True) -> kg.Store:
    """Open the store for a command, or fail with its one-line error (exit code 2)."""
    try:
        return kg.open_store(store, read_only=read_only)
    except StoreError as error:
        raise fail(str(error)) from None


def write_output(output: Path | None, write: Callable[[IO[bytes]], None], *, newline: bool) -> None:
    """Write to ``output`` atomically, or to standard output ending with a newline."""
    if not to_stdout(output):
        from kg.files import atomic_output

        with atomic_output(output) as handle:
            write(handle)
        return
    write(sys.stdout.buffer)
    if newline:
        sys.stdout.buffer.write(b"\n")
    sys.stdout.buffer.flush()

