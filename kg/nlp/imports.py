"""spaCy imported without its command line.

``import spacy`` runs ``from .cli.info import info`` (for ``spacy.info``), and importing
``spacy.cli`` imports every one of spaCy's commands and what they need: typer, weasel,
the training code. That is 395 modules and 0.15 s of the 0.5 s the import takes (spaCy
3.8), paid before a build's workers can parse a word; kg never runs spaCy's commands.

:func:`import_spacy` imports spaCy with a stand-in for those two modules: ``spacy.cli`` as
a package that finds its submodules where the real one does, without running its
``__init__``, and ``spacy.cli.info`` holding an ``info`` that imports the real one when it
is called. Once spaCy is imported the stand-ins are taken away, so that ``import
spacy.cli`` (``python -m spacy``, a user's code in the same process) imports the real
package.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


def import_spacy() -> types.ModuleType:
    """The ``spacy`` module, imported without ``spacy.cli`` unless it was imported before.

    >>> spacy = import_spacy()
    >>> callable(spacy.load), callable(spacy.info)
    (True, True)
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations or _CLI in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType(_CLI)
    cli.__path__ = [str(Path(location) / "cli") for location in spec.submodule_search_locations]
    info = types.ModuleType(_INFO)
    info.info = _info  # type: ignore[attr-defined]
    stand_ins = {_CLI: cli, _INFO: info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        parent = sys.modules.get("spacy")
        if parent is not None and getattr(parent, "cli", None) is cli:
            del parent.cli
    return spacy


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)
