"""Event coding from the derived CAMEO lexicon, generic actors and announced intents, on
real news sentences (each class with the readings that must NOT fire)."""

from __future__ import annotations

from kg.extract.factuality import intent
from kg.lexicons import cameo_lexicon, event_type
from kg.records import Factuality

from .reading import events, reading


def coded(text: str) -> set[tuple]:
    """(subject, relation, object, factuality) of every event read from ``text``."""
    return {(s.subject.name, s.relation, s.object.name if s.object else None,
             s.factuality.value if s.factuality else None)
            for s in reading(text).statements if s.relation != "OTHER"
            and s.relation not in ("HOLDS_POSITION", "MEMBER_OF", "SAID")}


def relations(text: str) -> set[str]:
    return {relation for _, relation, _, fact in coded(text) if fact == "asserted"}


# -- the derived lexicon ------------------------------------------------------------------


def test_the_derived_lexicon_maps_cameo_patterns_to_plover_types() -> None:
    assert event_type("abduct", "VERB").code == "ASSAULT"
    assert event_type("put on trial", "VERB").code == "COERCE"  # verb + preposition + object
    assert event_type("call for", "VERB").code == "REQUEST"  # CAMEO 02 appeals are requests
    assert all(entry.source == "cameo" for entries in cameo_lexicon().values()
               for entry in entries)


def test_a_sense_the_dictionaries_say_is_no_event_stops_the_verb() -> None:
    """"warn of consequences" is CAMEO 012 (a statement), not a threat; the override file
    says "shot hoops" is sport."""
    assert not event_type("shoot hoop", "VERB").is_event
    assert "THREATEN" not in relations("Analysts in Nigeria warned of disastrous consequences.")


def test_verbs_only_the_dictionary_knows_are_coded() -> None:
    assert ("Peru", "AID", "Panama", "asserted") in coded(
        "Peru has granted diplomatic asylum to Panama, the Peruvian embassy said on Tuesday.")
    assert ("Ghana", "COERCE", "Liberians", "asserted") in coded(
        "Ghana deported 168 Liberians last week for traveling without documents.")


def test_a_broad_dictionary_verb_needs_a_named_recipient() -> None:
    """CAMEO gives "enter" and "remain" their block's code; without a recipient they are
    no events ("U.S. troops have remained in Iraq")."""
    assert relations("The Syrian Army entered Tell Tamer and Ain Issa yesterday.") == set()


def test_a_time_phrase_is_no_part_of_the_verb() -> None:
    """"demanded on Thursday" is a demand, not a "demand on" pattern; the clause says of
    whom it is made."""
    assert ("United States", "REQUEST", "North Korea", "asserted") in coded(
        "The United States on Thursday demanded that North Korea forsake its nuclear program.")


def test_a_compound_event_noun_is_read_whole() -> None:
    found = relations("Up to 1,000 ethnic Turks began a hunger strike on Monday to protest "
                      "against Sweden's decision.")
    assert "PROTEST" in found and "ASSAULT" not in found


# -- generic actors -----------------------------------------------------------------------


def test_generic_actors_with_their_country_act() -> None:
    assert ("Israeli soldiers", "ASSAULT", "Palestinian detainees", "asserted") in coded(
        "Israeli soldiers routinely beat up Palestinian detainees, a court martial was told.")
    assert any(s == "Egyptian police" and r == "ASSAULT" for s, r, _, _ in coded(
        "Egyptian police opened fire to disperse demonstrators on Monday night."))


def test_a_government_noun_stays_its_country() -> None:
    """Countries and their governments are one actor: "Turkish troops" is Turkey."""
    subjects = {s for s, *_ in coded("Turkish troops shelled Kurdish positions near the border.")}
    assert "Turkey" in subjects and "Turkish troops" not in subjects


# -- announced intents --------------------------------------------------------------------


def test_an_announced_cooperation_is_an_agreement_and_a_planned_event() -> None:
    found = coded("Finland will give Tanzania a grant of 580 million shillings over the next "
                  "three years.")
    assert ("Finland", "AGREE", "Tanzania", "asserted") in found
    assert any(r != "AGREE" and fact == Factuality.PLANNED.value for _, r, _, fact in found)


def test_an_announced_sanction_is_a_threat() -> None:
    assert intent("SANCTION") == "THREATEN" and intent("REQUEST") == "REQUEST"
    found = coded("Radical French farmers will blockade Paris from Monday night.")
    assert ("French farmers", "THREATEN", "France", "asserted") in found  # a capital


def test_a_negated_dictionary_event_is_not_asserted() -> None:
    """"he never robbed or killed anyone" is no assault."""
    found = coded("The minister said he never robbed or killed anyone in Kenya.")
    assert not any(r == "ASSAULT" and fact == "asserted" for _, r, _, fact in found)


# -- who acts and on whom -----------------------------------------------------------------


