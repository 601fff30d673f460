"""An HTTP answer as the endpoint builds it."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.messages import one_line


@dataclass
class Reply:
    """An HTTP answer: status, content type, body and extra headers."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str, **headers: str) -> Reply:
        """A one-line plain-text answer.

        >>> Reply.text(404, "not found").body
        b'not found\\n'
        """
        return cls(status, body=(one_line(message) + "\n").encode("utf-8"), headers=headers)

