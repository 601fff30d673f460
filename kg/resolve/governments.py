"""A country where a name or a noun stands for it: a government noun and its organs ("the
Hungarian government", "the US Embassy"), and a capital or seat of power that acts for its
country ("Moscow said") unless it is used as a place ("a summit in Budapest")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.lexicons import Country, country_in_text, event_type
from kg.resolve.wordlists import is_government_noun, organ_modifiers

_LOCATIVE = frozenset({"in", "at", "to", "from", "near", "outside", "inside", "into", "across",
                       "around", "via", "through", "toward", "towards", "within"})
MAX_COUNTRY_WORDS = 4


def country_in(span: Span) -> Country | None:
    """A country named by some words of ``span`` other than its head."""
    doc, root = span.doc, span.root
    for size in range(min(MAX_COUNTRY_WORDS, len(span)), 0, -1):
        for start in range(span.start, span.end - size + 1):
            if start <= root.i < start + size:
                continue
            found = country_in_text(doc[start:start + size].text)
            if found is not None:
                return found
    return None


def _sent(noun: Token) -> bool:
    """Whether a noun is a thing a government says or does ("claim", "request",
    "pressure"): an event noun of the lexicons, or a word of speech."""
    lemma = noun.lemma_.lower()
    return lemma in _SAID or event_type(lemma, "NOUN") is not None


_SAID = frozenset({"claim", "statement", "message", "letter", "remark", "comment", "note",
                   "response", "reply", "signal", "announcement", "allegation", "accusation"})


def is_government(token: Token) -> bool:
    """Whether a noun, with the compound nouns before it, is a government noun
    ("ministry", "foreign ministry", "air force")."""
    words = [token.lemma_.lower()]
    if is_government_noun(words[0]) or is_government_noun(token.lower_):
        return True
    for child in sorted((c for c in token.lefts if c.dep_ in ("compound", "amod")),
                        key=lambda c: -c.i):
        words.insert(0, child.lower_)
        if is_government_noun(" ".join(words)):
            return True
    return False


def is_organ(span: Span) -> Country | None:
    """The country whose government organ ``span`` names ("US Embassy"), if it is one.

    A name before the noun that is neither the country nor part of the government noun
    makes it an organisation of its own: "Syrian Democratic Forces" is no Syrian forces.
    """
    root = span.root
    if not is_government(root):
        return None
    country = country_in(span)
    if country is None:
        return None
    doc = span.doc
    in_country = {i for size in range(1, MAX_COUNTRY_WORDS + 1)
                  for start in range(span.start, root.i - size + 1)
                  if country_in_text(doc[start:start + size].text) is not None
                  for i in range(start, start + size)}
    if any(t.is_title and t.i not in in_country and t.lower_ not in organ_modifiers()
           for t in doc[span.start:root.i]):
        return None
    return country


def is_location(span: Span) -> bool:
    """Whether a capital or seat of power is used as a place, not as its government.

    "a summit in Budapest", "arrived in Washington", "the Budapest summit" are places;
    "Moscow is expected to send", "talks between Washington and Moscow" are countries.
    """
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ == "from" and prep.head.pos_ == "NOUN" and _sent(prep.head):
            return False  # "the claim from Berlin": what its government says or sends
        return prep.lower_ in _LOCATIVE
    if root.dep_ == "compound":
        head = root.head
        return not is_government(head)
    return False
