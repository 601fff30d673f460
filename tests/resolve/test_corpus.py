"""Entities across articles (:mod:`kg.resolve.corpus`): one node per entity in the store.

The planning rules are tested on nodes as a store holds them; the pass itself on small
real builds and on the whole corpus (the session's ``corpus_store``).
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pyoxigraph as ox
import pytest
from conftest import ROOT, SEED_ID, WIKINEWS, load_script

import kg
from kg.graph import iri
from kg.graph.store import Store
from kg.ingest.segment import segment
from kg.queries import run_query
from kg.queries.entity import entity_table, find_entities
from kg.queries.profile import entity_profile
from kg.resolve.corpus import Node, Target, expansions, plan, title_of
from kg.resolve.names import could_be_a_name
from kg.resolve.wordlists import (
    fold,
    known_organisations,
    known_places,
    occupations,
    org_heads,
    styles,
    thing_nouns,
)

# -- planning ------------------------------------------------------------------------------------


def _moves(nodes: list[Node], roles: dict[tuple[str, str], set[str]] | None = None
           ) -> dict[str, Target]:
    return {node.graph: target for node, target in plan(nodes, roles or {}).items()}


def _person(graph: str, label: str, mentions: int = 1) -> Node:
    return Node(graph, iri.entity(label, "Person"), label, "Person", mentions)


def test_a_surname_joins_the_one_person_holding_the_same_office() -> None:
    nodes = [_person("a", "Boris Johnson", 9), _person("b", "Dustin Johnson", 4),
             _person("c", "Johnson", 3), _person("d", "Johnson", 2), _person("e", "Johnson")]
    roles = {("a", nodes[0].iri): {"prime minister"}, ("b", nodes[1].iri): {"golfer"},
             ("c", nodes[2].iri): {"prime minister"}, ("e", nodes[4].iri): {"coach"}}
    moves = _moves(nodes, roles)
    assert moves["c"] == Target("Boris Johnson", "Person")
    # no office, or an office neither Johnson holds: the two Johnsons stay apart
    assert "d" not in moves and "e" not in moves
    assert "a" not in moves and "b" not in moves


def test_a_surname_joins_the_one_person_with_a_post_of_the_same_country() -> None:
    nodes = [_person("a", "Alexander Lukashenko", 5), _person("b", "Lukashenko", 2),
             _person("c", "Lukashenko", 2)]
    roles = {("a", nodes[0].iri): {"president", "country:belarus"},
             ("b", nodes[1].iri): {"country:belarus"}, ("c", nodes[2].iri): {"country:chad"}}
    moves = _moves(nodes, roles)
    assert moves["b"] == Target("Alexander Lukashenko", "Person")
    assert "c" not in moves  # another country's Lukashenko stays apart


def _organisation(graph: str, label: str, mentions: int = 1) -> Node:
    return Node(graph, iri.entity(label, "Organisation"), label, "Organisation", mentions)


def test_an_acronym_joins_the_expansion_an_article_states() -> None:
    nodes = [_organisation("a", "European Union", 4), _organisation("b", "EU", 3),
             _organisation("c", "SDF", 2)]
    acronyms = expansions([("European Union", "EU"), ("Syrian Democratic Forces", "SDF"),
                           ("Sudan Defence Force", "SDF")])
    moves = {n.graph: t for n, t in plan(nodes, {}, acronyms).items()}
    assert moves == {"b": Target("European Union", "Organisation")}  # SDF: two expansions


def test_a_surname_two_office_holders_share_stays_alone() -> None:
    nodes = [_person("a", "George W. Bush"), _person("b", "George H. W. Bush"),
             _person("c", "Bush")]
    roles = {(n.graph, n.iri): {"president"} for n in nodes}
    assert _moves(nodes, roles) == {}


def test_forms_of_one_full_name_become_its_most_mentioned_form() -> None:
    nodes = [_person("a", "Donald Trump", 30), _person("b", "Donald J. Trump", 2),
             _person("c", "Mary Trump", 5)]
    assert _moves(nodes) == {"b": Target("Donald Trump", "Person")}


def test_a_short_form_of_two_full_names_joins_neither() -> None:
    nodes = [_person("a", "George W. Bush"), _person("b", "George H. W. Bush"),
             _person("c", "George Bush")]
    assert _moves(nodes) == {}


def test_a_place_glued_before_a_full_name_is_cut_off() -> None:
    nodes = [_person("a", "Bernie Sanders", 2), _person("b", "Vermont Bernie Sanders", 9),
             Node("c", iri.entity("Vermont", "Place"), "Vermont", "Place", 3),
             _person("d", "Mary Ann Smith"), _person("e", "Ann Smith")]
    moves = _moves(nodes)
    assert moves == {"b": Target("Bernie Sanders", "Person")}  # "Mary" is no place
    assert moves["b"].glued  # "Vermont Bernie Sanders" stays no alias of his


def test_a_name_takes_the_class_of_most_of_its_mentions() -> None:
    nodes = [Node("a", iri.entity("Twitter", "Person"), "Twitter", "Person", 2),
             Node("b", iri.entity("Twitter", "Organisation"), "Twitter", "Organisation", 5),
             Node("c", iri.entity("Twitter", "Organisation"), "Twitter", "Organisation", 3)]
    assert _moves(nodes) == {"a": Target("Twitter", "Organisation")}


def test_a_full_name_read_as_a_person_is_a_person_everywhere() -> None:
    nodes = [_person("a", "Adam Kokesh"),
             Node("b", iri.entity("Adam Kokesh", "Organisation"), "Adam Kokesh",
                  "Organisation", 6),
             _person("c", "Unity Party of America"),
             Node("d", iri.entity("Unity Party of America", "Organisation"),
                  "Unity Party of America", "Organisation", 3)]
    moves = _moves(nodes)
    assert moves["b"] == Target("Adam Kokesh", "Person")
    # "Party" is an organisation's word: the article that read a person was wrong
    assert moves["c"] == Target("Unity Party of America", "Organisation")


# -- interview transcripts ----------------------------------------------------------------------


def test_interview_speaker_tags_are_not_part_of_the_paragraph() -> None:
    # Wikinews: an interview transcript, the interviewer tagged "((WN))", the guest "NG:"
    text = ("((WN))  How did you approach putting together such a large-scale study?\n\n\n"
            "NG: This study started in 1982, long before my joining the lab in March of 2016.")
    assert [text[b.start:b.end] for b in segment(text)] == [
        "How did you approach putting together such a large-scale study?",
        "This study started in 1982, long before my joining the lab in March of 2016."]


# -- the pass on real builds --------------------------------------------------------------------


def _labels(store: Store, type_: str) -> dict[str, int]:
    return {row.name: row.articles for row in entity_table(store, type_=type_)}


def test_a_surname_joins_across_articles_only_where_the_office_agrees(tmp_path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "British Prime Minister Boris Johnson met French President Emmanuel Macron in Paris "
        "on Monday.", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Prime Minister Johnson said on Tuesday that the talks in Paris had been useful.",
        encoding="utf-8")
    (folder / "c.txt").write_text(
        "The coach, Johnson, said on Friday that his team was ready for the final.",
        encoding="utf-8")
    store = Store(tmp_path / "store")
    assert kg.build([folder], store=store).errors == []
    people = _labels(store, "Person")
    assert people.get("Boris Johnson") == 2
    assert people.get("Johnson") == 1  # the coach is somebody else
    # the renamed node keeps one label, one class and one mention count
    assert kg.validate(store=store).conforms


# -- the whole corpus ---------------------------------------------------------------------------


def test_each_person_is_listed_once(corpus_store: Store) -> None:
    people = Counter(fold(row.name) for row in entity_table(corpus_store, type_="Person"))
    assert [name for name, n in people.items() if n > 1] == []


def test_the_most_mentioned_people_are_apart_and_named_like_people(corpus_store: Store) -> None:
    """Among the 200 most mentioned people, no two share a name or a full-name alias, and
    none is named like a thing: a lower-case word other than a particle, a slash, a
    digit, or an organisation's or a thing's head word last ("Blu-ray discs")."""
    top = entity_table(corpus_store, type_="Person")[:200]
    owners: dict[str, set[str]] = {}
    for row in top:
        for alias in (row.name, *row.aliases):
            if len(alias.split()) > 1:
                owners.setdefault(fold(alias), set()).add(row.name)
    assert {alias: names for alias, names in owners.items() if len(names) > 1} == {}
    assert [row.name for row in top if not could_be_a_name(row.name)
            or any(c.isdigit() for c in row.name)
            or fold(row.name).split()[-1] in org_heads() | thing_nouns()] == []


def test_each_name_has_one_class_across_the_corpus(corpus_store: Store) -> None:
    classes: dict[str, set[str]] = {}
    for row in entity_table(corpus_store):
        if row.type != "Country":
            classes.setdefault(iri.slug(row.name) or row.name, set()).add(row.type)
    assert {name: kinds for name, kinds in classes.items() if len(kinds) > 1} == {}


def test_the_table_of_a_few_entities_is_their_rows_of_the_whole_table(
        corpus_store: Store) -> None:
    whole = entity_table(corpus_store)
    some = [whole[0].iri, whole[len(whole) // 2].iri, whole[-1].iri]
    assert entity_table(corpus_store, iris=some) == [row for row in whole if row.iri in some]
    assert entity_table(corpus_store, iris=[]) == []


def test_a_profile_holds_every_statement_with_the_entity_on_either_side(
        corpus_store: Store) -> None:
    (profile,) = entity_profile(corpus_store, "united states", limit=None)
    node = ox.NamedNode(profile.entity.iri)
    count = run_query(corpus_store, f"""
        SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE {{
          GRAPH ?g {{ ?st a dip:Statement . {{ ?st dip:subject {node} }}
                                          UNION {{ ?st dip:object {node} }} }} }}
        """).rows[0]["n"]
    assert len(profile.statements) == int(count) > 100
    subjects = {str(st["subject"]) for st in profile.statements}
    assert "United States" in subjects and len(subjects) > 10  # it is object in many


def test_a_name_or_alias_in_any_case_finds_its_entity(corpus_store: Store) -> None:
    rows = [row for row in entity_table(corpus_store) if row.aliases][:5]
    assert rows
    for row in rows:
        for form in (row.name.upper(), row.aliases[0].lower(), row.aliases[-1].swapcase()):
            assert row.iri in find_entities(corpus_store, form), form


def test_donald_trump_is_one_node_in_the_seed_and_in_wikinews(corpus_store: Store) -> None:
    node = iri.entity("Donald Trump", "Person")
    rows = run_query(corpus_store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{node}> ?p ?o }} }}"
                     ).rows
    graphs = {str(r["g"]) for r in rows}
    assert iri.article_graph(SEED_ID) in graphs
    assert len(graphs) >= 20  # the 2019–2020 Wikinews articles about him


def test_a_person_named_by_one_word_is_a_person_somewhere_for_a_reason(
        corpus_store: Store) -> None:
    # brands, diseases and software the model tags PERSON ("Twitter") are named in many
    # articles and never as somebody: a one-word person known to many articles holds an
    # office in one of them
    one_word = [row for row in entity_table(corpus_store, type_="Person")
                if len(row.name.split()) == 1 and row.articles >= 5]
    held = {str(r["name"]) for r in run_query(corpus_store, """
        SELECT DISTINCT ?name WHERE { ?s a dip:PositionHolding ; dip:subject/rdfs:label ?name }
        """).rows}
    assert [row.name for row in one_word if row.name not in held] == []


def test_no_person_is_named_in_lower_case(corpus_store: Store) -> None:
    # a drug the model tags PERSON where it opens a sentence ("Muscimol was injected")
    people = entity_table(corpus_store, type_="Person")
    assert [row.name for row in people if not any(c.isupper() for c in row.name)] == []


def test_interview_speaker_tags_are_no_entities(corpus_store: Store) -> None:
    # "((WN))" tags the interviewer's questions: a tag names no entity in the text
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS} is not present")
    text = "\n".join(json.loads(line)["text"] for line in WIKINEWS.open(encoding="utf-8"))
    tags = Counter(re.findall(r"\(\(([^()\n]{1,60})\)\)", text))
    counts = {row.name: row.mentions for row in entity_table(corpus_store)}
    untagged = re.sub(r"\(\([^()\n]{1,60}\)\)", " ", text)
    for tag in tags:
        # each mention in running text has the first or the last word ("Gazzola said")
        words = {tag.split()[0], tag.split()[-1]}
        written = sum(len(re.findall(rf"\b{re.escape(w)}\b", untagged)) for w in words)
        assert counts.get(tag, 0) <= written, tag


# -- issue 18: no thing among the people, no alias of someone else --------------------------


def _people_report():
    return load_script(ROOT / "benchmarks" / "people.py")


def test_an_alias_is_a_form_of_its_name_only() -> None:
    report = _people_report()
    assert report._form_of("Brian T. Carroll", "Brian Carroll")
    assert report._form_of("Prime Minister Boris Johnson", "Boris Johnson")
    assert not report._form_of("Prince Charles", "Charles Kennedy")  # the styled person
    assert not report._form_of("King Michael", "Michael Howard")


def test_the_most_mentioned_people_are_people_with_their_own_aliases(
        corpus_store: Store) -> None:
    """Among the 200 most mentioned people none is a dictionary place or organisation,
    none is named with an occupation or title before the name, and no alias of several
    words that is no form of the name is another person's name; what is no person is
    typed Other, not dropped."""
    report = _people_report()
    top = entity_table(corpus_store, type_="Person")[:200]
    assert [row.name for row in top if fold(row.name) in known_places()
            or fold(row.name) in known_organisations()] == []
    # a style is part of a styled name ("Pope Francis"); an office or occupation is not
    assert [row.name for row in top if fold(row.name).split()[0] in occupations()
            or title_of(row.name, " ".join(row.name.split()[1:])) not in (None, *styles())
            ] == []
    people = {fold(row.name) for row in entity_table(corpus_store, type_="Person")}
    assert [(row.name, alias) for row in top for alias in row.aliases
            if len(alias.split()) > 1 and not report._form_of(alias, row.name)
            and fold(alias) in people] == []
    others = entity_table(corpus_store, type_="Other")
    assert others and all("/entity/other/" in row.iri for row in others)


def test_a_name_that_is_no_persons_is_stored_as_other_and_conforms(tmp_path) -> None:
    # Wikinews: an operating system and a costume maker's trade name the model tags PERSON
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Rocky Linux is a Community Enterprise Linux distribution. Rocky Linux said it would "
        "release soon. The married couple are among the most prominent builders in the "
        "fandom, under the name Don't Hug Cacti. Fans lined up to meet Hug Cacti.",
        encoding="utf-8")
    store = Store(tmp_path / "store")
    assert kg.build([folder], store=store).errors == []
    others = {row.name: row.iri for row in entity_table(store, type_="Other")}
    assert {"Rocky Linux", "Hug Cacti"} <= set(others)
    assert others["Rocky Linux"] == iri.entity("Rocky Linux", "Other")
    assert entity_table(store, type_="Person") == []
    assert kg.validate(store=store).conforms
