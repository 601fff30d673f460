"""``kg openie``: open information extraction of sentences, as CaRB's TSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.console import err, fail, say, to_stdout
from kg.cli.options import ModelOption, OutputOption


def openie(
    file: Annotated[Path, typer.Argument(
        help="UTF-8 text, one sentence per line ('-' reads stdin).")],
    output: OutputOption = None,
    model: ModelOption = None,
) -> None:
    """Open IE: each sentence's tuples as CaRB TSV (sentence, confidence, relation, args…)."""
    from kg.files import atomic_output
    from kg.nlp import ModelError, load
    from kg.openie import sentences, tsv_lines

    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        lines = sentences(data, str(file))
    except OSError as error:
        raise fail(f"{file}: cannot read ({error.strerror or error})", 1) from None
    except ValueError as error:
        raise fail(str(error), 1) from None
    try:
        nlp = load(model)
    except ModelError as error:
        raise fail(str(error), 2) from None
    if to_stdout(output):
        for line in tsv_lines(lines, nlp):
            sys.stdout.write(line + "\n")
        return
    try:
        with atomic_output(output) as handle:
            for line in tsv_lines(lines, nlp):
                handle.write((line + "\n").encode("utf-8"))
    except OSError as error:
        raise fail(f"{output}: cannot write ({error.strerror or error})", 2) from None
    say(err, f"wrote {output}")
