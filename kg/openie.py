"""Open information extraction: n-ary tuples over any noun phrases, in CaRB's conventions.

Where :mod:`kg.extract` reads who did what to whom between named entities, this module
reads every clause of a sentence as ``(arg1, relation, arg2, …)`` the way the CaRB
benchmark writes them:

* the relation is the verb group — auxiliaries, negation, particles, adverbs between
  subject and verb, a controlled infinitive ("agreed to hold", "is unlikely to sign") —
  with the preposition of the first prepositional phrase moved in when the verb has no
  object ("met with", "walked out of", "is independent from");
* a copula keeps its complement as the second argument ("is", "a veteran diplomat"), a
  "that" clause is one argument ("said that", "the talks had failed");
* further arguments are the remaining prepositional phrases, time and place;
* subjects are shared across coordinated verbs, taken from the antecedent of a relative
  clause and from the noun a participle modifies; coordinated subjects and objects give
  one tuple per conjunct besides the whole;
* appositions and titles become ``be`` tuples ("X, the Y of Z" → X be the Y of Z),
  possessives ``has``/``had`` tuples (in the sentence's tense), and nouns placed by a
  preposition of ``kg/data/openie_noun_preps.txt`` ``be in`` tuples. (CaRB's scorer
  reads a predicted "be" as any form of the verb.)

A tuple is kept only with a subject and a second argument: CaRB's gold tuples nearly
always have both. Each tuple carries a confidence made from features of its parse (how
its subject was found, which construction gave it, the length of its parts): a logistic
of weights in ``kg/data/openie_weights.tsv``, fitted by ``benchmarks/openie_weights.py``,
so that sorting by confidence puts the likelier tuples first.

>>> triples = extract(kg.nlp.load()("The minister met with the envoy in Paris."))
>>> (triples[0].relation, triples[0].arguments)
('met with', ('The minister', 'the envoy', 'in Paris'))
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

import kg.nlp
from kg.extract.syntax import RELATIVE_PRONOUNS, antecedent, conjuncts, governor
from kg.lexicons import rows, speech_verbs, titles, word_set
from kg.nlp import doc_text

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd", "acomp"})
# Children of a verb that are parts of the relation itself.
RELATION_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
# Children of a verb read as further arguments, in sentence order.
ARGUMENT_DEPS = frozenset({"prep", "agent", "npadvmod", "advmod", "xcomp", "ccomp"})
# Children left out of a noun phrase: they make tuples of their own.
CLAUSE_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis"})


@dataclass(frozen=True, slots=True)
class Triple:
    """One open tuple: a relation, its arguments in order, and a confidence in [0, 1]."""

    relation: str
    arguments: tuple[str, ...]
    confidence: float
    features: tuple[str, ...] = ()

    def tsv(self, sentence: str) -> str:
        """The CaRB prediction line for this tuple of ``sentence``.

        >>> Triple("met", ("Ann", "Bob"), 0.5).tsv("Ann met Bob .")
        'Ann met Bob .\\t0.500\\tmet\\tAnn\\tBob'
        """
        fields = [sentence, f"{self.confidence:.3f}", self.relation, *self.arguments]
        return "\t".join(_tsv_field(f) for f in fields)


def _tsv_field(text: str) -> str:
    # A tab or line break inside a field would shift the columns of the TSV.
    return " ".join(text.replace("\t", " ").splitlines())


# -- weights -------------------------------------------------------------------------------


@cache
def weights() -> dict[str, float]:
    """Feature weights of the confidence, from ``kg/data/openie_weights.tsv``.

    >>> "subject:own" in weights()
    True
    """
    return {row[0].strip(): float(row[1]) for row in rows("openie_weights.tsv") if len(row) >= 2}


@cache
def noun_preps() -> frozenset[str]:
    """Prepositions that place a noun, from ``kg/data/openie_noun_preps.txt``.

    >>> "in" in noun_preps()
    True
    """
    return word_set("openie_noun_preps.txt")


def confidence(features: Iterable[str]) -> float:
    """The logistic of the summed feature weights, in (0, 1).

    >>> round(confidence([]), 3) == round(1 / (1 + math.exp(-weights()["bias"])), 3)
    True
    """
    table = weights()
    score = table.get("bias", 0.0) + sum(table.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-score))


# -- phrases -------------------------------------------------------------------------------


def phrase(tokens: Iterable[Token]) -> str:
    """The text of tokens, as written: contiguous runs sliced from the text, joined by spaces.

    Slicing keeps the writer's own tokens whole ("Moutier-Grandval"), and punctuation
    at either end is dropped.

    >>> doc = kg.nlp.load()("Talks, in Geneva, ended.")
    >>> phrase([doc[0], doc[1], doc[2], doc[3]]), phrase([doc[0], doc[5], doc[6]])
    ('Talks, in Geneva', 'Talks ended')
    """
    ordered = sorted(set(tokens), key=lambda t: t.i)
    # a comma left doubled where a clause was taken out ("X , , and Y") is said once
    ordered = [t for n, t in enumerate(ordered)
               if not (n and t.is_punct and ordered[n - 1].is_punct and t.text == ",")]
    if sum(t.is_quote for t in ordered) % 2:
        _close_quote(ordered)
    while ordered and _edge(ordered[0], ordered):
        ordered.pop(0)
    while ordered and _edge(ordered[-1], ordered):
        ordered.pop()
    if not ordered:
        return ""
    doc = ordered[0].doc
    runs: list[str] = []
    start = previous = ordered[0]
    for token in [*ordered[1:], None]:
        if token is not None and token.i == previous.i + 1:
            previous = token
            continue
        runs.append(doc_text(doc)[start.idx:previous.idx + len(previous.text)])
        if token is not None:
            start = previous = token
    return " ".join(" ".join(run.split()) for run in runs)


def _close_quote(ordered: list[Token]) -> None:
    """Add the partner of a lone quotation mark when it stands just outside the phrase."""
    if not ordered:
        return
    doc = ordered[0].doc
    after, before = ordered[-1].i + 1, ordered[0].i - 1
    if after < len(doc) and doc[after].is_quote:
        ordered.append(doc[after])
    elif before >= 0 and doc[before].is_quote:
        ordered.insert(0, doc[before])


def _edge(token: Token, kept: list[Token]) -> bool:
    """Whether a token at the edge of a phrase is dropped: punctuation, a loose "and"."""
    if token.is_quote:
        # a quotation mark stays with its partner ("`` Velocity ''")
        return sum(t.is_quote for t in kept) % 2 == 1
    return token.is_space or (token.is_punct and token.text not in ("%", "$")) \
        or token.dep_ == "cc"


def _subtree(token: Token, leave_out: frozenset[str] = CLAUSE_DEPS) -> list[Token]:
    """The token's subtree without the clauses hung on it (relative clauses, appositions)."""
    found = [token]
    for child in token.children:
        if child.dep_ in leave_out:
            continue
        found.extend(_subtree(child, leave_out))
    return found


