"""SPARQL over the store, and the library of named queries shipped with kg.

Named queries are ``.rq`` files in ``kg/queries/named``; ``kg query NAME`` runs one.
Every query gets the project prefixes (``dip:``, ``rel:``, ``prov:``, ``schema:``…)
and sees the union of all article graphs as its default graph.

A query can say how kg should run it in comment lines of the form ``#+ key: value``
(the decorator convention of grlc). Three keys are known: ``pages``, with one of the
article orders of :data:`ARTICLE_ORDERS` or ``each ?VAR``, ``keys`` and ``rest``.

``#+ pages: articles``
    Every row comes from one article graph ``?g`` and the ``ORDER BY`` starts with the
    article's ``dip:documentId``. kg then asks it for :data:`PAGE_ARTICLES` articles at a
    time, in document-id order: the first rows come at once however large the store, and
    neither the store nor kg holds more than a page of the answer at a time. The pages
    together are the rows of the query asked whole.
``#+ pages: articles by date``
    The same, the ``ORDER BY`` starting with the article's ``schema:datePublished`` (the
    undated first, as SPARQL orders an unbound value) and then its document id.
``#+ pages: articles newest first``
    The same, the ``ORDER BY`` starting with ``DESC`` of the article's date (the undated
    last) and then its document id.
``#+ pages: each ?month`` with ``#+ keys: SELECT DISTINCT ?month WHERE {…} ORDER BY ?month``
    A page for each value of ``?month``, in the order the ``keys`` query (one line, under
    the query's own prefixes) lists them; the ``ORDER BY`` starts with ``?month``, which
    every row binds. kg gives the variable its value before the query runs
    (:meth:`kg.graph.store.Store.query`'s ``bindings``): a list of totals kept across
    articles (``country-relations``: 18,000 rows on ten million quads, 0.2 s to sort
    whole) has its first month's rows in a twentieth of that.
``#+ rest: whole``
    With ``pages``: the first page as above, then every other row from one ask of the whole
    query, its first rows (the first page's) left out. For a list whose whole answer is
    small: narrowing a page to its articles costs an index look-up per graph and pattern
    (70 µs on ten million quads), where a scan of the whole store costs far less a row
    (who-met-whom's 18,000 rows there: 0.7 s of CPU asked whole, 5.5 s in pages).

A kind of store whose planner needs other shapes names its ``dialect`` (``"virtuoso"``:
:class:`kg.graph.remote.RemoteStore` reads it from the server), and a named query may have
a variant for it in ``kg/queries/named/<dialect>/NAME.rq``: the same columns and rows in
the same order. :func:`query_pages` asks a named query's variant where the store has one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import unquote

import pyoxigraph as ox

from kg.graph import iri
from kg.graph.namespaces import PREFIXES, XSD
from kg.graph.sparql import RefusedQuery, check_query
from kg.graph.store import Store
from kg.messages import first_line

if TYPE_CHECKING:
    import pandas as pd

PAGE_ARTICLES = 25
"""Articles per page of a per-article query: about 500 statements, the first page answered
in 50 ms on a store of a million quads, and the whole answer no slower than with pages of
50 articles (benchmarks/README.md)."""

_DECORATOR = re.compile(r"^#\+\s*([\w-]+)\s*:\s*(.*?)\s*$", re.MULTILINE)


class QueryError(ValueError):
    """A query that cannot be parsed or run, or that kg refuses to run (an update, a
    ``SERVICE`` clause); the message says why in one line."""


@dataclass(frozen=True)
class Result:
    """Rows of a SELECT query (values as plain strings or numbers), the boolean of an
    ASK, or the triples of a CONSTRUCT or DESCRIBE."""

    columns: list[str]
    rows: list[dict[str, object]]
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    def to_turtle(self) -> str:
        """The triples of a CONSTRUCT or DESCRIBE as Turtle."""
        data = ox.serialize(self.triples or [], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return data.decode("utf-8")

    def to_csv(self) -> str:
        """The rows as CSV with a header line."""
        out = io.BytesIO()
        write_csv([self], out)
        return out.getvalue().decode("utf-8")

    def to_json(self) -> str:
        """The rows as a JSON array of objects (or the boolean of an ASK)."""
        out = io.BytesIO()
        write_json([self], out)
        return out.getvalue().decode("utf-8")

    def to_frame(self) -> pd.DataFrame:
        """The answer as a pandas DataFrame: the rows of a SELECT under their columns,
        ``subject``/``predicate``/``object`` for triples, one ``boolean`` cell for an ASK.

        >>> Result(["a", "b"], [{"a": 1, "b": "x"}]).to_frame().to_dict("records")
        [{'a': 1, 'b': 'x'}]
        """
        import pandas as pd  # imported on use: the CLI and the server never need it

        if self.boolean is not None:
            return pd.DataFrame({"boolean": [self.boolean]})
        if self.triples is not None:
            return pd.DataFrame(
                [(t.subject.value, t.predicate.value, getattr(t.object, "value", str(t.object)))
                 for t in self.triples], columns=["subject", "predicate", "object"])
        return pd.DataFrame(self.rows, columns=self.columns)

    def _repr_html_(self) -> str:
        # Jupyter shows a Result as its table, the last expression of a cell being enough.
        return self.to_frame()._repr_html_()


def named_queries() -> dict[str, str]:
    """Name → SPARQL text of every query shipped with kg.

    >>> "who-met-whom" in named_queries()
    True
    """
    folder = resources.files("kg.queries") / "named"
    return {
        entry.name.removesuffix(".rq"): entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".rq")
    }


@cache
def _variants() -> dict[tuple[str, str], str]:
    """(dialect, text of a named query) → the text of its variant for that dialect."""
    folder = resources.files("kg.queries") / "named"
    texts = named_queries()
    return {(dialect.name, texts[entry.name.removesuffix(".rq")]): entry.read_text(
                encoding="utf-8")
            for dialect in folder.iterdir() if dialect.is_dir()
            for entry in dialect.iterdir()
            if entry.name.endswith(".rq") and entry.name.removesuffix(".rq") in texts}


def for_store(store: Store, sparql: str) -> str:
    """The text to ask ``store``: a named query's variant for the store's dialect where
    there is one, else ``sparql`` itself.

    >>> import tempfile
    >>> text = named_queries()["statements"]
    >>> for_store(Store(tempfile.mkdtemp()), text) == text
    True
    """
    dialect = getattr(store, "dialect", None)
    return _variants().get((dialect, sparql), sparql) if dialect else sparql


def describe_query(text: str) -> str:
    """The first comment line of a query: what it answers.

    >>> describe_query("#+ pages: articles\\n# Who met whom.\\nSELECT * {}")
    'Who met whom.'
    """
    for line in text.splitlines():
        if line.startswith("#") and not _DECORATOR.match(line):
            return line.lstrip("# ").strip()
    return ""


def query_options(text: str) -> dict[str, str]:
    """The ``#+ key: value`` lines of a query, which say how kg runs it.

    >>> query_options("#+ pages: articles\\nSELECT * {}")
    {'pages': 'articles'}
    """
    options = dict(_DECORATOR.findall(text))
    pages = options.get("pages", "articles")
    if pages not in ARTICLE_ORDERS and not _EACH.fullmatch(pages):
        known = ", ".join(repr(order) for order in [*ARTICLE_ORDERS, "each ?VAR"])
        raise QueryError(f"#+ pages: {options['pages']!r} is not known (only {known})")
    if _EACH.fullmatch(pages) and "keys" not in options:
        raise QueryError(f"#+ pages: {pages} needs '#+ keys:', the query listing the values")
    if options.get("rest", "whole") != "whole":
        raise QueryError(f"#+ rest: {options['rest']!r} is not known (only 'whole')")
    return options


def resolve_query(text_or_name: str) -> str:
    """A SPARQL text from a named query, a ``.rq`` file, or the text itself; an update or a
    federated query (``SERVICE``, which would make kg fetch from other hosts) is refused.

    This is where ``kg query`` and :func:`kg.query` take text from outside; kg's own queries
    go to the store unchecked (an IRI in them may spell "service", which costs a parse).

    >>> resolve_query("DROP ALL")
    Traceback (most recent call last):
    ...
    kg.queries.QueryError: updates are not allowed (DROP): kg queries the graph read-only
    """
    named = named_queries()
    if text_or_name in named:
        return named[text_or_name]
    if text_or_name.endswith(".rq") or text_or_name.endswith(".sparql"):
        path = Path(text_or_name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{path}: cannot read the query ({error})") from None
        where = f"{path}: "
    else:
        text, where = text_or_name, ""
    try:
        check_query(text)
    except RefusedQuery as error:
        raise QueryError(f"{where}{error}") from None
    return text


# Numbers come back as Python numbers; the datatype is looked up, not its IRI compared.
_NUMBERS = {ox.NamedNode(f"{XSD}{name}"): kind for name, kind in (
    ("integer", int), ("int", int), ("long", int),
    ("double", float), ("decimal", float), ("float", float))}


def _value(term: object) -> object:
    if isinstance(term, ox.Literal):
        number = _NUMBERS.get(term.datatype)
        return term.value if number is None else number(term.value)
    if term is None:
        return None
    return getattr(term, "value", str(term))


def run_query(store: Store, sparql: str, *, limit: int | None = None,
              graphs: list[str] | None = None) -> Result:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query and collect its answer (the first
    ``limit`` rows of a SELECT: a per-article query then asks no more pages than those
    rows need). With ``graphs``, once, over those articles' graphs (see :meth:`Store.query`).

    >>> import tempfile
    >>> run_query(Store(tempfile.mkdtemp()), "SELECT (1 AS ?one) WHERE {}").rows
    [{'one': 1}]
    """
    if graphs is not None:
        return _answer(store, sparql, graphs)
    pages = query_pages(store, sparql, limit=limit)
    first = next(pages)
    return replace(first, rows=first.rows + [row for page in pages for row in page.rows])


