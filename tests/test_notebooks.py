"""The notebooks in notebooks/ run top to bottom on a real Jupyter kernel and show real content.

Each notebook is executed with nbclient from its own folder, as a user opening it in
Jupyter would. A probe cell appended to the in-memory copy reports facts from the
kernel's state as JSON, so the checks read what the notebook computed, not its layout.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import matplotlib.image
import nbformat
import numpy as np
import pytest
from conftest import ROOT, WIKINEWS
from nbclient import NotebookClient

NOTEBOOKS = ROOT / "notebooks"


def execute(path: Path, probe: str) -> tuple[nbformat.NotebookNode, dict[str, object]]:
    """Run the notebook and then ``probe``, an expression whose value is JSON-printed."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(f"import json\nprint(json.dumps({probe}))"))
    # Raises CellExecutionError, with the traceback, at the first cell that fails.
    # The timeout is per cell; the corpus build is one cell of a few minutes on a busy machine.
    NotebookClient(notebook, timeout=3600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    probe_cell = notebook.cells.pop()
    printed = "".join(o.get("text", "") for o in probe_cell.outputs if o.output_type == "stream")
    return notebook, json.loads(printed.strip().splitlines()[-1])


def outputs_of(notebook: nbformat.NotebookNode, fragment: str) -> list[dict]:
    """The outputs of the one code cell whose source contains ``fragment``."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and fragment in c.source]
    assert len(cells) == 1, f"{len(cells)} cells contain {fragment!r}"
    return cells[0].outputs


def html_of(notebook: nbformat.NotebookNode, fragment: str) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in outputs_of(notebook, fragment))


@pytest.mark.parametrize("name", ["01-seed.ipynb", "02-corpus.ipynb"])
def test_notebooks_are_kept_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.fixture(autouse=True)
def _scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel inherits TMPDIR, so the stores the notebooks make land in pytest's tmp_path.
    monkeypatch.setenv("TMPDIR", str(tmp_path))


def test_seed_notebook_runs_and_shows_the_seed_graph() -> None:
    notebook, facts = execute(NOTEBOOKS / "01-seed.ipynb", """{
        "written": report.written,
        "people": sorted(positions["person"]),
        "top": analysis.centrality.rows[0]["actor"],
        "drawn": [network.nodes, network.edges],
        "evidence": [s["sentence"] for s in putin.statements],
    }""")
    assert facts["written"] == ["000_aebe9d6deb04523e"]
    assert "Donald Trump" in facts["people"] and "Vladimir Putin" in facts["people"]
    assert facts["top"] == "Donald Trump"
    nodes, edges = facts["drawn"]
    assert nodes > 5 and edges >= nodes - 1
    seed_text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt"))
    assert facts["evidence"] and all(s in seed_text for s in facts["evidence"])
    # What the reader sees: the positions table, the network inline, the evidence table.
    assert "Donald Trump" in html_of(notebook, 'kg.query("positions"')
    assert "Vladimir Putin" in html_of(notebook, "\nnetwork")
    assert "Putin" in html_of(notebook, "kg.frame(putin.statements)")
    assert not [o for c in notebook.cells for o in c.get("outputs", [])
                if o.output_type == "error"]


def _png(outputs: list[dict]) -> np.ndarray:
    images = [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1, "the cell shows no figure"
    return matplotlib.image.imread(io.BytesIO(base64.b64decode(images[0])), format="png")


@pytest.mark.slow
def test_corpus_notebook_plots_events_meetings_actors_and_communities() -> None:
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS} is not present")
    notebook, facts = execute(NOTEBOOKS / "02-corpus.ipynb", """{
        "articles": len(report.written), "errors": report.errors,
        "events": int(over_time.to_numpy().sum()), "quarters": len(over_time),
        "types": list(over_time.columns),
        "met": [list(matrix.index), int(matrix.to_numpy().sum()),
                bool((matrix.to_numpy() == matrix.to_numpy().T).all()),
                int((matrix.to_numpy().sum(axis=1) > 0).sum())],
        "central": central["actor"].head(15).tolist(),
        "camps": camps["size"].tolist(),
    }""")
    assert facts["articles"] > 250 and facts["errors"] == []
    assert facts["events"] > 300 and facts["quarters"] >= 4 and len(facts["types"]) >= 8
    shown, meetings, symmetric, with_meetings = facts["met"]
    # Ten pairs, both directions counted: a symmetric matrix with no empty row.
    assert 10 < len(shown) <= 20 and meetings >= 20 and symmetric
    assert with_meetings == len(shown)
    assert len(facts["central"]) == 15 and len(set(facts["central"])) == 15
    assert len(facts["camps"]) > 5 and facts["camps"] == sorted(facts["camps"], reverse=True)
    # The figures really draw: many coloured (non-white) pixels in several colours.
    plot = _png(outputs_of(notebook, "over_time.plot.bar"))[..., :3]
    coloured = plot[(plot < 0.9).any(axis=-1)]
    assert len(coloured) > 0.05 * plot.shape[0] * plot.shape[1]
    assert len(np.unique((coloured * 255).astype(int), axis=0)) > 8
    heatmap = _png(outputs_of(notebook, "axes.imshow(matrix"))
    assert heatmap.shape[0] > 300
    for actor in shown[:3]:
        assert actor in html_of(notebook, "matrix = pd.crosstab")
