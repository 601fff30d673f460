"""The sentences of an article as the discourse pass reads them: numbered, with the
quotations of their paragraph (one still open at the paragraph's end runs to it), and the
subjects of the clauses that govern a word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.nlp import doc_text
from kg.nlp.grammar import OPEN_QUOTATION

_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|we|us|our|ours)\b|\bI[’']", re.IGNORECASE)
NOMINAL_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_FRONTED = frozenset({"advcl", "prep", "npadvmod", "pcomp"})


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the article: its number, its paragraph's number and character
    offset, and the quotations of the paragraph."""

    number: int
    paragraph: int
    offset: int
    span: Span
    quotes: tuple[tuple[int, int, bool], ...]  # start, end, whether in the first person

    def inside(self, token: Token) -> bool:
        return any(start < token.idx < end for start, end, _ in self.quotes)

    def first_person(self, token: Token) -> bool:
        """Whether ``token`` is inside a quotation whose speaker says "I" or "we"."""
        return any(start < token.idx < end and first for start, end, first in self.quotes)


def article_sentences(paragraphs: list[tuple[int, Doc]]) -> list[Sentence]:
    """The sentences of an article's paragraphs (``(offset, doc)`` pairs), numbered in
    order, each with the quotations of its paragraph.

    >>> from kg.nlp import load
    >>> [(s.number, s.paragraph, s.span.text) for s in article_sentences(
    ...     [(0, load()("He came. She left.")), (20, load()('"Yes," he said.'))])]
    [(0, 0, 'He came.'), (1, 0, 'She left.'), (2, 1, '"Yes," he said.')]
    """
    found: list[Sentence] = []
    for number, (offset, doc) in enumerate(paragraphs):
        quotes = tuple((*m.span(), bool(_FIRST_PERSON.search(m.group())))
                       for m in OPEN_QUOTATION.finditer(doc_text(doc)))
        for sentence in doc.sents:
            found.append(Sentence(len(found), number, offset, sentence, quotes))
    return found


def clause_head(token: Token) -> Token | None:
    """The verb (or root) of the clause ``token`` is in, above it."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") or ancestor.dep_ == "ROOT":
            return ancestor
    return None


def subject_of(head: Token) -> Token | None:
    """The nominal subject of a clause's head, if it has one."""
    return next((c for c in head.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)


def governing_subjects(token: Token) -> list[Token]:
    """Subjects of the clauses that govern ``token``, nearest first.

    A possessive or reflexive pronoun is governed by the subject of its own clause too
    ("Trump pledged during his campaign"); a subject after the pronoun counts only when
    the pronoun sits in a fronted adverbial ("As he arrived, Zelensky said").
    """
    own = clause_head(token)
    if own is None:
        return []
    found: list[Token] = []
    reflexive = token.dep_ == "poss" or token.lower_.endswith(("self", "selves"))
    path_child = token
    head: Token | None = own
    first = True
    while head is not None:
        # the child of ``head`` on the path down to the pronoun
        while path_child.head.i != head.i and path_child.head.i != path_child.i:
            path_child = path_child.head
        if not first or reflexive:
            subject = subject_of(head)
            if subject is not None and subject.i != token.i and not (
                    subject.left_edge.i <= token.i <= subject.right_edge.i) and (
                    subject.i < token.i or path_child.dep_ in _FRONTED):
                found.append(subject)
        first = False
        if head.head.i == head.i:
            break
        path_child = head
        head = clause_head(head)
    return found
