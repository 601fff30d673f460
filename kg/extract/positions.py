"""Titles and appositions as positions held.

"US President Donald Trump", "Hungarian Prime Minister Viktor Orbán", "Ukraine's
ambassador to the US, Olga Stefanishyna", "Olga Stefanishyna, Ukraine's ambassador",
"Sergei Lavrov, the foreign minister of Russia", "President Hassan Rouhani of Iran" and
"Northamptonshire's chief constable Nick Adderley" each say that a person holds a post
of a country or organisation. "Egyptian foreign minister Sameh Shoukry and his Greek
and French counterparts, Nikos Dendias and Jean-Yves Le Drian" gives each counterpart
the post of the one whose counterparts they are, in the country named for them (in
order). A title with no country or organisation to own it in the same noun phrase or
apposition yields nothing rather than a guess.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract import register
from kg.extract.base import Context
from kg.extract.grammar import conjuncts, words
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
    if owner is None:  # "President Hassan Rouhani of Iran"
        owner = _of_owner(root, context)
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


_HELD: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _held(context: Context) -> dict[str, str]:
    """The titles read so far in the article, by person (for "his counterpart")."""
    return _HELD.setdefault(context.entities, {})


def _counterpart_countries(noun: Token, context: Context) -> list[Argument]:
    found: list[Argument] = []
    for modifier in (c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod")):
        for token in conjuncts(modifier):
            country = context.resolve_word(token)
            if country is not None and country.type == "Country":
                found.append(country)
    return found


def _counterpart_names(noun: Token, context: Context) -> list[Argument]:
    """The people named as the counterparts: in apposition, or the name the noun
    modifies ("his Russian counterpart Sergei Lavrov")."""
    heads = [c for c in noun.children if c.dep_ == "appos"]
    if not heads and noun.dep_ == "conj":  # "A and his counterparts, B, C" hung on A
        heads = [c for c in noun.head.children if c.dep_ == "appos" and c.i > noun.i]
    if not heads and noun.dep_ in ("compound", "nmod") and noun.head.pos_ == "PROPN":
        heads = [noun.head]
    names: list[Argument] = []
    for head in heads:
        for token in conjuncts(head):
            found = context.resolve(token)
            if found is not None and found.type in ("Person", "Organisation"):
                names.append(found)
    return names


def _counterparts(doc: Doc, context: Context) -> Iterator[Statement]:
    """"X and his Greek, Cypriot and French counterparts, A, B and C": each holds X's
    post in the country named for them (in order; one country for one name)."""
    for noun in doc:
        if noun.lemma_.lower() not in words("counterpart"):
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        holder = context.resolve(owners[0]) if owners else None
        title = _held(context).get(holder.name) if holder is not None else None
        if title is None:
            continue
        countries = _counterpart_countries(noun, context)
        names = _counterpart_names(noun, context)
        if not countries or len(countries) != len(names):
            continue
        for person, country in zip(names, countries, strict=True):
            if person.name != holder.name:
                yield Statement(
                    subject=person, relation="HOLDS_POSITION", object=country, role=title,
                    evidence=context.evidence(noun.sent, 0.7, NAME),
                )


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Positions held by the people named in a parsed paragraph."""
    yield from _titled(doc, context)
    yield from _counterparts(doc, context)


def _titled(doc: Doc, context: Context) -> Iterator[Statement]:
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
                _held(context).setdefault(person.name, title)
                yield Statement(
                    subject=person, relation="HOLDS_POSITION", object=owner, role=title,
                    evidence=context.evidence(sentence, confidence, NAME),
                )
                break
