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
])
def test_a_detail_asked_and_not_stated_is_a_reason_to_abstain(
        question: str, sentence: str, unstated: bool) -> None:
    assert (unstated_detail(question, sentence) is not None) is unstated
