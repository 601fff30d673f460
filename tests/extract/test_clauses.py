"""Subject–verb–object clauses coded as events (kg.extract.clauses): verbs and their
complements, on real sentences."""

from __future__ import annotations

from .reading import either, events, read, statements


def test_object_of_accusation_and_the_act_accused_of() -> None:
    found = events("Olga Stefanishyna condemned Russia for launching missile strikes "
                   "on Ukrainian cities.")
    assert ("Olga Stefanishyna", "ACCUSE", "Russia") in found
    assert ("Russia", "ASSAULT", "Ukraine") in found
    assert ("Olga Stefanishyna", "ASSAULT", "Ukraine") not in found


def test_members_listed_with_including_are_each_recipients() -> None:
    found = events("The US has repeatedly urged major economies—including India, China, "
                   "and NATO allies—to curb purchases of Russian energy.")
    for country in ("India", "China", "NATO"):
        assert ("United States", "REQUEST", country) in found


def test_light_verb_carries_its_event_noun() -> None:
    found = events("Donald Trump publicly expressed support for Ukraine's efforts "
                   "to reclaim its territories.")
    assert ("Donald Trump", "SUPPORT", "Ukraine") in found


def test_light_verb_with_prepositional_partner() -> None:
    found = events("Donald Trump had a phone conversation with Vladimir Putin.")
    assert ("Donald Trump", "CONSULT", "Vladimir Putin") in found


def test_thing_stands_for_its_owner() -> None:
    found = events("India's government has disputed Donald Trump's claim about oil.")
    assert ("India", "REJECT", "Donald Trump") in found


def test_content_of_a_claim_is_not_asserted() -> None:
    found = events("India's government has disputed Donald Trump's claim that Narendra Modi "
                   "had agreed to stop purchasing Russian oil.")
    assert ("India", "REJECT", "Donald Trump") in found
    assert not any(s == "Narendra Modi" for s, _, _ in found)


def test_agreeing_to_meet_with_coordinated_subject() -> None:
    found = events("Donald Trump and Vladimir Putin agreed to hold a meeting in Budapest.")
    assert either(found, "Donald Trump", "AGREE", "Vladimir Putin")


def test_reciprocal_verb_with_coordinated_subject() -> None:
    found = events("Turkey and Libya agreed on maritime borders in the Mediterranean.")
    assert either(found, "Turkey", "AGREE", "Libya")


def test_raising_passive_is_set_to() -> None:
    found = events("Volodymyr Zelensky is set to visit the White House on Friday.")
    assert ("Volodymyr Zelensky", "AGREE", "United States") in found or \
        ("Volodymyr Zelensky", "CONSULT", "United States") in found


def test_object_control_names_the_actor_of_the_infinitive() -> None:
    found = events("Volodymyr Zelensky is expected to press the US to provide "
                   "Tomahawk missiles.")
    assert ("Volodymyr Zelensky", "REQUEST", "United States") in found
    assert not any(r == "AID" for _, r, _ in found)  # asked for, not given


def test_call_on_is_a_request() -> None:
    found = events("Egypt and Greece called on Turkey to halt drilling operations.")
    assert ("Egypt", "REQUEST", "Turkey") in found
    assert ("Greece", "REQUEST", "Turkey") in found


def test_coordinated_subject_inside_one_noun_phrase() -> None:
    found = events("Donald Trump and Vice President JD Vance publicly berated "
                   "Volodymyr Zelensky on live television.")
    assert ("Donald Trump", "ACCUSE", "Volodymyr Zelensky") in found
    assert ("JD Vance", "ACCUSE", "Volodymyr Zelensky") in found


def test_passive_agent_is_the_actor() -> None:
    found = events("Russia was condemned by France on Monday.")
    assert ("France", "ACCUSE", "Russia") in found
    assert ("Russia", "ACCUSE", "France") not in found


def test_passive_without_agent_has_no_actor() -> None:
    assert events("Russia was condemned on Monday.") == set()


def test_relative_pronoun_stands_for_its_antecedent() -> None:
    found = events("Hong Kong Chief Executive Carrie Lam, who is supported by the Chinese "
                   "government, resigned.")
    assert ("China", "SUPPORT", "Carrie Lam") in found


def test_participle_adjunct_inherits_the_subject() -> None:
    found = events("The United States was more forceful in blaming Iran for the attack.")
    assert ("United States", "ACCUSE", "Iran") in found


def test_verb_object_idiom() -> None:
    found = events("The European Union lifted sanctions on Iran.")
    assert ("European Union", "CONCEDE", "Iran") in found
    assert events("Schools will lift apartment values in Leeds.") == set()


