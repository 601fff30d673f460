"""Mentions → canonical entities within one article.

spaCy's named entities are the start. Their spans are repaired (no leading "the",
title, style or honorific, no possessive; pieces of titles such as "State" of
"Secretary of State" dropped; coordinated names split; headline words glued after a
name, and common words or an outlet glued before one, cut off; a given name the model
left out taken in), then grouped into entities:

* a shorter form joins the one longer name it ends with ("Orbán", "Viktor Orbán"),
  never the object of its "of" ("UN", "Office of the UN"); a surname that two full
  names share stays ambiguous and resolves to nothing; a first name alone joins the
  one person so named, unless a title or honorific says it is a surname ("Mr
  Howard"); after a royal or religious style it is that styled person ("Prince
  Charles"); "the State Department" joins "the United States Department of State",
  an acronym the name it abbreviates;
* countries' names, demonyms, governments and organs ("the Hungarian government",
  "the Turkish Ministry of Foreign Affairs", "the US Embassy") are the country, and
  so are capitals and seats of power when they act ("Moscow said", "the Kremlin
  confirmed"); a capital used as a location ("a summit in Budapest") is a place; a
  name between country and noun makes a named organisation ("Syrian Democratic Forces");
* each entity's class is a vote over all its mentions: the model's labels, a title or
  honorific before a name, a first name shared with another named person or known to
  PETRARCH2's actor dictionaries, the dictionaries' organisations, people and cities,
  the last word of an organisation's or a place's name ("Hospital", "Street"), a class
  noun beside the name ("store chains Woolworths and Coles"); a first word the article
  writes in lower case ("Crew Dragon") is no given name; a name stays a person only on
  evidence that it is one (a title, an honorific, a gendered word or pronoun, an
  occupation, an age, a verb only people do; for several words also a given name, a
  particle, a style or initials first, or speech), and a name with a digit, a slash, a
  lower-case word other than a particle or without a capital never is one; a name
  nothing shows the class of is Other (``dip:Other``), and so is a thing a class noun
  names ("a new operating system, Rocky Linux");
* a name a sentence states to be a person's other name ("under the ring name Brodie
  Lee") and a given name's short form ("Vince Cable", "Vincent Cable") join the person.

Then one pass over the article reads what refers back (:mod:`kg.resolve.discourse`):
he/she to a person of a compatible gender (learnt from gendered words and from
pronouns whose antecedent is certain), preferring the subject of the governing clause
or of the previous sentence; it/they to a country or organisation subject; "the
Russian president" to the person the article names with that title; "the embassy" to
the article's one embassy. Plural descriptions ("the two leaders", "both sides")
resolve to nothing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.lexicons import Country, country_in_text, lookup_country, lookup_seat, speech_verbs
from kg.nlp import doc_text
from kg.records import Argument, Entity
from kg.resolve.discourse import Discourse
from kg.resolve.spans import (
    clean_span,
    glued_before,
    glued_name,
    hyphen_parts,
    in_title,
    split_coordination,
    title_before,
    with_given_names,
)
from kg.resolve.wordlists import (
    country_by_code,
    fold,
    gendered,
    honorifics,
    is_government_noun,
    known_given_names,
    known_organisations,
    known_people,
    known_places,
    member_nouns,
    name_particles,
    occupations,
    org_heads,
    organ_modifiers,
    party_roles,
    person_verbs,
    place_heads,
    styles,
    thing_nouns,
)

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_NER_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place",
              "FAC": "Place", "NORP": None}
_LOCATIVE = frozenset({"in", "at", "to", "from", "near", "outside", "inside", "into", "across",
                       "around", "via", "through", "toward", "towards", "within"})
_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
_NAME_STOP = frozenset({"of", "the", "and", "for", "on", "de", "la", "du", "des", "del", "&"})
_MAX_COUNTRY_WORDS = 4
# Prepositions that put a name in a place, and how strongly.
_PLACE_PREPOSITIONS = {"in": 2, "near": 2, "at": 1, "from": 1, "to": 1, "into": 1, "across": 1}
# Words before a name that state it is another name of the person ("alias Y"), and the
# kinds of "name" that do ("the ring name Brodie Lee"); and "known as Y".
_ALIAS_WORDS = frozenset({"nicknamed", "alias", "aka", "a.k.a."})
_NAME_KINDS = frozenset({"ring", "stage", "pen", "screen", "birth", "real", "maiden"})
_FEMININE_ENDINGS = ("a", "e", "ine", "elle", "ette")  # "Erica", "Louise", "Danielle"
_INITIALS = re.compile(r"(?:[a-z]\.){1,3}")  # "c.l." of "C.L. Gammon", folded
_UNDECIDED = "Name"  # a named entity whose class the vote has not decided yet


@dataclass(eq=False, slots=True)
class Cluster:
    """One entity of the article while it is being read."""

    name: str
    type: str
    code: str | None = None
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    votes: Counter[str] = field(default_factory=Counter)
    gender: Counter[str] = field(default_factory=Counter)
    titles: set[tuple[tuple[str, ...], str | None]] = field(default_factory=set)
    forms: list[tuple[str, ...]] = field(default_factory=list)
    evidence: int = 0  # title and honorific votes for a person, read from the text
    cues: int = 0  # other signs of a person: an occupation, an age, a verb only people do
    speaks: bool = False  # a full name that is no common word first is a speaker
    given: bool = False  # the name opens with a given name
    otherwise: str = "Organisation"  # the class the vote ranks next after Person

    @property
    def sex(self) -> str | None:
        """``m`` or ``f`` when the evidence agrees, else ``None``."""
        male, female = self.gender["m"], self.gender["f"]
        if male > female:
            return "m"
        if female > male:
            return "f"
        return None


@dataclass(eq=False, slots=True)
class Mention:
    """One mention of an entity: which tokens of which paragraph, read as what."""

    offset: int
    doc: Doc
    start: int
    end: int
    label: str
    kind: str  # name, country, seat or organ
    words: tuple[str, ...]
    code: str | None = None
    cluster: Cluster | None = None
    candidates: tuple[Cluster, ...] = ()  # the entities an ambiguous name may stand for
    titled: bool = False  # after a title or honorific: "Mr Howard" names a surname

    @property
    def span(self) -> Span:
        return self.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.span.text


def _country_in(span: Span) -> Country | None:
    """A country named by some words of ``span`` other than its head."""
    doc, root = span.doc, span.root
    for size in range(min(_MAX_COUNTRY_WORDS, len(span)), 0, -1):
        for start in range(span.start, span.end - size + 1):
            if start <= root.i < start + size:
                continue
            found = country_in_text(doc[start:start + size].text)
            if found is not None:
                return found
    return None


def _is_government(token: Token) -> bool:
    """Whether a noun, with the compound nouns before it, is a government noun
    ("ministry", "foreign ministry", "air force")."""
    words = [token.lemma_.lower()]
    if is_government_noun(words[0]) or is_government_noun(token.lower_):
        return True
    for child in sorted((c for c in token.lefts if c.dep_ in ("compound", "amod")),
                        key=lambda c: -c.i):
        words.insert(0, child.lower_)
        if is_government_noun(" ".join(words)):
            return True
    return False


def _is_organ(span: Span) -> Country | None:
    """The country whose government organ ``span`` names ("US Embassy"), if it is one.

    A name before the noun that is neither the country nor part of the government noun
    makes it an organisation of its own: "Syrian Democratic Forces" is no Syrian forces.
    """
    root = span.root
    if not _is_government(root):
        return None
    country = _country_in(span)
    if country is None:
        return None
    doc = span.doc
    in_country = {i for size in range(1, _MAX_COUNTRY_WORDS + 1)
                  for start in range(span.start, root.i - size + 1)
                  if country_in_text(doc[start:start + size].text) is not None
                  for i in range(start, start + size)}
    if any(t.is_title and t.i not in in_country and t.lower_ not in organ_modifiers()
           for t in doc[span.start:root.i]):
        return None
    return country


def _alternative_keys(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other ways to write an organisation's name: without a leading country, and
    "Department of State" as "State Department"."""
    keys = []
    bare = words
    for size in range(min(_MAX_COUNTRY_WORDS, len(words) - 1), 0, -1):
        if lookup_country(" ".join(words[:size])):
            bare = words[size:]
            keys.append(bare)
            break
    if "of" in bare:
        at = bare.index("of")
        if 0 < at < len(bare) - 1:
            keys.append(bare[at + 1:] + bare[:at])
    return keys


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in _NAME_STOP and w[:1].isalpha())


