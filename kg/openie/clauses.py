"""The tuples of a clause: its verb group as the relation ("agreed to hold", "met with",
"is independent from"), its subject, own or shared through coordination, control or a
relative clause, and its complements and prepositional phrases as further arguments."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.syntax import RELATIVE_PRONOUNS, antecedent, governor
from kg.lexicons import speech_verbs
from kg.openie.phrases import conjunct_phrases, phrase, subtree
from kg.openie.record import Triple, confidence, length_features

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd", "acomp"})
# Children of a verb that are parts of the relation itself.
RELATION_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
# Children of a verb read as further arguments, in sentence order.
ARGUMENT_DEPS = frozenset({"prep", "agent", "npadvmod", "advmod", "xcomp", "ccomp"})


def is_predicate(token: Token) -> bool:
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
        tokens = [t for t in subtree(argument) if t not in taken]
        text = phrase(tokens)
        if text:
            texts.append(text)
    return texts


def verb_triples(verb: Token) -> Iterator[Triple]:
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
        subjects = [phrase(t for t in subtree(h) if t not in inside or h in inside)
                    for h in heads]
        split = conjunct_phrases(heads[0]) if len(heads) == 1 else []
        if any(h.pos_ == "PRON" for h in heads):
            features.append("subject:pronoun")
    else:
        subjects, split = [], []
    features.extend(length_features(subjects, rest, relation))
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


def inside_chain(verb: Token) -> bool:
    """Whether a verb is read as part of its governor's relation ("agreed to hold")."""
    if verb.dep_ != "xcomp":
        return False
    return verb in _chain(verb.head)
