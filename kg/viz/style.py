"""How the network looks: shapes and colours of the entity types, colours and legend text of
the relation families, read from ``kg/viz/assets/style.json`` (the legend's order is the
file's). Which relations belong to a family, and which families there are, is the ontology's
to say (:func:`kg.graph.ontology.relation_families`); the file must give each of them a look.

>>> NODE_TYPES["Country"]
('diamond', '#f2a541', '#b8741a')
>>> FAMILY_STYLES["conflict"]
('Conflict', '#e03131', '#a61e1e')
"""

from __future__ import annotations

import json
from importlib import resources

from kg.graph.ontology import relation_families

STYLE_FILE = "assets/style.json"


def _load() -> dict:
    path = resources.files(__package__) / STYLE_FILE
    style = json.loads(path.read_text(encoding="utf-8"))
    missing = sorted(set(relation_families()) - set(style["families"]))
    if missing:
        raise ValueError(f"{path}: no look for the relation families {', '.join(missing)}")
    return style


_STYLE = _load()

NODE_TYPES: dict[str, tuple[str, str, str]] = {
    name: (look["shape"], look["fill"], look["border"])
    for name, look in _STYLE["node_types"].items()}
"""Entity type → (vis-network shape, fill colour, border colour), in legend order."""
TYPE_ALIASES: dict[str, str] = _STYLE["type_aliases"]
"""Other spellings of entity types (lower case) → the type drawn."""
FAMILY_STYLES: dict[str, tuple[str, str, str]] = {
    name: (look["legend"], look["edge"], look["label"])
    for name, look in _STYLE["families"].items()}
"""Relation family → (legend text, edge colour, edge label colour), in legend order."""
COMMUNITY_COLOURS: tuple[str, ...] = tuple(_STYLE["communities"])
"""Fill colours (``#rrggbb``) of the largest communities, when a page colours them; the
smaller ones stay grey."""