def conjunct_phrases(token: Token) -> list[str]:
    """Each conjunct of a coordinated noun phrase on its own, or ``[]`` when there is one.

    >>> doc = kg.nlp.load()("Russia and China signed it.")
    >>> conjunct_phrases(doc[0])
    ['Russia', 'China']
    """
    members = conjuncts(token)
    if len(members) < 2:
        return []
    leave_out = CLAUSE_DEPS | {"conj", "cc", "preconj"}
    return [phrase(_subtree(m, leave_out)) for m in members]


def noun_phrase(token: Token) -> str:
    """The noun phrase a token heads, without its relative clauses and appositions.

    >>> doc = kg.nlp.load()("The envoy, a veteran, met the minister who leads talks.")
    >>> noun_phrase(doc[1]), noun_phrase(doc[8])
    ('The envoy', 'the minister')
    """
    return phrase(_subtree(token))


# -- predicates ----------------------------------------------------------------------------


def _is_predicate(token: Token) -> bool:
    if token.dep_ in ("aux", "auxpass", "amod", "compound", "prt"):
        return False
    if token.pos_ == "VERB":
        return True
    # a copula heads its clause in spaCy's scheme: "He is a diplomat"
    return token.pos_ == "AUX" and any(c.dep_ in SUBJECTS | OBJECTS for c in token.children)


