"""An article's entities (kg.resolve.entities): the seed article, and names joined across
an article."""

from __future__ import annotations

import pytest
from conftest import SEED_ID, SEEDS

from kg.ingest import read

from .article import Article, article


@pytest.fixture(scope="module")
def seed() -> Article:
    [document] = list(read([SEEDS / f"{SEED_ID}.txt"]))
    return Article(document)


# -- the seed article --------------------------------------------------------------------------


def test_each_person_of_the_seed_is_one_node(seed: Article) -> None:
    people = {e.name: e for e in seed.entities.entities() if e.type == "Person"}
    assert {"Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Viktor Orbán",
            "Olga Stefanishyna", "Marco Rubio", "JD Vance", "Narendra Modi"} <= set(people)
    # "Trump" alone, tagged ORG in some sentences and PERSON in others, is Donald Trump
    assert "Trump" in people["Donald Trump"].aliases
    assert "Orbán" in people["Viktor Orbán"].aliases
    assert "Zelensky" in people["Volodymyr Zelensky"].aliases
    assert not {"Trump", "Putin", "Zelensky", "Orbán"} & set(seed.names())


def test_names_the_model_missed_join_their_entity(seed: Article) -> None:
    # spaCy tags no entity in "Orbán called the development …" nor in "Trump later told"
    assert seed.name("Orbán called the development", "Orbán") == "Viktor Orbán"
    assert seed.name("Trump later told reporters", "Trump") == "Donald Trump"


def test_titles_and_compounds_are_not_entities(seed: Article) -> None:
    names = seed.names()
    assert "State" not in names  # of "Secretary of State Marco Rubio"
    assert "Trump-Putin" not in names
    assert seed.name("Secretary of State Marco Rubio", "State") is None


def test_she_is_the_subject_of_the_sentence_before(seed: Article) -> None:
    # "Stefanishyna … condemned Russia … before Putin's call with Trump. '…,' she said"
    assert seed.name("she said in a statement to CBS", "she") == "Olga Stefanishyna"


def test_he_is_the_subject_of_the_governing_clause(seed: Article) -> None:
    assert seed.name("Trump later told reporters that he expects", "he") == "Donald Trump"
    assert seed.name("where he is expected to press", "he") == "Volodymyr Zelensky"
    # a pronoun in a fronted clause looks ahead to the main subject
    assert seed.name("As he arrived in Washington", "he") == "Volodymyr Zelensky"
    assert seed.name("During his 2024 election campaign", "his") == "Donald Trump"


def test_it_is_a_country_subject_of_the_sentence_before(seed: Article) -> None:
    assert seed.name("It added that work on organizing the summit", "It") == "Russia"
    # "Moscow is rushing … as soon as it hears": the subject of the governing clause
    assert seed.name("as soon as it hears", "it") == "Russia"


def test_it_stays_unresolved_after_a_common_noun_subject(seed: Article) -> None:
    assert seed.name("it underscored the shifting tone", "it") is None


def test_plural_descriptions_are_no_entity(seed: Article) -> None:
    assert seed.name("first direct dialogue between the two leaders", "leaders") is None
    assert seed.name("both sides made", "sides") is None
    assert seed.name("The leaders spoke briefly afterward", "leaders") is None


def test_governments_stand_for_their_country(seed: Article) -> None:
    assert seed.name("The Hungarian government, led by", "government") == "Hungary"
    assert seed.name("India’s government has disputed", "government") == "India"
    assert seed.name("An Indian foreign ministry spokesperson", "spokesperson") == "India"
    assert seed.name("The US has repeatedly urged", "US") == "United States"


def test_capitals_act_as_countries_and_stand_as_places(seed: Article) -> None:
    assert seed.name("Moscow is expected to send", "Moscow") == "Russia"
    assert seed.name("the Kremlin confirmed the discussion", "Kremlin") == "Russia"
    assert seed.name("trade relations between Washington and Moscow", "Moscow") == "Russia"
    found = seed.entities.resolve(*seed.find("As he arrived in Washington", "Washington"))
    assert found is not None and (found.name, found.type) == ("Washington", "Place")
    assert seed.kind("prepare for the Budapest summit", "Budapest") == "Place"


