"""A client's view of the endpoint: one HTTP request, the answer, each results format
parsed independently, and the queries the tests ask."""

from __future__ import annotations

import csv
import io
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import rdflib

POSITIONS = """
SELECT DISTINCT ?person ?title ?country WHERE {
  ?p a dip:PositionHolding ; dip:subject/rdfs:label ?person ;
     dip:role ?title ; dip:object/rdfs:label ?country .
} ORDER BY ?person ?title ?country"""
TRUMP = ("Donald Trump", "President", "United States")
PEOPLE = ("CONSTRUCT { ?p a dip:Person ; rdfs:label ?name } "
          "WHERE { ?p a dip:Person ; rdfs:label ?name }")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SRJ, SRX = "application/sparql-results+json", "application/sparql-results+xml"
KG = [sys.executable, "-m", "kg"]
RDFS_LABEL = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> dict:
        """The body as JSON, asserting the answer says it is JSON."""
        assert self.headers["content-type"].startswith("application/json"), self.headers
        return json.loads(self.body)


def fetch(url: str, *, params: dict[str, str] | None = None, data: bytes | None = None,
          content_type: str | None = None, accept: str | None = None, method: str | None = None,
          headers: dict[str, str] | None = None, timeout: float = 30) -> Answer:
    """One HTTP request with urllib; HTTP errors are answers too."""
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, got, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, got, body = error.code, error.headers, error.read()
    return Answer(status, {k.lower(): v for k, v in got.items()}, body)


def query(endpoint: str, sparql: str, accept: str | None = None, **params: str) -> Answer:
    return fetch(endpoint, params={"query": sparql, **params}, accept=accept)


def rows_from_json(body: bytes) -> list[tuple[str, ...]]:
    data = json.loads(body)
    names = data["head"]["vars"]
    return [tuple(b[n]["value"] for n in names) for b in data["results"]["bindings"]]


def rows_from_xml(body: bytes) -> list[tuple[str, ...]]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(body)
    names = [v.get("name") for v in root.findall("r:head/r:variable", ns)]
    rows = []
    for result in root.findall("r:results/r:result", ns):
        values = {b.get("name"): "".join(b.itertext()) for b in result.findall("r:binding", ns)}
        rows.append(tuple(values[n] for n in names))
    return rows


def rows_from_csv(body: bytes) -> list[tuple[str, ...]]:
    return [tuple(row) for row in list(csv.reader(io.StringIO(body.decode("utf-8"))))[1:]]


def rows_from_tsv(body: bytes) -> list[tuple[str, ...]]:
    lines = body.decode("utf-8").splitlines()[1:]
    # TSV terms are in Turtle syntax: our values here are plain strings without escapes
    return [tuple(v[1:-1] if v.startswith('"') else v for v in line.split("\t")) for line in lines]


RESULT_FORMATS = {
    SRJ: rows_from_json,
    SRX: rows_from_xml,
    "text/csv": rows_from_csv,
    "text/tab-separated-values": rows_from_tsv,
}
