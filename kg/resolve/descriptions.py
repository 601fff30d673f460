"""Definite descriptions: "the Russian president", "the foreign minister", "the US leader"
stand for the one person the article names with that title (for that country), "the
embassy" for the one organisation of the article so named; a plural description ("the two
leaders", "both sides") for no one entity."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from kg.nlp.grammar import OWNER_DEPS
from kg.resolve.sentences import Sentence
from kg.resolve.wordlists import (
    PLURAL_DETERMINERS,
    leader_words,
    org_heads,
    org_kinds,
    same_kind_heads,
    title_index,
)

if TYPE_CHECKING:
    from kg.resolve.entities import ArticleEntities
    from kg.resolve.mentions import Cluster

_OTHER_DETERMINERS = frozenset({"a", "an", "this", "that", "another", "every", "each", "any",
                                "no", "either", "neither"})


class Descriptions:
    """The title holders and the organisations' head words of one article, and what a
    description, or the owner it names ("Russia's", "of France"), refers to."""

    def __init__(self, entities: ArticleEntities) -> None:
        self.entities = entities
        # (title words, the country it is of, the person), from the article's named people
        self.holders: list[tuple[tuple[str, ...], str | None, Cluster]] = []
        # head word of a name → (sentence number, entity): "the embassy" of "the US Embassy"
        self.heads: dict[str, list[tuple[int, Cluster]]] = defaultdict(list)

    def country_code(self, sentence: Sentence, token: Token) -> str | None:
        """The code of the country ``token`` stands for, if it stands for one."""
        cluster = self.entities.ref(sentence.offset, token)
        return cluster.code if cluster is not None and cluster.type == "Country" else None

    def owner_before(self, sentence: Sentence, first: int) -> str | None:
        """The country named just before a title ("Russia's president", "French")."""
        doc = sentence.span.doc
        i = first - 1
        if i >= sentence.span.start and doc[i].tag_ == "POS":
            i -= 1
        if i < sentence.span.start:
            return None
        return self.country_code(sentence, doc[i])

    def of_owner(self, sentence: Sentence, doc: Doc, end: int) -> str | None:
        """The country of an "of" right after a title ("President of France")."""
        if end + 1 < sentence.span.end and doc[end].lower_ == "of":
            return self.country_code(sentence, doc[end + 1])
        return None

    def owner_of(self, sentence: Sentence, head: Token) -> str | None:
        """The country a noun's modifiers or its "of" name ("the Russian president")."""
        for child in head.children:
            if child.dep_ in OWNER_DEPS:
                code = self.country_code(sentence, child)
                if code:
                    return code
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        code = self.country_code(sentence, pobj)
                        if code:
                            return code
        return None

    def describe(self, sentence: Sentence, token: Token) -> Cluster | None:
        """A definite description of one person or organisation named in the article."""
        if token.dep_ == "compound" or token.tag_ in ("NNS", "NNPS"):
            return None
        children = list(token.children)
        if any(c.dep_ in ("nummod", "predet", "preconj") or c.lower_ in PLURAL_DETERMINERS
               or (c.dep_ == "det" and c.lower_ in _OTHER_DETERMINERS) for c in children):
            return None
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in children)
        owner = self.owner_of(sentence, token)
        if not definite and owner is None:
            return None
        title = self.title_of(sentence, token)
        if title is not None:
            # "the Tory leader": a modifier that names no country qualifies the title
            # itself (a party's leader), so the generic reading (a head of state) waits
            qualified = owner is None and any(
                c.dep_ in ("amod", "compound") and c.i < token.i and c.text[:1].isupper()
                for c in children)
            return self._holder(title, owner, exact_first=qualified)
        if not definite or owner is not None or (token.lemma_.lower() not in org_heads()
                                                 and token.lemma_.lower() not in org_kinds()):
            return None
        if any(c.dep_ in ("amod", "compound") for c in children):
            return None
        found = {id(c): c for head in same_kind_heads(token.lemma_.lower())
                 for number, c in self.heads.get(head, ()) if number <= sentence.number}
        return next(iter(found.values())) if len(found) == 1 else None

    def title_of(self, sentence: Sentence, token: Token) -> tuple[str, ...] | None:
        """The known title a noun and its modifiers say ("the foreign minister")."""
        words = [token.lower_]
        doc = token.doc
        i = token.i - 1
        while i >= 0 and doc[i].head.i == token.i and doc[i].dep_ in ("amod", "compound") \
                and self.country_code(sentence, doc[i]) is None:
            words.insert(0, doc[i].lower_)
            i -= 1
        for lemma in (token.lower_, token.lemma_.lower()):
            words[-1] = lemma
            for title in title_index().get(lemma, ()):
                if tuple(words[-len(title):]) == title:
                    return title
        return None

    def _holder(self, title: tuple[str, ...], owner: str | None,
                exact_first: bool = False) -> Cluster | None:
        if exact_first:
            exact = {id(c): c for words, code, c in self.holders
                     if words[-len(title):] == title and (owner is None or code == owner)}
            if len(exact) == 1:
                return next(iter(exact.values()))
        generic = leader_words().get(title)
        found = {}
        for words, code, cluster in self.holders:
            if generic is not None:
                matches = " ".join(words) in generic or words == title
            else:
                matches = words[-len(title):] == title
            if matches and (owner is None or code == owner):
                found[id(cluster)] = cluster
        return next(iter(found.values())) if len(found) == 1 else None
