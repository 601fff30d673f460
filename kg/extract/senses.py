"""Which event a verb or an event noun expresses, read from the lexicons with the parse:
the most specific reading first — verb + preposition + object ("put on trial"), verb +
particle ("cut off"), verb + preposition ("call for"), a verb–object pattern ("lift
sanctions"), a light verb's event noun ("held talks"), the verb alone — and the senses
the lexicons cannot list: a directive ("urged X to …"), an invitation to meet (PLOVER
AGREE), a damning label ("called the deal 'null and void'"), a restriction removed
(CONCEDE), a denied acceptance (REJECT).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.syntax import SUBJECT_DEPS, conjuncts, prep_objects
from kg.extract.words import recipient_preps, words
from kg.lexicons import EventEntry, event_type, object_synonyms, quad_codes
from kg.records import Factuality
from kg.resolve.wordlists import title_index


@dataclass(frozen=True, slots=True)
class Event:
    """What a verb expresses: the lexicon entry and the word that triggered it."""

    entry: EventEntry
    trigger: Token
    extra_prep: str | None = None  # the preposition of a verb + preposition entry
    idiom_object: Token | None = None  # the object of a verb–object entry ("lift sanctions")

    @property
    def recipient_preps(self) -> frozenset[str]:
        preps = recipient_preps(self.entry.code)
        return preps | {self.extra_prep} if self.extra_prep else preps


def lemma_of(token: Token) -> str:
    """A token's lemma in lower case, as the lexicons key it."""
    return token.lemma_.lower()


def noun_event(noun: Token) -> EventEntry | None:
    """The event an event noun names ("talks", "a call for …", "strikes"), read with its
    compound or adjective first ("a hunger strike", "a general strike" protest; "air strikes"
    attack)."""
    for compound in (c for c in noun.lefts if c.dep_ in ("compound", "amod")
                     and c.i == noun.i - 1):
        entry = event_type(f"{_hyphenated(compound)} {lemma_of(noun)}", "NOUN")
        if entry:
            return entry
        if lemma_of(noun) in words("frame"):  # "a mediation effort", "a bombing campaign"
            entry = event_type(lemma_of(compound), "NOUN")
            if entry:
                return entry
    # the parser often hangs an object's preposition on the verb ("joined the calls | for
    # a ceasefire"); right after the noun it is still the noun's
    following = [c for c in noun.head.children if noun.dep_ == "dobj" and c.dep_ == "prep"
                 and c.i == noun.right_edge.i + 1]
    for prep in [*(c for c in noun.children if c.dep_ == "prep"), *following]:
        entry = event_type(f"{lemma_of(noun)} {prep.lower_}", "NOUN") or next(filter(None, (
            event_type(f"{lemma_of(noun)} {prep.lower_} {lemma_of(p)}", "NOUN")
            for p in prep.children if p.dep_ == "pobj")), None)  # "a state of emergency"
        if entry:
            return entry
    return event_type(lemma_of(noun), "NOUN")


def key_prep(entry: EventEntry, noun: Token) -> str | None:
    """The preposition an event noun's entry was read with ("disagreement with"), which
    introduces its recipient."""
    last = entry.lemma.rsplit(" ", 1)[-1]
    return last if " " in entry.lemma and last in {c.lower_ for c in noun.children} else None


def _hyphenated(token: Token) -> str:
    """A modifier's lemma with the words hyphenated to it ("counter-terrorism")."""
    start = token.i
    while start >= 2 and token.doc[start - 1].text == "-" \
            and not token.doc[start - 1].whitespace_ and not token.doc[start - 2].whitespace_:
        start -= 2
    return "".join(t.lower_ for t in token.doc[start:token.i]) + lemma_of(token)


