"""One HTTP GET for the explorer's tests (urllib; an HTTP error is an answer too)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> dict:
        assert self.headers["content-type"].startswith("application/json"), self.headers
        return json.loads(self.body)


def get(url: str, *, accept: str | None = None) -> Answer:
    """GET ``url`` with an ``Accept`` header when given."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()},
                          response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def data(url: str) -> dict:
    """The JSON twin of the page at ``url`` (asserting a 200)."""
    answer = get(url, accept="application/json")
    assert answer.status == 200, answer.text
    return answer.json()
