"""Writing files: every file kg writes appears whole or not at all.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
>>> with atomic_output(path) as out:
...     _ = out.write(b"done")
>>> path.read_bytes()
b'done'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_output(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``path`` only when writing finished (a temporary file in
    the same directory, synced, then renamed over ``path``); an error leaves ``path`` as it
    was."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; an export is an ordinary file
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_table(path: str | Path, header: str, rows: list[list[str]]) -> None:
    r"""Write a derived data table atomically: its comment ``header``, then one tab-separated
    line per row.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.tsv"
    >>> write_table(path, "# a table\n", [["a", "b"]])
    >>> path.read_text()
    '# a table\na\tb\n'
    """
    with atomic_output(path) as out:
        out.write((header + "".join("\t".join(r) + "\n" for r in rows)).encode("utf-8"))


def with_block(text: str, block: str, begin: str, end: str) -> str:
    r"""``text`` with its generated block (from the line ``begin`` to the line ``end``)
    replaced by ``block``, or with ``block`` appended the first time.

    >>> with_block("a\n# B\nold\n# E\nz\n", "# B\nnew\n# E\n", "# B", "# E")
    'a\n# B\nnew\n# E\nz\n'
    """
    if begin in text:
        before, _, rest = text.partition(begin)
        _, _, after = rest.partition(end + "\n")
        return before + block + after
    return text.rstrip("\n") + "\n\n" + block