def verb_event(verb: Token) -> Event | None:
    """The event a verb expresses, from the most specific reading of its dependents to the
    verb alone: verb + preposition + its object ("put on trial"), verb + particle + object
    ("set off explosives"), verb + particle + preposition ("hit out at"), verb + preposition
    ("call for"), verb + particle ("cut off"), a verb–object pattern ("lift sanctions",
    "staged a strike"), a light verb's event noun ("held talks"), the verb itself. The first
    reading the lexicon knows decides, also when it says the words are no event ("warned of
    consequences", "shot hoops")."""
    lemma = lemma_of(verb)
    # "demanded on Thursday": a preposition of time is no part of the verb's sense
    preps = [c for c in verb.children if c.dep_ == "prep" and not any(
        p.ent_type_ in ("DATE", "TIME") for p in c.children if p.dep_ == "pobj")]
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    # (key, the preposition that introduces the recipient, the object the key includes)
    readings: list[tuple[str, str | None, Token | None]] = [
        (f"{lemma} {prep.lower_} {lemma_of(pobj)}", None, None)
        for prep in preps for pobj in prep.children if pobj.dep_ == "pobj"]
    if particle:
        readings.extend((f"{lemma} {particle} {lemma_of(noun)}", None, noun) for noun in nouns)
        readings.extend((f"{lemma} {particle} {prep.lower_}", prep.lower_, None)
                        for prep in preps)  # "hit out at"
    readings.extend((f"{lemma} {prep.lower_}", prep.lower_, None) for prep in preps)
    if particle:
        readings.append((f"{lemma} {particle}", None, None))
    # "called for the killers to be brought to justice": "for" opens a clause, not a phrase
    readings.extend((f"{lemma} for", None, None) for clause in verb.children
                    if clause.dep_ in ("advcl", "ccomp") for mark in clause.children
                    if mark.dep_ == "mark" and mark.lower_ == "for")
    alone = event_type(lemma, "VERB")
    if lemma in words("dismissing") and any(
            n.ent_type_ == "PERSON" or lemma_of(n) in title_index() for n in nouns):
        return None  # "fired John Bolton", "fired his national security adviser"
    for key, extra_prep, idiom_object in readings:
        entry = event_type(key, "VERB")
        if entry is None or _outweighed(entry, alone):
            continue
        return Event(entry, verb, extra_prep, idiom_object) if entry.is_event else None
    if lemma in words("labelling") and _disparaged(verb):
        return Event(DISPARAGEMENT, verb)  # "called the agreement 'null and void'"
    if lemma in words("labelling") and any(c.dep_ == "oprd" for c in verb.children):
        return None  # "called the meeting a great success" labels it; it convenes nothing
    if lemma in words("inviting") and _to_meet(verb):
        return Event(INVITATION, verb)  # PLOVER: invitations to meet or visit are agreements
    light = lemma in words("light")
    for noun in nouns:
        entry = next(filter(None, (event_type(f"{lemma} {word}", "VERB")
                                   for word in object_words(noun))), None)
        own = noun_event(noun) if light else None
        if own is not None and own.is_event and not _renamed(entry, own, noun):
            # "held talks with", "a mediation effort", "had disagreements with"
            return Event(own, noun, key_prep(own, noun))
        if entry is not None and not _outweighed(entry, alone):
            return Event(entry, verb, idiom_object=noun) if entry.is_event else None
        if lemma in words("removing") and any(
                lemma_of(t) in words("restriction") for t in (noun, *noun.lefts)
                if t == noun or t.dep_ in ("compound", "amod")):
            # "cancelled restrictions", "scrapped the curfew": PLOVER's CONCEDE eases
            # administrative or legal restrictions and removes curfews
            return Event(RELAXATION, verb, idiom_object=noun)
    if lemma in words("directive") and _told_to_act(verb):
        return Event(DIRECTIVE, verb)  # "encouraged the CIA to release", "told them to leave"
    entry = alone
    if entry is None or not entry.is_event:
        return None
    if particle and not nouns:
        # "the network signed off", "backed down": a phrasal verb the lexicon doesn't know
        # changes the verb's sense when it takes no object ("beat up detainees" keeps it)
        return None
    if lemma in words("intransitive") and any(c.dep_ == "dobj" for c in verb.children):
        return None  # "demonstrated a screen", "rallied supporters"
    return Event(entry, verb)


DIRECTIVE = EventEntry("directive", "REQUEST", "VERB", None)
INVITATION = EventEntry("invitation", "AGREE", "VERB", None)
DISPARAGEMENT = EventEntry("disparagement", "ACCUSE", "VERB", "disapprove")
RELAXATION = EventEntry("relaxation", "CONCEDE", "VERB", None)


