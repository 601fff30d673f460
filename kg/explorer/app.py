"""The explorer's web side: which page a URL asks for, in HTML or as its JSON twin.

Every page is one URL under ``/explore`` (see :mod:`kg.explorer.paths`). A browser gets
the page shell (``assets/explorer.html``) with the page's data inside it as JSON, drawn by
``assets/explorer.js``; a client that asks for ``application/json`` (``Accept``, or
``?format=json``) gets that data alone. So the first paint needs one request and no
query from the browser, and every page is also an API answer. Article text and names
reach the page only as JSON data, shown with ``textContent``; the policy lets no script
run but the explorer's own file.

Example::

    explorer = Explorer(Store("kg-data"))
    reply = explorer.answer("/explore/search?q=orban", "application/json")
    json.loads(reply.body)["entities"][0]["name"]    # 'Viktor Orbán'
"""

from __future__ import annotations

import contextlib
import html
import json
import threading
from functools import cache
from importlib import resources
from urllib.parse import parse_qs, urlsplit

from kg.endpoint.formats import negotiate, parse_accept
from kg.endpoint.reply import Reply
from kg.explorer import paths
from kg.explorer.article import article_page
from kg.explorer.entity import dyad_page, entity_page, found
from kg.explorer.paths import NotFound
from kg.explorer.search import Index
from kg.explorer.statements import entity_ref, entity_statements, relation_statements
from kg.graph.store import Store
from kg.messages import one_line
from kg.web import json_for_script

POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; "
          "frame-ancestors 'none'")
"""The pages' Content-Security-Policy: the explorer's own script and style sheet only."""
_ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
_OFFERS = {"HTML": ("text/html", "application/xhtml+xml"), "JSON": ("application/json",)}
SEARCH_RESULTS = {"entities": 50, "articles": 20, "relations": 10}
"""How many of each kind a page of search results lists."""
MAX_PAGE = 10_000


@cache
def _asset(name: str) -> str:
    return (resources.files("kg.explorer") / "assets" / name).read_text(encoding="utf-8")


