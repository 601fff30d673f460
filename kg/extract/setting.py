"""Where, when and how an event happened, read from the phrases attached to its words.

An event is expressed by a verb ("met"), an event noun ("the call"), or both ("held
talks"). Its setting is what hangs off those words in the parse, never off another
clause of the sentence: in "Trump said on Thursday that he would meet Putin in Budapest",
Thursday is when he spoke and Budapest where they would meet.

* time: a ``DATE`` entity attached to the event's words ("on Thursday", "Thursday's
  call", "last week"), resolved against the article's date by :mod:`kg.extract.when`;
* place: the entity after "in" or "at" that the resolver knows as a place or country
  ("in Budapest", "at the White House");
* mode: how it was done, after PLOVER's modes — the event word's own mode in the event
  lexicon ("call" → phone), or a cue word attached to it ("by phone", "in a letter",
  "in a statement", "a video call"), from ``kg/data/event_modes.tsv``;
* context: the policy area, after PLOVER's contexts, from cue words in the clause
  ("troops" → military, "tariffs" → economic), from ``kg/data/event_contexts.tsv``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Token

from kg.extract.base import Context
from kg.extract.recall import remember
from kg.extract.when import resolve
from kg.lexicons import EventEntry, rows, speech_verbs
from kg.records import Argument, Factuality, Statement, When

_PLACE_PREPS = frozenset({"in", "at"})
_MODE_PREPS = frozenset({"by", "in", "over", "via", "through", "during", "on"})  # not "after"
_HAVE = frozenset({"have", "has", "had", "'ve", "'d"})
_PLACE_TYPES = frozenset({"Place", "Country"})
# links that keep a phrase inside the event's own words on the way up from it
_ATTACHING = frozenset({"prep", "pobj", "npadvmod", "tmod", "poss", "compound", "amod",
                        "nummod", "appos", "nmod", "advmod", "det", "case"})
_OTHER_CLAUSES = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis", "csubj", "acl"})


@dataclass(frozen=True, slots=True)
class Setting:
    """The circumstances of one event; each may be unknown."""

    when: When | None = None
    place: Argument | None = None
    mode: str | None = None
    context: str | None = None


@cache
def _table(name: str) -> dict[str, str]:
    return {row[0].strip().lower(): row[1].strip() for row in rows(name) if len(row) >= 2}


def mode_words() -> dict[str, str]:
    """Cue word (lemma) → PLOVER mode.

    >>> mode_words()["letter"]
    'letter'
    """
    return _table("event_modes.tsv")


def context_words() -> dict[str, str]:
    """Cue word (lemma) → PLOVER context.

    >>> context_words()["troop"]
    'military'
    """
    return _table("event_contexts.tsv")


def _owner(token: Token, anchors: set[int]) -> bool:
    """Whether ``token`` hangs off one of the event's words without crossing a clause."""
    current = token
    for _ in range(6):
        if current.i in anchors:
            return True
        if current.dep_ not in _ATTACHING or current.head == current:
            return False
        current = current.head
    return False


def _own_time(anchors: set[int], tokens: list[Token], context: Context,
              future: bool) -> When | None:
    sentence = tokens[0].sent
    for ent in sentence.ents:
        if ent.label_ != "DATE" or ent.root.i in anchors:
            continue
        if _owner(ent.root, anchors):
            found = resolve(ent.text, context.document.date, future=future)
            if found is not None:
                return found
    return None


def _past(verb: Token) -> bool:
    """A verb in the past or the perfect, with no modal: "had", "met", "has spoken"."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        a.lower_ in _HAVE for a in auxiliaries))


def _time(anchors: set[int], tokens: list[Token], context: Context,
          future: bool) -> When | None:
    """The event's own time; else, for an event reported in the past by a dated speech
    verb ("announced on Thursday that he had a call with …"), the report's date as the
    latest it can have happened: it happened by then, and the text says no more."""
    own = _own_time(anchors, tokens, context, future)
    if own is not None or future:
        return own
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        head = verb.head
        if verb.dep_ == "ccomp" and _past(verb) and head.lemma_.lower() in speech_verbs():
            report = _own_time({head.i}, [head], context, False)
            if report is not None:
                return When(report.text, None, report.end, "before")
    return None


def _place(tokens: list[Token], context: Context) -> Argument | None:
    for token in tokens:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found = context.resolve(pobj)
                if found is not None and found.type in _PLACE_TYPES:
                    return found
    return None


def _mode(tokens: list[Token], entry: EventEntry | None) -> str | None:
    cues = mode_words()
    for token in tokens:
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.lemma_.lower() in cues:
                return cues[child.lemma_.lower()]  # "a phone call", "a video conference"
            if child.dep_ == "prep" and child.lower_ in _MODE_PREPS:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    if pobj.lemma_.lower() in cues:
                        return cues[pobj.lemma_.lower()]  # "by phone", "in a letter"
    if entry is not None and entry.mode:
        return entry.mode
    return None


def _clause_words(token: Token) -> Iterable[Token]:
    """The words of the token's own clause: its subtree without the clauses under it."""
    stack = [token]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(c for c in current.children if c.dep_ not in _OTHER_CLAUSES)


def _context(tokens: list[Token]) -> str | None:
    cues = context_words()
    votes: Counter[str] = Counter()
    for token in tokens:
        for word in _clause_words(token):
            context = cues.get(word.lemma_.lower())
            if context:
                votes[context] += 1
    if not votes:
        return None
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def setting(words: Iterable[Token], context: Context, *, entry: EventEntry | None = None,
            future: bool = False) -> Setting:
    """The time, place, mode and context of the event expressed by ``words`` (its verb,
    its event noun, or both), with ``entry`` its line of the event lexicon.

    ``future`` says that the clause speaks of what is to come, for the time phrase.
    """
    tokens = sorted(set(words), key=lambda t: t.i)
    if not tokens:
        return Setting()
    anchors = {t.i for t in tokens}
    return Setting(
        when=_time(anchors, tokens, context, future),
        place=_place(tokens, context),
        mode=_mode(tokens, entry),
        # the clause's own cue words first; else what the lexicon's line says ("arrested":
        # legal, after PLOVER's table)
        context=_context(tokens) or (entry.context if entry is not None else None),
    )


def placed(statements: Iterable[Statement], found: Setting, *, code: str,
           intended: str | None, fact: Factuality, label: str,
           context: Context) -> Iterator[Statement]:
    """One event's statements with its setting and factuality.

    ``statements`` are coded ``intended or code``. When the event is announced and its
    announcement is another event (``intended``, see :func:`kg.extract.factuality.intent`:
    "will meet" is an agreement), each comes as it is and, beside it, the ``code`` event
    itself, marked planned (or hypothetical, when announced on a condition) and with the
    setting (the setting is the event's, not the
    announcement's). A fact gets the setting; anything else its factuality and ``label``.
    """
    for statement in statements:
        with_setting = replace(statement, when=found.when, place=found.place, mode=found.mode,
                               context=found.context)
        if intended and intended != code:
            yield statement
            yield replace(with_setting, relation=code, factuality=Factuality.PLANNED
                          if fact is Factuality.ASSERTED else fact)
        elif fact is Factuality.ASSERTED:
            remember(context, with_setting)  # for "the attack" later (kg.extract.recall)
            yield with_setting
        else:
            yield replace(with_setting, factuality=fact, label=label)
