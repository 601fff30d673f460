"""The event-data exports read a SPARQL server as they read the embedded store: the same
sample built into ``oxigraph serve`` and Virtuoso 7 gives the same PLOVER records and
tables (the fixtures are test_remote_store's: real servers on loopback ports)."""

from __future__ import annotations

import io
import json

import pytest
from test_remote_store import embedded, remote, sample, server  # noqa: F401 (fixtures)

import kg
from kg.eventdata.events import count_asserted
from kg.graph.store import Store


def _lines(fmt: str, store: Store) -> list[str]:
    out = io.BytesIO()
    kg.export(fmt, out, store=store)
    return out.getvalue().decode("utf-8").splitlines()


def test_plover_records_are_the_same(remote: Store, embedded: Store) -> None:  # noqa: F811
    def records(store: Store) -> list[str]:
        # the builds ran apart: their coding dates may differ, nothing else
        found = [json.loads(line) for line in _lines("plover", store)]
        return sorted(json.dumps({**r, "coded_date": None}, sort_keys=True) for r in found)

    ours, theirs = records(remote), records(embedded)
    assert len(ours) == count_asserted(embedded) > 10
    assert ours == theirs


@pytest.mark.parametrize("fmt", ["polecat", "icews", "tkg"])
def test_tables_are_the_same(remote: Store, embedded: Store, fmt: str) -> None:  # noqa: F811
    ours, theirs = _lines(fmt, remote), _lines(fmt, embedded)
    assert len(ours) > 10 and ours[0] == theirs[0]  # the header first
    assert sorted(ours) == sorted(theirs)
