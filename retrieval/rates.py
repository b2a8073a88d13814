"""Questions that ask for a rate ("how many a day", "how much per kilo"), and sentences that
give one.

"How many containers does Hamburg handle a year?" asks for a number per year; a sentence
about Hamburg's port with a number in it ("31 large vessels were at anchor") gives a count,
not a rate, and the question's words match it well enough that coverage alone would answer.
A sentence that answers says the rate in the same unit: "about 9,000 vehicles a day", "98,000
dong a kilogram", "for each Tamarack share", "daily wages", "the annual rent".
"""

from __future__ import annotations

import re

#: Each unit a rate is given in, with the words a sentence may say it with.
_UNITS = {
    "day": ("day", "days", "daily", "night", "nightly"),
    "week": ("week", "weekly"),
    "month": ("month", "monthly"),
    "year": ("year", "yearly", "annual", "annually", "annum"),
    "hour": ("hour", "hourly"),
    "kilo": ("kilo", "kilogram", "kilogramme", "kg"),
    "tonne": ("tonne", "ton"),
    "litre": ("litre", "liter"),
    "share": ("share",),
}
_SPOKEN = {word: unit for unit, words in _UNITS.items() for word in words
           if not word.endswith(("ly", "ual", "um"))}
#: "how many … a day", "how much … per kilo", "what price … per kilo": the rate's unit.
_ASKS_RATE = re.compile(
    r"^\s*(?:how\s+(?:many|much)|what\s+(?:price|rate))\b.*?\b(?:per|each|a|an|every)\s+"
    r"(?P<unit>" + "|".join(sorted(_SPOKEN, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)


def rate_asked(question: str) -> str | None:
    """The unit of the rate the question asks for ("day" for "how many a day"), or None."""
    match = _ASKS_RATE.search(question)
    return _SPOKEN[match["unit"].lower()] if match else None


def _rate_pattern(unit: str) -> re.Pattern[str]:
    spoken = "|".join(word for word in _UNITS[unit] if word in _SPOKEN)
    adverbs = "|".join(word for word in _UNITS[unit] if word not in _SPOKEN)
    # ("in more than a year", "for half a day", "within a week" are lengths of time)
    said = (rf"\b(?:per|each|every|(?<!\bthan\s)(?<!\bfor\s)(?<!\bhalf\s)(?<!\bwithin\s)"
            rf"(?<!\bover\s)(?<!\babout\s)(?:a|an))\s+(?:[^\W\d_]+\s+)?(?:{spoken})s?\b|"
            rf"/\s*(?:{spoken})\b")
    return re.compile(said + (rf"|\b(?:{adverbs})\b" if adverbs else ""), re.IGNORECASE)


_RATE_PATTERNS = {unit: _rate_pattern(unit) for unit in _UNITS}


def states_rate(sentence: str, unit: str) -> bool:
    """Whether ``sentence`` gives a rate in ``unit`` ("a day", "daily", "per kilogram")."""
    return _RATE_PATTERNS[unit].search(sentence) is not None
