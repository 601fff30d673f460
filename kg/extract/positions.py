"""Titles and appositions as positions held.

"US President Donald Trump", "Hungarian Prime Minister Viktor Orbán", "Ukraine's
ambassador to the US, Olga Stefanishyna", "Olga Stefanishyna, Ukraine's ambassador",
"Sergei Lavrov, the foreign minister of Russia", "President Hassan Rouhani of Iran" and
"Northamptonshire's chief constable Nick Adderley" each say that a person holds a post
of a country or organisation. "Egyptian foreign minister Sameh Shoukry and his Greek
and French counterparts, Nikos Dendias and Jean-Yves Le Drian" gives each counterpart
the post of the one whose counterparts they are, in the country named for them (in
order). "Mike Pompeo, who is the secretary of state" and "Khashoggi was a columnist for
The Washington Post" state a post as a predicate.

A national office with no owner in its noun phrase ("Prime Minister Boris Johnson",
"Adil Abdul-Mahdi, the caretaker Prime Minister") belongs to the country the person
holds a post of elsewhere in the article, else the one country that has the office
("Taoiseach"), else the one the public actor dictionaries
give them (PETRARCH2's, :func:`kg.resolve.wordlists.known_people`), else that of a person
coordinated with them ("Trump and Vice President JD Vance"), else the article's own country
(:mod:`kg.resolve.home`). Any other title with no owner yields nothing rather than a
guess. A title after "former", "ex-" or "then" is a past post: its role keeps the marker
("former President").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.base import Context
from kg.extract.components import register
from kg.extract.syntax import conjuncts
from kg.extract.words import words
from kg.lexicons import titles
from kg.nlp.grammar import OWNER_DEPS
from kg.records import Argument, Statement
from kg.resolve import clean_span
from kg.resolve.home import home_country
from kg.resolve.spans import titled_names
from kg.resolve.wordlists import (
    country_by_code,
    fold,
    known_people,
    legislator_titles,
    national_titles,
    title_countries,
)

NAME = "positions"
_OWNER_PREPOSITIONS = ("of", "for")
_PAST_MARKERS = frozenset({"former", "ex", "then", "onetime", "erstwhile"})
_PREDICATE_VERBS = frozenset({"be", "serve", "become", "remain", "work"})
# Words that qualify how a post is held; the role keeps them ("acting President").
_QUALIFIERS = frozenset({"acting", "interim", "caretaker", "deputy", "vice", "outgoing",
                         "incoming", "designate"})


@dataclass(frozen=True, slots=True)
class Post:
    """A title read beside a person's name, with its owner when the text names one."""

    title: str
    owner: Argument | None
    past: bool = False
    qualifier: str | None = None

    @property
    def role(self) -> str:
        qualifier = self.qualifier
        if qualifier is not None and qualifier.lower() in self.title.lower().split():
            qualifier = None  # "Vice" of "Vice President" is the title's own
        return " ".join(w for w in ("former" if self.past else None, qualifier, self.title) if w)


def _title_at_end(words: str) -> str | None:
    """The longest known title that ``words`` ends with, as written there."""
    lower = words.lower()
    for title in titles():
        t = title.lower()
        if lower == t or lower.endswith(" " + t):
            return words[len(words) - len(title):]
    return None


def _owner(tokens: list[Token], context: Context, person: str) -> Argument | None:
    """The country or organisation among the tokens before a title."""
    for token in reversed(tokens):
        found = context.resolve(token)
        if found is not None and found.type != "Person" and found.name != person:
            return found
    return None


