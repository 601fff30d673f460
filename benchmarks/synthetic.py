"""A synthetic store of a chosen number of RDF statements, shaped like a real build.

Articles of made-up statements are written with the project's own records
(:class:`~kg.records.Statement`, :class:`~kg.records.Entity`, …), its RDF writer
(:func:`kg.graph.rdf.reading_quads`) and its store (:meth:`Store.replace_articles`), so
the graph has exactly the shape a build gives it. The vocabulary is real: entity names and
types and the evidence sentences come from a store built from the corpus, and entities
are drawn with a long-tailed (Zipf) frequency, as in news. Seeded, so it is reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from kg.graph.ontology import relations
from kg.graph.rdf import Run, reading_quads
from kg.graph.store import Store
from kg.records import Argument, Block, Document, Entity, Evidence, Reading, Statement

STATEMENTS_PER_ARTICLE = 20
ARTICLES_PER_WRITE = 32


@dataclass(frozen=True)
class Vocabulary:
    """What synthetic articles are made of, read from a real store."""

    entities: list[tuple[str, str]]  # (name, class), most mentioned first
    sentences: list[str]

    @classmethod
    def from_store(cls, store: Store) -> Vocabulary:
        """The entities and sentences of a built store (it must hold some of each)."""
        entities = [(row["name"].value, row["type"].value.rsplit("#", 1)[-1]) for row in
                    store.query("""SELECT ?name ?type (SUM(?c) AS ?n) WHERE {
                                     ?e dip:mentionCount ?c ; rdfs:label ?name ; a ?type }
                                   GROUP BY ?name ?type ORDER BY DESC(?n) ?name""")]
        sentences = sorted({row["t"].value for row in
                            store.query("SELECT ?t WHERE { ?s a dip:Sentence ; dip:text ?t }")})
        if not entities or not sentences:
            raise ValueError(f"{store.path}: no entities or sentences to draw from")
        return cls(entities, sentences)


def synthetic_readings(vocabulary: Vocabulary, seed: int = 8) -> Iterator[Reading]:
    """An endless, reproducible stream of synthetic articles.

    >>> vocab = Vocabulary([("Russia", "Country"), ("Olaf Scholz", "Person")],
    ...                    ["Scholz visited Russia."])
    >>> reading = next(synthetic_readings(vocab))
    >>> len(reading.statements), reading.document.id
    (20, 'synthetic-000000')
    """
    rng = random.Random(seed)
    codes = sorted(relations())
    weights = [1 / (rank + 1) for rank in range(len(vocabulary.entities))]
    number = 0
    while True:
        doc_id = f"synthetic-{number:06d}"
        text_parts: list[str] = []
        statements = []
        mentioned: dict[tuple[str, str], int] = {}
        for _ in range(STATEMENTS_PER_ARTICLE):
            sentence = rng.choice(vocabulary.sentences)
            start = sum(len(part) + 1 for part in text_parts)
            text_parts.append(sentence)
            (subject, s_type), (obj, o_type) = rng.choices(vocabulary.entities, weights, k=2)
            for key in ((subject, s_type), (obj, o_type)):
                mentioned[key] = mentioned.get(key, 0) + 1
            code = rng.choice(codes)
            statements.append(Statement(
                subject=Argument(subject, start, start + len(subject), subject, s_type),
                relation=code,
                evidence=Evidence(doc_id, sentence, start, start + len(sentence),
                                  round(rng.uniform(0.5, 1.0), 3), "synthetic"),
                object=Argument(obj, start, start + len(obj), obj, o_type),
                role="President" if code == "HOLDS_POSITION" else None,
                quote=sentence if code == "SAID" else None,
                label="talked about" if code == "OTHER" else None,
            ))
        text = "\n".join(text_parts)
        document = Document(doc_id, text, (Block(0, len(text)),), title=f"Article {number}",
                            date=f"20{10 + number % 15:02d}-{1 + number % 12:02d}-15")
        entities = tuple(Entity(name, kind, (name,), count)
                         for (name, kind), count in sorted(mentioned.items()))
        yield Reading(document, tuple(statements), entities, f"synthetic-{number}")
        number += 1


def fill(store: Store, vocabulary: Vocabulary, target: int, run: Run) -> int:
    """Write synthetic articles into ``store`` until it holds ``target`` quads; the count."""
    store.ensure_ontology()
    readings = synthetic_readings(vocabulary)
    # counted here, not asked of the store: on a server a COUNT per batch costs more than
    # the write (every article has a graph of its own, so the counts simply add up)
    held = len(store)
    while held < target:
        batch = [(r.document.id, list(reading_quads(r, run)))
                 for r in (next(readings) for _ in range(ARTICLES_PER_WRITE))]
        store.replace_articles(batch)
        store.flush()  # as a build does: unflushed writes stay in memory
        held += sum(len(quads) for _, quads in batch)
    return held
