"""The web sources a store has been built from: the sidecar ``sources.json``.

It lives in the fetch cache folder beside the store (``kg-data.cache/`` for ``kg-data``)
rather than in the RDF store: it is the fetcher's state (which feeds to read again, when
each was last read, the digests of the article texts met so far), not knowledge, so
exports, SHACL validation and a store on a SPARQL server stay as they are. It is
written atomically, once per build.

>>> import tempfile
>>> book = Sources.load(Path(tempfile.mkdtemp()) / "sources.json")
>>> book.saw("https://example.org/feed.xml", "feed", "2026-12-04T10:00:00Z")
>>> book.save(); Sources.load(book.path).entries
{'https://example.org/feed.xml': {'kind': 'feed', 'last_read': '2026-12-04T10:00:00Z'}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

FILE_NAME = "sources.json"


def now() -> str:
    """The time now, UTC, to the second (ISO 8601)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Sources:
    """Web sources by URL (``kind``: feed or page; ``last_read``), and text digests."""

    path: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # text digest → document id
    changed: bool = False

    @classmethod
    def load(cls, path: Path) -> Sources:
        """The book at ``path``; empty if there is none. ``ValueError`` if it is unreadable."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as error:
            raise ValueError(f"{path}: cannot read the sources file ({error})") from None
        if not isinstance(data, dict) or not isinstance(data.get("sources", {}), dict):
            raise ValueError(f"{path}: not a kg sources file")
        return cls(path, dict(data.get("sources", {})), dict(data.get("digests", {})))

    def saw(self, url: str, kind: str, when: str | None = None) -> None:
        """Record that ``url`` (a ``feed`` or a ``page``) was read successfully now."""
        self.entries[url] = {"kind": kind, "last_read": when or now()}
        self.changed = True

    def kind(self, url: str) -> str | None:
        """What ``url`` was when last read (``feed`` or ``page``), if it was."""
        entry = self.entries.get(url)
        return entry.get("kind") if entry else None

    def remember(self, digest: str, document_id: str) -> str:
        """The document already known by this text digest, else ``document_id`` (now known)."""
        known = self.digests.get(digest)
        if known is None:
            self.digests[digest] = known = document_id
            self.changed = True
        return known

    def save(self) -> None:
        """Write the book atomically, if anything changed."""
        if not self.changed:
            return
        from kg.files import atomic_output  # the one atomic writer of the project

        data = {"sources": self.entries, "digests": self.digests}
        with atomic_output(self.path) as out:
            out.write(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode())
        self.changed = False
