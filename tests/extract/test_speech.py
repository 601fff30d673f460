"""The speaker's own acts inside a quotation (kg/extract/speech.py), on real sentences."""

from __future__ import annotations

from kg.extract import EXTRACTORS, ORDER

from .reading import reading


def acts(text: str) -> set[tuple]:
    """(subject, relation, object, factuality) of the speech extractor's statements."""
    return {(s.subject.name, s.relation, s.object.name if s.object else None,
             s.factuality.value) for s in reading(text).statements
            if s.evidence.extractor == "speech"}


def test_a_first_person_clause_in_a_quotation_is_the_speakers_act() -> None:
    assert acts('NATO Secretary General Jens Stoltenberg said: "I count on Turkey to act '
                'with restraint."') == {("Jens Stoltenberg", "REQUEST", "Turkey", "asserted")}
    assert ("Morgan Ortagus", "REQUEST", "Iraq", "asserted") in acts(
        '"We strongly urge Iraqi leaders to reconsider the importance of the ongoing economic '
        'and security relationship," State Department spokeswoman Morgan Ortagus said.')


def test_what_a_speaker_says_of_others_is_not_their_act() -> None:
    """Third persons in a quotation act in the speaker's words, not as the article says."""
    assert acts('Turkish President Recep Tayyip Erdogan said: "The European Union must stop '
                'threatening Turkey and they need to stand by us."') == set()


def test_a_first_person_refusal_is_the_speakers_refusal() -> None:
    found = acts('"We will not accept any more refugees," Syrian Foreign Minister Walid '
                 'Muallem said.')
    assert ("Walid Muallem", "REJECT", "refugees", "asserted") in found


def test_the_speech_extractor_runs_after_the_quotations_it_reads() -> None:
    assert ORDER.index("speech") > ORDER.index("quotes")
    assert EXTRACTORS["speech"].reads == ("SAID",)
