"""Posts held, in the forms news writes them (kg.extract.positions)."""

from __future__ import annotations

from .reading import either, found, read


def posts(text: str, title: str | None = None) -> set[tuple]:
    return found(text, "HOLDS_POSITION", title)


def test_a_bare_national_office_is_the_headline_country():
    text = ("On Monday, Prime Minister Boris Johnson joined the calls by officials asking "
            "the United States to waive diplomatic immunity.")
    assert ("Boris Johnson", "United Kingdom", "Prime Minister") in posts(
        text, "UK urges US to waive immunity for diplomat's wife")


def test_the_headline_country_may_come_through_a_person_with_an_explicit_post():
    text = ("On Tuesday, United States President Donald Trump announced he had asked for "
            "Bolton's resignation.\n\nBolton often had disagreements with Mike Pompeo who "
            "is the secretary of state.")
    found_posts = posts(text, "Trump ousts national security advisor Bolton")
    assert ("Mike Pompeo", "United States", "secretary of state") in found_posts


def test_a_coordinated_person_lends_the_country_of_their_post():
    text = ("Russian President Vladimir Putin spoke of the summit. US President Donald Trump "
            "and Vice President JD Vance berated Volodymyr Zelensky in February.")
    assert ("JD Vance", "United States", "Vice President") in posts(text, "Summit planned")


def test_an_apposed_bare_office_and_a_former_post():
    text = ("Adil Abdul-Mahdi, the caretaker Prime Minister, recommended the withdrawal. "
            "The network was shut down under former Philippine President Ferdinand Marcos.")
    found_posts = posts(text, "Iraqi parliament votes for expulsion of troops")
    assert ("Adil Abdul-Mahdi", "Iraq", "caretaker Prime Minister") in found_posts
    assert ("Ferdinand Marcos", "Philippines", "former President") in found_posts


def test_an_organisation_post_needs_its_organisation():
    """A spokesperson or director is no country's office: without an owner, no post."""
    text = "The spokesperson Jane Miller said the talks would resume, the director added."
    assert posts(text, "UK and France resume talks") == set()


def test_a_party_after_a_titled_name_is_no_owner_of_the_post():
    text = ("Member of Parliament (MP) Yvette Cooper of the Labour Party added that the "
            "move was dangerous.")
    found_posts = posts(text, "Queen agrees to suspend UK parliament")
    assert ("Yvette Cooper", "United Kingdom", "Member of Parliament") in found_posts
    assert not any(owner == "Labour Party" for _, owner, _ in found_posts)
    assert ("Yvette Cooper", "Labour Party", None) in found(text, "MEMBER_OF")


def test_a_predicated_post_of_an_organisation():
    text = ("Saudi journalist Jamal Khashoggi was killed in Istanbul. "
            "Jamal Khashoggi, a Saudi national, was a columnist for The Washington Post, and "
            "he lived in Virginia.")
    assert ("Jamal Khashoggi", "Washington Post", "columnist") in posts(text)


def test_the_dictionaries_give_a_known_person_the_country_of_a_bare_office():
    """Not the headline's first country (Turkey): PETRARCH2 knows Assad's."""
    text = ("The Syrian Army, whose commander is President Bashar al-Assad, entered the "
            "town yesterday. President Bashar al-Assad did not comment.")
    found_posts = posts(text, "Kurds announce deal as Turkey invades Syria's northeast")
    assert ("Bashar al-Assad", "Syria", "President") in found_posts
    assert not any(owner == "Turkey" for _, owner, _ in found_posts)


def test_a_bracketed_abbreviation_does_not_replace_the_title():
    text = "Member of Parliament (MP) Yvette Cooper added that the move was dangerous."
    assert ("Yvette Cooper", "United Kingdom", "Member of Parliament") in posts(
        text, "Queen agrees to suspend UK parliament")


def test_a_ruler_named_as_a_predicate():
    text = ("Crown Prince Mohammad bin Salman accepted responsibility. According to Reuters, "
            "Mohammad bin Salman is the de facto Saudi ruler.")
    assert ("Mohammad bin Salman", "Saudi Arabia", "ruler") in posts(text)


def test_a_styled_name_is_one_sentence_and_its_post_is_read():
    """"Rt. Hon." ends no sentence, and the style is no part of the name."""
    text = ("Dr the Rt. Hon. Keith Mitchell, Prime Minister of Grenada, spoke on Monday. "
            "He left.")
    assert ("Keith Mitchell", "Grenada", "Prime Minister") in posts(text)


def test_an_ex_title_is_a_former_post():
    text = "Ex-King Michael of Romania met Michael Jackson on Friday."
    assert ("King Michael", "Romania", "former King") in posts(text)


def test_an_ambassador_to_a_country_before_the_name():
    text = "U.S. Ambassador to Germany Richard Grenell criticised the plan."
    assert ("Richard Grenell", "United States", "Ambassador") in posts(text)


