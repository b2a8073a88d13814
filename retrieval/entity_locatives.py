"""Where a name is, stated right after it: the locative appositions of news writing.

News places a little-known town by what follows its name: "X, in western Turkey," or "X, about
90 km east of Y,". Only a place is located that way (a company is "based in" somewhere, a
person "from" somewhere), so these phrases state a place as firmly as "X, a town in...".
spaCy, which reads the name alone, often takes such an unfamiliar town for a company or a
person. These rules only read tokens; ``retrieval.entities`` turns the answer into a kind cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Points of the compass, alone or as adjectives ("east of Y", "in western Y").
COMPASS_WORDS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "northern", "southern", "eastern",
    "western", "central", "northeastern", "northwestern", "southeastern", "southwestern",
    "north-eastern", "north-western", "south-eastern", "south-western",
})
#: Units of distance ("90 km east of Y").
DISTANCE_UNITS = frozenset({
    "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "mi",
    "metre", "metres", "meter", "meters", "m",
})
#: Hedges before a distance ("about 90 km").
_HEDGES = frozenset({"about", "some", "around", "roughly", "nearly", "almost", "just",
                     "approximately", "more", "less", "than", "over", "under"})
#: spaCy labels of a name that can locate another ("in western Turkey").
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _compass_of(doc: Doc, index: int) -> int | None:
    """Past "east of", "north-east of" at ``index``: where the place after "of" starts."""
    if index + 2 < len(doc) and doc[index + 1].text in {"-", "–"} and (
            f"{doc[index].lower_}-{doc[index + 2].lower_}" in COMPASS_WORDS):
        index += 3  # spaCy splits "north-east" at the hyphen
    elif index < len(doc) and doc[index].lower_ in COMPASS_WORDS:
        index += 1
    else:
        return None
    return index + 1 if index < len(doc) and doc[index].lower_ == "of" else None


def _distance_from(doc: Doc, index: int) -> bool:
    """"About 90 km east of Y", "east of Y", "12 miles north-west of Y" from ``index``."""
    while index < len(doc) and doc[index].lower_ in _HEDGES:
        index += 1
    if index + 1 < len(doc) and doc[index].like_num and doc[index + 1].lower_ in DISTANCE_UNITS:
        index += 2
    elif index < len(doc) and doc[index].like_num and doc[index].lower_[-2:] == "km":
        index += 1  # "90km", one token
    after = _compass_of(doc, index)
    return after is not None and after < len(doc) and doc[after].pos_ == "PROPN"


def _inside_a_place(doc: Doc, index: int) -> bool:
    """"In western Turkey", "in Turkey's Black Sea province": "in", compass words, then a
    name spaCy reads as a country, city or region."""
    if index >= len(doc) or doc[index].lower_ != "in":
        return False
    index += 1
    while index < len(doc) and doc[index].lower_ in COMPASS_WORDS:
        index += 1
    return index < len(doc) and doc[index].ent_type_ in _PLACE_LABELS and (
        doc[index].ent_iob_ == "B")


def located_after(doc: Doc, end: int, *, inside: bool = True) -> bool:
    """"X, in western Turkey," or "X, about 90 km east of Y": the words after the comma
    locate the name, so it is a place. ``inside=False`` leaves out "X, in Y", which might
    also be a person's whereabouts ("Jane Doe, in Paris, said")."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    return _distance_from(doc, end + 1) or (inside and _inside_a_place(doc, end + 1))


def place_then_region(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"Auckland, New Zealand", "Paris, Texas": news places a town by the country or state
    after a comma, and spaCy sometimes reads the pair as one name (often a company). When the
    words after the comma name a place WordNet knows, the span is two places; the token ranges
    of both, or an empty list."""
    from retrieval.entity_spans import is_name_token
    from retrieval.lexicon import is_known_place

    while start < end and doc[start].lower_ == "the":
        start += 1
    commas = [index for index in range(start, end) if doc[index].text == ","]
    if len(commas) != 1 or not start < commas[0] < end - 1:
        return []
    comma = commas[0]
    parts = [(start, comma), (comma + 1, end)]
    if not all(is_name_token(token) for part in parts for token in doc[part[0]:part[1]]):
        return []
    return parts if is_known_place(doc[comma + 1:end].text, every_sense=False) else []