def test_it_or_they_in_a_report_is_the_reporter() -> None:
    assert ("Syria", "AGREE", "Lebanon", "asserted") in coded(
        "Syria says it is willing to withdraw its troops from neighboring Lebanon.")
    assert ("Switzerland", "SANCTION", "Russia", "asserted") in coded(
        "Switzerland said today it had expelled two Russian diplomats based in Geneva.")


def test_a_quantity_stands_for_what_it_counts() -> None:
    assert any(s.startswith("protesters") and r == "PROTEST" for s, r, _, _ in coded(
        "Thousands of protesters in Hong Kong marched on Sunday."))


def test_telling_someone_to_act_is_a_request_of_them() -> None:
    found = coded("Callamard encouraged the CIA to release the files from their investigation.")
    assert ("Callamard", "REQUEST", "CIA", "asserted") in found
    assert not any(r == "RETREAT" and fact == "asserted" for _, r, _, fact in found)


def test_a_request_is_made_of_whom_the_object_says() -> None:
    assert ("Angela Merkel", "REQUEST", "Russia", "asserted") in coded(
        "Angela Merkel, the Chancellor of Germany, demanded an explanation from Russia.")
    assert ("Donald Trump", "REQUEST", "John Bolton", "asserted") in coded(
        "Donald Trump announced he had asked for John Bolton's resignation Monday night.")


def test_a_participle_hung_on_a_medium_is_the_posters_act() -> None:
    found = coded("US Secretary of State Mike Pompeo posted a message on Twitter blaming Iran "
                  "for the attacks.")
    assert ("Mike Pompeo", "ACCUSE", "Iran", "asserted") in found
    assert not any(s == "Twitter" for s, *_ in found)


def test_what_someone_is_suspected_of_is_not_asserted() -> None:
    found = coded("Libya has offered to hand over two of its nationals suspected by the West "
                  "of blowing up a Pan Am plane in 1988.")
    assert not any(r == "ASSAULT" and fact == "asserted" for _, r, _, fact in found)


def test_an_announced_verbal_act_is_the_act() -> None:
    """"is expected to press the US" is a request; the export counts it."""
    assert ("Volodymyr Zelensky", "REQUEST", "United States", "asserted") in coded(
        "Volodymyr Zelensky is expected to press the US to provide Tomahawk missiles.")


def test_an_announced_act_on_a_condition_is_a_threat() -> None:
    found = coded("Nigeria today announced that it will withdraw its peacekeeping force from "
                  "Chad unless President Goukouni Oueddei arranged a ceasefire.")
    assert ("Nigeria", "THREATEN", "Chad", "asserted") in found
    assert ("Nigeria", "AGREE", "Chad", "asserted") not in found


def test_a_threat_in_an_infinitive_is_aimed_at_the_target_of_the_act() -> None:
    """"Threatened to strike X": the threat's recipient is the target of the act it
    threatens, an object or what the act is done "on"; the act itself is no event."""
    found = coded("North Korea threatened to strike the United States on Monday.")
    assert ("North Korea", "THREATEN", "United States", "asserted") in found
    assert not any(r == "ASSAULT" and fact == "asserted" for _, r, _, fact in found)
    assert ("Donald Trump", "THREATEN", "China", "asserted") in coded(
        "US President Donald Trump threatened to impose new tariffs on China.")
    assert ("Turkey", "THREATEN", None, "asserted") in coded(
        "Turkey threatened to open the gates for refugees.")


def test_a_repudiated_commitment_is_no_agreement() -> None:
    found = coded("President Levy Mwanawasa has reneged on his commitment to the Zambian "
                  "people for holding elections under a new constitution.")
    assert any(r == "REJECT" and fact == "asserted" for _, r, _, fact in found)
    assert not any(r == "AGREE" and fact == "asserted" for _, r, _, fact in found)


def test_a_frame_noun_takes_its_compounds_event() -> None:
    found = relations("Qatar's emir, Sheikh Hamad bin Khalifa al-Thani, launched a mediation "
                      "effort on Saturday between the Emirates and Saudi Arabia.")
    assert "CONSULT" in found and "COOPERATE" not in found


def test_nominal_events_with_their_actor_and_recipient() -> None:
    assert ("United States", "ASSAULT", "Qasem Soleimani", "asserted") in coded(
        "The United States' killing of Qasem Soleimani in an airstrike angered Iraq.")
    assert ("Germany", "SANCTION", "Mahan Air", "asserted") in coded(
        "Germany's ban on Mahan Air took effect on Monday.")
    assert ("Turkey", "ASSAULT", "Ain Issa", "asserted") in coded(
        "Turkish airstrikes hit Ain Issa.")


def test_a_body_of_people_stands_for_the_parties_its_modifiers_name() -> None:
    found = coded("Hungarian and Romanian officials criticized Russia.")
    assert {("Hungary", "ACCUSE", "Russia", "asserted"),
            ("Romania", "ACCUSE", "Russia", "asserted")} <= found
    assert ("al-Qaeda", "THREATEN", "United States", "asserted") in coded(
        "The al-Qaeda terror network threatened the United States.")


