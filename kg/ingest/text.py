"""Plain text (``.txt``) and Markdown (``.md``) articles.

Metadata comes from YAML front matter at the very top and/or a ``NAME.meta.yaml``
sidecar (the sidecar wins where both give a key). The document text is the body after
the front matter; the title, unless given, is the first line when it reads as a headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kg.ingest import meta
from kg.ingest.base import MAX_INPUT_BYTES, BadInput, ReadError, read_text_file
from kg.ingest.segment import is_boilerplate, segment
from kg.records import Document

MAX_TITLE_WORDS = 20

_DATELINE = re.compile(
    r"((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(\d{1,2}\s+[a-z]+\.?,?\s+\d{4}|[a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_MD_MARKERS = re.compile(r"#{1,6}[ \t]+|[ \t]+#+[ \t]*\Z")


def headline(body: str, markdown: bool = False) -> str | None:
    """The first non-empty line of ``body`` if it reads as a headline, else ``None``.

    A headline is short and does not end with a full stop; datelines and boilerplate
    are not headlines. Markdown ``#`` markers are removed.

    >>> headline("\\n# Talks resume in Geneva\\n\\nThe talks resumed.", markdown=True)
    'Talks resume in Geneva'
    >>> headline("The talks resumed on Monday.") is None
    True
    """
    first = next((line.strip() for line in body.split("\n") if line.strip()), "")
    if markdown:
        first = _MD_MARKERS.sub("", first).strip()
    words = first.split()
    if not words or len(words) > MAX_TITLE_WORDS:
        return None
    if first.rstrip("\"'”’»").endswith((".", ":", ";", ",", "…")):
        return None
    if _DATELINE.fullmatch(first) or is_boilerplate(first):
        return None
    return " ".join(words)


def _read(path: Path, markdown: bool, max_bytes: int) -> Iterator[Document | ReadError]:
    text = read_text_file(path, max_bytes)
    if isinstance(text, ReadError):
        yield text
        return
    try:
        fields, body = meta.split_front_matter(text)
    except BadInput as e:
        yield ReadError(str(path), str(e))
        return
    try:
        side = meta.read_sidecar(path, max_bytes)
    except BadInput as e:
        yield ReadError(str(meta.sidecar_path(path)), str(e))
        return
    fields.update(side or {})
    if not body.strip():
        yield ReadError(str(path), "no text after the front matter")
        return
    blocks = segment(body)
    if not blocks:
        yield ReadError(str(path), "no article text (only boilerplate)")
        return
    yield Document(
        id=fields.get("id") or path.stem,
        text=body,
        blocks=blocks,
        title=fields.get("title") or headline(body, markdown),
        date=fields.get("date"),
        url=fields.get("url"),
        source=fields.get("source"),
        origin=str(path),
    )


def read_txt(path: Path, *, max_bytes: int = MAX_INPUT_BYTES
             ) -> Iterator[Document | ReadError]:
    """Read one plain-text article.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_text("Talks resume\\n\\nThe ministers met on Monday.\\n")
    >>> doc = next(read_txt(path))
    >>> doc.id, doc.title, len(doc.blocks)
    ('a', 'Talks resume', 2)
    """
    return _read(path, False, max_bytes)


def read_md(path: Path, *, max_bytes: int = MAX_INPUT_BYTES
            ) -> Iterator[Document | ReadError]:
    """Read one Markdown article; ``#`` markers are left out of heading blocks.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "b.md"
    >>> _ = path.write_text("---\\ndate: 2024-03-05\\n---\\n# Talks resume\\n\\nThey met.\\n")
    >>> doc = next(read_md(path))
    >>> doc.title, doc.date, doc.text[doc.blocks[0].start:doc.blocks[0].end]
    ('Talks resume', '2024-03-05', 'Talks resume')
    """
    return _read(path, True, max_bytes)
