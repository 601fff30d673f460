"""Forms of a name: the keys an organisation's name is also written by ("State
Department"), its initials, a given name's short form, the names a sentence states to be a
person's other name, and whether a person could be called so at all."""

from __future__ import annotations

import re

from kg.lexicons import lookup_country
from kg.resolve.governments import MAX_COUNTRY_WORDS
from kg.resolve.mentions import Mention
from kg.resolve.wordlists import fold, legal_forms, name_particles

NAME_STOP = frozenset({"of", "the", "and", "for", "on", "de", "la", "du", "des", "del", "&"})
# Words before a name that state it is another name of the person ("alias Y"), and the
# kinds of "name" that do ("the ring name Brodie Lee"); and "known as Y".
_ALIAS_WORDS = frozenset({"nicknamed", "alias", "aka", "a.k.a."})
_NAME_KINDS = frozenset({"ring", "stage", "pen", "screen", "birth", "real", "maiden"})
_FEMININE_ENDINGS = ("a", "e", "ine", "elle", "ette")  # "Erica", "Louise", "Danielle"


def alternative_keys(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other ways to write an organisation's name: without a leading country, without
    its legal form, and "Department of State" as "State Department".

    >>> alternative_keys(("united", "states", "department", "of", "state"))
    [('department', 'of', 'state'), ('state', 'department')]
    >>> alternative_keys(("abs", "cbn", "corporation"))
    [('abs', 'cbn')]
    """
    keys = []
    bare = words
    while len(bare) > 1 and bare[-1] in legal_forms():
        bare = bare[:-1]
    if bare != words:
        keys.append(bare)
    for size in range(min(MAX_COUNTRY_WORDS, len(words) - 1), 0, -1):
        if lookup_country(" ".join(words[:size])):
            bare = words[size:]
            keys.append(bare)
            break
    if "of" in bare:
        at = bare.index("of")
        if 0 < at < len(bare) - 1:
            keys.append(bare[at + 1:] + bare[:at])
    return keys


def acronym(words: tuple[str, ...]) -> str:
    """The initials a name's acronym would have, its small words left out.

    >>> acronym(("north", "atlantic", "treaty", "organization"))
    'nato'
    """
    return "".join(w[0] for w in words if w not in NAME_STOP and w[:1].isalpha())


def stated_aliases(mentions: list[Mention]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Names a sentence states to be another name of the person it is about → that
    person's name: "Jon Huber, who performed under the ring name Brodie Lee", "X, known
    as Y", "nicknamed Y". Only between two names the model reads as people's."""
    people = {(m.offset, i): m for m in mentions if m.kind == "name" and m.label == "PERSON"
              for i in range(m.start, m.end)}
    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    for mention in people.values():
        doc, start = mention.doc, mention.start
        before = [t.lower_ for t in doc[max(start - 2, 0):start]]
        if not (before[-1:] and (before[-1] in _ALIAS_WORDS
                                 or before == ["known", "as"]
                                 or (before[-1] == "name" and before[0] in _NAME_KINDS))):
            continue
        verb = mention.span.root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
            subject = verb.head  # "Jon Huber, who performed ..."
        elif verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            subject = verb.head  # "Jon Huber, known as ..."
        owner = people.get((mention.offset, subject.i)) if subject is not None else None
        if owner is not None and owner is not mention and owner.words != mention.words:
            found[mention.words] = owner.words
    return found


def short_given(one: str, other: str) -> bool:
    """Whether one given name is the other's short form: four letters or more that open
    it, the rest no feminine ending ("vince" of "vincent", "chris" of "christopher"; not
    "eric" of "erica", nor "dan" of "daniel": too short to tell).

    >>> short_given("vince", "vincent"), short_given("christopher", "chris")
    (True, True)
    >>> short_given("eric", "erica"), short_given("dan", "daniel")
    (False, False)
    """
    short, long = sorted((one, other), key=len)
    rest = long[len(short):]
    return len(short) >= 4 and len(rest) >= 2 and long.startswith(short) \
        and short.isalpha() and not rest.endswith(_FEMININE_ENDINGS)


def unbracketed(text: str) -> str:
    """A name as written without an editor's brackets inside a quotation.

    >>> unbracketed("[Prime Minister Narendra] Modi")
    'Prime Minister Narendra Modi'
    """
    return " ".join(text.replace("[", " ").replace("]", " ").split())


_NAME_MARKS = frozenset('/"“”()[]@#')


def could_be_a_name(name: str) -> bool:
    """Whether a person could be called ``name``: every word capitalised but the
    particles ("bin", "van der", "de la"), and no slash, quote mark or bracket.

    >>> could_be_a_name("Hamza bin Laden"), could_be_a_name("Bashar al-Assad")
    (True, True)
    >>> could_be_a_name("Blu-ray discs")
    False
    >>> could_be_a_name("De La Fuente/Richardson")
    False
    """
    if any(c in _NAME_MARKS for c in name):
        return False
    words = name.split()
    return all(w[:1].isupper() or not w[:1].isalpha()
               or re.split(r"[\s']", fold(w))[0] in name_particles()  # "al-Assad", "d'Estaing"
               for w in words) and fold(words[-1]) not in name_particles()
