"""Direct quotations with their speakers.

A quotation is text between curly or straight double quotes, four words or more. Its
speaker is the actor of the nearest speech verb outside any quotation, in the sentences
the quotation spans or the sentence it is attached to: the one before it when it
follows a colon or comma ("writing on Truth Social: “…”"), the one after it when it ends
with a comma (“…,” she said), so quotes before and after the verb and quotes split
around their attribution all find it. The actor is read like a clause's: inherited
through clauses without a subject of their own ("adding that …"), named by an
apposition ("Dunn's mother, Charlotte Charles, said …"), or given by "according to".
A quotation with no attribution of its own, right after an attributed one in the same
paragraph, continues it, and so does a paragraph that opens a quotation again after one
left open (news closes a long quotation only at its last paragraph); one standing alone
after a sentence that reports someone's words is theirs ("Howard said the plan would
fail. “It is a disaster.”").

Not every quotation is said by someone: a scare quote before the noun it modifies
("an “extremely frank” exchange") and a quoted phrase that is only a prepositional
modifier or its object ("talks “for the period after the war”", "away from “arrogance
and endless escalation”") are words, not a speaker's statement; nor is the quoted title
of a work. A quotation after the
object of "call", and one after "as" or "of" following "describe", "characterise",
"accuse" …, is the speaker's description ("calling the agreements “legitimate …”",
"characterised the call as “perfectly fine and routine”").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import actor
from kg.extract.base import Context
from kg.extract.components import register
from kg.extract.parties import parties
from kg.extract.syntax import quoted
from kg.extract.words import words
from kg.lexicons import speech_verbs
from kg.nlp import doc_text
from kg.nlp.grammar import QUOTED_WORDS
from kg.records import Argument, Statement

NAME = "quotes"
MIN_WORDS = 4
_MODIFIER_DEPS = {"amod", "compound", "nummod", "poss", "nmod"}
_PHRASE_DEPS = {"prep", "pobj", "npadvmod", "advmod", "agent", "pcomp"}


def _speakers_of(verb: Token, context: Context, inside: set[int]) -> list[Argument]:
    """The entities that speak with ``verb`` (never ones named inside a quotation); a
    group speaks as each of its members ("They concluded that …")."""
    found = actor(verb)
    for token in found.tokens:
        if token.i in inside:
            continue
        named = parties(token, context)
        if named:
            return [p.argument for p in named]
    return []


def _according_to(sentences: list[Span], context: Context) -> list[Argument]:
    for sentence in sentences:
        for token in sentence:
            if token.lower_ == "according":
                for prep in (c for c in token.children if c.lower_ == "to"):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        named = parties(pobj, context)
                        if named:
                            return [p.argument for p in named]
    return []


def _roots(tokens: list[Token]) -> list[Token]:
    inside = {t.i for t in tokens}
    return [t for t in tokens if t.head.i not in inside or t.head == t]


_MINOR_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "nor", "of", "for", "to", "in",
                          "on", "at", "by", "with", "from", "as", "vs", "v"})


def _title_case(content: list[Token]) -> bool:
    """Every word capitalised but the short function words, and not all in capitals."""
    alpha = [t for t in content if any(c.isalpha() for c in t.text)
             and not t.text.startswith(("'", "’")) and t.lower_ not in ("n't", "n’t")]
    if len(alpha) < 2 or all(t.text.isupper() for t in alpha):
        return False
    return all(t.text[:1].isupper() or t.lower_ in _MINOR_WORDS or not t.text[:1].isalpha()
               for t in alpha)


def _describing_verb(tokens: list[Token]) -> Token | None:
    """The verb a quotation describes something for: "described him as “…”", "accused
    her of “…”" (the quotation is the object of "as" or "of" after such a verb)."""
    roots = [r for r in _roots(tokens) if not r.is_punct]
    heads = {r.head.i: r.head for r in roots}
    if len(heads) != 1:
        return None
    prep = next(iter(heads.values()))
    verb = prep.head
    if prep.lower_ in ("as", "of") and verb.lemma_.lower() in words("describing"):
        return verb
    return None


def _not_said(tokens: list[Token]) -> bool:
    """A scare quote or a quoted phrase: words inside a noun or prepositional phrase."""
    roots = [r for r in _roots(tokens) if not r.is_punct]
    if not roots:
        return True
    content = [t for t in tokens if not t.is_punct]
    first = content[0] if content else tokens[0]
    if first.pos_ == "ADP" and first.dep_ == "prep" and first.is_lower and not any(
            t.text in ",;:" for t in tokens[:-1]):
        return True  # a quoted prepositional phrase: “for the period after the war …”
    if _title_case(content):
        return True  # a name or title: his event, “Storm Area 51, They Can't Stop All of Us”
    if _describing_verb(tokens) is not None:
        return False  # "characterized the call as “perfectly fine and routine”"
    if all(r.dep_ in _MODIFIER_DEPS for r in roots):
        # A modifier that follows its noun is a predicate ("calling the deal “…”").
        described = {r.head for r in roots}
        return not all(head.i < tokens[0].i and head.head.lemma_.lower() in speech_verbs()
                       for head in described)
    return all(r.dep_ in _PHRASE_DEPS for r in roots)