def test_personal_attack_is_criticism() -> None:
    found = events("Joe Biden attacked Donald Trump on taxes.")
    assert ("Joe Biden", "ACCUSE", "Donald Trump") in found
    assert not any(r == "ASSAULT" for _, r, _ in found)


def test_meeting_a_place_is_no_consultation() -> None:
    assert not any(r == "CONSULT" for _, r, _ in events("Joe Biden visited Kenosha on Tuesday."))


def test_consultation_needs_a_partner() -> None:
    assert events("Kyriakos Mitsotakis spoke at length on Tuesday.") == set()


def test_membership_by_joining() -> None:
    found = read("Sweden joined NATO in 2024.")
    assert ("Sweden", "MEMBER_OF", "NATO", None) in found
    found = read("The United States announced a naval coalition to patrol the Persian Gulf "
                 "which was joined by Australia and Bahrain.")
    assert ("Australia", "MEMBER_OF", "naval coalition", None) in found


def test_saying_someone_should_act_is_a_request() -> None:
    assert ("Joe Biden", "REQUEST", "Russia") in events(
        "Joe Biden said Russia must withdraw its troops.")
    assert not any(r == "REQUEST" for _, r, _ in events(
        "Boris Johnson said he must answer the question directly."))


def test_plural_subject_refers_to_the_latest_group() -> None:
    found = events("Egyptian Foreign Minister Sameh Shoukry and Greek Foreign Minister Nikos "
                   "Dendias met in Cairo on Wednesday. They called on Turkey to halt drilling.")
    assert ("Sameh Shoukry", "REQUEST", "Turkey") in found
    assert ("Nikos Dendias", "REQUEST", "Turkey") in found


def test_plural_subject_after_another_actor_is_not_guessed() -> None:
    found = events("Sameh Shoukry and Nikos Dendias met in Cairo on Wednesday. The Turkish "
                   "government rejected the talks. They called on Libya to halt drilling.")
    assert ("Sameh Shoukry", "REQUEST", "Libya") not in found


def test_the_two_leaders_must_number_the_group() -> None:
    found = events("Donald Trump and Vladimir Putin met in Alaska. The three leaders called "
                   "on Ukraine to negotiate.")
    assert not any(o == "Ukraine" for _, _, o in found)


def test_pronoun_us_is_not_the_united_states() -> None:
    found = statements("Charlotte Charles said the driver never faced us in court.")
    assert not any(s.object is not None and s.object.name == "United States" for s in found)


def test_a_gathering_named_before_agrees_with_no_one_counterpart() -> None:
    found = events("German Foreign Minister Annalena Baerbock, French Foreign Minister "
                   "Catherine Colonna and Polish Foreign Minister Zbigniew Rau met in Weimar "
                   "on Monday. The ministers agreed to meet again in Paris.")
    agreed = {(s, o) for s, r, o in found if r == "AGREE"}
    assert agreed == {("Annalena Baerbock", None), ("Catherine Colonna", None),
                      ("Zbigniew Rau", None)}


def test_a_pair_named_before_agrees_with_each_other() -> None:
    found = events("Donald Trump and Vladimir Putin met in Alaska. The two leaders agreed "
                   "to meet again in Budapest.")
    assert either(found, "Donald Trump", "AGREE", "Vladimir Putin")


def test_they_after_an_organisation_acting_alone_is_that_organisation() -> None:
    found = events("The Chinese Foreign Ministry rejected the report on Monday. They urged "
                   "Japan to stop interfering.")
    assert ("China", "REQUEST", "Japan") in found
    # a country named as such is no "they"
    assert not any(s == "Japan" and r == "REQUEST" for s, r, _ in events(
        "Japan rejected the report on Monday. They urged China to stop interfering."))


def test_a_plural_description_as_object_names_the_group() -> None:
    found = events("Indian Prime Minister Narendra Modi and Pakistani Prime Minister Imran "
                   "Khan met in Dushanbe.\n\nChina invited the two leaders to hold talks in "
                   "Beijing.")
    assert ("China", "AGREE", "Narendra Modi") in found
    assert ("China", "AGREE", "Imran Khan") in found


def test_they_is_no_generic_actor_acting_alone() -> None:
    # "they" after "police" is as likely someone else: no statement is guessed for it
    found = events("Police arrested two men in Lagos. They urged Nigeria to release them.")
    assert not any(s == "police" and r == "REQUEST" for s, r, _ in found)
