"""Pronouns and what they refer back to (kg.resolve.discourse)."""

from __future__ import annotations

from .article import article


def test_she_goes_to_the_woman_the_article_has_shown() -> None:
    text = article(
        "British Foreign Secretary Liz Truss said she would travel to Moscow.",
        "Russian Foreign Minister Sergei Lavrov received Truss on Thursday. She told reporters "
        "that the talks had been difficult.",
        "Lavrov rejected the criticism. He said Russia posed no threat.",
    )
    assert text.name("She told reporters", "She") == "Liz Truss"
    assert text.name("He said Russia posed", "He") == "Sergei Lavrov"


def test_gendered_words_tell_the_gender() -> None:
    text = article(
        "Despite the assurances, Anne Sacoolas and her husband Jonathan Sacoolas left the "
        "country, police revealed on Saturday.",
        "He declined to comment.",
    )
    assert text.name("He declined", "He") == "Jonathan Sacoolas"


def test_a_pronoun_in_a_quotation_is_not_its_speaker() -> None:
    # Wikinews: the mother speaks of the driver
    text = article(
        "Anne Sacoolas left the UK. She informed police she had diplomatic immunity.",
        "Dunn's mother, Charlotte Charles, said on TV, \"She didn't purposely drive on the "
        "other side of the road, but forgiving her for leaving, I'm nowhere near.\"",
    )
    assert text.name("She didn't purposely drive", "She") == "Anne Sacoolas"


def test_they_for_people_stays_unresolved() -> None:
    text = article(
        "The Italian foreign minister, Luigi Di Maio, joined the talks as an observer.",
        "They concluded that the agreement is null and void.",
    )
    assert text.name("They concluded", "They") is None


def test_they_for_an_organisation_subject() -> None:
    text = article(
        "In a related press release, the Turkish Ministry of Foreign Affairs denounced the "
        "conclusions of the summit. To resolve differences, they invited the countries to "
        "open dialogue.",
    )
    assert text.name("they invited", "they") == "Turkey"


def test_he_with_no_person_before_is_nobody() -> None:
    text = article("The bus driver told reporters he lost control of the vehicle near Havana.")
    assert text.name("he lost control", "he") is None
