"""Repairing the spans of named-entity mentions.

The small model's spans carry determiners, titles and possessives ("the", "President",
"'s"), swallow pieces of titles as names ("State" of "Secretary of State"), and glue
headline words onto names ("Putin Plan Hungary Summit"). These functions cut a span
back to the name it holds, or say that it holds none.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.lexicons import country_in_text, event_lexicon, lookup_country
from kg.resolve.wordlists import (
    DETERMINERS,
    fold,
    honorifics,
    known_given_names,
    occupations,
    org_heads,
    title_index,
    title_words,
)

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_KEEP_TITLE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Tags of words that open a sentence but never a name: "Regarding Ashodaya, …",
# "Following Trump's remarks" (a gerund or a preposition the model glues on)
_NEVER_NAME_START = frozenset({"VBG", "IN"})


def title_before(doc: Doc, end: int, start: int = 0,
                 plural: bool = False) -> tuple[int, str] | None:
    """The longest title that ends right before token ``end``: (its first token, text);
    with ``plural``, also a title in the plural, which titles each of several names.

    >>> from kg.nlp import load
    >>> doc = load()("US Secretary of State Marco Rubio spoke.")
    >>> title_before(doc, 4)
    (1, 'Secretary of State')
    >>> title_before(load()("Senators Kamala Harris and Elizabeth Warren"), 1, plural=True)
    (0, 'Senators')
    """
    if end <= start:
        return None
    last = doc[end - 1]
    # the plural names each of several ("Senators Kamala Harris and Elizabeth Warren")
    singular = None
    if plural and last.lower_.endswith("s"):  # a proper plural (NNPS) keeps its "s" in the lemma
        lemma = last.lemma_.lower()
        singular = lemma if lemma != last.lower_ else last.lower_[:-1]
    keys = dict.fromkeys(k for k in (last.lower_, singular) if k)
    for key in keys:
        for words in title_index().get(key, ()):
            first = end - len(words)
            if first >= start and all(doc[first + k].lower_ == w
                                      for k, w in enumerate(words[:-1])):
                return first, doc[first:end].text
    return None


def in_title(span: Span) -> bool:
    """Whether the whole span is a piece of a title written around it.

    "State" in "Secretary of State Marco Rubio" and "Police and Crime" in "Police and
    Crime Commissioner" are no names.
    """
    doc = span.doc
    sentence = span.sent
    for end in range(span.end, min(span.end + 3, sentence.end) + 1):
        found = title_before(doc, end, sentence.start)
        if found is not None and found[0] <= span.start:
            return True
    return False


def _is_title_start(doc: Doc, start: int, end: int) -> int:
    """How many tokens of a title begin at ``start`` (0 for none), leaving a name after."""
    best = 0
    for last in range(start, end - 1):
        found = title_before(doc, last + 1, start, plural=True)
        if found is not None and found[0] == start:
            best = last + 1 - start
    return best


def titled_names(doc: Doc) -> list[Span]:
    """Names after a title that the model tagged as no entity at all: "Queen Elizabeth II",
    "President Tokayev" — a run of proper nouns no entity covers, a title first and a
    capitalised name after it (the span is the name, labelled PERSON), unless the run
    names a thing of the noun it modifies ("the King Vapealot vape store").

    >>> from kg.nlp import load
    >>> [s.text for s in titled_names(load()("The United Kingdom's Queen Elizabeth II spoke."))]
    ['Elizabeth II']
    >>> titled_names(load()("He owns the King Vapealot vape store in Toowoomba."))
    []
    """
    # found once per paragraph: the resolver and the positions extractor both read them
    kept = doc.user_data.get(_TITLED)
    if kept is None:
        kept = doc.user_data[_TITLED] = tuple((s.start, s.end) for s in _titled_names(doc))
    return [Span(doc, start, end, label="PERSON") for start, end in kept]


_TITLED = "kg.titled_names"  # where titled_names() keeps its spans' bounds in user_data


def _titled_names(doc: Doc) -> list[Span]:
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end not in covered and doc[end].pos_ == "PROPN":
            end += 1
        title = _is_title_start(doc, i, end) if end > i else 0
        name = doc[i + title:end]
        if title and all(t.is_title or t.is_upper for t in name) \
                and not all(t.lower_ in title_words() | occupations() for t in name) \
                and lookup_country(name.text) is None \
                and not _modifies_a_noun(name):  # "Director General": one title
            found.append(Span(doc, name.start, name.end, label="PERSON"))
        i = max(end, i + 1)
    return found


def _modifies_a_noun(name: Span) -> bool:
    """Whether a name is a compound modifying a common noun after it: a shop's, a brand's."""
    head = name.root.head
    return name.root.dep_ == "compound" and head.i >= name.end and head.pos_ == "NOUN"


def _after_glued_organisation(doc: Doc, start: int, end: int) -> int:
    """Where a person's name starts after an organisation glued before it: "Ministry of
    Finance Brian Manning" → "Brian Manning" (a known given name after an organisation's
    head word, with a surname after it)."""
    for k in range(start + 2, end - 1):
        if fold(doc[k].text) in known_given_names() \
                and any(t.lower_ in org_heads() for t in doc[start:k]) \
                and doc[k + 1].is_title:
            return k
    return start


def _is_acronym(text: str) -> bool:
    """Three or more capitals ("NPR", "BBC"); two ("JD") may be a person's initials."""
    return len(text) >= 3 and text.isalpha() and text.isupper()


