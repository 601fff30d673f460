"""Which inputs name the web: a URL given as an input, and a ``.txt`` file that lists URLs.
Kept apart from :mod:`kg.ingest.web` so that reading files alone never imports the web
machinery (the fetcher, the page reader and their libraries)."""

from __future__ import annotations

from pathlib import Path

from kg.ingest.base import BadInput, open_input

_SNIFF = 64 * 1024


def is_url(source: object) -> bool:
    """Whether an input names a web address rather than a file.

    >>> is_url("https://example.org/feed.xml"), is_url("seeds/a.txt")
    (True, False)
    """
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def is_url_list(path: Path) -> bool:
    """Whether a ``.txt`` file is a list of URLs, one a line (blank lines and ``#`` comments
    allowed): its first entry and most of them are URLs (judged on its first 64 KB), so a
    mistyped line is one error, not a list read as an article.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "urls.txt"
    >>> _ = path.write_text("# the news\\nhttps://example.org/a\\n\\nhttps://example.org/b\\n")
    >>> is_url_list(path)
    True
    """
    try:
        with open_input(path) as handle:
            head = handle.read(_SNIFF)
    except (BadInput, OSError):
        return False  # the text reader names the problem
    lines = head.split(b"\n")
    if len(head) == _SNIFF:
        lines = lines[:-1]
    entries = [line.strip() for line in lines if line.strip() and not line.strip().startswith(b"#")]
    urls = [is_url(line.decode("utf-8", "replace")) and b" " not in line for line in entries]
    return bool(urls) and urls[0] and 2 * sum(urls) > len(urls)
