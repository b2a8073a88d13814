"""Capitalised terms spaCy takes for names: WordNet knows them as something else.

spaCy labels "the Iron Age" a person and the "BC" of "300 BC" a body. WordNet knows "Iron Age"
as a whole, as a period and never as a person, and "BC" only as an adverb (before Christ):
neither is the name of a person or a body.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice


@lru_cache(maxsize=1)
def _named_roots() -> frozenset[int]:
    """WordNet's synsets for what a name can name: a person, a group, a place."""
    from retrieval.lexicon import _place_roots, get_wordnet

    wordnet = get_wordnet()
    if wordnet is None:
        return frozenset()
    return frozenset({*wordnet.synset_offsets("person", "n")[:1],
                      *wordnet.synset_offsets("social_group", "n")[:1], *_place_roots(wordnet)})


@lru_cache(maxsize=10_000)
def known_term_not_a_person(name: str) -> bool:
    """Whether WordNet knows the name of two or more words as one noun none of whose senses
    is a person, a group or a place ("Iron Age", "Middle Ages"; not "Mark Twain", an instance
    of a writer, nor "Red Cross", an organisation)."""
    from retrieval.lexicon import PERSON_DEPTH, _hypernym_levels, get_wordnet

    words = name.split()
    wordnet = get_wordnet()
    if wordnet is None or len(words) < 2 or not all(w.isalpha() for w in words):
        return False
    senses = wordnet.synset_offsets("_".join(words).lower(), "n")
    if not senses:
        return False
    named = _named_roots()
    return not any(
        not level.isdisjoint(named)
        for offset in senses
        for level in islice(_hypernym_levels(wordnet, [offset]), PERSON_DEPTH + 1))


#: How far up a holiday's sense may be from WordNet's "holiday" (Easter → movable feast →
#: feast day → religious holiday → holiday).
_HOLIDAY_DEPTH = 5


@lru_cache(maxsize=10_000)
def names_a_holiday(name: str) -> bool:
    """Whether ``name`` is one word that WordNet knows, capitalised, as a holiday ("Easter",
    "Christmas", "Passover") and never as a person, a group or a place: "a government by
    Easter" names no one. Not a month ("May", also a surname)."""
    from retrieval.lexicon import PERSON_DEPTH, _hypernym_levels, get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or not name.isalpha() or not name[:1].isupper() or name.isupper():
        return False
    lemma = name.lower()
    holidays = set(wordnet.synset_offsets("holiday", "n")[:2])
    named = _named_roots()
    holiday = False
    for offset in wordnet.synset_offsets(lemma, "n"):
        if not wordnet.is_proper_sense(lemma, offset):
            continue  # a common-noun sense ("easter", a wind) does not count
        levels = list(islice(_hypernym_levels(wordnet, [offset]), PERSON_DEPTH + 1))
        if any(not level.isdisjoint(named) for level in levels):
            return False
        holiday = holiday or any(not level.isdisjoint(holidays)
                                 for level in levels[:_HOLIDAY_DEPTH + 1])
    return holiday


@lru_cache(maxsize=10_000)
def adverb_in_capitals(name: str) -> bool:
    """Whether ``name`` is one word in capitals that WordNet knows only as an adverb ("BC",
    "AD" is also a noun)."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or not name.isalpha() or not name.isupper() or len(name) < 2:
        return False
    lemma = name.lower()
    return bool(wordnet.synset_offsets(lemma, "r")) and not any(
        wordnet.synset_offsets(lemma, pos) for pos in ("n", "v", "a"))


@lru_cache(maxsize=10_000)
def names_a_language(name: str) -> bool:
    """Whether ``name`` is one word that WordNet knows, capitalised, only as a language and
    the people who speak it ("Quechua", "Basque", "Tamil"), never as a place: "speaking in
    X" or "the X communities" names no place nor body, though spaCy often reads it as one."""
    from retrieval.lexicon import _hypernym_levels, _place_roots, get_wordnet

    wordnet = get_wordnet()
    if wordnet is None or not name.isalpha() or not name[:1].isupper() or name.isupper():
        return False
    lemma = name.lower()
    roots = {word: wordnet.synset_offsets(word, "n")[:1]
             for word in ("language", "person", "social_group")}
    if not all(roots.values()):
        return False
    places = _place_roots(wordnet)
    language = False
    for offset in wordnet.synset_offsets(lemma, "n"):
        if not wordnet.is_proper_sense(lemma, offset):
            continue  # a common-noun sense ("guarani" the currency) does not count
        levels = list(islice(_hypernym_levels(wordnet, [offset]), 15))
        above = set().union(*levels)
        if not above.isdisjoint(places):
            return False
        if roots["language"][0] in above:
            language = True
        elif roots["person"][0] not in above and roots["social_group"][0] not in above:
            return False  # a sense that is neither the language nor its people
    return language
