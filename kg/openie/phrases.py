"""Phrases as CaRB writes them: the text of a set of tokens as the writer wrote it, a noun
phrase without the clauses hung on it, the conjuncts of a coordination."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

import kg.nlp
from kg.extract.syntax import conjuncts

# Children left out of a noun phrase: they make tuples of their own.
CLAUSE_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis"})


def phrase(tokens: Iterable[Token]) -> str:
    """The text of tokens, as written: contiguous runs sliced from the text, joined by spaces.

    Slicing keeps the writer's own tokens whole ("Moutier-Grandval"), and punctuation
    at either end is dropped.

    >>> doc = kg.nlp.load()("Talks, in Geneva, ended.")
    >>> phrase([doc[0], doc[1], doc[2], doc[3]]), phrase([doc[0], doc[5], doc[6]])
    ('Talks, in Geneva', 'Talks ended')
    """
    ordered = sorted(set(tokens), key=lambda t: t.i)
    # a comma left doubled where a clause was taken out ("X , , and Y") is said once
    ordered = [t for n, t in enumerate(ordered)
               if not (n and t.is_punct and ordered[n - 1].is_punct and t.text == ",")]
    if sum(t.is_quote for t in ordered) % 2:
        _close_quote(ordered)
    while ordered and _edge(ordered[0], ordered):
        ordered.pop(0)
    while ordered and _edge(ordered[-1], ordered):
        ordered.pop()
    if not ordered:
        return ""
    doc = ordered[0].doc
    runs: list[str] = []
    start = previous = ordered[0]
    for token in [*ordered[1:], None]:
        if token is not None and token.i == previous.i + 1:
            previous = token
            continue
        runs.append(kg.nlp.doc_text(doc)[start.idx:previous.idx + len(previous.text)])
        if token is not None:
            start = previous = token
    return " ".join(" ".join(run.split()) for run in runs)


def _close_quote(ordered: list[Token]) -> None:
    """Add the partner of a lone quotation mark when it stands just outside the phrase."""
    if not ordered:
        return
    doc = ordered[0].doc
    after, before = ordered[-1].i + 1, ordered[0].i - 1
    if after < len(doc) and doc[after].is_quote:
        ordered.append(doc[after])
    elif before >= 0 and doc[before].is_quote:
        ordered.insert(0, doc[before])


def _edge(token: Token, kept: list[Token]) -> bool:
    """Whether a token at the edge of a phrase is dropped: punctuation, a loose "and"."""
    if token.is_quote:
        # a quotation mark stays with its partner ("`` Velocity ''")
        return sum(t.is_quote for t in kept) % 2 == 1
    return token.is_space or (token.is_punct and token.text not in ("%", "$")) \
        or token.dep_ == "cc"


def subtree(token: Token, leave_out: frozenset[str] = CLAUSE_DEPS) -> list[Token]:
    """The token's subtree without the clauses hung on it (relative clauses, appositions)."""
    found = [token]
    for child in token.children:
        if child.dep_ in leave_out:
            continue
        found.extend(subtree(child, leave_out))
    return found


def conjunct_phrases(token: Token) -> list[str]:
    """Each conjunct of a coordinated noun phrase on its own, or ``[]`` when there is one.

    >>> doc = kg.nlp.load()("Russia and China signed it.")
    >>> conjunct_phrases(doc[0])
    ['Russia', 'China']
    """
    members = conjuncts(token)
    if len(members) < 2:
        return []
    leave_out = CLAUSE_DEPS | {"conj", "cc", "preconj"}
    return [phrase(subtree(m, leave_out)) for m in members]


def noun_phrase(token: Token) -> str:
    """The noun phrase a token heads, without its relative clauses and appositions.

    >>> doc = kg.nlp.load()("The envoy, a veteran, met the minister who leads talks.")
    >>> noun_phrase(doc[1]), noun_phrase(doc[8])
    ('The envoy', 'the minister')
    """
    return phrase(subtree(token))