@dataclass(slots=True)
class _Subject:
    tokens: list[Token]
    how: str


def _own_subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in SUBJECTS]


def _subject(verb: Token) -> _Subject:
    """The subject of a verb: its own, else one it shares through coordination or control.

    A relative pronoun stands for the noun the clause modifies; a participle modifying a
    noun takes that noun ("a fleet preparing to sail").
    """
    current, how = verb, "own"
    for _ in range(6):
        own = _own_subjects(current)
        if own:
            tokens = [antecedent(t) for t in own]
            if any(t.lower_ in RELATIVE_PRONOUNS for t in own):
                how = "relative" if how == "own" else how
            return _Subject(tokens, how)
        head, dep = governor(current)
        if head == current:
            break
        if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return _Subject([head], "modified")
        if dep == "xcomp":
            controllers = [c for c in head.children if c.dep_ in ("dobj",)]
            if controllers:
                return _Subject(controllers, "control")
            current, how = head, "control"
            continue
        if dep in ("conj", "advcl"):
            current, how = head, "shared" if dep == "conj" else "adverbial"
            continue
        break
    return _Subject([], "none")


def _relation_parts(verb: Token) -> list[Token]:
    """The verb and its auxiliaries, negation and particles, plus adverbs before the verb."""
    parts = [verb]
    subjects = _own_subjects(verb)
    left = max((s.i for s in subjects), default=verb.i)
    for child in verb.children:
        if child.dep_ in RELATION_DEPS:
            parts.append(child)
        elif child.dep_ == "advmod" and left < child.i < verb.i and child.tag_ != "WRB":
            parts.append(child)  # "was personally involved", not "when staying"
    return parts


def _chain(verb: Token) -> list[Token]:
    """Verbs joined into one relation by control: "agreed to hold", "is expected to visit"."""
    chain = [verb]
    current = verb
    for _ in range(3):
        if any(c.dep_ in ("dobj", "dative", "attr") for c in current.children):
            break
        nxt = [c for c in current.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
               and c.i > current.i]
        adjectives = [c for c in current.children if c.dep_ == "acomp" and len(chain) == 1]
        if not nxt and len(adjectives) == 1:
            # "was able to attend", "is likely to win": the adjective links the two verbs
            nxt = [c for c in adjectives[0].children if c.dep_ == "xcomp"
                   and c.pos_ in ("VERB", "AUX")]
            if len(nxt) == 1:
                chain.append(adjectives[0])
        if len(nxt) != 1:
            break
        current = nxt[0]
        chain.append(current)
    return chain


def _loose_clause(child: Token) -> bool:
    """A clause only set beside the verb, not its content: before it, or after a comma.

    "The population boomed , 5 boroughs were formed": the small parser hangs the second
    clause on the first as a complement; a speech verb's complement stays ("said , …").
    """
    if child.dep_ not in ("ccomp", "xcomp") or any(c.dep_ == "mark" for c in child.children):
        return False
    if child.i < child.head.i:
        return True
    edge = child.left_edge.i
    return edge > 0 and child.doc[edge - 1].text in (",", ";", ":", "--") \
        and child.head.lemma_.lower() not in speech_verbs()


@dataclass(slots=True)
class _Clause:
    verb: Token
    relation: list[Token]
    arguments: list[Token]
    subject: _Subject
    features: list[str]


