"""Sentence boundaries the small model draws wrongly, kept from being drawn.

Its parser ends a sentence after "Hon." in "Dr the Rt. Hon. Keith Mitchell" (the
tokenizer splits "Hon" from its full stop) and after a quotation that ends in "?" or "!"
though the attribution follows in lower case (“Are you serious?” she asked).
:func:`install` makes each abbreviation of ``resolve_abbreviations.txt`` one token, which
the parser does not end a sentence on, and adds ``kg_sentence_guard`` before the parser:
it marks the word after such a quotation, and a name after an initial ("George W. Bush"),
as no sentence start.

>>> from kg.nlp import load
>>> [s.text for s in load()("Dr the Rt. Hon. Keith Mitchell spoke. He left.").sents]
['Dr the Rt. Hon. Keith Mitchell spoke.', 'He left.']
>>> [s.text for s in load()("“Are you serious?” she asked. He left.").sents]
['“Are you serious?” she asked.', 'He left.']
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

NAME = "kg_sentence_guard"
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations after which no sentence ends (``resolve_abbreviations.txt``).

    >>> "Hon." in abbreviations()
    True
    """
    text = (resources.files("kg") / "data" / "resolve_abbreviations.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def install(nlp: Language) -> None:
    """Add the abbreviations to ``nlp``'s tokenizer and the guard before its parser."""
    for abbreviation in abbreviations():
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    if "parser" in nlp.pipe_names and NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")


def _is_initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


@Language.component(NAME)
def sentence_guard(doc: Doc) -> Doc:
    """Mark a name after an initial, and the lower-case word after a quoted question or
    exclamation, as no sentence start."""
    for token in doc[:-1]:
        after = doc[token.i + 1]
        if _is_initial(token.text) and after.is_title:
            after.is_sent_start = False
        elif token.text in ("?", "!") and after.text in _CLOSING_QUOTES:
            after.is_sent_start = False
            if token.i + 2 < len(doc) and doc[token.i + 2].is_lower:
                doc[token.i + 2].is_sent_start = False
    return doc
