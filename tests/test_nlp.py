"""The pipeline kg loads (kg.nlp): what it changes of spaCy's model changes no lemma but
those it means to, and spaCy is imported without its command line."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import islice

import pytest
from conftest import WIKINEWS

from kg.nlp import load


@pytest.fixture(scope="module")
def news_tokens() -> list:
    """The tokens of twenty Wikinews articles, parsed by kg's pipeline."""
    if not WIKINEWS.is_file():
        pytest.skip(f"{WIKINEWS} is not present")
    with WIKINEWS.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 20)]
    return [token for doc in load().pipe(texts) for token in doc]


def test_lemma_index_as_sets_gives_spacys_lemmas(news_tokens: list) -> None:
    """The rule lemmatiser with its word lists as sets (kg.nlp.lemmas.index_as_sets) gives
    every token of real news the lemmas it gives with the lists spaCy loads."""
    lemmatizer = load().get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")
    held = dict(table.items())
    assert all(isinstance(words, frozenset) for words in held.values())
    lemmatizer.cache.clear()
    as_sets = [lemmatizer.rule_lemmatize(token) for token in news_tokens]
    try:
        for key, words in held.items():
            table[key] = sorted(words)  # lists, as the model's lookups hold them
        lemmatizer.cache.clear()
        as_lists = [lemmatizer.rule_lemmatize(token) for token in news_tokens]
    finally:
        for key, words in held.items():
            table[key] = words
        lemmatizer.cache.clear()
    assert as_sets == as_lists
    # the rules and their word lists were at work: many a lemma is no lower-cased token
    assert sum(forms != [token.text.lower()] for token, forms in
               zip(news_tokens, as_sets, strict=True)) > 1000


def test_spacy_is_imported_without_its_command_line() -> None:
    """kg's model loads without spaCy's command line (typer, weasel, its training code),
    and in that process ``spacy.info`` answers and ``import spacy.cli`` is the real one."""
    script = """
import json, sys
from kg import nlp
nlp.load()
before = sorted(m for m in ("spacy.cli", "typer", "weasel") if m in sys.modules)
import spacy
info = spacy.info()
import spacy.cli
print(json.dumps({"before": before, "info": sorted(info),
                  "cli": hasattr(spacy.cli, "setup_cli") and "download" in dir(spacy.cli)}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["before"] == []
    assert "spacy_version" in found["info"] and "pipelines" in found["info"]
    assert found["cli"] is True
