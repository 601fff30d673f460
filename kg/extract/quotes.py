"""Direct quotations with their speakers.

A quotation is text between curly or straight double quotes. Its speaker is the
subject of a speech verb outside the quotation in the sentences it spans (before or
after it: "he said", "Orbán called the development …", "writing on Truth Social:"),
climbing through clauses that have no subject of their own ("adding that …"). A
quotation with no attribution of its own, right after an attributed one in the same
paragraph, continues it. Short scare quotes inside a noun phrase ("an “extremely frank”
exchange") are not quotations of a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract import register
from kg.extract.base import Context
from kg.lexicons import speech_verbs
from kg.records import Argument, Statement

NAME = "quotes"
MIN_WORDS = 4
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_MODIFIER_DEPS = {"amod", "compound", "nummod", "poss", "nmod"}


def _speaker(verb: Token, context: Context) -> Argument | None:
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return context.resolve(child)
        if current.head is current:
            return None
        current = current.head
    return None


def _is_scare_quote(tokens: list[Token]) -> bool:
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head is t]
    return bool(roots) and all(r.dep_ in _MODIFIER_DEPS for r in roots)


def _attribution(sentences: list[Span], start: int, end: int,
                 context: Context) -> Argument | None:
    """The speaker named in ``sentences`` outside the quotation's ``start:end``."""
    verbs = [
        t for s in sentences for t in s
        if t.lemma_.lower() in speech_verbs() and t.pos_ in ("VERB", "AUX")
        and not start <= t.idx < end
    ]
    verbs.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
    for verb in verbs:
        speaker = _speaker(verb, context)
        if speaker is not None:
            return speaker
    return None


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Quotations in a parsed paragraph, each a ``SAID`` statement of its speaker."""
    previous: Argument | None = None
    for match in _QUOTE.finditer(doc.text):
        quote = (match.group(1) or match.group(2)).strip()
        start, end = match.span()
        tokens = [t for t in doc if start <= t.idx < end and t.text not in "“”\""]
        if len(quote.split()) < MIN_WORDS or not tokens or _is_scare_quote(tokens):
            continue
        sentences = sorted({t.sent.start: t.sent for t in tokens}.values(), key=lambda s: s.start)
        speaker = _attribution(sentences, start, end, context)
        confidence = 0.85
        if speaker is None and previous is not None and sentences[0].start_char >= start - 1:
            speaker, confidence = previous, 0.6
        if speaker is None:
            continue
        previous = speaker
        evidence_span = doc[sentences[0].start: sentences[-1].end]
        yield Statement(subject=speaker, relation="SAID", quote=quote,
                        evidence=context.evidence(evidence_span, confidence, NAME))
