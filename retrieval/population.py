"""Questions about how many live somewhere, and the sentences that say so.

"How many people live in Recife?" asks for a population. A news sentence with the place and
a count of people in it ("leaving about 19 million people without power", "About 4,300
people living within 15 kilometres of the crater") counts something else, and the words
match well enough that coverage alone would answer with it. A sentence that states a
population says who lives there ("In Zabardo, where about 120 people live"), calls the place
home to some number ("The camp is home to about 96,000 people"), gives its size as a
settlement ("Tehuacán, a city of about 330,000 people") or names its population, inhabitants
or a number of residents ("most residents were asleep" is no population) — and names the
place it is about.
"""

from __future__ import annotations

import re

from retrieval.tokens import plain_words

#: "how many (people) live in X", "what is the population of X": the place is the group.
_ASKS_POPULATION = re.compile(
    r"^\s*(?:how\s+many\b.*?\b(?:live|lives|reside|resides|inhabit)\s+(?:in|on|at)|"
    r"(?:what(?:'s|’s|\s+is|\s+was)|how\s+big\s+is)\s+(?:the\s+)?population\s+of)"
    r"\s+(?P<place>.+?)\s*(?:today|now)?\s*\??\s*$",
    re.IGNORECASE)
#: How a sentence states a population (the number itself is the answer span's business).
_STATES_POPULATION = re.compile(
    r"\b(?:liv(?:e|es|ed|ing)\b|resid(?:e|es|ed|ing)\b|inhabit\w*|populat\w*|home\s+to|"
    r"\d[\d,.]*\s+(?:(?:million|billion|thousand)\s+)?residents|"
    r"(?:city|town|village|hamlet|country|nation|island|province|region|district|state|"
    r"county|municipality|settlement|community|capital|suburb|port)\s+of\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|over|more\s+than|fewer\s+than|"
    r"less\s+than|just\s+over|just\s+under)\s+)?\d)",
    re.IGNORECASE)
_SKIPPED = frozenset({"the", "a", "an", "of", "and", "in", "its", "their", "this", "that"})
#: Places named by no name ("how many people live in the area"): the story's own place, which
#: a sentence about who lives there need not name again.
_UNNAMED_PLACES = frozenset({"area", "areas", "region", "zone", "vicinity", "surroundings",
                             "there", "here", "nearby"})


def population_place(text: str) -> list[str] | None:
    """The words naming the place whose population the question asks for ("Puerto Montt",
    "the app's users… the Netherlands" → ["netherlands"]), or None when it asks no such
    thing."""
    match = _ASKS_POPULATION.match(text)
    if match is None:
        return None
    place = [word for word in plain_words(match["place"]) if word not in _SKIPPED]
    if set(place) <= _UNNAMED_PLACES:
        return None
    return place


#: A population given by the place's kind: "*the town's 3,700 residents*" (which town is the
#: business of the sentence's context, as for any other word the question asks).
_SETTLEMENT_POPULATION = re.compile(
    r"\bthe\s+(?:city|town|village|hamlet|island|settlement|community|suburb|port)['’]s\s+"
    r"(?:(?:about|around|some|roughly|nearly|almost|over|more\s+than|fewer\s+than|"
    r"less\s+than)\s+)?\d[\d,.]*\s+(?:(?:million|thousand)\s+)?(?:residents|inhabitants|"
    r"people)\b", re.IGNORECASE)


def states_population(sentence: str, place: list[str]) -> bool:
    """Whether ``sentence`` says how many live in the place: it names the place (every word
    of it) and states a population, or gives the population of "the town"."""
    if _SETTLEMENT_POPULATION.search(sentence):
        return True
    words = set(plain_words(sentence))
    return all(word in words for word in place) and _STATES_POPULATION.search(
        sentence) is not None