def query_pages(store: Store, sparql: str, *, limit: int | None = None,
                articles: int = PAGE_ARTICLES) -> Iterator[Result]:
    """The answer of a query page by page: ``articles`` articles a page for a query that
    says ``#+ pages:`` with an article order, a key's rows a page for one that says
    ``#+ pages: each ?VAR`` (after the first, one page of the rest if it says ``#+ rest:
    whole``; see the module's text), one page for any other; with ``limit``, no more rows
    than that in all. There is always a first page, empty if nothing matches.

    >>> import tempfile
    >>> [page.rows for page in query_pages(Store(tempfile.mkdtemp()), "SELECT (1 AS ?one) {}")]
    [[{'one': 1}]]
    """
    left = limit
    for page in _pages(store, sparql, articles):
        if left is not None:
            page = replace(page, rows=page.rows[:left])
            left -= len(page.rows)
        yield page
        if left == 0:
            return


def _pages(store: Store, sparql: str, articles: int) -> Iterator[Result]:
    sparql = for_store(store, sparql)
    options = query_options(sparql)
    if "pages" not in options:
        yield _answer(store, sparql)
        return
    each = _EACH.fullmatch(options["pages"])
    if each:
        yield from _key_pages(store, sparql, each.group(1), options)
        return
    ids = _article_ids(store, ARTICLE_ORDERS[options["pages"]])
    for start in range(0, max(len(ids), 1), articles):
        # each graph named from its id as the writer names it, a page at a time: naming all
        # 18,000 articles of ten million quads took 20-30 ms
        graphs = [iri.article_graph(doc_id) for doc_id in ids[start:start + articles]]
        page = _answer(store, sparql, graphs)
        yield page
        if "rest" in options and len(ids) > articles:
            # the order is total and the first page holds the first articles whole: the
            # whole answer starts with exactly its rows
            whole = _answer(store, sparql)
            yield replace(whole, rows=whole.rows[len(page.rows):])
            return


