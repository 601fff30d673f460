"""An article parsed and resolved as a build does, for the tests of ``kg.resolve``: real
news sentences, the real spaCy model, no mocks. Sentences come from the seed article, from
Wikinews, or are written like news."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.nlp import load
from kg.records import Block, Document
from kg.resolve import ArticleEntities
from kg.tasks import parse_documents


class Article:
    """An article parsed and resolved, with helpers to find tokens by their text."""

    def __init__(self, document: Document) -> None:
        [(_, paragraphs)] = list(parse_documents(load(), [document]))
        self.paragraphs: list[tuple[int, Doc]] = paragraphs
        self.entities = ArticleEntities(paragraphs)

    def find(self, context: str, word: str, nth: int = 0) -> tuple[Token, int]:
        """The ``nth`` token ``word`` of the first sentence that contains ``context``."""
        for offset, doc in self.paragraphs:
            for sentence in doc.sents:
                if context in sentence.text:
                    tokens = [t for t in sentence if t.text == word]
                    return tokens[nth], offset
        raise AssertionError(f"no sentence contains {context!r}")

    def name(self, context: str, word: str, nth: int = 0) -> str | None:
        """The canonical name the token resolves to, or ``None``."""
        found = self.entities.resolve(*self.find(context, word, nth))
        return found.name if found is not None else None

    def kind(self, context: str, word: str, nth: int = 0) -> str | None:
        found = self.entities.resolve(*self.find(context, word, nth))
        return found.type if found is not None else None

    def names(self) -> dict[str, str]:
        return {e.name: e.type for e in self.entities.entities()}


def article(*paragraphs: str) -> Article:
    """An article of the given paragraphs (blank-line separated, all read)."""
    text, blocks, start = "", [], 0
    for paragraph in paragraphs:
        blocks.append(Block(start, start + len(paragraph)))
        text += paragraph + "\n\n"
        start = len(text)
    return Article(Document(id="t", text=text, blocks=tuple(blocks)))
