"""scripts/shared_folder.py: the ``--shared DIR`` option of every derivation script."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from conftest import ROOT, load_script

SCRIPTS = sorted((ROOT / "scripts").glob("derive_*.py"))
TAKE_SHARED = [s for s in SCRIPTS if "--shared" in s.read_text(encoding="utf-8")]


def test_the_helper_doctests() -> None:
    failures, tried = doctest.testmod(load_script(ROOT / "scripts" / "shared_folder.py"))
    assert tried and not failures


def test_every_script_that_reads_the_shared_folder_takes_it_through_the_helper() -> None:
    assert len(TAKE_SHARED) >= 4
    for script in TAKE_SHARED:
        text = script.read_text(encoding="utf-8")
        assert "shared_folder(argv" in text and "add_argument(\"--shared\"" not in text, script


@pytest.mark.parametrize("script", TAKE_SHARED, ids=lambda p: p.stem)
def test_a_folder_without_the_dictionaries_is_one_error_line(
        script: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    derive = load_script(script)
    with pytest.raises(SystemExit) as stopped:
        derive.main(["--shared", str(tmp_path)])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith(f"error: {tmp_path}: no dictionaries/")
