"""The HTTP side: the SPARQL 1.1 Protocol on ``/sparql``, the query page on ``/`` and the
explorer's pages under ``/explore`` (:mod:`kg.explorer`), on the standard library's
``ThreadingHTTPServer``, with a cap on connections and loopback-only
``Host`` names while bound to loopback (against DNS rebinding).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.endpoint.builds import BUILD_PATH, Builds
from kg.endpoint.formats import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    formats_from_parameter,
    negotiate,
    parse_accept,
)
from kg.endpoint.pool import WorkerPool
from kg.endpoint.reply import Reply
from kg.explorer.paths import ROOT as EXPLORER
from kg.messages import one_line, printable

MAX_BODY = 1 << 20
_REFUSERS = 16  # threads answering 503 to connections over the cap, at most
_REFUSE_SECONDS = 2.0  # how long such a thread waits for the request it refuses


def _loopback(host: str) -> bool:
    """Whether a host name or address is this machine's loopback, by address, never by
    prefix (``127.0.0.1.attacker.example`` is a name any DNS server may answer).

    >>> _loopback("127.0.0.1"), _loopback("[::1]"), _loopback("127.0.0.1.attacker.example")
    (True, True, False)
    """
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host of a ``Host`` header, without the port (``[::1]:80`` → ``::1``); a header of
    another shape comes back whole, to be refused.

    >>> _host_name("[::1]:8000"), _host_name("localhost:80"), _host_name("[::1]x.example")
    ('::1', 'localhost', '[::1]x.example')
    """
    header = header.strip()
    bracketed = re.fullmatch(r"\[([^\]]*)\](?::[0-9]*)?", header)
    if bracketed:
        return bracketed.group(1)
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class _Handler(BaseHTTPRequestHandler):
    server: HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql"
    sys_version = ""
    timeout = 120  # seconds an idle keep-alive connection is kept

    def setup(self) -> None:
        super().setup()
        # headers and body go out in two writes: without this, Nagle's algorithm and the
        # client's delayed ACK add 40 ms to every answer on a keep-alive connection
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._guarded("GET")

    def do_POST(self) -> None:
        self._guarded("POST")

    def do_HEAD(self) -> None:
        self._guarded("HEAD")

    def do_PUT(self) -> None:
        self._guarded("PUT")

    def do_DELETE(self) -> None:
        self._guarded("DELETE")

    def do_PATCH(self) -> None:
        self._guarded("PATCH")

    def do_OPTIONS(self) -> None:
        self._guarded("OPTIONS")

    def _guarded(self, method: str) -> None:
        self._body_read = False
        try:
            reply = self._route(method)
        except ValueError as error:  # undecodable UTF-8, too many fields…
            reply = Reply.text(400, f"bad request: {one_line(error)}")
        except Exception as error:  # never a stack trace to the client
            self.log_message("internal error: %s", one_line(error))
            reply = Reply.text(500, f"internal error: {one_line(error)}")
        if not self._body_read and (self.headers.get("Content-Length", "0").strip() != "0"
                                    or self.headers.get("Transfer-Encoding")):
            self.close_connection = True  # an unread body would be taken for the next request
        self._send(reply, head=method == "HEAD")

    def _route(self, method: str) -> Reply:
        host = _host_name(self.headers.get("Host") or "")
        if self.server.loopback_only and host and not _loopback(host):
            return Reply.text(403, f"Host {host!r} is not a loopback name; this server only "
                                   "answers local clients")
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            if method not in ("GET", "HEAD"):
                return Reply.text(405, f"{method} is not allowed here", Allow="GET, HEAD")
            return Reply(200, "text/html; charset=utf-8", self.server.page,
                         {"Content-Security-Policy": self.server.page_policy})
        if path == "/sparql":
            if method in ("GET", "HEAD"):
                return self._sparql(self._parameters(urlsplit(self.path).query), method)
            if method == "POST":
                return self._post()
            if method == "OPTIONS":
                return Reply(204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})
            return Reply.text(405, f"{method} is not allowed: this endpoint is read-only "
                                   "(GET or POST a query)", Allow="GET, HEAD, POST, OPTIONS")
        if path == BUILD_PATH:
            if method != "POST":
                return Reply.text(405, f"{method} is not allowed here (POST articles)",
                                  Allow="POST")
            if self.server.builds is None:
                return Reply.text(403, "this server does not build articles (kg serve --build)")
            return self._post(self.server.builds.answer)
        if path == EXPLORER or path.startswith(EXPLORER + "/"):
            if method not in ("GET", "HEAD"):
                return Reply.text(405, f"{method} is not allowed here", Allow="GET, HEAD")
            return self.server.explorer.answer(self.path, self.headers.get("Accept"))
        return Reply.text(404, f"not found: {path} (the SPARQL endpoint is /sparql, "
                               f"the query page /, the explorer {EXPLORER}/)")

    @staticmethod
    def _parameters(text: str) -> dict[str, list[str]]:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=1000)

    def _post(self, answer: Callable[[bytes, str], Reply] | None = None) -> Reply:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            return Reply.text(411, "send the body with a Content-Length")
        lengths = {value.strip() for value in self.headers.get_all("Content-Length") or []}
        if not lengths:
            self.close_connection = True
            return Reply.text(411, "a POST needs a Content-Length")
        if len(lengths) > 1 or not re.fullmatch(r"[0-9]{1,20}", next(iter(lengths))):
            # int() would take "-5", "+5" and "5_0"; two lengths are a smuggling attempt
            self.close_connection = True
            return Reply.text(400, "bad Content-Length: one decimal number of bytes expected")
        length = int(lengths.pop())
        if length > MAX_BODY:
            self.close_connection = True
            return Reply.text(413, f"the request body is over {MAX_BODY} bytes")
        body = self.rfile.read(length)
        self._body_read = True
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if answer is not None:  # another route's body (POST /build)
            return answer(body, content_type)
        parameters = self._parameters(urlsplit(self.path).query)
        if content_type == "application/sparql-update":
            return self._read_only()
        if content_type == "application/sparql-query":
            parameters["query"] = [*parameters.get("query", []), body.decode("utf-8")]
        elif content_type == "application/x-www-form-urlencoded":
            for key, values in self._parameters(body.decode("utf-8")).items():
                parameters.setdefault(key, []).extend(values)
        else:
            return Reply.text(415, f"unsupported Content-Type {content_type or '(none)'!r}: "
                                   "send application/sparql-query or a form with query=")
        return self._sparql(parameters, "POST")

    @staticmethod
    def _read_only(what: str = "SPARQL Update") -> Reply:
        return Reply.text(403, f"this endpoint is read-only: {what} is refused")

    def _sparql(self, parameters: dict[str, list[str]], method: str) -> Reply:
        if "update" in parameters:
            return self._read_only()
        queries = parameters.get("query", [])
        if not queries:
            return Reply.text(400, "no query: send query=… (or open / for the query page)")
        if len(queries) > 1:
            return Reply.text(400, "more than one query in the request")
        sparql = queries[0]
        if "format" in parameters:
            results, graph = formats_from_parameter(parameters["format"])
            wanted = "format=" + ",".join(parameters["format"])
        else:
            ranges = parse_accept(self.headers.get("Accept"))
            results, graph = negotiate(ranges, RESULT_FORMATS), negotiate(ranges, GRAPH_FORMATS)
            wanted = self.headers.get("Accept") or "*/*"
        if results is None and graph is None:
            offered = ", ".join(t[0] for t in (*RESULT_FORMATS.values(), *GRAPH_FORMATS.values()))
            return Reply.text(406, f"no acceptable format for {wanted!r}; this endpoint "
                                   f"offers {offered}")
        job = {"query": sparql, "results": results, "graph": graph, "wanted": wanted,
               "max_rows": self.server.max_rows,
               "default_graphs": parameters.get("default-graph-uri", []),
               "named_graphs": parameters.get("named-graph-uri", [])}
        return self.server.pool.run(job, self.server.query_timeout)

    def _send(self, reply: Reply, *, head: bool = False) -> None:
        try:
            self.send_response(reply.status)
            headers = {"Content-Type": reply.content_type, "Content-Length": str(len(reply.body)),
                       "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                       "Vary": "Accept", "Content-Security-Policy": "default-src 'none'",
                       **reply.headers}
            if reply.status == 204:
                del headers["Content-Type"]
            if self.close_connection:
                headers["Connection"] = "close"
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server's own errors (bad request line, unknown method…) as one plain line
        self.close_connection = True
        self._send(Reply.text(code, message or explain or "bad request"))

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {self.log_date_time_string()} "
                             f"{printable(format % args)}\n")


