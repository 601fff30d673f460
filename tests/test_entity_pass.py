"""The entity pass over the articles a build adds settles names as a pass over the store does."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.graph import iri
from kg.graph.store import Store
from kg.pipeline import Builder
from kg.resolve.affected import NameIndex, StoreNames, affected, names
from kg.resolve.corpus import unify


def _copy(store: Store, path: Path) -> Store:
    db = ox.Store(str(path))
    db.bulk_extend(store.quads())
    db.flush()
    del db
    gc.collect()  # the directory's lock goes with the object
    return Store(path)


def _nquads(store: Store) -> set[str]:
    return {str(quad) for quad in store.quads()}


@pytest.mark.slow
def test_the_pass_over_added_articles_renames_as_a_pass_over_the_store(
        wikinews_sample: Path, tmp_path: Path) -> None:
    lines = wikinews_sample.read_text(encoding="utf-8").splitlines(keepends=True)
    first, added = tmp_path / "first.jsonl", tmp_path / "added.jsonl"
    first.write_text("".join(lines[:25]), encoding="utf-8")
    added.write_text("".join(lines[25:]), encoding="utf-8")
    store = Store(tmp_path / "whole")
    assert kg.build([first], store=store).errors == []
    assert not store.entity_pass_pending()
    report = Builder(store).build([added])  # written, the pass still owed
    assert store.owed_articles() == sorted(report.written) and len(report.written) == 15
    incremental = _copy(store, tmp_path / "incremental")

    renamed_whole = unify(store)
    renamed_added = unify(incremental, incremental.owed_articles())

    assert renamed_whole > 0  # the added articles meet names of the first ones
    assert renamed_added == renamed_whole
    assert _nquads(incremental) == _nquads(store)


@pytest.mark.slow
def test_passes_over_each_batch_added_rename_as_passes_over_the_store(
        wikinews_sample: Path, tmp_path: Path) -> None:
    """Batch after batch, the pass over the added articles (names read summed per IRI, a
    surname's roles only where a full name of it is met) leaves the store as a pass over
    the whole store does; and the closure read name by name from the store is the one
    over all of its names."""
    lines = wikinews_sample.read_text(encoding="utf-8").splitlines(keepends=True)
    store = Store(tmp_path / "store")
    renamed = []
    # the second batch moves a name of the first one's articles (a class decided again)
    for number, batch in enumerate((lines[:3], lines[3:8], lines[8:])):
        path = tmp_path / f"batch-{number}.jsonl"
        path.write_text("".join(batch), encoding="utf-8")
        report = Builder(store).build([path])
        owed = store.owed_articles()
        assert owed == sorted(report.written)
        whole = _copy(store, tmp_path / f"whole-{number}")
        index = NameIndex(names(store))
        for article in owed:
            seeds = {label for label, _ in names(store, [iri.article_graph(article)])}
            assert StoreNames(store).closure(seeds) == affected(seeds, index)
        renamed.append(unify(store, owed))
        assert renamed[-1] == unify(whole)
        store.entity_pass_done()
        whole.entity_pass_done()
        assert _nquads(store) == _nquads(whole)
        del whole
        gc.collect()
    assert sum(renamed[1:]) > 0  # later articles meet, and move, names of earlier ones


def test_a_build_of_new_articles_owes_the_pass_over_them_alone(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Russian President Vladimir Putin met Xi Jinping in Moscow.")
    store = Store(tmp_path / "store")
    builder = Builder(store)
    builder.build([folder])
    assert store.owed_articles() == ["a"]
    (folder / "b.txt").write_text("Putin said the talks went well.")
    builder.build([folder])
    assert store.owed_articles() == ["a", "b"]
    (folder / "a.txt").write_text("Vladimir Putin met Xi Jinping in Beijing.")
    builder.build([folder])  # a replaced: what it held may have decided b's names
    assert store.owed_articles() is None
    kg.build([folder], store=store)
    assert not store.entity_pass_pending()


def test_a_surname_meets_the_full_names_it_may_join_and_their_namesakes() -> None:
    names = [("Boris Johnson", "Person"), ("Johnson", "Person"), ("Hong Kong", "Place"),
             ("Hong Kong Carrie Lam", "Person"), ("Carrie Lam", "Person"), ("EU", "Organisation"),
             ("E.U.", "Organisation"), ("Angela Merkel", "Person")]
    assert affected(["Johnson"], names) == {"Boris Johnson", "Johnson"}
    assert affected(["Hong Kong"], names) == {"Hong Kong", "Hong Kong Carrie Lam", "Carrie Lam"}
    assert affected(["EU"], names) == {"EU", "E.U."}
