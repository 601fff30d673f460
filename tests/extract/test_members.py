"""Memberships of parties and organisations (kg.extract.members)."""

from __future__ import annotations

from .reading import found, read


def members(text: str, title: str | None = None) -> set[tuple[str, str]]:
    return {(member, group) for member, group, _ in found(text, "MEMBER_OF", title)}


def test_a_party_name_before_a_legislator_title():
    text = ("Conservative MP Philip Hammond commented that it was an outrage. Labour MP Diane "
            "Abbott agreed, as did the Labour Party.")
    found_members = members(text)
    assert ("Philip Hammond", "Conservative") in found_members
    assert ("Diane Abbott", "Labour Party") in found_members


def test_a_place_before_a_legislator_title_is_no_party():
    text = "US Senator Lindsey Graham disagreed, and Texas Congressman Joe Smith agreed."
    assert members(text) == set()


def test_a_seat_in_parliament_is_no_membership_of_parliament():
    text = ("Member of Parliament (MP) Yvette Cooper of the Labour Party added that the move "
            "was dangerous.")
    assert members(text) == {("Yvette Cooper", "Labour Party")}


def test_membership_as_a_predicate_and_not_when_negated():
    text = ("Spain is a member of the European Union. Sweden became a member of NATO in 2024. "
            "Norway is not a member of the European Union.")
    found_members = members(text)
    assert {("Spain", "European Union"), ("Sweden", "NATO")} <= found_members
    assert ("Norway", "European Union") not in found_members


def test_a_list_apposed_to_a_member_noun():
    assert members("The G7 members France, Germany and Italy met.") == {
        ("France", "G7"), ("Germany", "G7"), ("Italy", "G7")}


def test_a_given_name_the_model_left_out_keeps_two_people_apart():
    """The model spans "bin Ladin" of "Hamza bin Ladin": without "Hamza" it would join
    Usama bin Ladin, and the membership would be his."""
    text = ("Trump’s statement read: \"Hamza bin Ladin, the high-ranking al-Qa’ida member "
            "and son of Usama bin Ladin, was killed in a counterterrorism operation.\"")
    found_members = members(text)
    assert ("Hamza bin Ladin", "al-Qa’ida") in found_members
    assert ("Usama bin Ladin", "al-Qa’ida") not in found_members


def test_a_part_of_an_organisation():
    text = ("The Syrian Democratic Forces (SDF) said it would fight. YPG is the main fighting "
            "force of the SDF, largely Kurdish. Peace is part of the plan.")
    assert members(text) == {("YPG", "Syrian Democratic Forces")}


def test_a_party_code_in_brackets_after_a_name():
    text = ("Senator Lindsey Graham (R-SC) said it was wrong, as did John Smith (Lab) and "
            "Nancy Pelosi (D-Calif.). The hearing (R-1) was closed.")
    assert members(text) == {("Lindsey Graham", "Republican Party"),
                             ("John Smith", "Labour Party"),
                             ("Nancy Pelosi", "Democratic Party")}


def test_a_party_name_before_a_politicians_role():
    text = ("Democratic presidential nominee Joe Biden won. Labour leader Jeremy Corbyn "
            "spoke, as did the Labour Party. Opposition leader Alexei Navalny was poisoned. "
            "Hong Kong leader Carrie Lam spoke. Team leader John Smith agreed.")
    assert members(text) == {("Joe Biden", "Democratic"), ("Jeremy Corbyn", "Labour Party")}


def test_member_of_in_apposition() -> None:
    assert ("Jeremy Hunt", "MEMBER_OF", "Conservative Party", None) in read(
        "Jeremy Hunt, a member of the Conservative Party, voted against the bill.")
    assert ("Turkey", "MEMBER_OF", "NATO", None) in read(
        "Turkey, a NATO member, bought the missiles.")


def test_member_of_after_the_name() -> None:
    assert ("John Smith", "MEMBER_OF", "Labour Party", None) in read(
        "John Smith of the Labour Party spoke first.")


def test_organisation_owning_a_name() -> None:
    found = read("Labour's Keir Starmer spoke first.")
    assert any(s == "Keir Starmer" and r == "MEMBER_OF" and o.startswith("Labour")
               for s, r, o, _ in found)


def test_member_noun_naming_countries() -> None:
    found = read("NATO allies Poland and Lithuania protested.")
    assert ("Poland", "MEMBER_OF", "NATO", None) in found
    assert ("Lithuania", "MEMBER_OF", "NATO", None) in found


def test_member_noun_without_countries_says_nothing() -> None:
    assert not any(r == "MEMBER_OF" for _, r, _, _ in read(
        "The US urged NATO allies to curb purchases of Russian energy."))