class ArticleEntities:
    """The entities of one article, and the resolution of any token to one of them.

    Build it from all parsed paragraphs of the article (``(offset, doc)`` pairs), then
    ask :meth:`resolve` for the entity a token stands for.
    """

    def __init__(self, paragraphs: list[tuple[int, Doc]]) -> None:
        self._paragraphs = [(offset, doc) for offset, doc in paragraphs]
        self._docs: dict[int, Doc] = {offset: doc for offset, doc in self._paragraphs}
        self._index: dict[int, dict[int, Mention]] = {offset: {} for offset, _ in paragraphs}
        self._clusters: list[Cluster] = []
        self._countries: dict[str, Cluster] = {}
        self._places: dict[str, Cluster] = {}
        self._forms: dict[tuple[str, ...], Cluster | None] = {}  # None: ambiguous
        # the full names registered so far, by their last and by their first word
        self._roots_by_last: dict[str, list[tuple[tuple[str, ...], Cluster]]] = defaultdict(list)
        self._roots_by_first: dict[str, list[tuple[tuple[str, ...], Cluster]]] = defaultdict(list)
        self._alternatives: dict[tuple[str, ...], Cluster | None] = {}
        self._acronyms: dict[str, Cluster | None] = {}
        self._ambiguous: dict[tuple[str, ...], tuple[Cluster, ...]] = {}
        # names stated to be another name of a person ("the ring name Brodie Lee")
        self._stated: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._common: frozenset[str] = frozenset()  # words the article writes in lower case
        self._people: set[int] = set()  # clusters with a full name the model tags PERSON
        self._direct_cache: dict[tuple[int, int], tuple[Cluster, int, int] | None] = {}
        self._refs: dict[tuple[int, int], tuple[Cluster, int, int]] = {}
        mentions = self._collect()
        self._cluster(mentions)
        self._fallback()
        self._vote()
        self._discourse = Discourse(self)
        self._discourse.read()
        self._settle()

    # -- building: mentions ----------------------------------------------------------------

    def _collect(self) -> list[Mention]:
        """The named-entity mentions of every paragraph, repaired."""
        spans: list[tuple[int, Doc, Span, str]] = []
        common: set[str] = set()
        for offset, doc in self._paragraphs:
            for token in doc:
                if token.is_alpha and token.text.islower():
                    common.add(token.lower_)
                    common.add(token.lemma_.lower())
            for ent in doc.ents:
                if ent.label_ not in _NER_TYPES or in_title(ent):
                    continue
                span = clean_span(with_given_names(ent) if ent.label_ == "PERSON" else ent)
                if span is None:
                    continue
                for part in split_coordination(Span(doc, span.start, span.end, label=ent.label_)):
                    part = clean_span(Span(doc, part.start, part.end, label=ent.label_))
                    if part is not None:
                        spans.append((offset, doc, part, ent.label_))
        known: set[tuple[str, ...]] = set()
        for _, _, span, label in spans:
            if label == "PERSON" and lookup_country(span.text) is None:
                words = tuple(fold(span.text).split())
                known.add(words)
                known.add(words[-1:])
        frozen_known, frozen_common = frozenset(known), frozenset(common - {w[0] for w in known
                                                                           if len(w) == 1})
        self._common = frozen_common
        mentions = []
        for offset, doc, span, label in spans:
            mention = self._read(offset, doc, span, label, frozen_known, frozen_common)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _read(self, offset: int, doc: Doc, span: Span, label: str,
              known: frozenset[tuple[str, ...]], common: frozenset[str]) -> Mention | None:
        text = span.text
        country = country_in_text(text)
        if country is not None:
            return Mention(offset, doc, span.start, span.end, label, "country",
                           tuple(fold(text).split()), country.code)
        seat = lookup_seat(text)
        if seat is not None:
            return Mention(offset, doc, span.start, span.end, label, "seat",
                           tuple(fold(text).split()), seat.code)
        parts = hyphen_parts(span)
        if parts and all(tuple(fold(p).split()) in known or lookup_country(p) or lookup_seat(p)
                         for p in parts):
            return None  # "Trump-Putin": two entities, not one
        if label in ("PERSON", "ORG"):
            span = glued_before(glued_name(span, known, common), label, known, common)
        organ = _is_organ(span) if label != "PERSON" else None
        if organ is not None:
            return Mention(offset, doc, span.start, span.end, label, "organ",
                           tuple(fold(span.text).split()), organ.code)
        if _NER_TYPES[label] is None or not any(c.isupper() for c in span.text):
            return None
        start, sentence = span.start, span.sent
        before = doc[start - 1] if start > sentence.start else None
        if len(span) == 1 and before is not None and before.lower_ in styles():
            start -= 1  # "Prince Charles", "King Michael": the style names them
        titled = before is not None and (before.lower_.rstrip(".") in honorifics()
                                         or title_before(doc, span.start, sentence.start)
                                         is not None)
        return Mention(offset, doc, start, span.end, label, "name",
                       tuple(fold(_unbracketed(doc[start:span.end].text)).split()),
                       titled=titled)

    # -- building: entities ----------------------------------------------------------------

    def _country(self, code: str) -> Cluster:
        cluster = self._countries.get(code)
        if cluster is None:
            known = country_by_code(code)
            name = known.name if known is not None else code
            cluster = Cluster(name, "Country", code)
            self._countries[code] = cluster
            self._clusters.append(cluster)
        return cluster

    def _place(self, text: str) -> Cluster:
        key = fold(text)
        cluster = self._places.get(key)
        if cluster is None:
            cluster = Cluster(text, "Place")
            self._places[key] = cluster
            self._clusters.append(cluster)
        return cluster

    def _add(self, mention: Mention, cluster: Cluster | None, alias: bool = True) -> None:
        mention.cluster = cluster
        if cluster is None:
            mention.candidates = self._ambiguous.get(mention.words, ())
        index = self._index[mention.offset]
        for i in range(mention.start, mention.end):
            index.setdefault(i, mention)
        if cluster is None:
            return
        cluster.mentions += 1
        if alias:
            cluster.aliases.add(_unbracketed(mention.text))
        if mention.label:
            full_name = mention.label == "PERSON" and len(mention.words) > 1
            cluster.votes[mention.label] += 1 + full_name

    def _cluster(self, mentions: list[Mention]) -> None:
        names: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
        for mention in mentions:
            if mention.kind == "country":
                self._add(mention, self._country(mention.code or ""))
            elif mention.kind == "seat":
                if _is_location(mention.span):
                    self._add(mention, self._place(mention.text))
                else:
                    self._add(mention, self._country(mention.code or ""), alias=False)
            else:
                names[mention.words].append(mention)
        stated = self._stated = _stated_aliases(mentions)
        # a stated alias last, once the name it is an alias of has its cluster
        for words in sorted(names, key=lambda w: (w in stated, -len(w), w)):
            group = names[words]
            organ = next((m for m in group if m.kind == "organ"), None)
            if organ is not None:
                cluster: Cluster | None = self._country(organ.code or "")
            elif self._forms.get(stated.get(words, ())) is not None:
                cluster = self._forms[stated[words]]  # "Jon Huber ... the ring name Brodie Lee"
            else:
                cluster = self._lookup_form(words, group[0].text,
                                            surname=any(m.titled for m in group))
                if cluster is None and words not in self._forms:
                    cluster = Cluster(group[0].text, _UNDECIDED)
                    self._clusters.append(cluster)
            self._register(words, cluster)
            if cluster is not None and len(words) > 1 and any(m.label == "PERSON" for m in group):
                self._people.add(id(cluster))
            for mention in group:
                self._add(mention, cluster, alias=cluster is not None and cluster.type != "Country")

    def _lookup_form(self, words: tuple[str, ...], text: str,
                     surname: bool = False) -> Cluster | None:
        """The cluster a form joins; ``None`` for a new one (or, once registered, an
        ambiguous one). A ``surname`` (a form written after a title or honorific, "Mr
        Howard") never joins a full name by its first word."""
        if not words:  # a span of marks alone ("´}") folds to no words
            return None
        if words in self._forms:
            return self._forms[words]
        # a name's tail, not the object of its "of" ("UN" is not "Office of the UN")
        found = {id(c): c for rw, c in self._roots_by_last.get(words[-1], ())
                 if len(rw) > len(words) and rw[-len(words):] == words
                 and rw[-len(words) - 1] not in _NAME_STOP}
        if not found and len(words) > 1:
            # the short form of a given name ("Vince Cable", "Vincent Cable")
            found = {id(c): c for rw, c in self._roots_by_last.get(words[-1], ())
                     if len(rw) == len(words) and rw[1:] == words[1:]
                     and short_given(rw[0], words[0])}
        if not found and words in self._alternatives:
            return self._alternatives[words]
        if not found and len(words) == 1 and not surname:
            # a first name alone ("his wife, Jonna") for the one person so named
            found = {id(c): c for rw, c in self._roots_by_first.get(words[0], ())
                     if id(c) in self._people}
        if not found and len(words) == 1 and text.isupper() and 2 <= len(text) <= 6:
            return self._acronyms.get(words[0])
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1:
            self._forms[words] = None  # a surname that two full names share
            self._ambiguous[words] = tuple(found.values())
        return None

    def _register(self, words: tuple[str, ...], cluster: Cluster | None) -> None:
        self._forms.setdefault(words, cluster)
        if cluster is None:
            return
        cluster.forms.append(words)
        if len(words) > 1:
            self._roots_by_last[words[-1]].append((words, cluster))
            self._roots_by_first[words[0]].append((words, cluster))
            for key in _alternative_keys(words):
                previous = self._alternatives.get(key, cluster)
                self._alternatives[key] = cluster if previous is cluster else None
            initials = _initials(words)
            if len(initials) >= 2:
                previous = self._acronyms.get(initials, cluster)
                self._acronyms[initials] = cluster if previous is cluster else None

    def _fallback(self) -> None:
        """Mentions the model missed: known names and country names written as proper nouns."""
        for offset, doc in self._paragraphs:
            index = self._index[offset]
            i = 0
            while i < len(doc):
                token = doc[i]
                if i in index or not (token.pos_ == "PROPN" or token.is_title or token.is_upper):
                    i += 1
                    continue
                end = i
                while end < len(doc) and end not in index and doc[end].pos_ == "PROPN":
                    end += 1
                end = max(end, i + 1)
                i = self._fallback_run(offset, doc, i, end)

    def _fallback_run(self, offset: int, doc: Doc, start: int, end: int) -> int:
        """Read the run ``start:end`` of proper nouns; the index to go on from."""
        for size in range(min(_MAX_COUNTRY_WORDS, end - start), 0, -1):
            text = doc[start:start + size].text
            country, seat = country_in_text(text), lookup_seat(text)
            if country is not None or seat is not None:
                code = (country or seat).code  # type: ignore[union-attr]
                mention = Mention(offset, doc, start, start + size, "",
                                  "country" if country else "seat", tuple(fold(text).split()), code)
                if country is None and _is_location(mention.span):
                    self._add(mention, self._place(text))
                else:
                    self._add(mention, self._country(code), alias=country is not None)
                return start + size
        span = clean_span(Span(doc, start, end, label="PERSON"))
        if span is not None and doc[span.start].pos_ == "PROPN":
            words = tuple(fold(span.text).split())
            cluster = self._lookup_form(words, span.text)
            if cluster is None and words in self._ambiguous:
                self._add(Mention(offset, doc, span.start, span.end, "", "name", words), None)
            elif cluster is not None and cluster.type != "Country":
                self._add(Mention(offset, doc, span.start, span.end, "", "name", words), cluster)
            elif cluster is not None:
                self._add(Mention(offset, doc, span.start, span.end, "", "organ", words,
                                  cluster.code), cluster, alias=False)
        return end

    def _vote(self) -> None:
        """Each named entity's class, from all of its mentions."""
        # first words of the full names the model tags PERSON, each with the clusters
        # it starts: a name's own first word is no evidence for it
        first_names: dict[str, set[int]] = defaultdict(set)
        for c in self._clusters:
            if c.type == _UNDECIDED and c.votes["PERSON"] and c.forms and len(c.forms[0]) > 1:
                first_names[c.forms[0][0]].add(id(c))
        person_mentions = {id(m) for index in self._index.values() for m in index.values()
                           if m.label == "PERSON"}
        evidence: dict[int, Counter[str]] = defaultdict(Counter)
        for offset, doc in self._paragraphs:
            seen: set[int] = set()
            for mention in self._index[offset].values():
                if id(mention) in seen or mention.kind != "name" or mention.cluster is None:
                    continue
                seen.add(id(mention))
                votes = evidence[id(mention.cluster)]
                sentence = doc[mention.start].sent
                before = doc[mention.start - 1] if mention.start > sentence.start else None
                titled = title_before(doc, mention.start, sentence.start)
                if titled is not None:
                    votes["Person"] += 3
                    # a surface form too ("President Trump"): the office it shows lets
                    # articles that name only the surname meet the full name
                    mention.cluster.aliases.add(_unbracketed(doc[titled[0]:mention.end].text))
                if before is not None and before.lower_ in honorifics():
                    votes["Person"] += 3
                if before is not None and before.lower_ in occupations():
                    votes["Cue"] += 1  # "activist Adam Kokesh"
                root = mention.span.root
                votes["Cue"] += _person_cues(mention.span)
                if len(mention.words) > 1 and not any(w in self._common for w in mention.words) \
                        and any(c.dep_ == "poss" and c.ent_type_ == "ORG" for c in root.children):
                    # a party's own ("Labour's Keir Starmer"); not "the party's National
                    # Convention", a common noun's, nor "Iran's Qom Province", a place's
                    votes["Cue"] += 1
                if root.dep_ == "nsubj" and root.head.lemma_.lower() in speech_verbs():
                    votes["Speech"] += 1
                if _classed_as_thing(mention.span):
                    votes["Thing"] += 1
                if root.dep_ in _OWNER_DEPS and root.head.lemma_.lower() in member_nouns():
                    votes["Organisation"] += 1  # "the al-Qa'ida member", "Hamas fighters"
                if mention.label not in ("GPE", "LOC", "FAC") and _names_a_party(mention.span):
                    votes["Party"] += 1
                place = root
                while place.dep_ == "conj" and place.head.i != place.i:
                    place = place.head
                if place.dep_ == "pobj":
                    votes["Place"] += _PLACE_PREPOSITIONS.get(place.head.lower_, 0)
                neighbours = [c for c in root.children if c.dep_ == "conj"]
                if root.dep_ == "conj":
                    neighbours.append(root.head)
                index = self._index[offset]
                if any(id(index[n.i]) in person_mentions for n in neighbours if n.i in index
                       and index[n.i] is not mention):
                    votes["Person"] += 1
        surfaces = self._surface_counts()
        for cluster in self._clusters:
            if cluster.type != _UNDECIDED or not cluster.forms:
                continue
            longest = max(cluster.forms, key=len)
            votes = Counter({"Person": cluster.votes["PERSON"],
                             "Organisation": cluster.votes["ORG"],
                             "Place": cluster.votes["GPE"] + cluster.votes["LOC"]
                             + cluster.votes["FAC"]})
            votes.update(evidence.get(id(cluster), Counter()))
            cluster.evidence = evidence.get(id(cluster), Counter())["Person"]
            cluster.cues = votes.pop("Cue", 0)
            speaks = votes.pop("Speech", 0) > 0
            votes["Person"] += cluster.cues
            # "store chains Woolworths and Coles": a class noun that is no person's takes
            # the model's PERSON away (the name is an organisation's or a thing's)
            if votes.pop("Party", 0):  # "Lib Dem leader Charles Kennedy"
                votes["Organisation"] += 5
                votes["Person"] = min(votes["Person"], cluster.evidence)
            if votes.pop("Thing", 0):
                votes["Person"] = min(votes["Person"], cluster.evidence)
                doubtful_thing = True
            else:
                doubtful_thing = False
            given = longest[0] in known_given_names() \
                or bool(first_names.get(longest[0], set()) - {id(cluster)})
            # "Crew Dragon", "Female Genital Mutilation": a first word the article also
            # writes in lower case is no given name; the model's PERSON is no evidence
            # then, only titles, honorifics and the like are
            doubtful = doubtful_thing or (len(longest) > 1 and not given
                                          and longest[0] in self._common)
            # groups speak too ("Politico reported", "the United Nations said"): speech is
            # a sign only for a full name whose first word is no common word
            cluster.speaks = speaks and len(longest) > 1 and not doubtful \
                and longest[0] not in known_given_names() | self._common \
                and " ".join(longest) not in known_organisations()
            # a particle inside the name, a style or initials first, are a person's
            # name's ("Hamza bin Laden", "King Michael", "C.L. Gammon")
            cluster.given = given or any(w in name_particles() for w in longest[1:-1]) \
                or (len(longest) > 1 and longest[0] in styles()) \
                or (len(longest) > 1 and _INITIALS.fullmatch(longest[0]) is not None
                    and lookup_country(longest[0]) is None)  # not "U.S. Constitution"
            if len(longest) > 1 and cluster.given and not doubtful_thing:
                votes["Person"] += 2
            elif doubtful:
                votes["Person"] -= cluster.votes["PERSON"]
            if longest[-1] in org_heads():
                votes["Organisation"] += 5
            elif len(longest) > 1 and longest[-1] in place_heads():
                votes["Place"] += 5  # "Grenada Street", "Qom Province"
            # the public actor dictionaries: a known organisation or armed group, a known
            # person ("Hamas" is no one's name, "Bashar al-Assad" is)
            if " ".join(longest) in known_organisations():
                votes["Organisation"] += 10  # outweighs the model's PERSON on every mention
            elif len(longest) > 1 and " ".join(longest) in known_people():
                votes["Person"] += 3
                cluster.given = True  # as good as a given name: the dictionary's person
            elif " ".join(longest) in known_places():
                votes["Place"] += 5  # a city the dictionary lists ("Bangalore")
            if len(longest) == 1 and all(m.isupper() for m in cluster.aliases):
                votes["Organisation"] += 1  # an acronym
            best = max(votes.values())
            leaders = [kind for kind, n in votes.items() if n == best]
            if len(leaders) == 1:
                cluster.type = leaders[0]
            elif "Person" in leaders and len(longest) > 1 and not doubtful and all(
                    w.isalpha() for w in longest) and longest[-1] not in org_heads():
                cluster.type = "Person"
            elif "Organisation" in leaders:
                cluster.type = "Organisation"
            else:
                cluster.type = "Place"
            if cluster.type != "Person" and (best <= 0 or (doubtful_thing and not (
                    cluster.votes["ORG"] or cluster.votes["GPE"] or cluster.votes["LOC"]
                    or cluster.votes["FAC"] or longest[-1] in org_heads()))):
                # nothing says what it is, or a class noun says it is a thing and the
                # model read no organisation or place: a product, a species, a work
                cluster.type = "Other"
            cluster.otherwise = "Place" if votes["Place"] > max(votes["Organisation"], 0) \
                else "Organisation" if votes["Organisation"] > 0 else "Other"
            counts = surfaces.get(id(cluster))
            if counts:  # the longest, then most frequent, surface form
                cluster.name = max(counts, key=lambda t: (len(fold(t).split()), counts[t], t))

    def _settle(self) -> None:
        """Take back the class Person from a name that nothing shows to be a person: one
        word with no title, honorific, gendered word, occupation, age or verb only people
        do and at most one gendered pronoun; several words with none of these, no
        pronoun, no given name first and no speech (unless a common word opens it).

        spaCy's small model tags brands, diseases and software ("Twitter", "COVID-19",
        "Fedora") PERSON; a person named by one word alone ("Wiranto") is, in news,
        one the text also gives a title or honorific, a gendered word ("his wife,
        Jonna") or gendered pronouns. "anti-Brexit" is one word too. A name the text
        writes in lower case is a common noun, and one with a digit no person's name.
        """
        for cluster in self._clusters:
            if cluster.type != "Person" or not cluster.forms:
                continue
            if any(c.isdigit() for c in cluster.name) or not could_be_a_name(cluster.name):
                cluster.type = cluster.otherwise  # "COVID-19", "Blu-ray discs"
                continue
            signs = bool(cluster.evidence or cluster.titles or cluster.cues)
            if len(cluster.name.split()) > 1:  # the longest form the text names it by
                if not (signs or cluster.gender or cluster.given or cluster.speaks):
                    cluster.type = cluster.otherwise  # "Hug Cacti": no given name, no sign
                continue
            # one pronoun is too little for one word: it may be another's
            shown = signs or sum(cluster.gender.values()) > 1
            lower = not any(c.isupper() for c in cluster.name)
            if lower or not shown:
                cluster.type = cluster.otherwise

    def _surface_counts(self) -> dict[int, Counter[str]]:
        """How often each surface form names each cluster."""
        counts: dict[int, Counter[str]] = defaultdict(Counter)
        seen: set[int] = set()
        for index in self._index.values():
            for mention in index.values():
                if mention.kind == "name" and mention.cluster is not None \
                        and id(mention) not in seen and mention.words not in self._stated:
                    seen.add(id(mention))
                    counts[id(mention.cluster)][_unbracketed(mention.text)] += 1
        return counts

    # -- reading ---------------------------------------------------------------------------

    def entities(self) -> tuple[Entity, ...]:
        """Every entity of the article, most mentioned first."""
        found = [c for c in self._clusters if c.mentions]
        return tuple(
            Entity(c.name, c.type, tuple(sorted(c.aliases | {c.name})), c.mentions, c.code)
            for c in sorted(found, key=lambda c: (-c.mentions, c.name))
        )

    def resolve(self, token: Token, offset: int) -> Argument | None:
        """The entity a token (the head of an argument) stands for, if any.

        ``offset`` is where the token's paragraph starts in the article.
        """
        known = self._docs.get(offset) is token.doc
        found = self._refs.get((offset, token.i)) if known else None
        if found is None:
            found = self.direct(token, offset)
        if found is None:
            return None
        cluster, start, end = found
        text = doc_text(token.doc)[start:end]
        return Argument(text, offset + start, offset + end, cluster.name, cluster.type)

    # -- helpers for the discourse pass ----------------------------------------------------

    def mention_at(self, offset: int, token: Token) -> Mention | None:
        """The mention that covers ``token``, if any."""
        index = self._index.get(offset)
        if index is None or self._docs.get(offset) is not token.doc:
            return None
        return index.get(token.i)

    def clusters(self) -> list[Cluster]:
        return self._clusters

    def country_cluster(self, code: str) -> Cluster:
        return self._country(code)

    def paragraphs(self) -> list[tuple[int, Doc]]:
        return self._paragraphs

    def direct(self, token: Token, offset: int) -> tuple[Cluster, int, int] | None:
        """What a token names by itself: a mention, a country's government or organ, a
        country word (no pronouns, no descriptions). Character offsets are the paragraph's.
        """
        key = (offset, token.i)
        known = self._docs.get(offset) is token.doc
        if known and key in self._direct_cache:
            return self._direct_cache[key]
        found = self._direct(token, offset, 0)
        if known:
            self._direct_cache[key] = found
        return found

    def _direct(self, token: Token, offset: int, depth: int) -> tuple[Cluster, int, int] | None:
        mention = self.mention_at(offset, token)
        if mention is None and self._docs.get(offset) is not token.doc:
            mention = self._loose_mention(token)
        if mention is not None:
            if mention.cluster is None:
                return None
            span = mention.span
            return mention.cluster, span.start_char, span.end_char
        if depth < 3 and _is_government(token):
            owners = [c for c in token.children if c.dep_ in _OWNER_DEPS]
            owners += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"]
            if any(c.dep_ == "conj" for owner in owners for c in owner.children):
                return None  # "the navies of China, India and Oman": several countries
            for child in owners:
                found = self._direct(child, offset, depth + 1)
                if found is not None and found[0].type == "Country":
                    start = min(token.idx, child.idx)
                    end = max(token.idx + len(token), child.idx + len(child))
                    return found[0], start, end
        if token.is_alpha and (token.is_title or token.is_upper):
            country = country_in_text(token.text)
            if country is not None:
                return self._country(country.code), token.idx, token.idx + len(token)
        return None

    def _loose_mention(self, token: Token) -> Mention | None:
        """A mention read on the fly from a document the article was not built from."""
        if token.ent_iob_ == "O":
            return None
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        span = clean_span(ent) if ent is not None and ent.label_ in _NER_TYPES else None
        if span is None or not span.start <= token.i < span.end:
            return None
        words = tuple(fold(span.text).split())
        country, seat = country_in_text(span.text), lookup_seat(span.text)
        mention = Mention(-1, token.doc, span.start, span.end, ent.label_, "name", words)
        if country is not None:
            mention.cluster = self._country(country.code)
        elif seat is not None:
            mention.cluster = (self._place(span.text) if _is_location(span)
                               else self._country(seat.code))
        else:
            mention.cluster = self._forms.get(words) if words in self._forms else \
                self._lookup_form(words, span.text)
        return mention

    def set_ref(self, offset: int, token: Token, cluster: Cluster, start: int, end: int) -> None:
        """Record what a pronoun or description refers to (paragraph character offsets)."""
        self._refs[(offset, token.i)] = (cluster, start, end)

    def ref(self, offset: int, token: Token) -> Cluster | None:
        """What a token refers to so far: a recorded reference, else what it names."""
        found = self._refs.get((offset, token.i))
        if found is None:
            found = self.direct(token, offset)
        return found[0] if found is not None else None