# -- names across an article -------------------------------------------------------------------


def test_a_surname_two_people_share_stays_ambiguous() -> None:
    text = article(
        "British Prime Minister Boris Johnson met his brother Jo Johnson in London on Monday.",
        "Johnson said the talks had been useful.",
    )
    names = text.names()
    assert names.get("Boris Johnson") == "Person" and names.get("Jo Johnson") == "Person"
    assert "Johnson" not in names
    assert text.name("Johnson said the talks", "Johnson") is None


def test_short_forms_join_the_one_full_name() -> None:
    text = article(
        "Hungarian Prime Minister Viktor Orbán welcomed the planned talks on Thursday.",
        "Prime Minister Orbán said only dialogue could bring peace. Orbán later left for Rome.",
    )
    assert text.name("Prime Minister Orbán said", "Orbán") == "Viktor Orbán"
    assert text.name("Orbán later left", "Orbán") == "Viktor Orbán"
    assert [e.name for e in text.entities.entities() if e.type == "Person"] == ["Viktor Orbán"]


def test_a_name_without_its_middle_initial_is_the_one_with_it() -> None:
    """"John Bolton" and "Bolton" after "John R. Bolton" are him, not a second person who
    would leave the surname ambiguous."""
    text = article(
        "On Tuesday, President Donald Trump asked John R. Bolton to resign.",
        "John Bolton had served since 2018. Bolton often had disagreements with Mike Pompeo.",
    )
    assert text.name("John Bolton had served", "Bolton") == "John R. Bolton"
    assert text.name("Bolton often had", "Bolton") == "John R. Bolton"


def test_a_titled_name_the_model_missed_is_a_person() -> None:
    """Wikinews: the model tags nothing in "Queen Elizabeth II"; after a title, a run of
    capitalised proper nouns is a name. A title of two words ("Chief Executive Officer")
    leaves no name."""
    text = article("Yesterday, the United Kingdom's Queen Elizabeth II announced she will "
                   "comply with the request of Prime Minister Boris Johnson.",
                   "The company named a new [Chief Executive Officer] on Monday.")
    assert text.names().get("Elizabeth II") == "Person"
    assert "Officer" not in text.names()


def test_type_from_all_mentions() -> None:
    # Wikinews: the model tags "Nikos Christodoulides" ORG; his first name is Nikos Dendias'
    text = article(
        "Egyptian foreign minister Sameh Shoukry and his Greek, Cypriot and French "
        "counterparts, Nikos Dendias, Nikos Christodoulides and Jean-Yves Le Drian, "
        "respectively, gathered in Cairo on Wednesday to discuss Libya–Turkey relations.",
    )
    names = text.names()
    assert names["Nikos Christodoulides"] == "Person"
    assert names["Jean-Yves Le Drian"] == "Person"
    assert names["Cairo"] == "Place"


def test_an_organisation_name_is_never_a_person() -> None:
    text = article("Harry Dunn died from his injuries at John Radcliffe Hospital on Sunday.")
    assert text.names().get("John Radcliffe Hospital") == "Organisation"


def test_coordinated_names_are_split() -> None:
    text = article("Turkey and Libya agreed on a line that would make the sea between Crete and "
                   "Cyprus a part of the Turkish EEZ.")
    names = text.names()
    assert "Crete and Cyprus" not in names
    assert names["Cyprus"] == "Country"


def test_headline_words_glued_to_a_name_are_cut_off() -> None:
    text = article(
        "Russian President Vladimir Putin spoke to US President Donald Trump on Thursday.",
        "Officials said Trump and Putin Plan Hungary Summit talks were productive.",
    )
    assert not any("Summit" in name for name in text.names())
    assert text.name("Officials said", "Putin") == "Vladimir Putin"
    assert text.name("Officials said", "Hungary") == "Hungary"


def test_acronyms_join_their_organisation() -> None:
    text = article(
        "The Organisation of Islamic Cooperation (OIC) condemned the bombing on Sunday.",
        "The OIC called for calm.",
    )
    assert text.name("The OIC called", "OIC") == "Organisation of Islamic Cooperation"
