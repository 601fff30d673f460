"""kg.graph.namespaces: the dip: namespace is closed, and it is the ontology's.

:class:`DIP` must name exactly the terms ``ontology/diplomacy.ttl`` defines, and every dip:
term kg writes or asks for (code, named queries, shapes, JSON-LD context) must be one of them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.graph.namespaces import DIP
from kg.graph.ontology import ontology_file

ROOT = Path(__file__).resolve().parents[1]
USES = re.compile(r"""(?:\bdip:|\bDIP\.|\b_dip\.|\bDIP\[["'])([A-Za-z_][A-Za-z0-9_]*)""")


@cache
def ontology_terms() -> set[str]:
    graph = Graph().parse(ontology_file("diplomacy.ttl"), format="turtle")
    base = str(DIP)
    return {str(s).removeprefix(base) for s in graph.subjects()
            if isinstance(s, URIRef) and str(s).startswith(base)}


def without_doctests(text: str) -> str:
    """``text`` without its doctest examples and their output (up to the next blank line):
    those are run by the doctests, and some show a wrong term on purpose."""
    kept, in_example = [], False
    for line in text.splitlines():
        in_example = (in_example or line.lstrip().startswith(">>>")) and bool(line.strip())
        if not in_example:
            kept.append(line)
    return "\n".join(kept)


def used_terms() -> dict[str, set[str]]:
    """dip: term → the files that name it."""
    files = [*ROOT.glob("kg/**/*.py"), *ROOT.glob("kg/**/*.rq"),
             ROOT / "ontology" / "shapes.ttl", ROOT / "ontology" / "context.jsonld"]
    used: dict[str, set[str]] = {}
    for path in files:
        for name in USES.findall(without_doctests(path.read_text(encoding="utf-8"))):
            used.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return used


def test_dip_names_exactly_the_ontologys_terms() -> None:
    assert set(DIP.__annotations__) == ontology_terms()


def test_every_dip_term_used_is_defined() -> None:
    used = used_terms()
    assert {"Article", "Statement", "relation", "confidence"} <= set(used)  # the scan sees
    undefined = {name: sorted(files) for name, files in used.items()
                 if name not in ontology_terms()}
    assert not undefined


def test_a_misspelt_term_fails_at_once() -> None:
    with pytest.raises(AttributeError, match="Statment"):
        _ = DIP.Statment
    assert DIP.Statement == URIRef(str(DIP) + "Statement")


def test_statements_carry_exactly_the_ontologys_relation_codes() -> None:
    """kg.records.RELATIONS, which a Statement is checked against, is the ontology's set of
    relation codes; a code outside it fails where the statement is made."""
    from kg.graph.ontology import relations
    from kg.records import PLOVER_TYPES, RELATIONS, Argument, Evidence, Statement

    assert set(relations()) == RELATIONS
    assert {code for code, term in relations().items() if term.is_event} == PLOVER_TYPES
    with pytest.raises(ValueError, match="CONSLUT"):
        Statement(Argument("Iran", 0, 4, "Iran"), "CONSLUT",
                  Evidence("d", "Iran met.", 0, 9, 0.9, "clauses"))
