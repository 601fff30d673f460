"""Membership of parties and organisations, read from noun phrases.

* "Jeremy Hunt, a member of the Conservative Party" and "Turkey, a NATO member": an
  apposition headed by a member noun, with the organisation after "of" or before it;
  "Spain is a member of the EU", "Sweden became a NATO member": the same as a predicate,
  and "YPG is the main fighting force of the SDF", "Britain is part of the EU";
* "John Smith of the Labour Party": a person's name followed by "of" an organisation
  (with no title between — a title makes it a post, read by ``positions``);
* "Labour's Keir Starmer": an organisation owning a person's name, with no title;
* "Conservative MP Philip Hammond", "Labour leader Jeremy Corbyn": a capitalised name
  before a legislator's title or a politician's role is the party (the article's
  organisation of that name, "Conservative Party", when it has one); so is a party's
  code in brackets after the name ("Lindsey Graham (R-SC)", "John Smith (Lab)");
* "NATO allies Poland and Lithuania", "fellow NATO member Turkey", "NATO allies such as
  Poland": a member noun of an organisation naming the countries it stands for.

"Joining" a group is read with its clause (``clauses``). Countries are never
organisations here: "Smith of Britain" is where he is from, not a membership.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.extract.base import Context
from kg.extract.components import register
from kg.extract.parties import parties
from kg.extract.syntax import conjuncts
from kg.extract.words import words
from kg.lexicons import titles
from kg.records import Argument, Statement
from kg.resolve.wordlists import fold, national_titles, party_codes, party_roles

NAME = "members"
_MEMBER_TYPES = frozenset({"Person", "Country", "Organisation"})


def _organisation(token: Token, context: Context) -> Argument | None:
    found = context.resolve(token)
    if found is not None and found.type == "Organisation":
        return found
    return None


def _of_group(noun: Token, context: Context) -> Argument | None:
    """The organisation after "of" ("part of the EU")."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = _organisation(pobj, context)
            if found is not None:
                return found
    return None


def _group_of(noun: Token, context: Context) -> Argument | None:
    """The organisation a member noun belongs to: "a member of X", "X member", "X's allies"."""
    found = _of_group(noun, context)
    if found is not None:
        return found
    for child in noun.lefts:
        if child.dep_ in ("compound", "nmod", "poss", "amod"):
            found = _organisation(child, context)
            if found is not None:
                return found
    return None


def _is_member_noun(token: Token) -> bool:
    return token.lemma_.lower() in words("member")


def _starts_title(token: Token) -> bool:
    """Whether a title begins at ``token`` ("Member of Parliament" is a seat, not a
    membership of Parliament)."""
    text = token.doc[token.i:token.i + 4].text.lower()
    return any(text == t or text.startswith(t + " ") for t in national_titles())


@cache
def _national_words() -> frozenset[str]:
    return frozenset(w for title in national_titles() for w in title.split())


@cache
def _post_words() -> frozenset[str]:
    """Words of titles that make "Title X of Y" a post of Y rather than a membership: not
    those of national offices ("MP Yvette Cooper of the Labour Party" is a member)."""
    return frozenset(w.lower() for title in titles() for w in title.split()) - _national_words()


