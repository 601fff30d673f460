"""Pieces of the self-contained HTML pages kg writes (the network of ``kg render``, the query
page of ``kg serve``): data and scripts inlined safely, and the hashes their
Content-Security-Policy allows.

>>> json_for_script({"b": "</script>", "a": 1})
'{"a":1,"b":"\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any


def csp_hash(source: str) -> str:
    """The ``'sha256-…'`` source that lets exactly this inline script or style run.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_safe(js: str) -> str:
    """Neutralise sequences that would end or confuse an inline ``<script>`` element.

    >>> script_safe("a = '</SCRIPT><!--'")
    "a = '<\\\\/SCRIPT><\\\\!--'"
    """
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    return js.replace("<!--", "<\\!--")


def json_for_script(data: Any, *, sort_keys: bool = True) -> str:
    """``data`` as compact JSON (keys sorted unless ``sort_keys`` is false) that can sit
    inside a ``<script>`` element: ``&``, ``<``, ``>`` and the JavaScript line separators
    escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"),
                      allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
