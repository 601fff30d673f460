"""Events named by nouns: "Russia's missile strikes on Ukrainian cities", "Putin's call
with Trump", "the Trump–Putin meeting", "the agreement between Turkey and Libya".

An event noun from the lexicon needs an actor of its own — a possessor ("Putin's
call"), a "by" phrase, entities in its premodifiers ("Russian strikes", "the
Trump–Putin call", "an Israeli–Cypriot–Greek effort"), or the subject of the clause it
accompanies ("went on hunger strike in protest of …") — and a second party: a
recipient in a prepositional phrase ("with Trump", "on Ukrainian cities"), a party
named beside a possessor ("Zelensky's White House visit"), or the other members of a
group ("between Turkey and Libya", "Trump–Putin"). A group's members act with each
other (pairwise). Nouns carried by a light verb ("held talks with") are read with their
clause. Nouns inside a quotation are not read. Nouns that are negated ("no talks"),
merely possible ("a possible arbitration") or under an unasserted clause are events with
that factuality, not facts; a planned meeting ("the planned Trump–Putin meeting") is an
agreement (``AGREE``) and a ``CONSULT`` marked planned. The time, place and mode attached
to the noun ("Thursday's call", "the summit in Budapest", "a phone call") go with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import actor
from kg.extract.agents import TYPE as AGENT_TYPE
from kg.extract.base import Context, once
from kg.extract.components import register
from kg.extract.factuality import factuality, intent, noun_factuality, planned
from kg.extract.groups import remember_group
from kg.extract.parties import Party, governing, parties
from kg.extract.recall import definite, remember_unattributed
from kg.extract.senses import key_prep, lemma_of, noun_event
from kg.extract.setting import placed, setting
from kg.extract.syntax import SUBJECT_DEPS, conjuncts, prep_objects, quoted
from kg.extract.words import recipient_preps, words
from kg.lexicons import EventEntry
from kg.records import Argument, Factuality, Statement

NAME = "events"
_GROUP_CODES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_DASHES = frozenset({"-", "–", "—", "‐"})


def _modifiers(noun: Token) -> list[Token]:
    """Premodifiers of the noun that may name parties, through chains of compounds and
    coordination ("Greek, Cypriot and French counterparts", "Trump–Putin meeting")."""
    found: list[Token] = []
    stack = [c for c in noun.lefts if c.dep_ in _MODIFIER_DEPS]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children
                     if c.dep_ in _MODIFIER_DEPS | {"conj"} and c.i < noun.i)
    return sorted(found, key=lambda t: t.i)


def _word(token: Token, context: Context) -> Argument | None:
    """The entity one word names, even inside a hyphenated name ("Trump-Putin"); an
    organisation whose own name has a hyphen stays itself ("Al-Qaeda")."""
    found = context.resolve(token)
    if found is not None and not any(d in found.text for d in _DASHES):
        return found
    word = context.resolve_word(token)
    if word is None and found is not None and found.type == "Organisation":
        return found
    return word


def _modifier_parties(noun: Token, context: Context) -> list[Argument]:
    seen: dict[str, Argument] = {}
    for token in _modifiers(noun):
        if token.dep_ == "poss" or token.lower_ in words("planned") | words("unreal"):
            continue
        found = _word(token, context)
        if found is not None and found.type not in (None, "Place"):
            seen.setdefault(found.name, found)
    return list(seen.values())


def _impact_objects(noun: Token) -> list[Token]:
    """What an event noun that is the subject of a verb of impact hits: "Turkish airstrikes
    hit Ain Issa", "a US drone strike killed the commander"."""
    if noun.dep_ != "nsubj" or noun.head.lemma_.lower() not in words("impact"):
        return []
    return [c for c in noun.head.children if c.dep_ == "dobj"]