def test_kgs_sense_of_a_verb_beats_a_dictionary_pattern_of_a_preposition() -> None:
    found = coded("Putin offered to negotiate with the president of Armenia.")
    assert any(r == "CONSULT" for _, r, _, _ in found)
    assert not any(r == "SUPPORT" for _, r, _, _ in found)


def test_a_government_body_stands_for_its_country() -> None:
    assert ("Ghana", "COERCE", "Liberians", "asserted") in coded(
        "Ghanaian authorities have deported 168 Liberians for traveling without documents.")
    assert ("Guinea", "ASSAULT", "Liberian refugees", "asserted") in coded(
        "Security forces in Guinea have tortured scores of Liberian refugees.")
    found = coded("Iran has increased cooperation with the navies of China, India and Oman.")
    assert {("Iran", "COOPERATE", country, "asserted") for country in ("China", "India", "Oman")
            } <= found


def test_a_dictionary_pattern_object_can_be_the_recipient() -> None:
    assert ("Egyptian riot police", "COERCE", "demonstrators", "asserted") in coded(
        "Egyptian riot police arrested twelve demonstrators in Cairo.")


def test_a_role_in_a_group_takes_the_groups_sector() -> None:
    found = coded("Afghan rebel leaders said on Wednesday they would meet U.N. mediator "
                  "Diego Cordovez.")
    assert ("Afghan rebel leaders", "AGREE", "Diego Cordovez", "asserted") in found


def test_what_their_own_countries_should_do_is_no_request() -> None:
    found = coded("Senior Hungarian and Romanian officials agreed on Wednesday that their "
                  "countries should cooperate.")
    assert ("Hungary", "AGREE", "Romania", "asserted") in found
    assert not any(r == "REQUEST" for _, r, _, _ in found)


def test_negation_reaches_the_dictionary_events() -> None:
    assert ("Russia", "ASSAULT", "civilians", "negated") in coded(
        "Russian troops killed no civilians in the village, the ministry said.")
    assert ("Turkey", "SANCTION", "Russia", "negated") in coded(
        "Turkey has not imposed sanctions on Russia.")
    found = coded("Israel denied that its soldiers shot the protesters.")
    assert not any(r == "ASSAULT" and fact == "asserted" for _, r, _, fact in found)
    assert ("United States", "COERCE", "Liberians", "possible") in coded(
        "The United States could deport the Liberians.")


def test_a_state_is_no_event_and_an_extradition_goes_to_its_country() -> None:
    found = coded("President Bill Clinton has imposed sanctions on the Taliban religious "
                  "faction that controls Afghanistan.")
    assert ("Bill Clinton", "SANCTION", "Taliban", "asserted") in found
    assert not any(s == "Taliban" and r != "OTHER" for s, r, _, _ in found)
    assert ("Zambia", "COOPERATE", "United Kingdom", "asserted") in coded(
        "Zambia extradited suspected British militant Haroon Rashid Aswad to Britain.")


# -- refusals, protests staged, events that accompany a clause ----------------------------


def test_a_denied_acceptance_is_a_refusal() -> None:
    """"will not accept", "did not accede to their demands", "failed to reach agreement"
    reject (PLOVER REJECT: all rejections and refusals); a denied meeting stays a denied
    meeting, not a rejection."""
    assert ("Syria", "REJECT", "refugees", "asserted") in coded(
        "Syria says it will not accept any more refugees if war starts in Iraq.")
    assert ("Carrie Lam", "REJECT", "protesters", "asserted") in coded(
        "Hong Kong leader Carrie Lam agreed to add two members to the police oversight council "
        "but did not accede to protesters' demands for a new judge-led investigation.")
    assert "REJECT" in relations(
        "Palestinians and Israelis failed to reach agreement on the fate of Palestinian "
        "offices in east Jerusalem Sunday, despite hours of tense negotiations.")
    denied = coded("Russian President Vladimir Putin did not meet Ukrainian President "
                   "Volodymyr Zelensky in Istanbul.")
    assert ("Vladimir Putin", "CONSULT", "Volodymyr Zelensky", "negated") in denied
    assert not any(relation == "REJECT" for _, relation, _, _ in denied)


def test_a_verb_object_pattern_gives_a_light_verb_its_sense() -> None:
    """"staged rallies", "staged a strike" protest (CAMEO 141); "launched strikes" attack;
    "held talks" stays the talks (the noun's own reading when the pattern agrees)."""
    assert ("activists from Fatah Party", "PROTEST", "Mahmoud Abbas", "asserted") in coded(
        "Angry activists from the defeated Fatah Party have staged rallies in the Gaza Strip "
        "against the party's leader Mahmoud Abbas, saying he must resign.")
    assert "PROTEST" in relations(
        "Seven opposition parties in Nepal have organized a general strike that shut down "
        "Khatmandu.")
    assert relations("Israel launched air strikes on Gaza on Tuesday.") == {"ASSAULT"}
    assert ("Laurent Fabius", "CONSULT", "deputies", "asserted") not in coded(
        "French National Assembly president Laurent Fabius held talks with leaders of "
        "Romania's new government on Tuesday.")


