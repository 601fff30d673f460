"""One HTTP GET for the explorer's tests, through the endpoint tests' client (an HTTP error
is an answer too)."""

from __future__ import annotations

from endpoint.client import Answer, fetch


def get(url: str, *, accept: str | None = None) -> Answer:
    """GET ``url`` with an ``Accept`` header when given (a corpus page may take a while)."""
    return fetch(url, accept=accept, timeout=60)


def data(url: str) -> dict:
    """The JSON twin of the page at ``url`` (asserting a 200)."""
    answer = get(url, accept="application/json")
    assert answer.status == 200, answer.text
    return answer.json()
