"""The asserted events of a store as flat records, for the event-data formats.

An event here is a PLOVER-coded statement whose factuality is ``asserted`` (what the text
reports as done; negated, hypothetical, possible and planned events are left out). Its
``date`` is the event's own day where the text gives one (``date_source`` ``"event"``), else
the article's date (``"article"``). An actor's ``code`` is what PLOVER's country field holds:
a country's ISO alpha-3 code; for a person, the country of the posts the graph gives them
when all are of one country; for an international organisation, its PLOVER code (UNO, EUR,
IGO, NGO…) from the international actors dictionary.

>>> import tempfile
>>> from kg.graph.store import Store
>>> list(asserted_events(Store(tempfile.mkdtemp())))
[]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.eventdata.identifiers import organisation_code, wikidata
from kg.eventdata.scores import intensity, quad
from kg.graph.store import Store
from kg.queries import query_pages


@dataclass(frozen=True, slots=True)
class Actor:
    """An event's actor or recipient."""

    iri: str
    name: str
    type: str  # Person, Country, Organisation, Place, Other
    code: str | None = None  # PLOVER's country field: ISO alpha-3, or UNO, EUR, IGO…
    sector: str | None = None  # CAMEO/PLOVER sector (GOV, MIL, COP…)
    cameo: str | None = None  # an organisation's CAMEO actor code (IGOUNOHLHWHO)
    wikidata: str | None = None  # a country's Wikidata QID


@dataclass(frozen=True, slots=True)
class Event:
    """One asserted event with what the event-data formats carry."""

    id: str
    iri: str
    doc: str
    type: str
    mode: str | None
    context: str | None
    date: str | None  # YYYY-MM-DD
    date_source: str | None  # "event" or "article"
    time: str | None  # ISO 8601 as precise as the text ("2025-10", "2025-10-06/2025-10-12")
    time_text: str | None
    article_date: str | None
    title: str | None
    url: str | None
    publisher: str | None
    coded: str  # when the extraction run started (xsd:dateTime)
    actor: Actor
    recipient: Actor | None
    recipient_text: str | None  # a recipient that is text only
    place: str | None
    place_code: str | None
    label: str | None  # the verb phrase
    sentence: str
    start: int
    end: int
    confidence: float
    extractor: str
    factuality: str = "asserted"

    @property
    def quad_code(self) -> int:
        """The PLOVER quad class, 1 (verbal cooperation) to 4 (material conflict)."""
        return quad(self.type)

    @property
    def intensity(self) -> float:
        """The PLOVER conflict–cooperation score, −10 to +10 (the mode's where scored)."""
        return intensity(self.type, self.mode)


@cache
def _query() -> str:
    return (resources.files("kg.eventdata") / "events.rq").read_text(encoding="utf-8")


# No type patterns: only people hold posts and only countries have a code, and Oxigraph
# joins the type index of the whole union first when given one. Each pattern is its own
# subquery: joined as one pattern it took 0.97 s on the corpus store, as three 0.002 s.
_POST_COUNTRIES = """
SELECT DISTINCT ?person ?code WHERE {
  { SELECT DISTINCT ?person ?post WHERE { ?person org:holds ?post } }
  { SELECT DISTINCT ?post ?country WHERE { ?post org:postIn ?country } }
  { SELECT DISTINCT ?country ?code WHERE { ?country dip:countryCode ?code } }
}"""


def person_countries(store: Store) -> dict[str, str]:
    """Person IRI → the ISO code of their country, for people whose posts are all of one."""
    held: defaultdict[str, set[str]] = defaultdict(set)
    for page in query_pages(store, _POST_COUNTRIES):
        for row in page.rows:
            held[str(row["person"])].add(str(row["code"]))
    return {person: codes.pop() for person, codes in held.items() if len(codes) == 1}


def _actor(row: dict, prefix: str, countries: dict[str, str]) -> Actor | None:
    iri = row[prefix]
    if not iri:
        return None
    name, kind = str(row[f"{prefix}Name"]), str(row[f"{prefix}Class"]).rsplit("#", 1)[-1]
    code, cameo = row[f"{prefix}Code"], None
    if kind == "Person":
        code = countries.get(iri)
    elif kind == "Organisation" and (found := organisation_code(name)):
        code, cameo = found
    return Actor(iri, name, kind, code, row[f"{prefix}Sector"], cameo,
                 wikidata(code) if kind == "Country" else None)


def asserted_events(store: Store) -> Iterator[Event]:
    """The store's asserted events, article by article in document-id order (a page of
    articles in memory at a time)."""
    countries = person_countries(store)
    for page in query_pages(store, _query()):
        # One record per event, however many values a graph gives one of its optional
        # columns (the shapes allow one, but a store may hold an older build): the first.
        rows = {}
        for row in page.rows:
            rows.setdefault(row["st"], row)
        for row in rows.values():
            own = row["date"]
            yield Event(
                id=str(row["st"]).rsplit("/", 1)[-1], iri=row["st"], doc=row["doc"],
                # PLOVER names contexts with underscores ("human_rights"), kg's concepts
                # with hyphens
                type=row["type"], mode=row["mode"] or None,
                context=row["context"].replace("-", "_") if row["context"] else None,
                date=own or row["articleDate"],
                date_source="event" if own else "article" if row["articleDate"] else None,
                time=row["time"], time_text=row["timeText"], article_date=row["articleDate"],
                title=row["title"], url=row["url"], publisher=row["publisher"],
                coded=str(row["coded"]), actor=_actor(row, "actor", countries),
                recipient=_actor(row, "recipient", countries),
                recipient_text=row["objectText"], place=row["place"],
                place_code=row["placeCode"], label=row["label"], sentence=row["sentence"],
                start=int(row["start"]), end=int(row["end"]),
                confidence=float(row["confidence"]), extractor=row["extractor"])


def count_asserted(store: Store) -> int:
    """How many asserted events the store holds (what every event-data export writes).

    >>> import tempfile
    >>> count_asserted(Store(tempfile.mkdtemp()))
    0
    """
    answer = query_pages(store, "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { "
                                "?st dip:factuality fact:asserted } }")
    return int(next(answer).rows[0]["n"])
