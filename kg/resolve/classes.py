"""The class of each named entity of an article, a vote over all its mentions: the model's
labels, a title or honorific before a name, a given name, PETRARCH2's actor dictionaries,
the head word of an organisation's or a place's name, a class noun beside the name, signs
that only people show; then Person taken back from a name that nothing shows to be one."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from kg.lexicons import lookup_country, speech_verbs
from kg.nlp.grammar import OWNER_DEPS
from kg.resolve.mentions import UNDECIDED, Cluster, Mention
from kg.resolve.names import could_be_a_name, unbracketed
from kg.resolve.spans import title_before
from kg.resolve.wordlists import (
    fold,
    honorifics,
    known_given_names,
    known_organisations,
    known_people,
    known_places,
    member_nouns,
    name_particles,
    occupations,
    org_heads,
    party_roles,
    person_verbs,
    place_heads,
    styles,
    thing_nouns,
)

# Prepositions that put a name in a place, and how strongly.
_PLACE_PREPOSITIONS = {"in": 2, "near": 2, "at": 1, "from": 1, "to": 1, "into": 1, "across": 1}
_INITIALS = re.compile(r"(?:[a-z]\.){1,3}")  # "c.l." of "C.L. Gammon", folded


def vote(clusters: list[Cluster], paragraphs: list[tuple[int, Doc]],
         indexes: dict[int, dict[int, Mention]], common: frozenset[str],
         surfaces: dict[int, Counter[str]]) -> None:
    """Set the class of each undecided cluster, from all of its mentions (``indexes``: each
    paragraph's mentions by token; ``common``: the words the article writes in lower case;
    ``surfaces``: how often each form names each cluster, to choose its name)."""
    # first words of the full names the model tags PERSON, each with the clusters
    # it starts: a name's own first word is no evidence for it
    first_names: dict[str, set[int]] = defaultdict(set)
    for c in clusters:
        if c.type == UNDECIDED and c.votes["PERSON"] and c.forms and len(c.forms[0]) > 1:
            first_names[c.forms[0][0]].add(id(c))
    person_mentions = {id(m) for index in indexes.values() for m in index.values()
                       if m.label == "PERSON"}
    evidence: dict[int, Counter[str]] = defaultdict(Counter)
    for offset, doc in paragraphs:
        seen: set[int] = set()
        for mention in indexes[offset].values():
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
                mention.cluster.aliases.add(unbracketed(doc[titled[0]:mention.end].text))
            if before is not None and before.lower_ in honorifics():
                votes["Person"] += 3
            if before is not None and before.lower_ in occupations():
                votes["Cue"] += 1  # "activist Adam Kokesh"
            root = mention.span.root
            votes["Cue"] += _person_cues(mention.span)
            if len(mention.words) > 1 and not any(w in common for w in mention.words) \
                    and any(c.dep_ == "poss" and c.ent_type_ == "ORG" for c in root.children):
                # a party's own ("Labour's Keir Starmer"); not "the party's National
                # Convention", a common noun's, nor "Iran's Qom Province", a place's
                votes["Cue"] += 1
            if root.dep_ == "nsubj" and root.head.lemma_.lower() in speech_verbs():
                votes["Speech"] += 1
            if _classed_as_thing(mention.span):
                votes["Thing"] += 1
            if root.dep_ in OWNER_DEPS and root.head.lemma_.lower() in member_nouns():
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
            index = indexes[offset]
            if any(id(index[n.i]) in person_mentions for n in neighbours if n.i in index
                   and index[n.i] is not mention):
                votes["Person"] += 1
    for cluster in clusters:
        if cluster.type != UNDECIDED or not cluster.forms:
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
                                      and longest[0] in common)
        # groups speak too ("Politico reported", "the United Nations said"): speech is
        # a sign only for a full name whose first word is no common word
        cluster.speaks = speaks and len(longest) > 1 and not doubtful \
            and longest[0] not in known_given_names() | common \
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


def settle(clusters: list[Cluster]) -> None:
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
    for cluster in clusters:
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
