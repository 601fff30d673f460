"""Verb lemmas the small model's lemmatiser gets wrong, put right before anything reads them.

Its rules strip "-ed" where only "-d" belongs when the shorter stem is itself a word
("staged" → "stag", "based" is fine): the event lexicons then miss the verb. The
``kg_verb_lemmas`` component gives a verb the lemma its spelling also allows ("stage") when
the model's lemma is no verb the lexicons know and the other one is.

>>> from kg.nlp import load
>>> [t.lemma_ for t in load()("Activists staged rallies.") if t.pos_ == "VERB"]
['stage']

The lemmatiser's word lists are also held as sets (:func:`index_as_sets`), which gives the
same lemmas faster.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import event_verbs

NAME = "kg_verb_lemmas"


def install(nlp: Language) -> None:
    """Add the component after ``nlp``'s lemmatizer (last when it has none)."""
    if NAME in nlp.pipe_names:
        return
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(NAME, after="lemmatizer")
    else:
        nlp.add_pipe(NAME, last=True)


def index_as_sets(nlp: Language) -> None:
    """Hold the rule lemmatiser's word lists as sets, with the lemmas unchanged.

    spaCy's rule lemmatiser asks its word list of a part of speech whether a candidate
    lemma is a word, for every rule whose suffix matches and every word it has not seen;
    the English lists come as lists (57,528 nouns), read through on each question. Reading
    its first ten articles, a process spent 0.22 s there, a fifth of the parse (bare spaCy
    pays it too); a set answers at once, for 4 ms of conversion at load.
    """
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


def alternatives(word: str) -> list[str]:
    """The lemmas an inflected spelling allows besides the one stripped to the bone.

    >>> alternatives("staged"), alternatives("stages"), alternatives("staging")
    (['stage'], ['stage'], ['stage'])
    """
    word = word.lower()
    if word.endswith("ed") or word.endswith("es"):
        return [word[:-1]]
    if word.endswith("ing") and len(word) > 5:
        return [word[:-3] + "e"]
    return []


@Language.component(NAME)
def verb_lemmas(doc: Doc) -> Doc:
    """Replace a verb's lemma that the lexicons do not know by one its spelling allows
    that they do."""
    known = event_verbs()
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() in known:
            continue
        better = next((w for w in alternatives(token.text) if w in known), None)
        if better is not None:
            token.lemma_ = better
    return doc
