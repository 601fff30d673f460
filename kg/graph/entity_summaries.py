"""What an article's graph carries so that an entity's profile (``kg show``) costs the same
however many statements name the entity: which entities its statements link, by relation,
and the article's day for each entity its statements name.

Read from the statements, a profile joins every statement that names the entity to its
relation, counterpart and article (one index look-up each, ~7 µs on Oxigraph: 2.4 s for the
9,110 statements of the most mentioned entity of a million quads). Read from these rows,
each part is one index range scan, with no join, of rows a few bytes each.

* ``<subject> sum:link/CONSULT <object>``: some CONSULT statement of this article has that
  subject and that entity object (:data:`NO_ENTITY` when its object is a text or none);
* ``<entity> sum:statedOn "2019-05-02"``: some statement of this article names the entity,
  and the article is of that day (``""``: undated).

Both are true or false of an article, not counts, so they stay exact when the corpus-wide
entity pass (:mod:`kg.resolve.corpus`) moves two nodes of one article onto one: the moved
triples that become one triple still say the same thing. What is counted from them is
articles: the articles in which the entity is the subject of a CONSULT, the articles in
which two entities are linked. Written with the article, into its own graph
(:func:`kg.graph.rdf.reading_quads`), they go when it is replaced.

>>> from kg.records import Argument, Block, Document, Evidence, Statement
>>> doc = Document("d", "France met Spain.", (Block(0, 17),), date="2019-05-02")
>>> meet = Statement(Argument("France", 0, 6, "France", "Country"), "CONSULT",
...                  Evidence("d", "France met Spain.", 0, 17, 0.9, "x"),
...                  Argument("Spain", 11, 16, "Spain", "Country"))
>>> france = "https://w3id.org/kg-diplomacy/entity/country/france"
>>> spain = "https://w3id.org/kg-diplomacy/entity/country/spain"
>>> for s, p, o in profile_triples(doc, [("https://e/st", france, spain, meet)]):
...     print(s.value.rsplit("/", 1)[1], p.value.rsplit("/summary/", 1)[1], o.value)
france link/CONSULT https://w3id.org/kg-diplomacy/entity/country/spain
france statedOn 2019-05-02
spain statedOn 2019-05-02
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from kg.graph.summaries import SUMMARY
from kg.records import Document, Statement

NO_ENTITY = NamedNode(SUMMARY + "no-entity")
"""The object of a link whose statement has no entity object (a quotation, a text)."""
STATED_ON = NamedNode(SUMMARY + "statedOn")
"""``<entity> sum:statedOn "day"``: a statement of this article of that day names it."""


def link(code: str) -> NamedNode:
    """The predicate of the links of one relation.

    >>> link("CONSULT").value
    'https://w3id.org/kg-diplomacy/summary/link/CONSULT'
    """
    return NamedNode(f"{SUMMARY}link/{code}")


def profile_triples(document: Document,
                    statements: Iterable[tuple[str, str, str | None, Statement]]) -> list[tuple]:
    """The profile rows of one article: a link per subject, relation and object of its
    statements, and the article's day for each entity they name.

    ``statements`` holds each statement with the IRIs of its node, its subject and its
    object entity (None for none), as the article's graph has them.
    """
    links: set[tuple[str, str, str | None]] = set()
    for _, subject, target, statement in statements:
        links.add((subject, statement.relation, target))
    day = Literal(document.date or "")
    named = {subject for subject, _, _ in links} | {target for _, _, target in links if target}
    return ([(NamedNode(subject), link(code), NamedNode(target) if target else NO_ENTITY)
             for subject, code, target in sorted(links, key=lambda k: (k[0], k[1], k[2] or ""))]
            + [(NamedNode(entity), STATED_ON, day) for entity in sorted(named)])