class HTTPServer(ThreadingHTTPServer):
    """A thread per connection, at most ``max_connections`` of them: a connection beyond
    that gets a 503 from a short-lived thread (at most :data:`_REFUSERS` at once, others
    are closed unanswered), so idle or slow clients cannot make threads without bound."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], *, pool: WorkerPool, page: bytes,
                 page_policy: str, query_timeout: float, max_rows: int, max_connections: int,
                 quiet: bool, builds: Builds | None = None) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.pool, self.page, self.page_policy = pool, page, page_policy
        self.builds = builds
        self.query_timeout, self.max_rows, self.quiet = query_timeout, max_rows, quiet
        self.max_connections = max_connections
        # here, not at the top: the explorer uses kg.endpoint's formats and replies, so it
        # can only be imported once the kg.endpoint package has been
        from kg.explorer.app import Explorer
        from kg.explorer.pooled import PooledStore

        self.explorer = Explorer(PooledStore(pool, timeout=query_timeout))
        self.loopback_only = _loopback(address[0])
        self._connections: set[socket.socket] = set()
        self._refusing = 0
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def connection_count(self) -> int:
        """How many connections have a thread now."""
        with self._connections_lock:
            return len(self._connections)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            admitted = len(self._connections) < self.max_connections
            refused = not admitted and self._refusing < _REFUSERS
            if admitted:
                self._connections.add(request)
            elif refused:
                self._refusing += 1
        if admitted:
            super().process_request(request, client_address)
        elif refused:
            threading.Thread(target=self._refuse, args=(request,), daemon=True).start()
        else:
            super().shutdown_request(request)

    def _refuse(self, request: socket.socket) -> None:
        # read the request first: closing a socket with unread bytes sends a reset, which
        # can destroy the answer before the client reads it
        try:
            request.settimeout(_REFUSE_SECONDS)
            received = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in received and len(received) < 65536:
                    chunk = request.recv(65536)
                    if not chunk:
                        break
                    received += chunk
            message = (f"all {self.max_connections} connections of this server are in use; "
                       "try again\n").encode()
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\n"
                                b"Content-Type: text/plain; charset=utf-8\r\n"
                                b"Content-Length: %d\r\nRetry-After: 1\r\n"
                                b"Connection: close\r\n\r\n%s" % (len(message), message))
            super().shutdown_request(request)
        finally:
            with self._connections_lock:
                self._refusing -= 1

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

