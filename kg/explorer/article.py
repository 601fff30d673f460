"""The article view: the article's text as the graph holds it, each statement marked in
place (subject, object, quotation, post, time), the statements beside it, and the
entities it names.

The store keeps the sentences that statements come from, with their offsets in the
article, not the whole text: the view is those sentences in the order of the text, and
each stretch of the article between two of them (that no statement comes from) is shown
as a gap with its length, never invented.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from kg.explorer import paths
from kg.explorer.paths import NotFound
from kg.explorer.rq import rows
from kg.explorer.search import Index
from kg.explorer.spans import SentenceMarks
from kg.explorer.statements import cards
from kg.graph.store import Store

GAP = 2
"""Characters between two sentences that are only the space between them, not a gap."""


def _names(store: Store, graph: str) -> dict[str, list[str]]:
    """Entity IRI → the names the article gives it (its label and surface forms there)."""
    names: defaultdict[str, list[str]] = defaultdict(list)
    for row in rows(store, "article-names", graph=ox.NamedNode(graph)):
        names[str(row["entity"])].append(str(row["name"]))
    return names


def _mark(statement: dict, number: int, marks: SentenceMarks,
          names: dict[str, list[str]]) -> dict[str, object]:
    """Mark one statement's parts in its sentence; their spans (sentence offsets)."""
    spans: dict[str, object] = {}
    subject = statement["subject"]
    spans["subject"] = marks.entity(names.get(subject["iri"], [subject["name"]]), subject,
                                    f"{number}:subject")
    taken = [spans["subject"]] if spans["subject"] else []
    if statement["object"]:
        target = statement["object"]
        spans["object"] = marks.entity(names.get(target["iri"], [target["name"]]), target,
                                       f"{number}:object", avoid=taken)
    elif statement["objectText"]:  # an open relation's object: marked when chosen only
        spans["object"] = marks.text_part(statement["objectText"], "thing",
                                          f"{number}:object", near=spans["subject"])
    for part, kind in (("quote", "quote"), ("role", "role"), ("timeText", "time"),
                       ("label", "verb")):
        if statement[part]:
            spans[kind] = marks.text_part(statement[part], kind, f"{number}:{kind}",
                                          near=spans["subject"])
    return spans


def article_page(store: Store, index: Index, article: str) -> dict[str, object]:
    """Everything the article view shows (its JSON twin is this).

    >>> import tempfile
    >>> article_page(Store(tempfile.mkdtemp()), Index([], [], []),
    ...              "https://w3id.org/kg-diplomacy/article/gone")
    Traceback (most recent call last):
    ...
    kg.explorer.paths.NotFound: no article gone in the graph
    """
    graph = paths.article_graph(article)
    found = rows(store, "article", article=ox.NamedNode(article), graph=ox.NamedNode(graph))
    if not found:
        raise NotFound(f"no article {article.rsplit('/', 1)[-1]} in the graph")
    meta = found[0]
    statements = cards(store, index, [str(row["st"]) for row in rows(
        store, "article-statements", graph=ox.NamedNode(graph))])
    statements.sort(key=lambda s: (s["sentence"]["start"], s["sentence"]["end"],
                                   s["relation"], s["subject"]["name"]))
    names = _names(store, graph)
    by_sentence: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for number, statement in enumerate(statements):
        by_sentence[(statement["sentence"]["start"], statement["sentence"]["end"])].append(number)
    sentences, previous_end = [], 0
    for row in rows(store, "sentences", graph=ox.NamedNode(graph)):
        start, end, text = int(row["start"]), int(row["end"]), str(row["text"])
        marks = SentenceMarks(text)
        numbers = by_sentence.get((start, end), [])
        for number in numbers:
            statements[number]["spans"] = _mark(statements[number], number, marks, names)
            statements[number]["number"] = number
        sentences.append({"id": paths.sentence_id(start, end), "start": start, "end": end,
                          "gapBefore": start - previous_end if start - previous_end > GAP
                          else 0, "statements": numbers, "text": text, **marks.json()})
        previous_end = max(previous_end, end)
    for statement in statements:  # the view has each sentence and the article once
        del statement["sentence"]["text"], statement["article"], statement["evidenceHref"]
    named = sorted({s[k]["iri"] for s in statements for k in ("subject", "object")
                    if s[k]}, key=lambda iri: (-(index.entity(iri).mentions
                                                 if index.entity(iri) else 0), iri))
    return {
        "page": "article",
        "title": meta["title"] or meta["doc"],
        "article": {"doc": meta["doc"], "title": meta["title"] or meta["doc"],
                    "date": meta["date"], "url": meta["url"], "publisher": meta["publisher"],
                    "language": meta["language"], "href": paths.article_href(article)},
        "sentences": sentences,
        "statements": statements,
        "entities": [index.entity(iri).card(index) for iri in named if index.entity(iri)],
    }