def clean_span(span: Span) -> Span | None:
    """Trim determiners, titles, honorifics, occupations, possessives and punctuation from
    an entity span, and a gerund or preposition glued before a name at the start of a
    sentence.

    >>> from kg.nlp import load
    >>> doc = load()("He met President Donald Trump's envoy.")
    >>> clean_span(doc[2:6]).text
    'Donald Trump'
    >>> doc = load()("the United Nations General Assembly")
    >>> clean_span(doc[:]).text
    'United Nations General Assembly'
    """
    doc = span.doc
    start, end = span.start, span.end
    bracket = next((t.i for t in span if t.text == "(" and t.i > start), None)
    if bracket is not None:  # "Organisation of Islamic Cooperation (OIC"
        end = bracket
    strip_titles = span.label_ not in _KEEP_TITLE_LABELS and doc[end - 1].lower_ not in org_heads()
    while start < end:
        token = doc[start]
        if end - start > 2 and _is_acronym(token.text) and token.whitespace_ \
                and (span.label_ == "PERSON" or fold(doc[start + 1].text) in known_given_names()):
            start += 1  # "told NPR Hamza bin Laden": the outlet glued to the name
            continue
        if token.lower_ in DETERMINERS or token.is_punct or token.lower_ in honorifics() \
                or (token.tag_ in _NEVER_NAME_START and end - start > 1) \
                or (token.lower_ in occupations() and end - start > 1
                    and span.label_ == "PERSON"):  # "Podcaster Spike Cohen"
            start += 1
            continue
        if strip_titles:
            skip = _is_title_start(doc, start, end)
            if not skip and end - start > 2 and country_in_text(token.text):
                # "US President Donald Trump": a country before a title goes with it
                after = start + 1 + (doc[start + 1].lower_ in _POSSESSIVE)
                skip = (after - start) + _is_title_start(doc, after, end) if after < end else 0
                if skip == after - start:
                    skip = 0
            if skip:
                start += skip
                continue
        break
    start = _after_glued_organisation(doc, start, end)
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in _POSSESSIVE):
        end -= 1
    return doc[start:end] if end > start else None


def with_given_names(span: Span) -> Span:
    """A person's span with the given names the model left out before it: "Hamza" of
    "Hamza bin Ladin" (spans "bin Ladin", which would join another bin Ladin).

    Only capitalised proper nouns outside any entity that modify the name, and no
    title, honorific or country.
    """
    doc, start = span.doc, span.start
    while start > span.sent.start:
        token = doc[start - 1]
        if token.ent_iob_ != "O" or token.pos_ != "PROPN" or not token.is_title \
                or token.dep_ != "compound" or not span.start <= token.head.i < span.end \
                or token.lower_ in title_words() or token.lower_ in honorifics() \
                or token.lower_ in occupations() or country_in_text(token.text) is not None:
            break
        start -= 1
    return span if start == span.start else Span(doc, start, span.end, label=span.label_)


def name_tokens(span: Span) -> tuple[str, ...]:
    """The folded words of a name, as clustering compares them."""
    return tuple(fold(span.text).split())


