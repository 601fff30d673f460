"""The entity pass over the articles a build adds settles names as a pass over the store does."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.graph.store import Store
from kg.pipeline import Builder
from kg.resolve.affected import affected
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
