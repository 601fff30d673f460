"""The seed article's graph, built by the real pipeline, in a real headless browser."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from browser import Browser

import kg
from kg.graph.store import Store


@pytest.fixture(scope="module")
def seed_page(chromium: Browser, seed_store: Store, tmp_path_factory: pytest.TempPathFactory
              ) -> Browser:
    out = kg.render(tmp_path_factory.mktemp("seed-html") / "seed.html", store=seed_store,
                    title="Seed article").path
    chromium.clear_logs()
    chromium.driver.get(out.resolve().as_uri())
    deadline = time.monotonic() + 20
    while not chromium.driver.execute_script("return window.kgReady === true"):
        assert time.monotonic() < deadline, "the page never became ready"
        time.sleep(0.05)
    return chromium


def test_seed_graph_shows_the_leaders_offline(seed_page: Browser) -> None:
    assert seed_page.severe_errors() == []
    assert seed_page.external_requests() == []
    labels = set(seed_page.driver.execute_script(
        "return kgNodes.get().map(function (n) { return n.label; })"))
    assert {"Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Viktor Orbán"} <= labels


def test_seed_edge_tooltip_shows_evidence(seed_page: Browser) -> None:
    tips = seed_page.driver.execute_script(
        "return kgEdges.get().map(function (e) { return e.title.textContent; })")
    assert any("phone conversation with Russian President Vladimir Putin" in t for t in tips)


def test_seed_screenshot(seed_page: Browser, tmp_path: Path) -> None:
    shot = tmp_path / "seed.png"
    assert seed_page.driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
