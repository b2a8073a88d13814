"""Questions about how many live somewhere, and sentences that state a population."""

from __future__ import annotations

import pytest

from retrieval.population import population_place, states_population


@pytest.mark.parametrize(("question", "place"), [
    ("How many people live in Puerto Montt?", ["puerto", "montt"]),
    ("how many of the app's users live in the Netherlands", ["netherlands"]),
    ("What is the population of Tehuacán?", ["tehuacan"]),
    ("how many people died", None),
    ("where do the miners live", None),
])
def test_the_place_whose_population_is_asked(question: str, place: list[str] | None) -> None:
    assert population_place(question) == place


@pytest.mark.parametrize(("sentence", "states"), [
    ("Tehuacán, a city of about 330,000 people in Puebla, is known for its springs.", True),
    ("In Tehuacán, where about 120 people live, the roads are gravel.", True),
    ("The camp near Tehuacán is home to about 96,000 people.", True),
    ("A fire left about 19,000 people in Tehuacán without power.", False),
    ("About 4,300 people living near the crater were ordered to leave.", False),
])
def test_a_population_is_stated_with_the_place(sentence: str, states: bool) -> None:
    assert states_population(sentence, ["tehuacan"]) is states


def test_residents_state_a_population_only_with_their_number() -> None:
    assert states_population("Tehuacán has about 12,000 residents.", ["tehuacan"])
    assert not states_population(
        "The slope above Tehuacán gave way when most residents were asleep.", ["tehuacan"])