def _clause(verb: Token) -> _Clause:
    chain = _chain(verb)
    last = chain[-1]
    relation: list[Token] = []
    for link in chain:
        relation.extend(_relation_parts(link))
    arguments: list[Token] = []
    for child in last.children:
        if child.dep_ in RELATION_DEPS or child in relation:
            continue
        if child.dep_ in OBJECTS or child.dep_ in ARGUMENT_DEPS:
            if child.dep_ == "xcomp" and child in chain:
                continue
            arguments.append(child)
    if not arguments:
        # an intransitive verb with a subordinate clause: "collapsed after Iran refused"
        arguments.extend(c for c in last.children if c.dep_ == "advcl" and c.i > last.i
                         and any(m.dep_ == "mark" for m in c.children))
    for link in chain[:-1]:
        arguments.extend(c for c in link.children if c.dep_ in ("prep", "npadvmod", "agent")
                         and c not in relation)
    arguments.sort(key=lambda t: t.i)
    found = _subject(verb)
    features = [f"subject:{found.how}"]
    if any(a.dep_ == "advcl" for a in arguments):
        features.append("adverbial-clause")
    if any(_loose_clause(a) for a in arguments):
        features.append("loose-clause")
    if len(chain) > 1:
        features.append("chain")
    return _Clause(verb, relation, arguments, found, features)


def _prep_moved(clause: _Clause) -> None:
    """Move the first preposition into the relation when the verb has no object."""
    if any(a.dep_ in OBJECTS or a.dep_ == "ccomp" for a in clause.arguments) \
            or "adjective-in-relation" in clause.features:
        return
    for index, argument in enumerate(clause.arguments):
        if argument.dep_ in ("prep", "agent") and argument.i > clause.verb.i:
            moved = [argument]
            objects = [c for c in argument.children if c.dep_ in ("pobj", "pcomp")]
            inner = [c for c in argument.children if c.dep_ == "prep"]
            if not objects and len(inner) == 1 and inner[0].i == argument.i + 1:
                # "knocked out of the competition": both words join the relation
                moved.append(inner[0])
                objects = [c for c in inner[0].children if c.dep_ in ("pobj", "pcomp")]
            if len(objects) != 1:
                return
            clause.relation.extend(moved)
            clause.arguments[index] = objects[0]
            clause.features.append("prep-in-relation")
            return


def _adjective_moved(clause: _Clause) -> None:
    """"is independent from X": a one-word adjective and its preposition join the relation."""
    adjectives = [a for a in clause.arguments if a.dep_ == "acomp"]
    if len(adjectives) != 1 or any(a.dep_ in ("dobj", "attr") for a in clause.arguments):
        return
    adjective = adjectives[0]
    preps = [c for c in adjective.children if c.dep_ == "prep" and c.i > adjective.i]
    if len(preps) != 1 or any(c.dep_ not in ("prep", "advmod", "neg") for c in adjective.children):
        return
    objects = [c for c in preps[0].children if c.dep_ in ("pobj", "pcomp")]
    if len(objects) != 1:
        return
    modifiers = [c for c in adjective.children if c.dep_ in ("advmod", "neg")]
    clause.relation.extend([adjective, preps[0], *modifiers])
    clause.arguments[clause.arguments.index(adjective)] = objects[0]
    clause.features.append("adjective-in-relation")


def _ccomp_mark(clause: _Clause) -> None:
    """"said that …": the complementiser joins the relation, the clause is the argument."""
    for argument in clause.arguments:
        if argument.dep_ == "ccomp":
            marks = [c for c in argument.children if c.dep_ == "mark" and c.lower_ == "that"]
            clause.relation.extend(marks)


def _arguments_text(clause: _Clause) -> list[str]:
    texts: list[str] = []
    taken = set(clause.relation)
    for argument in clause.arguments:
        tokens = [t for t in _subtree(argument) if t not in taken]
        text = phrase(tokens)
        if text:
            texts.append(text)
    return texts


