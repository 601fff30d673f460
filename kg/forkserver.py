"""What the fork server of a build's workers holds (:mod:`kg.workers`): it imports this
module once, and every worker forked from it starts with it loaded.

Importing it loads kg's extraction code (:mod:`kg.tasks`, the extractors, the resolver,
spaCy); in a server started by :func:`kg.workers.start`, whose environment names the
model, it also loads that model and reads one short article with it, which loads the word
lists extraction reads on first use (a fifth of a second, paid once here rather than once
per worker). A model that does not load is left for each worker to load again, which
reports the error. A build that ends before the server is ready (it found nothing to
parse) leaves it nothing to load: the server loads only while the build runs.
"""

from __future__ import annotations

import os
from contextlib import suppress

from kg.nlp import ModelError
from kg.records import Block, Document
from kg.workers import PRELOAD_MODEL

_BUILD = os.getppid()  # the build that started the server; once it ends, nothing is wanted
_WARM_UP = ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on "
            "Monday, and they signed a trade deal. \"We condemn the attack,\" the ministry said.")


def warm_up(model: str | None) -> None:
    """Load ``model`` in this process and read one article with it, so that what extraction
    loads on first use is loaded.

    >>> warm_up(None)
    """
    from kg import tasks

    # a model that does not load: each worker loads it again, and its error reaches the build
    with suppress(ModelError):
        tasks.extract_articles([Document("warm-up", _WARM_UP, (Block(0, len(_WARM_UP)),))],
                               "", model)


def _wanted() -> bool:
    return os.getppid() == _BUILD


if _wanted():  # the workers' code, imported once for them all
    from kg.nlp.imports import import_spacy

    import_spacy()  # first: kg's extraction code imports spaCy, which would import its CLI
    import kg.extract
    import kg.resolve.entities
    import kg.tasks  # noqa: F401
if (_model := os.environ.get(PRELOAD_MODEL)) is not None and _wanted():
    warm_up(_model or None)
