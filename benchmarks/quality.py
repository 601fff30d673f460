"""Measure extraction quality on the shared dev data with each of its scorers.

    python benchmarks/quality.py [--shared DIR] [--keep DIR] [--misses]

Needs the shared data folder (``../shared`` beside the repository, else ``/work/shared``,
or ``--shared``). It

1. builds the dev articles — the seed article and the Wikinews articles whose ids
   appear in ``eval/gold-dev.jsonl`` — into a fresh temporary store with ``kg build``;
2. exports the statements with ``kg export -f jsonl`` and scores them with
   ``eval/score.py`` against ``eval/gold-dev.jsonl``;
3. builds PLOVER's gold-standard sentences (``eval/plover/gsr-dev.json``, one article
   each, through ``eval/plover.py docs``) and scores the events with ``eval/plover.py``:
   event-type F1 and actor+type F1;
4. runs ``kg openie`` over ``eval/carb/dev-sentences.txt`` and scores the tuples with
   ``eval/carb.py``, on the whole dev set and on each half of it (the first half is
   where the open-IE rules and weights were tuned; the second half shows how they carry).

With ``--misses`` it also prints, per relation, the gold statements that were missed and
the statements that match no gold line, each with its evidence sentence, and the PLOVER
sentences whose type was missed or wrongly added: the error analysis behind each change.

Every scorer's report is printed as it comes, then one summary line per scorer. The
exit code is 0 when everything ran, 1 when a step failed, 2 when the shared data is
missing.
"""

from __future__ import annotations

import argparse
import importlib.util
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


def build_and_export(name: str, *inputs: Path, work: Path) -> Path:
    """``kg build`` the inputs into a fresh store under ``work``; its jsonl export."""
    store = work / f"store-{name}"
    print(kg("build", *inputs, "--store", store, "--quiet").strip(), flush=True)
    export = work / f"{name}.jsonl"
    kg("export", "-f", "jsonl", "--store", store, "-o", export)
    return export


def load_scorer(path: Path):
    """A scorer of the shared data as a module (its functions, not its command line)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def statements(shared: Path, work: Path, misses: bool = False) -> str:
    """Build the dev articles, export them and score the export; the scorer's last line."""
    gold = shared / "eval" / "gold-dev.jsonl"
    articles = work / "dev-articles.jsonl"
    count = dev_articles(shared / "corpus" / "wikinews.jsonl", gold_documents(gold), articles)
    print(f"== statements: the seed and {count} Wikinews articles of {gold.name}", flush=True)
    export = build_and_export("statements", SEEDS, articles, work=work)
    report = run(sys.executable, shared / "eval" / "score.py", "--gold", gold, "--pred", export)
    print(report, flush=True)
    if misses:
        print_statement_errors(load_scorer(shared / "eval" / "score.py"), gold, export)
    return last_line(report)


def print_statement_errors(scorer, gold_path: Path, export: Path) -> None:
    """Per relation: the gold lines no statement matches, then the statements that match
    no gold line, with their sentences (the scorer's own matching decides)."""
    gold: dict[str, list[dict]] = {}
    for line in scorer.read_jsonl(str(gold_path)):
        line = dict(line, s=scorer.names(line["s"]), o=scorer.names(line.get("o")),
                    p=[line["p"]] if isinstance(line["p"], str) else line["p"])
        gold.setdefault(line["doc"], []).append(line)
    preds: dict[str, list[dict]] = {}
    seen: set[tuple] = set()
    for pred in scorer.read_jsonl(str(export)):
        if pred.get("doc") in gold and pred.get("relation") in scorer.CLOSED \
                and scorer.key(pred) not in seen:
            seen.add(scorer.key(pred))
            preds.setdefault(pred["doc"], []).append(pred)
    errors: dict[str, list[str]] = {}
    for doc, lines in gold.items():
        for g in lines:
            if not any(scorer.matches(p, g) for p in preds.get(doc, [])):
                extra = g.get("role") or g.get("quote") or g.get("note") or ""
                errors.setdefault(g["p"][0], []).append(
                    f"  miss  {doc}: {sorted(g['s'])[0]} -> "
                    f"{sorted(g['o'])[0] if g['o'] else '-'}  {extra}")
        for p in preds.get(doc, []):
            if not any(scorer.matches(p, g) for g in lines):
                extra = p.get("role") or p.get("quote") or ""
                errors.setdefault(p["relation"], []).append(
                    f"  wrong {doc}: {p.get('subject')} -> {p.get('object')}  {extra}\n"
                    f"        | {(p.get('evidence') or p.get('sentence') or '').strip()}")
    for relation in sorted(errors):
        print(f"-- {relation}")
        print("\n".join(errors[relation]))


def plover(shared: Path, work: Path, misses: bool = False) -> str:
    """Build PLOVER's gold-standard sentences as articles and score their event types."""
    folder = shared / "eval"
    gold = folder / "plover" / "gsr-dev.json"
    docs = work / "gsr-docs.jsonl"
    docs.write_text(run(sys.executable, folder / "plover.py", "docs", gold), encoding="utf-8")
    print(f"== PLOVER: the sentences of {gold.name}", flush=True)
    export = build_and_export("plover", docs, work=work)
    report = run(sys.executable, folder / "plover.py", "score", gold, export)
    print(report, flush=True)
    if misses:
        print_plover_errors(load_scorer(folder / "plover.py"), gold, export)
    return last_line(report)


def print_plover_errors(scorer, gold_path: Path, export: Path) -> None:
    """The sentences whose gold type was missed, and the types added that gold lacks."""
    gold = scorer.records(str(gold_path))
    found: dict[str, set[str]] = {}
    for line in export.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("relation") in scorer.TYPES:
            found.setdefault(record["doc"], set()).add(record["relation"])
    for doc, record in gold.items():
        wanted = scorer.V05.get(record["event"], record["event"])
        got = found.get(doc, set())
        if wanted not in got or got - {wanted}:
            print(f"  {wanted:9} got {','.join(sorted(got)) or '-':18} | {record['text']}")


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
    parser.add_argument("--misses", action="store_true",
                        help="Also print every miss and wrong statement, with its sentence.")
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
            score = statements(shared, work, args.misses)
            plover_line = plover(shared, work, args.misses)
            carb_lines = carb(shared, work)
        except (StepFailed, OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    print("== summary")
    print(f"score.py gold-dev  {score}")
    print(f"plover.py gsr-dev  {plover_line}")
    for name, line in carb_lines:
        print(f"carb.py dev {name:11} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
