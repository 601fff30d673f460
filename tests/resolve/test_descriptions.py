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


def test_a_description_of_the_same_kind_refers_to_the_one_organisation() -> None:
    text = article(
        "Russian regulators fined Yandex Corporation on Monday.",
        "The company said it would appeal. The firm has offices in Moscow.",
        "The court upheld the fine. The ministry welcomed the ruling.",
    )
    assert text.name("The company said", "company") == "Yandex Corporation"
    assert text.name("The firm has", "firm") == "Yandex Corporation"
    # no organisation of the article is a court or a ministry
    assert text.name("The court upheld", "court") is None
    assert text.name("The ministry welcomed", "ministry") is None


def test_a_description_of_a_kind_two_organisations_share_is_nobody() -> None:
    text = article(
        "Gazprom Company and Rosneft Corporation signed a supply deal.",
        "The company will deliver gas from May.",
    )
    assert text.name("The company will", "company") is None