def test_an_event_noun_in_protest_is_the_act_of_its_clause() -> None:
    """"staged a hunger strike … in protest against violations by Algerian security forces":
    the subject protests, against the forces' country; an event noun with no clause of its
    own ("killed in a bombing") has no actor to give."""
    assert ("Salaheddine Sidhoum", "PROTEST", "Algeria", "asserted") in coded(
        "Salaheddine Sidhoum, Algeria's leading human rights activist, staged a 24-hour "
        "hunger strike in prison on Sunday in protest against the widespread human rights "
        "violations by Algerian security forces, his lawyer said.")
    assert ("Donald Trump", "CONSULT", "Vladimir Putin", "asserted") in coded(
        "President Donald Trump spoke about trade during talks with Russian President "
        "Vladimir Putin.")
    assert coded("At least three Iraqi civilians have been killed in a suicide car "
                 "bombing in central Baghdad, Iraqi police said.") == set()


# -- documents, subjunctives, conditional offers ------------------------------------------


def test_a_document_speaks_for_its_author() -> None:
    """"issued a declaration demanding …": the participle is the issuer's act."""
    assert ("Kurdistan Workers' Party", "REQUEST", "Turkey", "asserted") in coded(
        "The rebel Kurdistan Workers' Party issued a declaration demanding that the Turkish "
        "government provide information on the safety of its leader Abdullah Ocalan.")


def test_what_is_demanded_in_the_subjunctive_has_not_happened() -> None:
    """"its demand that Israel ease restrictions": the easing is the demand's content; the
    same clause in the past tense is reported as done."""
    found = coded("The International Labor Office (ILO) reiterated its demand today that "
                  "Israel ease restrictions on the movement of Palestinian workers.")
    assert ("Israel", "CONCEDE", None, "possible") in found
    assert ("Israel", "CONCEDE", None, "asserted") not in found
    assert ("Israel", "CONCEDE", None, "asserted") in coded(
        "The United Nations said that Israel eased restrictions on the movement of "
        "Palestinian workers.")


def test_a_conditional_announcement_is_still_an_offer() -> None:
    """"would meet the mediator if he gave them a veto" offers to meet (PLOVER AGREE); the
    meeting itself is hypothetical, not planned."""
    found = coded("Afghan rebel leaders said on Wednesday they would meet U.N. mediator "
                  "Diego Cordovez if he gave them a veto over any settlement reached in peace "
                  "talks.")
    assert ("Afghan rebel leaders", "AGREE", "Diego Cordovez", "asserted") in found
    assert ("Afghan rebel leaders", "CONSULT", "Diego Cordovez", "hypothetical") in found


def test_a_date_is_no_one_told_to_act() -> None:
    """"On September 29, Putin offered to negotiate": "on" a date controls nothing."""
    assert ("Putin", "AGREE", "president of Armenia", "asserted") in coded(
        "On September 29, Putin offered to negotiate with the president of Armenia.")


def test_a_protest_verb_needs_no_recipient() -> None:
    assert ("Egyptian demonstrators", "PROTEST", None, "asserted") in coded(
        "Egyptian demonstrators rioted following a peaceful demonstration calling for the "
        "immediate removal of President Hosni Mubarak from office.")


def test_an_agreement_not_reached_yet_is_no_refusal() -> None:
    found = coded("African Union trade commissioner Albert Muchanga said the countries "
                  "haven't yet agreed on rules of origin and tariff concessions.")
    assert not any(relation == "REJECT" for _, relation, _, _ in found)


def test_who_was_killed_in_a_strike_was_its_target() -> None:
    """"was killed in a US drone strike": the party of the strike attacked whom the passive
    clause names; a hyphenated modifier is read whole ("counter-terrorism operation")."""
    assert ("United States", "ASSAULT", "Qasem Soleimani", "asserted") in coded(
        "Iranian general Qasem Soleimani was killed in a US drone strike in Baghdad.")
    assert ("United States", "ASSAULT", "Hamza bin Laden", "asserted") in coded(
        "Hamza bin Laden has been killed in a US counter-terrorism operation.")
    assert relations("The talks were held in a Turkish city on Monday.") == set()


def test_an_attack_claimed_strikes_where_the_text_places_its_target() -> None:
    """"claimed" carries the attack it names (a light verb); what was struck lies in the
    country named for it, as PLOVER codes attacks on infrastructure."""
    assert ("Houthi", "ASSAULT", "Saudi Arabia", "asserted") in coded(
        "The attack on oil infrastructure in Saudi Arabia was claimed by the Houthi movement "
        "in Yemen.")
    assert ("Russia", "CONSULT", "Turkey", "asserted") not in coded(
        "Russia and Ukraine held talks in Turkey on Monday.")


