"""What the extractors read off a dependency parse before they read any meaning: the
dependency labels of subjects, the conjuncts and prepositional objects of a word, a relative
pronoun's antecedent, a verb's governor, and the tokens inside quotations.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from kg.nlp import doc_text
from kg.nlp.grammar import QUOTATION

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """The objects of the token's prepositions among ``preps`` ("talks with Putin").

    >>> from kg.nlp import load
    >>> [t.text for t in prep_objects(load()("talks with Putin")[0], {"with"})]
    ['Putin']
    """
    return [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in preps
            for p in prep.children if p.dep_ == "pobj"]


def conjuncts(token: Token) -> list[Token]:
    """The token and the conjuncts coordinated after it."""
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("a coalition which …"), else the token."""
    if token.lower_ in RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP", "WP$") \
            and token.head.dep_ == "relcl" and token.head.head != token.head:
        return token.head.head
    return token


def is_finite(verb: Token) -> bool:
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def governor(verb: Token) -> tuple[Token, str]:
    """The verb's head and the link to it, with a tensed conjunct of an infinitive moved up.

    "urged the embassy to reconsider and spoke with Pompeo": the small parser hangs
    "spoke" on "reconsider"; a tensed verb coordinates with the tensed verb above.
    """
    head, dep = verb.head, verb.dep_
    if dep == "conj" and is_finite(verb) and not is_finite(head):
        current = head
        for _ in range(4):
            if current.head == current:
                break
            current = current.head
            if current.pos_ in ("VERB", "AUX") and is_finite(current):
                return current, "conj"
    return head, dep


def quoted(doc: Doc | Span) -> frozenset[int]:
    """Indices of the tokens inside a direct quotation of the text (found once per parsed
    paragraph: every extractor asks)."""
    doc = doc.doc if isinstance(doc, Span) else doc
    kept = doc.user_data.get(_QUOTED)
    if kept is None:
        inside: set[int] = set()
        for match in QUOTATION.finditer(doc_text(doc)):
            start, end = match.span()
            inside.update(t.i for t in doc if start < t.idx < end - 1)
        kept = doc.user_data[_QUOTED] = frozenset(inside)
    return kept


_QUOTED = "kg.quoted"
