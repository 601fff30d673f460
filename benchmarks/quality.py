"""Measure extraction quality on the shared dev data with both of its scorers.

    python benchmarks/quality.py [--shared DIR] [--keep DIR]

Needs the shared data folder (``../shared`` beside the repository, else ``/work/shared``,
or ``--shared``). It

1. builds the dev articles — the seed article and the Wikinews articles whose ids
   appear in ``eval/gold-dev.jsonl`` — into a fresh temporary store with ``kg build``;
2. exports the statements with ``kg export -f jsonl`` and scores them with
   ``eval/score.py`` against ``eval/gold-dev.jsonl``;
3. runs ``kg openie`` over ``eval/carb/dev-sentences.txt`` and scores the tuples with
   ``eval/carb.py``, on the whole dev set and on each half of it (the first half is
   where the open-IE rules and weights were tuned; the second half shows how they carry).

Every scorer's report is printed as it comes, then one summary line per scorer. The
exit code is 0 when everything ran, 1 when a step failed, 2 when the shared data is
missing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = (ROOT.parent / "shared", Path("/work/shared"))
SEEDS = ROOT / "seeds"


class StepFailed(RuntimeError):
    """A command of the benchmark exited with an error; the message says which."""


def find_shared(given: Path | None) -> Path | None:
    """The shared data folder: the one given, else the first candidate that holds ``eval``."""
    for folder in (given,) if given else CANDIDATES:
        if folder is not None and (folder / "eval" / "score.py").is_file():
            return folder
    return None


def run(*args: str | Path) -> str:
    """Run a command, echo its output and give it back; raise when it fails."""
    command = [str(a) for a in args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise StepFailed(f"`{' '.join(command)}` exited with {done.returncode}: "
                         f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ''}")
    return done.stdout


def kg(*args: str | Path) -> str:
    """Run the ``kg`` command of this checkout."""
    return run(sys.executable, "-m", "kg", *args)


def gold_documents(gold: Path) -> set[str]:
    """The ids of the documents the gold file scores (it has ``#`` comment lines)."""
    ids: set[str] = set()
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            ids.add(json.loads(line)["doc"])
    return ids


def dev_articles(corpus: Path, ids: set[str], target: Path) -> int:
    """Write the corpus records whose ids are in ``ids`` to ``target``; return how many."""
    kept = [line for line in corpus.read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line).get("id") in ids]
    target.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    return len(kept)


def last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def statements(shared: Path, work: Path) -> str:
    """Build the dev articles, export them and score the export; the scorer's last line."""
    gold = shared / "eval" / "gold-dev.jsonl"
    articles = work / "dev-articles.jsonl"
    count = dev_articles(shared / "corpus" / "wikinews.jsonl", gold_documents(gold), articles)
    print(f"== statements: the seed and {count} Wikinews articles of {gold.name}", flush=True)
    store = work / "store"
    print(kg("build", SEEDS, articles, "--store", store, "--quiet").strip(), flush=True)
    export = work / "statements.jsonl"
    kg("export", "-f", "jsonl", "--store", store, "-o", export)
    report = run(sys.executable, shared / "eval" / "score.py", "--gold", gold, "--pred", export)
    print(report, flush=True)
    return last_line(report)


def carb(shared: Path, work: Path) -> list[tuple[str, str]]:
    """Run ``kg openie`` on CaRB dev and score the whole set and each half."""
    folder = shared / "eval" / "carb"
    sentences = folder / "dev-sentences.txt"
    predictions = work / "carb-dev.tsv"
    print(f"== open IE: kg openie {sentences.name}", flush=True)
    kg("openie", sentences, "-o", predictions)
    lines = sentences.read_text(encoding="utf-8").splitlines(keepends=True)
    middle = len(lines) // 2
    parts = {"whole": lines, "first half": lines[:middle], "second half": lines[middle:]}
    results = []
    for name, part in parts.items():
        subset = work / f"carb-{name.replace(' ', '-')}.txt"
        subset.write_text("".join(part), encoding="utf-8")
        report = run(sys.executable, shared / "eval" / "carb.py", "--gold",
                     folder / "dev-gold.tsv", "--pred", predictions, "--sentences", subset)
        print(f"-- CaRB dev, {name} ({len(part)} sentences)\n{report}", flush=True)
        results.append((name, last_line(report)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, help="The shared data folder.")
    parser.add_argument("--keep", type=Path,
                        help="Keep the store, export and predictions in this folder.")
    args = parser.parse_args(argv)
    shared = find_shared(args.shared)
    if shared is None:
        where = args.shared or " or ".join(str(c) for c in CANDIDATES)
        print(f"error: no shared data at {where} (it needs eval/score.py, eval/gold-dev.jsonl, "
              "eval/carb/ and corpus/wikinews.jsonl)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kg-quality-") as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        try:
            score = statements(shared, work)
            carb_lines = carb(shared, work)
        except (StepFailed, OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    print("== summary")
    print(f"score.py gold-dev  {score}")
    for name, line in carb_lines:
        print(f"carb.py dev {name:11} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
