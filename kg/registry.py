"""Registries: names → implementations, loaded on first use (rdflib's plugin registry is the
model).

An entry is the object itself, or a ``"module:attribute"`` reference imported the first time
the name is looked up, so a registry can list what a slow or optional module provides
(matplotlib, httpx) without importing it, and a module can be registered by the module that
dispatches to it without the two importing each other. Adding a format or a store kind is
one module and one line.

>>> formats = Registry("format", {"upper": str.upper, "dumps": "json:dumps"})
>>> list(formats), formats["dumps"]([1])
(['upper', 'dumps'], '[1]')
>>> formats.register("lower", str.lower)
>>> formats["LOWER"]
Traceback (most recent call last):
...
KeyError: "unknown format 'LOWER' (choose from upper, dumps, lower)"
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Mapping[str, T], Generic[T]):
    """A read-only mapping of names to implementations that are imported when first looked
    up; :meth:`register` adds one. ``what`` names an entry in error messages."""

    def __init__(self, what: str, entries: Mapping[str, T | str] | None = None) -> None:
        self.what = what
        self._entries: dict[str, T | str] = dict(entries or {})

    def register(self, name: str, entry: T | str) -> None:
        """Add ``name`` (an object, or ``"module:attribute"`` imported on first use)."""
        self._entries[name] = entry

    def __getitem__(self, name: str) -> T:
        try:
            entry = self._entries[name]
        except KeyError:
            raise KeyError(f"unknown {self.what} {name!r} (choose from "
                           f"{', '.join(self._entries)})") from None
        if isinstance(entry, str):
            module, _, attribute = entry.partition(":")
            entry = getattr(importlib.import_module(module), attribute)
            self._entries[name] = entry
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __repr__(self) -> str:
        return f"Registry({self.what!r}, {list(self._entries)})"
