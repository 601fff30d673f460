"""Fit the weights of the open-IE confidence (``kg/data/openie_weights.tsv``).

    python benchmarks/openie_weights.py [--shared DIR] [--dry-run]

Reads the first half of CaRB dev (``eval/carb/dev-sentences.txt``; the second half is
kept for checking, see ``benchmarks/quality.py``), scores each tuple ``kg.openie`` finds
against the gold tuples of its sentence with ``eval/carb.py`` (the precision of its best
match), and fits a logistic regression of that score on the tuple's features, with a
little L2 shrinkage so that rare features stay near zero. The weights file is rewritten.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from quality import ROOT, find_shared

from kg.files import atomic_output
from kg.openie import extract_lines

WEIGHTS = ROOT / "kg" / "data" / "openie_weights.tsv"
HEADER = """\
# Weights of the open-IE confidence (kg/openie.py): feature<TAB>weight, summed with "bias"
# and squashed by the logistic. Higher means likelier to be a correct tuple. Fitted by
# benchmarks/openie_weights.py on the first half of CaRB dev; edit by rerunning it.
"""


def carb_module(shared: Path):
    """The scorer ``eval/carb.py`` as a module."""
    spec = importlib.util.spec_from_file_location("carb", shared / "eval" / "carb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["carb"] = module  # its dataclasses look themselves up here
    spec.loader.exec_module(module)
    return module


def labelled(shared: Path) -> list[tuple[tuple[str, ...], float]]:
    """Each tuple's features with the precision of its best gold match."""
    carb = carb_module(shared)
    folder = shared / "eval" / "carb"
    gold = defaultdict(list)
    for line in (folder / "dev-gold.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        arguments = [a.strip() for a in fields[2:] if carb.CONTEXT_MARK not in a]
        gold[carb.sentence_key(fields[0])].append(
            carb.Extraction.parse(fields[1].strip(), arguments))
    lines = (folder / "dev-sentences.txt").read_text(encoding="utf-8").splitlines()
    rows = []
    for sentence, triples in extract_lines(lines[:len(lines) // 2]):
        candidates = gold[carb.sentence_key(sentence)]
        for triple in triples:
            predicted = carb.Extraction.parse(triple.relation, list(triple.arguments))
            best = max((carb.match(g, predicted).precision for g in candidates), default=0.0)
            rows.append((triple.features, best))
    return rows


def fit(rows: list[tuple[tuple[str, ...], float]], shrink: float = 1.0,
        steps: int = 3000) -> dict[str, float]:
    """Logistic regression of the scores on the features, by gradient descent."""
    names = sorted({f for features, _ in rows for f in features})
    column = {name: n for n, name in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0  # the bias
    for r, (features, _) in enumerate(rows):
        for feature in features:
            x[r, column[feature]] = 1.0
    y = np.array([score for _, score in rows])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        penalty = shrink * np.r_[w[:-1], 0.0]
        w -= (x.T @ (p - y) + penalty) / len(y)
    return {"bias": float(w[-1]), **{name: float(w[column[name]]) for name in names}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, help="The shared data folder.")
    parser.add_argument("--dry-run", action="store_true", help="Print, do not write.")
    args = parser.parse_args(argv)
    shared = find_shared(args.shared)
    if shared is None:
        print("error: no shared data (eval/carb/) found; pass --shared DIR", file=sys.stderr)
        return 2
    weights = fit(labelled(shared))
    text = HEADER + "".join(f"{name}\t{value:.2f}\n" for name, value in weights.items())
    if args.dry_run:
        sys.stdout.write(text)
    else:
        with atomic_output(WEIGHTS) as out:
            out.write(text.encode("utf-8"))
        print(f"wrote {WEIGHTS}: {len(weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
