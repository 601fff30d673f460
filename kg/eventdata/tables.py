"""Event tables in the layouts that event-data readers load: POLECAT, ICEWS, GDELT 2.0, TKG.

Each layout is a :class:`Layout`: its columns in order, how an event fills a row, whether
the file has a header line, and the file name its readers look for. A cell is never guessed:
what kg does not know is left empty (a CAMEO code only where PLOVER's CAMEO table gives one
code for the event's coding, no Goldstein score, no coordinates). Text cells have their tabs
and line breaks turned into spaces; a cell with a double quote is quoted, CSV style.

``polecat``
    The 40 tab-separated columns of the POLECAT weekly files on Harvard Dataverse
    (``ngecEvents.*.txt``, the files ``rpolecat::read_polecat`` reads with ``header = TRUE``,
    the layout of TGB's ``tkgl-polecat``): ``Event ID``, ``Event Date``, ``Event Type``,
    ``Event Mode``, ``Intensity``, ``Quad Code``, ``Contexts``, actor and recipient
    ``Name``, ``Country`` (ISO alpha-3 or UNO, EUR, IGO…), ``COW`` (empty),
    ``Primary … Sector``, ``Sectors``, ``Title`` (empty), ``Name Raw``, ``Wikipedia … ID``
    (a country's Wikidata QID), then the place, ``Source``, ``Publication Date``, story
    entities (empty), ``Language`` and ``Version``.
``icews``
    The 20 tab-separated columns of the ICEWS coded event files on Harvard Dataverse
    (``events.YYYY.*.tab``, read by the ``icews`` R package): ``Event ID`` and ``Story ID``
    (integers from the event's and the article's identifiers), ``Event Date``, ``Source`` and
    ``Target`` ``Name``, ``Sectors`` (PLOVER sector codes), ``Country`` (ISO 3166 English
    short name), ``Event Text`` (the PLOVER type and mode: kg codes no CAMEO text), ``CAMEO
    Code``, ``Intensity`` (the PLOVER score, on ICEWS' −10 to +10 scale), ``Publisher``,
    and the place.
``gdelt``
    The 61 columns of a GDELT 2.0 event file (``*.export.CSV``: tab-separated, no header), in
    the GDELT 2.0 Event Database codebook's order (:data:`GDELT_COLUMNS`). ``EventCode``,
    ``EventBaseCode``, ``EventRootCode`` come from PLOVER's CAMEO table turned around
    (:func:`kg.eventdata.scores.cameo_code`); ``QuadClass`` is PLOVER's quad code (the same
    four classes, numbered alike); ``GoldsteinScale``, ``AvgTone``, the ethnic, religion
    and geographic codes stay empty; ``NumMentions``, ``NumSources``, ``NumArticles`` are 1.
``tkg``
    The quadruples of temporal knowledge graph benchmarks (TGB's ``tkgl-*``): a CSV with
    ``date``, ``head``, ``tail``, ``relation``, the entities by kg IRI; only events with a
    recipient entity make a quadruple.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from typing import IO, Any

from kg.eventdata.events import Actor, Event, asserted_events
from kg.eventdata.identifiers import country_name
from kg.eventdata.scores import cameo_code
from kg.graph.store import Store
from kg.version import __version__

Row = list[Any]


@dataclass(frozen=True)
class Layout:
    """An event table layout: its columns, how an event fills them, and its file name."""

    columns: tuple[str, ...]
    row: Callable[[Event], Row | None]  # None: the event has no row in this layout
    header: bool
    delimiter: str
    file_name: str  # a name its readers recognise


def _integer(identifier: str) -> int:
    """A stable 48-bit integer for an identifier (ICEWS and GDELT ids are integers).

    >>> _integer("abc") == _integer("abc"), _integer("abc") < 2 ** 48
    (True, True)
    """
    return int(hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:12], 16)


def _text(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


def _name(actor: Actor | None, text: str | None = None) -> str | None:
    return actor.name if actor is not None else text


POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)


def _polecat_party(actor: Actor | None, text: str | None) -> Row:
    if actor is None:
        return [text, None, None, None, None, None, text, None]
    return [actor.name, actor.code, None, actor.sector, actor.sector, None, actor.name,
            actor.wikidata]


def polecat_row(event: Event) -> Row:
    """An event as a row of the POLECAT layout."""
    return [
        event.id, event.date, event.type, event.mode, event.intensity, event.quad_code,
        event.context,
        *_polecat_party(event.actor, None),
        *_polecat_party(event.recipient, event.recipient_text),
        event.place, None, None, None, country_name(event.place_code), None, None, None,
        event.place, None, event.publisher, event.article_date, None, None, None, "en",
        f"kg {__version__}",
    ]


ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)


def _country(actor: Actor | None) -> str | None:
    return country_name(actor.code) if actor is not None else None


def icews_row(event: Event) -> Row:
    """An event as a row of the ICEWS layout."""
    target = event.recipient
    return [
        _integer(event.iri), event.date, event.actor.name, event.actor.sector,
        _country(event.actor), event.type + (f": {event.mode}" if event.mode else ""),
        cameo_code(event.type, event.mode, event.context) or None, event.intensity,
        _name(target, event.recipient_text), target.sector if target else None,
        _country(target), _integer(event.doc), None, event.publisher, None, None, None,
        country_name(event.place_code), None, None,
    ]


_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in _GEO),
    "DATEADDED", "SOURCEURL",
)
"""The GDELT 2.0 event table's columns (GDELT Event Database codebook V2.0)."""


