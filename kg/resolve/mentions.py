"""The two records of entity resolution within an article: :class:`Cluster`, one entity
while it is being read (its forms, aliases, the votes on its class, the gender shown), and
:class:`Mention`, one place the article names it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

UNDECIDED = "Name"  # a named entity whose class the vote has not decided yet


@dataclass(eq=False, slots=True)
class Cluster:
    """One entity of the article while it is being read."""

    name: str
    type: str
    code: str | None = None
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    votes: Counter[str] = field(default_factory=Counter)
    gender: Counter[str] = field(default_factory=Counter)
    titles: set[tuple[tuple[str, ...], str | None]] = field(default_factory=set)
    forms: list[tuple[str, ...]] = field(default_factory=list)
    evidence: int = 0  # title and honorific votes for a person, read from the text
    cues: int = 0  # other signs of a person: an occupation, an age, a verb only people do
    speaks: bool = False  # a full name that is no common word first is a speaker
    given: bool = False  # the name opens with a given name
    otherwise: str = "Organisation"  # the class the vote ranks next after Person

    @property
    def sex(self) -> str | None:
        """``m`` or ``f`` when the evidence agrees, else ``None``."""
        male, female = self.gender["m"], self.gender["f"]
        if male > female:
            return "m"
        if female > male:
            return "f"
        return None


@dataclass(eq=False, slots=True)
class Mention:
    """One mention of an entity: which tokens of which paragraph, read as what."""

    offset: int
    doc: Doc
    start: int
    end: int
    label: str
    kind: str  # name, country, seat or organ
    words: tuple[str, ...]
    code: str | None = None
    cluster: Cluster | None = None
    candidates: tuple[Cluster, ...] = ()  # the entities an ambiguous name may stand for
    titled: bool = False  # after a title or honorific: "Mr Howard" names a surname

    @property
    def span(self) -> Span:
        return self.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.span.text
