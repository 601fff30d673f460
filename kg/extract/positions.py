"""Titles and appositions as positions held.

"US President Donald Trump", "Hungarian Prime Minister Viktor Orbán", "Ukraine's
ambassador to the US, Olga Stefanishyna" and "Olga Stefanishyna, Ukraine's
ambassador" each say that a person holds a post of a country or organisation. A title
with no country or organisation to own it yields nothing rather than a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract import register
from kg.extract.base import Context
from kg.lexicons import titles
from kg.records import Argument, Statement
from kg.resolve import clean_span

NAME = "positions"
_OWNER_DEPS = {"poss", "compound", "amod", "nmod"}


def _title_at_end(words: str) -> str | None:
    """The longest known title that ``words`` ends with, as written there."""
    lower = words.lower()
    for title in titles():
        t = title.lower()
        if lower == t or lower.endswith(" " + t):
            return words[len(words) - len(title):]
    return None


def _owner(tokens: list[Token], context: Context, person: str) -> Argument | None:
    """The country or organisation among the tokens before a title."""
    for token in reversed(tokens):
        found = context.resolve(token)
        if found is not None and found.type != "Person" and found.name != person:
            return found
    return None


def _of_owner(head: Token, context: Context) -> Argument | None:
    """The owner given by "of X" after a title ("President of Russia")."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = context.resolve(pobj)
            if found is not None and found.type != "Person":
                return found
    return None


def _prefixed(name: Span, context: Context, person: Argument) -> tuple[str, Argument] | None:
    """A title written before the name, in the same noun phrase."""
    root = name.root
    start = min(t.i for t in root.subtree)
    prefix = [t for t in name.doc[start:name.start] if not t.is_punct or t.tag_ == "POS"]
    # Drop everything up to a relative or clausal boundary the subtree may hold.
    words = " ".join(t.text for t in prefix if t.tag_ != "POS" and t.lower_ not in {"'s", "’s"})
    if not words:
        return None
    title = _title_at_end(words)
    if title is None:
        return None
    title_tokens = len(title.split())
    before = [t for t in prefix if t.tag_ != "POS"][:-title_tokens]
    owner = _owner(before, context, person.name)
    if owner is None:
        owner = _of_owner(prefix[-1], context) if prefix else None
    return (title, owner) if owner else None


def _apposed(name: Span, context: Context, person: Argument) -> tuple[str, Argument] | None:
    """A title in apposition: "X's ambassador, Name" or "Name, X's ambassador"."""
    root = name.root
    candidates = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        candidates.append(root.head)
    for head in candidates:
        modifiers = [c for c in head.lefts if c.dep_ in _OWNER_DEPS | {"det"}]
        words = " ".join(t.text for t in head.lefts if t.dep_ in ("compound", "amod")
                         and not context.resolve(t)) + " " + head.text
        title = _title_at_end(words.strip())
        if title is None:
            continue
        owner = _owner(modifiers, context, person.name) or _of_owner(head, context)
        if owner is not None:
            return title, owner
    return None


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Positions held by the people named in a parsed paragraph."""
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = clean_span(ent)
        if name is None:
            continue
        person = context.resolve(name.root)
        if person is None or person.type != "Person":
            continue
        sentence = ent.sent
        for reader, confidence in ((_prefixed, 0.9), (_apposed, 0.8)):
            found = reader(name, context, person)
            if found is not None:
                title, owner = found
                yield Statement(
                    subject=person, relation="HOLDS_POSITION", object=owner, role=title,
                    evidence=context.evidence(sentence, confidence, NAME),
                )
                break