def _undergone(noun: Token) -> list[Token]:
    """Who undergoes an event noun that a passive clause says they underwent: "Soleimani was
    killed in a US drone strike", "two soldiers were wounded by an Israeli airstrike"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "by"):
        return []
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def _hung_by(noun: Token) -> list[Token]:
    """The "by" the parser hangs on an active verb right after its object event noun's
    phrase: "supported his murder inside the consulate | by Saudi agents" (an active verb
    has no agent of its own, so the "by" is the noun's)."""
    verb = noun.head
    if noun.dep_ != "dobj" or not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    return [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "by"
            and prep.i == noun.right_edge.i + 1 for p in prep.children if p.dep_ == "pobj"]


def _targeted(noun: Token) -> list[Token]:
    """Who an event noun was aimed at when a clause says they were its target: "Abqaiq was
    the target of an Al-Qaeda suicide attack" (``target`` words: target, victim)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or lemma_of(prep.head) not in words("target"):
        return []
    role = prep.head
    if role.dep_ != "attr" or role.head.lemma_ != "be":
        return []
    return [c for c in role.head.children if c.dep_ == "nsubj"]


def _carried(noun: Token) -> bool:
    """Whether a light verb's clause reads this noun ("held talks with …")."""
    head = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or head.pos_ not in ("VERB", "AUX"):
        return False
    if head.lemma_.lower() not in words("light"):
        return False
    return bool(actor(head).tokens)


def _governing_verb(noun: Token) -> tuple[Token | None, str]:
    current, via = noun, noun.dep_
    for _ in range(6):
        head = current.head
        if head == current:
            return None, via
        if head.pos_ in ("VERB", "AUX"):
            return head, current.dep_
        if current.dep_ not in ("pobj", "prep", "conj", "appos", "compound", "dobj"):
            return None, via
        current = head
    return None, via


def _factuality(noun: Token) -> Factuality:
    """The noun's own word on it ("no talks"), else that of the clause governing it."""
    own = noun_factuality(noun)
    if own is not Factuality.ASSERTED:
        return own
    if noun.dep_ == "pobj" and noun.head.lower_ in ("without", "instead"):
        return Factuality.NEGATED
    verb, via = _governing_verb(noun)
    if verb is None or via in ("nsubj", "nsubjpass"):
        return Factuality.ASSERTED
    if verb.lemma_.lower() in words("repudiating"):
        return Factuality.NEGATED  # "reneged on his commitment", "violated the ceasefire"
    return factuality(verb)


@register(NAME)
def extract(doc: Doc, context: Context) -> Iterator[Statement]:
    """Event nouns of a parsed paragraph with their parties."""
    yield from once(_noun_events(doc, context))


def _noun_events(doc: Doc, context: Context) -> Iterator[Statement]:
    inside = quoted(doc)
    for sentence in doc.sents:
        for noun in sentence:
            if noun.pos_ not in ("NOUN", "PROPN") or noun.i in inside:
                continue
            entry = noun_event(noun)
            if entry is not None and not _carried(noun):
                yield from _read_with_setting(noun, entry, sentence, context)


def _read_with_setting(noun: Token, entry: EventEntry, sentence: Span,
                       context: Context) -> Iterator[Statement]:
    """The noun's events with its factuality and setting; an announced event is the
    intent it expresses and, beside it, the event marked planned (as for verbs)."""
    fact = _factuality(noun)
    future = planned(noun)
    intended = intent(entry.code) if future and fact is Factuality.ASSERTED else None
    found = setting({noun}, context, entry=entry, future=future)
    statements = _read(noun, entry, sentence, context, intended or entry.code,
                       asserted=fact is Factuality.ASSERTED and not future)
    yield from placed(statements, found,
                      code=entry.code, intended=intended, fact=fact, label=_noun_phrase(noun),
                      context=context)


def _noun_phrase(noun: Token) -> str:
    """The event noun with the words that deny or doubt it ("no talks", "possible summit")."""
    words_ = [c for c in noun.lefts if c.dep_ in ("det", "amod", "neg")] + [noun]
    return " ".join(t.text for t in words_)


def _read(noun: Token, entry: EventEntry, sentence: Span, context: Context, code: str,
          asserted: bool = False) -> Iterator[Statement]:
    preps = set(recipient_preps(entry.code)) | {key_prep(entry, noun)} - {None}
    if any(c.dep_ == "poss" for c in noun.children) or prep_objects(noun, {"by"}):
        preps.add("of")  # with its actor named, "of" names the recipient: "Russia's
        # invasion of Ukraine", "the murder of Khashoggi by Saudi agents"
    recipients = [p for t in prep_objects(noun, preps) for p in parties(t, context, owners=True)]
    recipients += [p for t in _impact_objects(noun) for p in parties(t, context, owners=True)]
    recipients += [p for t in _undergone(noun) + _targeted(noun) for p in parties(t, context)]
    # "the agreement between A and B", "memoranda of understanding between A and B"
    holders = [noun, *(t for t in prep_objects(noun, {"of"}) if not parties(t, context))]
    between = [p.argument for h in holders for t in prep_objects(h, {"between"})
               for member in conjuncts(t) for p in parties(member, context)]
    possessors = [p.argument for c in noun.children if c.dep_ == "poss"
                  for p in parties(c, context)]
    by = [p.argument for t in prep_objects(noun, {"by"}) + _hung_by(noun)
          for p in parties(t, context)]
    if lemma_of(noun) in words("suffered") and possessors and all(
            a.type == "Person" for a in possessors):
        # "Khashoggi's killing", "his murder by Saudi agents": a person's is the victim
        recipients += [Party(a) for a in possessors]
        possessors = []
    modifiers = _modifier_parties(noun, context)

    if code.lower() not in words("place_recipient"):
        recipients = [p for p in recipients if p.argument.type != "Place"]
    agents = possessors or by
    answering = _answering(noun, context)
    if answering:  # "returned at Iraq's request", "at the invitation of President Tokayev"
        agents = agents or [p.argument for t in prep_objects(noun, {"of"})
                            for p in parties(t, context)]
        recipients = [Party(a) for a in answering]
    elif not agents and not modifiers:
        agents = _clause_agents(noun, context)  # "staged a hunger strike in protest of …"
    responders = _responders(noun, context)
    if responders:  # "complied with the request of Johnson": the request was made of her
        agents = agents or [p.argument for t in prep_objects(noun, {"of"})
                            for p in parties(t, context)]
        recipients = [Party(a) for a in responders]
    if agents:
        recipients += [Party(m) for m in modifiers]
        confidence = 0.65
    elif len(modifiers) == 1 and recipients:
        agents, confidence = modifiers, 0.6
    else:
        group = _unique(between + modifiers)
        if len(group) >= 2 and (code in _GROUP_CODES or entry.mode == "joint"):
            remember_group(context, noun, group)
            for first, second in combinations(group, 2):
                yield _statement(context, sentence, code, first, second, 0.6)
            return
        if not modifiers and not between:
            if asserted and code == "PROTEST" == entry.code:
                yield from _unnamed_protest(noun, recipients, sentence, context)
            if asserted and code == "ASSAULT" and entry.code == "ASSAULT":
                # "an attack on oil infrastructure in Saudi Arabia": kept for who claims it
                # (what it struck by its own words, not who underwent the clause around it)
                targets = prep_objects(noun, preps)
                struck = [p for t in targets for p in parties(t, context, owners=True)] or [
                    p for holder in (noun, *targets) for t in prep_objects(holder, {"in"})
                    for p in parties(t, context)]  # "an attack on a power plant in Ukraine"
                for party in struck:
                    remember_unattributed(context, context.offset + sentence.start_char,
                                          code, party.argument)
            return
        agents, confidence = (modifiers or between), 0.55
        if not recipients:
            return
    if entry.mode == "joint":
        return
    agent_names = {a.name for a in agents}
    for agent in agents:
        for party in recipients:
            if party.argument.name not in agent_names:
                yield _statement(context, sentence, code, agent, party.argument,
                                 confidence - 0.1 * (not party.direct))


def _clause_agents(noun: Token, context: Context) -> list[Argument]:
    """The actors of the clause an event noun accompanies ("marched in protest of the
    ruling", "spoke during talks with Putin"): the noun is the subject's own act."""
    return _clause_actors(noun, context, words("accompanying"))


def _answering(noun: Token, context: Context) -> list[Argument]:
    """Who acts at an event noun's bidding: "returned at the Iraqi government's request",
    "came at the invitation of the Government of Iraq" (the clause's actor answers it)."""
    return _clause_actors(noun, context, {"at", "upon"})


def _responders(noun: Token, context: Context) -> list[Argument]:
    """Who answers a verbal act made of them: the actors of the verb of response that takes
    the event noun ("rejected the demand of …", "will comply with the request of …"); a
    material act ("accepted the release of prisoners") is no act made of them."""
    entry = noun_event(noun)
    if entry is None or entry.is_material:
        return []
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "pobj") or lemma_of(verb) not in words("responding"):
        return []
    if noun.dep_ == "pobj" and noun.head.head != verb:
        return []
    found = actor(verb)
    if found.how not in ("active", "inherited"):
        return []
    return _unique([p.argument for t in found.tokens for p in parties(t, context)])


