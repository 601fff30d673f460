"""Which names an entity pass over some new articles must read to decide as a full pass would.

The entity pass (:mod:`kg.resolve.corpus`) decides each node from the other nodes its name
meets: the names of the same IRI (one slug, any class), the people of the same last word
(fuller forms, surnames and the offices they hold), the places a name may have glued before
it, the full names a place may be glued before, and the acronym its label is with every
name stated with that acronym. Starting from the names the new articles hold, following
these links until none is left gives a set of names closed under them: the pass over just
those names renames each of them exactly as a pass over the whole store would, and the
store's other names, settled by an earlier pass and meeting nothing new, stay as they are.

>>> names = [("Donald Trump", "Person"), ("Trump", "Person"), ("Melania Trump", "Person"),
...          ("Joe Biden", "Person"), ("Paris", "Place")]
>>> sorted(affected(["Trump"], names))
['Donald Trump', 'Melania Trump', 'Trump']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.graph import iri
from kg.resolve.wordlists import fold


def name_key(label: str) -> str:
    """The key of a name's IRI, whatever its class: names with one key are one node.

    >>> name_key("George W. Bush") == name_key("George W Bush")
    True
    """
    return iri.slug(label) or label


def name_words(label: str) -> tuple[str, ...]:
    """A name's words as the pass compares them.

    >>> name_words("Donald J. Trump")
    ('donald', 'j', 'trump')
    """
    return tuple(fold(label).replace(".", " ").split())


def acronym_key(label: str) -> str | None:
    """The acronym a label is (full stops dropped), or None.

    >>> acronym_key("U.N."), acronym_key("Union")
    ('UN', None)
    """
    letters = label.replace(".", "")
    return letters if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() \
        else None


def acronym_forms(acronym: str) -> list[str]:
    """Every way of writing ``acronym`` that reads as it: each letter with or without a
    full stop after it.

    >>> acronym_forms("EU")
    ['EU', 'EU.', 'E.U', 'E.U.']
    """
    forms = [""]
    for letter in acronym:
        forms = [form + letter + stop for form in forms for stop in ("", ".")]
    return forms


class NameIndex:
    """The names of a store (label and class of every entity node), indexed by the links
    the pass follows between them."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.by_key: dict[str, set[str]] = defaultdict(set)
        person_keys: set[str] = set()
        for label, kind in names:
            self.by_key[name_key(label)].add(label)
            if kind == "Person":
                person_keys.add(name_key(label))
        # Only a name of a key some article reads as a person's can end up a person's.
        self.person_keys = person_keys
        self.by_last: dict[str, set[str]] = defaultdict(set)
        self.by_fold: dict[str, set[str]] = defaultdict(set)
        self.by_place: dict[str, set[str]] = defaultdict(set)  # the words glued before a name
        self.by_acronym: dict[str, set[str]] = defaultdict(set)
        for labels in self.by_key.values():
            for label in labels:
                self.by_fold[fold(label)].add(label)
                acronym = acronym_key(label)
                if acronym:
                    self.by_acronym[acronym].add(label)
                words = name_words(label)
                if words and name_key(label) in person_keys:
                    self.by_last[words[-1]].add(label)
                    for cut in range(1, len(words) - 1):
                        self.by_place[" ".join(words[:cut])].add(label)

    def linked(self, label: str) -> set[str]:
        """The names one link away from ``label``."""
        found = set(self.by_key.get(name_key(label), ()))
        found |= self.by_place.get(fold(label), set())  # full names it may be glued before
        words = name_words(label)
        if words and name_key(label) in self.person_keys:
            found |= self.by_last.get(words[-1], set())
            for cut in range(1, len(words) - 1):  # places that may be glued before it
                found |= self.by_fold.get(" ".join(words[:cut]), set())
        acronym = acronym_key(label)
        if acronym:
            found |= self.by_acronym.get(acronym, set())
        return found


def affected(seeds: Iterable[str], names: Iterable[tuple[str, str]] | NameIndex) -> set[str]:
    """The names closed under the pass's links that hold ``seeds``."""
    index = names if isinstance(names, NameIndex) else NameIndex(names)
    found: set[str] = set()
    frontier = list(dict.fromkeys(seeds))
    while frontier:
        label = frontier.pop()
        if label in found:
            continue
        found.add(label)
        frontier.extend(index.linked(label) - found)
    return found
