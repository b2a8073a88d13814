"""Questions that ask for a sum of money, and sentences that state one."""

from __future__ import annotations

import pytest

from retrieval.answer_spans import states_a_sum
from retrieval.asked_details import unstated_detail
from retrieval.prices import price_asked


@pytest.mark.parametrize(("question", "asked"), [
    ("How much were the hackers asking for the stolen data?", True),
    ("how much does a dozen eggs cost now", True),
    ("how much is the airline paying for the charter jets", True),
    ("How much is the bid worth?", True),
    ("how much more snow is on the way", False),
    ("how much water does each family get per day", False),
    ("how many people were paid", False),
])
def test_a_question_that_asks_for_money(question: str, asked: bool) -> None:
    assert price_asked(question) is asked


@pytest.mark.parametrize(("sentence", "states"), [
    ("Construction cost about 22 trillion pesos ($5.4 billion).", True),
    ("The government would pay 15,000 lari to every household.", True),
    ("The club joined for a fee of 38 million euros.", True),
    ("The stolen data includes names and the first seven digits of ID numbers.", False),
    ("The country ships about 7 billion eggs a year.", False),
])
def test_a_sentence_that_states_a_sum(sentence: str, states: bool) -> None:
    assert states_a_sum(sentence) is states


def test_a_price_asked_and_only_a_count_given_is_a_reason_to_abstain() -> None:
    question = "how much does a dozen eggs cost now"
    assert unstated_detail(question, "The country ships about 7 billion eggs a year.")
    assert unstated_detail(question, "A dozen eggs now costs 4.20 euros.") is None
