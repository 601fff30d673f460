"""Dependency labels and quotation patterns that extraction (:mod:`kg.extract`) and
resolution (:mod:`kg.resolve`) both read, defined once here so that where two readings
differ, the difference has a name.

>>> [m.group() for m in QUOTATION.finditer('He said "yes" and "no')]
['"yes"']
>>> [m.group() for m in OPEN_QUOTATION.finditer('He said "yes" and "no')]
['"yes"', '"no']
>>> [m.groups() for m in QUOTED_WORDS.finditer('“” and “Go home”')]
[('Go home', None)]
"""

from __future__ import annotations

import re

# The dependents by which a noun names the owner of the noun it modifies: a possessive
# ("Russia's president"), an adjective ("the Russian president"), a compound ("the US
# embassy"), a nominal modifier.
OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
# The same but the possessive, for a reader that takes a possessive owner first and on its
# own ("Trump's claim"), then the modifiers ("the Turkish demands").
OWNER_MODIFIER_DEPS = OWNER_DEPS - {"poss"}

# A quotation, closed, its marks included: which tokens stand inside quotation marks.
QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")
# A quotation whose closing mark may be missing: one left open runs to the end of the
# paragraph (news leaves a quotation open when the next paragraph goes on with it).
OPEN_QUOTATION = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
# A closed quotation with words in it, the words as group 1 (curly marks) or 2 (straight).
QUOTED_WORDS = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
