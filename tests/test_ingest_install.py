"""The plain install: ``python3 -m venv v && v/bin/pip install .`` with the pip that Python
3.11 bundles (23.2, the oldest supported), then ``kg build`` on the seed article.

It installs from PyPI into a fresh virtualenv: about a minute and a half, most of it
downloading and unpacking spaCy, its model and their dependencies.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _copy_tree(target: Path) -> None:
    """The project's files as git sees them (tracked, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.mark.slow  # a fresh virtualenv installed from the package index
def test_plain_install_with_the_bundled_pip_builds_the_seed(tmp_path: Path) -> None:
    source, venv = tmp_path / "src", tmp_path / "v"
    _copy_tree(source)
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    pip = subprocess.run([venv / "bin" / "pip", "--version"], check=True, capture_output=True,
                         text=True).stdout
    assert pip.startswith("pip 23."), pip  # not upgraded: 23.2, the oldest pip supported
    installed = subprocess.run([venv / "bin" / "pip", "install", "--quiet", source],
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr[-2000:]
    built = subprocess.run([venv / "bin" / "kg", "build", "--quiet", "--store",
                            tmp_path / "store", SEEDS], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    assert built.stdout.startswith("1 articles built, 0 unchanged, "), built.stdout
