"""kg.registry: exporters and store kinds registered by name, each loaded when first asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.registry import Registry


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(*sorted(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_listing_the_formats_loads_no_writer_module() -> None:
    loaded = _loaded_after("from kg.exporters import EXPORTERS\nassert 'png' in EXPORTERS")
    assert "kg.viz.static" not in loaded and "matplotlib" not in loaded
    loaded = _loaded_after("from kg.exporters import GRAPH_WRITERS\nGRAPH_WRITERS['png']")
    assert "kg.viz.static" in loaded


def test_a_store_kind_is_loaded_by_its_url_scheme() -> None:
    loaded = _loaded_after("from kg.graph.store import Store\nimport tempfile\n"
                           "Store(tempfile.mkdtemp())")
    assert "kg.graph.remote" not in loaded and "httpx" not in loaded
    loaded = _loaded_after("from kg.graph.store import STORES\nprint(STORES['https'].__name__)")
    assert "kg.graph.remote" in loaded and "RemoteStore" in loaded


def test_an_unknown_name_says_what_there_is() -> None:
    stores = Registry("kind of store", {"directory": dict})
    with pytest.raises(KeyError, match=r"unknown kind of store 'ftp' \(choose from directory\)"):
        stores["ftp"]
