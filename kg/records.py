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
    language: str | None = None  # ISO 639-1 code, where the reader knows it (web pages)

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
    ``Place``, ``Other``) for entities, and ``None`` for a literal phrase (the object of an open
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


class Factuality(StrEnum):
    """Whether the text asserts that an event happened.

    Only asserted events are facts; the others are kept, with their value, so that
    "did not meet" and "if Russia failed to agree" are in the graph without being
    counted as meetings or agreements.
    """

    ASSERTED = "asserted"
    NEGATED = "negated"  # "did not meet", "refused to sign", "no talks"
    HYPOTHETICAL = "hypothetical"  # "if Russia failed to agree", "would meet if …"
    POSSIBLE = "possible"  # "could meet", "hopes to visit", "a possible summit"
    PLANNED = "planned"  # "will meet", "is set to visit", "the planned summit"


@dataclass(frozen=True, slots=True)
class When:
    """The time an event is placed at: a day, or the interval the text allows.

    ``start`` and ``end`` are ISO dates (the first and last day); ``grain`` says how
    precise the text was: ``day``, ``week``, ``month``, ``year``, ``span`` for part of
    one ("earlier this month"), or ``before`` when only the last day is known (an event
    reported on a day happened by then; ``start`` is ``None``).

    >>> When("last week", "2025-10-06", "2025-10-12", "week").iso
    '2025-10-06/2025-10-12'
    >>> When("in May", "2019-05-01", "2019-05-31", "month").iso
    '2019-05'
    >>> When("on Thursday", None, "2025-10-16", "before").iso
    '../2025-10-16'
    """

    text: str
    start: str | None
    end: str
    grain: str

    @property
    def iso(self) -> str:
        """ISO 8601: the date, the month, the year, or a start/end interval."""
        if self.grain == "day":
            return self.start
        if self.grain == "month":
            return self.start[:7]
        if self.grain == "year":
            return self.start[:4]
        return f"{self.start or '..'}/{self.end}"


# The relation codes a statement may carry: the PLOVER 2.0 event types, the three
# non-event relations, and OTHER. The ontology defines the same codes (a test holds them
# equal); they are written here so that extraction needs no RDF to check them.
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
RELATIONS = PLOVER_TYPES | {"HOLDS_POSITION", "MEMBER_OF", "SAID", "OTHER"}


@dataclass(frozen=True, slots=True)
class Statement:
    """A subject–relation–object statement with its evidence.

    ``relation`` is one of the closed vocabulary (the PLOVER event types,
    ``HOLDS_POSITION``, ``MEMBER_OF``, ``SAID``) or ``OTHER``, in which case ``label``
    holds the verb phrase. An event also carries its ``factuality`` (a negated or
    merely possible event keeps its PLOVER type and its verb phrase as ``label``), and,
    where the text gives them, its time (``when``), its ``place`` and its PLOVER
    ``mode`` ("phone", "visit") and ``context`` ("military", "economic").
    """

    subject: Argument
    relation: str
    evidence: Evidence
    object: Argument | None = None
    role: str | None = None
    quote: str | None = None
    label: str | None = None
    factuality: Factuality = Factuality.ASSERTED
    when: When | None = None
    place: Argument | None = None
    mode: str | None = None
    context: str | None = None

    def __post_init__(self) -> None:
        # a typo in an extractor fails where it is made, not when the graph is written
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r} (not in kg.records.RELATIONS)")

    @property
    def is_fact(self) -> bool:
        """Whether the statement asserts what it says (not negated, possible, planned)."""
        return self.factuality is Factuality.ASSERTED


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
