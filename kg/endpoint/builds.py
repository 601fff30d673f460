"""``POST /build``: articles built into the served store by a model kept loaded.

A ``kg build`` of one article spends most of its time starting: importing spaCy and
loading the model (about a second each), before a tenth of a second of parsing. A server
started with builds on (``kg serve --build``, ``serve(..., build=True)``) loads the model
once, in the background as it starts, and keeps the store open for writing; each
``POST /build`` then costs the articles it carries. The body is JSON Lines, one article a
line, the records ``kg build`` reads from a ``.jsonl`` file (``id``, ``text``, and
``title``, ``date``, ``url`` when known); the answer is JSON: the articles written, those
unchanged, the statements made and one line per problem. The entity pass runs over the
new articles as after any build, and the query workers see the new graphs within a second
(they reopen the store when its files change).

Writing is opt-in and guarded: builds are refused unless the server was started with them
and is bound to a loopback address, and the body must be ``application/x-ndjson`` — a
content type a web page on another origin cannot send without the browser asking first,
which this server never grants. One build runs at a time; the others wait their turn.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from kg.endpoint.reply import Reply
from kg.messages import one_line

if TYPE_CHECKING:
    from kg.pipeline import BuildReport

BUILD_PATH = "/build"
BUILD_TYPE = "application/x-ndjson"


class Builds:
    """The builds of one server: its store open for writing and the model kept loaded.

    ``model`` is the spaCy model's name (None: kg's default), loaded in a background
    thread from the start, so the first article waits only for what is left of it.
    """

    def __init__(self, store_path: str | Path, model: str | None = None) -> None:
        from kg.graph.store import Store

        self.store = Store(store_path)
        self.model = model
        self._lock = threading.Lock()
        self._loading = threading.Thread(target=self._load, daemon=True, name="kg-model")
        self._loading.start()

    def _load(self) -> None:
        with self._lock:
            from kg import nlp

            with contextlib.suppress(Exception):  # the first build meets it and says it
                nlp.load(self.model)

    def answer(self, body: bytes, content_type: str) -> Reply:
        """Build the articles of a request's body; the JSON report, or a one-line error."""
        if content_type != BUILD_TYPE:
            return Reply.text(415, f"unsupported Content-Type {content_type or '(none)'!r}: "
                                   f"send the articles as {BUILD_TYPE}, one JSON record a line")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            return Reply.text(400, f"the body is not UTF-8 ({one_line(error)})")
        if not text.strip():
            return Reply.text(400, "no article in the body: send one JSON record a line")
        with self._lock, tempfile.TemporaryDirectory(prefix="kg-build-") as folder:
            posted = Path(folder) / "request.jsonl"
            posted.write_text(text, encoding="utf-8")
            try:
                report = self._build(posted)
            except Exception as error:  # the store or the model failed: nothing half-written
                return Reply.text(500, f"the build failed: {one_line(error)}")
        errors = [message.replace(f"{folder}/", "") for message in report.errors]
        answer = {"written": report.written, "unchanged": report.unchanged,
                  "statements": report.statements, "errors": errors}
        status = 200 if report.written or report.unchanged or not errors else 400
        return Reply(status, "application/json",
                     json.dumps(answer, ensure_ascii=False).encode("utf-8"))

    def _build(self, posted: Path) -> BuildReport:
        from kg.pipeline import build  # spaCy: only in a server that builds

        return build([posted], store=self.store, model=self.model)

    def close(self) -> None:
        """Wait for the model's load to end (a thread cannot be stopped) and let go of it."""
        self._loading.join()
