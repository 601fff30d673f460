"""Article metadata: YAML front matter, ``NAME.meta.yaml`` sidecars and dates.

Metadata keys are ``title``, ``date``, ``url``, ``source`` and ``id``; other keys
(``tags``, ``author``…) are allowed and ignored.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from kg.ingest.base import BadInput, decode, one_line, read_limited

KEYS = ("id", "title", "date", "url", "source")
SIDECAR_SUFFIX = ".meta.yaml"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)

_DATE_FORMATS = (
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%A, %B %d, %Y",
    "%A, %d %B %Y",
    "%a, %d %b %Y %H:%M:%S %z",
    "%a, %d %b %Y %H:%M:%S %Z",
)


def parse_date(value: object) -> str:
    """Normalise a date (a ``date``, ``datetime`` or common date string) to ``YYYY-MM-DD``.

    Raises ``BadInput`` (a ``ValueError``) for anything else.

    >>> parse_date("2025-10-16T09:30:00Z"), parse_date("16 October 2025")
    ('2025-10-16', '2025-10-16')
    >>> parse_date(dt.date(2019, 1, 4))
    '2019-01-04'
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = " ".join(value.split())
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                parsed = parse(text)
            except ValueError:
                continue
            return parsed.isoformat()[:10]
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date().isoformat()
            except ValueError:
                continue
    raise BadInput(f"bad date {str(value)[:40]!r} (expected YYYY-MM-DD)")


def clean(meta: Mapping[Any, Any]) -> dict[str, str]:
    """Check and normalise the known metadata keys; empty values are dropped.

    Raises ``BadInput`` with a one-line reason for a bad value.

    >>> clean({"title": " Talks resume ", "date": "2024-03-05", "id": 7, "tags": ["x"]})
    {'id': '7', 'title': 'Talks resume', 'date': '2024-03-05'}
    """
    out: dict[str, str] = {}
    for key in KEYS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if key == "date":
            out[key] = parse_date(value)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                out[key] = text
        else:
            raise BadInput(f"'{key}' must be text, not {type(value).__name__}")
    return out


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps an impossible date (``2024-02-30``) as text, for
    :func:`parse_date` to name; PyYAML's own conversion raises a bare ``ValueError``."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _load_yaml(text: str) -> dict[str, str]:
    try:
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader: builds plain data only
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or "syntax error"
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise BadInput(f"bad YAML{where} ({problem})") from None
    except (ValueError, OverflowError) as e:  # a number of 5,000 digits
        raise BadInput(one_line(f"bad YAML value ({e})")) from None
    except RecursionError:
        raise BadInput("bad YAML (nested too deeply)") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadInput(f"metadata must be a mapping of keys, not {type(data).__name__}")
    return clean(data)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---``-delimited YAML front matter from the top of ``text``.

    Returns the cleaned metadata and the body after it. Raises ``BadInput`` for bad
    YAML or values. Text without a closed front matter block is all body.

    >>> split_front_matter("---\\ntitle: Talks\\n---\\nBody.\\n")
    ({'title': 'Talks'}, 'Body.\\n')
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = _load_yaml(match.group(1) or "")
    except BadInput as e:
        raise BadInput(f"front matter: {e}") from None
    return meta, text[match.end() :]


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of ``path`` lives.

    >>> sidecar_path(Path("seeds/a.txt"))
    PosixPath('seeds/a.meta.yaml')
    """
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: Path, max_bytes: int) -> dict[str, str] | None:
    """The cleaned metadata of ``path``'s sidecar, or ``None`` if there is none.

    Raises ``BadInput`` (naming no file; the caller does) if the sidecar is unusable.

    >>> read_sidecar(Path("/nonexistent/a.txt"), 2**20) is None
    True
    """
    side = sidecar_path(path)
    if not os.path.lexists(side):
        return None
    try:
        text = decode(read_limited(side, max_bytes), str(side))
    except BadInput as e:
        if str(e) == "empty file":
            return {}
        raise
    return _load_yaml(text)
