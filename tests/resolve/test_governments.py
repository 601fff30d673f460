"""Governments and their organs stand for their country (kg.resolve.governments)."""

from __future__ import annotations

from .article import article


def test_government_organs_are_their_country() -> None:
    text = article(
        "In a related press release, the Turkish Ministry of Foreign Affairs denounced the "
        "conclusions of the summit.",
        "Chief constable Nick Adderley wrote to the US Embassy in London. The embassy declined "
        "the request and said the family left per advice from the United States Department "
        "of State.",
        "The State Department gave its deepest sympathies.",
    )
    assert text.name("the Turkish Ministry of Foreign Affairs denounced", "Ministry") == "Turkey"
    assert text.name("wrote to the US Embassy", "Embassy") == "United States"
    assert text.name("The embassy declined", "embassy") == "United States"
    assert text.name("The State Department gave", "Department") == "United States"
    assert text.name("The State Department gave", "its") == "United States"
    assert text.name("wrote to the US Embassy in London", "London") == "London"


def test_several_countries_are_not_one() -> None:
    text = article("Iran has increased cooperation with the navies of China, India and Oman.")
    assert text.name("navies of China", "navies") is None
    assert text.name("navies of China", "China") == "China"


def test_a_capital_that_claims_or_asks_is_its_government() -> None:
    """"the claim from Berlin" is Germany's; "flights from Moscow" leave a place."""
    text = article("The Russian government dismissed the claim from Berlin as groundless.",
                   "Flights from Moscow were cancelled on Friday.")
    assert text.name("the claim from Berlin", "Berlin") == "Germany"
    assert text.name("Flights from Moscow", "Moscow") == "Moscow"
