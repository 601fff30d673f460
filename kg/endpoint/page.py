"""The query page on ``/``: plain HTML and JS in ``page.html`` (package data), the settings
embedded as JSON, and a Content-Security-Policy that lets only its own script and style run.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from kg.web import csp_hash, json_for_script

PAGE_FILE = "page.html"


def render_page(config: dict[str, Any]) -> tuple[bytes, str]:
    """The query page with ``config`` (prefixes, named queries…) embedded as JSON, and the
    Content-Security-Policy that lets exactly its own inline script and style run.

    >>> page, policy = render_page({"endpoint": "/sparql", "prefixes": {}, "queries": {}})
    >>> b"<textarea" in page and "connect-src 'self'" in policy
    True
    """
    template = (resources.files(__package__) / PAGE_FILE).read_text(encoding="utf-8")
    page = template.replace("__KG_CONFIG__", json_for_script(config, sort_keys=False))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    script_src = " ".join(map(csp_hash, scripts)) or "'none'"
    style_src = " ".join(map(csp_hash, styles)) or "'none'"
    policy = (f"default-src 'none'; script-src {script_src}; style-src {style_src}; "
              "connect-src 'self'; img-src 'self' data:; form-action 'self'; "
              "base-uri 'none'; frame-ancestors 'none'")
    return page.encode("utf-8"), policy