def _of_owner(head: Token, context: Context) -> Argument | None:
    """The owner given by "of X" or "for X" after a title ("President of Russia")."""
    for prep in (c for c in head.children
                 if c.dep_ == "prep" and c.lower_ in _OWNER_PREPOSITIONS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = context.resolve(pobj)
            if found is not None and found.type != "Person":
                return found
    return None


def _past(tokens: list[Token]) -> bool:
    return any(t.lower_.rstrip("-") in _PAST_MARKERS for t in tokens)


def _prefixed(name: Span, context: Context, person: Argument) -> Post | None:
    """A title written before the name, in the same noun phrase."""
    root = name.root
    prep = root.head
    if root.dep_ == "pobj" and prep.head.i < prep.i:
        post = None
        if prep.lower_ == "to":
            # "US Ambassador to Germany Richard Grenell", parsed as an ambassador to Grenell
            post = _post_of(prep.head, context, person)
        elif prep.lower_ in _OWNER_PREPOSITIONS and name.label_ == "PERSON":
            # "the Secretary General of NATO Jens Stoltenberg", parsed as a secretary general
            # of Stoltenberg: the owner is named between the preposition and the name. Only
            # for a name the model tags a person's: the parse is the same for "Director
            # General of the DRC's Institut National de Recherche Biomédicale"
            owner = _owner(list(name.doc[prep.i + 1:name.start]), context, person.name)
            post = _post_of(prep.head, context, person) if owner is not None else None
            post = replace(post, owner=owner) if post is not None else None
        if post is not None:
            return post
    start = min(t.i for t in root.subtree)
    prefix = [t for t in name.doc[start:name.start] if (not t.is_punct or t.tag_ == "POS")
              and not _in_brackets(t)]  # "Member of Parliament (MP)": the title once
    posted = [i for i, t in enumerate(prefix) if t.lower_ == "to" and i > 0]
    if posted and _title_at_end(" ".join(t.text for t in prefix[:posted[-1]])):
        prefix = prefix[:posted[-1]]  # "US Ambassador to Germany Richard Grenell"
    title = _title_at_end(_words(prefix))
    # "Former FBI agent and author Ali Soufan": the title is a conjunct before another, both
    # of the name, and names its owner ("nominated Hawkins for president and truck driver
    # Walker", parsed alike, is no post)
    coordinated = [i for i, t in enumerate(prefix) if t.dep_ == "cc" and i > 0
                   and t.head == prefix[i - 1] and prefix[i - 1].head in name]
    cut = title is None and bool(coordinated)
    if cut:
        prefix = prefix[:coordinated[-1]]
        title = _title_at_end(_words(prefix))
    if title is None:
        return None
    before = _without_titles([t for t in prefix if t.tag_ != "POS"][:-len(title.split())])
    owner = _owner(before, context, person.name)
    if cut and owner is None:
        return None
    if owner is not None and owner.type != "Country" and title.lower() in legislator_titles():
        owner = None  # "Labour MP Diane Abbott": her party; the seat is her country's
    if owner is None:
        owner = _of_owner(prefix[-1], context) if prefix else None
    if owner is None:  # "President Hassan Rouhani of Iran"
        owner = _of_owner(root, context)
        if owner is not None and owner.type != "Country" \
                and title.lower() in national_titles():
            owner = None  # "MP Yvette Cooper of the Labour Party": her party, not her post's
    glued = list(name.doc[max(start - 2, 0):start])  # "Ex-King Michael": "Ex" parsed apart
    past = _past(before) or (len(glued) == 2 and glued[1].text == "-" and _past(glued[:1]))
    return Post(title, owner, past, _qualifier(before[-1:]))


def _words(tokens: list[Token]) -> str:
    """The words of tokens before a name, without possessive markers."""
    return " ".join(t.text for t in tokens if t.tag_ != "POS" and t.lower_ not in {"'s", "’s"})


def _in_brackets(token: Token) -> bool:
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" \
        and doc[token.i + 1].text == ")"


def _qualifier(tokens: list[Token]) -> str | None:
    return next((t.text for t in tokens if t.lower_ in _QUALIFIERS), None)


def _without_titles(tokens: list[Token]) -> list[Token]:
    """``tokens`` without the titles they end with: "Member of Parliament (MP) Yvette
    Cooper" has no owner in "Parliament"."""
    while tokens:
        title = _title_at_end(" ".join(t.text for t in tokens))
        if title is None:
            break
        tokens = tokens[:-len(title.split())]
    return tokens