def _disparaged(verb: Token) -> bool:
    """Whether a verb of labelling gives its object a damning label: "called the agreement
    'null and void'", "characterised the attack as a serious violation", "described the
    sanctions as economic terrorism" (``damning`` words; CAMEO codes "call X a criminal")."""
    labels = [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
    labels += prep_objects(verb, ("as",))
    labels += [p for c in verb.children if c.dep_ == "dobj" for p in prep_objects(c, ("as",))]
    # "called Salman's admission a 'political maneuver'": the parser may read the label as
    # the object's apposition
    labels += [a for c in verb.children if c.dep_ == "dobj" for a in c.children
               if a.dep_ == "appos"]
    return damning_label(labels)


def damning_label(labels: list[Token]) -> bool:
    """Whether any of the labels given to a thing damns it (a ``damning`` word, in a label,
    its conjuncts or their adjectives: "'null and void'", "a serious violation")."""
    damning = words("damning")
    return any(w.lemma_.lower() in damning or w.lower_ in damning
               for label in labels for head in conjuncts(label)
               for w in (head, *(c for c in head.children if c.dep_ in ("amod", "conj"))))


def _to_meet(verb: Token) -> bool:
    """Whether an invitation is to a meeting or a visit: "invited Erdogan to visit",
    "invited the countries to dialogue", "invited Putin to Washington"."""
    for child in verb.children:
        if child.dep_ == "xcomp":
            event = verb_event(child)
            if event is not None and event.entry.code == "CONSULT":
                return True
        if child.dep_ == "prep" and child.lower_ in ("to", "for"):
            for pobj in (p for p in child.children if p.dep_ == "pobj"):
                entry = noun_event(pobj)
                if (entry is not None and entry.code == "CONSULT") or pobj.ent_type_ == "GPE":
                    return True
    return False
REFUSAL = EventEntry("refusal", "REJECT", "any", None)


def refusal(entry: EventEntry, trigger: Token, fact: Factuality) -> bool:
    """Whether a denied event is a refusal: to deny acceptance is to reject ("will not
    accept refugees", "did not accede to their demands", "failed to reach agreement").
    Other denied events stay denied events ("did not meet" is no rejection), and so does an
    acceptance not given yet ("have not yet agreed").

    >>> from kg import nlp
    >>> verb = nlp.load()("Syria will not accept refugees.")[3]
    >>> refusal(event_type("accept", "VERB"), verb, Factuality.NEGATED)
    True
    >>> refusal(event_type("accept", "VERB"), verb, Factuality.POSSIBLE)
    False
    """
    if any(c.lower_ == "yet" for c in (trigger.head if trigger.pos_ == "NOUN" else trigger)
           .children):
        return False  # "have not yet agreed", "has yet to accept": still open, not refused
    return (fact is Factuality.NEGATED and entry.code in _ACCEPTING
            and (lemma_of(trigger) in words("acceptance") or entry.lemma in words("acceptance")))


# the types of the acceptance words ("did not recognise" a state is SUPPORT denied)
_ACCEPTING = frozenset({"AGREE", "CONCEDE", "SUPPORT"})


def object_words(noun: Token) -> list[str]:
    """An object's lemma and the one the lexicons write it as ("ties" are "relations",
    "arms" — lemmatised "arm" — are "weapons": ``object_synonyms.tsv``); a measure is read
    with what it measures ("700 kg of medicine")."""
    lemma = lemma_of(noun)
    if lemma in words("measure"):  # "700 kg of medicine", "$50,000 worth of goods"
        measured = prep_objects(noun, ("of",))
        if measured:
            return [lemma, *object_words(measured[0])]
    synonym = object_synonyms().get(lemma)
    return [lemma, synonym] if synonym else [lemma]


def _renamed(pattern: EventEntry | None, own: EventEntry, noun: Token) -> bool:
    """Whether a light verb's pattern gives its bare event noun another sense: "staged a
    strike" protests where "a strike" attacks. A noun read with its compound ("a mediation
    effort") is more specific than any verb–object pattern of its head."""
    return (pattern is not None and pattern.code != own.code
            and own.lemma == lemma_of(noun))


def _outweighed(entry: EventEntry, alone: EventEntry | None) -> bool:
    """Whether kg's own sense of a verb outweighs a dictionary pattern of it: kg's lexicon is
    the authority for the verbs it lists ("negotiate with" is a negotiation, "disputed the
    claim" a rejection); the dictionary adds the verbs kg lacks, and may still say that a
    reading is no event ("warned of consequences")."""
    return entry.source == "cameo" and entry.is_event and alone is not None \
        and alone.source != "cameo"


def _told_to_act(verb: Token) -> bool:
    """Whether a verb tells someone to act: an object and a "to" infinitive after it
    ("encouraged the CIA to release"), or a clause in the mandative subjunctive, a bare
    verb with a subject and no auxiliary ("recommended the troops withdraw")."""
    told = any(c.dep_ in ("dobj", "dative") for c in verb.children) and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children)
    return told or any(
        c.dep_ == "ccomp" and c.tag_ == "VB"
        and any(a.dep_ in SUBJECT_DEPS for a in c.children)
        and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
        for c in verb.children)


_MODALS = frozenset({"would", "could", "might", "may", "should", "'d"})


def harmful(verb: Token) -> bool:
    """Whether a clause tells a material conflict done (PLOVER quad 4): its verb's event
    ("have attacked"), or the event noun it orders or carries out ("ordered the killing");
    not a denied or merely supposed one ("had not attacked", "would have died")."""
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS)
           for c in verb.children):
        return False
    event = verb_event(verb)
    entries = [event.entry] if event is not None else []
    entries += [noun_event(o) for o in verb.children if o.dep_ == "dobj"]
    return any(e is not None and e.is_event and quad_codes().get(e.code) == 4 for e in entries)
