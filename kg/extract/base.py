"""What every extractor is given, and the helpers they share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.records import Argument, Document, Evidence, Statement
from kg.resolve import ArticleEntities


@dataclass(frozen=True, slots=True)
class Context:
    """One paragraph of one article, as an extractor sees it.

    ``offset`` is where the paragraph starts in the article's text: add it to spaCy's
    character offsets to get the article's.
    """

    document: Document
    entities: ArticleEntities
    offset: int

    def resolve(self, token: Token) -> Argument | None:
        """The entity the token stands for, if any."""
        return self.entities.resolve(token, self.offset)

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


Extractor = Callable[[Doc, Context], Iterable[Statement]]
"""An extractor reads one parsed paragraph into statements (quotations span sentences)."""
