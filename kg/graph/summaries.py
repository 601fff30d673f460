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

The lists (``who-met-whom``, ``quotations``, ``posts``, ``sectors``) read rows: what a list
shows of a statement, written on the statement's node under properties only those
statements have (:func:`row_triples`). A list then scans a few narrow columns and joins
them by hashing, where joined from the statements it scanned every statement's subject,
object and sentence, or looked each one's labels up (~7 µs an index look-up on Oxigraph,
the most of their 0.2–0.5 s on a million quads):

* ``<st> sum:subjectName "Viktor Orbán"``, ``sum:objectName``, ``sum:placeName``: the labels
  of the statement's subject, object and place entities in this graph, on the statements a
  list names people on: quotations (a statement with a quote), position holdings with a
  post, and meetings;
* ``<st> sum:meeting "sentence"``: an asserted meeting (``dip:Consult``, factuality
  asserted, with an entity object), and the text of its sentence;
* ``<st> sum:sectored <rel>``: an asserted event whose subject or object entity has a
  sector (``dip:sector``), and its relation; ``sum:actorSector`` / ``sum:recipientSector``:
  the sectors of that subject / object.

Names and sectors are the entity nodes' as this graph holds them: the entity pass, which
renames and merges nodes inside an article's graph, brings the rows of the statements it
touches up to date in the same update (:func:`entity_rows_update`), so the lists stay
exactly what joining the statements gives.

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
from kg.graph.namespaces import BASE, DIP, FACT, SECTOR, XSD
from kg.graph.ontology import relation_term
from kg.lexicons import agent_sector
from kg.records import Argument, Document, Factuality, Statement

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
SUBJECT_NAME, OBJECT_NAME, PLACE_NAME = (NamedNode(SUMMARY + name) for name in
                                         ("subjectName", "objectName", "placeName"))
"""``<st> sum:subjectName "label"``…: the label of a listed statement's entity in this graph."""
MEETING = NamedNode(SUMMARY + "meeting")
"""``<st> sum:meeting "sentence"``: an asserted meeting with an entity object, its sentence."""
SECTORED = NamedNode(SUMMARY + "sectored")
"""``<st> sum:sectored <rel>``: an asserted event with a sectored subject or object."""
ACTOR_SECTOR, RECIPIENT_SECTOR = (NamedNode(SUMMARY + name)
                                  for name in ("actorSector", "recipientSector"))
"""``<st> sum:actorSector <sector>``: the sector of a sectored event's subject (object)."""
# the entity link of a statement, and the name its row keeps of that entity
_NAMED_BY = ((DIP.subject, SUBJECT_NAME), (DIP.object, OBJECT_NAME), (DIP.place, PLACE_NAME))
_CONSULT = str(DIP.Consult)

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


def node_sector(name: str, kind: str) -> str | None:
    """The sector an entity node carries (``dip:sector``): an organisation known by its
    role ("Israeli soldiers", "riot police"), from the agent lexicon.

    >>> node_sector("riot police", "Organisation"), node_sector("riot police", "Person")
    ('COP', None)
    """
    return agent_sector(name) if kind == "Organisation" else None


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



def _node(argument: Argument | None) -> str | None:
    """The IRI of an argument's entity node, as the article's graph names it."""
    if argument is None or not argument.is_entity:
        return None
    return iri.entity(argument.name, argument.type or "Other")


