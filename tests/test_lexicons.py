"""kg/lexicons.py: the data version that decides whether an unchanged article is read again."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import kg
from kg.lexicons import data_version

PACKAGE = Path(kg.__file__).parent


def _version_of(root: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "import kg.lexicons; print(kg.lexicons.data_version())"],
        capture_output=True, text=True, check=True, cwd=root, env={"PYTHONPATH": str(root)})
    return result.stdout.strip()


def test_the_data_version_is_the_same_wherever_the_package_lies(tmp_path: Path) -> None:
    # a clone elsewhere must not re-read every article: the version names files by their
    # path inside kg/data, not by where the checkout is
    copy = tmp_path / "elsewhere" / "checkout"
    shutil.copytree(PACKAGE, copy / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    assert _version_of(copy) == data_version()


def test_the_data_version_follows_the_data(tmp_path: Path) -> None:
    copy = tmp_path / "checkout"
    shutil.copytree(PACKAGE, copy / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    titles = copy / "kg" / "data" / "titles.txt"
    titles.write_text(titles.read_text(encoding="utf-8") + "archchancellor\n", encoding="utf-8")
    assert _version_of(copy) != data_version()
