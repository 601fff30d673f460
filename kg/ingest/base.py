"""Pieces shared by every reader: the error record, careful opening and decoding of files."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import charset_normalizer

from kg.records import Document

BOM = b"\xef\xbb\xbf"

MAX_INPUT_MB = 16
"""The default input limit, in MB: for a whole file, and for one line of a record file.

Far above any article (a 1.2-million-character one took 90 s and 1.2 GB to build: the
parsed paragraphs of an article are all held until it is read).
"""
MAX_INPUT_BYTES = MAX_INPUT_MB << 20

MAX_INPUT_ENV = "KG_MAX_INPUT_MB"
"""The environment variable that overrides :data:`MAX_INPUT_MB`."""

log = logging.getLogger("kg.ingest")


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


@dataclass(frozen=True)
class Skipped:
    """An input left out on purpose (not an article, not English, a duplicate): counted by
    ``reason``, never an error.

    >>> print(Skipped("crawl.warc.gz#12", "not HTML"))
    crawl.warc.gz#12: skipped (not HTML)
    """

    source: str
    reason: str  # short, and the same for like skips: the summary counts by it

    def __str__(self) -> str:
        return f"{self.source}: skipped ({self.reason})"


class BadInput(ValueError):
    """A problem with the input, described in one short line; becomes a ``ReadError``."""


class Reader(Protocol):
    """A format reader: takes one file, yields its documents and errors, never raises.

    ``max_bytes`` bounds what is read into memory at once: the whole file, or one line.
    """

    def __call__(self, path: Path, *, max_bytes: int = ...) -> Iterator[Document | ReadError]:
        ...


def one_line(message: str, limit: int = 160) -> str:
    """Squash ``message`` into one short line.

    >>> one_line("bad\\n  thing")
    'bad thing'
    """
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    r"""``text`` with each lone surrogate replaced by U+FFFD, one for one, so offsets hold.

    Lone surrogates come from file names that are not UTF-8 and from JSON escapes of
    half an emoji; no encoder takes them, so the store would refuse the text.

    >>> without_surrogates("caf\udce9 \ud83d!") == "caf\ufffd \ufffd!"
    True
    """
    return _SURROGATE.sub("\ufffd", text)


def os_error(error: OSError) -> str:
    """A short description of an ``OSError``.

    >>> os_error(FileNotFoundError(2, "No such file or directory"))
    'no such file or directory'
    """
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    reason = error.strerror or str(error) or type(error).__name__
    return one_line(f"cannot read ({reason[:1].lower()}{reason[1:]})")


def not_regular(mode: int) -> str:
    """Why a file of this ``st_mode`` is not read: a one-line reason.

    >>> not_regular(stat.S_IFCHR)
    'not a regular file (a device)'
    """
    if stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "a folder" if stat.S_ISDIR(mode) else "a special file"
    return f"not a regular file ({kind})"


def open_input(path: Path) -> io.BufferedReader:
    """Open a regular file (through symlinks) or a named pipe for binary reading.

    A device (``/dev/zero``) never ends, so anything else raises ``BadInput``, as does
    an error from the system. A pipe is only read when named directly (the folder walk
    skips them): it is a stream the user started, ``kg build <(zcat feed.jsonl.gz)``.

    >>> open_input(Path("/dev/null"))
    Traceback (most recent call last):
    kg.ingest.base.BadInput: not a regular file (a device)
    """
    try:
        mode = os.stat(path).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise BadInput(not_regular(mode))
        return open(path, "rb")
    except OSError as e:
        raise BadInput(os_error(e)) from None


def too_large(what: str, max_bytes: int) -> str:
    """The one-line reason for input over the limit.

    >>> too_large("file", 16 * 2**20)
    'file larger than the input limit of 16 MB (set KG_MAX_INPUT_MB to raise it)'
    """
    return f"{what} larger than the input limit of {max_bytes / 2**20:.3g} MB " \
           f"(set {MAX_INPUT_ENV} to raise it)"


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file (see :func:`open_input`) no larger than ``max_bytes``; else ``BadInput``.

    >>> read_limited(Path("/nonexistent/a.txt"), 10)
    Traceback (most recent call last):
    kg.ingest.base.BadInput: no such file or directory
    """
    with open_input(path) as handle:
        try:
            if os.fstat(handle.fileno()).st_size > max_bytes:
                raise BadInput(too_large("file", max_bytes))
            data = handle.read(max_bytes + 1)  # a pipe has no size; a file may grow
        except OSError as e:
            raise BadInput(os_error(e)) from None
    if len(data) > max_bytes:
        raise BadInput(too_large("file", max_bytes))
    return data


