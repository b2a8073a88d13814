"""The detail a question asks for, and whether a sentence states it."""

from __future__ import annotations

import pytest

from retrieval.asked_details import unstated_detail


@pytest.mark.parametrize(("question", "sentence", "unstated"), [
    ("what sentence did angelov get", "Angelov is being tried separately.", True),
    ("what sentence did angelov get", "Angelov was sentenced to five years in prison.", False),
    ("what's the ferry called", "The ferry, operated by Adria Lines, left Split.", True),
    ("how many containers does hamburg handle a year", "31 ships waited off Hamburg.", True),
    ("how many people live in recife", "Recife, a city of 1.5 million people, went dark.",
     False),
    ("who runs the port", "31 ships waited off Hamburg.", False),
    ("what is the name of the glacier above the lake",
     "The lake sits beneath a retreating glacier in the Alamedin valley.", True),
    ("what is the name of the glacier above the lake",
     "The lake is fed by the Adygine glacier.", False),
    ("which journal published the study",
     "It was published on Wednesday after review by independent scientists.", True),
    ("which journal published the study", "The study appeared in The Lancet on Wednesday.",
     False),
])
def test_a_detail_asked_and_not_stated_is_a_reason_to_abstain(
        question: str, sentence: str, unstated: bool) -> None:
    assert (unstated_detail(question, sentence) is not None) is unstated


def test_a_which_question_with_an_answer_type_is_left_to_the_type_check() -> None:
    # "which union": ORG, which the answer type checks; a union named in lower case
    # ("the services union ver.di") must not be abstained on for want of a capital
    sentence = "The walkout was called by the services union ver.di on Monday."
    assert unstated_detail("which union called the strike", sentence) is not None
    assert unstated_detail("which union called the strike", sentence,
                           frozenset({"ORG"})) is None