def _title_of(head: Token, context: Context) -> str | None:
    """The title a noun heads, with its unnamed modifiers ("caretaker Prime Minister")
    and an "of" phrase that belongs to it ("the secretary of state")."""
    text = " ".join(t.text for t in head.lefts if t.dep_ in ("compound", "amod")
                    and not context.resolve(t)) + " " + head.text
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            longer = _title_at_end(f"{text.strip()} of {pobj.text}")
            if longer is not None and " of " in longer:
                return longer
    return _title_at_end(text.strip())


def _post_of(head: Token, context: Context, person: Argument) -> Post | None:
    """The post a title noun names, owned by its modifiers or its "of"/"for" phrase."""
    title = _title_of(head, context)
    if title is None:
        return None
    modifiers = [c for c in head.lefts if c.dep_ in OWNER_DEPS | {"det"}]
    owner = _owner(modifiers, context, person.name) or _of_owner(head, context)
    lefts = list(head.lefts)
    return Post(title, owner, _past(lefts), _qualifier(lefts))


def _apposed(name: Span, context: Context, person: Argument) -> Post | None:
    """A title in apposition: "X's ambassador, Name" or "Name, X's ambassador"."""
    root = name.root
    candidates = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        candidates.append(root.head)
    posts = [p for p in (_post_of(head, context, person) for head in candidates) if p]
    return next((p for p in posts if p.owner), posts[0] if posts else None)


def _predicated(name: Span, context: Context, person: Argument) -> Post | None:
    """A title said of the person: "Pompeo, who is the secretary of state", "Khashoggi was
    a columnist for The Washington Post", "served as the US ambassador"."""
    root = name.root
    verbs = [c for c in root.children if c.dep_ == "relcl"]
    after = [t for t in name.doc[name.end:name.end + 2] if t.text != ","]
    if after and after[0].lower_ == "who" and after[0].dep_ == "nsubj":
        verbs.append(after[0].head)  # a relative clause the parser hung elsewhere
    if root.dep_ == "nsubj":
        verbs.append(root.head)
    for verb in verbs:
        if verb.lemma_ not in _PREDICATE_VERBS or any(c.dep_ == "neg" for c in verb.children):
            continue
        heads = [c for c in verb.children if c.dep_ in ("attr", "oprd")]
        heads += [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
                  for p in prep.children if p.dep_ == "pobj"]
        for head in heads:
            post = _post_of(head, context, person)
            if post is not None:
                return post
    return None


_READERS = ((_prefixed, 0.9), (_apposed, 0.8), (_predicated, 0.75))


def _people(doc: Doc, context: Context) -> Iterator[tuple[Span, Argument]]:
    """The people a paragraph names, each mention with its entity: the model's entities of
    any label (it tags some people ORG or GPE), and the names after a title it tagged as
    no entity ("Britain's Queen Elizabeth II"), which the resolver reads as people too."""
    named = [(clean_span(ent), ent.label_) for ent in doc.ents]
    named += [(name, "PERSON") for name in titled_names(doc)]
    for name, label in named:
        if name is None:
            continue
        person = context.resolve(name.root)
        if person is not None and person.type == "Person":
            yield Span(doc, name.start, name.end, label=label), person


def _countries_held(context: Context) -> dict[str, Counter[str]]:
    """The countries each person of the article holds an explicit post of, by name."""
    found = context.memory.countries_held
    if found is None:
        found = {}
        for offset, doc in context.entities.paragraphs():
            paragraph = replace(context, offset=offset)
            for name, person in _people(doc, paragraph):
                for reader, _ in _READERS:
                    post = reader(name, paragraph, person)
                    if post is not None and post.owner and post.owner.type == "Country":
                        found.setdefault(person.name, Counter())[post.owner.name] += 1
        context.memory.countries_held = found
    return found


