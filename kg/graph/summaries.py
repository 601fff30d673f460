"""What an article's graph carries for quick answers: event counts and a folded-name index.

``events-by-type``, ``events-by-month`` and ``country-relations`` count events over the
whole store. Joined from the statements, every query touches every event (four or five
index scans of ~40,000 rows on a million quads, 0.1–0.3 s); summed from counts, one scan
of a few rows per article. The counts are written with the article, from its own reading,
into its own graph (:func:`kg.graph.rdf.reading_quads`): replacing or dropping an article
takes its counts with it, so the sums over all graphs stay exact.

A count is one triple, ``<key> sum:events n``: the key IRI says what is counted in its
path (``…/summary/events/2019-05/CONSULT/asserted``: asserted CONSULT events of May 2019),
so a query sums one predicate's rows per key and reads the key's parts once per group.
Only what the corpus-wide entity pass (:mod:`kg.resolve.corpus`) never rewrites is counted
by value: relation codes, months, factuality, and the labels of countries (the pass moves
people, organisations, places and other names, never a country).

Every entity node also carries its label and aliases folded to lower case
(``<entity> sum:name "viktor orbán"``), so that ``kg show`` finds a name typed in any case
by one index look-up instead of lower-casing every label of the store (:func:`name_key`).

>>> from kg.records import Argument, Block, Document, Evidence, Statement, When
>>> doc = Document("d", "France met Spain.", (Block(0, 17),), date="2019-05-02")
>>> meet = Statement(Argument("France", 0, 6, "France", "Country"), "CONSULT",
...                  Evidence("d", "France met Spain.", 0, 17, 0.9, "x"),
...                  Argument("Spain", 11, 16, "Spain", "Country"))
>>> labels = {"https://w3id.org/kg-diplomacy/entity/country/france": ("France", "Country"),
...           "https://w3id.org/kg-diplomacy/entity/country/spain": ("Spain", "Country")}
>>> france, spain = labels
>>> triples = summary_triples(doc, [("https://e/st", france, spain, meet)], labels)
>>> [str(key.value).rsplit("/summary/", 1)[1] for key, p, _ in triples if p == EVENTS]
['events/2019-05/CONSULT/asserted']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from pyoxigraph import Literal, NamedNode

from kg.graph import iri
from kg.graph.namespaces import BASE, XSD
from kg.graph.ontology import relation_term
from kg.records import Document, Factuality, Statement

SUMMARY = BASE + "summary/"
"""Where the keys and the properties of the counts live; not the ontology's terms: they
describe no diplomacy, only what kg precomputes to answer quickly."""
EVENTS = NamedNode(SUMMARY + "events")
"""``<key> sum:events n``: ``n`` events of the key in this article."""
COUNTRY_EVENTS = NamedNode(SUMMARY + "countryEvents")
"""``<key> sum:countryEvents n``: ``n`` events between two countries of the key."""
MONTH, ACTOR, RECIPIENT, RELATION = (NamedNode(SUMMARY + name)
                                     for name in ("month", "actor", "recipient", "relation"))
NAME = NamedNode(SUMMARY + "name")
"""``<entity> sum:name "folded"``: a label or alias of the entity, folded by :func:`name_key`."""

COUNTED = (Factuality.ASSERTED, Factuality.PLANNED)
"""Events that happened or are planned: the ones the event counts count."""
_DATED = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")  # an event time precise to the month or day
_INTEGER = NamedNode(str(XSD.integer))


def _count(n: int) -> Literal:
    return Literal(str(n), datatype=_INTEGER)


def name_key(name: str) -> str:
    """A name as the name index holds it: lower case, as SPARQL's ``LCASE`` folds it
    (Python and Oxigraph both apply Unicode's full lower-case mapping).

    >>> name_key("Viktor ORBÁN")
    'viktor orbán'
    """
    return name.lower()


def name_triples(node: NamedNode, names: Iterable[str]) -> list[tuple]:
    """The name index of one entity node: each of its names folded, once."""
    return [(node, NAME, Literal(key)) for key in sorted({name_key(name) for name in names})]


def event_months(times: Iterable[str], date: str | None) -> set[str]:
    """The months an event is counted in: those of its times dated to a month or a day,
    else the article's, else ``undated``.

    >>> sorted(event_months(["2019-05", "../2019-06-01"], "2020-01-31"))
    ['2019-05']
    >>> event_months([], None)
    {'undated'}
    """
    months = {time[:7] for time in times if _DATED.match(time)}
    return months or {date[:7] if date else "undated"}


def summary_triples(document: Document,
                    statements: Iterable[tuple[str, str, str | None, Statement]],
                    nodes: Mapping[str, tuple[str, str]]) -> list[tuple]:
    """The count triples of one article: its events by month, relation and factuality,
    and its events between two countries by month, actor, recipient and relation.

    ``statements`` holds each statement with the IRIs of its node, its subject and its
    object entity (None for none), as the article's graph has them; ``nodes`` maps each
    entity IRI of the graph to its label and class there. A statement the reading lists
    twice is counted once: its node is one.
    """
    events: dict[str, tuple[str, str, str, str | None, set[str]]] = {}
    for node, subject, target, statement in statements:
        if not relation_term(statement.relation).is_event or statement.factuality not in COUNTED:
            continue
        _, _, _, _, times = events.setdefault(
            node, (statement.relation, statement.factuality.value, subject, target, set()))
        if statement.when is not None:
            times.add(statement.when.iso)
    by_key: Counter[str] = Counter()
    between: Counter[tuple[str, str, str, str]] = Counter()
    for code, fact, subject, target, times in events.values():
        for month in event_months(times, document.date):
            by_key[f"{SUMMARY}events/{month}/{code}/{fact}"] += 1
            actor, recipient = nodes.get(subject), nodes.get(target or "")
            if actor and recipient and actor[1] == recipient[1] == "Country":
                between[(month, actor[0], recipient[0], code)] += 1
    triples: list[tuple] = [(NamedNode(key), EVENTS, _count(n))
                            for key, n in sorted(by_key.items())]
    for (month, actor, recipient, code), n in sorted(between.items()):
        key = NamedNode(f"{SUMMARY}country-events/{iri.digest(month, actor, recipient, code)}")
        triples += [(key, COUNTRY_EVENTS, _count(n)), (key, MONTH, Literal(month)),
                    (key, ACTOR, Literal(actor)), (key, RECIPIENT, Literal(recipient)),
                    (key, RELATION, NamedNode(relation_term(code).concept))]
    return triples

