"""Events named again by a definite noun (kg/extract/recall.py), on real news text."""

from __future__ import annotations

from .reading import reading


def events(text: str) -> set[tuple]:
    return {(s.subject.name, s.relation, s.object.name if s.object else None)
            for s in reading(text).statements if s.is_fact
            and s.relation not in ("OTHER", "SAID", "HOLDS_POSITION", "MEMBER_OF")}


ABQAIQ = ("Drones attacked the Abqaiq oil facility in Saudi Arabia on Saturday. The "
          "Yemen-based Houthi movement claimed responsibility for the attacks.")


def test_responsibility_for_the_attack_is_for_what_was_attacked() -> None:
    assert ("Houthi", "ASSAULT", "Abqaiq") in events(ABQAIQ)


def test_condemning_the_attack_accuses_the_attacker() -> None:
    found = events("Turkey launched airstrikes on Kurdish forces in northern Syria on "
                   "Wednesday. France condemned the offensive.")
    assert ("France", "ACCUSE", "Turkey") in found


def test_a_new_event_or_a_distant_one_is_not_recalled() -> None:
    """"an attack" is a new event; so is "the attack" three paragraphs after one told in
    the middle of an article, which may name any other. The lead's event (its first two
    paragraphs: a dateline or a one-sentence lead, and what elaborates it) is the
    article's own, named again anywhere."""
    assert ("France", "ACCUSE", "Turkey") not in events(
        "Turkey launched airstrikes on Kurdish forces in northern Syria on Wednesday. France "
        "condemned an attack on a school in Idlib.")
    middle = "Oil prices rose on Monday.\n\nTraders expect OPEC to act.\n\n" + ABQAIQ
    later = "\n\nMarkets in Asia fell.\n\nAnalysts expect more volatility.\n\n" \
        "The United Kingdom condemned the attack."
    assert ("United Kingdom", "ACCUSE", "Houthi") not in events(middle + later)
    assert ("United Kingdom", "ACCUSE", "Houthi") in events(ABQAIQ + later)
    assert ("United Kingdom", "ACCUSE", "Houthi") in events(
        "Saturday, September 14, 2019\n\n" + ABQAIQ + later)


def test_a_noun_that_names_no_type_recalls_the_latest_event() -> None:
    """"the operation", "the move" name whatever event was told last, if one was: a
    sentence that told none leaves the condemnation without a recipient."""
    told = ("On Wednesday, Turkey began a military offensive with airstrikes followed by a "
            "ground invasion. The operation was condemned by members of the European Union.")
    assert ("European Union", "ACCUSE", "Turkey") in events(told)
    untold = "Oil prices rose on Monday. The move was condemned by the European Union."
    assert ("European Union", "ACCUSE", None) in events(untold)


def test_an_attack_told_without_its_attacker_is_the_claimants() -> None:
    """Weapons are no actors: "rockets hit Sderot" tells an attack on Israel by no one, and
    who claims it later attacked Israel."""
    told = "Rockets hit the Israeli town of Sderot. Hamas claimed responsibility for the attack."
    assert ("Hamas", "ASSAULT", "Israel") in events(told)
    assert not any(subject.lower() == "rockets" for subject, _, _ in events(told))
    passive = ("Drones attacked oil infrastructure in Saudi Arabia. The attack was claimed by "
               "the Houthi movement in Yemen.")
    assert ("Houthi", "ASSAULT", "Saudi Arabia") in events(passive)


def test_an_attack_told_by_its_noun_alone_is_the_claimants() -> None:
    """An attack a noun tells with no attacker, and an attack as the agent of a passive, are
    remembered for who claims them in the same paragraph."""
    nominal = ("The talks came a week after an attack on a power plant in Ukraine. The attack "
               "was claimed by the Wagner Group.")
    assert ("Wagner Group", "ASSAULT", "Ukraine") in events(nominal)
    struck = ("Oil facilities belonging to ExxonMobil were hit by drone strikes on Sunday. The "
              "Houthi movement claimed responsibility for the strikes.")
    assert ("Houthi", "ASSAULT", "ExxonMobil") in events(struck)
    # displeasure at an attack is no attack on the displeased
    appalled = "Turkey attacked Kurdish forces. France was appalled by the attack."
    assert not any(o == "France" for _, r, o in events(appalled) if r == "ASSAULT")


def test_a_persons_killing_is_done_to_them() -> None:
    found = events("Saudi journalist Jamal Khashoggi entered the consulate in Istanbul. A UN "
                   "report said evidence supported his murder inside the consulate by Saudi "
                   "agents.")
    assert ("Saudi agents", "ASSAULT", "Jamal Khashoggi") in found
    assert not any(s == "Jamal Khashoggi" for s, r, _ in found if r == "ASSAULT")
    # a country's invasion is the country's act
    assert ("Russia", "ASSAULT", "Ukraine") in events("Russia's invasion of Ukraine began "
                                                      "in February.")