def _article_country(context: Context) -> str | None:
    held = _countries_held(context)
    people: dict[str, str] = {}
    for entity in context.entities.entities():
        if entity.name in held:
            country = held[entity.name].most_common(1)[0][0]
            for alias in (*entity.aliases, entity.name.split()[-1]):
                people.setdefault(fold(alias), country)
    posts = [country for counts in held.values() for country in counts.elements()]
    mentions = {e.name: e.mentions for e in context.entities.entities() if e.type == "Country"}
    return home_country(context.document.title, people, posts, mentions)


def _implied_owner(name: Span, context: Context, person: Argument,
                   title: str) -> Argument | None:
    """The country of a national office named without one (see the module's docstring)."""
    held = _countries_held(context)
    country = held[person.name].most_common(1)[0][0] if person.name in held else None
    if country is None and title.lower() in title_countries():  # "Taoiseach": Ireland's
        known = country_by_code(title_countries()[title.lower()])
        country = known.name if known is not None else None
    if country is None and fold(person.name) in known_people():
        known = country_by_code(known_people()[fold(person.name)])
        country = known.name if known is not None else None
    if country is None:
        for token in name.root.conjuncts:
            other = context.resolve(token)
            if other is not None and other.name in held:
                country = held[other.name].most_common(1)[0][0]
                break
    country = country or _article_country(context)
    if country is None:
        return None
    return Argument(country, person.start, person.end, country, "Country")


def _held(context: Context) -> dict[str, str]:
    """The titles read so far in the article, by person (for "his counterpart")."""
    return context.memory.titles_held


def _counterpart_countries(noun: Token, context: Context) -> list[Argument]:
    found: list[Argument] = []
    for modifier in (c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod")):
        for token in conjuncts(modifier):
            country = context.resolve_word(token)
            if country is not None and country.type == "Country":
                found.append(country)
    return found


def _counterpart_names(noun: Token, context: Context) -> list[Argument]:
    """The people named as the counterparts: in apposition, or the name the noun
    modifies ("his Russian counterpart Sergei Lavrov")."""
    heads = [c for c in noun.children if c.dep_ == "appos"]
    if not heads and noun.dep_ == "conj":  # "A and his counterparts, B, C" hung on A
        heads = [c for c in noun.head.children if c.dep_ == "appos" and c.i > noun.i]
    if not heads and noun.dep_ in ("compound", "nmod") and noun.head.pos_ == "PROPN":
        heads = [noun.head]
    names: list[Argument] = []
    for head in heads:
        for token in conjuncts(head):
            found = context.resolve(token)
            if found is not None and found.type in ("Person", "Organisation"):
                names.append(found)
    return names


def _counterparts(doc: Doc, context: Context) -> Iterator[Statement]:
    """"X and his Greek, Cypriot and French counterparts, A, B and C": each holds X's
    post in the country named for them (in order; one country for one name)."""
    for noun in doc:
        if noun.lemma_.lower() not in words("counterpart"):
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        holder = context.resolve(owners[0]) if owners else None
        title = _held(context).get(holder.name) if holder is not None else None
        if title is None:
            continue
        countries = _counterpart_countries(noun, context)
        names = _counterpart_names(noun, context)
        if not countries or len(countries) != len(names):
            continue
        for person, country in zip(names, countries, strict=True):
            if person.name != holder.name:
                yield Statement(
                    subject=person, relation="HOLDS_POSITION", object=country, role=title,
                    evidence=context.evidence(noun.sent, 0.7, NAME),
                )


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Positions held by the people named in a parsed paragraph."""
    yield from _titled(doc, context)
    yield from _counterparts(doc, context)


def _titled(doc: Doc, context: Context) -> Iterator[Statement]:
    for name, person in _people(doc, context):
        for reader, confidence in _READERS:
            post = reader(name, context, person)
            if post is None:
                continue
            owner = post.owner
            if owner is None and post.title.lower() in national_titles():
                owner, confidence = _implied_owner(name, context, person, post.title), 0.6
            if owner is None:
                continue
            if not post.past:
                _held(context).setdefault(person.name, post.title)
            yield Statement(
                subject=person, relation="HOLDS_POSITION", object=owner, role=post.role,
                evidence=context.evidence(name.sent, confidence, NAME),
            )
            break
