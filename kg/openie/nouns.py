"""The tuples a noun phrase says without a verb: appositions and titles (``be``),
possessives (``has``/``had``, in the sentence's tense), and nouns placed by a preposition
(``be in``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Token

from kg.lexicons import titles, word_set
from kg.openie.phrases import noun_phrase, phrase, subtree
from kg.openie.record import Triple, confidence, length_features


@cache
def noun_preps() -> frozenset[str]:
    """Prepositions that place a noun, from ``kg/data/openie_noun_preps.txt``.

    >>> "in" in noun_preps()
    True
    """
    return word_set("openie_noun_preps.txt")


def noun_triples(doc: Doc) -> Iterator[Triple]:
    """The noun-phrase tuples of a parsed sentence: appositions, possessives, titles, places.

    >>> import kg.nlp
    >>> [(t.relation, t.arguments) for t in noun_triples(kg.nlp.load()("Tampa, Florida"))]
    [('be in', ('Tampa', 'Florida'))]
    """
    for reader in (_appositions, _possessions, _titles, _located):
        yield from (t for t in reader(doc) if t is not None)


def _noun_triple(kind: str, relation: str, first: str, second: str) -> Triple | None:
    if not first or not second or first == second:
        return None
    features = [kind, *length_features([first], [second], relation)]
    return Triple(relation, (first, second), confidence(features), tuple(features))


def _past(doc: Doc) -> bool:
    """Whether the sentence is told in the past: its main verb is a past form."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return any(t.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD"
                                                for c in t.children) for t in roots)


def _place(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "FAC")


def _appositions(doc: Doc) -> Iterator[Triple | None]:
    """"X, the Y of Z" → (X, be, the Y of Z); "Tampa, Florida" → (Tampa, be in, Florida)."""
    for token in doc:
        if token.dep_ != "appos" or token.head.pos_ not in ("NOUN", "PROPN") \
                or token.pos_ == "PRON":
            continue
        if _place(token) and _place(token.head) and token.pos_ == "PROPN":
            yield _noun_triple("located", "be in", noun_phrase(token.head), noun_phrase(token))
        else:
            yield _noun_triple("apposition", "be", noun_phrase(token.head), noun_phrase(token))


def _possessions(doc: Doc) -> Iterator[Triple | None]:
    """"Britain 's relationship with Spain" → (Britain, has, relationship with Spain)."""
    have = "had" if _past(doc) else "has"
    for token in doc:
        if token.dep_ != "poss" or token.pos_ == "PRON" or token.head.pos_ not in ("NOUN",
                                                                                   "PROPN"):
            continue
        owner = set(token.subtree)
        owned = [t for t in subtree(token.head) if t not in owner and t.dep_ != "det"]
        possessor = phrase(t for t in subtree(token) if t.dep_ != "case")
        yield _noun_triple("possessive", have, possessor, phrase(owned))


def _titles(doc: Doc) -> Iterator[Triple | None]:
    """"President Bush" → (Bush, be, President): a known title before a person's name."""
    known = {t.lower() for t in titles()}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        head = ent.root
        before = [t for t in head.lefts if t.dep_ == "compound" and t.i < ent.start]
        title = phrase(t2 for t in before for t2 in t.subtree)
        if title and title.lower() in known:
            yield _noun_triple("title", "be", ent.text, title)


def _located(doc: Doc) -> Iterator[Triple | None]:
    """A noun placed by a preposition: "the Helmut Newton Foundation in Berlin" → be in."""
    for token in doc:
        if token.dep_ != "prep" or token.lower_ not in noun_preps():
            continue
        head = token.head
        if head.pos_ not in ("NOUN", "PROPN"):
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if len(objects) != 1:
            continue
        kept = [t for t in subtree(head) if t not in set(token.subtree)]
        kind = "located" if _place(objects[0]) else f"noun-prep:{token.lower_}"
        yield _noun_triple(kind, f"be {token.lower_}", phrase(kept), noun_phrase(objects[0]))
