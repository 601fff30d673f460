"""Error messages as kg shows them: one line, and nothing a terminal would obey.

Standard library only: the endpoint's worker processes load this file by path.

>>> first_line(OSError("disk full\\nmore detail"))
'disk full'
>>> one_line(ValueError("bad\\n  query \\x1b[2J"))
'bad query \\\\x1b[2J'
"""

from __future__ import annotations

# Control characters (C0, DEL, C1) as \xNN: a client's bytes must not drive the terminal that
# shows the log or an error line.
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7f, 0xa0))}


def first_line(error: BaseException | str) -> str:
    """The first line of an error's message (its type's name when it has none).

    >>> first_line(OSError("disk full\\nmore detail"))
    'disk full'
    """
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` escapes.

    >>> printable("GET /\\x1b[2J")
    'GET /\\\\x1b[2J'
    """
    return text.translate(_CONTROL)


def one_line(error: BaseException | str) -> str:
    """The whole message of an error on one printable line (whitespace runs as one space;
    the type's name when the message is empty).

    >>> one_line(KeyError())
    'KeyError'
    """
    text = printable(" ".join(str(error).split()))
    return text or (type(error).__name__ if isinstance(error, BaseException) else "error")
