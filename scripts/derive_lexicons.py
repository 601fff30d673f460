"""Derive kg's event and agent lexicons from the event-data community's public dictionaries.

    python scripts/derive_lexicons.py [--shared DIR]

Reads ``dictionaries/`` of the shared data folder (``../shared`` beside the repository by
default) and writes, under ``kg/data/derived/``:

``cameo_events.tsv``
    PETRARCH2's CAMEO verb dictionary (``petrarch2/CAMEO.2.0.txt``, MIT) read as
    dependency-parse patterns — a verb lemma, optionally with its particle, preposition,
    object head or preposition + object head ("call for", "lift sanction", "put on
    trial", "set off explosive") — each mapped through its CAMEO code to a PLOVER 2.0 event
    type, mode and context by PLOVER's ``CAMEO2PLOVER-2021.txt`` (CC BY-SA 4.0).
``country_words.tsv``
    the one-word names and demonyms of each country in PETRARCH2's country actors
    (``petrarch2/Phoenix.Countries.actors.txt``, MIT), with its ISO alpha-3 code.
``agents.tsv``
    PETRARCH2's generic agents (``petrarch2/Phoenix.agents.txt``, MIT): nouns for actors
    without a name ("police", "rebels", "officials") with their CAMEO agent sector, and
    the verb dictionary's military subjects (its ``&MILITARY`` and ``&AIRCRAFT`` synsets:
    "paratroopers", "helicopters", "drones").

Both outputs keep their sources' licences (the event table is CC BY-SA 4.0 because the
PLOVER table is) and say so in their headers. The decisions that the dictionaries leave
open are made here, once, in code that can be read:

* CAMEO 01 (public statements) codes no event; CAMEO 02 (appeals) is ``REQUEST``, since
  PLOVER 2.0 defines REQUEST as "all requests, demands, and orders"; CAMEO 19 and 20
  (fighting, mass violence) are ``ASSAULT``, as the manual's translation table says.
* Two codes follow kg's coding guidelines (``../shared/eval/GUIDELINES.md``) rather than
  the 2021 table: 057 (sign a formal agreement) is ``AGREE``, since the guidelines code an
  agreement or deal as AGREE where the table and the PLOVER 2.0 manual file signing under
  SUPPORT; 163 (impose an embargo, boycott or sanctions) is ``SANCTION``, where the table
  says COERCE though the manual's SANCTION covers sanctions.
* A pattern whose object is one word beats a pattern whose object phrase only ends in
  that word ("stage attack" is an assault though "stage mock attack" is an exercise);
  among patterns of the same kind, the PLOVER type most of them give wins, and a tie
  is left out (ambiguous).
* A pattern applies to the verb it was written for (its comment names it: "# RUSH"), not
  to every synonym of its block: the blocks are WordNet-wide, and "press (ON)" (advance)
  says nothing of "demand on". A pattern without such a comment applies to the block.
* Patterns that constrain the subject ("&MILITARY * ...") are not used: kg's actors come
  from the parse.

Run it again after the dictionaries change; the output is deterministic.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kg" / "data" / "derived"

# Words that follow a verb as a particle when nothing else does ("set off", "put down").
PARTICLES = frozenset({"up", "down", "out", "off", "away", "back", "over", "aside", "forward",
                       "in", "on", "around", "through", "together", "apart"})
# Function words that head no object ("a devil" is "devil").
ARTICLES = frozenset({"a", "an", "the", "of"})
# Synsets of the verb dictionary whose members are military actors.
MILITARY_SYNSETS = ("&MILITARY", "&AIRCRAFT")
# CAMEO cue categories that PLOVER 2.0 drops or merges, decided as the docstring says.
CUE_CATEGORY = {"01": None, "02": "REQUEST", "19": "ASSAULT", "20": "ASSAULT"}
# CAMEO codes whose PLOVER type kg's coding guidelines decide otherwise than the 2021 table
# (see the docstring): signing an agreement is the agreement; imposing sanctions is SANCTION.
CODE_TYPES = {"057": "AGREE", "163": "SANCTION"}


@dataclass(frozen=True)
class Plover:
    """A PLOVER event type with the mode and context the CAMEO table gives it."""

    type: str
    mode: str = ""
    context: str = ""


def read_plover_table(path: Path) -> dict[str, Plover]:
    """CAMEO code → PLOVER type, mode, context, from ``CAMEO2PLOVER-2021.txt``."""
    table: dict[str, Plover] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        code, rest = (part.strip() for part in line.split(":", 1))
        fields = [f.strip() for f in rest.split(",")]
        fields += [""] * (3 - len(fields))
        context = fields[2].replace(";", " ").split()
        table[code] = Plover(fields[0], fields[1].replace(" ", ""),
                             context[0] if context else "")
    return table


def plover_for(code: str, table: dict[str, Plover]) -> Plover | None:
    """The PLOVER coding of a CAMEO code: its own line, else its longest listed prefix, else
    its cue category as the docstring decides. ``None`` when the code is no event.

    >>> t = {"17": Plover("COERCE"), "173": Plover("COERCE", "arrest", "legal")}
    >>> plover_for("1731", t), plover_for("010", t)
    (Plover(type='COERCE', mode='arrest', context='legal'), None)
    """
    code = code.strip()
    if not code.isdigit() or len(code) < 2:
        return None
    for end in range(len(code), 2, -1):
        if code[:end] in CODE_TYPES:
            return replace(plover_for(code[:2], table) or Plover(""), type=CODE_TYPES[code[:end]],
                           mode="", context="")
    if code[:2] in CUE_CATEGORY:
        kind = CUE_CATEGORY[code[:2]]
        return Plover(kind) if kind else None
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
    return None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` → its phrases (lower case, words separated by spaces)."""
    synsets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = synsets.setdefault(line.rstrip("_").upper(), [])
        elif line.startswith("+") and current is not None:
            current.append(_words(line[1:]))
        elif not line:
            current = None
    return synsets


