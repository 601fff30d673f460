"""What refers back: pronouns and definite descriptions, read in one pass per article.

* he/him/his and she/her/hers go to a person whose gender is compatible. Genders are
  learnt first, from gendered words around a name ("Mrs", "her husband John Smith",
  "Smith's mother, Jane Smith") and from pronouns whose antecedent is certain (the
  only person of the sentence and the one before). The antecedent is then the subject
  of a governing clause ("Trump told reporters that he …", "As he arrived, Zelensky
  …"), else the most salient person of the last sentences, a subject outranking a
  more recent object ("Stefanishyna condemned Russia … before Putin's call with
  Trump. '…,' she said" is Stefanishyna). Inside a quotation, a third-person pronoun
  never stands for the quotation's speaker.
* it/its and they/their stand for a country or organisation only when the subject of
  the governing clause, or else of the previous sentence, is one ("the Kremlin
  confirmed … It added"); any other subject there blocks them.
* "the Russian president", "the foreign minister", "the US leader" go to the one
  person the article names with that title (for that country); "the embassy" to the
  one organisation of the article so named. Plural descriptions ("the two leaders",
  "both sides") are never one entity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.lexicons import speech_verbs
from kg.resolve.descriptions import Descriptions
from kg.resolve.sentences import (
    NOMINAL_SUBJECT_DEPS,
    Sentence,
    article_sentences,
    clause_head,
    governing_subjects,
    subject_of,
)
from kg.resolve.spans import subject_role, title_before
from kg.resolve.wordlists import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
    gendered,
    org_kinds,
)

if TYPE_CHECKING:
    from kg.resolve.entities import ArticleEntities
    from kg.resolve.mentions import Cluster

_WINDOW = 3  # sentences searched for a pronoun's antecedent
_KNOWN_GENDER_WINDOW = 10  # ...and for a person whose gender is known to match
# News names far more men than women: a person of unknown gender is a likely "he" and an
# unlikely "she", so "she" looks further back for a woman the article has shown.
_KNOWN_BONUS = {"m": 1.0, "f": 4.0}
_UNKNOWN_PENALTY = {"m": 0.0, "f": -2.0}
_ACTORS = frozenset({"Country", "Organisation"})


@dataclass(frozen=True, slots=True)
class Entry:
    """A mention of an entity in the discourse so far."""

    sentence: int
    index: int
    cluster: Cluster | None  # None: a name that may be one of several people
    role: str
    quoted: bool
    candidates: tuple[Cluster, ...] = ()


def _gender(word: str) -> str | None:
    if word in MALE_PRONOUNS:
        return "m"
    if word in FEMALE_PRONOUNS:
        return "f"
    return None


class Discourse:
    """The one pass over an article that resolves pronouns and descriptions."""

    def __init__(self, entities: ArticleEntities) -> None:
        self.entities = entities
        self.sentences: list[Sentence] = []
        self.history: list[Entry] = []
        self.descriptions = Descriptions(entities)
        self.persons: dict[int, list[tuple[int, Cluster]]] = defaultdict(list)

    def read(self) -> None:
        self.sentences = article_sentences(self.entities.paragraphs())
        self._mentions()
        self._learn_genders()
        self._resolve()

    # -- preparing -------------------------------------------------------------------------

    def _mentions(self) -> None:
        """Titles, gendered words and head words of the article's named mentions."""
        seen: set[int] = set()
        for sentence in self.sentences:
            doc = sentence.span.doc
            for token in sentence.span:
                mention = self.entities.mention_at(sentence.offset, token)
                if mention is None or id(mention) in seen or mention.cluster is None:
                    continue
                seen.add(id(mention))
                cluster = mention.cluster
                root = mention.span.root
                if mention.kind in ("name", "organ"):
                    # "the network" after "ABS-CBN" when the article calls it "ABS-CBN
                    # Corporation" anywhere: the kind is the entity's, not the mention's
                    heads = {root.lemma_.lower()} | {
                        last for name in (cluster.name, *cluster.aliases)
                        for last in name.lower().split()[-1:] if last in org_kinds()}
                    for head in heads:
                        self.descriptions.heads[head].append((sentence.number, cluster))
                if cluster.type != "Person":
                    continue
                self.persons[sentence.number].append((mention.start, cluster))
                self._titles(sentence, mention.start, mention.end, root, cluster)
                start = sentence.span.start
                if mention.start > start:
                    self._gender_word(cluster, doc[mention.start - 1].lower_)
        for cluster in self.entities.clusters():
            for words, code in cluster.titles:
                self.descriptions.holders.append((words, code, cluster))

    @staticmethod
    def _gender_word(cluster: Cluster, word: str) -> None:
        found = gendered(word)
        if found:
            cluster.gender[found] += 2

    def _titles(self, sentence: Sentence, start: int, end: int, root: Token,
                cluster: Cluster) -> None:
        doc = sentence.span.doc
        found = title_before(doc, start, sentence.span.start)
        if found is not None:
            first, text = found
            owner = self.descriptions.owner_before(sentence, first) \
                or self.descriptions.of_owner(sentence, doc, end)
            cluster.titles.add((tuple(text.lower().replace("-", " - ").split()), owner))
        heads = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            heads.append(root.head)
        for head in heads:
            if self.entities.mention_at(sentence.offset, head) is not None:
                continue
            self._gender_word(cluster, head.lemma_.lower())
            title = self.descriptions.title_of(sentence, head)
            if title is not None:
                cluster.titles.add((title, self.descriptions.owner_of(sentence, head)))

    def _learn_genders(self) -> None:
        """Genders from pronouns whose antecedent is certain."""
        for sentence in self.sentences:
            for token in sentence.span:
                gender = _gender(token.lower_)
                if gender is None or token.pos_ != "PRON" or sentence.inside(token):
                    continue
                found = None
                governing = governing_subjects(token) if token.dep_ in NOMINAL_SUBJECT_DEPS else ()
                for subject in governing:
                    cluster = self._named(sentence, subject)
                    if cluster is not None and cluster.type == "Person":
                        found = cluster
                    if found is not None or subject.pos_ in ("NOUN", "PROPN"):
                        break
                if found is None:
                    window = {id(c): c for i, c in self.persons[sentence.number]
                              if i < token.i}
                    if sentence.number and self.sentences[sentence.number - 1].paragraph \
                            == sentence.paragraph:
                        window.update({id(c): c for _, c in self.persons[sentence.number - 1]})
                    if len(window) == 1:
                        found = next(iter(window.values()))
                if found is not None:
                    found.gender[gender] += 1

    def _named(self, sentence: Sentence, token: Token) -> Cluster | None:
        mention = self.entities.mention_at(sentence.offset, token)
        if mention is None:
            for child in token.children:
                if child.dep_ == "appos":
                    mention = self.entities.mention_at(sentence.offset, child)
                    if mention is not None:
                        break
        return mention.cluster if mention is not None else None

    # -- resolving -------------------------------------------------------------------------

    def _resolve(self) -> None:
        speaker: Cluster | None = None
        paragraph = -1
        for sentence in self.sentences:
            if sentence.paragraph != paragraph:
                paragraph, speaker = sentence.paragraph, None
            inside = [t for t in sentence.span if sentence.inside(t)]
            for token in sentence.span:
                if not sentence.inside(token):
                    self._token(sentence, token, False, None)
            speaker = self._speaker(sentence) or speaker
            for token in inside:
                self._token(sentence, token, True, speaker)

    def _speaker(self, sentence: Sentence) -> Cluster | None:
        for token in sentence.span:
            if token.lemma_.lower() in speech_verbs() and token.pos_ in ("VERB", "AUX") \
                    and not sentence.inside(token):
                subject = subject_of(token)
                if subject is not None:
                    cluster = self._subject_cluster(sentence, subject)
                    if cluster is not None:
                        return cluster
        return None

    def _push(self, sentence: Sentence, token: Token, cluster: Cluster | None,
              quoted: bool, candidates: tuple[Cluster, ...] = ()) -> None:
        self.history.append(Entry(sentence.number, token.i, cluster, subject_role(token), quoted,
                                  candidates))

    def _token(self, sentence: Sentence, token: Token, quoted: bool,
               speaker: Cluster | None) -> None:
        entities, offset = self.entities, sentence.offset
        mention = entities.mention_at(offset, token)
        if mention is not None:
            if token.i == mention.span.root.i:
                self._push(sentence, token, mention.cluster, quoted, mention.candidates)
            return
        lower = token.lower_
        if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
            gender = _gender(lower)
            if gender is not None:
                found = self._person(sentence, token, gender, quoted, speaker)
                # a pronoun inside a quotation is the speaker's word for someone: too
                # unsure an antecedent to learn a gender from
                if found is not None and found.sex is None and not quoted:
                    found.gender[gender] += 1
            elif lower in THING_PRONOUNS or lower in PLURAL_PRONOUNS:
                found = self._actor_pronoun(sentence, token, quoted)
            else:
                return
            if found is not None:
                entities.set_ref(offset, token, found, token.idx, token.idx + len(token))
                self._push(sentence, token, found, quoted)
            return
        if token.pos_ not in ("NOUN", "PROPN"):
            return
        direct = entities.direct(token, offset)
        if direct is not None:
            self._push(sentence, token, direct[0], quoted)
            return
        described = self.descriptions.describe(sentence, token)
        if described is not None:
            start = min((c.idx for c in token.lefts if c.dep_ != "det"), default=token.idx)
            entities.set_ref(offset, token, described, start, token.idx + len(token))
            self._push(sentence, token, described, quoted)

    def _subject_cluster(self, sentence: Sentence, token: Token,
                         depth: int = 0) -> Cluster | None:
        """What a subject refers to, looking into its appositions ("the source's editor,
        Jane Smith")."""
        cluster = self.entities.ref(sentence.offset, token)
        if cluster is None and depth < 3:
            for child in token.children:
                if child.dep_ == "appos":
                    cluster = self._subject_cluster(sentence, child, depth + 1)
                    if cluster is not None:
                        break
        return cluster

    def _ambiguous(self, sentence: Sentence, token: Token) -> tuple[Cluster, ...]:
        mention = self.entities.mention_at(sentence.offset, token)
        return mention.candidates if mention is not None and mention.cluster is None else ()

    def _person(self, sentence: Sentence, token: Token, gender: str, quoted: bool,
                speaker: Cluster | None) -> Cluster | None:
        def compatible(cluster: Cluster) -> bool:
            return (cluster.type == "Person" and cluster.sex in (None, gender)
                    and not (quoted and cluster is speaker and sentence.first_person(token)))

        def choose(candidates: tuple[Cluster, ...]) -> Cluster | bool | None:
            """One of an ambiguous name's people, ``None`` for several, ``False`` for none."""
            options = [c for c in candidates if compatible(c)]
            if len(options) == 1:
                return options[0]
            return None if options else False

        for subject in governing_subjects(token):
            cluster = self._subject_cluster(sentence, subject)
            if cluster is not None and compatible(cluster):
                return cluster
            candidates = self._ambiguous(sentence, subject)
            if candidates and choose(candidates) is not False:
                return choose(candidates) or None
            if cluster is None and subject.pos_ in ("NOUN", "PROPN") \
                    and token.dep_ in NOMINAL_SUBJECT_DEPS \
                    and subject.head.lemma_.lower() in speech_verbs():
                return None  # "the driver told reporters he …": someone the article does not name
        excluded = None
        if token.dep_ in ("dobj", "pobj", "dative") and not token.lower_.endswith("self"):
            own = clause_head(token)
            subject = subject_of(own) if own is not None else None
            excluded = self._subject_cluster(sentence, subject) if subject is not None else None
        best: tuple[float, int, int] | None = None
        chosen = None
        for entry in reversed(self.history):
            distance = sentence.number - entry.sentence
            if distance > _KNOWN_GENDER_WINDOW:
                break
            if distance == 0 and entry.index >= token.i:
                continue
            cluster = entry.cluster
            if cluster is None:
                picked = choose(entry.candidates)
                if picked is False:
                    continue
                cluster = picked or None  # several people: it may win, then nobody is chosen
            elif not compatible(cluster):
                continue
            if cluster is not None and cluster is excluded:
                continue
            known = cluster is not None and cluster.sex == gender
            if distance > _WINDOW and not known:
                continue
            score = (-2.0 * min(distance, _WINDOW) - 0.5 * max(0, distance - _WINDOW)
                     + 2.0 * (entry.role == "subj" and not entry.quoted)
                     + (_KNOWN_BONUS[gender] if known else _UNKNOWN_PENALTY[gender]))
            key = (score, entry.sentence, entry.index)
            if best is None or key > best:
                best, chosen = key, cluster
        return chosen

    def _actor_pronoun(self, sentence: Sentence, token: Token, quoted: bool) -> Cluster | None:
        if token.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return None
        plural = token.lower_ in PLURAL_PRONOUNS
        if not plural and token.dep_ != "poss" and token.head.lemma_ == "be":
            return None  # "it is …": no referent
        own = clause_head(token)

        def usable(subject: Token) -> bool:
            # "their" is not bound by the subject of its own clause ("CCTV captured their
            # arrival"); "its" is ("Moscow … from its ministries")
            head = clause_head(subject)
            return not plural or own is None or head is None or head.i != own.i

        for subject in governing_subjects(token):
            if usable(subject):
                return self._actor(sentence, subject, plural)
        earlier = [t for t in sentence.span
                   if t.i < token.i and t.dep_ in NOMINAL_SUBJECT_DEPS and usable(t)]
        if earlier:
            return self._actor(sentence, earlier[-1], plural)
        if quoted or not sentence.number:
            return None
        previous = self.sentences[sentence.number - 1]
        if previous.paragraph not in (sentence.paragraph, sentence.paragraph - 1):
            return None
        subject = subject_of(previous.span.root)
        return self._actor(previous, subject, plural) if subject is not None else None

    def _actor(self, sentence: Sentence, subject: Token, plural: bool) -> Cluster | None:
        if subject_role(subject) == "group" or (not plural and subject.tag_ in ("NNS", "NNPS")):
            return None
        cluster = self._subject_cluster(sentence, subject)
        return cluster if cluster is not None and cluster.type in _ACTORS else None
