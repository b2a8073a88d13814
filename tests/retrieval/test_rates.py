"""Questions that ask for a rate, and sentences that give one."""

from __future__ import annotations

import pytest

from retrieval.rates import rate_asked, states_rate


@pytest.mark.parametrize(("question", "unit"), [
    ("How many containers does Hamburg handle a year?", "year"),
    ("how much do farmers get per kilo", "kilo"),
    ("how much per share is dunmore offering", "share"),
    ("how many hours a week will people get water", "week"),
    ("how many calls can the bot deal with without a person", None),
    ("how many people died", None),
])
def test_the_unit_of_the_rate_asked(question: str, unit: str | None) -> None:
    assert rate_asked(question) == unit


@pytest.mark.parametrize(("sentence", "unit", "states"), [
    ("The bridge carried about 9,000 vehicles a day.", "day", True),
    ("Farmgate prices dropped to around 98,000 dong a kilogram.", "kilo", True),
    ("Daily wages for pickers have risen to 350,000 dong.", "day", True),
    ("Critics said the annual rent of 300,000 euros was too low.", "year", True),
    ("It is offering 11.25 dollars for each Tamarack share.", "share", True),
    ("The port said 31 large vessels were at anchor.", "year", False),
    ("Farmgate prices dropped to around 98,000 dong a kilogram.", "day", False),
    # a length of time, not a rate
    ("It is the largest stone found anywhere in more than a year.", "year", False),
    ("Trains will stop for half a day while the line is inspected.", "day", False),
    ("The mine produced about 300,000 carats a year before the slump.", "year", True),
])
def test_a_rate_is_stated_in_the_unit_asked(sentence: str, unit: str, states: bool) -> None:
    assert states_rate(sentence, unit) is states