def _words(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


@dataclass(frozen=True)
class Pattern:
    """One verb pattern of the CAMEO dictionary, as parse slots."""

    particle: str = ""
    obj: str = ""  # the object phrase, or a synset name
    prep: str = ""
    pobj: str = ""  # the prepositional object phrase, or a synset name


_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s]+")


def parse_pattern(right: str) -> Pattern | None:
    """The slots of a pattern's right-hand side ("OFF &WEAPON", "(ON TRIAL)", "AID").

    >>> parse_pattern("OFF &WEAPON")
    Pattern(particle='off', obj='&WEAPON', prep='', pobj='')
    >>> parse_pattern("(FOR {HUMAN RIGHTS})")
    Pattern(particle='', obj='', prep='for', pobj='human rights')
    >>> parse_pattern("+ THAT $ WILL PULLOUT") is None
    True
    """
    parts = [p for p in _TOKEN.findall(right) if p not in ("$", "+", "^", "%")]
    particle = obj = prep = pobj = ""
    for index, part in enumerate(parts):
        if part.startswith("("):
            inner = [w for w in part.strip("()").split() if w not in ("$", "+", "^", "%")]
            if prep or not inner:
                break  # a second phrase narrows the first: its slots are enough
            prep = inner[0].lower()
            pobj = _phrase(inner[1:])
        elif index == 0 and part.lower() in PARTICLES:
            particle = part.lower()
        elif not obj and not prep:
            if part.startswith("{"):
                obj = _phrase(part.strip("{}").split())
            elif part.startswith("&"):
                obj = part.rstrip("_").upper()
            elif part.isalpha() or "-" in part or "_" in part:
                if part.lower() in ARTICLES:
                    continue
                obj = _words(part)
            else:
                return None
        else:
            return None  # words after the object: a clause, not a slot kg reads
    if not (particle or obj or prep):
        return None
    return Pattern(particle, obj, prep, pobj)


def _phrase(words: list[str]) -> str:
    if len(words) == 1 and words[0].startswith("&"):
        return words[0].rstrip("_").upper()
    words = [w.strip("{}") for w in words]
    return _words(" ".join(w for w in words if w and w.lower() not in ARTICLES and w.isascii()))


@dataclass
class Candidate:
    """A code a key got from one pattern; ``exact`` when the object was one word."""

    code: str
    exact: bool
    verb: str