def _members_named(noun: Token, context: Context) -> list[Argument]:
    """The entities a member noun stands for: in apposition, listed, or the name it
    modifies ("NATO member Turkey")."""
    heads = [c for c in noun.children if c.dep_ == "appos"]
    heads += [p for prep in noun.children if prep.dep_ == "prep"
              and (prep.lower_ in words("listing") or prep.lower_ == "as")
              for p in prep.children if p.dep_ == "pobj"]
    if noun.dep_ in ("compound", "nmod") and noun.head.pos_ == "PROPN":
        heads.append(noun.head)
    found: list[Argument] = []
    for head in heads:
        for token in conjuncts(head):
            argument = context.resolve(token)
            if argument is not None and argument.type in ("Country", "Person"):
                found.append(argument)
    return found


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Memberships stated by the noun phrases of a parsed paragraph."""
    seen: set[tuple[str, str]] = set()
    for found in (_appositions(doc, context), _owned_names(doc, context),
                  _member_nouns(doc, context), _predicates(doc, context),
                  _party_legislators(doc, context), _party_codes(doc, context)):
        for member, group, token, confidence in found:
            if member.name == group.name or (member.name, group.name) in seen:
                continue
            seen.add((member.name, group.name))
            yield Statement(subject=member, relation="MEMBER_OF", object=group,
                            evidence=context.evidence(token.sent, confidence, NAME))


def _appositions(doc: Doc, context: Context) -> Iterator[tuple[Argument, Argument, Token, float]]:
    """"X, a member of Y" / "X, a Y member"."""
    for token in doc:
        if token.dep_ != "appos" or not _is_member_noun(token):
            continue
        group = _group_of(token, context)
        if group is None:
            continue
        for party in parties(token.head, context):
            if party.argument.type in _MEMBER_TYPES:
                yield party.argument, group, token, 0.8


def _owned_names(doc: Doc, context: Context) -> Iterator[tuple[Argument, Argument, Token, float]]:
    """"John Smith of the Labour Party", "Labour's Keir Starmer" (no title between)."""
    title_words = _post_words()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        person = context.resolve(root)
        if person is None or person.type != "Person":
            continue
        before = [t for t in root.lefts if t.i < ent.start]
        if any(t.lower_ in title_words for t in before):
            continue
        for child in before:
            if child.dep_ == "poss":
                group = _organisation(child, context)
                if group is not None:
                    yield person, group, root, 0.7
        for prep in (c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                group = _organisation(pobj, context)
                if group is not None:
                    yield person, group, root, 0.7


def _member_nouns(doc: Doc, context: Context) -> Iterator[tuple[Argument, Argument, Token, float]]:
    """"NATO allies Poland and Lithuania", "fellow NATO member Turkey"."""
    for token in doc:
        if not _is_member_noun(token) or token.dep_ == "appos" or _starts_title(token):
            continue
        group = _group_of(token, context)
        if group is None:
            continue
        for member in _members_named(token, context):
            yield member, group, token, 0.75


_BECOMING = frozenset({"be", "become", "remain"})
# Nouns that, said of X with "of Y", make X a part of Y ("YPG is the main fighting force
# of the SDF", "Britain is part of the EU").
_PART_NOUNS = frozenset({"part", "wing", "branch", "faction", "force", "arm", "component"})


def _predicates(doc: Doc, context: Context) -> Iterator[tuple[Argument, Argument, Token, float]]:
    """"Spain is a member of the EU", "Sweden became a NATO member", "X is part of Y"
    (not negated)."""
    for token in doc:
        verb = token.head
        if token.dep_ not in ("attr", "oprd") or verb.lemma_ not in _BECOMING \
                or any(c.dep_ == "neg" for c in verb.children):
            continue
        if _is_member_noun(token):
            group = _group_of(token, context)
        elif token.lemma_.lower() in _PART_NOUNS:
            group = _of_group(token, context)
        else:
            continue
        if group is None:
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            for party in parties(subject, context):
                if party.argument.type in _MEMBER_TYPES:
                    yield party.argument, group, token, 0.8


def _party_legislators(doc: Doc, context: Context
                       ) -> Iterator[tuple[Argument, Argument, Token, float]]:
    """"Conservative MP Philip Hammond", "Democratic presidential nominee Joe Biden": the
    capitalised words before a legislator's title or a politician's role."""
    for ent in doc.ents:
        root = ent.root
        person = context.resolve(root)
        if person is None or person.type != "Person":
            continue
        prefix = [t for t in doc[min(t.i for t in root.subtree):ent.start] if not t.is_punct]
        text = " ".join(t.lower_ for t in prefix)
        title = next((t for t in party_roles() if text == t or text.endswith(" " + t)), None)
        if title is None:
            continue
        words = prefix[:len(prefix) - len(title.split())]
        while words and words[-1].is_lower:  # "presidential", "deputy"
            words = words[:-1]
        party: list[Token] = []
        for token in reversed(words[-3:]):  # the capitalised run just before the title
            named = token.pos_ in ("PROPN", "ADJ") or _organisation(token, context) is not None
            if not token.text[:1].isupper() or not named \
                    or token.lower_ in _post_words() | _national_words():
                break
            party.insert(0, token)
        if not party or any(_place_or_person(t, context) for t in party):
            continue  # "US Senator", "Texas Congressman": a place, not a party
        group = _party(doc[party[0].i:party[-1].i + 1], context)
        yield person, group, root, 0.7


def _place_or_person(token: Token, context: Context) -> bool:
    found = context.resolve(token) or context.resolve_word(token)
    return found is not None and found.type != "Organisation"


def _party(span: Span, context: Context, name: str | None = None) -> Argument:
    """The organisation a party's short name (or its code, with the party's ``name``)
    stands for in the article, else the name."""
    start = context.offset + span.start_char
    short = fold(name or span.text).split()
    for entity in context.entities.entities():  # "Labour" → the article's "Labour Party"
        words = fold(entity.name).split()
        if entity.type == "Organisation" and words[:len(short)] == short \
                and words[-1] == "party":
            return Argument(span.text, start, start + len(span.text), entity.name, entity.type)
    found = context.resolve(span.root) if name is None else None
    if found is not None and found.type == "Organisation":
        return found
    return Argument(span.text, start, start + len(span.text), name or span.text, "Organisation")


def _party_codes(doc: Doc, context: Context) -> Iterator[tuple[Argument, Argument, Token, float]]:
    """"Senator Lindsey Graham (R-SC)": a party's code in brackets right after a name."""
    for ent in doc.ents:
        if ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
            continue
        person = context.resolve(ent.root)
        if person is None or person.type != "Person":
            continue
        close = next((t.i for t in doc[ent.end + 1:ent.end + 6] if t.text == ")"), None)
        if close is None:
            continue
        inside = [t.text for t in doc[ent.end + 1:close]]
        code = " ".join(inside[:inside.index("-")] if "-" in inside else inside)
        party = party_codes().get(code)
        if party is not None:
            yield person, _party(doc[ent.end + 1:ent.end + 2], context, party), ent.root, 0.7