def _attribution_sentences(doc: Doc, sentences: list[Span], start: int, end: int,
                           quote: str) -> list[Span]:
    """The sentences the quotation spans, with the one before or after it that holds its
    attribution when the punctuation says so."""
    spans = list(sentences)
    before = doc_text(doc)[:start].rstrip()
    if before.endswith((":", ",")):
        token = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if token is not None and token[0].sent.start < spans[0].start:
            spans.insert(0, token[0].sent)
    if quote.rstrip().endswith(",") and end < len(doc_text(doc)):
        after = doc.char_span(end, len(doc_text(doc)), alignment_mode="expand")
        if after is not None and len(after) and after[0].sent.start >= spans[-1].end:
            spans.append(after[0].sent)
    return spans


def _reported_before(doc: Doc, sentence: Span, inside: set[int],
                     context: Context) -> list[Argument]:
    """The speaker of the sentence before a quotation that stands alone: "Howard said the
    plan would fail. “It is a disaster for the country.”"."""
    if sentence.start == 0:
        return []
    previous = doc[sentence.start - 1].sent
    verbs = [t for t in previous if t.lemma_.lower() in speech_verbs() and t.pos_ == "VERB"
             and t.i not in inside]
    for verb in verbs:
        speakers = _speakers_of(verb, context, inside)
        if speakers:
            return speakers
    return []


def _in_relative_clause(verb: Token) -> bool:
    """Whether ``verb`` is in a relative clause: parsed as one, or opened by "which"/"who"
    (the parser often hangs "which the BBC noted" as a complement)."""
    token = verb
    while True:
        if token.dep_ == "relcl" or any(c.tag_ in ("WDT", "WP") and c.i < token.i
                                        for c in token.children):
            return True
        if token.head.i == token.i:
            return False
        token = token.head


def _attribution(sentences: list[Span], start: int, end: int, inside: set[int],
                 context: Context, describing: Token | None = None) -> list[Argument]:
    """The speakers named in ``sentences`` outside the quotation's ``start:end``."""
    if describing is not None:
        speakers = _speakers_of(describing, context, inside)
        if speakers:
            return speakers
    verbs = [
        t for s in sentences for t in s
        if t.lemma_.lower() in speech_verbs() and t.pos_ in ("VERB", "AUX")
        and not start <= t.idx < end and t.i not in inside
    ]
    # the nearest verb, but one in a relative clause ("— which the BBC noted as unusual —")
    # speaks of the speaker, not for them: it comes after the others
    verbs.sort(key=lambda t: (_in_relative_clause(t), min(abs(t.idx - start), abs(t.idx - end))))
    for verb in verbs:
        speakers = _speakers_of(verb, context, inside)
        if speakers:
            return speakers
    return _according_to(sentences, context)


def _quotations(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, words, closed) of each quotation of a paragraph; the last one may be
    left open, running to the paragraph's end."""
    end = 0
    for match in QUOTED_WORDS.finditer(text):
        end = match.end()
        yield match.start(), end, (match.group(1) or match.group(2)).strip(), True
    opening = next((i for i in range(end, len(text)) if text[i] in "“\""), None)
    if opening is not None and len(text[opening + 1:].split()) >= MIN_WORDS:
        yield opening, len(text), text[opening + 1:].strip(), False


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Quotations in a parsed paragraph, each a ``SAID`` statement of its speaker."""
    # the speaker of a quotation left open at the end of the paragraph before: news opens
    # each paragraph of a long quotation again and closes only the last
    previous, context.memory.open_quote = context.memory.open_quote, []
    text = doc_text(doc)
    if not text.lstrip().startswith(("“", '"')):
        previous = []  # only a paragraph that opens a quotation again continues one
    inside = quoted(doc)
    for start, end, quote, closed in _quotations(text):
        tokens = [t for t in doc if start <= t.idx < end and t.text not in "“”\""]
        if len(quote.split()) < MIN_WORDS or not tokens or _not_said(tokens):
            continue
        sentences = sorted({t.sent.start: t.sent for t in tokens}.values(), key=lambda s: s.start)
        sentences = _attribution_sentences(doc, sentences, start, end, quote)
        speakers = _attribution(sentences, start, end, inside, context,
                                _describing_verb(tokens))
        confidence = 0.85 if len(speakers) == 1 else 0.7
        if not speakers and previous and sentences[0].start_char >= start - 1:
            speakers, confidence = previous, 0.6
        if not speakers and sentences[0].start_char >= start - 1:
            speakers, confidence = _reported_before(doc, sentences[0], inside, context), 0.6
        if not speakers:
            continue
        previous = speakers
        if not closed:
            context.memory.open_quote = speakers
        evidence_span = doc[sentences[0].start: sentences[-1].end]
        for speaker in speakers:
            yield Statement(subject=speaker, relation="SAID", quote=quote.rstrip(",").strip(),
                            evidence=context.evidence(evidence_span, confidence, NAME))
