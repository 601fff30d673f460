"""Mentions → canonical entities within one article.

spaCy's named entities are the start: spans are repaired (no leading "the", no title,
no possessive), typed by the ontology (a country name is a Country whatever label the
model gave it), surnames join the full name they belong to, pronouns join the nearest
person before them, and countries' governments, demonyms, capitals and seats of power
resolve to the country when they act.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.lexicons import government_nouns, lookup_country, lookup_seat, titles
from kg.records import Argument, Entity

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_NER_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place",
              "FAC": "Place", "NORP": None}
_LOCATIVE = frozenset({"in", "at", "to", "from", "near", "outside", "inside", "into", "across"})


@cache
def _title_words() -> frozenset[str]:
    return frozenset(word.lower() for title in titles() for word in title.split())


@dataclass(slots=True)
class Mention:
    """One mention of an entity: where it is and what it was read as."""

    text: str
    start: int
    end: int
    type: str
    code: str | None = None


def clean_span(span: Span) -> Span | None:
    """Trim determiners, titles, possessives and punctuation from an entity span.

    >>> from kg.nlp import load
    >>> doc = load()("He met President Donald Trump's envoy.")
    >>> clean_span(doc[2:6]).text
    'Donald Trump'
    """
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct
                           or doc[start].lower_ in _title_words()):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    return doc[start:end] if end > start else None


class ArticleEntities:
    """The entities of one article, and the resolution of any token to one of them.

    Build it from all parsed paragraphs of the article (``(offset, doc)`` pairs), then
    ask :meth:`resolve` for the entity a token stands for.
    """

    def __init__(self, paragraphs: list[tuple[int, Doc]]) -> None:
        self._mentions: list[Mention] = []
        self._by_text: dict[str, str] = {}  # surface text → canonical name
        self._types: dict[str, str] = {}  # canonical name → type
        self._codes: dict[str, str] = {}
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._counts: Counter[str] = Counter()
        self._person_starts: list[int] = []
        self._person_names: list[str] = []
        raw: list[Mention] = []
        for offset, doc in paragraphs:
            for ent in doc.ents:
                mention = self._read(ent, offset)
                if mention is not None:
                    raw.append(mention)
        self._cluster(raw)

    # -- building --------------------------------------------------------------------------

    @staticmethod
    def _read(ent: Span, offset: int) -> Mention | None:
        if ent.label_ not in _NER_TYPES:
            return None
        span = clean_span(ent)
        if span is None:
            return None
        text = span.text
        start, end = offset + span.start_char, offset + span.end_char
        country = lookup_country(text)
        if country is not None:
            return Mention(country.name, start, end, "Country", country.code)
        seat = lookup_seat(text)
        if seat is not None:
            return Mention(text, start, end, "Seat", seat.code)
        kind = _NER_TYPES[ent.label_]
        if kind is None or not any(c.isalpha() for c in text):
            return None
        return Mention(text, start, end, kind)

    def _cluster(self, raw: list[Mention]) -> None:
        # A name the model tags PERSON anywhere in the article is a person everywhere.
        person_words = {w for m in raw if m.type == "Person" for w in m.text.split()}
        full_names = [m.text for m in raw if m.type == "Person" and len(m.text.split()) > 1]
        for m in raw:
            if m.type in ("Organisation", "Place") and m.text in person_words:
                m.type = "Person"
        for m in raw:
            if m.type == "Person" and len(m.text.split()) == 1:
                owners = {full for full in full_names if full.split()[-1] == m.text}
                canonical = owners.pop() if len(owners) == 1 else m.text
            else:
                canonical = m.text
            self._by_text[m.text] = canonical
            self._mentions.append(m)
            if m.type == "Seat":
                continue
            self._types.setdefault(canonical, m.type)
            if m.code:
                self._codes[canonical] = m.code
            self._aliases[canonical].add(m.text)
            self._counts[canonical] += 1
        for m in sorted(self._mentions, key=lambda m: m.start):
            if m.type == "Person":
                self._person_starts.append(m.start)
                self._person_names.append(self._by_text[m.text])

    # -- reading ---------------------------------------------------------------------------

    def entities(self) -> tuple[Entity, ...]:
        """Every entity of the article, most mentioned first."""
        return tuple(
            Entity(name, self._types[name], tuple(sorted(self._aliases[name])),
                   self._counts[name], self._codes.get(name))
            for name, _ in sorted(self._counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )

    def resolve(self, token: Token, offset: int) -> Argument | None:
        """The entity a token (the head of an argument) stands for, if any.

        ``offset`` is where the token's paragraph starts in the article.
        """
        if token.ent_iob_ != "O":
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None:
                return self._from_span(ent, offset, token)
        lower = token.lower_
        if lower in PERSON_PRONOUNS and token.pos_ == "PRON":
            name = self._person_before(offset + token.idx)
            if name:
                return Argument(token.text, offset + token.idx, offset + token.idx + len(token),
                                name, "Person")
            return None
        governments = government_nouns()
        if token.lemma_.lower() in governments or _compound_text(token) in governments:
            for child in token.children:
                if child.dep_ in ("poss", "amod", "compound", "nmod"):
                    found = self.resolve(child, offset)
                    if found is not None and found.type == "Country":
                        start = offset + min(child.idx, token.idx)
                        return Argument(found.text, start, offset + token.idx + len(token),
                                        found.name, "Country")
        country = lookup_country(token.text)
        if country is not None:
            return Argument(token.text, offset + token.idx, offset + token.idx + len(token),
                            country.name, "Country")
        return None

    def _from_span(self, ent: Span, offset: int, token: Token) -> Argument | None:
        span = clean_span(ent)
        if span is None:
            return None
        start, end = offset + span.start_char, offset + span.end_char
        text = span.text
        canonical = self._by_text.get(text)
        country = lookup_country(text)
        if country is not None:
            return Argument(text, start, end, country.name, "Country")
        seat = lookup_seat(text)
        if seat is not None:
            head = ent.root.head
            if ent.root.dep_ == "pobj" and head.lower_ in _LOCATIVE:
                return Argument(text, start, end, text, "Place")
            return Argument(text, start, end, seat.name, "Country")
        if canonical is None or canonical not in self._types:
            return None
        return Argument(text, start, end, canonical, self._types[canonical])

    def _person_before(self, position: int) -> str | None:
        index = bisect.bisect_left(self._person_starts, position)
        return self._person_names[index - 1] if index else None


def _compound_text(token: Token) -> str:
    parts = [c.lower_ for c in token.lefts if c.dep_ == "compound"] + [token.lower_]
    return " ".join(parts)
