"""Named entities: from spaCy's raw spans to a clean, merged list a reader would write.

The public interface of the entity rules: ``Mention``, ``Entity``, ``extract_mentions`` and
``merge_mentions``. Two steps. ``extract_mentions`` cleans each NER span of one paragraph while
the spaCy ``Doc`` is alive (it needs part-of-speech tags and neighbouring words): possessives
and titles trimmed, fragments after a dash cut, names extended over what spaCy left out
(``retrieval.entity_spans``), non-names dropped, and the type fixed from the words around the
name ("at the X concert hall" is a place, "her husband X" a person, "the news weekly X" an
organisation: ``retrieval.entity_kinds``). This module adds the names spaCy missed or misread
and tidies the paragraph's list (names split at a particle, names in brackets, names listed
together). ``merge_mentions`` (``retrieval.entity_merge``) then joins aliases within one
article: a surname alone to the one full name that ends with it, initials to the name they
abbreviate ("US" → "United States"). The records live in ``retrieval.entity_records``, the
word lists in ``retrieval.entity_rules``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.attrs import ENT_TYPE, ORTH, POS
from spacy.symbols import PROPN

from retrieval.entity_bodies import (
    agency_named_for_a_country,
    body_read_as_place,
    country_initials_before_body,
    extend_back_over_nationality,
)
from retrieval.entity_joins import (
    body_owning_body,
    body_within_body,
    join_split_names,
    over_trailing_of,
    place_inside_body,
    place_over_and,
)
from retrieval.entity_kinds import (
    a_body_speaks,
    apposition_kind,
    at_a_site,
    based_after,
    based_before,
    business_cue,
    cited_as_source,
    copula_kind,
    dateline_city,
    dateline_end_of,
    fix_kind,
    foreign_kind,
    hometown_of_a_person,
    kind_after,
    listed_as_examples,
    listed_before_areas,
    listed_with_places,
    match_opponent,
    named_after_a_role,
    named_as_a_place,
    named_as_a_vessel,
    on_a_route,
    part_of_a_body,
    person_role_before,
    place_cue,
    range_of_places,
    role_noun_cue,
    said_of_a_thing,
    said_of_someone,
    ship_prefix_at,
    titled_by_a_role,
    venue_after,
    works_at,
)
from retrieval.entity_locatives import located_after, place_then_region
from retrieval.entity_merge import merge_mentions
from retrieval.entity_records import Entity, Mention
from retrieval.entity_rules import (
    ADMINISTRATIVE_NOUNS,
    BODY_NOUNS,
    CORPORATE_SUFFIXES,
    LABEL_KIND,
    LAW_WORDS,
    MEDIA_NOUNS,
    NAME_KINDS,
    NAME_PARTICLES,
    ORGANIZATION_NOUNS,
    PLAN_WORDS,
    POSSESSIVE_SUFFIXES,
    VENUE_NOUNS,
)
from retrieval.entity_spans import (
    acronym_after,
    before_a_titled_person,
    capitalised_common_noun,
    extend_back_over_and,
    extend_back_over_demonym,
    extend_foreign_head,
    extend_over_and,
    extend_over_bracketed_legal_form,
    extend_over_capitalised_venue,
    extend_over_compass,
    extend_over_legal_form,
    extend_over_of,
    extend_over_particle,
    extend_over_possessive_building,
    extend_over_possessive_office,
    extend_over_road_number,
    extend_over_venue_nouns,
    extend_person,
    extend_person_over_last_name,
    force_after,
    glued_to_next_word,
    in_short_quote,
    is_name_token,
    is_title_fragment,
    names_before_an_age,
    names_spelled_by_initials,
    person_after_opening_title,
    person_after_portfolio,
    portfolio_before_title,
    short_quotes,
    title_inside,
    titled_name_in,
    trim,
)
from retrieval.entity_terms import (
    adverb_in_capitals,
    known_term_not_a_person,
    names_a_holiday,
    names_a_language,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Entity", "Mention", "extract_mentions", "merge_mentions"]




def _media_named_the(doc: Doc) -> list[tuple[int, int]]:
    """Papers and channels whose name opens with "The", beside a press noun: "the newspaper
    The Star", "The Island newspaper". spaCy drops the article or reads the rest as a place."""
    found = []
    if len(doc) < 2:
        return found
    the = doc.vocab.strings["The"]
    orths = doc.to_array(ORTH).tolist()  # no Token object for the words that are not "The"
    for index in range(len(doc) - 1):
        if orths[index] != the or not is_name_token(doc[index + 1]):
            continue
        end = index + 1
        while end < len(doc) and doc[end].pos_ in {"PROPN", "NOUN"} and is_name_token(doc[end]):
            end += 1
        after = end < len(doc) and doc[end].lower_ in MEDIA_NOUNS and doc[end].text.islower()
        before = index > 0 and doc[index - 1].lower_ in MEDIA_NOUNS
        if end > index + 1 and (before or after or _reports(doc, index, end)):
            found.append((index, end))
    return found


def _reports(doc: Doc, the: int, end: int) -> bool:
    """"The Hindu reported", "The Herald reported on Thursday": a name that opens with "The"
    and reports news is a paper's (spaCy reads "Hindu" as a religion, and "Herald" alone is a
    common word); not a country ("The Netherlands reported 20 cases")."""
    from retrieval.lexicon import is_known_place

    return end < len(doc) and doc[end].lower_ in {"reported", "reports"} and not (
        is_known_place(doc[the + 1 : end].text, every_sense=False))


def _named_by_a_press_noun(doc: Doc, start: int, end: int) -> bool:
    """"the journal *Nature Astronomy*", "the magazine *Time*": capitalised words right after
    a lower-case press noun are the publication's name."""
    return start > 0 and doc[start - 1].lower_ in MEDIA_NOUNS and doc[start - 1].text.islower(
        ) and all(is_name_token(token) for token in doc[start:end])