def _triples_of_verb(verb: Token) -> Iterator[Triple]:
    clause = _clause(verb)
    _adjective_moved(clause)
    _prep_moved(clause)
    _ccomp_mark(clause)
    relation = phrase(clause.relation)
    if not relation:
        return
    rest = _arguments_text(clause)
    features = list(clause.features)
    if clause.subject.tokens:
        heads = clause.subject.tokens
        inside = set(verb.subtree)
        subjects = [phrase(t for t in _subtree(h) if t not in inside or h in inside)
                    for h in heads]
        split = conjunct_phrases(heads[0]) if len(heads) == 1 else []
        if any(h.pos_ == "PRON" for h in heads):
            features.append("subject:pronoun")
    else:
        subjects, split = [], []
    features.extend(_length_features(subjects, rest, relation))
    features.append(f"verb:{verb.dep_}")
    arg1 = " ".join(subjects)
    if not arg1 or not rest:
        return  # CaRB's tuples nearly always have two arguments; others rarely match
    arguments = (arg1, *rest)
    yield Triple(relation, arguments, confidence(features), tuple(features))
    for part in split:
        more = [*features, "split"]
        yield Triple(relation, (part, *rest), confidence(more), tuple(more))
    first = clause.arguments[0]
    objects = conjunct_phrases(first) if len(rest) == len(clause.arguments) \
        and first.i > verb.i and first.dep_ != "ccomp" else []
    for part in objects:
        more = [*features, "split-object"]
        yield Triple(relation, (arg1, part, *rest[1:]), confidence(more), tuple(more))


def _length_features(subjects: list[str], rest: list[str], relation: str) -> list[str]:
    def bucket(n: int) -> str:
        return "0" if n == 0 else "1-3" if n <= 3 else "4-8" if n <= 8 else "9+"
    arg1 = sum(len(s.split()) for s in subjects)
    arg2 = sum(len(r.split()) for r in rest)
    return [f"arg1-len:{bucket(arg1)}", f"rest-len:{bucket(arg2)}",
            f"rel-len:{bucket(len(relation.split()))}", f"args:{min(len(rest), 3)}"]


# -- noun-phrase tuples --------------------------------------------------------------------


def _noun_triple(kind: str, relation: str, first: str, second: str) -> Triple | None:
    if not first or not second or first == second:
        return None
    features = [kind, *_length_features([first], [second], relation)]
    return Triple(relation, (first, second), confidence(features), tuple(features))


def _past(doc: Doc) -> bool:
    """Whether the sentence is told in the past: its main verb is a past form."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return any(t.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD"
                                                for c in t.children) for t in roots)


def _place(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "FAC")


def _appositions(doc: Doc) -> Iterator[Triple | None]:
    """"X, the Y of Z" → (X, be, the Y of Z); "Tampa, Florida" → (Tampa, be in, Florida)."""
    for token in doc:
        if token.dep_ != "appos" or token.head.pos_ not in ("NOUN", "PROPN") \
                or token.pos_ == "PRON":
            continue
        if _place(token) and _place(token.head) and token.pos_ == "PROPN":
            yield _noun_triple("located", "be in", noun_phrase(token.head), noun_phrase(token))
        else:
            yield _noun_triple("apposition", "be", noun_phrase(token.head), noun_phrase(token))


def _possessions(doc: Doc) -> Iterator[Triple | None]:
    """"Britain 's relationship with Spain" → (Britain, has, relationship with Spain)."""
    have = "had" if _past(doc) else "has"
    for token in doc:
        if token.dep_ != "poss" or token.pos_ == "PRON" or token.head.pos_ not in ("NOUN",
                                                                                   "PROPN"):
            continue
        owner = set(token.subtree)
        owned = [t for t in _subtree(token.head) if t not in owner and t.dep_ != "det"]
        possessor = phrase(t for t in _subtree(token) if t.dep_ != "case")
        yield _noun_triple("possessive", have, possessor, phrase(owned))


def _titles(doc: Doc) -> Iterator[Triple | None]:
    """"President Bush" → (Bush, be, President): a known title before a person's name."""
    known = {t.lower() for t in titles()}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        head = ent.root
        before = [t for t in head.lefts if t.dep_ == "compound" and t.i < ent.start]
        title = phrase(t2 for t in before for t2 in t.subtree)
        if title and title.lower() in known:
            yield _noun_triple("title", "be", ent.text, title)


