"""PLOVER 2.0 event records: one JSON object a line (``kg export --format plover``).

The fields follow the PLOVER 2.0 manual's chapter "Data Fields" (``PLOVER_MANUAL.tex``):
``id``, ``date`` (YYYY-MM-DD), ``event``, ``mode`` and ``context`` (lists), ``actor`` and
``recipient`` (lists of entity objects), ``event_loc``, ``event_text``, ``quad_code``,
``event_scale`` (the manual's scale value: the PLOVER score, also under POLECAT's name
``intensity``), ``text_info`` (the sentence and its character offsets in the article),
``cite_info`` (``citation``: the article's id, ``url``, ``title``, ``publication``,
``language``, ``coder``, ``codebook``, ``version``), ``coder`` and ``coded_date``. An entity
object has ``code``
(ISO 3166 alpha-3 for a country, or UNO, EUR, IGO, NGO… for an international
organisation), ``sector``, ``entity_text`` (kg's canonical name of the entity),
``identifier_id`` (the Wikidata QID where kg has one, else kg's IRI of the entity) and
``identifier_text``; kg adds ``entity_type`` and, for organisations of the international
actors dictionary, ``cameo_code``.

Only asserted events are written; ``factuality`` says so in each record, and ``date_source``
says whether ``date`` is the event's own day (``event``) or the article's (``article``);
``event_time`` is the time the text gives, as precise as it is (``2025-10``), and ``uri``
the event's node in the graph.
"""

from __future__ import annotations

import json
from typing import IO, Any

from kg.eventdata.events import Actor, Event, asserted_events
from kg.graph.store import Store
from kg.version import __version__

CODEBOOK = "plover-base-2.0"
"""The codebook named in ``cite_info``: the PLOVER 2.0 manual's base event types."""


def entity(actor: Actor) -> dict[str, Any]:
    """An actor or recipient as the manual's entity object.

    >>> entity(Actor("https://w3id.org/kg-diplomacy/entity/country/germany", "Germany",
    ...              "Country", "DEU", None, None, "Q183"))["identifier_id"]
    'Q183'
    """
    return {"code": actor.code, "sector": actor.sector, "entity_text": actor.name,
            "identifier_id": actor.wikidata or actor.iri, "identifier_text": actor.name,
            "entity_type": actor.type, "cameo_code": actor.cameo}


def record(event: Event) -> dict[str, Any]:
    """One event as a PLOVER record (fields in the module's text)."""
    if event.recipient is not None:
        recipients = [entity(event.recipient)]
    elif event.recipient_text:
        recipients = [{"entity_text": event.recipient_text}]
    else:
        recipients = []
    return {
        "id": event.id,
        "date": event.date,
        "date_source": event.date_source,
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": [event.context] if event.context else [],
        "actor": [entity(event.actor)],
        "recipient": recipients,
        "event_loc": {"extracted_place": event.place, "country_code": event.place_code}
        if event.place else None,
        "event_text": [event.label or event.sentence],
        "quad_code": event.quad_code,
        "event_scale": event.intensity,
        "intensity": event.intensity,
        "event_time": event.time,
        "event_time_text": event.time_text,
        "factuality": event.factuality,
        "confidence": event.confidence,
        "text_info": {"sentence": event.sentence, "start": event.start, "end": event.end},
        "cite_info": {"citation": event.doc, "url": event.url, "title": event.title,
                      "publication": event.publisher, "language": "en",
                      "coder": f"kg {__version__}", "codebook": CODEBOOK,
                      "version": __version__},
        "coder": f"kg {__version__} ({event.extractor})",
        "coded_date": event.coded[:10],
        "uri": event.iri,
    }


def write_plover(store: Store, out: IO[bytes]) -> None:
    """Every asserted event of the store as a PLOVER record, one JSON object a line.

    >>> import io, tempfile
    >>> buffer = io.BytesIO()
    >>> write_plover(Store(tempfile.mkdtemp()), buffer)
    >>> buffer.getvalue()
    b''
    """
    for event in asserted_events(store):
        out.write(json.dumps(record(event), ensure_ascii=False).encode("utf-8") + b"\n")
