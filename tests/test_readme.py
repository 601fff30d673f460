"""Every example of the README that can run here runs: its Python blocks, and its ``kg`` command
lines against the seed article.

The Python blocks run in order as one script (the second uses the first's ``import kg``) in a
fresh folder holding ``seeds/``, after the README's own ``kg build seeds/`` and the export
lines that write the files the blocks read. The ``kg`` lines of the shell blocks run one by
one in another such folder, the corpus left out of their arguments (``../shared`` is the
CI's, and the corpus is what the slow tests build); a line that cannot run here (it serves,
needs a cluster, fetches from the web, or reads an input the README does not ship) is
skipped by name below, with the tests that cover it instead.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

README = ROOT / "README.md"
KG = [sys.executable, "-m", "kg"]
CORPUS_ARGUMENTS = {"../shared/corpus/wikinews.jsonl", "corpus.jsonl"}
NOT_HERE = {
    "serve": "serves until stopped (tests/endpoint/ runs the server)",
    "--cluster": "needs a Dask scheduler (tests/test_distributed_build.py starts one)",
    "update": "reads feeds from the web again (tests/ingest/ fetch from loopback servers)",
    "urls.txt": "an input the README does not ship (tests/ingest/test_fetch.py)",
    "CC-NEWS-20240305.warc.gz": "an input the README does not ship (tests/ingest/test_warc.py)",
    "top-headlines.json": "an input the README does not ship (tests/ingest/test_dumps.py)",
}
WEB = "fetches from the web (no test reaches the internet; tests/ingest/ fetch from loopback)"
# Inputs some lines name, made in the folder first: a query file (the README's first SPARQL
# example) and sentences for open IE.
INPUTS = {
    "my-question.rq": "SELECT ?a ?b WHERE { ?x dip:consults ?y . ?x rdfs:label ?a . "
                      "?y rdfs:label ?b }\n",
    "sentences.txt": "Russian President Vladimir Putin met Chinese President Xi Jinping.\n",
}


def blocks(language: str) -> list[str]:
    """The fenced blocks of the README in ``language``, in order."""
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.M | re.S)


def kg_lines() -> list[list[str]]:
    """The ``kg`` command lines of the shell blocks as argument lists (comments and corpus
    paths dropped, each line once)."""
    lines: list[list[str]] = []
    for block in blocks("bash"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["kg"]:
                words = [w for w in words[1:] if w not in CORPUS_ARGUMENTS]
                if words not in lines:
                    lines.append(words)
    return lines


def _reason_to_skip(words: list[str]) -> str | None:
    if any("://" in word for word in words):
        return WEB
    return next((why for word, why in NOT_HERE.items() if word in words), None)


def _run(words: list[str], folder: Path) -> None:
    result = subprocess.run([*KG, *words], cwd=folder, capture_output=True, text=True,
                            env=_environment(), timeout=600)
    assert result.returncode == 0, f"kg {shlex.join(words)}: {result.stderr}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "seeds").symlink_to(SEEDS, target_is_directory=True)
    for name, text in INPUTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _environment() -> dict[str, str]:
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200",
                   "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    environment.pop("KG_STORE", None)  # the README's lines use the default store, ./kg-data
    return environment


def test_the_readme_has_examples() -> None:
    assert len(blocks("python")) >= 2
    assert ["build", "seeds/"] in kg_lines() and len(kg_lines()) > 15


def test_python_examples_run(folder: Path) -> None:
    text = "\n".join(blocks("python"))
    _run(["build", "seeds/"], folder)
    for words in kg_lines():  # the exports whose files the blocks read
        if words[0] == "export" and "-o" in words and words[words.index("-o") + 1] in text:
            _run(words, folder)
    script = folder / "readme.py"
    script.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], cwd=folder, capture_output=True,
                            text=True, env=_environment(), timeout=600)
    assert result.returncode == 0, result.stderr
    assert (folder / "statements.jsonl").stat().st_size > 0
    assert "Viktor Orb" in (folder / "graph.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_kg_lines_run_against_the_seed(folder: Path) -> None:
    ran = []
    for words in kg_lines():
        if _reason_to_skip(words):
            continue
        _run(words, folder)
        ran.append(words[0])
    assert {"build", "query", "export", "render", "analyze", "validate", "openie"} <= set(ran)
    for output in ("met.csv", "statements.jsonl", "graph.trig", "graph.html", "trump.html",
                   "graph.gexf", "tuples.tsv"):
        assert (folder / output).stat().st_size > 0, output
    assert any((folder / "analysis").iterdir())
