"""The embedded store writes what a build's workers hand it (N-Quads) whole or not at all.

The seed article's graph, as the build wrote it, is the material: written again under
other ids through :meth:`Store.replace_serialized` (the bulk loader), it must come back
quad for quad; a replaced article keeps nothing of its old graph; a batch that cannot be
loaded writes none of its articles and says which.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import SEED_ID

from kg.graph import iri
from kg.graph.rdf import Run
from kg.graph.store import Store, StoreWriteError
from kg.records import Document
from kg.tasks import Failure, Prepared, prepare_articles


def _graph(store: Store, doc_id: str) -> set[tuple[str, str, str]]:
    """The triples of one article's graph, as text (the graph's name left out)."""
    graph = iri.article_graph(doc_id)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads()
            if q.graph_name.value == graph}


def _as(store: Store, doc_id: str, quads: list[ox.Quad] | None = None) -> bytes:
    """The seed article's graph (or ``quads`` of it) moved to the graph of ``doc_id``."""
    graph = ox.NamedNode(iri.article_graph(doc_id))
    source = iri.article_graph(SEED_ID)
    if quads is None:
        quads = [q for q in store.quads() if q.graph_name.value == source]
    return ox.serialize([ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads],
                        format=ox.RdfFormat.N_QUADS)


def test_new_articles_are_written_quad_for_quad(seed_store: Store, tmp_path: Path) -> None:
    seed = _graph(seed_store, SEED_ID)
    assert len(seed) > 100
    store = Store(tmp_path / "store")
    store.replace_serialized([("a", _as(seed_store, "a")), ("b", _as(seed_store, "b"))],
                             new=True)
    assert _graph(store, "a") == _graph(store, "b") == seed
    assert store.owed_articles() == ["a", "b"]


def test_a_replaced_article_keeps_nothing_of_its_old_graph(seed_store: Store,
                                                           tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.replace_serialized([("a", _as(seed_store, "a")), ("b", _as(seed_store, "b"))],
                             new=True)
    source = iri.article_graph(SEED_ID)
    half = [q for q in seed_store.quads() if q.graph_name.value == source][::2]
    store.replace_serialized([("a", _as(seed_store, "a", half))])
    assert _graph(store, "a") == {(str(q.subject), str(q.predicate), str(q.object))
                                  for q in half}
    assert _graph(store, "b") == _graph(seed_store, SEED_ID)  # the other article untouched
    assert store.owed_articles() is None  # a replaced article owes the whole pass


@pytest.mark.parametrize("new", [True, False])
def test_a_batch_that_cannot_be_loaded_writes_none_of_its_articles(
        seed_store: Store, tmp_path: Path, new: bool) -> None:
    store = Store(tmp_path / "store")
    store.replace_serialized([("a", _as(seed_store, "a"))], new=True)
    broken = _as(seed_store, "c")[:-200] + b"<http://e/s> <http://e/p> \"unterminated .\n"
    with pytest.raises(StoreWriteError) as caught:
        store.replace_serialized([("b", _as(seed_store, "b")), ("c", broken)], new=new)
    assert caught.value.unwritten == ["b", "c"] and caught.value.written == ["a"]
    assert _graph(store, "b") == _graph(store, "c") == set()  # not one quad of the batch
    assert _graph(store, "a") == _graph(seed_store, SEED_ID)


def test_a_task_may_hand_over_its_articles_already_prepared() -> None:
    """What the benchmark of the writer alone does: its task returns the graphs, which
    go to the writer as they are, failures with them."""
    documents = [Document("a", "text", ()), Document("b", "text", ())]
    ready = [Prepared("a", 3, b"<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n"),
             Failure("b", "b: parsing failed (ValueError: bad)")]
    outcomes = prepare_articles(documents, "", None, Run("kg", "model", "2025-01-01"),
                                lambda docs, salt, model: list(ready))
    assert outcomes == ready