def _stated_aliases(mentions: list[Mention]) -> dict[tuple[str, ...], tuple[str, ...]]:
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


def _unbracketed(text: str) -> str:
    """A name as written without an editor's brackets inside a quotation.

    >>> _unbracketed("[Prime Minister Narendra] Modi")
    'Prime Minister Narendra Modi'
    """
    return " ".join(text.replace("[", " ").replace("]", " ").split())


def _names_a_party(span: Span) -> bool:
    """Whether the name qualifies a politician's role before a person's name: "Lib Dem"
    of "Lib Dem leader Charles Kennedy", "Labour" of "Labour MP Diane Abbott"."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return False
    role, after = doc[span.end], doc[span.end + 1]
    return role.lower_ in party_roles() and after.ent_type_ == "PERSON" \
        and role.head.i >= after.i


def _person_cues(span: Span) -> int:
    """Signs in the sentence that the name is a person's: an occupation in apposition or
    as the predicate ("Kokesh, an activist", "Smith is a journalist"), an age after it
    ("Tarrant, 28,"), a verb only people do with it as subject ("Conway died"; not
    "said": "Politico reported", "the United Nations said")."""
    doc, root = span.doc, span.root
    cues = 0
    if span.end + 2 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].like_num \
            and doc[span.end + 2].text in (",", ")", "."):
        cues += 1  # "Brenton Tarrant, 28,"
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    if root.dep_ in ("nsubj", "nsubjpass"):
        verb = root.head
        nouns += [c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        passive = person_verbs().get(verb.lemma_.lower())
        if passive is not None and (root.dep_ == "nsubjpass" or not passive):
            cues += 1  # "Conway died", "Hamza bin Laden was killed"
    return cues + any(n.lower_ in occupations() or n.lemma_.lower() in occupations()
                      for n in nouns)


def _classed_as_thing(span: Span) -> bool:
    """Whether a class noun that is no person's stands in apposition to the name (or to
    the first name of its coordination), as its predicate or right before it, or a ship
    prefix opens it."""
    first = span[0]
    if first.lower_ in thing_nouns() and (first.is_upper or "." in first.text):
        return True  # a ship prefix ("U.S.S. Grayback"), not "Bill" of "Bill Hammons"
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "Woolworths and Coles"
        root = root.head
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "Rocky Linux is a distribution"
        nouns += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and before.pos_ == "NOUN" and before.head.i == root.i:
        nouns.append(before)
    return any(n.lower_ in thing_nouns() or n.lemma_.lower() in thing_nouns() for n in nouns)


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


def _is_location(span: Span) -> bool:
    """Whether a capital or seat of power is used as a place, not as its government.

    "a summit in Budapest", "arrived in Washington", "the Budapest summit" are places;
    "Moscow is expected to send", "talks between Washington and Moscow" are countries.
    """
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj":
        return root.head.lower_ in _LOCATIVE
    if root.dep_ == "compound":
        head = root.head
        return not _is_government(head)
    return False



__all__ = ["PERSON_PRONOUNS", "ArticleEntities", "Cluster", "Mention", "clean_span",
           "could_be_a_name", "gendered", "short_given"]
