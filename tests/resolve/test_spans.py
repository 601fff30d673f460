"""The model's spans repaired, and what resolves and what does not (kg.resolve.spans)."""

from __future__ import annotations

import json

import pytest
from conftest import WIKINEWS

from kg.nlp import load
from kg.records import Block, Document
from kg.resolve import ArticleEntities, clean_span
from kg.tasks import parse_documents

from .article import article


def test_clean_span_strips_titles_honorifics_and_possessives() -> None:
    doc = load()("Ukraine’s President Volodymyr Zelensky met Mr Johnson's envoy.")
    assert clean_span(doc[0:5]).text == "Volodymyr Zelensky"
    assert clean_span(doc[6:9]).text == "Johnson"


def test_resolve_answers_for_a_document_it_was_not_built_from() -> None:
    text = article("Russian President Vladimir Putin spoke on Thursday.")
    other = load()("Putin met the Hungarian delegation in Moscow.")
    found = text.entities.resolve(other[0], 0)
    assert found is not None and found.name == "Vladimir Putin"
    assert text.entities.resolve(other[6], 0).name == "Moscow"


def test_wikinews_articles_resolve_without_pronoun_entities() -> None:
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS} is not present")
    with WIKINEWS.open(encoding="utf-8") as source:
        records = [json.loads(line) for _, line in zip(range(8), source, strict=False)]
    documents = [Document(id=r["id"], text=r["text"], blocks=(Block(0, len(r["text"])),))
                 for r in records if r.get("text")]
    for _, paragraphs in parse_documents(load(), documents):
        entities = ArticleEntities(paragraphs).entities()
        for entity in entities:
            assert entity.name.lower() not in {"he", "she", "it", "they", "his", "her"}
            assert entity.type in {"Person", "Country", "Organisation", "Place", "Other"}


def test_lower_case_words_are_no_countries() -> None:
    # Wikinews: "us" the pronoun is not the US; "turkey" the bird is not Turkey
    text = article("I stand emotionally with him and his loved ones, just as I hope all of "
                   "us compatriots are. The family served turkey at the dinner in Gdańsk.")
    assert text.names() == {"Gdańsk": "Place"}
    assert text.name("all of us compatriots", "us") is None


def test_an_abbreviation_in_title_case_is_no_country() -> None:
    # "Us" in a Title-Case film or song title is the pronoun; "US" in capitals is the country
    text = article("Tell Us About Your Trip To Paris was the film's title. The US embassy "
                   "objected to it.")
    assert text.name("Tell Us About", "Us") is None
    assert text.names().get("United States") == "Country"