def _clause_actors(noun: Token, context: Context, preps: Iterable[str]) -> list[Argument]:
    """The actors of the verb an event noun hangs on through one of ``preps``."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in preps or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    found = actor(prep.head)
    if found.how not in ("active", "inherited"):
        return []
    return _unique([p.argument for t in found.tokens for p in parties(t, context)])


def _unique(arguments: list[Argument]) -> list[Argument]:
    seen: dict[str, Argument] = {}
    for argument in arguments:
        seen.setdefault(argument.name, argument)
    return list(seen.values())


def _unnamed_protest(noun: Token, recipients: list[Party], sentence: Span,
                     context: Context) -> Iterator[Statement]:
    """A protest told without who protests is protesters' (CAMEO's generic protester):
    "anti-government protests continue in Baghdad" are protesters' against the government
    of the place; "protests against the bill" are against the bill's owners. Not a protest
    named again ("the rally"), one a verb's clause tells ("lodged a protest with Albania"),
    one whose doers are named ("protests by Muslim groups"), nor a denied one ("protests
    are not reported in Mosul"), nor the circumstance of another act."""
    if lemma_of(noun) not in words("protesting") or noun.pos_ == "PROPN":
        return  # "an election rally" is no protest, "Capitol Hill Organized Protest" a name
    told_again = definite(noun)
    first = noun
    while first.dep_ == "conj":  # "stances against socialism and protests"
        first = first.head
    denied = first.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "neg" for c in first.head.children)
    # the circumstance of another act ("killed in ethnic riots") is no protest told
    circumstance = first.dep_ == "pobj" and first.head.head.pos_ in ("VERB", "AUX")
    if told_again or denied or circumstance or first.dep_ == "dobj" \
            or prep_objects(noun, {"by"}):
        return
    begin = context.offset + noun.idx
    protesters = Argument(noun.text, begin, begin + len(noun.text), "protesters", AGENT_TYPE)
    against = [p.argument for p in recipients]
    premodifiers = noun.doc[noun.left_edge.i:noun.i].text.lower().replace(" ", "")
    if not against and "anti-government" in premodifiers:
        # where it is: its own "in", or its clause's ("protests continue in Baghdad")
        holders = [noun, noun.head] if noun.dep_ == "nsubj" else [noun]
        against = [government for h in holders for t in prep_objects(h, {"in"})
                   for p in parties(t, context)
                   if (government := governing(p.argument)).type == "Country"]
    for recipient in against or [None]:
        yield Statement(subject=protesters, relation="PROTEST", object=recipient,
                        evidence=context.evidence(sentence, 0.5, NAME))


def _statement(context: Context, sentence: Span, relation: str, subject: Argument,
               obj: Argument, confidence: float) -> Statement:
    return Statement(subject=subject, relation=relation, object=obj,
                     evidence=context.evidence(sentence, confidence, NAME))
