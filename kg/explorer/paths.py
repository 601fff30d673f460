"""Where each thing of the graph lives in the explorer: its URL from its IRI and back.

An entity ``https://w3id.org/kg-diplomacy/entity/person/viktor-orban`` is
``/explore/entity/person/viktor-orban``; an article ``…/article/<slug>`` is
``/explore/article/<slug>``, a sentence of it ``…#s-<start>-<end>``. kg mints those IRIs
from ASCII slugs and digests (:mod:`kg.graph.iri`), so a URL segment outside
``[a-z0-9-]`` names nothing here and is refused before anything reaches a query.

>>> entity_href("https://w3id.org/kg-diplomacy/entity/person/viktor-orban")
'/explore/entity/person/viktor-orban'
>>> entity_iri("person", "viktor-orban") == BASE + "entity/person/viktor-orban"
True
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from kg.graph.namespaces import BASE

ROOT = "/explore"
_SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]{0,120}")
_ENTITY = BASE + "entity/"
_ARTICLE = BASE + "article/"


class NotFound(LookupError):
    """A URL that names nothing the explorer shows; the message says what was asked."""


def segment(text: str) -> str:
    """A URL segment that may be part of an IRI, or :class:`NotFound`.

    >>> segment("viktor-orban")
    'viktor-orban'
    >>> segment("..")
    Traceback (most recent call last):
    ...
    kg.explorer.paths.NotFound: no such name in the graph: '..'
    """
    if not _SEGMENT.fullmatch(text):
        raise NotFound(f"no such name in the graph: {text[:80]!r}")
    return text


def entity_iri(kind: str, slug: str) -> str:
    """The IRI of the entity at ``/explore/entity/<kind>/<slug>``."""
    return f"{_ENTITY}{segment(kind)}/{segment(slug)}"


def entity_key(iri: str) -> str | None:
    """``<kind>/<slug>`` of an entity IRI (how dyad and list URLs name it), else ``None``.

    >>> entity_key(BASE + "entity/country/hungary"), entity_key("https://example.org/x")
    ('country/hungary', None)
    """
    if not iri.startswith(_ENTITY):
        return None
    key = iri[len(_ENTITY):]
    parts = key.split("/")
    return key if len(parts) == 2 and all(map(_SEGMENT.fullmatch, parts)) else None


def iri_of_key(key: str) -> str:
    """The entity IRI of a ``<kind>/<slug>`` key (:class:`NotFound` for any other text).

    >>> iri_of_key("country/hungary").endswith("/entity/country/hungary")
    True
    """
    kind, _, slug = key.partition("/")
    return entity_iri(kind, slug)


def entity_href(iri: str) -> str | None:
    """The explorer's URL of an entity, ``None`` for an IRI that is not kg's entity."""
    key = entity_key(iri)
    return f"{ROOT}/entity/{key}" if key else None


def article_iri(slug: str) -> str:
    """The IRI of the article at ``/explore/article/<slug>``."""
    return _ARTICLE + segment(slug)


def article_graph(article: str) -> str:
    """The named graph that holds an article (kg writes one graph per article).

    >>> article_graph(BASE + "article/abc")
    'https://w3id.org/kg-diplomacy/graph/article/abc'
    """
    return f"{BASE}graph/article/{article[len(_ARTICLE):]}"


def article_href(iri: str, sentence: tuple[int, int] | None = None) -> str | None:
    """The explorer's URL of an article, at one of its sentences when given.

    >>> article_href(BASE + "article/abc", (10, 42))
    '/explore/article/abc#s-10-42'
    """
    if not iri.startswith(_ARTICLE) or not _SEGMENT.fullmatch(iri[len(_ARTICLE):]):
        return None
    anchor = f"#{sentence_id(*sentence)}" if sentence else ""
    return f"{ROOT}/article/{iri[len(_ARTICLE):]}{anchor}"


def sentence_id(start: int, end: int) -> str:
    """The element id (and URL fragment) of a sentence in the article view.

    >>> sentence_id(0, 57)
    's-0-57'
    """
    return f"s-{int(start)}-{int(end)}"


def dyad_href(a: str, b: str) -> str | None:
    """The URL of the page of two entities.

    >>> dyad_href(BASE + "entity/country/iran", BASE + "entity/country/israel")
    '/explore/dyad/country/iran/country/israel'
    """
    keys = entity_key(a), entity_key(b)
    return f"{ROOT}/dyad/{keys[0]}/{keys[1]}" if None not in keys else None


def list_href(**filters: str | int | None) -> str:
    """The URL of a list of statements (``subject``, ``object``, ``relation``, ``page``…).

    >>> list_href(relation="CONSULT", subject="country/iran", page=None)
    '/explore/statements?relation=CONSULT&subject=country%2Firan'
    """
    given = {key: value for key, value in filters.items() if value not in (None, "")}
    return f"{ROOT}/statements" + (f"?{urlencode(given)}" if given else "")


def network_href(iri: str) -> str | None:
    """The URL of an entity's neighbourhood network (a page of the ``kg render`` kind)."""
    key = entity_key(iri)
    return f"{ROOT}/network/{key}" if key else None
