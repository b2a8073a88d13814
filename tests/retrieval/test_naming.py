"""Questions that ask what something is called, and sentences that give its name."""

from __future__ import annotations

import pytest

from retrieval.naming import name_asked_of, says_the_name


@pytest.mark.parametrize(("question", "thing"), [
    ("whats the ferry called", "ferry"),
    ("What will the merged bank be called?", "bank"),
    ("what is the captain's name", "captain"),
    ("what time was the meeting called", None),
    ("who called the strike", None),
    ("what should i name my new cat", None),
    ("what is the name of the glacier above the lake", "glacier"),
    ("What is the name of Bulawayo's largest dam?", "dam"),
    ("what are the names of the two stolen portraits", "portrait"),
    # a person's name is the answer type's to check: "a rider, Huang Chih-wei"
    ("what was the name of the courier who got killed", None),
])
def test_the_thing_whose_name_is_asked(question: str, thing: str | None) -> None:
    assert name_asked_of(question) == thing


@pytest.mark.parametrize(("sentence", "thing", "says"), [
    ("The new ground, to be called the Joaquim Barros Stadium, opens in 2027.", "stadium", True),
    ("Prosecutors say his company, Bayanihan Harvest Investments, took the money.", "company",
     True),
    ("The Baltic Meridian ferry struck the gate.", "ferry", True),
    ("Captain Ahmed Musa said the ship was safe.", "captain", True),
    ("The ferry, operated by the private company Adria Trajekt, left Split at 7:30.", "ferry",
     False),
    ("A breath test on the ship's 47-year-old captain was negative.", "captain", False),
])
def test_a_name_is_given_beside_the_noun_or_in_so_many_words(
        sentence: str, thing: str, says: bool) -> None:
    assert says_the_name(sentence, thing) is says