@cache
def assets() -> dict[str, str]:
    """The files the pages load (the explorer's modules and style sheet) → content type.

    >>> assets()["explorer.js"]
    'text/javascript; charset=utf-8'
    """
    folder = resources.files("kg.explorer") / "assets"
    return {entry.name: _ASSET_TYPES[suffix] for entry in folder.iterdir()
            if (suffix := "." + entry.name.rpartition(".")[2]) in _ASSET_TYPES}


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Explorer:
    """The explorer over one store: its search index (read again when the store changes)
    and the answer to each URL under ``/explore``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: Index | None = None
        self._generation: int | None = None
        self._lock = threading.Lock()

    def index(self) -> Index:
        """The search index, read again when the store has changed since."""
        generation = self.store.generation() if hasattr(self.store, "generation") else 0
        with self._lock:
            if self._index is None or generation != self._generation:
                self._index, self._generation = Index.load(self.store), generation
            return self._index

    def warm(self) -> None:
        """Read the index in the background, so that the first page asked of a server just
        started does not wait for it (an error is met again, and said, by that page)."""
        def read() -> None:
            with contextlib.suppress(Exception):
                self.index()

        threading.Thread(target=read, daemon=True, name="kg-explorer-index").start()

    def answer(self, target: str, accept: str | None) -> Reply:
        """The reply to a GET of ``target`` (path and query) with this ``Accept`` header."""
        url = urlsplit(target)
        parameters = {key: values[-1] for key, values in parse_qs(
            url.query, keep_blank_values=True, errors="strict", max_num_fields=50).items()}
        path = url.path.removeprefix(paths.ROOT).strip("/")
        if path.startswith("assets/"):
            return self._asset(path.removeprefix("assets/"))
        wants_json = parameters.pop("format", "") == "json" or negotiate(
            parse_accept(accept), _OFFERS) == "JSON"
        try:
            if path.startswith("network/"):
                # imported when first drawn: the renderer brings numpy and the layout, a
                # third of a second the server's start need not wait for
                from kg.explorer.network import network_data, network_page

                iri = paths.iri_of_key(path.removeprefix("network/"))
                if wants_json:
                    return Reply(200, "application/json; charset=utf-8",
                                 _json(network_data(self.store, self.index(), iri)))
                page = network_page(self.store, self.index(), iri).encode("utf-8")
                # its own page policy travels in the page; this one only lets ours frame it
                return Reply(200, "text/html; charset=utf-8", page,
                             {"Content-Security-Policy": "frame-ancestors 'self'"})
            data = self._page(path, parameters)
            status = 200
        except NotFound as error:
            data, status = {"page": "error", "title": "Not found", "error": one_line(error)}, 404
        except ValueError as error:
            data, status = {"page": "error", "title": "Bad request",
                            "error": one_line(error)}, 400
        except Exception as error:
            status = getattr(error, "status", 500)
            data = {"page": "error", "title": "The graph did not answer",
                    "error": one_line(error)}
        if wants_json:
            return Reply(status, "application/json; charset=utf-8", _json(data))
        return Reply(status, "text/html; charset=utf-8", self._shell(data),
                     {"Content-Security-Policy": POLICY})

    def _page(self, path: str, parameters: dict[str, str]) -> dict[str, object]:
        """The data of the page at ``path`` (under ``/explore``)."""
        parts = path.split("/") if path else []
        page = _page_number(parameters.get("page"))
        index = self.index()
        if not parts:
            return _home(index)
        if parts == ["search"]:
            return _search(index, parameters.get("q", ""), parameters.get("limit"), page)
        if parts[0] == "entity" and len(parts) == 3:
            return entity_page(self.store, index, paths.entity_iri(parts[1], parts[2]),
                               page=page)
        if parts[0] == "article" and len(parts) == 2:
            return article_page(self.store, index, paths.article_iri(parts[1]))
        if parts[0] == "dyad" and len(parts) == 5:
            return dyad_page(self.store, index, paths.entity_iri(parts[1], parts[2]),
                             paths.entity_iri(parts[3], parts[4]), page=page)
        if parts == ["statements"]:
            return self._statements(index, parameters, page)
        raise NotFound(f"nothing at {paths.ROOT}/{path[:80]}")

    def _statements(self, index: Index, parameters: dict[str, str],
                    page: int) -> dict[str, object]:
        """A list of statements: an entity's (with a counterpart, relation, direction or
        text object), or a relation's."""
        relation = parameters.get("relation") or None
        filters: dict[str, object] = {"relation": relation,
                                      "direction": parameters.get("direction") or None,
                                      "text": parameters.get("text") or None}
        if parameters.get("entity"):
            entity = found(index, paths.iri_of_key(parameters["entity"])).iri
            other = parameters.get("other") or None
            other_iri = found(index, paths.iri_of_key(other)).iri if other not in (
                None, "none") else None
            statements, more = entity_statements(
                self.store, index, entity, other=other_iri, relation=relation,
                direction=filters["direction"], text=filters["text"],
                no_object=other == "none", page=page)
            filters.update(entity=entity_ref(index, entity),
                           other=entity_ref(index, other_iri), noObject=other == "none")
        elif relation:
            statements, more = relation_statements(self.store, index, relation, page=page)
        else:
            raise ValueError("a list of statements needs entity= or relation=")
        described = next((r.card() for r in index.relations if r.code == relation), None)
        entity, other = filters.get("entity"), filters.get("other")
        title = _list_title(relation, entity and f"of {entity['name']}",
                            other and f"with {other['name']}",
                            filters["text"] and f"with “{filters['text']}”")
        return {"page": "statements", "title": title, "filters": filters,
                "relation": described, "statements": statements,
                "statementPage": {"page": page, "previous": page > 1, "next": more}}

    @staticmethod
    def _asset(name: str) -> Reply:
        if name not in assets():
            return Reply.text(404, f"no asset {name[:80]!r} (the explorer has "
                                   f"{', '.join(sorted(assets()))})")
        return Reply(200, assets()[name], _asset(name).encode("utf-8"),
                     {"Cache-Control": "max-age=300"})

    @staticmethod
    def _shell(data: dict[str, object]) -> bytes:
        page = (_asset("explorer.html")
                .replace("__KG_TITLE__", html.escape(str(data.get("title") or "Explore")))
                .replace("__KG_DATA__", json_for_script(data, sort_keys=False)))
        return page.encode("utf-8")


def _page_number(text: str | None) -> int:
    """The page a ``page`` parameter asks for (1 when it is absent).

    >>> _page_number("3"), _page_number(None)
    (3, 1)
    """
    if text is None or text == "":
        return 1
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise ValueError(f"page must be a number from 1 to {MAX_PAGE}, not {text[:20]!r}")
    return int(text)


def _home(index: Index) -> dict[str, object]:
    return {"page": "home", "title": "Explore the graph",
            "counts": {"articles": len(index.articles), "entities": len(index.entities),
                       "statements": sum(r.statements for r in index.relations)},
            "entities": [e.card(index) for e in index.entities[:24]],
            "articles": [a.card() for a in index.articles[:12]],
            "relations": [r.card() for r in index.relations if r.statements]}


def _search(index: Index, text: str, limit: str | None, page: int) -> dict[str, object]:
    if limit is not None:  # suggestions as one types
        if not limit.isdigit() or not 1 <= int(limit) <= 50:
            raise ValueError(f"limit must be a number from 1 to 50, not {limit[:20]!r}")
        return {"page": "suggestions", "q": text, **index.suggest(text, limit=int(limit))}
    found_now, more = index.search(text, limits=SEARCH_RESULTS, page=page)
    return {"page": "search", "title": f"Search: {text}" if text else "Search", "q": text,
            **found_now, "resultPage": {"page": page, "previous": page > 1, "next": more}}


def _list_title(relation: str | None, *names: str | None) -> str:
    """The title of a list of statements.

    >>> _list_title("CONSULT", "of Donald Trump", None)
    'CONSULT of Donald Trump'
    """
    return " ".join(part for part in (relation or "Statements", *names) if part)