def _key_pages(store: Store, sparql: str, variable: str, options: dict[str, str]
               ) -> Iterator[Result]:
    """A page for each value the ``keys`` query lists, the first alone with ``rest``."""
    prologue = "".join(line + "\n" for line in sparql.splitlines()
                       if line.lstrip().upper().startswith("PREFIX "))
    keys = [row[variable] for row in _raw(store, prologue + options["keys"])]
    if not keys:
        yield _answer(store, sparql)  # the first page, empty
    for key in keys:
        page = _answer(store, sparql, bindings={variable: key})
        yield page
        if "rest" in options and len(keys) > 1:
            # the first key's rows come first in the whole answer (its order starts with it)
            whole = _answer(store, sparql)
            yield replace(whole, rows=whole.rows[len(page.rows):])
            return


_EACH = re.compile(r"each \?(\w+)")


@dataclass(frozen=True)
class ArticleOrder:
    """An order of the articles that a paged query's rows follow: each article is listed by
    a key (a SPARQL expression, read with the patterns of ``reads``) and then its document
    id, ascending or, the key only, descending."""

    key: str = '""'
    reads: str = ""
    descending: bool = False


# kg writes an article's date as an xsd:date of the form YYYY-MM-DD (kg.ingest.base.parse_date),
# whose text sorts as its value does; the undated get "", before any date
_DATED = ArticleOrder(key='COALESCE(STR(?date), "")', reads="""
  OPTIONAL { SELECT ?g ?date WHERE { GRAPH ?g { ?article schema:datePublished ?date } } }""")

