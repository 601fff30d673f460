"""Shared fixtures: the seed article built once per test session, and a real browser."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from browser import chromium  # noqa: F401  (a pytest fixture: headless Debian Chromium)

import kg
from kg.graph.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_ID = "000_aebe9d6deb04523e"
SHARED = ROOT.parent / "shared"
WIKINEWS = SHARED / "corpus" / "wikinews.jsonl"
CORPUS_FIXTURES = frozenset({"corpus_store", "wikinews_sample"})


def load_script(path: Path) -> ModuleType:
    """A script of the repository (``scripts/``, ``benchmarks/``) imported as a module, so
    that a test runs its functions and doctests."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that builds on the corpus (through a fixture, however indirectly) is slow:
    ``pytest -m "not slow"`` leaves it out of the quick loop; CI runs everything."""
    for item in items:
        if CORPUS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store built from ``seeds/`` (read it, never write to it)."""
    store = Store(tmp_path_factory.mktemp("seed") / "store")
    report = kg.build([SEEDS], store=store)
    assert report.errors == [] and report.written == [SEED_ID]
    return store


@pytest.fixture(scope="session")
def wikinews_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 40 Wikinews articles as a JSONL file (skips without ``../shared``)."""
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS} is not present")
    path = tmp_path_factory.mktemp("wikinews") / "sample.jsonl"
    with WIKINEWS.open(encoding="utf-8") as source:
        lines = [line for _, line in zip(range(40), source, strict=False)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """``seeds/`` plus the whole Wikinews corpus, built once per session (read it only).

    Skips without ``../shared``. About two minutes on the CI machine, so every
    corpus-level test shares this one build.
    """
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS} is not present")
    store = Store(tmp_path_factory.mktemp("corpus") / "store")
    report = kg.build([SEEDS, WIKINEWS], store=store)
    assert report.errors == []
    return store


class SyntheticArticles:
    """A fresh store that synthetic articles (benchmarks/synthetic.py, over the seed's
    names) are written to and written again: ``write(seed, n)`` replaces the articles of
    ids 1…n with those drawn from ``seed``."""

    def __init__(self, seed_store: Store, path: Path) -> None:
        from kg.graph.rdf import Run, reading_quads

        self._synthetic = load_script(ROOT / "benchmarks" / "synthetic.py")
        self._vocabulary = self._synthetic.Vocabulary.from_store(seed_store)
        self._run = Run("kg test", "synthetic", "2025-01-01T00:00:00Z")
        self._quads = reading_quads
        self.store = Store(path)
        self.store.ensure_ontology()

    def write(self, seed: int, articles: int) -> None:
        readings = self._synthetic.synthetic_readings(self._vocabulary, seed=seed)
        self.store.replace_articles([
            (r.document.id, list(self._quads(r, self._run)))
            for r in (next(readings) for _ in range(articles))])


@pytest.fixture
def synthetic_articles(seed_store: Store, tmp_path: Path) -> SyntheticArticles:
    """A store of synthetic articles a test writes and rewrites (:class:`SyntheticArticles`)."""
    return SyntheticArticles(seed_store, tmp_path / "synthetic")