def _located(doc: Doc) -> Iterator[Triple | None]:
    """A noun placed by a preposition: "the Helmut Newton Foundation in Berlin" → be in."""
    for token in doc:
        if token.dep_ != "prep" or token.lower_ not in noun_preps():
            continue
        head = token.head
        if head.pos_ not in ("NOUN", "PROPN"):
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if len(objects) != 1:
            continue
        kept = [t for t in _subtree(head) if t not in set(token.subtree)]
        kind = "located" if _place(objects[0]) else f"noun-prep:{token.lower_}"
        yield _noun_triple(kind, f"be {token.lower_}", phrase(kept), noun_phrase(objects[0]))


# -- reading -------------------------------------------------------------------------------


def extract(doc: Doc) -> list[Triple]:
    """The open tuples of a parsed sentence (or several), most confident first.

    >>> [(t.relation, t.arguments) for t in extract(kg.nlp.load()("Chile and Peru signed it."))]
    [('signed', ('Chile', 'it')), ('signed', ('Peru', 'it')), ('signed', ('Chile and Peru', 'it'))]
    """
    found: list[Triple] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    candidates = [t for verb in doc if _is_predicate(verb) and not _inside_chain(verb)
                  for t in _triples_of_verb(verb)]
    for reader in (_appositions, _possessions, _titles, _located):
        candidates.extend(t for t in reader(doc) if t is not None)
    for triple in candidates:
        key = (triple.relation, triple.arguments)
        if key in seen or not triple.arguments:
            continue
        seen.add(key)
        found.append(triple)
    return sorted(found, key=lambda t: -t.confidence)


def _inside_chain(verb: Token) -> bool:
    """Whether a verb is read as part of its governor's relation ("agreed to hold")."""
    if verb.dep_ != "xcomp":
        return False
    return verb in _chain(verb.head)


def sentences(data: bytes, name: str) -> list[str]:
    """The lines of a UTF-8 file, without their line ends; ``ValueError`` names a bad byte.

    Only a line feed (with an optional carriage return) ends a line: other Unicode
    separators stay inside the sentence they were written in.

    >>> sentences(b"One.\\r\\nTwo.\\n", "in.txt")
    ['One.', 'Two.']
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ValueError(f"{name}: line {line}: not UTF-8 (byte {error.start})") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def tsv_lines(lines: Iterable[str], nlp: Language | None = None) -> Iterator[str]:
    """CaRB prediction lines for sentences, each sentence echoed as given; blank ones skipped.

    >>> next(tsv_lines(["Ann met Bob."])).split("\\t")[2:]
    ['met', 'Ann', 'Bob']
    """
    for sentence, triples in read(lines, nlp):
        for triple in triples:
            yield triple.tsv(sentence)


def read(lines: Iterable[str], nlp: Language | None = None) -> Iterator[tuple[str, list[Triple]]]:
    """Each non-blank line with its tuples, parsed in batches through ``nlp.pipe``.

    >>> [(s, len(t) > 0) for s, t in read(["Ann met Bob.", "  "])]
    [('Ann met Bob.', True)]
    """
    nlp = nlp or kg.nlp.load()
    kept = (line for line in lines if line.strip())
    for doc, line in kg.nlp.parse(nlp, ((line, line) for line in kept)):
        yield line, extract(doc)
