"""notebooks/03-event-data.ipynb runs on a real kernel over the corpus build and draws the
cooperation–conflict series of the corpus' five busiest country dyads."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import matplotlib.image
import nbformat
import numpy as np
import pytest
from conftest import ROOT
from nbclient import NotebookClient

from kg.eventdata.timeline import timeline, top_dyads
from kg.graph.store import Store

NOTEBOOK = ROOT / "notebooks" / "03-event-data.ipynb"


def test_the_notebook_is_kept_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def _pngs(cell: nbformat.NotebookNode) -> list[np.ndarray]:
    return [matplotlib.image.imread(io.BytesIO(base64.b64decode(o["data"]["image/png"])),
                                    format="png")
            for o in cell.outputs if "image/png" in o.get("data", {})]


def test_the_notebook_draws_the_top_five_country_dyads(
        corpus_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel reads the session's corpus build (read-only) instead of building its own.
    monkeypatch.setenv("KG_STORE", str(corpus_store.path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import json\nprint(json.dumps({'top': top, 'records': len(records), "
        "'countries': int((series['level'] == 'country').sum())}))"))
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    probe = notebook.cells.pop()
    facts = json.loads("".join(o.get("text", "") for o in probe.outputs).strip().splitlines()[-1])
    expected = top_dyads(timeline(corpus_store), 5)
    assert facts["top"] == expected and len(expected) == 5
    assert all(" – " in dyad for dyad in expected)
    assert facts["records"] > 300 and facts["countries"] > 20
    code = [c for c in notebook.cells if c.cell_type == "code"]
    pictures = _pngs(next(c for c in code if "line_chart(series" in c.source))
    assert len(pictures) == 1
    picture = pictures[0][..., :3]
    coloured = picture[(picture < 0.9).any(axis=-1)]
    assert len(coloured) > 0.02 * picture.shape[0] * picture.shape[1]  # lines were drawn
    assert len(_pngs(next(c for c in code if "heat_map(series" in c.source))) == 1
    assert not [o for c in notebook.cells for o in c.get("outputs", [])
                if o.output_type == "error"]
