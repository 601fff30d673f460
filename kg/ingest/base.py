"""Pieces shared by every reader: the error record and careful decoding of files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.records import Document

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ReadError:
    """One problem with the input; reading goes on after it.

    >>> print(ReadError("news/a.txt", "empty file"))
    news/a.txt: empty file
    """

    source: str  # "path" or "path:LINE"
    message: str  # one short line

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class BadInput(ValueError):
    """A problem with the input, described in one short line; becomes a ``ReadError``."""


Reader = Callable[[Path], Iterator[Document | ReadError]]
"""A format reader: takes one file, yields its documents and errors, never raises."""


def one_line(message: str, limit: int = 160) -> str:
    """Squash ``message`` into one short line.

    >>> one_line("bad\\n  thing")
    'bad thing'
    """
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def os_error(error: OSError) -> str:
    """A short description of an ``OSError``.

    >>> os_error(FileNotFoundError(2, "No such file or directory"))
    'no such file or directory'
    """
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    reason = error.strerror or str(error) or type(error).__name__
    return one_line(f"cannot read ({reason[:1].lower()}{reason[1:]})")


def normalise_newlines(text: str) -> str:
    r"""Turn ``\r\n`` and lone ``\r`` into ``\n``.

    >>> normalise_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_binary(data: bytes) -> str | None:
    """Why ``data`` is not text we can read, or ``None`` if it may be.

    >>> sniff_binary(b"\\x89PNG\\x00\\x00")
    'binary file (contains NUL bytes)'
    """
    if b"\x00" not in data:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text is not supported (save it as UTF-8)"
    return "binary file (contains NUL bytes)"


def utf8_problem(data: bytes, error: UnicodeDecodeError, base: int = 0, where: str = "") -> str:
    """Describe a UTF-8 decoding failure: which byte, and where.

    >>> data = b"ok \\xff"
    >>> try:
    ...     data.decode("utf-8")
    ... except UnicodeDecodeError as e:
    ...     print(utf8_problem(data, e))
    not valid UTF-8 (byte 0xff at offset 3)
    """
    return f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {base + error.start}{where})"


def decode(data: bytes, *, fallback: str | None = None) -> str:
    """Decode a whole file as UTF-8 (a BOM is tolerated) with normalised newlines.

    ``fallback`` names a charset to try when the data is not UTF-8 (an HTML page's
    declared charset). Raises ``BadInput`` with a one-line reason for empty, binary or
    undecodable data.

    >>> decode(b"\\xef\\xbb\\xbfHello\\r\\nworld")
    'Hello\\nworld'
    """
    if not data.strip():
        raise BadInput("empty file")
    reason = sniff_binary(data)
    if reason:
        raise BadInput(reason)
    skip = len(BOM) if data.startswith(BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as e:
        problem = utf8_problem(data[skip:], e, base=skip)
        if not fallback:
            raise BadInput(problem) from None
        try:
            text = data.decode(fallback)
        except (LookupError, UnicodeDecodeError):
            raise BadInput(f"{problem}, nor valid {fallback}") from None
    text = normalise_newlines(text)
    if not text.strip():
        raise BadInput("empty file")
    return text


def read_text_file(path: Path) -> str | ReadError:
    """The decoded text of a small file, or a ``ReadError`` naming it.

    >>> read_text_file(Path("/nonexistent/a.txt"))
    ReadError(source='/nonexistent/a.txt', message='no such file or directory')
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        return ReadError(str(path), os_error(e))
    try:
        return decode(data)
    except BadInput as e:
        return ReadError(str(path), str(e))
