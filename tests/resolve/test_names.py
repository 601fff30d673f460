"""Names that must and must not join (kg.resolve.names, kg.resolve.entities)."""

from __future__ import annotations

from .article import article


def test_a_styled_given_name_is_its_own_person() -> None:
    """"Prince Charles" is no alias of the politician Charles Kennedy; "King Michael" of
    Romania none of Michael Jackson."""
    found = article("Liberal Democrat Charles Kennedy spoke. Prince Charles visited the "
                    "hospital on Monday. Charles Kennedy said the visit was welcome.\n\n"
                    "Ex-King Michael of Romania met Michael Jackson. King Michael said he "
                    "was happy.")
    aliases = {e.name: set(e.aliases) for e in found.entities.entities()}
    assert "Prince Charles" in aliases and "Prince Charles" not in aliases["Charles Kennedy"]
    assert "King Michael" in aliases and "King Michael" not in aliases["Michael Jackson"]


def test_a_surname_after_an_honorific_joins_no_first_name() -> None:
    """"Mr Howard" is a Howard by surname, not Howard Flight."""
    found = article("Howard Flight was sacked on Friday. Mr Howard said the party was united.")
    assert found.name("Mr Howard said", "Howard") != "Howard Flight"


def test_titles_and_organisations_glued_before_a_name_are_cut_off() -> None:
    found = article("MEP Nigel Farage said Britain must leave. Gen Musharraf seized power in "
                    "1999. Tanaiste Leo Varadkar met the press. A spokesman for the Ministry "
                    "of Finance Brian Manning said no.")
    names = {e.name for e in found.entities.entities() if e.type == "Person"}
    assert {"Nigel Farage", "Musharraf", "Leo Varadkar", "Brian Manning"} <= names


def test_a_class_noun_that_is_no_persons_takes_the_name_out_of_people() -> None:
    """The model tags these PERSON; the nouns beside them say what they are."""
    found = article("Australian store chains Woolworths and Coles lowered their purchase "
                    "restrictions. Gregory Kurtzer announced a new operating system, Rocky "
                    "Linux, named after Rocky McGaugh. They found the remains of the U.S.S. "
                    "Grayback.")
    types = {e.name: e.type for e in found.entities.entities()}
    assert all(types.get(n, "none") != "Person"
               for n in ("Woolworths", "Coles", "Rocky Linux", "U.S.S. Grayback"))
    assert types["Gregory Kurtzer"] == types["Rocky McGaugh"] == "Person"


def test_a_common_word_or_an_outlet_glued_before_a_name_is_cut_off() -> None:
    found = article("The podcaster said so. Podcaster Spike Cohen joined the ticket, and "
                    "Spike Cohen spoke. Ali "
                    "Soufan told NPR Hamza bin Laden had appeared in videos. Hamza bin Laden "
                    "was killed. The day was marked by protests, and Mark Van Dyke spoke.")
    names = {e.name for e in found.entities.entities() if e.type == "Person"}
    assert {"Spike Cohen", "Hamza bin Laden", "Mark Van Dyke"} <= names
    assert not any(n.startswith(("Podcaster", "NPR")) for n in names)


def test_an_organisation_whose_head_only_its_last_part_has_stays_whole() -> None:
    found = article("Jarosław Kaczyński of the conservative Law and Justice Party won.")
    names = {e.name for e in found.entities.entities()}
    assert "Law and Justice Party" in names and "Justice Party" not in names


def test_a_given_name_that_is_also_a_class_noun_stays_a_persons() -> None:
    found = article("Bill Hammons said he would run again. Bill Hammons is the party's "
                    "chairman, and the bill failed.")
    types = {e.name: e.type for e in found.entities.entities()}
    assert types["Bill Hammons"] == "Person"


def test_a_name_before_a_politicians_role_is_a_party() -> None:
    """The model tags "Lib Dem" PERSON; before "leader Charles Kennedy" it is his party."""
    found = article("Lib Dem leader Charles Kennedy accused him of complacency, and Tory "
                    "leader Michael Howard agreed.")
    types = {e.name: e.type for e in found.entities.entities()}
    assert types["Lib Dem"] == "Organisation"
    assert types["Charles Kennedy"] == types["Michael Howard"] == "Person"


def test_a_company_is_also_written_without_its_legal_form() -> None:
    text = article(
        "Regulators ordered broadcaster ABS-CBN off the air.",
        "ABS-CBN Corporation is the largest television network in the country.",
    )
    assert text.name("Regulators ordered", "ABS") == "ABS-CBN Corporation"
