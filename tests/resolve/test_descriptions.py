"""Definite descriptions: "the Russian president" (kg.resolve.descriptions)."""

from __future__ import annotations

from .article import article


def test_the_demonym_title_is_the_person_with_that_title() -> None:
    text = article(
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Monday.",
        "The Russian president praised the talks. The president also visited a factory.",
        "The Chinese leader said relations were at their best.",
    )
    assert text.name("The Russian president praised", "president") == "Vladimir Putin"
    assert text.name("The Chinese leader said", "leader") == "Xi Jinping"
    # two presidents: "the president" alone is nobody in particular
    assert text.name("The president also visited", "president") is None


def test_a_title_held_once_needs_no_country() -> None:
    text = article(
        "The Italian foreign minister, Luigi Di Maio, joined the talks as an observer.",
        "The foreign minister said Italy would support the agreement.",
    )
    assert text.name("The foreign minister said", "minister") == "Luigi Di Maio"
    assert text.name("The foreign minister said", "Italy") == "Italy"


def test_a_description_nobody_holds_is_no_entity() -> None:
    text = article("Athens expelled the Libyan ambassador to Greece over the agreement.")
    assert text.name("Athens expelled", "ambassador") is None
    assert text.name("Athens expelled", "Athens") == "Greece"
