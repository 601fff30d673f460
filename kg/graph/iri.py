"""Deterministic, safe IRIs for articles, entities, sentences and statements.

Text from articles never enters an IRI as it is: names are folded to ASCII slugs, and
anything that could collide or is empty gets a digest. The same entity name and type
always give the same IRI, so two articles (or two worker processes) that meet
"Donald Trump" mint one node without talking to each other.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from kg.graph.namespaces import BASE

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 80) -> str:
    """Fold ``text`` to a lowercase ASCII slug.

    >>> slug("Viktor Orbán")
    'viktor-orban'
    >>> slug("<script>")
    'script'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", folded.lower()).strip("-")[:limit].strip("-")


def digest(*parts: object, length: int = 16) -> str:
    """A short, stable hex digest of ``parts``.

    >>> digest("a", 1) == digest("a", 1)
    True
    """
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def _safe_slug(text: str) -> str:
    """A slug that stays unique: a digest is added where folding lost information."""
    s = slug(text)
    if not s:
        return digest(text)
    if s != text:
        return f"{s}-{digest(text, length=8)}"
    return s


def article(doc_id: str) -> str:
    """The IRI of an article.

    >>> article("000_aebe9d6deb04523e").startswith("https://w3id.org/kg-diplomacy/article/")
    True
    """
    return f"{BASE}article/{_safe_slug(doc_id)}"


def article_graph(doc_id: str) -> str:
    """The named graph that holds everything read from one article."""
    return f"{BASE}graph/article/{_safe_slug(doc_id)}"


def entity(name: str, type_: str) -> str:
    """The IRI of an entity, from its canonical name and ontology class.

    >>> entity("Viktor Orbán", "Person")
    'https://w3id.org/kg-diplomacy/entity/person/viktor-orban'
    """
    return f"{BASE}entity/{type_.lower()}/{slug(name) or digest(name)}"


def sentence(doc_id: str, start: int, end: int) -> str:
    """The IRI of a sentence, by its character offsets in the article."""
    return f"{article(doc_id)}/sentence/{start}-{end}"


def statement(*key: object) -> str:
    """The IRI of a statement, from everything that makes it distinct."""
    return f"{BASE}statement/{digest(*key, length=24)}"


def run(*key: object) -> str:
    """The IRI of an extraction run (a PROV-O activity)."""
    return f"{BASE}run/{digest(*key)}"
