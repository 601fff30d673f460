"""The records that flow through the pipeline.

``Document`` is what the readers produce; ``Statement`` is the one contract between
extraction and the graph: extractors know nothing of RDF, the graph layer nothing of
spaCy. All offsets are character offsets into ``Document.text``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block of an article is; only paragraphs are read for statements."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or heading: ``text[start:end]`` of its document.

    Sentence splitting runs inside one block at a time, so a heading never glues
    onto the sentence after it.
    """

    start: int
    end: int
    kind: BlockKind = BlockKind.PARAGRAPH


@dataclass(frozen=True, slots=True)
class Document:
    """One article, as read from a file or a record.

    >>> doc = Document(id="d1", text="Hello.", blocks=(Block(0, 6),))
    >>> doc.paragraphs()
    [Block(start=0, end=6, kind=<BlockKind.PARAGRAPH: 'paragraph'>)]
    """

    id: str
    text: str
    blocks: tuple[Block, ...]
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) of publication or of the events reported
    url: str | None = None
    source: str | None = None  # the publisher or outlet named by the metadata
    origin: str | None = None  # where it was read from: a path, or path:line for records

    def paragraphs(self) -> list[Block]:
        """The blocks that statements are extracted from."""
        return [b for b in self.blocks if b.kind is BlockKind.PARAGRAPH]

    def fingerprint(self, salt: str = "") -> str:
        """A digest of everything that decides this document's statements.

        ``salt`` names the pipeline (software and model versions), so that an upgrade
        re-extracts unchanged articles.
        """
        payload = json.dumps(
            [self.id, self.text, self.title, self.date, self.url, salt], ensure_ascii=False
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Argument:
    """A subject or object of a statement.

    ``type`` is an ontology class name (``Person``, ``Country``, ``Organisation``,
    ``Place``) for entities, and ``None`` for a literal phrase (the object of an open
    triple). ``name`` is the canonical name after resolution; ``text`` is the surface
    form at ``start:end`` in the document.
    """

    text: str
    start: int
    end: int
    name: str
    type: str | None = None

    @property
    def is_entity(self) -> bool:
        return self.type is not None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a statement was read: the sentence, its offsets and how sure we are."""

    doc: str
    sentence: str
    start: int
    end: int
    confidence: float
    extractor: str


@dataclass(frozen=True, slots=True)
class Statement:
    """A subject–relation–object statement with its evidence.

    ``relation`` is one of the closed vocabulary (the PLOVER event types,
    ``HOLDS_POSITION``, ``MEMBER_OF``, ``SAID``) or ``OTHER``, in which case ``label``
    holds the verb phrase.
    """

    subject: Argument
    relation: str
    evidence: Evidence
    object: Argument | None = None
    role: str | None = None
    quote: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved entity of one article: canonical name, class, surface forms.

    ``code`` is the ISO 3166-1 alpha-3 code of a country.
    """

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything read from one article: what the graph layer writes for it."""

    document: Document
    statements: tuple[Statement, ...]
    entities: tuple[Entity, ...]
    fingerprint: str = ""
