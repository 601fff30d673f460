"""Entity resolution: mentions → canonical entities (see :mod:`kg.resolve.entities`)."""

from kg.resolve.entities import ArticleEntities, clean_span

__all__ = ["ArticleEntities", "clean_span"]