def test_disagreeing_and_not_recognising_reject() -> None:
    """CAMEO files "disagree" in a verbal-conflict block too wide to code alone; kg codes it
    as it codes "oppose" and "dispute". Not recognising a state rejects it."""
    assert ("Mike Pompeo", "REJECT") in {(o, r) for _, r, o, f in coded(
        "John Bolton often had disagreements with Secretary of State Mike Pompeo.")
        if f == "asserted"}
    assert ("Turkey", "REJECT", "Cyprus", "asserted") in coded(
        "Turkey invited the countries to open dialogue, with the exception of Cyprus, which "
        "Turkey does not recognize.")


def test_an_invitation_to_meet_is_an_agreement() -> None:
    """PLOVER codes invitations to meet or visit as AGREE; an invitation to do anything else
    stays a request."""
    assert ("Emmanuel Macron", "AGREE", "Angela Merkel", "asserted") in coded(
        "French President Emmanuel Macron invited German Chancellor Angela Merkel to visit "
        "Paris.")
    found = coded("The United Nations invited Iran to submit proposals on the nuclear deal.")
    assert ("United Nations", "REQUEST", "Iran", "asserted") in found
    assert not any(relation == "AGREE" for _, relation, _, _ in found)


def test_verbs_of_criticism_the_dictionary_lacks_accuse() -> None:
    assert ("Jeremy Corbyn", "ACCUSE", "Boris Johnson", "asserted") in coded(
        "Labour leader Jeremy Corbyn hit out at Prime Minister Boris Johnson over the "
        "suspension of Parliament.")
    assert ("rights groups", "ACCUSE", "Egyptian police", "asserted") in coded(
        "Human rights groups decried the arrest of activists by Egyptian police.")


def test_objects_written_in_other_words_find_their_patterns() -> None:
    """"ties" are the dictionary's "relations", "arms" its "weapons"; "with" names the
    other party of ties, and "their ties" are the subjects' with each other."""
    assert ("Morocco", "SANCTION", "Iran", "asserted") in coded(
        "Morocco cut ties with Iran on Tuesday, accusing it of arming the Polisario Front.")
    assert ("Czechia", "SUPPORT", "Albania", "asserted") in coded(
        "Czechia and Albania have upgraded their diplomatic ties back up to ambassadorial "
        "level after an 18-year break.")
    assert ("United States", "AID", "Pakistan", "asserted") in coded(
        "The United States continued to send arms to Pakistan last year.")
    assert ("Russia", "SUPPORT", "China", "asserted") not in coded(
        "Russia and China praised their partners in the Shanghai Cooperation Organisation.")


def test_an_aspectual_verb_carries_the_event_it_names() -> None:
    assert ("Russia", "RETREAT", "Kherson", "asserted") in coded(
        "Russia completed the withdrawal of its troops from Kherson on Friday.")


def test_the_purpose_of_an_event_is_its_actors_act() -> None:
    """"converging for a rally in Lagos to protest …": the rally's people protest."""
    assert "PROTEST" in relations(
        "Thousands of Nigerians from throughout the country were converging Thursday for a "
        "rally in Lagos to protest the rights violations under the recently imposed Sharia "
        "law.")


def test_a_damning_label_accuses_whose_thing_is_labelled() -> None:
    """"called the agreement between Turkey and Libya 'null and void'" accuses its parties;
    "described the American sanctions as economic terrorism" the sanctioner; a label of
    praise accuses no one, and "called the meeting a success" convenes nothing."""
    found = coded('Greek Prime Minister Kyriakos Mitsotakis called the maritime border '
                  'agreement between Turkey and Libya "null and void" and "geographically '
                  'ridiculous".')
    assert {("Kyriakos Mitsotakis", "ACCUSE", "Turkey", "asserted"),
            ("Kyriakos Mitsotakis", "ACCUSE", "Libya", "asserted")} <= found
    assert ("Iran", "ACCUSE", "United States", "asserted") in coded(
        "Iran described the American sanctions as economic terrorism.")
    assert relations("President Donald Trump called the meeting with Russian President "
                     "Vladimir Putin a great success.") == set()


def test_an_attempted_assassination_is_an_assault() -> None:
    """PLOVER counts attempted assassinations as assaults; an attempt at anything else, or
    an attempt denied, is no fact."""
    assert ("militants", "ASSAULT", "Iyad Allawi", "asserted") in coded(
        "Militants loyal to Iraq's Al-Qaeda frontman Abu Musab al-Zarqawi said they "
        "attempted to assassinate outgoing Prime Minister Iyad Allawi.")
    assert relations("Russian President Vladimir Putin tried to negotiate with Ukrainian "
                     "President Volodymyr Zelensky.") == set()
    assert relations("Russia did not try to attack Ukraine.") == set()


