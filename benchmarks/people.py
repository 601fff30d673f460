"""List a store's most mentioned people and flag the ones that may be wrong.

    python benchmarks/people.py --store DIR [--limit 200] [-o FILE]

Prints the ``--limit`` most mentioned Person entities (rank, mentions, articles, name)
and, for each, what looks suspect, so that the check "among the 200 most mentioned
people none is not a person and no two are the same person; no alias names someone
else" (issue 18) can be repeated on any store:

``no-evidence``
    nothing in the store shows a person: no titled form ("President Trump"), no post
    held, no given name known to PETRARCH2's people or shared with another listed
    person, no name particle ("bin"), not a dictionary person.
``one-word``
    named by one word only.
``thing-like``
    named like no person: a lower-case word, a digit, a slash; an organisation's or a
    thing's head word last; a dictionary organisation or place.
``surname=A|B``
    shares the last word with other listed people (the same person split, or two
    people a surname-only mention could join wrongly).
``alias=X``
    an alias of several words that is not a form of the name: a name stated to be the
    person's too ("the ring name Brodie Lee"), or one that names someone else.
``other=X``
    such an alias that is also the name of another person of the store: it names
    someone else.

The exit code is 0, whatever is flagged: this lists, it does not judge.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from kg.files import atomic_output
from kg.graph.store import Store
from kg.queries import run_query
from kg.queries.entity import EntityRow, entity_table
from kg.resolve.corpus import title_of
from kg.resolve.names import could_be_a_name, short_given
from kg.resolve.wordlists import (
    fold,
    known_given_names,
    known_organisations,
    known_people,
    known_places,
    name_particles,
    org_heads,
    styles,
    thing_nouns,
    title_words,
)

_HELD = """
SELECT DISTINCT ?e WHERE { GRAPH ?g { ?s a dip:PositionHolding ; dip:subject ?e } }
"""


def _in_order(short: list[str], long: list[str]) -> bool:
    """Whether the words of ``short`` stand in ``long`` in the same order."""
    rest = iter(long)
    return all(word in rest for word in short)


def _form_of(alias: str, name: str) -> bool:
    """Whether ``alias`` is a form of ``name``: bar titles and initials, one's words
    stand in the other in order ("Brian T. Carroll" of "Brian Carroll", "President
    Trump" of "Donald Trump"; not "Prince Charles" of "Charles Kennedy").

    >>> _form_of("Brian T. Carroll", "Brian Carroll"), _form_of("President Trump", "Donald Trump")
    (True, True)
    >>> _form_of("Robert Gabriel Mugabe", "Robert Mugabe")
    True
    >>> _form_of("Mitch Stoltz", "Mitchell Stoltz")
    True
    >>> _form_of("Prince Charles", "Charles Kennedy")
    False
    >>> _form_of("Hong Kong Carrie Lam", "Carrie Lam")
    False
    """
    def words(text: str) -> list[str]:
        return [w for w in fold(text).split()
                if w not in title_words() and len(w.rstrip(".")) > 1]
    own, other = words(name), words(alias)
    if not own or not other:
        return True
    if len(own) == len(other) and own[1:] == other[1:] and short_given(own[0], other[0]):
        return True  # "Mitch Stoltz" of "Mitchell Stoltz"
    if len(other) == 1 and fold(alias).split()[0] in styles() - set(fold(name).split()):
        return False  # a style and one name is the styled person: "Prince Charles"
    return _in_order(other, own) or (  # middle names more: "Robert Gabriel Mugabe"
        _in_order(own, other) and other[0] == own[0] and other[-1] == own[-1])


def flags(row: EntityRow, given: frozenset[str], held: set[str],
          surnames: dict[str, list[str]], names: frozenset[str] = frozenset()) -> list[str]:
    """What looks suspect about one person of the list."""
    words = fold(row.name).split()
    found: list[str] = []
    titled = any(title_of(a, row.name) for a in row.aliases)
    evidence = titled or row.iri in held or words[0] in given \
        or any(w in name_particles() for w in words[1:-1]) or " ".join(words) in known_people()
    if not evidence:
        found.append("no-evidence")
    if len(words) == 1:
        found.append("one-word")
    folded = " ".join(words)
    if not could_be_a_name(row.name) or any(c.isdigit() for c in row.name) \
            or words[-1] in org_heads() | thing_nouns() \
            or folded in known_organisations() or folded in known_places():
        found.append("thing-like")
    others = [n for n in surnames[words[-1]] if n != row.name]
    if others:
        found.append("surname=" + "|".join(others))
    unlike = [a for a in row.aliases if len(a.split()) > 1 and not _form_of(a, row.name)]
    found += [f"{'other' if fold(a) in names else 'alias'}={a}" for a in unlike]
    return found


def report(store: Store, limit: int) -> str:
    """The table of the ``limit`` most mentioned people with their flags, and a summary."""
    people = entity_table(store, type_="Person")
    top = people[:limit] if limit else people
    held = {str(r["e"]) for r in run_query(store, _HELD).rows}
    firsts = [fold(row.name).split()[0] for row in top if len(row.name.split()) > 1]
    given = known_given_names() | {w for w in firsts if firsts.count(w) > 1}
    names = frozenset(fold(row.name) for row in people)  # every person's, not only the top
    surnames: dict[str, list[str]] = defaultdict(list)
    for row in top:
        surnames[fold(row.name).split()[-1]].append(row.name)
    lines = [f"{'rank':>4} {'mentions':>8} {'articles':>8}  name  [flags]"]
    counts: dict[str, int] = defaultdict(int)
    for rank, row in enumerate(top, 1):
        found = flags(row, given, held, surnames, names)
        for flag in found:
            counts[flag.split("=")[0]] += 1
        lines.append(f"{rank:>4} {row.mentions:>8} {row.articles:>8}  {row.name}"
                     + (f"  [{'; '.join(found)}]" if found else ""))
    lines.append(f"{len(top)} people listed of {len(people)}; flagged: "
                 + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", "-s", type=Path, required=True, help="The store (a folder).")
    parser.add_argument("--limit", type=int, default=200, help="How many people; 0 = all.")
    parser.add_argument("-o", "--output", type=Path, help="Write the list here too.")
    args = parser.parse_args(argv)
    if not args.store.is_dir():
        print(f"error: {args.store}: no store there", file=sys.stderr)
        return 2
    text = report(Store(args.store), args.limit)
    sys.stdout.write(text)
    if args.output:
        with atomic_output(args.output) as out:
            out.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
