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

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from kg.lexicons import country_in_text, lookup_country, lookup_seat
from kg.nlp import doc_text
from kg.nlp.grammar import OWNER_DEPS
from kg.records import Argument, Entity
from kg.resolve.classes import settle, vote
from kg.resolve.discourse import Discourse
from kg.resolve.governments import (
    MAX_COUNTRY_WORDS,
    is_government,
    is_location,
    is_organ,
)
from kg.resolve.mentions import UNDECIDED, Cluster, Mention
from kg.resolve.names import (
    NAME_STOP,
    acronym,
    alternative_keys,
    short_given,
    stated_aliases,
    unbracketed,
)
from kg.resolve.spans import (
    clean_span,
    glued_before,
    glued_name,
    hyphen_parts,
    in_title,
    split_coordination,
    title_before,
    titled_names,
    with_given_names,
)
from kg.resolve.wordlists import country_by_code, fold, honorifics, styles

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_NER_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place",
              "FAC": "Place", "NORP": None}


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
        vote(self._clusters, self._paragraphs, self._index, self._common,
             self._surface_counts())
        self._discourse = Discourse(self)
        self._discourse.read()
        settle(self._clusters)

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
            spans.extend((offset, doc, name, "PERSON") for name in titled_names(doc))
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
        organ = is_organ(span) if label != "PERSON" else None
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
                       tuple(fold(unbracketed(doc[start:span.end].text)).split()),
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
            cluster.aliases.add(unbracketed(mention.text))
        if mention.label:
            full_name = mention.label == "PERSON" and len(mention.words) > 1
            cluster.votes[mention.label] += 1 + full_name

    def _cluster(self, mentions: list[Mention]) -> None:
        names: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
        for mention in mentions:
            if mention.kind == "country":
                self._add(mention, self._country(mention.code or ""))
            elif mention.kind == "seat":
                if is_location(mention.span):
                    self._add(mention, self._place(mention.text))
                else:
                    self._add(mention, self._country(mention.code or ""), alias=False)
            else:
                names[mention.words].append(mention)
        stated = self._stated = stated_aliases(mentions)
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
                    cluster = Cluster(group[0].text, UNDECIDED)
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
                 and rw[-len(words) - 1] not in NAME_STOP}
        if not found and len(words) > 1:
            # the short form of a given name ("Vince Cable", "Vincent Cable")
            found = {id(c): c for rw, c in self._roots_by_last.get(words[-1], ())
                     if len(rw) == len(words) and rw[1:] == words[1:]
                     and short_given(rw[0], words[0])}
        if not found and len(words) > 1:
            # the name without its middle names or initials ("John Bolton" after "John R.
            # Bolton"), when one name so written has them
            found = {id(c): c for rw, c in self._roots_by_last.get(words[-1], ())
                     if len(rw) > len(words) and rw[0] == words[0]
                     and len(words) == 2}
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
            for key in alternative_keys(words):
                previous = self._alternatives.get(key, cluster)
                self._alternatives[key] = cluster if previous is cluster else None
            letters = acronym(words)
            if len(letters) >= 2:
                previous = self._acronyms.get(letters, cluster)
                self._acronyms[letters] = cluster if previous is cluster else None

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
                while end < len(doc) and end not in index and (
                        doc[end].pos_ == "PROPN" or _inner_hyphen(doc, end)):
                    end += 1
                end = max(end, i + 1)
                i = self._fallback_run(offset, doc, i, end)

    def _fallback_run(self, offset: int, doc: Doc, start: int, end: int) -> int:
        """Read the run ``start:end`` of proper nouns; the index to go on from."""
        for size in range(min(MAX_COUNTRY_WORDS, end - start), 0, -1):
            text = doc[start:start + size].text
            country, seat = country_in_text(text), lookup_seat(text)
            if country is not None or seat is not None:
                code = (country or seat).code  # type: ignore[union-attr]
                mention = Mention(offset, doc, start, start + size, "",
                                  "country" if country else "seat", tuple(fold(text).split()), code)
                if country is None and is_location(mention.span):
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

    def _surface_counts(self) -> dict[int, Counter[str]]:
        """How often each surface form names each cluster."""
        counts: dict[int, Counter[str]] = defaultdict(Counter)
        seen: set[int] = set()
        for index in self._index.values():
            for mention in index.values():
                if mention.kind == "name" and mention.cluster is not None \
                        and id(mention) not in seen and mention.words not in self._stated:
                    seen.add(id(mention))
                    counts[id(mention.cluster)][unbracketed(mention.text)] += 1
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
        if depth < 3 and is_government(token):
            owners = [c for c in token.children if c.dep_ in OWNER_DEPS]
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
            mention.cluster = (self._place(span.text) if is_location(span)
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


def _inner_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen written inside a name, between proper nouns ("ABS-CBN")."""
    return (doc[i].tag_ == "HYPH" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
            and i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i - 1].pos_ == "PROPN")


__all__ = ["PERSON_PRONOUNS", "ArticleEntities", "Cluster", "Mention", "clean_span"]