def test_lifting_a_curfew_and_calling_off_a_strike_concede() -> None:
    """The PLOVER manual names removing curfews and suspending protests among CONCEDE's
    concessions; the dictionary's codes (RETREAT, SANCTION) are overridden with reasons."""
    assert relations("Serbia lifted a night curfew in Montenegro where 28 people have been "
                     "killed in ethnic riots this year.") == {"CONCEDE"}
    assert "CONCEDE" in relations(
        "The Nigerian Union of Teachers announced Thursday that it has called off a four-day "
        "strike after deliberations with the Nigerian government.")


def test_removing_a_restriction_concedes() -> None:
    """A verb of removal on a restriction ("cancelled restrictions", "eased emergency
    measures") is PLOVER's CONCEDE; removing anything else is not."""
    assert relations("The Latvian Constitutional Court cancelled restrictions on the use of "
                     "the Russian language on national radio and television.") == {"CONCEDE"}
    assert relations("Serbia eased emergency measures on Wednesday in Montenegro "
                     "province.") == {"CONCEDE"}
    assert "CONCEDE" not in relations("Serbia cancelled the football match with Croatia.")


def test_a_generic_actor_from_an_organisation_is_its_own() -> None:
    """"activists from the defeated Fatah Party" are the party's activists, named so."""
    found = coded("Angry activists from the defeated Fatah Party have staged rallies in the "
                  "Gaza Strip against the party's leader Mahmoud Abbas.")
    assert ("activists from Fatah Party", "PROTEST", "Mahmoud Abbas", "asserted") in found


def test_a_reduced_relative_misparsed_as_a_subject_keeps_its_actor() -> None:
    """The parser makes "operating" the subject of "said" in "The Red Cross operating in
    Iraq said …"; the speaker is the Red Cross."""
    assert ("Red Cross", "REQUEST", "United States", "asserted") in coded(
        "The Red Cross operating in Iraq said US and British forces must ensure security to "
        "allow emergency water, food, and medical supplies to reach the needy.")


def test_a_commitment_in_the_passive_is_the_subjects_own() -> None:
    """"Vietnam is committed to opening up" commits Vietnam (no one else is named);
    "was asked to" stays someone else's request."""
    assert ("Vietnam", "AGREE", None, "asserted") in coded(
        "Planning and Investment Minister Tran Xuan Gia said Vietnam is committed to opening "
        "up the economy.")
    assert ("Ukraine", "AGREE", None, "asserted") not in coded(
        "Ukraine was asked to withdraw its troops from the border.")


def test_a_partys_own_means_are_not_its_recipient() -> None:
    """"will lead the American delegation": the delegation is Rubio's own, no other party;
    an object that is another party stays the recipient ("arrested protesters")."""
    found = coded("Secretary of State Marco Rubio will lead the American delegation to the "
                  "talks.")
    assert not any(obj == "United States" for _, _, obj, _ in found)
    assert ("Turkish police", "COERCE", "protesters", "asserted") in coded(
        "Turkish police arrested protesters in Istanbul on Saturday.")


def test_where_something_happened_is_not_what_it_struck() -> None:
    """Seen on the Wikinews corpus: "died in Moscow", "took place in Milwaukee" strike
    nothing; and a verbal act's infinitive is its content, not its purpose ("signed a deal
    to export gas" exports nothing yet)."""
    assert relations("Soviet cosmonaut Alexei Leonov, who died in Moscow, will be buried on "
                     "Tuesday.") == set()
    assert relations("Party business took place in Milwaukee, Wisconsin.") == set()
    assert "AID" not in relations("On September 19, 2018, Cyprus and Egypt had signed an "
                                  "alternative deal to export Aphrodite gas through these "
                                  "ports.")


def test_who_acts_at_a_request_answers_it() -> None:
    """"at the Iraqi government's request", "at the invitation of President Tokayev": the
    requester asked the clause's actor."""
    assert ("Iraq", "REQUEST", "United States", "asserted") in coded(
        "American troops returned to Iraq in 2014 at the Iraqi government's request.")
    assert ("Kassym-Jomart Tokayev", "REQUEST", "Russia", "asserted") in coded(
        "Russian troops entered Kazakhstan at the invitation of President Kassym-Jomart "
        "Tokayev.")


def test_naming_as_terrorists_accuses() -> None:
    found = coded("Turkey named both the Kurdistan Workers' Party (PKK) and People's "
                  "Protection Units (YPG) as terrorists.")
    assert ("Turkey", "ACCUSE", "Kurdistan Workers' Party", "asserted") in found
    assert relations("President Donald Trump named Mike Pompeo as Secretary of State.") \
        == set()


def test_an_ethnic_group_is_not_the_state_of_its_name() -> None:
    """"ethnic Turks" in Sweden are a people, not Turkey; plain "Turks" stay Turkey's."""
    found = coded("Up to 1,000 ethnic Turks began a hunger strike on Monday to protest "
                  "against Sweden's decision to send them back to Bulgaria.")
    assert ("ethnic Turks", "PROTEST", "Sweden", "asserted") in found
    assert not any(subject == "Turkey" for subject, _, _, _ in found)


