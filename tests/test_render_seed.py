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
    chromium.open_graph(out)
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


def test_notebook_repr_shows_the_network(chromium: Browser, seed_store: Store,
                                         tmp_path: Path) -> None:
    """What Jupyter shows for ``kg.render(...)``: the page in a sandboxed srcdoc iframe."""
    drawn = kg.render(tmp_path / "nb.html", store=seed_store, title="Notebook <b>view</b>",
                      focus="Viktor Orbán", hops=2)
    frame = drawn._repr_html_()
    assert frame.startswith("<iframe") and "<script" not in frame  # all of it escaped
    # A notebook output area is just a host document: put the repr in one and load it.
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body><h2>Out[1]:</h2>{frame}</body></html>",
                    encoding="utf-8")
    chromium.clear_logs()
    chromium.driver.get(host.resolve().as_uri())
    chromium.driver.switch_to.frame(chromium.driver.find_element("tag name", "iframe"))
    try:
        deadline = time.monotonic() + 20
        while not chromium.driver.execute_script("return window.kgReady === true"):
            assert time.monotonic() < deadline, "the inline page never became ready"
            time.sleep(0.05)
        assert chromium.driver.execute_script("return kgNodes.length") == drawn.nodes > 1
        assert chromium.driver.execute_script("return kgSearch('Orbán')") is not None
        heading = chromium.driver.execute_script(
            "return document.querySelector('h1').textContent")
        assert heading == "Notebook <b>view</b>"
        # The sandbox keeps the page away from the notebook around it.
        assert chromium.driver.execute_script(
            "try { return window.parent.document.title + '!'; } catch (e) { return null; }"
        ) is None
    finally:
        chromium.driver.switch_to.default_content()
    assert chromium.severe_errors() == []
    assert chromium.external_requests() == []