def split_coordination(span: Span) -> list[Span]:
    """The parts of a span that glues coordinated names ("Crete and Cyprus").

    A span that is one country name ("Bosnia and Herzegovina") stays whole; so does a
    span whose parts are not names of their own ("Police and Crime"), and an
    organisation's name whose head word only its last part has ("Law and Justice Party").
    """
    doc = span.doc
    cuts = [t.i for t in span if t.lower_ in ("and", "&") and t.pos_ == "CCONJ"]
    if not cuts or country_in_text(span.text) is not None:
        return [span]
    parts, begin = [], span.start
    for cut in cuts:
        parts.append(doc[begin:cut])
        begin = cut + 1
    parts.append(doc[begin:span.end])
    parts = [p for p in parts if len(p)]
    if len(parts) < 2 or not all(p[0].is_title or p[0].is_upper for p in parts):
        return [span]
    if parts[-1][-1].lower_ in org_heads() and any(
            not any(t.lower_ in org_heads() for t in p) for p in parts[:-1]):
        return [span]  # "Law and Justice Party", "Bill and Melinda Gates Foundation"
    return parts


def glued_name(span: Span, known: frozenset[tuple[str, ...]],
               common: frozenset[str]) -> Span:
    """The name at the start of a span that has headline words glued after it.

    ``known`` holds the folded words of names the article gives elsewhere, ``common``
    the lemmas the article uses as ordinary lower-case words. "Putin Plan Hungary
    Summit" becomes "Putin" when "Putin" is a known name and the rest holds a country
    or only common words.
    """
    words = name_tokens(span)
    if len(words) < 2 or words in known:
        return span
    for size in range(len(words) - 1, 0, -1):
        if words[:size] not in known:
            continue
        rest = span[size:]
        if any(country_in_text(t.text) for t in rest) or all(
                t.lower_ in common or t.lemma_.lower() in common or t.lower_ in event_lexicon()
                or not t.is_alpha for t in rest):
            return span[:size]
        break
    return span


def glued_before(span: Span, label: str, known: frozenset[tuple[str, ...]],
                 common: frozenset[str]) -> Span:
    """A name with a word glued before it cut off: in a person's span (``label``), a word
    the article writes in lower case ("Podcaster Spike Cohen", "Information Moammar
    al-Eryani" after "Minister of") before a name the article gives elsewhere or that
    opens with a known given name; in any, an acronym before a name the article gives
    elsewhere ("told NPR Hamza bin Laden").
    """
    words = name_tokens(span)
    if len(words) < 3:
        return span
    first = span[0]
    # the rest must be a person's name: given elsewhere, or opening with a given name
    named = words[1:] in known or words[1] in known_given_names()
    if label == "PERSON" and named and first.is_alpha \
            and fold(first.text) not in known_given_names() \
            and (first.lower_ in common or first.lemma_.lower() in common):
        return span[1:]  # but "Mark Van Dyke" in an article that "marked" something
    if _is_acronym(first.text) and words[1:] in known:
        return span[1:]
    return span


def hyphen_parts(span: Span) -> list[str]:
    """The parts of a hyphenated compound of names ("Trump-Putin"), or ``[]``."""
    text = span.text
    if len(span) > 3 or not any(d in text for d in "-\u2013\u2014"):
        return []
    for dash in "\u2013\u2014":
        text = text.replace(dash, "-")
    parts = [p.strip() for p in text.split("-")]
    return parts if len(parts) > 1 and all(p[:1].isupper() for p in parts) else []


def subject_role(token: Token) -> str:
    """``subj`` for the single subject of a clause, ``group`` for one of coordinated
    subjects, else ``other`` (climbing compound and apposition to the phrase's head)."""
    current = token
    for _ in range(6):
        if current.dep_ in ("compound", "appos", "flat") and current.head.i != current.i:
            current = current.head
            continue
        break
    if current.dep_ == "conj":
        first = current
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        return "group" if first.dep_ in ("nsubj", "nsubjpass") else "other"
    if current.dep_ in ("nsubj", "nsubjpass"):
        if any(c.dep_ == "conj" for c in current.children):
            return "group"
        return "subj"
    if current.dep_ == "pobj" and current.head.dep_ == "agent":
        return "subj"
    return "other"