def test_unnamed_people_stand_for_the_party_they_act_for() -> None:
    """"members of the European Union", "the spokesperson for the German government" act
    for it; an envoy "for Syria" is sent there and is no Syrian actor."""
    assert ("European Union", "ACCUSE", "Turkey", "asserted") in coded(
        "Members of the European Union condemned Turkey on Thursday.")
    assert ("Germany", "ACCUSE", "Russia", "asserted") in coded(
        "The spokesperson for the German government strongly condemned Russia.")
    assert not any(subject == "Syria" for subject, *_ in coded(
        "The UN envoy for Syria criticised Turkey."))


def test_a_clause_in_the_mandative_subjunctive_is_a_request_of_its_subject() -> None:
    """"recommended the troops withdraw": a bare verb with a subject and no auxiliary; a
    recommendation of a thing ("a review") asks no one, and the withdrawal is not a fact."""
    found = coded("The prime minister of Iraq, Adil Abdul-Mahdi, recommended the United "
                  "States withdraw its troops.")
    assert ("Adil Abdul-Mahdi", "REQUEST", "United States", "asserted") in found
    assert ("United States", "RETREAT", None, "asserted") not in found
    assert coded("The European Commission recommended a review of the rules.") == set()


def test_a_call_for_a_clause_is_a_request_and_an_audience_is_no_recipient() -> None:
    """"calling for the killers to be brought to justice" asks for justice of no one named;
    the reporters she addressed are its audience, not its recipient."""
    found = coded("On Thursday, Hatice Cengiz, fiancée of journalist Jamal Khashoggi, "
                  "addressed reporters in New York, calling for the killers of Khashoggi to "
                  "be brought to justice.")
    assert ("Hatice Cengiz", "REQUEST", None, "asserted") in found
    assert not any(obj == "reporters" for _, _, obj, _ in found)


def test_a_light_verbs_event_noun_names_its_recipient_with_of() -> None:
    """The subject of "voiced criticism" is its actor, so "of" names the criticised, as
    after a possessive; a preposition the parser hangs on the verb right after the noun
    is still the noun's ("joined the calls | for a ceasefire")."""
    assert ("France", "ACCUSE", "Russia", "asserted") in coded(
        "France voiced criticism of Russia on Monday.")
    assert ("Boris Johnson", "REQUEST", None, "asserted") in coded(
        "Boris Johnson joined the calls for a ceasefire.")


def test_verbs_of_authorship_and_opening_carry_their_event_noun() -> None:
    """Who orchestrated an attack made it; opening talks holds them ("light" verbs), while
    opening a factory is no event."""
    assert ("Osama bin Laden", "ASSAULT", "United States", "asserted") in coded(
        "Osama bin Laden orchestrated the 9/11 attacks on the United States.")
    assert ("Israel", "CONSULT", "Hamas", "asserted") in coded(
        "Israel and Hamas opened talks in Cairo on Monday.")
    assert coded("The company opened a factory in China.") == set()


def test_firing_a_person_dismisses_them() -> None:
    """"fire" is CAMEO's attack verb; with a person or a post as its object it dismisses."""
    assert coded("On Tuesday, President Donald Trump fired his national security "
                 "adviser.") == set()
    assert ("Hamas", "ASSAULT", "Israel", "asserted") in coded(
        "Hamas fired rockets at Israel on Sunday.")


def test_forces_pledged_to_a_country_are_a_commitment_to_it() -> None:
    """An announced deployment "to" a named country is a pledge (AGREE) to it; sent
    "into" one, forces threaten."""
    found = coded("The United States was more forceful in blaming Iran for the attack, "
                  "committing to send more troops to Saudi Arabia.")
    assert ("United States", "AGREE", "Saudi Arabia", "asserted") in found
    assert ("United States", "THREATEN", "Saudi Arabia", "asserted") not in found
    assert "THREATEN" in relations("Russia threatened to send troops into Ukraine.")


def test_a_granted_request_was_made_of_who_grants_it() -> None:
    """"will comply with the request of Johnson": Johnson asked the Queen; a rejected demand
    is the one rejection between them (PLOVER codes the sentence's event once)."""
    assert ("Boris Johnson", "REQUEST", "Elizabeth II", "asserted") in coded(
        "Yesterday, the United Kingdom's Queen Elizabeth II announced she will comply with "
        "the request of Prime Minister Boris Johnson to suspend Parliament.")
    found = coded("Serbia on Thursday flatly rejected the demand of Australia to hand over "
                  "a guard.")
    assert ("Serbia", "REJECT", "Australia", "asserted") in found
    assert not any(relation == "REQUEST" for _, relation, _, _ in found)


def test_a_pattern_object_is_found_by_its_synonym() -> None:
    """CAMEO writes "block road"; news writes streets and highways."""
    assert ("protesters", "PROTEST", None, "asserted") in coded(
        "Protesters blocked the highway to the airport on Monday.")


