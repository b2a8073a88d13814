"""Bodies spaCy reads as buildings or places: what the last word of a name says it is.

spaCy often labels "the Seoul Central District Court" a facility (FAC), which the entity
list would show as a place; but a name ending in a capitalised noun for a body that is no
building ("Court", "Ministry", "Authority", "Commission") names the body — its building
would be "the X courthouse". Venue nouns that name both ("Centre", "Station") are left to
the words around the name (``retrieval.entity_kinds``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.entity_rules import BODY_NOUNS, VENUE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Last words of bodies' names that never name a building or an area.
_BODIES_ONLY = frozenset(BODY_NOUNS - VENUE_NOUNS)
#: spaCy labels that the entity list reads as places.
_PLACE_LABELS = frozenset({"FAC", "GPE", "LOC"})


def body_read_as_place(doc: Doc, start: int, end: int, label: str) -> bool:
    """A name of two or more words that spaCy labels a facility or a place while its last
    word, capitalised, is a body's noun that names no building ("the X District Court")."""
    if label not in _PLACE_LABELS or end - start < 2:
        return False
    last = doc[end - 1]
    return last.text[:1].isupper() and last.lower_ in _BODIES_ONLY
