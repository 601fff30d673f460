"""The parties a noun phrase names (kg.extract.parties), on real sentences."""

from __future__ import annotations

from .reading import events


def test_a_thing_made_between_parties_stands_for_them() -> None:
    found = events("Egypt denounced the memoranda of understanding between Turkey and Libya.")
    assert {("Egypt", "ACCUSE", "Turkey"), ("Egypt", "ACCUSE", "Libya")} <= found
    assert ("Egypt", "REJECT", "Libya") in events(
        "Egypt rejected the deal between Turkey and Libya.")
    # one meets people, not the parties of a deal that is talked about
    assert not any(s == "Egypt" for s, _, _ in events(
        "Egypt discussed the deal between Turkey and Libya."))
