"""Content negotiation: which serialisation a SPARQL request asks for.

The names are the attributes of ``pyoxigraph.QueryResultsFormat`` (SELECT, ASK) and
``pyoxigraph.RdfFormat`` (CONSTRUCT, DESCRIBE), chosen by the ``Accept`` header or by the
``format`` parameter that overrides it. Standard library only: the worker processes load
this file by path (see :mod:`kg.endpoint.worker`).
"""

from __future__ import annotations

# ox.QueryResultsFormat / ox.RdfFormat attribute → the media types that select it (the
# first is the canonical one); the order is the server's preference.
RESULT_FORMATS: dict[str, tuple[str, ...]] = {
    "JSON": ("application/sparql-results+json", "application/json"),
    "XML": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "CSV": ("text/csv",),
    "TSV": ("text/tab-separated-values",),
}
GRAPH_FORMATS: dict[str, tuple[str, ...]] = {
    "TURTLE": ("text/turtle", "application/x-turtle", "application/turtle"),
    "JSON_LD": ("application/ld+json", "application/json", "application/x-json+ld"),
    "N_TRIPLES": ("application/n-triples", "text/plain"),
    "RDF_XML": ("application/rdf+xml", "application/xml", "text/xml"),
    "N3": ("text/n3", "text/rdf+n3"),
}
# The ``format`` parameter: name → (format for SELECT/ASK, format for CONSTRUCT/DESCRIBE).
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("JSON", "JSON_LD"),
    "srj": ("JSON", None),
    "xml": ("XML", "RDF_XML"),
    "srx": ("XML", None),
    "csv": ("CSV", None),
    "tsv": ("TSV", None),
    "turtle": (None, "TURTLE"),
    "ttl": (None, "TURTLE"),
    "json-ld": (None, "JSON_LD"),
    "jsonld": (None, "JSON_LD"),
    "nt": (None, "N_TRIPLES"),
    "ntriples": (None, "N_TRIPLES"),
    "n-triples": (None, "N_TRIPLES"),
    "rdf+xml": (None, "RDF_XML"),
    "rdfxml": (None, "RDF_XML"),
    "n3": (None, "N3"),
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their weights (``*/*`` when empty).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0)]
    """
    ranges = []
    for part in (header or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    weight = 0.0
        ranges.append((media.lower(), weight))
    return ranges or [("*/*", 1.0)]


def negotiate(ranges: list[tuple[str, float]], offers: dict[str, tuple[str, ...]]) -> str | None:
    """The offered format the client accepts best (``None`` when it accepts none).

    Each offer gets the weight of the most specific range that matches one of its media
    types; ties go to the more specific match, then to the server's order.

    >>> negotiate(parse_accept("text/csv, */*;q=0.1"), RESULT_FORMATS)
    'CSV'
    >>> negotiate(parse_accept("image/png"), RESULT_FORMATS) is None
    True
    """
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, (name, media_types) in enumerate(offers.items()):
        match: tuple[int, float] | None = None  # (specificity, weight)
        for index, media in enumerate(media_types):
            kind = media.split("/")[0]
            for pattern, weight in ranges:
                if pattern == media:
                    specificity = 3 if index == 0 else 2
                elif pattern == f"{kind}/*" and index == 0:  # wildcards: canonical types
                    specificity = 1
                elif pattern == "*/*":
                    specificity = 0
                else:
                    continue
                if match is None or specificity > match[0]:
                    match = (specificity, weight)
        if match is None or match[1] <= 0:
            continue
        key = (match[1], match[0], -order)
        if best is None or key > best:
            best, chosen = key, name
    return chosen


def formats_from_parameter(values: list[str]) -> tuple[str | None, str | None]:
    """The formats a ``format`` parameter names, for SELECT/ASK and for CONSTRUCT/DESCRIBE.

    Values may be names (``csv``) or media types, several separated by commas.

    >>> formats_from_parameter(["json"])
    ('JSON', 'JSON_LD')
    >>> formats_from_parameter(["tsv", "text/tab-separated-values"])
    ('TSV', None)
    """
    results = graph = None
    for token in (t.strip().lower() for v in values for t in v.split(",")):
        if token in FORMAT_NAMES:
            by_name = FORMAT_NAMES[token]
        else:
            by_name = (negotiate([(token, 1.0)], RESULT_FORMATS) if "/" in token else None,
                       negotiate([(token, 1.0)], GRAPH_FORMATS) if "/" in token else None)
        results = results or by_name[0]
        graph = graph or by_name[1]
    return results, graph

