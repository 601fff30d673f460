"""Open information extraction: n-ary tuples over any noun phrases, in CaRB's conventions.

Where :mod:`kg.extract` reads who did what to whom between named entities, this module
reads every clause of a sentence as ``(arg1, relation, arg2, …)`` the way the CaRB
benchmark writes them:

* the relation is the verb group — auxiliaries, negation, particles, adverbs between
  subject and verb, a controlled infinitive ("agreed to hold", "is unlikely to sign") —
  with the preposition of the first prepositional phrase moved in when the verb has no
  object ("met with", "walked out of", "is independent from");
* a copula keeps its complement as the second argument ("is", "a veteran diplomat"), a
  "that" clause is one argument ("said that", "the talks had failed");
* further arguments are the remaining prepositional phrases, time and place;
* subjects are shared across coordinated verbs, taken from the antecedent of a relative
  clause and from the noun a participle modifies; coordinated subjects and objects give
  one tuple per conjunct besides the whole;
* appositions and titles become ``be`` tuples ("X, the Y of Z" → X be the Y of Z),
  possessives ``has``/``had`` tuples (in the sentence's tense), and nouns placed by a
  preposition of ``kg/data/openie_noun_preps.txt`` ``be in`` tuples. (CaRB's scorer
  reads a predicted "be" as any form of the verb.)

A tuple is kept only with a subject and a second argument: CaRB's gold tuples nearly
always have both. Each tuple carries a confidence made from features of its parse (how
its subject was found, which construction gave it, the length of its parts): a logistic
of weights in ``kg/data/openie_weights.tsv``, fitted by ``benchmarks/openie_weights.py``,
so that sorting by confidence puts the likelier tuples first.

>>> triples = extract(kg.nlp.load()("The minister met with the envoy in Paris."))
>>> (triples[0].relation, triples[0].arguments)
('met with', ('The minister', 'the envoy', 'in Paris'))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

import kg.nlp
from kg.openie.clauses import inside_chain, is_predicate, verb_triples
from kg.openie.nouns import noun_triples
from kg.openie.phrases import conjunct_phrases, noun_phrase, phrase
from kg.openie.record import Triple, confidence

__all__ = ["Triple", "confidence", "conjunct_phrases", "extract", "extract_lines",
           "noun_phrase", "phrase", "sentences", "tsv_lines"]


def extract(doc: Doc) -> list[Triple]:
    """The open tuples of a parsed sentence (or several), most confident first.

    >>> [(t.relation, t.arguments) for t in extract(kg.nlp.load()("Chile and Peru signed it."))]
    [('signed', ('Chile', 'it')), ('signed', ('Peru', 'it')), ('signed', ('Chile and Peru', 'it'))]
    """
    found: list[Triple] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    candidates = [t for verb in doc if is_predicate(verb) and not inside_chain(verb)
                  for t in verb_triples(verb)]
    candidates.extend(noun_triples(doc))
    for triple in candidates:
        key = (triple.relation, triple.arguments)
        if key in seen or not triple.arguments:
            continue
        seen.add(key)
        found.append(triple)
    return sorted(found, key=lambda t: -t.confidence)


def sentences(data: bytes, name: str) -> list[str]:
    """The lines of a UTF-8 file, without their line ends; ``ValueError`` names a bad byte.

    Only a line feed (with an optional carriage return) ends a line: other Unicode
    separators stay inside the sentence they were written in.

    >>> sentences(b"One.\\r\\nTwo.\\n", "in.txt")
    ['One.', 'Two.']
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ValueError(f"{name}: line {line}: not UTF-8 (byte {error.start})") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def tsv_lines(lines: Iterable[str], nlp: Language | None = None) -> Iterator[str]:
    """CaRB prediction lines for sentences, each sentence echoed as given; blank ones skipped.

    >>> next(tsv_lines(["Ann met Bob."])).split("\\t")[2:]
    ['met', 'Ann', 'Bob']
    """
    for sentence, triples in extract_lines(lines, nlp):
        for triple in triples:
            yield triple.tsv(sentence)


def extract_lines(lines: Iterable[str], nlp: Language | None = None
                  ) -> Iterator[tuple[str, list[Triple]]]:
    """Each non-blank line with its tuples, parsed in batches through ``nlp.pipe``.

    >>> [(s, len(t) > 0) for s, t in extract_lines(["Ann met Bob.", "  "])]
    [('Ann met Bob.', True)]
    """
    nlp = nlp or kg.nlp.load()
    kept = (line for line in lines if line.strip())
    for doc, line in kg.nlp.parse(nlp, ((line, line) for line in kept)):
        yield line, extract(doc)
