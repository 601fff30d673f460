"""Servers for the explorer's tests: ``kg serve``'s own server over the seed store, over the
corpus store, and over an article written to attack the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kg
from kg.endpoint import serving
from kg.graph.store import Store

HOSTILE = "\n\n".join([
    "Talks </script><script>window.kgOwned = 1</script> in Budapest",
    "Viktor Orbán met Vladimir Putin in Budapest on Monday to discuss "
    '<img src=x onerror="window.kgOwned = 2"> gas supplies.',
    '"We will never accept </script><b>this</b>," Orbán said.',
]) + "\n"


@pytest.fixture(scope="session")
def seed_server(seed_store: Store) -> Iterator[str]:
    """``kg serve`` over the seed store: its base URL."""
    with serving(seed_store, workers=2) as url:
        yield url


@pytest.fixture(scope="session")
def corpus_server(corpus_store: Store) -> Iterator[str]:
    """``kg serve`` over the seeds and the Wikinews corpus: its base URL."""
    with serving(corpus_store, workers=2) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kg serve`` over one article whose title and text carry markup and script."""
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "talks.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    store = Store(folder / "store")
    report = kg.build([Path(article)], store=store, date="2025-10-20")
    assert report.errors == []
    with serving(store, workers=1) as url:
        yield url
