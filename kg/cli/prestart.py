"""The model of ``kg build`` and ``kg update`` starts loading before the command line does.

Importing the command line (typer, rich, the store, every command's module) takes a third
of a second; a build's workers need a second and a half to import spaCy and load the model
(:func:`kg.workers.start`). :func:`prestart` reads just enough of the arguments to start
the workers' server first, so that the two overlap. It imports nothing but
:mod:`kg.workers`, and when it misreads the arguments only time is lost: the build starts
the server itself (:func:`kg.pipeline.build`), and a worker whose model is not the one the
server loaded loads its own.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

BUILDS = ("build", "update")
"""The commands that parse articles."""
JOBS = ("--jobs", "-j")
MODEL = "--model"
MODEL_ENV = "KG_MODEL"
CLUSTER = "--cluster"


def build_options(args: Sequence[str]) -> dict[str, str] | None:
    """The ``--jobs``, ``--model`` and ``--cluster`` values of a build's arguments (the
    command line after ``kg``), or ``None`` when they are not a build's.

    >>> build_options(["build", "news.jsonl", "-j", "2", "--model=en_core_web_md"])
    {'--jobs': '2', '--model': 'en_core_web_md'}
    >>> build_options(["build", "-j1", "x"]), build_options(["query", "x"])
    ({'--jobs': '1'}, None)
    >>> build_options(["build", "--help"]) is None
    True
    """
    if not args or args[0] not in BUILDS:
        return None
    found: dict[str, str] = {}
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--help":
            return None
        name, equals, value = arg.partition("=")
        if name.startswith("-j") and len(name) > 2:  # -j2
            name, value, equals = JOBS[0], name[2:], "="
        name = JOBS[0] if name in JOBS else name
        if name in (JOBS[0], MODEL, CLUSTER):
            found[name] = value if equals else next(rest, "")
    return found


def prestart(args: Sequence[str]) -> None:
    """Start the build's worker server if ``args`` are those of a build that will parse
    in workers (not ``--jobs 1``, not ``--cluster``), with the model it names."""
    options = build_options(args)
    if options is None or CLUSTER in options or options.get(JOBS[0]) == "1":
        return
    from kg import workers

    if workers.automatic_workers() > 0:
        workers.start(options.get(MODEL) or os.environ.get(MODEL_ENV) or None)
