"""Headless Debian Chromium for browser tests (a helper module, not a test file).

Starts ``/usr/bin/chromium`` through ``/usr/bin/chromedriver`` with Selenium 4 and collects the
console log and every network request the page made (from Chrome's performance log). Install
the browser with ``scripts/install-browser.sh``.

Use the context manager directly::

    with headless_chromium() as browser:
        browser.driver.get(Path("graph.html").resolve().as_uri())
        assert browser.external_requests() == []

or the pytest fixture ``chromium`` (import it into the test module:
``from browser import chromium  # noqa: F401``).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_FLAGS: tuple[str, ...] = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
LOCAL_SCHEMES: tuple[str, ...] = ("file:", "data:", "about:", "blob:")
# Chrome's own pages (e.g. the new-tab page chromedriver opens first) load their resources
# from these schemes; they never touch the network, so they are not counted either.
BROWSER_INTERNAL_SCHEMES: tuple[str, ...] = ("chrome:", "chrome-untrusted:", "devtools:")
SKIP_REASON = (
    f"{CHROMIUM} or {CHROMEDRIVER} is missing: run scripts/install-browser.sh to install "
    "Debian's chromium and chromium-driver"
)


def browser_available() -> bool:
    """True when both Debian's chromium and chromedriver are installed.

    >>> isinstance(browser_available(), bool)
    True
    """
    return CHROMIUM.is_file() and CHROMEDRIVER.is_file()


@dataclass
class Browser:
    """A running headless Chromium plus the console and network logs collected so far.

    Chrome's logs are drained on every read, so this object keeps what it has read;
    :meth:`clear_logs` forgets it (e.g. before loading the next page). Example::

        with headless_chromium() as b:
            b.driver.get("about:blank")
            assert b.severe_errors() == []
    """

    driver: Any
    _console: list[dict[str, Any]] = field(default_factory=list)
    _requests: list[dict[str, str]] = field(default_factory=list)

    def _drain(self) -> None:
        self._console.extend(self.driver.get_log("browser"))
        for entry in self.driver.get_log("performance"):
            try:
                message = json.loads(entry["message"])["message"]
            except (KeyError, TypeError, ValueError):
                continue
            if message.get("method") == "Network.requestWillBeSent":
                params = message.get("params", {})
                url = params.get("request", {}).get("url")
                if url:
                    self._requests.append(
                        {"url": str(url), "document": str(params.get("documentURL", ""))}
                    )

    def console(self) -> list[dict[str, Any]]:
        """All console entries so far (dicts with ``level``, ``message``, ``source``). Example::

            browser.console()
            # [{'level': 'SEVERE', 'message': '...', 'source': 'javascript', ...}]
        """
        self._drain()
        return list(self._console)

    def severe_errors(self) -> list[dict[str, Any]]:
        """Console entries of level SEVERE (uncaught errors, CSP violations, failed loads).

        Example::

            assert browser.severe_errors() == []
        """
        return [e for e in self.console() if e.get("level") == "SEVERE"]

    def requests(self) -> list[str]:
        """URLs of every request the browser started (``Network.requestWillBeSent``).

        Example::

            browser.requests()  # ['chrome://new-tab-page/...', 'file:///tmp/graph.html']
        """
        self._drain()
        return [r["url"] for r in self._requests]

    def requests_of(self, document_url: str) -> list[str]:
        """URLs requested on behalf of the document ``document_url`` (itself included).

        Example::

            url = browser.driver.current_url
            assert browser.requests_of(url) == [url]
        """
        self._drain()
        return [r["url"] for r in self._requests if r["document"] == document_url]

    def external_requests(self) -> list[str]:
        """Requests that leave the machine: any URL not ``file:``/``data:``/``about:``/``blob:``.

        Chrome's internal ``chrome://`` resources (its new-tab page) are not counted either.

        Example::

            assert browser.external_requests() == []
        """
        skip = LOCAL_SCHEMES + BROWSER_INTERNAL_SCHEMES
        return [u for u in self.requests() if not u.lower().startswith(skip)]

    def open_graph(self, page: Path, *, timeout: float = 20.0) -> float:
        """Forget the logs, load a rendered graph page and wait for ``window.kgReady``.

        Returns the seconds from the start of the load until the page was interactive.
        Example::

            seconds = browser.open_graph(Path("graph.html"))
        """
        self.clear_logs()
        started = time.monotonic()
        self.driver.get(page.resolve().as_uri())
        while not self.driver.execute_script("return window.kgReady === true"):
            if time.monotonic() - started > timeout:
                raise AssertionError(f"{page} never became ready within {timeout:.0f} s")
            time.sleep(0.05)
        return time.monotonic() - started

    def clear_logs(self) -> None:
        """Drain Chrome's logs and forget everything collected so far.

        Example::

            browser.clear_logs()
            browser.driver.get(page_url)
        """
        self._drain()
        self._console.clear()
        self._requests.clear()


@contextmanager
def headless_chromium(*, width: int = 1400, height: int = 900) -> Iterator[Browser]:
    """Start headless Debian Chromium with a fresh profile; quit it and delete the profile after.

    Example::

        with headless_chromium() as browser:
            browser.driver.get("about:blank")
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not browser_available():
        raise RuntimeError(SKIP_REASON)
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = None
    try:
        driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                                  options=options)
        yield Browser(driver)
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Pytest fixture: one headless Chromium per test module; skips if it is not installed.

    Example::

        def test_blank(chromium):
            chromium.driver.get("about:blank")
    """
    if not browser_available():
        pytest.skip(SKIP_REASON)
    with headless_chromium() as browser:
        yield browser
