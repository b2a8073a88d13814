"""Bodies' names spaCy misreads: typed as buildings, or cut after a nationality.

spaCy often labels "the Seoul Central District Court" a facility (FAC), which the entity
list would show as a place; but a name ending in a capitalised noun for a body that is no
building ("Court", "Ministry", "Authority", "Commission") names the body — its building
would be "the X courthouse". Venue nouns that name both ("Centre", "Station") are left to
the words around the name (``retrieval.entity_kinds``). And spaCy sometimes leaves a
body's nationality outside its name ("the [Turkish] [Red Crescent]"), reading it as a group.
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


#: Nouns that open a place's own name before a country's ("Mainland China", "Metro Manila").
_PLACE_OPENERS = frozenset(VENUE_NOUNS | {"mainland", "isle", "greater", "inner", "outer"})


def agency_named_for_a_country(doc: Doc, start: int, end: int) -> bool:
    """"Statistics Netherlands", "Health Canada", "Sport England": a capitalised field noun
    (a common noun, no adjective, no person, no place's noun) before the name of a country
    or region names a public body after its field and the place it serves, the way national
    agencies are named; the whole is no place WordNet knows ("Saudi Arabia" is)."""
    from retrieval.lexicon import get_wordnet, is_adjective, is_known_place, is_person_noun

    if end - start != 2:
        return False
    field, place = doc[start], doc[start + 1]
    wordnet = get_wordnet()
    if wordnet is None or not (field.text.istitle() and place.text[:1].isupper()):
        return False
    word = field.lower_
    return wordnet.is_common_word(field.text) and not is_adjective(word) and not (
        is_person_noun(word)) and word not in _PLACE_OPENERS and is_known_place(
        place.text, every_sense=False) and not is_known_place(doc[start:end].text,
                                                               every_sense=False)


def extend_back_over_nationality(doc: Doc, start: int) -> int:
    """Where a body's name starts when spaCy left its nationality outside as a group (NORP):
    "the Turkish Red Crescent" is one name when "the" stands before the adjective and the
    name goes on with a common word ("Red"); a brand ("the Russian Gazprom") does not take
    it. Where the body is based may stand between "the" and the adjective ("the Ankara-based
    Turkish Red Crescent")."""
    from retrieval.lexicon import get_wordnet

    if start < 2 or start >= len(doc):
        return start
    adjective = doc[start - 1]
    if adjective.ent_type_ != "NORP" or adjective.ent_iob_ != "B" or (
            not adjective.text[:1].isupper()) or doc[_before_where_based(doc, start - 1)
                                                     ].lower_ != "the":
        return start
    wordnet = get_wordnet()
    first = doc[start]
    if wordnet is None or not first.text[:1].isupper() or not (
            wordnet.is_common_word(first.text) or wordnet.has_common_noun_sense(first.text)):
        return start
    return start - 1


#: A country's initials, which open the names of its bodies ("the US District Court").
COUNTRY_INITIALS = frozenset({"US", "U.S.", "UK", "U.K."})


def country_initials_before_body(doc: Doc, index: int) -> bool:
    """``doc[index]`` is a country's initials spaCy tagged as a place of their own right
    before a body's name it tagged ("[US] [District Court]"): they open the body's name."""
    token = doc[index]
    return token.text in COUNTRY_INITIALS and token.ent_type_ == "GPE" and (
        token.ent_iob_ == "B") and index + 1 < len(doc) and doc[index + 1].ent_type_ == "ORG" and (
        doc[index + 1].ent_iob_ == "B") and doc[index + 1].text[:1].isupper() and (
        token.whitespace_ == " ")


def _before_where_based(doc: Doc, index: int) -> int:
    """The index of the word before "X-based" when it ends right before ``index`` ("the
    Ankara-based"), else of the word right before ``index``; 0 at the start of the text."""
    before = index - 1
    if before >= 2 and doc[before].lower_ == "based" and doc[before - 1].text in {"-", "–"}:
        before -= 2
        while before > 0 and doc[before - 1].text[:1].isupper() and (
                doc[before - 1].lower_ != "the"):
            before -= 1  # "the Buenos Aires-based"
        before -= 1
    return max(before, 0)
