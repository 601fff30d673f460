"""What every extractor is given, and the helpers they share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from kg.lexicons import country_in_text
from kg.records import Argument, Document, Evidence, Statement
from kg.resolve import ArticleEntities

if TYPE_CHECKING:
    from kg.extract.groups import GroupMemory
    from kg.extract.recall import Told


@dataclass(slots=True)
class ArticleMemory:
    """What the extractors keep of one article while they read it, paragraph by paragraph:
    one object per article, shared by the paragraphs' contexts. Each part belongs to the
    module that writes it and says what it holds; the others only read it."""

    names: dict[str, tuple[str, str]] | None = None  # Context: surface name → (entity, type)
    groups: GroupMemory | None = None  # kg.extract.groups: parties named together
    told: list[Told] = field(default_factory=list)  # kg.extract.recall: asserted events
    open_quote: list[Argument] = field(default_factory=list)  # kg.extract.quotes: speakers
    # of a quotation left open at a paragraph's end
    countries_held: dict[str, Counter[str]] | None = None  # kg.extract.positions: posts'
    # countries by person, read from the whole article once
    titles_held: dict[str, str] = field(default_factory=dict)  # kg.extract.positions:
    # titles read so far, by person ("his counterpart")


@dataclass(frozen=True, slots=True)
class Context:
    """One paragraph of one article, as an extractor sees it.

    ``offset`` is where the paragraph starts in the article's text: add it to spaCy's
    character offsets to get the article's. ``memory`` is the article's, the same for all
    its paragraphs.
    """

    document: Document
    entities: ArticleEntities
    offset: int
    memory: ArticleMemory

    def resolve(self, token: Token) -> Argument | None:
        """The entity the token stands for, if any.

        A proper name the model did not tag still names the article's entity of that
        name ("Orbán called …" after "Prime Minister Viktor Orbán"); a pronoun never
        names a country ("us" is not the US).
        """
        found = self.entities.resolve(token, self.offset)
        if found is not None and token.pos_ == "PRON" and found.type == "Country":
            return None
        if found is None and token.ent_iob_ == "O" and token.pos_ in ("PROPN", "NOUN") \
                and token.text[:1].isupper():
            found = self._by_name(token)
        return found

    def resolve_word(self, token: Token) -> Argument | None:
        """The entity one word names by itself: a name of the article or a country."""
        start = self.offset + token.idx
        names = _names(self)
        if token.text in names:
            name, kind = names[token.text]
            return Argument(token.text, start, start + len(token.text), name, kind)
        country = country_in_text(token.text)
        if country is not None and token.pos_ != "PRON":
            return Argument(token.text, start, start + len(token.text), country.name, "Country")
        return None

    def _by_name(self, token: Token) -> Argument | None:
        names = _names(self)
        compounds = [c for c in token.lefts if c.dep_ == "compound" and c.i == token.i - 1]
        for first in (compounds[0], token) if compounds else (token,):
            text = token.doc[first.i:token.i + 1].text
            if text in names:
                name, kind = names[text]
                start = self.offset + first.idx
                return Argument(text, start, start + len(text), name, kind)
        return None

    def evidence(self, sentence: Span, confidence: float, extractor: str) -> Evidence:
        """Evidence pointing at ``sentence`` of this paragraph."""
        return Evidence(
            doc=self.document.id,
            sentence=sentence.text,
            start=self.offset + sentence.start_char,
            end=self.offset + sentence.end_char,
            confidence=round(confidence, 3),
            extractor=extractor,
        )

    def phrase(self, span: Span) -> Argument:
        """A literal argument: the text of ``span``, not an entity."""
        start = self.offset + span.start_char
        return Argument(span.text, start, start + len(span.text), span.text)


def _names(context: Context) -> dict[str, tuple[str, str]]:
    """Surface names of the article's entities (and the surnames of its people)."""
    entities = context.entities
    names = context.memory.names
    if names is None:
        names = {}
        surnames: dict[str, set[str]] = {}
        for entity in entities.entities():
            if entity.type == "Place":
                continue
            for alias in (entity.name, *entity.aliases):
                names.setdefault(alias, (entity.name, entity.type))
            if entity.type == "Person" and len(entity.name.split()) > 1:
                surnames.setdefault(entity.name.split()[-1], set()).add(entity.name)
        for surname, owners in surnames.items():
            if len(owners) == 1 and surname not in names:
                names[surname] = (next(iter(owners)), "Person")
        context.memory.names = names
    return names


def once(statements: Iterable[Statement], *, per_sentence: bool = False) -> Iterator[Statement]:
    """Each statement once: the same subject, relation, object and factuality are said once
    per paragraph (with ``per_sentence``, once per sentence and verb phrase).

    >>> from kg.records import Argument, Evidence
    >>> said = Statement(Argument("Iran", 0, 4, "Iran"), "ACCUSE",
    ...                  Evidence("d", "s", 0, 1, 1.0, "x"))
    >>> len(list(once([said, said])))
    1
    """
    seen: set[tuple] = set()
    for statement in statements:
        key = (statement.subject.name, statement.relation,
               statement.object.name if statement.object else None, statement.factuality)
        if per_sentence:
            key += (statement.label, statement.evidence.start)
        if key not in seen:
            seen.add(key)
            yield statement


Extractor = Callable[[Doc, Context], Iterable[Statement]]
"""An extractor reads one parsed paragraph into statements (quotations span sentences)."""
