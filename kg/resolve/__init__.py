"""Entity resolution: mentions → canonical entities (see :mod:`kg.resolve.entities`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.resolve.entities import ArticleEntities, clean_span

__all__ = ["ArticleEntities", "clean_span"]


def __getattr__(name: str) -> object:
    # Imported when first asked for: the entity pass of a build's writing process
    # (kg.resolve.corpus) is in this package and must not import spaCy with it.
    if name in __all__:
        from kg.resolve import entities

        return getattr(entities, name)
    raise AttributeError(f"module 'kg.resolve' has no attribute {name!r}")
