"""The ``--shared DIR`` option every derivation script takes: the shared data folder
(``../shared`` beside the repository by default), checked to hold the files it reads.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_folder(argv: list[str] | None, description: str, *needed: str) -> Path:
    """Parse ``--shared DIR`` from ``argv`` and give the folder; exit 2 with one error line
    naming what is missing when it lacks one of ``needed`` (paths inside it).

    >>> shared_folder(["--shared", "/nowhere"], "Derive.", "dictionaries/a.txt")
    Traceback (most recent call last):
    SystemExit: 2
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help=f"The shared data folder (it holds {', '.join(needed)}).")
    folder = parser.parse_args(argv).shared
    missing = [name for name in needed if not (folder / name).is_file()]
    if missing:
        parser.exit(2, f"error: {folder}: no {', '.join(missing)} (give --shared DIR)\n")
    return folder