def test_kinds_of_people_the_dictionary_lacks_act_as_civilians() -> None:
    """``agent_additions.tsv``: youths and a person's supporters are generic actors."""
    assert ("Palestinian youths", "ASSAULT", "Israeli soldiers", "asserted") in coded(
        "Palestinian youths threw stones at Israeli soldiers.")
    assert "PROTEST" in relations("About 200 supporters of former President Ahmed Ben Bella "
                                  "blocked roads in the capital city of Algiers.")


def test_declaring_a_state_of_emergency_coerces() -> None:
    """CAMEO 1724: a state of emergency or siege, martial law; "declare" carries its noun,
    which is read with its "of" ("a state of emergency")."""
    assert ("Thailand", "COERCE", None, "asserted") in coded(
        "Thailand declared a state of emergency in Bangkok on Thursday.")
    assert ("Hamas", "RETREAT", "Israel", "asserted") in coded(
        "Hamas declared a ceasefire with Israel.")


def test_a_measure_is_read_with_what_it_measures() -> None:
    """"delivered 700 kg of medicine": the pattern is "deliver" + the medicine, aid."""
    assert ("Switzerland", "AID", "Red Crescent", "asserted") in coded(
        "Switzerland delivered 700 kg of medicine to the Red Crescent.")


def test_people_arriving_from_a_place_bring_no_aid() -> None:
    """CAMEO's "arrive from" has aid as its subject; people arriving are no aid."""
    assert coded("The refugees arrived from Berlin on Monday.") == set()


def test_what_was_struck_lies_in_the_place_after_it() -> None:
    """"attacked oil infrastructure | in Saudi Arabia": the parser hangs the "in" on the
    verb; right after the object it is the object's. A verb's own place is no target."""
    assert ("Iran", "ASSAULT", "Saudi Arabia", "asserted") in coded(
        "Iran attacked oil infrastructure in Saudi Arabia.")
    assert coded("The president of Belarus died in Moscow.") == set()


def test_disapproval_with_a_thing_accuses_its_owner() -> None:
    """CAMEO's "express disappointment" is an accusation; "with" names what displeased."""
    assert ("United States", "ACCUSE", "Iraq", "asserted") in coded(
        "The US expressed disappointment with Iraq's decision.")


def test_an_act_with_its_actor_named_by_by_takes_its_victim_from_of() -> None:
    assert ("United States", "ASSAULT", "Soleimani", "asserted") in coded(
        "The killing of Soleimani by the United States angered Iran.")


def test_the_target_of_an_attack_is_its_recipient() -> None:
    """"X was the target of a Y attack"; a hyphenated organisation ("Al-Qaeda") is one
    party, not the words either side of its hyphen."""
    assert ("Al-Qaeda", "ASSAULT", "Abqaiq", "asserted") in coded(
        "In 2006, Abqaiq was the target of an Al-Qaeda suicide attack.")
    assert ("Hamas", "ASSAULT", "Israel", "asserted") in coded(
        "Israel was the victim of a Hamas attack.")


def test_one_office_with_no_owner_is_no_generic_actor() -> None:
    """"the president" is one person, or no one: an actor named "president" would merge
    every president of the corpus. Owned, the official is their country's: "Taiwan's Vice
    Foreign Minister"; plural officials stay generic ("ministers")."""
    assert coded("The president criticised the opposition on Monday.") == set()
    assert ("Taiwan's foreign minister", "CONSULT", "Russia", "asserted") in coded(
        "Taiwan's Vice Foreign Minister visited Russia today.")
    assert ("ministers", "ACCUSE", "Russia", "asserted") in coded(
        "Ministers criticised Russia on Monday.")


def test_a_phrasal_verb_without_object_is_not_its_bare_verb() -> None:
    # "signed off" (went off the air) is no signing; "beat up" someone is still a beating
    assert not events("The BBC signed off at midnight and went off the air.")
    found = events("Soldiers from Israel beat up Palestinian detainees in Hebron.")
    assert any(r == "ASSAULT" for _, r, _ in found)


def _protests(text: str) -> set[tuple[str, str | None]]:
    return {(s.subject.name, s.object.name if s.object else None)
            for s in reading(text).statements
            if s.relation == "PROTEST" and s.factuality is Factuality.ASSERTED}


def test_a_protest_told_without_who_protests_is_protesters() -> None:
    assert ("protesters", "Serbia") in _protests(
        "Anti-government protests have been taking place since Tuesday in Belgrade.")
    assert ("protesters", None) in _protests(
        "Protests against the extradition bill filled the streets of Hong Kong.")
    # not a campaign rally, a denied protest, a protest named again or done by someone named,
    # nor the circumstance of another act
    assert not _protests("Erdogan spoke at an election rally in Istanbul.")
    assert not _protests("Protests are not reported in Mosul.")
    assert not _protests("Two people were killed in ethnic riots in Montenegro.")
    assert ("protesters", None) not in _protests(
        "Muslim groups staged violent protests in Karachi.")
