"""What a SPARQL text asks for, checked before kg runs a text it was given.

kg runs SPARQL written by others (``kg query`` and :func:`kg.query`, ``kg serve``). Two
kinds are refused with :class:`RefusedQuery`: updates (those paths only read the graph), and
federated queries. Oxigraph evaluates ``SERVICE <url> { … }`` by fetching ``url``, so a
query could make kg reach any host the machine can, internal ones included (SSRF).

**How SERVICE is found.** Oxigraph reads keywords letter by letter (no ``\\u`` escapes
outside strings and IRIs), so a text without the letters ``service`` in some case cannot
hold the keyword, and costs nothing more. A text with them is parsed by rdflib's SPARQL 1.1
parser and its parse tree searched for a ``ServiceGraphPattern``, wherever it is nested
(OPTIONAL, UNION, GRAPH, MINUS, EXISTS, subqueries): a variable, string, IRI or comment
named "service" is not one. The check fails closed: when rdflib cannot parse the text
(Oxigraph reads some syntax beyond SPARQL 1.1, and rdflib gives up on deep nesting), or when
the text has ``\\u`` escapes (which rdflib expands everywhere before parsing, so it may read
the text differently), a text with the letters ``service`` is refused. Parsing costs 1 to
100 ms per query in pure Python, which is why it is kept for the texts that need it.

**Updates** are told by the first keyword after the prologue (:func:`query_form`). Oxigraph's
query parser rejects every update anyway, so this only gives the clear message.

The module imports only the standard library when loaded (rdflib on the first parse): the
endpoint's worker processes load it by file path, without the rest of kg.

>>> check_query("SELECT ?service WHERE { ?service a ?class }")
>>> check_query("SELECT * { ?s a ?c .SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.graph.sparql.RefusedQuery: SERVICE (a federated query) is not allowed: kg answers from \
its own store and fetches nothing from other hosts
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
_PROLOGUE = re.compile(
    r"""(?:\s+|\#[^\n]*
        |BASE\s*<[^>]*>
        |PREFIX\s*[^\s:]*:\s*<[^>]*>)*""", re.IGNORECASE | re.VERBOSE)
_SERVICE_LETTERS = re.compile("service", re.IGNORECASE)
_CODEPOINT_ESCAPE = re.compile(r"\\[uU]")
_SERVICE_NODE = "ServiceGraphPattern"


class RefusedQuery(ValueError):
    """A text kg will not run for someone else: an update, or a federated query."""


def query_form(sparql: str) -> str:
    """The first keyword after the prologue, upper-cased: ``SELECT``, ``INSERT``…

    >>> query_form("PREFIX ex: <http://e/#x> # a comment\\nselect * {}")
    'SELECT'
    >>> query_form("INSERT DATA { <a> <b> <c> }") in UPDATE_KEYWORDS
    True
    """
    rest = sparql[_PROLOGUE.match(sparql).end():]
    word = re.match(r"[A-Za-z]+", rest)
    return word.group(0).upper() if word else ""


def check_query(sparql: str) -> None:
    """Refuse (:class:`RefusedQuery`) an update or a query with a ``SERVICE`` clause.

    Anything else passes, malformed text included: Oxigraph's parser reports that, with a
    better message than rdflib's.

    >>> check_query('SELECT * { ?s ?p "SERVICE" } # no SERVICE here')
    >>> check_query("prefix ex: <http://e/> with ex:g delete { ?s ?p ?o } where { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    kg.graph.sparql.RefusedQuery: updates are not allowed (WITH): kg queries the graph read-only
    """
    form = query_form(sparql)
    if form in UPDATE_KEYWORDS:
        raise _update_refused(form)
    if not _SERVICE_LETTERS.search(sparql):
        return
    tree = _parse(sparql) if not _CODEPOINT_ESCAPE.search(sparql) else None
    names = set(_node_names(tree)) if tree is not None else set()
    if "Update" in names:  # an update behind a prologue query_form could not read
        raise _update_refused("")
    if tree is None or _SERVICE_NODE in names:
        raise RefusedQuery("SERVICE (a federated query) is not allowed: kg answers from its "
                           "own store and fetches nothing from other hosts")


def _update_refused(form: str) -> RefusedQuery:
    named = f" ({form})" if form else ""
    return RefusedQuery(f"updates are not allowed{named}: kg queries the graph read-only")


def _parse(sparql: str) -> Any | None:
    """rdflib's parse tree of a query or an update; ``None`` when rdflib cannot read it."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    for parse in (parseQuery, parseUpdate):
        try:
            return parse(sparql)
        except Exception:  # pyparsing's ParseException, RecursionError on deep nesting…
            continue
    return None


def _node_names(tree: Any) -> Iterator[str]:
    """The names of every node of an rdflib parse tree (``SelectQuery``,
    ``ServiceGraphPattern``…), found without recursion, however deep the query nests."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(dict.values(node))
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)


def with_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """The query given one value for each variable of ``bindings``, by a ``VALUES`` clause
    after it (SPARQL 1.1's trailing values): for a store that takes text alone. A value is
    a term whose ``str`` is its N-Triples form (pyoxigraph's terms), which escapes it.

    >>> print(with_values("SELECT ?m WHERE { ?r ?p ?m }", {"m": '"2019-05"'}))
    SELECT ?m WHERE { ?r ?p ?m }
    VALUES (?m) { ("2019-05") }
    """
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(value) for value in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({values}) }}"
