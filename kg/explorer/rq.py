"""The explorer's SPARQL: ``.rq`` files in ``kg/explorer/queries`` with ``%name%`` holes
that only terms fill (an IRI or a literal, written by pyoxigraph, or an integer) or clauses
made of terms (:class:`Among`, :class:`Values`), so text from a URL never reaches a query
as raw SPARQL. A hole left unfilled is a syntax error (``%`` is not SPARQL), not a silent
variable.

>>> fill("article", article=ox.NamedNode("https://example.org/a"), graph=ox.NamedNode("g:1"))
... # doctest: +ELLIPSIS
'...GRAPH <g:1> {...'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox

from kg.graph.store import Store
from kg.queries import run_query

_HOLE = re.compile(r"%([a-z_]+)%")
_VARIABLE = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True)
class Among:
    """A ``FILTER`` that keeps the rows whose ``variable`` is one of ``terms``; no terms
    keeps the rows where it is unbound, and ``None`` keeps every row (an empty hole).

    >>> str(Among("rel", [ox.NamedNode("r:A")])), str(Among("o", [])), str(Among("o", None))
    ('FILTER(?rel IN (<r:A>))', 'FILTER(!BOUND(?o))', '')
    """

    variable: str
    terms: Sequence[ox.NamedNode | ox.Literal] | None

    def __str__(self) -> str:
        name = _variable(self.variable)
        if self.terms is None:
            return ""
        if not self.terms:
            return f"FILTER(!BOUND(?{name}))"
        return f"FILTER(?{name} IN ({', '.join(map(_term, self.terms))}))"


@dataclass(frozen=True)
class Values:
    """A ``VALUES`` line: ``variable`` takes each of ``terms`` in turn.

    >>> str(Values("st", [ox.NamedNode("s:1"), ox.NamedNode("s:2")]))
    'VALUES ?st { <s:1> <s:2> }'
    """

    variable: str
    terms: Sequence[ox.NamedNode | ox.Literal]

    def __str__(self) -> str:
        return f"VALUES ?{_variable(self.variable)} {{ {' '.join(map(_term, self.terms))} }}"


Term = ox.NamedNode | ox.Literal | int | Among | Values


def _variable(name: str) -> str:
    if not _VARIABLE.fullmatch(name):
        raise ValueError(f"not a SPARQL variable name: {name!r}")
    return name


def _term(value: object) -> str:
    if not isinstance(value, (ox.NamedNode, ox.Literal)):
        raise TypeError(f"an IRI or a literal, not {type(value).__name__}")
    return str(value)


@cache
def _text(name: str) -> str:
    return (resources.files("kg.explorer") / "queries" / f"{name}.rq").read_text(
        encoding="utf-8")


def _written(name: str, key: str, value: Term) -> str:
    if isinstance(value, (ox.NamedNode, ox.Literal, Among, Values)):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"{name}.rq: %{key}% takes an IRI, a literal, an integer or a clause, "
                    f"not {type(value).__name__}")


def fill(name: str, **terms: Term) -> str:
    r"""The text of ``queries/<name>.rq`` with its holes filled by ``terms``.

    >>> text = fill("article", article=ox.NamedNode("a:1"), graph=ox.Literal('x" } DROP ALL'))
    >>> print(text.splitlines()[3].strip())
    GRAPH "x\" } DROP ALL" {
    """
    text = _text(name)
    wanted = set(_HOLE.findall(text))
    if missing := wanted - set(terms):
        raise KeyError(f"{name}.rq needs {', '.join(sorted(missing))}")
    return _HOLE.sub(lambda match: _written(name, match.group(1), terms[match.group(1)]), text)


def rows(store: Store, name: str, **terms: Term) -> list[dict[str, object]]:
    """The rows of ``queries/<name>.rq`` on ``store`` (values as ``kg.queries`` gives them:
    IRIs and strings as ``str``, numbers as numbers, unbound as ``None``).

    >>> import tempfile
    >>> rows(Store(tempfile.mkdtemp()), "relations")
    []
    """
    return run_query(store, fill(name, **terms)).rows