def _gdelt_actor(actor: Actor | None, text: str | None) -> Row:
    if actor is None:
        return [None, text, *[None] * 8]
    country = actor.code if actor.type in ("Country", "Person") else None
    code = actor.cameo or ((country or "") + (actor.sector or "")) or None
    return [code, actor.name, country, None, None, None, None, actor.sector, None, None]


def gdelt_row(event: Event) -> Row:
    """An event as a row of the GDELT 2.0 layout."""
    day = Date.fromisoformat(event.date) if event.date else None
    dated = [int(day.strftime("%Y%m%d")), int(day.strftime("%Y%m")), day.year,
             round(day.year + day.timetuple().tm_yday / 365, 4)] if day else [None] * 4
    codes = [cameo_code(event.type, event.mode, event.context, digits) or None
             for digits in (4, 3, 2)]
    action_geo = [None, event.place, *[None] * 6]
    added = "".join(ch for ch in event.coded if ch.isdigit())[:14]
    return [
        _integer(event.iri), *dated,
        *_gdelt_actor(event.actor, None), *_gdelt_actor(event.recipient, event.recipient_text),
        None, *codes, event.quad_code, None, 1, 1, 1, None,
        *[None] * 16, *action_geo, int(added) if added else None, event.url,
    ]


TKG_COLUMNS = ("date", "head", "tail", "relation")


def tkg_row(event: Event) -> Row | None:
    """An event as a quadruple, or ``None`` without a recipient entity."""
    if event.recipient is None:
        return None
    return [event.date, event.actor.iri, event.recipient.iri, event.type]


LAYOUTS: dict[str, Layout] = {
    "polecat": Layout(POLECAT_COLUMNS, polecat_row, True, "\t", "ngecEvents.kg.txt"),
    "icews": Layout(ICEWS_COLUMNS, icews_row, True, "\t", "events.kg.tab"),
    "gdelt": Layout(GDELT_COLUMNS, gdelt_row, False, "\t", "kg.export.CSV"),
    "tkg": Layout(TKG_COLUMNS, tkg_row, True, ",", "kg-tkg.csv"),
}
"""Layout name → layout (the export format names ``polecat``, ``icews``, ``gdelt``, ``tkg``)."""


def rows(store: Store, layout: Layout) -> Iterator[Row]:
    """The rows of a layout for every asserted event of the store that has one."""
    for event in asserted_events(store):
        row = layout.row(event)
        if row is not None:
            yield [_text(cell) for cell in row]


def write_table(store: Store, out: IO[bytes], layout: Layout) -> None:
    """Write the store's events as one table of ``layout``, a page at a time.

    >>> import tempfile
    >>> buffer = io.BytesIO()
    >>> write_table(Store(tempfile.mkdtemp()), buffer, LAYOUTS["tkg"])
    >>> buffer.getvalue()
    b'date,head,tail,relation\\n'
    """
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, delimiter=layout.delimiter, lineterminator="\n")
    if layout.header:
        writer.writerow(layout.columns)
    for row in rows(store, layout):
        writer.writerow(["" if cell is None else cell for cell in row])
    text.detach()  # leave ``out`` open for the caller


def table_writer(name: str) -> Callable[[Store, IO[bytes]], None]:
    """The export writer of one layout (for :data:`kg.exporters.EXPORTERS`)."""
    layout = LAYOUTS[name]

    def write(store: Store, out: IO[bytes]) -> None:
        write_table(store, out, layout)
    return write