def read_line(handle: BinaryIO, max_bytes: int) -> bytes:
    r"""The next line of ``handle`` (``b""`` at the end), if no longer than ``max_bytes``.

    A longer line is read to its end, never held whole, and raises ``BadInput``; the
    next call reads the line after it. ``OSError`` passes through.

    >>> import io
    >>> handle = io.BytesIO(b"short\n" + b"x" * 50 + b"\nnext\n")
    >>> read_line(handle, 20)
    b'short\n'
    >>> read_line(handle, 20)
    Traceback (most recent call last):
    kg.ingest.base.BadInput: line larger than the input limit ...
    >>> read_line(handle, 20)
    b'next\n'
    """
    line = handle.readline(max_bytes + 1)
    if len(line) <= max_bytes or line.endswith(b"\n"):
        return line
    while True:
        rest = handle.readline(1 << 20)
        if not rest or rest.endswith(b"\n"):
            raise BadInput(too_large("line", max_bytes))


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


def guess_encoding(data: bytes) -> str | None:
    """The encoding of text that is not UTF-8, by charset-normalizer; ``None`` if none fits.

    Windows-1252 (the Western code page of old English news archives, a superset of
    Latin-1's letters) wins whenever it reads the text as cleanly as any other: on short
    texts the detector's language guess is no better than chance, and would read a
    Latin-1 "Genève" as Central European "Genčve".

    >>> guess_encoding("Le ministre a rencontré son homologue à Genève.".encode("latin-1"))
    'cp1252'
    >>> guess_encoding("Министр встретился с коллегой в Женеве.".encode("cp1251"))
    'cp1251'
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    cleanest = min(m.chaos for m in matches)
    if any("cp1252" in m.could_be_from_charset for m in matches if m.chaos <= cleanest):
        return "cp1252"
    return min(matches, key=lambda m: (m.chaos, -m.coherence)).encoding


def encoding_name(codec: str) -> str:
    """How people call a Python codec name.

    >>> encoding_name("cp1252"), encoding_name("iso8859_15")
    ('Windows-1252', 'ISO-8859-15')
    """
    windows = re.fullmatch(r"cp(125\d)", codec)
    if windows:
        return f"Windows-{windows.group(1)}"
    return codec.upper().replace("_", "-").replace("ISO8859", "ISO-8859")


def decode(data: bytes, source: str, *, fallback: str | None = None) -> str:
    """Decode a whole file as UTF-8 (a BOM is tolerated) with normalised newlines.

    Text that is not UTF-8 is decoded with ``fallback`` if given and it fits (an HTML
    page's declared charset), else with the encoding :func:`guess_encoding` finds, and
    then one warning naming ``source`` says which. Raises ``BadInput`` with a one-line
    reason for empty, binary or undecodable data.

    >>> decode(b"\\xef\\xbb\\xbfHello\\r\\nworld", "a.txt")
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
        text = _decode_other(data, source, fallback, utf8_problem(data[skip:], e, base=skip))
    text = normalise_newlines(text)
    if not text.strip():
        raise BadInput("empty file")
    return text


def _decode_other(data: bytes, source: str, declared: str | None, problem: str) -> str:
    """``data``, not UTF-8, decoded as ``declared`` or else as guessed (and said)."""
    if declared:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return data.decode(declared)
    codec = guess_encoding(data)
    if codec is None:
        raise BadInput(f"{problem}, and no other encoding fits")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:  # the guess is made from samples of a large file
        raise BadInput(f"{problem}, nor valid {codec}") from None
    what = f"not UTF-8 nor its declared {declared[:20]}" if declared else "not UTF-8"
    log.warning("%s: %s, read as %s", source, what, encoding_name(codec))
    return text


def read_text_file(path: Path, max_bytes: int) -> str | ReadError:
    """The decoded text of a file, or a ``ReadError`` naming it.

    >>> read_text_file(Path("/nonexistent/a.txt"), 2**20)
    ReadError(source='/nonexistent/a.txt', message='no such file or directory')
    """
    try:
        return decode(read_limited(path, max_bytes), str(path))
    except BadInput as e:
        return ReadError(str(path), str(e))