ARTICLE_ORDERS = {
    "articles": ArticleOrder(),
    "articles by date": _DATED,
    "articles newest first": replace(_DATED, descending=True),
}
"""The article orders a query can be paged in (``#+ pages: ORDER``, see the module's text)."""


def _article_ids(store: Store, order: ArticleOrder) -> list[str]:
    """The document id of every article, in ``order``.

    The store joins each article's key and id into one string (``ENCODE_FOR_URI`` leaves no
    space or slash in either part), so kg reads one value, not a row per article: the
    18,369 ids of ten million quads in 55 ms, not 75, and with their dates in 90, not 120.
    Only an article has a document id: no look-up of each one's type.

    >>> import tempfile
    >>> _article_ids(Store(tempfile.mkdtemp()), ARTICLE_ORDERS["articles by date"])
    []
    """
    listing = f"""
        SELECT (GROUP_CONCAT(CONCAT(ENCODE_FOR_URI({order.key}), "/", ENCODE_FOR_URI(?id));
                             separator=" ") AS ?articles)
        WHERE {{ {{ SELECT ?g ?id WHERE {{ GRAPH ?g {{ ?article dip:documentId ?id }} }} }}
                {order.reads} }}"""
    joined = next(iter(store.query(listing)))[0]
    keyed = sorted(tuple(map(unquote, item.split("/"))) for item in joined.value.split(" ")
                   ) if joined is not None and joined.value else []
    if order.descending:  # by key descending, each key's ids still ascending (a stable sort)
        keyed.sort(key=lambda key_id: key_id[0], reverse=True)
    return [doc_id for _, doc_id in keyed]


def write_csv(pages: Iterable[Result], out: IO[bytes]) -> None:
    """The rows of the pages as CSV under one header line, written page by page.

    >>> buffer = io.BytesIO()
    >>> write_csv([Result(["a"], [{"a": 1}]), Result(["a"], [{"a": "x,y"}])], buffer)
    >>> buffer.getvalue()
    b'a\\n1\\n"x,y"\\n'
    """
    for number, page in enumerate(pages):
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=page.columns, lineterminator="\n")
        if number == 0:
            writer.writeheader()
        writer.writerows(page.rows)
        out.write(text.getvalue().encode("utf-8"))


def write_json(pages: Iterable[Result], out: IO[bytes]) -> None:
    """The rows of the pages as one JSON array of objects, written page by page (or the
    boolean of an ASK).

    >>> buffer = io.BytesIO()
    >>> write_json([Result(["a"], [{"a": 1}]), Result(["a"], [{"a": "é"}])], buffer)
    >>> print(buffer.getvalue().decode("utf-8"))
    [
     {
      "a": 1
     },
     {
      "a": "é"
     }
    ]
    """
    opening = "[\n "
    for page in pages:
        if page.boolean is not None:
            out.write(json.dumps(page.boolean).encode("utf-8"))
            return
        for row in page.rows:
            # each object as json.dumps(rows, indent=1) sets it: one space deeper
            item = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ")
            out.write((opening + item).encode("utf-8"))
            opening = ",\n "
    out.write(b"[]" if opening == "[\n " else b"\n]")


def _raw(store: Store, sparql: str, **narrowing: object) -> ox.QuerySolutions:
    try:
        return store.query(sparql, **narrowing)
    except SyntaxError as error:
        raise QueryError(first_line(error)) from None


def _answer(store: Store, sparql: str, graphs: list[str] | None = None,
            bindings: dict[str, object] | None = None) -> Result:
    answer = _raw(store, sparql, graphs=graphs, bindings=bindings)
    if isinstance(answer, ox.QueryBoolean):
        return Result([], [], boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return Result([], [], triples=list(answer))
    columns = [v.value for v in answer.variables]
    rows = [dict(zip(columns, map(_value, row), strict=True)) for row in answer]
    return Result(columns, rows)