def row_triples(statements: Iterable[tuple[str, str, str | None, Statement]],
                nodes: Mapping[str, tuple[str, str]]) -> list[tuple]:
    """The list rows of one article's statements (see the module's text): the names on
    quotations, position holdings and meetings, the meeting and sector marks.

    ``statements`` and ``nodes`` as :func:`summary_triples` takes them.

    >>> from kg.records import Argument, Evidence, Statement
    >>> meet = Statement(Argument("France", 0, 6, "France", "Country"), "CONSULT",
    ...                  Evidence("d", "France met Spain.", 0, 17, 0.9, "x"),
    ...                  Argument("Spain", 11, 16, "Spain", "Country"))
    >>> france, spain = (iri.entity(name, "Country") for name in ("France", "Spain"))
    >>> nodes = {france: ("France", "Country"), spain: ("Spain", "Country")}
    >>> [(p.value.rsplit("/", 1)[1], o.value) for _, p, o in
    ...  row_triples([("https://e/st", france, spain, meet)], nodes)]
    [('subjectName', 'France'), ('objectName', 'Spain'), ('meeting', 'France met Spain.')]
    """
    triples: list[tuple] = []
    for node, subject, target, statement in statements:
        term = relation_term(statement.relation)
        st = NamedNode(node)
        asserted = term.is_event and statement.factuality is Factuality.ASSERTED
        meeting = asserted and term.statement_class == _CONSULT and target is not None
        listed = meeting or bool(statement.quote) or (
            statement.relation == "HOLDS_POSITION" and bool(statement.role) and target)
        if listed:
            place = _node(statement.place) if term.is_event else None
            for entity, name in ((subject, SUBJECT_NAME), (target, OBJECT_NAME),
                                 (place, PLACE_NAME)):
                if entity is not None and entity in nodes:
                    triples.append((st, name, Literal(nodes[entity][0])))
        if meeting:
            triples.append((st, MEETING, Literal(statement.evidence.sentence)))
        sectors = [(kind, node_sector(*nodes[entity][:2]))
                   for kind, entity in ((ACTOR_SECTOR, subject), (RECIPIENT_SECTOR, target))
                   if entity is not None and entity in nodes]
        sectored = [(kind, NamedNode(SECTOR + sector)) for kind, sector in sectors if sector]
        if asserted and sectored:
            triples += [(st, kind, sector) for kind, sector in sectored]
            triples.append((st, SECTORED, NamedNode(term.concept)))
    return triples


def entity_rows_update(graph: NamedNode, node: NamedNode, label: str) -> str:
    """The SPARQL update that brings the rows of the statements linked to ``node`` in
    ``graph`` up to date after the entity pass gave it ``label`` (and maybe merged another
    node into it): their names of it, and their sector marks, derived again from the graph.

    >>> text = entity_rows_update(NamedNode("https://g"), NamedNode("https://e"), "Olaf Scholz")
    >>> text.count("WHERE"), '"Olaf Scholz"' in text
    (4, True)
    """
    g, new = str(graph), str(node)
    name = Literal(label)
    links = " ".join(f"({link} {row})" for link, row in
                     ((NamedNode(str(a)), b) for a, b in _NAMED_BY))
    either = f"VALUES ?link {{ {NamedNode(str(DIP.subject))} {NamedNode(str(DIP.object))} }}"
    asserted = f"{NamedNode(str(DIP.factuality))} {NamedNode(str(FACT.asserted))}"
    sector = NamedNode(str(DIP.sector))
    # A name already right is left alone: Virtuoso 7 inserts before it deletes, so deleting
    # and inserting one triple in one operation would lose it.
    return f"""
DELETE {{ GRAPH {g} {{ ?st ?row ?old }} }} INSERT {{ GRAPH {g} {{ ?st ?row {name} }} }}
WHERE {{ VALUES (?link ?row) {{ {links} }} GRAPH {g} {{ ?st ?link {new} ; ?row ?old }}
        FILTER(?old != {name}) }} ;
DELETE {{ GRAPH {g} {{ ?st ?mark ?o }} }}
WHERE {{ {either} VALUES ?mark {{ {SECTORED} {ACTOR_SECTOR} {RECIPIENT_SECTOR} }}
        GRAPH {g} {{ ?st ?link {new} ; ?mark ?o }} }} ;
INSERT {{ GRAPH {g} {{ ?st ?kind ?sector }} }}
WHERE {{ {either} VALUES (?side ?kind) {{ ({NamedNode(str(DIP.subject))} {ACTOR_SECTOR})
                                          ({NamedNode(str(DIP.object))} {RECIPIENT_SECTOR}) }}
        GRAPH {g} {{ ?st ?link {new} ; {asserted} ; ?side ?entity . ?entity {sector} ?sector }} }} ;
INSERT {{ GRAPH {g} {{ ?st {SECTORED} ?rel }} }}
WHERE {{ {either} VALUES ?kind {{ {ACTOR_SECTOR} {RECIPIENT_SECTOR} }}
        GRAPH {g} {{ ?st ?link {new} ; ?kind ?sector ; {NamedNode(str(DIP.relation))} ?rel }} }}"""
