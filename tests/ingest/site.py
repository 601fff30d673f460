"""A small news site on loopback for the web tests: article pages with the furniture real
news pages carry (navigation, byline, captioned figure, related-article list, newsletter
box, footer), a feed of them, robots.txt, redirects, errors, slow and oversize answers.

Every request is logged, so a test can count what reached the server.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTRIES = ["France", "Germany", "Japan", "Brazil", "Kenya", "India", "Canada", "Egypt",
             "Mexico", "Norway"]
CITIES = ["Geneva", "Vienna", "Oslo", "Nairobi", "Doha", "Helsinki", "Lisbon"]
MINISTERS = ["Anna Keller", "Rafael Duarte", "Kenji Sato", "Amina Odhiambo", "Priya Nair",
             "Marc Tremblay", "Lars Haugen"]

# The furniture every article page carries: none of it may reach an article's text.
FURNITURE = [
    "Home World Politics Business Opinion",
    "By Jane Reporter, Diplomatic Correspondent",
    "Header Image: The delegations shake hands before the talks",
    "Related articles",
    "Protesters condemn the closure of the embassy in the capital",
    "Central bank raises interest rates for the third time this year",
    "Sign up for our daily newsletter to get the top diplomacy stories delivered to your inbox",
    "Copyright 2024 Example News. All rights reserved.",
]


def article_paragraphs(n: int) -> list[str]:
    """The known text of article ``n``: what the build must read, and nothing else."""
    a, b = COUNTRIES[n % 10], COUNTRIES[(n * 3 + 1) % 10]
    if a == b:
        b = COUNTRIES[(n + 5) % 10]
    city, other = CITIES[n % 7], CITIES[(n + 2) % 7]
    minister = MINISTERS[n % 7]
    return [
        f"The foreign ministers of {a} and {b} met in {city} on Monday to discuss a "
        f"ceasefire along the disputed border and the release of prisoners held since "
        f"last year (report {n}).",
        f"{a}'s foreign minister {minister} said after the meeting that both governments "
        f"had agreed to reopen their embassies and to meet again next month in {other}.",
        f"Officials from {b} described the talks as constructive, although they warned that "
        f"the agreement still needed the approval of parliament before it could take effect.",
    ]


def article_title(n: int) -> str:
    return f"Ministers of {COUNTRIES[n % 10]} hold talks in {CITIES[n % 7]} ({n})"


def article_path(n: int) -> str:
    return f"/world/2024/03/{n % 28 + 1:02d}/talks-{n}"


def article_page(n: int, *, lang: str = "en") -> bytes:
    """A real-shaped article page: the article and its furniture."""
    title = article_title(n)
    body = "".join(f"<p>{escape(p)}</p>" for p in article_paragraphs(n))
    related = "".join(f'<li><a href="/world/other-{i}">{escape(t)}</a></li>'
                      for i, t in enumerate(FURNITURE[4:6]))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(title)} | Example News | 0{n % 9 + 1}.03.2024</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-{n % 28 + 1:02d}T09:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a>
<a href="/business">Business</a> <a href="/opinion">Opinion</a></nav></header>
<main><article>
<h1>{escape(title)}</h1>
<div class="byline">By Jane Reporter, Diplomatic Correspondent</div>
<figure><img src="/img/{n}.jpg" alt="">
<figcaption>{FURNITURE[2]}</figcaption></figure>
{body}
<table><tr><th>Delegation</th><th>Heads</th></tr>
<tr><td>Observers</td><td><p>Elliot Ackerman</p><p>Saladin Ambar</p></td></tr></table>
</article>
<aside class="related-articles"><h3>{FURNITURE[3]}</h3><ul>{related}</ul></aside>
<div class="newsletter-signup"><p>{FURNITURE[6]}.</p>
<form><input type="email"><button>Subscribe</button></form></div>
</main>
<footer><p>{FURNITURE[7]}</p></footer>
</body></html>""".encode()


def index_page(links: list[str]) -> bytes:
    """A section front: links, no article."""
    items = "".join(f'<li><a href="{link}">Story {i}</a></li>' for i, link in enumerate(links))
    return (f"<!DOCTYPE html><html lang='en'><head><title>World | Example News</title></head>"
            f"<body><nav>Home World</nav><ul>{items}</ul></body></html>").encode()


def rss(base: str, numbers: list[int], *, extra: list[str] = ()) -> bytes:
    """An RSS 2.0 feed of articles ``numbers`` (links with a tracking parameter)."""
    items = []
    for n in numbers:
        date = format_datetime(datetime(2024, 3, n % 28 + 1, 9, tzinfo=UTC))
        items.append(f"<item><title>{escape(article_title(n))}</title>"
                     f"<link>{base}{article_path(n)}?utm_source=rss</link>"
                     f"<pubDate>{date}</pubDate></item>")
    items.extend(f"<item><title>x</title><link>{base}{path}</link></item>" for path in extra)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Example News</title><link>{base}/</link>{''.join(items)}"
            f"</channel></rss>").encode()


ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: kg\nDisallow: /private/\n"

Route = Callable[["Handler"], tuple[int, dict[str, str], bytes]]


@dataclass
class Site:
    """The routes of the site (path → answer), and the log of requests it got."""

    routes: dict[str, Route | tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    base: str = ""

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8",
             status: int = 200, **headers: str) -> None:
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, body)

    def hits(self, prefix: str = "/") -> int:
        """How many requests for paths under ``prefix`` reached the server."""
        return sum(1 for path in self.log if path.startswith(prefix))


class Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.site.log.append(path)
        self.site.agents.append(self.headers.get("User-Agent", ""))
        route = self.site.routes.get(path)
        if route is None:
            status, headers, body = 404, {"Content-Type": "text/html"}, b"<p>Not found</p>"
        else:
            status, headers, body = route(self) if callable(route) else route
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve(site: Site) -> tuple[ThreadingHTTPServer, threading.Thread]:
    handler = type("SiteHandler", (Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def slow(seconds: float, body: bytes) -> Route:
    def answer(_: Handler) -> tuple[int, dict[str, str], bytes]:
        time.sleep(seconds)
        return 200, {"Content-Type": "text/html"}, body
    return answer


def failing_first(times: int, body: bytes, status: int = 500) -> Route:
    """An answer that fails ``times`` times with ``status``, then succeeds."""
    count = {"n": 0}

    def answer(_: Handler) -> tuple[int, dict[str, str], bytes]:
        count["n"] += 1
        if count["n"] <= times:
            return status, {"Content-Type": "text/html", "Retry-After": "0"}, b"busy"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body
    return answer
