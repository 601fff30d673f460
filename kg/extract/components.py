"""The extractors' registry: each extractor module registers its function here, with the
relations of earlier statements it reads. Kept apart from :mod:`kg.extract`, which imports
every extractor, so that an extractor importing ``register`` imports no other extractor.

>>> from kg.extract import EXTRACTORS
>>> EXTRACTORS["speech"].reads
('SAID',)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.extract.base import Extractor
from kg.records import Statement


@dataclass(frozen=True, slots=True)
class Component:
    """A registered extractor and the relations of earlier statements it reads."""

    extract: Callable[..., Iterable[Statement]]
    reads: tuple[str, ...] = ()


EXTRACTORS: dict[str, Component] = {}


def register(name: str, *, reads: tuple[str, ...] = ()):
    """Register an extractor under ``name`` (a decorator); with ``reads``, it is called
    with the paragraph's earlier statements of those relations as a third argument."""

    def add(function: Extractor) -> Extractor:
        EXTRACTORS[name] = Component(function, reads)
        return function

    return add