def _named_before_a_press_noun(doc: Doc, start: int, end: int, kind: str) -> bool:
    """"*Tuoi Tre* newspaper reported", "*Kompas* daily reported": a name right before a
    lower-case press noun names the publication (not "paper": "the Smith paper" is a study).
    Not a place WordNet knows, nor after "a" or a possessive ("a Nairobi daily", "Rosario's
    daily"): there the name says where the paper is from."""
    if end >= len(doc) or doc[end].lower_ not in MEDIA_NOUNS - {"paper"} or not (
            doc[end].text.islower()) or (end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN"):
        return False
    if start > 0 and (doc[start - 1].lower_ in {"a", "an"} or doc[start - 1].tag_ == "POS"):
        return False
    if kind == "place":
        from retrieval.lexicon import is_known_place

        first = start + 1 if doc[start].lower_ == "the" else start
        return not is_known_place(doc[first:end].text, every_sense=False)
    return kind == "person"


def _unlabelled_names(doc: Doc) -> list[tuple[int, int, str]]:
    """Capitalised names spaCy missed whose neighbours say what they are: a venue noun after
    ("the Stade de France stadium"), an organisation noun before ("the Swedish operator X"),
    or an apposition ("X, the Lisbon sports daily,")."""
    found: list[tuple[int, int, str]] = []
    # entity type and POS of every token read at once: most tokens are not unlabelled proper
    # nouns, and need no Token object to tell
    rows = doc.to_array([ENT_TYPE, POS]).tolist() if len(doc) else []
    index = 0
    while index < len(doc):
        ent_type, pos = rows[index]
        if ent_type or pos != PROPN:
            index += 1
            continue
        token = doc[index]
        if not is_name_token(token):
            index += 1
            continue
        end = index + 1
        while end < len(doc) and (
            (doc[end].pos_ == "PROPN" and is_name_token(doc[end]) and not doc[end].ent_type_)
            or (doc[end].lower_ in NAME_PARTICLES and end + 1 < len(doc)
                and is_name_token(doc[end + 1]))
            or (doc[end - 1].lower_ in NAME_PARTICLES and is_name_token(doc[end]))
        ):
            end += 1
        if (body_end := _body_named_after_the(doc, index, end)) is not None:
            # "The Anti-Money Laundering Council (AMLC)", "the Durban Chamber of Commerce and
            # Industry": spaCy left the whole body unlabelled
            found.append((index, body_end, "organization"))
            index = body_end
            continue
        if (body_end := _body_named_after_the_nationality(doc, index, end)) is not None:
            # "the Indonesian Maritime Security Agency": the adjective opens the name
            found.append((index - 1, body_end, "organization"))
            index = body_end
            continue
        if foreign_kind(doc, index, end):
            kind = foreign_kind(doc, index, end)  # "outside the Estádio do X"
        elif end == index + 1 and 2 <= len(token.text) <= 6 and token.text.isupper() and (
                token.text.isalpha()) and end < len(doc) and doc[end].text.islower() and (
                doc[end].lower_ in ORGANIZATION_NOUNS and doc[end].pos_ == "NOUN"):
            kind = "organization"  # "the RMT union", "the AKP party": initials, then a body
        elif based_after(doc, end):
            kind = "place"  # "Oulu-based"
        elif named_as_a_place(doc, index) or located_after(doc, end) or listed_before_areas(
                doc, index, end) or range_of_places(doc, index) or _where_a_body_is(
                doc, index) or on_a_route(doc, index) or listed_with_places(doc, index, end):
            kind = "place"  # "the town of X", "X, 90 km east of Y", "from Lima to X"
        elif _ends_with_a_venue_noun(doc, index, end):
            kind = "place"  # "the Ramstein Air Base", which spaCy left unlabelled
            if index > 0 and _ORDINAL.fullmatch(doc[index - 1].text):
                index -= 1  # "the 52nd Air Base": the number is part of the name
        elif (name := person_after_portfolio(doc, index, end)) is not None:
            found.append((name, end, "person"))  # "Minister of Culture X Y", which spaCy missed
            index = end
            continue
        elif token.is_sent_start:
            kind = kind_after(doc, end)  # only an apposition vouches for a sentence's first word
        elif venue_after(doc, end):
            kind = "place"
        elif doc[index - 1].lower_ in ORGANIZATION_NOUNS and (
                doc[index - 1].pos_ == "NOUN" or doc[index - 1].lower_ in MEDIA_NOUNS) and (
                doc[index - 1].text.islower()):  # "the Sofia daily Sega"
            kind = "organization"
        else:
            kind = kind_after(doc, end)
        if kind:
            found.append((index, end, kind))
        index = end
    return found


#: Last words of a body's name spaCy left unlabelled ("... Council", "... Chamber").
_UNLABELLED_BODY_ENDS = frozenset(BODY_NOUNS - VENUE_NOUNS) | {"chamber"}


def _body_named_after_the(doc: Doc, start: int, end: int, the_at: int | None = None
                          ) -> int | None:
    """The end of "the X Y Council" when the unlabelled capitalised words ``start:end`` after
    "the" (with the capitalised words hyphens join to them: "Anti-Money") end on a body's noun
    that names no building, grown over "of …" and "and …"; None otherwise. "The" stands at
    ``the_at``, right before ``start`` unless said."""
    the_at = start - 1 if the_at is None else the_at
    if the_at < 0 or doc[the_at].lower_ != "the":
        return None
    while end + 1 < len(doc) and doc[end].text in {"-", "–"} and not doc[end].whitespace_ and (
            not doc[end - 1].whitespace_) and doc[end + 1].pos_ == "PROPN" and (
            is_name_token(doc[end + 1])) and not doc[end + 1].ent_type_:
        end += 2
        while end < len(doc) and doc[end].pos_ == "PROPN" and is_name_token(doc[end]) and (
                not doc[end].ent_type_):
            end += 1
    last = doc[end - 1]
    if end - start < 2 or not last.text.istitle() or last.lower_ not in _UNLABELLED_BODY_ENDS:
        return None
    return extend_over_and(doc, start, extend_over_of(doc, end))


def _body_named_after_the_nationality(doc: Doc, start: int, end: int) -> int | None:
    """The end of "the Indonesian Maritime Security Agency" when spaCy read the adjective as
    a nationality and left the rest unlabelled: "the", one nationality word, then the words
    of a body's name as ``_body_named_after_the`` reads them."""
    if start < 2 or doc[start - 2].lower_ != "the":
        return None
    adjective = doc[start - 1]
    if adjective.ent_type_ != "NORP" or adjective.ent_iob_ != "B" or (
            not adjective.text.istitle()):
        return None
    if end == start + 1 and doc[start].tag_ == "NNPS" and _a_group_s_plural(doc[start]) and (
            doc[start - 1].i + 1 == start) and (end == len(doc) or not doc[end].text[:1].isupper()):
        return end  # "the Scottish Conservatives": a party named by a plural
    return _body_named_after_the(doc, start, end, the_at=start - 2)


def _party_named_by_a_plural(doc: Doc, start: int, end: int) -> int | None:
    """Where "the Greens", "the French Socialists" or "the Liberal Democrats" starts (after
    "the"), which spaCy reads as a people: a capitalised plural of a common word after "the"
    and at most one nationality, or one capitalised adjective WordNet knows in lower case,
    names a party or movement. None otherwise."""
    if end == start + 2 and _a_common_adjective(doc[start]):
        adjective = start  # "[Liberal Democrats]", one span to spaCy
    elif end == start + 1 and start > 1 and doc[start - 1].ent_iob_ == "O" and (
            _a_common_adjective(doc[start - 1])):
        adjective = start - 1  # "Liberal [Democrats]"
    else:
        adjective = None
    if adjective is not None:
        plural = doc[end - 1]
        if plural.tag_ not in {"NNP", "NNPS"} or not _a_group_s_plural(plural, qualified=True):
            return None
        return adjective if adjective > 0 and doc[adjective - 1].lower_ == "the" else None
    if end != start + 1 or doc[start].tag_ not in {"NNP", "NNPS"} or not (
            _a_group_s_plural(doc[start])):
        return None
    first = start
    if first > 0 and doc[first - 1].ent_type_ == "NORP" and doc[first - 1].text.istitle():
        first -= 1
    return first if first > 0 and doc[first - 1].lower_ == "the" else None


def _a_common_adjective(token: Token) -> bool:
    """A capitalised adjective that WordNet knows in lower case ("Liberal", "Free"), not a
    nationality ("French", capitalised in WordNet)."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    return token.text.istitle() and token.pos_ in {"ADJ", "PROPN"} and wordnet is not None and (
        wordnet.is_common_word(token.lower_))


def _a_group_s_plural(token: Token, *, qualified: bool = False) -> bool:
    """A capitalised plural whose singular is a common word ("Greens", "Conservatives",
    "Nationals"): a party or movement named by what its members are, not a people (whose
    singular WordNet capitalises: "Kenyans"). After a qualifying adjective ("Liberal
    Democrats") a common sense of the singular in any rank will do."""
    from retrieval.lexicon import get_wordnet

    text = token.text
    if not text.istitle() or not text.endswith("s") or text.endswith("ss"):
        return False
    wordnet = get_wordnet()
    singular = text[:-1].lower()
    return wordnet is not None and (wordnet.is_common_word(singular)
                                    or wordnet.first_sense_is_common(singular)
                                    or (qualified and wordnet.has_common_noun_sense(singular)))


def _club_of_a_place(doc: Doc, start: int, end: int) -> int | None:
    """The index of "of" in "Cienciano of Cusco", a one-word name that is no common word nor
    a body's noun, then "of" and a place WordNet knows: the club and where it is from, two
    names ("the Bank of England", "Friends of the Earth" are one). None otherwise."""
    from retrieval.lexicon import get_wordnet, is_known_place

    if end - start < 3 or doc[start + 1].lower_ != "of":
        return None
    name, place = doc[start], doc[start + 2:end]
    wordnet = get_wordnet()
    if wordnet is None or not name.text[:1].isupper() or name.lower_ in BODY_NOUNS or (
            wordnet.is_common_word(name.text) or wordnet.has_common_noun_sense(name.text)):
        return None
    return start + 1 if is_known_place(place.text, every_sense=False) else None


def _where_a_body_is(doc: Doc, start: int) -> bool:
    """"The Mehran Agricultural University in X", "the Oceana Shipping Company in X": a name
    right after a body's name and "in" says where the body is, a place."""
    return start >= 2 and doc[start - 1].lower_ == "in" and doc[start - 2].ent_type_ == "ORG" and (
        doc[start - 2].text[:1].isupper())


#: Capitalised nouns that end the name of a place ("... Air Base", "... Lock", "... Square");
#: not those that mostly modify another noun ("Concert", "Bus") nor bodies' nouns.
_VENUE_NAME_ENDS = frozenset(VENUE_NOUNS - ORGANIZATION_NOUNS - {
    "concert", "football", "bus", "train", "tram", "railway", "underground", "metro", "venue",
    "stop", "track", "ground"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _ends_with_a_venue_noun(doc: Doc, start: int, end: int) -> bool:
    """An unlabelled name of two or more capitalised words whose last is a venue noun ("the
    Ramstein Air Base", "the Old Town Square") names a place; not when another capitalised
    word follows ("Base Camp Road" goes on)."""
    last = doc[end - 1]
    return end - start > 1 and last.text.istitle() and last.lower_ in _VENUE_NAME_ENDS and (
        end >= len(doc) or not is_name_token(doc[end]))


#: Labels of spans that may hold a town and its country ("Auckland, New Zealand").
_PAIR_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PERSON"})
#: Labels spaCy sometimes gives a place's name ("the Main Market Square" as a law).
MISREAD_LABELS = {"LAW", "WORK_OF_ART", "PRODUCT", "EVENT"}


def _misread_places(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Places inside a span labelled a law, a work of art, a product or an event: a name
    whose last word is a venue noun ("the Main Market Square", "Kolonaki Street"), or names
    joined by "and" where the words before say places ("between Graz and X")."""
    while start < end and doc[start].lower_ == "the":
        start += 1
    parts: list[tuple[int, int]] = []
    first = start
    for index in range(start, end + 1):
        if index == end or doc[index].lower_ in {"and", ","}:
            parts.append((first, index))
            first = index + 1
    if not all(p_end > p_start and is_name_token(doc[p_start]) and all(
            is_name_token(t) or t.lower_ in NAME_PARTICLES for t in doc[p_start:p_end])
            for p_start, p_end in parts):
        return []
    if len(parts) == 1:
        last = doc[end - 1]
        if based_after(doc, end) or _bare_name_after_place_word(doc, start, end) or (
                copula_kind(doc, end) == "place") or listed_before_areas(doc, start, end) or (
                _bare_name_before_venue_noun(doc, start, end)):
            return parts  # "the Kuopio-based company", which spaCy calls a product
        return parts if end - start > 1 and last.lower_ in VENUE_NOUNS else []
    return parts if place_cue(doc, *parts[0]) or (
        listed_as_examples(doc, *parts[0]) == "place") else []  # "districts such as A and B"


def _sea_or_region_read_as_group(doc: Doc, start: int, end: int) -> bool:
    """"Crossing the Adriatic", "in the Caribbean": spaCy reads the adjective of a sea or a
    region as a nationality, but after "the" and with no noun after it the word is the name
    of the sea or region itself ("the Adriatic coast" is an adjective), and WordNet knows it
    only as a place (not "the French", a people)."""
    from retrieval.lexicon import is_known_place

    if start < 1 or doc[start - 1].lower_ != "the" or not doc[start].text[:1].isupper():
        return False
    if end < len(doc) and doc[end].pos_ in {"NOUN", "PROPN", "ADJ"}:
        return False
    return is_known_place(doc[start:end].text)


#: Nouns of landforms and areas that follow a place's name ("the X volcano", "X province");
#: not settlements, which a people's name also precedes ("the Inuit village").
_FEATURE_OR_AREA_NOUNS = ADMINISTRATIVE_NOUNS | {
    "volcano", "river", "lake", "mountain", "mountains", "range", "hills", "peninsula", "bay",
    "gulf", "strait", "desert", "glacier", "delta", "valley", "island", "plateau", "plain",
    "port", "harbour", "harbor", "airport", "area"}


def _place_read_as_group(doc: Doc, start: int, end: int) -> bool:
    """"The Copahue volcano", "in Kunar province": a proper noun spaCy reads as a
    nationality, before a lower-case noun of a landform or an area, names the place when it
    is no adjective ("the Chilean coast") and WordNet knows it only as a place or not at
    all (not a people)."""
    from retrieval.lexicon import is_adjective, is_known_place, is_noun

    if end >= len(doc) or not doc[end].text.islower() or (
            doc[end].lower_ not in _FEATURE_OR_AREA_NOUNS):
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() and not is_adjective(t.lower_)
               and (not is_noun(t.lower_) or is_known_place(t.text)) for t in doc[start:end])


#: Prepositions of place and motion before "the X" ("through the High Atlas").
_THROUGH_THE = frozenset({"in", "into", "through", "across", "over", "along", "from", "to",
                          "near", "around", "beyond", "towards", "toward"})


def _a_person_read_after_the(doc: Doc, start: int, end: int) -> bool:
    """"Through the High Atlas", "across the Sahel": a name spaCy reads as a person after a
    preposition of place and "the", with no noun after it, is a place; a person takes no
    article ("the Sahel region" is left to the noun)."""
    return start >= 2 and doc[start - 1].lower_ == "the" and (
        doc[start - 2].lower_ in _THROUGH_THE) and not (
        end < len(doc) and doc[end].pos_ in {"NOUN", "PROPN"})


def _area_of_read_as_group(doc: Doc, start: int, end: int) -> bool:
    """"The Accra suburb of East Legon", "the regional capital, Smolyan,": a proper name spaCy
    reads as a nationality that the words around it call a place is that place, unless it is
    one adjective ("the city of Dutch merchants")."""
    from retrieval.lexicon import is_adjective

    return (named_as_a_place(doc, start) or apposition_kind(doc, start, end) == "place") and all(
        t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[start:end]) and not (
        end - start == 1 and is_adjective(doc[start].lower_))


def _known_place_read_as_group(doc: Doc, start: int, end: int) -> bool:
    """"Locusts reached Punjab and X": a proper noun spaCy reads as a nationality that
    WordNet knows only as a place, and as no adjective, is the place (its people would be
    "Punjabi"); not before a noun, which it may qualify ("the Adriatic coast")."""
    from retrieval.lexicon import is_adjective, is_known_place

    text = doc[start:end].text
    if end < len(doc) and doc[end].pos_ in {"NOUN", "PROPN", "ADJ"}:
        return False
    return text[:1].isupper() and not is_adjective(text.lower()) and is_known_place(text)


def _bare_name_after_place_word(doc: Doc, start: int, end: int) -> bool:
    """"Waiting off X", "in X": a name after a place's preposition is a place though spaCy
    calls it an event or a product, when none of its words is a common word ("in World War
    II" names an event)."""
    return place_cue(doc, start, end) and _no_common_word(doc, start, end, numbers=False)


def _bare_name_before_venue_noun(doc: Doc, start: int, end: int) -> bool:
    """"At the Pedra Alta II substation": a venue noun right after a name spaCy calls an
    event or a product says it is a place, when none of its words is a common word (the
    "World Cup stadium" is named after an event). Only the noun the name modifies: in "the
    X reservoir dam" the name is the reservoir's, and "reservoir" names no venue here."""
    if end >= len(doc) or not (doc[end].text.islower() and doc[end].lower_ in VENUE_NOUNS):
        return False
    if end + 1 < len(doc) and doc[end + 1].text.islower() and doc[end + 1].lower_ in VENUE_NOUNS:
        return False  # "the X reservoir dam": the noun the name modifies comes later
    return _no_common_word(doc, start, end, numbers=True)


def _no_common_word(doc: Doc, start: int, end: int, *, numbers: bool) -> bool:
    """Whether no word of ``doc[start:end]`` is a common word (nor a number, unless
    ``numbers``): a bare name, not one made of words like "World War II"."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    return wordnet is not None and not any(
        (token.like_num and not numbers) or wordnet.is_common_word(token.text)
        for token in doc[start:end])


_CODE = re.compile(r"[A-Z]+\d+[A-Z\d-]*|\d+[A-Z]+\d[A-Z\d-]*")


def _code_before_a_noun(doc: Doc, start: int, end: int) -> bool:
    """"The H5N1 virus", "an A320 jet", "the ATR72 aircraft": a code of letters and digits
    that qualifies the common noun after it names a strain or a model, no person, place or
    body (spaCy tags such codes as any of them)."""
    return end - start == 1 and end < len(doc) and _CODE.fullmatch(doc[start].text) is not None \
        and doc[end].pos_ == "NOUN" and doc[end].text.islower()


#: spaCy labels a half of a place named with "and" may carry ("[Antigua] and [Barbuda]",
#: two people to it; "[Bosnia and] [Herzegovina]", two places).
_AND_PLACE_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "NORP"})


def extract_mentions(doc: Doc, offset: int = 0, text: str | None = None) -> list[Mention]:
    """Clean mentions from one spaCy ``Doc`` whose text starts at ``offset`` in the body.
    ``text`` is the text the doc was made from, when the caller has it: ``doc.text`` is the
    same string, rebuilt from every token on each use."""
    text_of_doc = doc.text if text is None else text
    dateline_end = dateline_end_of(text_of_doc)
    ents = join_split_names(doc, doc.ents)  # doc.ents: a new Span per entity on every read
    norp_words = {ent.text.lower() for ent in ents if ent.label_ == "NORP"}
    mentions: list[Mention] = []
    quotes: list[tuple[int, int]] | None = None
    aged = names_before_an_age(doc)  # "Ana Quispe Mamani, 63,": one person, however cut
    for start, end, kind in _unlabelled_names(doc):
        if any(a_start <= start < a_end for a_start, a_end in aged):
            continue
        if kind == "place" and venue_after(doc, end):
            full = doc[start:extend_over_venue_nouns(doc, end)]
            mentions.append(Mention(full.text, "place", "FAC", offset + full.start_char,
                                    offset + full.end_char, short_form=doc[start:end].text))
        else:
            span = doc[start:end]
            within = body_within_body(doc, start, end) if kind == "organization" else None
            mentions.append(Mention(span.text, kind, "", offset + span.start_char,
                                    offset + span.end_char, kind_cue=kind,
                                    acronym=acronym_after(doc, end) if kind != "person" else None,
                                    other_names=_part_named_alone(doc, start, within)))
            if within is not None:
                outer = doc[within + 2:end]
                mentions.append(Mention(outer.text, "organization", "ORG",
                                        offset + outer.start_char, offset + outer.end_char))
    in_media_names: set[int] = set()
    for start, end in _media_named_the(doc):
        span = doc[start:end]
        mentions.append(Mention(span.text, "organization", "ORG", offset + span.start_char,
                                offset + span.end_char, kind_cue="organization"))
        in_media_names.update(range(start, end))  # "The [Island]": no place of its own
    covered = 0  # tokens before this index already belong to a name grown over "and"
    if (town := dateline_city(doc, dateline_end)) is not None:
        # "ABÉCHÉ, Chad —": the town the story was filed from, however spaCy labelled it
        span = doc[town[0]:town[1]]
        mentions = [m for m in mentions if m.start >= offset + span.end_char]
        mentions.append(Mention(span.text, "place", "GPE", offset + span.start_char,
                                offset + span.end_char, kind_cue="place"))
        covered = town[1]
    for ent in ents:
        if ent.start < covered or ent.start in in_media_names or _code_before_a_noun(
                doc, ent.start, ent.end):
            continue
        if (run := next(((a_start, a_end) for a_start, a_end in aged
                         if a_start <= ent.start < a_end), None)) is not None:
            covered = run[1]
            if (bounds := trim(doc[run[0]:run[1]], "person")) is not None:
                span = doc[bounds[0]:bounds[1]]
                mentions.append(Mention(span.text, "person", "PERSON",
                                        offset + span.start_char, offset + span.end_char,
                                        kind_cue="person"))
            continue
        if ent.end - ent.start == 1 and country_initials_before_body(doc, ent.start):
            continue  # "[US] [District Court]": the initials open the court's name
        if ent.label_ in _AND_PLACE_LABELS and (and_end := place_over_and(doc, ent)):
            covered = and_end  # "Antigua and Barbuda", read as two people: one country
            span = doc[ent.start:and_end]
            mentions.append(Mention(span.text, "place", "GPE", offset + span.start_char,
                                    offset + span.end_char))
            continue
        if ent.label_ in {"NORP", "PERSON"} and (
                party := _party_named_by_a_plural(doc, ent.start, ent.end)) is not None:
            # "the Greens", "the French Socialists": a party; "the Ospreys", read as a
            # person, whom no "the" and plural common noun names: a club or a band
            span = doc[party:ent.end]
            mentions.append(Mention(span.text, "organization", "ORG", offset + span.start_char,
                                    offset + span.end_char, kind_cue="organization"))
            continue
        if ent.label_ == "LANGUAGE" and ent.start > 0 and doc[ent.start - 1].lower_ == "the" and (
                place_cue(doc, ent.start, ent.end, "GPE")):
            # "in the X": a language takes no article, a region does
            mentions.append(Mention(ent.text, "place", "LOC", offset + ent.start_char,
                                    offset + ent.end_char, place_cue=True))
        elif ent.label_ == "NORP" and (_sea_or_region_read_as_group(doc, ent.start, ent.end)
                                       or _place_read_as_group(doc, ent.start, ent.end)
                                       or _known_place_read_as_group(doc, ent.start, ent.end)
                                       or _area_of_read_as_group(doc, ent.start, ent.end)
                                       or listed_before_areas(doc, ent.start, ent.end)):
            mentions.append(Mention(ent.text, "place", "LOC", offset + ent.start_char,
                                    offset + ent.end_char))
            continue
        elif ent.label_ in MISREAD_LABELS and (
                titled := titled_name_in(doc, ent.start, ent.end)) is not None:
            covered = titled[1]  # "Magistrate Ana Ruiz" read as a work of art: a person
            span = doc[titled[0]:titled[1]]
            mentions.append(Mention(span.text, "person", "PERSON", offset + span.start_char,
                                    offset + span.end_char, kind_cue="person"))
            continue
        elif ent.label_ in MISREAD_LABELS and _named_by_a_press_noun(doc, ent.start, ent.end):
            # "the journal Nature Astronomy", which spaCy reads as a work of art: a publication
            mentions.append(Mention(ent.text, "organization", "ORG", offset + ent.start_char,
                                    offset + ent.end_char, kind_cue="organization"))
            continue
        elif ent.label_ in MISREAD_LABELS:
            if quotes is None:
                quotes = short_quotes(text_of_doc)
            if not in_short_quote(quotes, ent.start_char, ent.end_char):
                for start, end in _misread_places(doc, ent.start, ent.end):
                    span = doc[start:end]
                    mentions.append(Mention(span.text, "place", "FAC", offset + span.start_char,
                                            offset + span.end_char, place_cue=True))
        elif ent.label_ == "ORG" and (of := _club_of_a_place(doc, ent.start, ent.end)):
            # "Cienciano of Cusco": a club (or firm) and the place it is from
            body, place = doc[ent.start:of], doc[of + 1:ent.end]
            mentions.append(Mention(body.text, "organization", "ORG",
                                    offset + body.start_char, offset + body.end_char))
            mentions.append(Mention(place.text, "place", "GPE", offset + place.start_char,
                                    offset + place.end_char, place_cue=True))
            continue
        elif ent.label_ in {"ORG", "PERSON", "FAC"} and any(t.lower_ == "and" for t in ent):
            parts = _misread_places(doc, ent.start, ent.end)
            if len(parts) > 1:  # "the ports of A and B", which spaCy reads as one company
                for start, end in parts:
                    span = doc[start:end]
                    mentions.append(Mention(span.text, "place", "GPE", offset + span.start_char,
                                            offset + span.end_char, place_cue=True))
                continue
        if ent.label_ in _PAIR_LABELS and (pair := place_then_region(doc, ent.start, ent.end)):
            for start, end in pair:  # "an engineer from Auckland, New Zealand": two places
                span = doc[start:end]
                mentions.append(Mention(span.text, "place", "GPE", offset + span.start_char,
                                        offset + span.end_char, place_cue=True))
            continue
        kind = LABEL_KIND.get(ent.label_)
        if kind is None:
            continue
        if kind in NAME_KINDS and named_as_a_vessel(doc, ent.start):
            # "the cargo ship X": a ship's name, which the merging rules drop with every
            # other mention of it
            mentions.append(Mention(ent.text, "vessel", ent.label_, offset + ent.start_char,
                                    offset + ent.end_char))
            continue
        if kind not in NAME_KINDS:
            text = ent.text.strip()
            if text:
                mentions.append(
                    Mention(text, kind, ent.label_, offset + ent.start_char, offset + ent.end_char)
                )
            continue
        if (joined_end := over_trailing_of(doc, ent)) > ent.end:
            covered = joined_end  # "[the Regional Archive of] [Tulin]": one name
            kind = "organization"  # also "[the City of] [Leeds Council]"
            bounds = trim(doc[ent.start:joined_end], kind)
        else:
            bounds = trim(ent, kind)
        if bounds is None:
            continue
        start, end = bounds
        if kind == "organization" and ent.label_ == "ORG" and (
                name := person_after_opening_title(doc, start, end)) is not None:
            span = doc[name:end]  # "Bishop Antoine Khoury", read as a body: the bishop
            mentions.append(Mention(span.text, "person", "PERSON", offset + span.start_char,
                                    offset + span.end_char, kind_cue="person"))
            continue
        if kind in NAME_KINDS and (name := person_after_portfolio(doc, start, end)) is not None:
            start, kind = name, "person"  # "Minister of [Culture X Y]": the portfolio, then X Y
        if kind == "organization" and (cut := place_inside_body(doc, start, end)):
            place = doc[cut + 1:end]  # "Northgate Advisers in Toronto": a body, then a place
            mentions.append(Mention(place.text, "place", "GPE", offset + place.start_char,
                                    offset + place.end_char, place_cue=True))
            end = cut
        if kind == "organization" and (owner := body_owning_body(doc, start, end)):
            # "the University of X's Institute for Y": the university, then its institute
            body = doc[start:owner]
            mentions.append(Mention(body.text, "organization", "ORG",
                                    offset + body.start_char, offset + body.end_char))
            start = owner + 1
        if kind == "organization" and (form := _legal_form_inside(doc, start, end)) is not None:
            # "[X Ltd for Y Company]", one span to spaCy: the company the legal form ends,
            # then the body after the preposition
            company = doc[start:form + 1]
            mentions.append(Mention(company.text, "organization", "ORG",
                                    offset + company.start_char, offset + company.end_char))
            start = form + 2
        if kind == "organization" and (inside := title_inside(doc, start, end)) is not None:
            # "Kudra Regent Amir Salleh", one body to spaCy: the official, a person, and the
            # words before the title (whose official), kept as spaCy typed them
            person = doc[inside[1]:end]
            mentions.append(Mention(person.text, "person", "PERSON", offset + person.start_char,
                                    offset + person.end_char, kind_cue="person"))
            end = inside[0]
        end = before_a_titled_person(doc, start, end)
        if kind == "person":
            start, end = extend_person(doc, start, end)
            if (last_end := extend_person_over_last_name(doc, start, end)) > end:
                end = covered = last_end  # "[Ricardo Antunes] [Prado]": one person
        if (road_end := extend_over_road_number(doc, end)) > end:
            end, kind = road_end, "place"  # "U.S. Highway 61", which spaCy calls a body
        if kind == "place":
            if ent.label_ == "LOC" and start == ent.start:
                start = extend_back_over_demonym(doc, start)  # "the Japanese Alps"
            end = extend_over_capitalised_venue(doc, extend_over_compass(doc, end))
            covered = end  # "River", when spaCy tagged it apart
        if (head_end := extend_foreign_head(doc, start, end)) > end:
            end = covered = head_end  # "[Club Atlético] [Central Norte]": one name
        end = extend_over_particle(doc, end)
        if (legal_end := extend_over_bracketed_legal_form(doc, end)) > end:
            end, kind, covered = legal_end, "organization", legal_end  # "X (Pvt) Ltd"
        if kind in {"organization", "person"} and (
                legal := extend_over_legal_form(doc, start, end)) != (start, end):
            (start, end), kind = legal, "organization"  # "[Vueling Airlines] SA"
            covered = max(covered, end)
        if kind in {"person", "place"} and (
                building_end := extend_over_possessive_building(doc, end)) > end:
            end, kind, covered = building_end, "place", building_end  # "St John's Hospital"
        if kind in {"place", "organization"} and (
                office_end := extend_over_possessive_office(doc, end)) > end:
            end, kind, covered = office_end, "organization", office_end  # "X Attorney's Office"
        if kind == "organization":
            end = extend_over_and(doc, start, extend_over_of(doc, end))
            start = extend_back_over_nationality(doc, extend_back_over_and(doc, start, end))
            if start == ent.start and start >= 1 and country_initials_before_body(
                    doc, start - 1):
                start -= 1  # "the US District Court"
            covered = end
        if is_title_fragment(doc, start, end) or glued_to_next_word(doc, end) or (
                portfolio_before_title(doc, start, end)):
            continue
        if kind in NAME_KINDS and (ship := ship_prefix_at(doc, start, end)) is not None:
            # "the MV Island Pearl": a ship's name, dropped with every other mention of it
            # ("the Island Pearl had passed an inspection")
            while end < len(doc) and doc[end].pos_ == "PROPN" and is_name_token(doc[end]) and (
                    doc[end - 1].whitespace_ == " "):
                end += 1  # "[MV Island] [Pearl]": the ship's name goes on
            covered = max(covered, end)
            name = doc[ship:end]
            mentions.append(Mention(name.text, "vessel", ent.label_,
                                    offset + name.start_char, offset + name.end_char))
            continue
        span = doc[start:end]
        text = span.text
        for suffix in POSSESSIVE_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text = text[: -len(suffix)]
                break
        if not any(ch.isalpha() for ch in text):
            continue
        if text.rsplit(None, 1)[-1] in LAW_WORDS and " " in text.strip():
            continue  # "the Investment Canada Act": a law, not the body that passed it
        if " " in text.strip() and (text.rsplit(None, 1)[-1] in PLAN_WORDS or (
                text.split(None, 1)[0] in PLAN_WORDS and kind == "organization")):
            # "the National Water Strategy", "Project Sunrise": a plan, no body; nor the first
            # half of its name, before "and" ("the [Water Desalination] and [Conveyance
            # Project]")
            if mentions and text_of_doc[mentions[-1].end - offset:span.start_char] == " and ":
                mentions.pop()
            continue
        if kind == "person" and _looks_like_group(text, norp_words):
            mentions.append(Mention(text, "group", "NORP", offset + span.start_char,
                                    offset + span.start_char + len(text)))
            continue
        if end - start == 1 and (not is_name_token(doc[start]) or capitalised_common_noun(
                doc[start])):
            continue
        if kind == "person" and names_a_holiday(text):
            # "a government by Easter": a point in time, which spaCy took for a person
            mentions.append(Mention(text, "date", "DATE", offset + span.start_char,
                                    offset + span.start_char + len(text)))
            continue
        if (kind == "person" and known_term_not_a_person(text)) or adverb_in_capitals(text):
            continue  # "the Iron Age", "300 BC": terms WordNet knows, no one's name
        if kind in {"place", "organization"} and names_a_language(text):
            # "speaking in Quechua", "the Quechua communities": a language and its people
            mentions.append(Mention(text, "group", "NORP", offset + span.start_char,
                                    offset + span.start_char + len(text)))
            continue
        if quotes is None:
            quotes = short_quotes(text_of_doc)
        if in_short_quote(quotes, span.start_char, span.end_char):
            continue
        kind = fix_kind(doc, start, end, kind)
        if kind == "place" and body_read_as_place(doc, start, end, ent.label_):
            kind = "organization"  # "the Seoul Central District Court", read as a facility
        national_agency = kind == "place" and agency_named_for_a_country(doc, start, end)
        if national_agency:
            kind = "organization"  # "Statistics Netherlands", "Health Canada"
        if kind == "person" and text.isupper() and len(text) > 1:
            kind = "organization"  # an acronym ("SCCU") is not a person's name
        if kind in {"person", "place"} and text.startswith("Team ") and len(text.split()) > 1:
            kind = "organization"  # "Team Ferreira", "Team Sky": a team, named after its skip
        if kind == "place" and ent.label_ == "ORG" and (
                (acronym_after(doc, end) and _ends_with_body_noun(text))
                or cited_as_source(doc, start)):
            # "the National Cyber Security Centre (NCSC)", "according to the X Centre": a
            # body known by its initials or cited as a source, not the building its last
            # word names; but initials do not make a body of a name whose last word names
            # only a building ("X Medical College and Hospital (XMCH)")
            kind = "organization"
        cue = place_cue(doc, start, end, ent.label_) or (kind == "place" and venue_after(
            doc, end))  # "X airport", "the X piers": as sure a sign as "in X"
        appositive = ((kind != "organization" and match_opponent(doc, start, end)
                          and "organization")  # "Chiefs next play Golden Arrows"
                      or (based_after(doc, end) and "place")  # "the owner, Hamburg-based X"
                      or (based_before(doc, start) and "organization")  # ... "X" itself
                      or (listed_before_areas(doc, start, end) and "place")  # "the A divisions"
                      or (kind == "person" and _a_person_read_after_the(doc, start, end)
                          and "place")  # "through the High Atlas"
                      or apposition_kind(doc, start, end, dateline_end)
                      or listed_as_examples(doc, start, end)  # "districts such as A and B"
                      or (hometown_of_a_person(doc, start, end) and "place")  # ", 81, from X,"
                      or (located_after(doc, end, inside=kind != "person") and "place")
                      or (kind == "organization" and at_a_site(doc, start, end)
                          and "place")  # "a site at X", "rock mined at X"
                      or role_noun_cue(doc, start, end)
                      or (kind == "person" and said_of_a_thing(doc, end) and "organization")
                      or (_named_before_a_press_noun(doc, start, end, kind)
                          and "organization")  # "Tuoi Tre newspaper reported"
                      or (kind == "place" and (a_body_speaks(doc, start, end) or works_at(
                          doc, start, end)) and "organization")
                      or (kind != "person" and said_of_someone(doc, start, end) and "person")
                      or (kind == "organization" and titled_by_a_role(doc, start, end)
                          and "person")
                      or (kind in {"person", "organization"} and business_cue(doc, start, end)
                          and "organization")
                      or (part_of_a_body(doc, start, end) and "organization")
                      or (kind != "person" and named_after_a_role(doc, start, end)
                          and "person")  # "the agency's director-general, X Y,"
                      or (kind == "person" and person_role_before(doc, start, end)
                          and "person"))  # "airport bomber Laachraoui"
        if appositive == "person" and kind == "place" and _known_place(doc[start:end].text):
            # "Saudi Arabia, the largest buyer of Indian cardamom": a country spoken of as a
            # buyer or a producer is still the country
            appositive = None
        if appositive == "person" and (_named_as_a_body(doc, start, end)
                                       or doc[end - 1].text in CORPORATE_SUFFIXES):
            # "the developer, the X Energy Consortium", "X Capital Ltd, an aircraft lessor":
            # no person
            appositive = None
        if appositive:
            kind = appositive
        if _names_a_competition(text) or _names_a_storm(text):
            kind = "event"  # "the Copa Libertadores", "Storm Daniel": no body, no place
        if kind in {"place", "organization"} and text == span.text and (
                force_end := force_after(doc, end)) > end:
            full = doc[start:force_end]  # "Lisbon police"
            mentions.append(Mention(full.text, "organization", "ORG", offset + full.start_char,
                                    offset + full.end_char))
            continue
        if kind == "place" and text == span.text:
            venue_end = extend_over_venue_nouns(doc, end)
            if venue_end > end:
                full = doc[start:venue_end]
                mentions.append(Mention(full.text, kind, ent.label_,
                                        offset + full.start_char, offset + full.end_char,
                                        place_cue=cue, short_form=text))
                continue
        within = body_within_body(doc, start, end) if kind == "organization" else None
        mentions.append(
            Mention(text, kind, ent.label_, offset + span.start_char,
                    offset + span.start_char + len(text), place_cue=cue, kind_cue=appositive,
                    acronym=acronym_after(doc, end) if kind != "person" else None,
                    other_names=_part_named_alone(doc, start, within))
        )
        if within is not None:
            # "the Institute of X of the Mongolian Academy of Sciences": the academy too
            outer = doc[within + 2:end]
            mentions.append(Mention(outer.text, "organization", "ORG",
                                    offset + outer.start_char, offset + outer.end_char))
    mentions = _names_spelled_out(mentions, doc, offset, text_of_doc)
    mentions = _join_particles(_drop_fragments(mentions), text_of_doc, offset)
    mentions = _join_halves_of_a_body(mentions, text_of_doc, offset)
    mentions = _glossed_names(_bracketed_names(mentions, text_of_doc, offset), text_of_doc,
                              offset)
    mentions = _over_hyphenated_prefix(mentions, text_of_doc, offset)
    mentions = _unlabelled_last_conjuncts(mentions, doc, offset)
    _link_conjuncts(mentions, text_of_doc, offset)
    return mentions


def _unlabelled_last_conjuncts(mentions: list[Mention], doc: Doc, offset: int
                               ) -> list[Mention]:
    """"In Prizren, Gjakova and X", "the states of Sabah and X": one or two capitalised proper
    nouns that close a list after "and"/"or", which spaCy left unlabelled, are a name of the
    kind of the name before them (the list's names are then weighed together). No further
    capitalised word or possessive may follow (the name would go on), and no word of it may
    be a common word ("[Water Supply] and Sanitation Company", "the A and Banks groups"),
    which is rather the second half of one name."""
    if not mentions:
        return mentions
    token_starts = [token.idx for token in doc]
    taken = {token.i for ent in doc.ents for token in ent}
    for mention in mentions:
        taken.update(range(bisect_left(token_starts, mention.start - offset),
                           bisect_left(token_starts, mention.end - offset)))
    added: list[Mention] = []
    for mention in mentions:
        if mention.kind not in NAME_KINDS:
            continue
        index = bisect_left(token_starts, mention.end - offset)
        if index + 1 >= len(doc) or doc[index].lower_ not in {"and", "or"}:
            continue
        first = last = index + 1
        while last < len(doc) and doc[last].pos_ == "PROPN" and is_name_token(doc[last]) and (
                last not in taken) and doc[last].is_alpha and not doc[last].is_upper:
            last += 1
        if last == first or last - first > 2 or (
                last < len(doc) and (is_name_token(doc[last]) or doc[last].text in {"'s", "’s"})):
            continue
        if any(_is_field_word(token.text) or (
                token.text.endswith("s") and _is_field_word(token.text[:-1]))
               for token in doc[first:last]):
            continue
        span = doc[first:last]
        added.append(Mention(span.text, mention.kind, "", offset + span.start_char,
                             offset + span.end_char))
        taken.update(range(first, last))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.start)


#: Capitalised words glued by hyphens right before a name ("Moravian-", "Kuyavian-").
_HYPHENATED_PREFIX = re.compile(r"(?<![\w-])(?:[A-ZÀ-ÖØ-Þ][\w’']*-)+$")


def _over_hyphenated_prefix(mentions: list[Mention], text: str, offset: int
                            ) -> list[Mention]:
    """"the Moravian-[Silesian Region]": a place or body spaCy started after a hyphen starts at
    the capitalised word glued before it (the prefix, read as a nationality, is no group of
    its own). Not when the prefix is a name of its own ("Israel-[Gaza]")."""
    names = [m for m in mentions if m.kind in NAME_KINDS]
    result = []
    for mention in mentions:
        if mention.kind in {"place", "organization"} and (
                found := _HYPHENATED_PREFIX.search(text, 0, mention.start - offset)) and not any(
                m is not mention and m.start < mention.start and m.end > found.start() + offset
                for m in names):
            start = found.start() + offset
            mention = replace(mention, text=text[start - offset : mention.end - offset],
                              start=start)
        result.append(mention)
    return [m for m in result if not (m.kind == "group" and any(
        n.kind in {"place", "organization"} and n.start <= m.start and m.end < n.end
        for n in result))]


def _legal_form_inside(doc: Doc, start: int, end: int) -> int | None:
    """The index of a legal form that ends a company's name inside a longer span, before a
    preposition and another capitalised name ("Infrastructure Ltd for Upper Melamchi Power
    Company"); None otherwise. A legal form ends a name."""
    for index in range(start + 1, end - 2):
        if doc[index].text in CORPORATE_SUFFIXES and doc[index + 1].lower_ in {
                "for", "to", "from", "with"} and doc[index + 1].text.islower() and (
                doc[index + 2].text[:1].isupper()):
            return index
    return None


def _part_named_alone(doc: Doc, start: int, within: int | None) -> list[str]:
    """The inner body's own name as an alias of the whole ("Institute of Paleontology" for
    "the Institute of Paleontology of the Mongolian Academy of Sciences"), when it has two
    words or more: news calls the inner body by it, a bare "Institute" is no name."""
    if within is None:
        return []
    if doc[start].lower_ == "the":
        start += 1
    return [doc[start:within].text] if within - start >= 2 else []


def _names_spelled_out(mentions: list[Mention], doc: Doc, offset: int, text: str
                       ) -> list[Mention]:
    """A name its initials spell out ("the Fire Service and Civil Defence (FSCD)") is one
    name, however spaCy cut or typed its words: the pieces inside it ("Fire Service") and
    the initials go, the whole name stands with the initials as its alias. A body, unless
    spaCy read the name's last word as part of a place ("the Democratic Republic of the
    Congo (DRC)"); a name that runs into a mention starting before it is left alone."""
    if "(" not in text:
        return mentions  # most paragraphs
    for start, end, initials in names_spelled_by_initials(doc):
        span = doc[start:end]
        first, last = offset + span.start_char, offset + span.end_char
        bracket_end = offset + doc[initials].idx + len(doc[initials].text) + 1
        inside = [m for m in mentions if m.start < bracket_end and first < m.end
                  and m.kind in NAME_KINDS]
        opening = [m for m in inside if m.start < first]
        if len(opening) == 1 and opening[0].kind == "organization" and (
                opening[0].end < last) and opening[0].start >= offset:
            # "[the United Nations Office] for the [Co-ordination of X] (OCHA)": the initials
            # spell the name from inside spaCy's first piece of it, which opens the name
            first = opening[0].start
            span = doc.char_span(first - offset, last - offset, alignment_mode="expand")
        if span is None or any(m.start < first for m in inside) or any(
                m.start == first and m.end == last for m in inside):
            continue
        ending = [m for m in inside if m.start < last and m.end == last]
        kind = "place" if ending and ending[0].kind == "place" and not any(
            word.lower() in BODY_NOUNS for word in span.text.split()) else "organization"
        mentions = [m for m in mentions if not any(m is other for other in inside)]
        mentions.append(Mention(span.text, kind, "ORG" if kind == "organization" else "GPE",
                                first, last, kind_cue=kind, acronym=doc[initials].text))
    return mentions


#: What stands between a body's name and its name in English set off by commas: its
#: initials in brackets, a comma, "the" ("X (FBF), the Bolivian Football Federation,"; a
#: list has no "the": "Nordea, Danske Bank, and SEB").
_GLOSS_BETWEEN = re.compile(r"\s*(?:\([^()]{1,15}\))?\s*,\s*the\s+")


def _glossed_names(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """"The Federación Boliviana de Fútbol (FBF), the Bolivian Football Federation, said": a
    body's name followed at once, between commas, by another capitalised name of a body is
    the same body named in English; the second is another name for the first, not a body of
    its own."""
    kept: list[Mention] = []
    for mention in mentions:
        before = kept[-1] if kept else None
        if before is not None and before.kind == mention.kind == "organization" and (
                _GLOSS_BETWEEN.fullmatch(text, before.end - offset, mention.start - offset)
                and text[mention.end - offset:mention.end - offset + 1] == ","
                and all(word[:1].isupper() or word in NAME_PARTICLES
                        for word in mention.text.split())):
            before.other_names.append(mention.text)
            continue
        kept.append(mention)
    return kept


_BRACKET = re.compile(r"\s*\(([^()]{2,80})\)")
_BRACKET_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w.&'’-]*")


def _bracketed_names(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """Names in brackets right after an organisation are its other names: the name in its
    own language or its initials ("the Council of State (Raad van State)", "the Central
    Association of X (Zentralverband der X, ZDS)"). They become aliases, not names of their
    own that spaCy would type at random (a Dutch court read as a person). A body described
    in lower-case English words is named only in brackets ("the port authority's office
    (Urząd Morski Gdynia)"): that name is the body's."""
    bracketed = _named_in_brackets_only(text, offset)
    mentions = mentions + bracketed
    kept: list[Mention] = []
    inside: tuple[int, int] | None = None
    # a bracket's own name before spaCy's pieces of it that start where it starts
    for mention in sorted(mentions, key=lambda m: (m.start, not any(m is o for o in bracketed))):
        if inside and inside[0] <= mention.start and mention.end <= inside[1]:
            continue
        kept.append(mention)
        if mention.kind != "organization":
            continue
        if any(mention is other for other in bracketed):
            inside = (mention.start, mention.end)  # spaCy's pieces of the name go
            continue
        match = _BRACKET.match(text, mention.end - offset)
        if not match:
            continue
        parts = _bracket_names(match.group(1))
        if not parts:
            continue
        mention.other_names = parts
        inside = (offset + match.start(1), offset + match.end(1))
    return kept


#: A lower-case word, then a name in brackets. (The lookbehind changes no match, as a match
#: starts where its word does; it spares the search a try at every letter of every word.)
_BRACKET_AFTER_WORD = re.compile(r"(?<![a-z])([a-z]+)\s*\(([^()]{2,80})\)")


def _bracket_names(inside: str) -> list[str]:
    """The names in a bracket's text, when it holds only names (capitalised words, name
    particles, and lower-case words of another language), split at commas; else none."""
    parts = [part.strip() for part in inside.split(",")]
    if not all(part and all(_BRACKET_WORD.fullmatch(word) or word in NAME_PARTICLES
                            or _foreign_word(word) for word in part.split())
               and part[0].isupper() for part in parts):
        return []
    return parts


def _named_in_brackets_only(text: str, offset: int) -> list[Mention]:
    """Bodies whose name stands in brackets after a lower-case noun for a body ("the
    harbour master's office (Lučka kapetanija Rijeka)"): the description is no name, the
    bracket holds it, with at least one word of another language (initials alone after
    "the health ministry (MOH)" are left to the merging rules)."""
    found: list[Mention] = []
    if "(" not in text:
        return found  # most paragraphs
    for match in _BRACKET_AFTER_WORD.finditer(text):
        if match.group(1) not in BODY_NOUNS:
            continue
        parts = _bracket_names(match.group(2))
        if not parts or not any(_foreign_word(word) for word in parts[0].split()):
            continue
        start = offset + match.start(2) + (len(match.group(2)) - len(match.group(2).lstrip()))
        name = parts[0]
        found.append(Mention(name, "organization", "ORG", start, start + len(name),
                             kind_cue="organization", other_names=parts[1:]))
    return found


def _foreign_word(word: str) -> bool:
    """A lower-case word that is no English word: inside a name in brackets it belongs to
    the name in the body's own language, which capitalises only its first word ("the
    Croatian Coast Guard (Obalna straža)", "the Water Board (Zarząd wodny)")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    return wordnet is not None and word.isalpha() and word.islower() and (
        word not in STOP_WORDS) and not any(
            wordnet.synset_offsets(word, pos) for pos in ("n", "v", "a", "r"))


#: What stands between two names listed together; "the" may open the second name, as it
#: does a region's or a river's ("from Spain and the Rhineland"), but not after a comma:
#: ", and the X said" opens a new clause more often than it ends a list.
_LIST_SEPARATORS = {",", "and", "or", ", and", ", or", "and the", "or the"}
#: What follows the last of names set side by side by commas when they make no list: a
#: sentence's end or a comma before a lower-case word ("in Geneva, Jens Laerke, said").
_APPOSITION_ENDS = re.compile(r"\s*(?:[.;:!?]|,\s*(?!and\b|or\b)[a-z])")


def _link_conjuncts(mentions: list[Mention], text: str, offset: int) -> None:
    """Note which names stand side by side in a list ("to Cuglieri and X", "A, B or C",
    "from Spain and the X")."""
    names = [m for m in mentions if m.kind in NAME_KINDS]
    runs: list[list[tuple[Mention, Mention, str]]] = []
    for before, after in pairwise(names):
        between = " ".join(text[before.end - offset : after.start - offset].split())
        if text.startswith(POSSESSIVE_SUFFIXES, after.end - offset):
            # "signed by Minister X and Indonesia's minister, Y": the name owns the noun
            # after it, which is what the list goes on with, not the name itself
            continue
        if between in _LIST_SEPARATORS:
            if runs and runs[-1][-1][1] is before:
                runs[-1].append((before, after, between))
            else:
                runs.append([(before, after, between)])
    for run in runs:
        if all(between == "," for _, _, between in run) and _APPOSITION_ENDS.match(
                text, run[-1][1].end - offset):
            # "its spokesman in Geneva, Jens Laerke, said": names set side by side by commas
            # alone, the last followed by no further name, are an apposition; a list closes
            # with "and" or "or"
            continue
        for before, after, _ in run:
            before.conjuncts.append(after.text)
            after.conjuncts.append(before.text)


def _join_particles(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """Two names joined by a lower-case name particle are one name: spaCy splits "Santa
    Caterina di Pittinuri" and "Castillo de San Marcos" at "di"/"de"."""
    joined: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if joined:
            before = joined[-1]
            between = text[before.end - offset : mention.start - offset]
            if (before.kind in NAME_KINDS and mention.kind in NAME_KINDS
                    and between.strip() in NAME_PARTICLES and between.strip().islower()
                    and between.startswith(" ") and between.endswith(" ")):
                kind = "place" if "place" in {before.kind, mention.kind} else before.kind
                joined[-1] = Mention(
                    text[before.start - offset : mention.end - offset], kind, before.label,
                    before.start, mention.end, place_cue=before.place_cue or mention.place_cue,
                    kind_cue=before.kind_cue)
                continue
        joined.append(mention)
    return joined


def _join_halves_of_a_body(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """Two organisation names joined by "and" are one body when only the second ends with a
    body's noun or a legal form: spaCy splits "the U.S. Chemical Safety and Hazard
    Investigation Board" into "U.S. Chemical Safety" and "Hazard Investigation Board", and
    "Ben Tre Water Supply and Drainage JSC" into a "person" and a company (no person's name
    ends on a field such as "Supply"). But "the EPA and the Coast Guard", or "Der Spiegel and
    ARD TV", stay two: the words at the "and" must be common words."""
    joined: list[Mention] = []
    for mention in mentions:
        if joined:
            before = joined[-1]
            between = text[before.end - offset : mention.start - offset]
            if (before.kind in {"organization", "person"} and mention.kind == "organization"
                    and between == " and "
                    and (_ends_with_body_noun(mention.text)
                         or mention.text.split()[-1] in CORPORATE_SUFFIXES)
                    and not _ends_with_body_noun(before.text)
                    and _is_field_word(before.text.split()[-1])
                    and _is_field_word(mention.text.split()[0])):
                joined[-1] = Mention(
                    text[before.start - offset : mention.end - offset], "organization",
                    before.label, before.start, mention.end, kind_cue=before.kind_cue)
                continue
            if _the_a_and_b_body(before, mention, text, offset):
                # "the Barra and Vatersay Community Council", "the Kyoto Hotel and Ryokan
                # Association": one body named after two places or trades
                joined[-1] = Mention(
                    text[before.start - offset : mention.end - offset], "organization",
                    mention.label, before.start, mention.end)
                continue
        joined.append(mention)
    return joined


def _the_a_and_b_body(before: Mention, mention: Mention, text: str, offset: int) -> bool:
    """"The A and B Community Council": a body's name right after "and" (``mention``) is
    one name with the name before "and" (``before``) when "the" opens that one: "the" before
    a bare name that is no body of its own (no body's noun at its end, no initials), no
    place WordNet knows ("the IMF and World Bank", "the United States and World Bank" stay
    two) and whose kind no word around it stated."""
    if mention.kind != "organization" or before.kind not in NAME_KINDS:
        return False
    if text[before.end - offset : mention.start - offset] != " and ":
        return False
    if text[max(0, before.start - offset - 4) : before.start - offset].lower() != "the ":
        return False
    if not _ends_with_body_noun(mention.text) or _ends_with_body_noun(before.text):
        return False
    return not before.text.isupper() and " the " not in before.text and not (
        _known_place(before.text)) and not before.kind_cue and not before.place_cue


#: Last words of bodies' names that name neither a building nor a person's role.
_BODY_ONLY_NOUNS = frozenset(BODY_NOUNS - VENUE_NOUNS)


def _known_place(name: str) -> bool:
    from retrieval.lexicon import is_known_place  # (the lexicon loads WordNet on first use)

    return is_known_place(name)


def _named_as_a_body(doc: Doc, start: int, end: int) -> bool:
    """A name whose own last words say it is a body: a capitalised body noun after a
    capitalised common noun, behind the name's first word ("X Energy Consortium", "Y Water
    Authority"). It outweighs an apposition whose noun could describe a person ("the
    developer, the X Energy Consortium"); a person whose surname is such a noun has a given
    name before it ("Jim Carrier")."""
    from retrieval.lexicon import get_wordnet

    if end - start < 3:
        return False
    last, field = doc[end - 1], doc[end - 2]
    wordnet = get_wordnet()
    return wordnet is not None and last.text.istitle() and last.lower_ in _BODY_ONLY_NOUNS and (
        field.text.istitle() and wordnet.has_common_noun_sense(field.text))


def _ends_with_body_noun(name: str) -> bool:
    last = name.split()[-1].lower()
    # a plural too: "the Centre of Indian Trade Unions"
    return last in BODY_NOUNS or last.removesuffix("s") in BODY_NOUNS


def _is_field_word(word: str) -> bool:
    """A capitalised common word ("Safety", "Hazard"), as the fields a body is named after
    are; not a name ("Spiegel", "ARD")."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    return (word[:1].isupper() and not word.isupper() and wordnet is not None
            and wordnet.is_common_word(word))


#: First and last words of competitions' names.
_COMPETITION_FIRST = frozenset({"Copa", "Coupe", "Coppa", "Taça"})
_COMPETITION_LAST = frozenset({"Cup", "Championship", "Championships", "Olympics", "Trophy"})


def _names_a_competition(name: str) -> bool:
    """"Copa Libertadores", "Davis Cup", "World Championships": a tournament, which spaCy
    labels a body or a place."""
    words = name.split()
    return len(words) > 1 and (words[0] in _COMPETITION_FIRST or words[-1] in _COMPETITION_LAST)


#: Words that open the name weather services give a storm ("Storm Daniel", "Typhoon Haiyan").
_STORM_WORDS = frozenset({"Storm", "Cyclone", "Hurricane", "Typhoon"})


def _names_a_storm(name: str) -> bool:
    """"Storm Daniel", "Cyclone Mele", "Hurricane Otis", "Tropical Storm Alberto": a named
    storm, an event, which spaCy labels a body or a person."""
    words = name.split()
    if len(words) > 2 and words[0] == "Tropical":
        words = words[1:]
    # not a place named after storms ("Storm Bay", "Hurricane Ridge")
    return len(words) == 2 and words[0] in _STORM_WORDS and words[1][:1].isupper() and (
        words[1].lower() not in VENUE_NOUNS)


def _drop_fragments(mentions: list[Mention]) -> list[Mention]:
    """When an unlabelled-venue mention and an NER mention cover the same words, keep one;
    and an unlabelled name inside a longer name is part of it ("the construction company
    [Rodopi] Pat EOOD", where spaCy labelled only "Pat EOOD" and the name grew back)."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end and mention.kind in NAME_KINDS and (
                kept[-1].kind == "place" or (not mention.label
                                             and mention.end <= kept[-1].end)):
            continue
        kept.append(mention)
    return kept


def _looks_like_group(text: str, norp_words: set[str]) -> bool:
    """"Belgians" tagged as a person is a nationality in the plural."""
    lowered = text.lower()
    return " " not in lowered and any(
        lowered.startswith(word) and lowered.endswith("s") for word in norp_words
    )