def test_an_office_of_one_country_is_that_countrys():
    text = ("Taoiseach Leo Varadkar met the press. Former Vice-President Joe Biden spoke, as "
            "did the mayor.")
    found_posts = posts(text, "Brexit talks in London: UK says no deal")
    assert ("Leo Varadkar", "Ireland", "Taoiseach") in found_posts
    assert ("Joe Biden", "United States", "former Vice President") in found_posts


def test_title_before_the_name() -> None:
    assert ("Viktor Orbán", "HOLDS_POSITION", "Hungary", "Prime Minister") in read(
        "Hungarian Prime Minister Viktor Orbán welcomed the talks.")


def test_title_in_apposition_both_orders() -> None:
    assert ("Olga Stefanishyna", "HOLDS_POSITION", "Ukraine", "ambassador") in read(
        "Ukraine’s ambassador to the US, Olga Stefanishyna, condemned Russia.")
    found = read("Sergei Lavrov, the foreign minister of Russia, arrived in Ankara.")
    assert ("Sergei Lavrov", "HOLDS_POSITION", "Russia", "foreign minister") in found


def test_owner_after_the_name() -> None:
    assert ("Hassan Rouhani", "HOLDS_POSITION", "Iran", "President") in read(
        "Yesterday, President Hassan Rouhani of Iran spoke in Tehran.")


def test_possessive_owner_before_the_title() -> None:
    found = read("Northamptonshire's chief constable Nick Adderley wrote to the embassy.")
    assert ("Nick Adderley", "HOLDS_POSITION", "Northamptonshire", "chief constable") in found


def test_counterparts_respectively() -> None:
    found = read("Egyptian foreign minister Sameh Shoukry and his Greek, Cypriot and French "
                 "counterparts, Nikos Dendias, Nikos Christodoulides and Jean-Yves Le Drian, "
                 "respectively, gathered in Cairo on Wednesday.")
    assert ("Sameh Shoukry", "HOLDS_POSITION", "Egypt", "foreign minister") in found
    assert ("Nikos Dendias", "HOLDS_POSITION", "Greece", "foreign minister") in found
    assert ("Jean-Yves Le Drian", "HOLDS_POSITION", "France", "foreign minister") in found
    found_events = {(s, r, o) for s, r, o, _ in found}
    assert either(found_events, "Sameh Shoukry", "CONSULT", "Nikos Dendias")


def test_title_without_owner_is_not_guessed() -> None:
    found = read("Secretary of State Marco Rubio will lead the delegation.")
    assert not any(r == "HOLDS_POSITION" for _, r, _, _ in found)


def test_a_title_before_a_name_the_model_missed():
    """The model tags no entity in "Britain's Queen Elizabeth II"; the name after the title
    is read as a person all the same, and her post with it. A name after a title that only
    modifies a noun ("the King Vapealot vape store") is no one's."""
    text = ("Britain's Queen Elizabeth II spoke on Monday. Farquharson owns the King "
            "Vapealot vape store in Toowoomba.")
    found_posts = posts(text, "Parliament suspended")
    assert ("Elizabeth II", "United Kingdom", "Queen") in found_posts
    assert not any("Vapealot" in post[0] for post in found_posts)


def test_a_title_of_an_owner_before_the_name():
    """"The Secretary General of NATO Jens Stoltenberg" is parsed as a secretary general of
    Stoltenberg: the owner is what stands between "of" and the name. Not so where the model
    tags the name an organisation's, whatever the resolver makes of it."""
    text = ("The secretary general of NATO Jens Stoltenberg said the alliance was ready. "
            "The President of France Emmanuel Macron agreed. Professor Jean-Jacques Muyembe, "
            "Director General of the DRC's Institut National de Recherche Biomédicale that "
            "monitored the trial, said the drugs worked.")
    found_posts = posts(text, "Allies meet")
    assert ("Jens Stoltenberg", "NATO", "secretary general") in found_posts
    assert ("Emmanuel Macron", "France", "President") in found_posts
    assert not any(post[0].startswith("Institut") for post in found_posts)


def test_a_title_coordinated_with_another_word_before_the_name():
    """Two nouns before a name, the first a title: the post is the title's. Not so when the
    "and" joins two phrases of the clause, of which the title ends the first."""
    text = ("Retired FBI agent and terrorism specialist Ali Soufan told NPR about the son. "
            "The Green Party nominated the ticket of union leader Howie Hawkins for president "
            "and truck driver Angela Walker for vice president.")
    found_posts = posts(text, "Son killed")
    assert ("Ali Soufan", "FBI", "agent") in {(*post[:2], post[2].split()[-1])
                                              for post in found_posts}
    assert not any(post[0] == "Angela Walker" for post in found_posts)