def read_verbs(lines: list[str]) -> tuple[dict[str, str], list[tuple[list[str], str, str]]]:
    """The verbs with their default codes, and each block's patterns with their codes."""
    defaults: dict[str, str] = {}
    patterns: list[tuple[list[str], str, str]] = []  # (verbs of the block, right side, code)
    block_code = "---"
    verbs: list[str] = []
    started = False
    for raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if not started:
            continue
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        header = re.match(r"^---\s+(.*?)\s+\[([^\]]*)\]\s+---", raw)
        if header:
            block_code, verbs = header.group(2).strip(), []
            continue
        if not line.strip():
            continue
        if line.startswith("-"):
            found = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", line)
            if not found:
                continue
            body, code = found.group(1), found.group(2).strip()
            left, star, right = body.partition("*")
            if not star or left.strip() or right.startswith("*"):
                continue
            written = _words(comment.split("<")[0].split(",")[0]) if comment.strip() else ""
            written_for = [v for v in verbs if v == written]
            patterns.append((written_for or list(verbs), right.strip(), code))
            continue
        entry = re.match(r"^\+?([A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if not entry:
            continue
        verb = _words(entry.group(1))
        code = entry.group(3).strip("[]").strip() if entry.group(3) else block_code
        verbs.append(verb)
        if code and code != "---":
            defaults.setdefault(verb, code)
    return defaults, patterns


def first_code(code: str) -> str:
    """The source's event of a CAMEO code pair ("042:043" → "042"; ":173" → "173")."""
    parts = [p for p in code.split(":") if p.strip()]
    return parts[0].strip() if parts else "---"


class Lemmas:
    """Noun lemmas by spaCy's own lemmatizer, so that keys meet the parse's lemmas. The
    dictionaries write nouns in either number; only a word that looks plural is reduced
    (the lemmatizer would take "analysis" and "business" for plurals too)."""

    def __init__(self) -> None:
        from kg.nlp import load

        self.nlp = load()
        self.lemmatizer = self.nlp.get_pipe("lemmatizer")
        self.cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        if not word.endswith("s") or word.endswith(("ss", "is", "us", "ics")):
            return word
        if word not in self.cache:
            doc = Doc(self.nlp.vocab, words=[word])
            doc[0].pos_, doc[0].tag_ = "NOUN", "NNS"
            doc[0].set_morph("Number=Plur")
            self.cache[word] = self.lemmatizer(doc)[0].lemma_.lower()
        return self.cache[word]


def _heads(slot: str, synsets: dict[str, list[str]], lemma: Lemmas) -> list[tuple[str, bool]]:
    """The head lemmas a slot stands for, each with whether it is the whole phrase."""
    phrases = synsets.get(slot, []) if slot.startswith("&") else [slot]
    heads = []
    for phrase in phrases:
        words = phrase.split()
        if words and all(w.replace("-", "").replace("'", "").isalpha() for w in words):
            heads.append((lemma(words[-1]), len(words) == 1))
    return heads


def derive_events(dictionaries: Path, lemma: Lemmas) -> list[list[str]]:
    """The rows of ``cameo_events.tsv``: key, PLOVER type (or ``-``), mode, context,
    CAMEO code, the dictionary verb it was written under."""
    lines = (dictionaries / "petrarch2" / "CAMEO.2.0.txt").read_text(
        encoding="latin-1").splitlines()
    table = read_plover_table(dictionaries / "plover" / "CAMEO2PLOVER-2021.txt")
    synsets = read_synsets(lines)
    defaults, patterns = read_verbs(lines)
    candidates: dict[str, list[Candidate]] = defaultdict(list)
    for verb, code in defaults.items():
        key = " ".join(verb.split()[:2])
        candidates[key].append(Candidate(first_code(code), True, verb))
    for verbs, right, code in patterns:
        pattern = parse_pattern(right)
        if pattern is None:
            continue
        for verb in verbs:
            if len(verb.split()) > 1:
                continue  # a multi-word verb's patterns would need three slots
            for key, exact in _keys(verb, pattern, synsets, lemma):
                candidates[key].append(Candidate(first_code(code), exact, verb))
    chosen = {key: _choose(found, table) for key, found in candidates.items()}
    rows: list[list[str]] = []
    for key in sorted(chosen):
        if chosen[key] is None:
            continue
        code, coding, verb = chosen[key]
        kind = coding.type if coding else "-"
        words = key.split()
        if len(words) > 1:
            # a pattern that says what its verb says alone adds nothing (and would make
            # the object part of the verb instead of the event's recipient)
            alone = chosen.get(words[0])
            if kind == (alone[1].type if alone and alone[1] else "-"):
                continue
        rows.append([key, kind, coding.mode if coding else "",
                     coding.context if coding else "", code, verb])
    return rows


def _keys(verb: str, pattern: Pattern, synsets, lemma: Lemmas):
    """The lexicon keys of one pattern under one verb, with whether each is exact."""
    if pattern.prep:
        if pattern.pobj:
            for head, exact in _heads(pattern.pobj, synsets, lemma):
                yield f"{verb} {pattern.prep} {head}", exact
        elif not pattern.obj and not pattern.particle:
            yield f"{verb} {pattern.prep}", True
        return
    if pattern.obj:
        for head, exact in _heads(pattern.obj, synsets, lemma):
            yield (f"{verb} {pattern.particle} {head}" if pattern.particle
                   else f"{verb} {head}"), exact
    elif pattern.particle:
        yield f"{verb} {pattern.particle}", True


def _choose(found: list[Candidate], table) -> tuple[str, Plover | None, str] | None:
    """The coding a key gets from its candidates (see the module docstring)."""
    exact = [c for c in found if c.exact] or found
    votes: Counter[str] = Counter()
    first: dict[str, Candidate] = {}
    for candidate in exact:
        if candidate.code in ("---", ""):
            kind = "-"
        else:
            coding = plover_for(candidate.code, table)
            kind = coding.type if coding else "-"
        votes[kind] += 1
        first.setdefault(kind, candidate)
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    kind = ranked[0][0]
    candidate = first[kind]
    return candidate.code, (plover_for(candidate.code, table) if kind != "-" else None), \
        candidate.verb


def derive_agents(dictionaries: Path, lemma: Lemmas) -> list[list[str]]:
    """The rows of ``agents.tsv``: a generic actor's noun phrase (head lemma last) and its
    CAMEO agent code (the sector first: ``GOV``, ``MIL``, ``COP`` …)."""
    text = (dictionaries / "petrarch2" / "Phoenix.agents.txt").read_text(encoding="latin-1")
    substitutions: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        found = re.match(r"^!(\w+)!\s*=\s*(.*)$", line)
        if found:
            substitutions[found.group(1)] = [w.strip() for w in found.group(2).split(",")]
            continue
        entry = re.match(r"^([A-Z!][A-Z0-9_'!-]*)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", line)
        if not entry:
            continue
        code = entry.group(3).strip().strip("~")
        if not code:
            continue
        for phrase in _substituted(entry.group(1), substitutions):
            words = _words(phrase).split()
            if not words or not all(w.replace("-", "").isalpha() for w in words):
                continue
            key = " ".join([*words[:-1], lemma(words[-1])])
            rows.setdefault(key, code)
            plural = entry.group(2)
            for form in (plural.strip("{}").split() if plural else ()):
                more = _words(form).split()
                if more:
                    rows.setdefault(" ".join([*more[:-1], lemma(more[-1])]), code)
    # the verb dictionary's own military subjects ("&AIRCRAFT * ATTACKS"): units and
    # aircraft act for their armed forces
    verbs = (dictionaries / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="latin-1")
    synsets = read_synsets(verbs.splitlines())
    for name in MILITARY_SYNSETS:
        for phrase in synsets.get(name, []):
            words = phrase.split()
            if words and all(w.replace("-", "").isalpha() for w in words):
                rows.setdefault(" ".join([*words[:-1], lemma(words[-1])]), "MIL")
    return [[key, code] for key, code in sorted(rows.items())]


def derive_country_words(dictionaries: Path) -> list[list[str]]:
    """The rows of ``country_words.tsv``: each one-word name a country block of the actors
    dictionary lists (its demonyms among them: "LIBERIA_ [LBR] +LIBERIAN_") and the
    country's ISO alpha-3 code."""
    text = (dictionaries / "petrarch2" / "Phoenix.Countries.actors.txt").read_text(
        encoding="latin-1")
    rows: dict[str, str] = {}
    code = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        country = re.match(r"^([A-Z][A-Z_]*)\s+\[([A-Z]{3})\]\s*$", line)
        if country:
            code = country.group(2)
            rows.setdefault(_words(country.group(1)), code)
        elif line.startswith("+") and code:
            words = _words(line[1:])
            if words.isalpha():
                rows.setdefault(words, code)
        elif line.strip():
            code = None
    return [[word, code] for word, code in sorted(rows.items()) if " " not in word]


def _substituted(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    found = re.search(r"!(\w+)!", phrase)
    if not found:
        return [phrase]
    out = []
    for value in substitutions.get(found.group(1), []):
        out.extend(_substituted(phrase.replace(found.group(0), value, 1), substitutions))
    return out


EVENTS_HEADER = """\
# kg's event lexicon derived from public event-coding dictionaries. Do not edit: run
#   python scripts/derive_lexicons.py
# Sources: PETRARCH2's CAMEO verb dictionary (openeventdata/petrarch2, CAMEO.2.0.txt,
# MIT licence, (c) 2015 Open Event Data Alliance) and PLOVER's CAMEO-to-PLOVER table
# (openeventdata/PLOVER, CAMEO2PLOVER-2021.txt, CC BY-SA 4.0, (c) Open Event Data
# Alliance). This derived table is shared under CC BY-SA 4.0.
# Columns (tab-separated): key | PLOVER type ("-": not an event) | PLOVER mode |
#   PLOVER context | CAMEO code | the dictionary verb the pattern was written under.
# A key is a verb lemma, optionally followed by its particle or preposition, its object's
# head lemma, or a preposition and its object's head lemma ("call for", "lift sanction",
# "put on trial"). Corrections go in kg/data/event_overrides.tsv, with a reason.
"""

AGENTS_HEADER = """\
# Generic actors: nouns for parties that have no name. Do not edit: run
#   python scripts/derive_lexicons.py
# Source: PETRARCH2's agents dictionary (openeventdata/petrarch2, Phoenix.agents.txt,
# MIT licence, (c) 2014 Open Event Data Alliance).
# Columns (tab-separated): noun phrase (the head as a lemma, last) | CAMEO agent code (its
#   first three letters are the sector: GOV government, MIL military, COP police, REB
#   rebels, OPP opposition, CVL civilians, BUS business, MED media, JUD judiciary …).
"""


COUNTRY_WORDS_HEADER = """\
# One-word names of countries, their demonyms among them. Do not edit: run
#   python scripts/derive_lexicons.py
# Source: PETRARCH2's country actors dictionary (openeventdata/petrarch2,
# Phoenix.Countries.actors.txt, MIT licence, (c) Open Event Data Alliance).
# Columns (tab-separated): word (lower case) | ISO 3166-1 alpha-3 code.
"""


def write(path: Path, header: str, rows: list[list[str]]) -> None:
    """Write a table atomically (a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    temporary.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="The shared data folder (it holds dictionaries/).")
    args = parser.parse_args(argv)
    dictionaries = args.shared / "dictionaries"
    if not (dictionaries / "petrarch2" / "CAMEO.2.0.txt").is_file():
        print(f"error: no dictionaries at {dictionaries}", file=sys.stderr)
        return 2
    lemma = Lemmas()
    events = derive_events(dictionaries, lemma)
    write(OUT / "cameo_events.tsv", EVENTS_HEADER, events)
    agents = derive_agents(dictionaries, lemma)
    write(OUT / "agents.tsv", AGENTS_HEADER, agents)
    kinds = Counter(row[1] for row in events)
    counts = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    print(f"cameo_events.tsv: {len(events)} keys ({counts})")
    print(f"agents.tsv: {len(agents)} nouns")
    countries = derive_country_words(dictionaries)
    write(OUT / "country_words.tsv", COUNTRY_WORDS_HEADER, countries)
    print(f"country_words.tsv: {len(countries)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
