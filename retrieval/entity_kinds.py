"""What kind of thing a name is, read from the words around it in the spaCy ``Doc``.

spaCy's NER label is a guess from the name alone, but news writing states the kind next to
the name: "in X", "near X" (a place), "her husband X" (a person), "the news weekly X" or "X,
the Lisbon sports daily" (an organisation), "X, a hill town in..." and the dateline ("BRAGA,
Portugal —") (a place); so do a name's own foreign head word ("Estádio do X") or legal-form
ending ("X Oyj"). These rules only read tokens and answer with a kind or a cue: they never
change where a name starts or ends (``retrieval.entity_spans``) nor build mentions
(``retrieval.entities``), which is why they are a module of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.article_text import DATELINE
from retrieval.entity_rules import (
    BODY_NOUNS,
    CORPORATE_SUFFIXES,
    DASHES,
    FOREIGN_ORGANIZATION_HEADS,
    FOREIGN_PLACE_HEADS,
    LEADING_LEGAL_FORMS,
    NAME_KINDS,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    TITLES,
    VENUE_NOUNS,
)
from retrieval.lexicon import is_kind_of, is_known_place, is_person_noun, noun_categories

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Word set a rule tests against, built once (a set union per test costs more than it).
_ORGANIZATION_NOUNS_AND_CHURCH = ORGANIZATION_NOUNS | {"church"}


def _role_words_before(doc: Doc, start: int) -> list[str]:
    """Lower-case words just before a name, up to three, stopping at punctuation or another
    name ("the news weekly [Der Spiegel]" → ["weekly", "news"])."""
    words: list[str] = []
    index = start - 1
    while index >= 0 and len(words) < 3:
        token = doc[index]
        if token.is_punct or not token.text.islower() or token.pos_ in {"DET", "ADP", "VERB"}:
            break
        words.append(token.lower_)
        index -= 1
    return words


def _is_venue_noun(token: Token) -> bool:
    """A venue noun, singular or plural ("the X and Y container terminals", "the X piers")."""
    return token.lower_ in VENUE_NOUNS or (
        token.tag_ == "NNS" and token.lemma_.lower() in VENUE_NOUNS)


def venue_after(doc: Doc, end: int) -> bool:
    """A venue noun right after the name ("Zaventem airport", "Bataclan concert hall")."""
    for index in range(end, min(end + 2, len(doc))):
        token = doc[index]
        if _is_venue_noun(token) and token.text.islower():
            return True
        if not (token.pos_ in {"NOUN", "ADJ"} and token.text.islower()):
            return False
    return False


#: Prepositions after which a bare proper name is a place ("in Leibnitz", "near Graz").
LOCATIVE_PREPOSITIONS = {"in", "near", "outside", "around", "across", "throughout", "within",
                         "towards", "toward", "inside", "into"}
#: Verbs of travel: "to X" after them names a destination ("travelling to Bergen").
MOTION_VERBS = {"travel", "fly", "go", "head", "return", "move", "drive", "sail", "commute",
                "come", "evacuate", "relocate", "flee", "emigrate", "deport", "transfer",
                "airlift", "ferry", "bus", "walk", "run", "ride", "journey", "divert"}

DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "north", "south",
              "east", "west", "northeastern", "northwestern", "southeastern", "southwestern"}
AREA_NOUNS = {"parts", "part", "outskirts", "centre", "center", "heart", "edge", "capital",
              "suburbs", "north", "south", "east", "west", "parish", "municipality", "commune",
              "province", "county", "borough", "canton", "region", "state", "city", "town",
              "village", "island", "community"}
#: Adjectives that place a name on a map, as a direction does ("neighbouring X").
_WHERE_ADJECTIVES = frozenset({"neighbouring", "neighboring", "nearby", "downtown", "coastal",
                               "rural", "suburban", "upstate", "inland", "landlocked",
                               "remote", "mountainous"})
#: "Shares in X", "a stake in X": after these, "in" names a company, not a place.
FINANCIAL_NOUNS = {"shares", "share", "stake", "stakes", "investment", "investors", "holding",
                   "interest", "trading", "stock"}


def place_cue(doc: Doc, start: int, end: int, label: str = "") -> bool:
    """Words around the name that say it is a place: "in X", "near X", "southern X", "the
    village of X", "parts of X", "Graz and X" (coordinated with a place), "the X and Y
    provinces"; "in the X" when spaCy reads X as a country or city ("in the Netherlands")."""
    if end < len(doc) and doc[end].lower_ in {"'s", "’s"}:
        return False
    if listed_before_areas(doc, start, end):
        return True  # "the Gers and Landes departments"
    index = start - 1
    if label == "GPE" and index > 0 and doc[index].lower_ == "the":
        index -= 1
    while index >= 0 and doc[index].lower_ in DIRECTIONS:
        if index == start - 1:
            return True
        index -= 1
    if index == start - 1 and doc[index].lower_ in _WHERE_ADJECTIVES:
        return True  # "neighbouring X", "rural X", "downtown X"
    if index < 0:
        return False
    word = doc[index].lower_
    if word in LOCATIVE_PREPOSITIONS:
        return not (index > 0 and doc[index - 1].lower_ in FINANCIAL_NOUNS)
    if word == "at" and label == "PERSON" and end - start == 1 and index > 0 and (
            doc[index - 1].pos_ != "PROPN") and not is_person_noun(doc[index - 1].lemma_.lower()):
        # "the old bridge at X": no one is "at" a person, so a lone name spaCy read as one is
        # a place (not after a person or a name: "analysts at X", "Smith at X" may be firms)
        return True
    if word == "off" and label != "ORG":
        return True  # "anchored off Lampedusa" (but a company is "fended off", "sold off")
    if word == "between" and end + 1 < len(doc) and doc[end].lower_ == "and":
        # "trains between Copenhagen and Aarhus" (but "talks between Boeing and Airbus")
        return label != "ORG" or on_a_route(doc, start)
    if word == "to" and index > 0 and (doc[index - 1].lemma_.lower() in MOTION_VERBS or (
            _journey_before(doc, index))):
        return True  # "travelling to Bergen", "flew to Graz", "a journey of 10 hours to X"
    if range_of_places(doc, start):
        return True  # "from Lima to Arequipa"
    if word == "and" and index > 1 and doc[index - 2].lower_ == "between":
        return label != "ORG" or on_a_route(doc, start)
    if word == "of" and index > 0 and (
        (_is_venue_noun(doc[index - 1]) or doc[index - 1].lower_ in AREA_NOUNS
         or doc[index - 1].lemma_.lower() in AREA_NOUNS)  # "the communities of X and Y"
        and doc[index - 1].text.islower()
    ):
        return True
    if word == "from" and index > 0 and _person_before_from(doc, index) and not (
            doc[end - 1].text[:1].isupper() and doc[end - 1].lower_ in ORGANIZATION_NOUNS):
        # "a nurse from Haarlem": where a person comes from is a place; "a co-author from
        # Kyoto University" is where they work
        return True
    return word in {"and", "or"} and index > 0 and doc[index - 1].ent_type_ in {"GPE", "LOC"}


def _person_before_from(doc: Doc, at: int) -> bool:
    """A person right before "from" (at ``at``): "a nurse from X", and also "a mother of
    five from X" and "the 24-year-old from X", where the noun or the age before "from"
    describes a person."""
    before = doc[at - 1]
    if before.lower_ == "old" and at >= 3 and doc[at - 2].text in {"-", "–"} and (
            doc[at - 3].lower_ in {"year", "years"}):
        return True  # "the 24-year-old from X"
    if before.like_num and at >= 3 and doc[at - 2].lower_ == "of":
        before = doc[at - 3]  # "a mother of five from X"
    return before.pos_ == "NOUN" and is_person_noun(before.lemma_.lower())


#: Verbs of carrying people or goods somewhere: "carrying 61 passengers to X".
_CARRYING_VERBS = frozenset({"carry", "transport", "ship", "bring", "send"})


def _journey_before(doc: Doc, to: int) -> bool:
    """"An overnight journey of about 10 hours to X", "flights from Lima to X", "carrying 61
    passengers and four crew to X": a journey's noun or a verb of motion or carrying a few
    words before "to", in the same clause (no punctuation or other verb between), says
    that X is where the journey ends."""
    for index in range(to - 1, max(-1, to - 8), -1):
        token = doc[index]
        if token.is_punct:
            return False
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            return lemma in MOTION_VERBS or lemma in _CARRYING_VERBS
        if token.pos_ == "AUX":
            return False
        if token.pos_ == "NOUN" and lemma in _JOURNEY_NOUNS:
            return True
    return False


#: Nouns of journeys whose ends are places ("routes between A and B", "flights to A").
_JOURNEY_NOUNS = frozenset({"route", "flight", "service", "train", "bus", "ferry", "link",
                            "connection", "trip", "journey", "road", "crossing", "voyage"})


def on_a_route(doc: Doc, start: int) -> bool:
    """"Routes between Kota Kinabalu and Tawau, Lahad Datu, Labuan, Miri and Kuching",
    "flights to A and B": the names a journey runs between, to or from are places, however
    spaCy typed them (it read these as people and companies, or not at all)."""
    index = start - 1
    while index > 0 and (doc[index].lower_ in {",", "and", "or"} or (
            doc[index].pos_ == "PROPN" and doc[index].text[:1].isupper())):
        index -= 1
    return index > 0 and doc[index].lower_ in {"between", "to", "from"} and (
        doc[index - 1].lemma_.lower() in _JOURNEY_NOUNS)


def range_of_places(doc: Doc, start: int) -> bool:
    """"From Salvador to X", "stretching from Lima to X": a range that starts at a place
    ends at one."""
    index = start - 2
    if index < 1 or doc[start - 1].lower_ != "to" or doc[index].ent_type_ not in {"GPE", "LOC"}:
        return False
    while index > 0 and doc[index].ent_iob_ == "I":
        index -= 1
    return index > 0 and doc[index - 1].lower_ == "from"


#: Plural nouns of administrative areas that follow the names they group ("the Kano and
#: Kaduna states", "the Gers and Landes departments", a French département being an area).
_AREA_PLURALS = frozenset({"departments", "provinces", "regions", "states", "counties",
                           "districts", "prefectures", "municipalities", "oblasts", "cantons",
                           "governorates", "divisions", "regencies", "territories",
                           "boroughs", "parishes"})


#: Prepositions before a list of places ("plants *in* A, B and C").
_LIST_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "across", "between",
                                      "around", "through"})


def listed_with_places(doc: Doc, start: int, end: int) -> bool:
    """"Plants in Wolfsburg, Emden and Salzgitter": a name in a list of names after a place
    preposition, joined with "and"/"or", where another name is one spaCy reads as a place,
    is a place too (spaCy often leaves the less known towns of a list unlabelled). Only
    proper nouns, commas and "and"/"or" make up the list."""
    def part(token: Token) -> bool:
        return token.lower_ in {",", "and", "or"} or (
            token.pos_ == "PROPN" and token.text[:1].isupper())

    first = start
    while first > 0 and part(doc[first - 1]):
        first -= 1
    last = end
    while last < len(doc) and part(doc[last]):
        last += 1
    while last > end and doc[last - 1].lower_ in {",", "and", "or"}:
        last -= 1
    if first == 0 or doc[first - 1].lower_ not in _LIST_PLACE_PREPOSITIONS or (
            doc[first].lower_ in {",", "and", "or"}):
        return False
    chain = doc[first:last]
    return any(t.lower_ in {"and", "or"} for t in chain) and any(
        t.ent_type_ in {"GPE", "LOC"} and not start <= t.i < end for t in chain) and not any(
        t.ent_type_ in {"PERSON", "ORG"} for t in chain)


def listed_before_areas(doc: Doc, start: int, end: int) -> bool:
    """"In the Gers and Landes departments": names listed before a plural area noun are each
    an area's name. The names must be words that are no common words ("the Fire and Police
    departments" are bodies), or that spaCy read as names."""
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None:
        return False
    index = end
    for _ in range(12):
        if index >= len(doc):
            return False
        token = doc[index]
        if token.text.islower() and token.lower_ in _AREA_PLURALS:
            break
        if not (token.lower_ in {"and", ",", "or"} or (
                token.pos_ == "PROPN" and token.text[:1].isupper())):
            return False
        index += 1
    else:
        return False
    names = [t for t in doc[start:index] if t.pos_ == "PROPN"]
    # a common word counts when spaCy took it for a name ("Rangpur" is also a lime)
    return bool(names) and not any(
        wordnet.is_common_word(t.text) and not t.ent_type_ for t in names)


#: Titles before a person's name only (not a portfolio's words: "Health", "Foreign", "State").
_PERSONAL_TITLES = frozenset(TITLES - {"interior", "foreign", "defence", "defense", "finance",
                                       "health", "state", "general", "prime", "vice", "deputy",
                                       "chief", "major", "brother", "sister", "father"})


def _after_a_personal_title(doc: Doc, start: int) -> bool:
    """"Mayor Edith Marsh", "Judge Peter Field": a name spaCy read as a person's, right after
    a person's title, stays a person's whatever its last word (a marsh, a field)."""
    return start > 0 and doc[start - 1].text[:1].isupper() and (
        doc[start - 1].lower_.rstrip(".") in _PERSONAL_TITLES)


def fix_kind(doc: Doc, start: int, end: int, kind: str) -> str:
    """Correct spaCy's type from the words around the name."""
    if kind not in NAME_KINDS:
        return kind
    foreign = foreign_kind(doc, start, end)
    if foreign:
        return foreign
    if based_after(doc, end):
        return "place"
    last = doc[end - 1].lower_
    head = _head_before_of(doc, start, end)
    if (head in ORGANIZATION_NOUNS or _head_before_of(doc, start, end, "for") in (
            ORGANIZATION_NOUNS)) and kind == "organization" and doc[start].text[:1].isupper():
        # "the Council of State", "Bank of X": the body, not the place after "of"; "the
        # District Court for the Western District of X": the court, not the district
        return kind
    if kind != "place" and not (kind == "person" and _after_a_personal_title(doc, start)) and (
            venue_after(doc, end) or (end - start > 1 and last in VENUE_NOUNS
                                      and last not in ORGANIZATION_NOUNS)
            or _venue_name_going_on(doc, start, end)):
        return "place"
    if kind != "place" and _waterway_channel(doc, start, end):
        return "place"  # "in the Kvarner Channel"
    if kind != "place" and _upper_or_lower_part(doc, start, end):
        return "place"  # "Upper Kotto", "Lower Saxony"
    if kind != "place" and head in VENUE_NOUNS and head not in _ORGANIZATION_NOUNS_AND_CHURCH:
        return "place"  # "the Regional Hospital of X", "the Port of Y" (not "Church of X")
    org_name = end - start > 1 and last in ORGANIZATION_NOUNS and doc[end - 1].text[:1].isupper()
    if kind == "person" and org_name:
        return "organization"  # "Civil Protection Department", "Bergen Fire Service"
    before = _role_words_before(doc, start)
    head = before[0] if before else None
    # "her husband X" names a person, but the adjective in "the national X Department" does not
    if head in PERSON_NOUNS and kind != "person" and not org_name and (
        doc[start - 1].pos_ != "ADJ"
    ) and all(doc[i].pos_ == "PROPN" for i in range(start, end)):
        return "person"
    if kind == "person" and head not in PERSON_NOUNS and any(
            word in ORGANIZATION_NOUNS for word in before):  # not "council *leader* X"
        return "organization"
    if kind in {"place", "organization"} and doc[start].lower_ == "place" and end - start > 1:
        return "place"
    if kind == "person" and end - start == 2 and doc[start].text in _FEATURE_FIRST_WORDS:
        return "place"  # "Lake Wetherell", "Mount Higashizawa", read as a person
    return kind


#: First words of the names of lakes and mountains.
_FEATURE_FIRST_WORDS = frozenset({"Lake", "Mount", "Mt", "Mt.", "Loch"})


def _venue_name_going_on(doc: Doc, start: int, end: int) -> bool:
    """"University Hospital Centre Ostrava": a capitalised noun that names only a building
    ("Hospital", "Airport", "Stadium"), followed inside the name only by venue nouns and the
    town it stands in, makes a place, though the name ends on a word that could name a body
    ("Centre"). Not "Airport Authority": the words after it name a body."""
    from retrieval.lexicon import is_known_place

    for index in range(start, end - 1):
        token = doc[index]
        if token.text.istitle() and token.lower_ in _BUILDINGS:
            rest = doc[index + 1 : end]
            return all(t.text[:1].isupper() and (t.lower_ in VENUE_NOUNS or is_known_place(
                t.text, every_sense=False)) for t in rest)
    return False


def _upper_or_lower_part(doc: Doc, start: int, end: int) -> bool:
    """"Upper Kotto", "Lower Saxony", "Upper Nile": a name that opens with "Upper" or
    "Lower" names the higher or lower part of a river, a region or a town, a place; no
    person's given name is "Upper", and a body's name would end on its noun ("Lower Colorado
    River Authority")."""
    return end - start > 1 and doc[start].text in {"Upper", "Lower"} and (
        doc[end - 1].lower_ not in BODY_NOUNS)


#: Prepositions that put something in or through water, not on air.
_WATER_PREPOSITIONS = frozenset({"in", "across", "through", "into", "crossing", "crossed",
                                 "cross", "along", "up", "down"})


def _waterway_channel(doc: Doc, start: int, end: int) -> bool:
    """"In the Kvarner Channel", "across the Bristol Channel": a name ending in "Channel"
    that something is in or crosses is a waterway; a broadcaster is "on" its channel."""
    if end - start < 2 or doc[end - 1].text != "Channel":
        return False
    before = start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    return before >= 0 and doc[before].lower_ in _WATER_PREPOSITIONS


#: Verbs of saying after which a pronoun tells a person ("he", "she") from a body ("it").
_SAYING_VERBS = frozenset({"say", "announce", "confirm", "add", "warn", "insist", "deny",
                           "state", "tell"})


def said_of_a_thing(doc: Doc, end: int) -> bool:
    """"X, which employs 2,300 people", "X has said it will appeal": a person would be
    "who" and "he" or "she", so X is a body spaCy took for a person."""
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "which":
        return True
    at = end + (end < len(doc) and doc[end].lower_ in {"has", "had", "have"})
    return at + 1 < len(doc) and doc[at].lemma_ in _SAYING_VERBS and (
        doc[at + 1].lower_ in {"it", "its"})


#: Last words of names that may name a building or the body in it ("... Centre").
_BUILDING_OR_BODY = frozenset(VENUE_NOUNS & BODY_NOUNS - ORGANIZATION_NOUNS)


def a_body_speaks(doc: Doc, start: int, end: int) -> bool:
    """"The X Advisory Centre said", "The X Centre, which tracks ash clouds, warned": a name
    that may be a building's or a body's ("Centre") is the body when it says something; a
    building says nothing."""
    if doc[end - 1].lower_ not in _BUILDING_OR_BODY or not doc[end - 1].text.istitle():
        return False
    at = end
    if at + 1 < len(doc) and doc[at].text == "," and doc[at + 1].lower_ == "which":
        at += 2  # past the relative clause, to the comma that closes it
        while at < len(doc) and doc[at].text != "," and not doc[at].is_sent_start:
            at += 1
        at += 1
    return at < len(doc) and doc[at].lemma_ in _SAYING_VERBS and doc[at].tag_ in {"VBD", "VBZ"}


#: Last words of names that may name a building or the institution that works in it.
_INSTITUTION_ENDS = frozenset({"hospital", "clinic", "centre", "center", "museum",
                               "laboratory", "observatory"})


def works_at(doc: Doc, start: int, end: int) -> bool:
    """"A nurse at X Hospital", "a virologist at the X Medical Center": what a person works
    at, named by a role, is the institution that employs them, not the building its last
    word names (as "a researcher at X University" is the university)."""
    if doc[end - 1].lower_ not in _INSTITUTION_ENDS or not doc[end - 1].text.istitle():
        return False
    at = start - 1
    if at >= 0 and doc[at].lower_ == "the":
        at -= 1
    if at < 1 or doc[at].lower_ != "at":
        return False
    noun = doc[at - 1]
    return noun.pos_ == "NOUN" and noun.text.islower() and _noun_kind(noun) == "person"


#: Lower-case roles only a person holds, which news writes right before the holder's name
#: ("Chief executive X", "finance director X"); not "owner" or "partner", which a company
#: may be.
_PERSON_ROLES = frozenset({
    "executive", "director", "spokesman", "spokeswoman", "spokesperson", "minister",
    "president", "chairman", "chairwoman", "chairperson", "ceo", "founder", "coach",
    "manager", "secretary", "lawyer", "prosecutor", "judge", "economist", "analyst",
    "researcher", "scientist", "professor", "mayor", "governor", "commissioner", "editor"})


def titled_by_a_role(doc: Doc, start: int, end: int) -> bool:
    """"Chief executive Fiona X", "Finance director Anna Y": a name of two or three
    capitalised words right after a role only a person holds is that person's, though spaCy
    reads it as a body; not a name that ends like a body's ("X Holdings Ltd", "X Council")."""
    if not 2 <= end - start <= 3 or start < 1:
        return False
    role = doc[start - 1]
    if not (role.text.islower() and role.pos_ == "NOUN" and role.lower_ in _PERSON_ROLES):
        return False
    last = doc[end - 1]
    return all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() for t in doc[start:end]
               ) and last.lower_ not in BODY_NOUNS and last.text not in CORPORATE_SUFFIXES


def said_of_someone(doc: Doc, start: int, end: int) -> bool:
    """"X Y, who heads the agency's office, said": "who" after the comma refers to a person
    (a body would be "which"), so X Y is a person spaCy took for a body. Not when "the"
    opens the name ("the Rovers, who lost") nor when a word of it is a common word or a
    place ("Manchester United, who"): sports clubs and bands also take "who", but their
    names are built on such words, people's names are not."""
    from retrieval.lexicon import get_wordnet, is_known_place

    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "who":
        return False
    if start > 0 and doc[start - 1].lower_ == "the":
        return False
    wordnet = get_wordnet()
    return wordnet is not None and all(
        t.pos_ == "PROPN" and t.is_alpha and t.text.istitle() for t in doc[start:end]) and not any(
            wordnet.is_common_word(t.text) or wordnet.has_common_noun_sense(t.text)
            or is_known_place(t.text, every_sense=False) for t in doc[start:end])


#: What only a company or other body has: "the offices of X", "X's shareholders".
_BODY_PARTS = frozenset({
    "offices", "headquarters", "shareholders", "shares", "employees", "staff", "subsidiary",
    "subsidiaries", "board", "founder", "founders", "customers", "clients", "revenue",
    "revenues", "profit", "profits", "turnover", "users", "subscribers", "workforce", "ceo",
})
#: "X's chief executive", "X's chief operating officer": officers only a body has.
_CHIEF_OFFICERS = frozenset({"executive", "operating", "financial", "technology"})
#: "X reported revenue of...": what a body reports.
_ACCOUNTS = frozenset({"revenue", "revenues", "profit", "profits", "loss", "losses", "sales",
                       "turnover", "earnings"})
_REPORTING = frozenset({"report", "post", "book", "record"})


def business_cue(doc: Doc, start: int, end: int) -> bool:
    """Words that make a name a body, not a person, though spaCy took it for one: "Founded in
    2017, X"; "the offices of X", "X's shareholders", "X's chief executive"; "X reported
    revenue of..."."""
    before = start - 1
    if before >= 1 and doc[before].lower_ == "the":
        before -= 1
    if before >= 1 and doc[before].lower_ == "of" and doc[before - 1].lower_ in _BODY_PARTS:
        return True
    if end + 1 < len(doc) and doc[end].tag_ == "POS" and doc[end + 1].lower_ in _BODY_PARTS:
        return True
    if end + 2 < len(doc) and doc[end].tag_ == "POS" and doc[end + 1].lower_ == "chief" and (
            doc[end + 2].lower_ in _CHIEF_OFFICERS):
        return True  # "X's chief executive"
    sentence_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    opening = [t.lower_ for t in doc[sentence_start:start]]
    if opening[:1] == ["founded"] and opening[-1:] == [","]:
        return True  # a company is founded, a person born
    after = [t for t in doc[end : end + 4] if t.lower_ not in {"a", "an", "net", "record"}]
    return len(after) >= 2 and after[0].lemma_ in _REPORTING and after[1].lower_ in _ACCOUNTS


#: Parts and members of a body: "a unit of the X" names X as the body, not a place.
_PARTS_OF_A_BODY = frozenset({"unit", "units", "division", "divisions", "subsidiary",
                              "subsidiaries", "affiliate", "affiliates", "member", "members"})


def part_of_a_body(doc: Doc, start: int, end: int) -> bool:
    """"A specialist unit of the X", "a member of the X": what has units and members is a
    body, though spaCy may read a one-word body ("the Gendarmerie") as a place. Only when
    the name ends the noun phrase ("a member of the X family" is a person's kin)."""
    before = start - 1
    if before >= 1 and doc[before].lower_ == "the":
        before -= 1
    if before < 1 or doc[before].lower_ != "of" or not doc[before - 1].text.islower() or (
            doc[before - 1].lower_ not in _PARTS_OF_A_BODY):
        return False
    # nor when it owns the body named after it ("a subsidiary of Russia's Rosatom")
    return end >= len(doc) or (doc[end].pos_ not in {"NOUN", "PROPN"} and doc[end].tag_ != "POS")


#: Lower-case nouns for a ship that news writes right before its name ("the cargo ship X",
#: "the navy vessel X"); not "carrier", which is also an airline.
VESSEL_NOUNS = frozenset({"ship", "vessel", "tanker", "freighter", "trawler", "ferry",
                          "yacht", "liner", "frigate", "destroyer", "warship", "icebreaker",
                          "tug", "tugboat", "barge", "catamaran", "submarine", "galleon",
                          "boxship", "containership", "dredger", "lifeboat"})


#: Prefixes a ship's name is written with ("MV Island Star", "the HMS X"): motor vessel,
#: motor ship, motor tanker, steamship, fishing and research vessels, navies' ships.
SHIP_PREFIXES = frozenset({"MV", "M/V", "MS", "M/S", "MT", "SS", "FV", "RV", "HMS", "HMAS",
                           "HMCS", "HMNZS", "USS", "USNS", "RMS", "INS", "KRI", "BRP"})


def ship_prefix_at(doc: Doc, start: int, end: int) -> int | None:
    """Where the ship's own name starts when the name ``start:end`` opens with a ship's
    prefix or stands right after one ("the MV Island Star", "aboard HMS X"): a ship, no
    person, place or body; None otherwise."""
    if end - start > 1 and doc[start].text in SHIP_PREFIXES:
        return start + 1
    if start > 0 and doc[start - 1].text in SHIP_PREFIXES and not doc[start - 1].ent_type_:
        return start
    return None


def named_as_a_vessel(doc: Doc, start: int) -> bool:
    """"The 140-metre cargo ship X", "the navy vessel X": a capitalised name right after a
    lower-case noun for a ship is the ship's name, no person, place or body (spaCy reads
    ship names as any of them)."""
    if start < 2:
        return False
    noun = doc[start - 1]
    return noun.text.islower() and noun.lower_ in VESSEL_NOUNS and noun.pos_ == "NOUN" and (
        doc[start - 2].pos_ in {"DET", "NOUN", "ADJ", "NUM", "PROPN"})


#: Participles after a hyphen that say where a company is ("Oulu-based", "London-listed",
#: "a Dubai-registered firm", "Paris-headquartered"); not those a person or a body may stand
#: before ("Kremlin-backed", "state-owned").
WHERE_BASED = frozenset({"based", "listed", "registered", "headquartered"})


def based_after(doc: Doc, end: int) -> bool:
    """"Oulu-based", "a Lyon-based carmaker", "the London-listed parent": what a company is
    based or listed in is a place."""
    return end + 1 < len(doc) and doc[end].text in {"-", "–"} and (
        doc[end + 1].lower_ in WHERE_BASED)


def based_before(doc: Doc, start: int) -> bool:
    """"Hamburg-based Nordkap Reederei", "Singapore-based Lumen Ventures": a name right after
    where it is based names a company or another body; a person so described takes a noun
    first ("a Lyon-based lawyer, X"). So after "London-listed", "Dubai-registered"."""
    return start >= 2 and doc[start - 1].lower_ in WHERE_BASED and (
        doc[start - 2].text in {"-", "–"})


def _head_before_of(doc: Doc, start: int, end: int, of: str = "of") -> str | None:
    """The noun a name is built on when "of" (or ``of``: "for") follows it ("Regional
    [Hospital] of X"), before the first such word."""
    for index in range(start + 1, end - 1):
        if doc[index].text == of:
            return doc[index - 1].lower_
    return None


def foreign_kind(doc: Doc, start: int, end: int) -> str | None:
    """The kind a name's own words give in another language: a first word such as "Cerro"
    (a hill) or "Estádio" makes a place, "Minera" or "Ministerio" an organisation, and so does
    a legal-form ending ("Oyj", "S.A."). spaCy, trained on English, often reads such a name as
    a person."""
    if end - start < 2:
        return None
    first = doc[start].text
    if first[:1].isupper() and first.lower() in FOREIGN_PLACE_HEADS:
        return "place"
    if first[:1].isupper() and first.lower() in FOREIGN_ORGANIZATION_HEADS:
        return "organization"
    if doc[end - 1].text in CORPORATE_SUFFIXES or first in LEADING_LEGAL_FORMS:
        return "organization"
    return None


#: Common nouns that make an apposition name a place ("Kastrup, a suburb of...").
PLACE_APPOSITION_NOUNS = {
    "town", "city", "village", "suburb", "district", "region", "province", "county", "state",
    "country", "capital", "island", "port", "resort", "municipality", "parish", "hamlet",
    "neighbourhood", "neighborhood", "area", "township",
}


#: Common nouns for a legislature: an apposition with one names a body, not the building it
#: sits in ("the Riigikogu, Estonia's parliament", "parliament, the Seimas").
LEGISLATURE_NOUNS = frozenset({"parliament", "legislature", "congress", "senate", "assembly"})


#: Nouns of bodies that also name people ("developer"): right before a name they say a
#: company ("property developer X"), set off by commas they do not.
_PERSON_OR_BODY_NOUNS = frozenset({"developer"})


def _noun_kind(token: Token, venues: bool = False) -> str | None:
    """The kind of name a common noun describes: a person ("president", "coach", "nurse"),
    an organisation ("club", "daily", "parliament") or a place ("town", "suburb")."""
    lemma = token.lemma_.lower()
    if lemma in PLACE_APPOSITION_NOUNS:
        return "place"
    if lemma in _PERSON_OR_BODY_NOUNS:
        return None  # "the developer, X,": a person or a company, the apposition cannot tell
    if lemma in ORGANIZATION_NOUNS or lemma in LEGISLATURE_NOUNS:
        return "organization"
    if lemma in PERSON_NOUNS or is_person_noun(lemma):
        return "person"
    if venues and lemma in _APPOSITION_VENUES:
        return "place"  # "X, the square in front of city hall" (not "the stadium, X said")
    return None


#: Venue nouns that mostly modify another noun ("the football club", "the bus driver").
VENUE_MODIFIERS = {"concert", "football", "bus", "train", "tram", "railway", "underground",
                   "metro", "line", "track", "field", "ground", "base", "camp", "stop"}
#: Venue nouns that name only a building or a site ("Hospital", "Airport"), never a body.
_BUILDINGS = frozenset(VENUE_NOUNS - BODY_NOUNS - VENUE_MODIFIERS)
#: Venue nouns that make an apposition name a place.
_APPOSITION_VENUES = VENUE_NOUNS - ORGANIZATION_NOUNS - VENUE_MODIFIERS


def apposition_kind(doc: Doc, start: int, end: int, dateline_end: int | None = None
                    ) -> str | None:
    """The kind an apposition next to the name states: "X, 58, the president of Cávado",
    "X, a councillor for...", "the club's coach, X" (a person); "X, the Lisbon sports daily"
    (an organisation); "X, a hill town in..." (a place). ``dateline_end`` is
    ``dateline_end_of`` the paragraph's text, which the caller reads once for all its names."""
    if start >= 2 and doc[start - 1].lower_ in {"in", "of"} and (
            doc[start - 2].lower_ in FINANCIAL_NOUNS):
        return "organization"  # "shares in Cávado"
    if start >= 2 and doc[start - 1].lower_ == "on" and doc[start - 2].lemma_ in LISTING_VERBS:
        return "organization"  # "listed on X": a stock exchange, not the city in its name
    if _member_of(doc, start):
        return "organization"
    if named_as_a_place(doc, start):
        return "place"
    if dateline_end is None:
        dateline_end = dateline_end_of(doc.text)
    if _is_dateline(doc, end, dateline_end):
        return "place"
    after = kind_after(doc, end) or copula_kind(doc, end)
    if after is not None:
        before = _role_noun_kind(doc, start)
        return before if before and before != after else after
    return _kind_before(doc, start, end)


def _role_noun_kind(doc: Doc, start: int) -> str | None:
    """The kind the common noun right before a name gives ("the copper company X"): it is
    bound tighter than an apposition after the name, whose noun may be vaguer ("X, the world's
    largest producer of copper" reads as a person)."""
    start = _past_name_article(doc, start)
    if start < 1:
        return None
    token = doc[start - 1]
    if not token.text.islower() or (token.pos_ != "NOUN" and not _lower_case_body_noun(token)):
        return None
    return _noun_kind(token)


def _lower_case_body_noun(token: Token) -> bool:
    """A lower-case organisation noun the tagger took for part of the name after it ("the
    South American bloc Mercosur", "bloc" tagged a proper noun): a name is not written in
    lower case, so the word is the noun before the name."""
    return token.tag_ == "NNP" and token.text.isalpha() and token.lower_ in ORGANIZATION_NOUNS


def _past_name_article(doc: Doc, start: int) -> int:
    """Where a name starts if "The" before it belongs to it: "the daily *The* Assam Tribune"
    (a role noun, then the name's own article)."""
    if start >= 2 and doc[start - 1].lower_ == "the" and doc[start - 2].tag_ == "NN":
        return start - 1
    return start


def person_role_before(doc: Doc, start: int, end: int) -> bool:
    """"Airport bomber Laachraoui's DNA", "striker Neymar": a one-word name right after a
    person's role noun is that person (a cue a name said once needs)."""
    if end - start != 1 or start < 1 or doc[start].pos_ != "PROPN":
        return False
    role = doc[start - 1]  # spaCy may tag it a proper noun ("bomber" before a name)
    return role.text.isalpha() and role.text.islower() and (
        role.lower_ in PERSON_NOUNS or is_person_noun(role.lower_))


def role_noun_cue(doc: Doc, start: int, end: int) -> str | None:
    """The organisation noun right before a proper name states its kind ("the consumer
    association X", "the ad-tech firm X") as firmly as an apposition: it outweighs
    what spaCy guessed for the same name elsewhere ("X is the subject of...")."""
    if not all(doc[i].pos_ == "PROPN" for i in range(start, end)):
        return None
    before = _past_name_article(doc, start)
    if before < 1 or (doc[before - 1].tag_ != "NN" and not _lower_case_body_noun(doc[before - 1])):
        return None
    kind = _role_noun_kind(doc, start)
    # only organisations: a person's role nouns are vague ("producer"), venue nouns name
    # bodies too ("the psychotherapy centre X")
    return kind if kind == "organization" else None


#: Words that open the noun phrase of a role set off before a name ("*the* mayor, X Y",
#: "*its* spokesman, X Y"); a possessive "'s" does too ("Germany's culture minister").
_ROLE_DETERMINERS = frozenset({"the", "its", "his", "her", "their", "our", "'s", "’s"})


def _name_set_off_by_commas(doc: Doc, start: int, end: int) -> bool:
    """A person's name of two or three capitalised proper nouns after a comma and before a
    comma or "said" / "told" (", X Y, said"), not a company's ("X Holdings")."""
    if not 2 <= end - start <= 3 or start < 1 or doc[start - 1].text != ",":
        return False
    if end >= len(doc) or doc[end].text not in {",", "said", "told", "says"}:
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[start:end]) and not (
        doc[end - 1].text in CORPORATE_SUFFIXES or doc[end - 1].lower_ in BODY_NOUNS)


def named_after_a_role(doc: Doc, start: int, end: int) -> bool:
    """"The agency's director-general, X Y, told", "Germany's minister of state for culture,
    X Y, said": a name of two or three words set off by commas right after a possessive or
    "the" and a person's role is the person who holds it, however spaCy typed it (a place,
    a body). The role is the last noun before any "of"/"for" ("minister of state for
    culture"), one of the role nouns news puts before names."""
    if start < 3 or not _name_set_off_by_commas(doc, start, end):
        return False
    head = None
    index = start - 2
    while index >= max(0, start - 10):
        token = doc[index]
        if token.lower_ in _ROLE_DETERMINERS:
            # "its chief executive, X Y,": a role WordNet knows as a person's will do
            # ("its own distributor, X Y," is no person: a body's noun too)
            return head is not None and (head in PERSON_NOUNS or (
                head not in ORGANIZATION_NOUNS and is_person_noun(head)))
        if token.lower_ in {"of", "for"}:
            head = None  # the role comes before its portfolio
        elif not (token.text.islower() or token.text in {"-", "–"}):
            return False
        elif head is None and token.pos_ == "NOUN":
            head = token.lower_
        index -= 1
    return False


#: Words that open the noun phrase of a person's role held in a body ("*the* head of the X",
#: "*a* spokesperson for the Y").
_ROLE_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our"})
#: Prepositions that tie a role to the body or place it serves ("the leader *of* X", "the
#: party's leader *in* parliament", "its correspondent *at* the court", "an adviser *to* X").
_ROLE_TIES = frozenset({"of", "for", "in", "at", "to"})


def role_of_a_body_before(doc: Doc, start: int, end: int) -> bool:
    """"The leader of the city council, X Y, said", "a spokesperson for the commission's
    trade department, X Y,", "the head of the Federation of Z, X Y, said": a name of two or
    three words set off by commas after "<the/a> <role> of/for" and the body the role serves
    is the person who holds it, whatever the body's last noun ("council", "department") or
    its name says. The role is a person's noun; the body's words between "of"/"for" and the
    comma hold no verb and no other punctuation than a possessive."""
    if start < 5 or not _name_set_off_by_commas(doc, start, end):
        return False
    index = start - 2
    while index > max(1, start - 16):
        token = doc[index]
        if token.pos_ in {"VERB", "AUX", "PRON"} or (
                token.is_punct and token.text not in {"-", "–", "&"}) or token.like_num:
            return False
        if token.lower_ in _ROLE_TIES and index < start - 2 and doc[index - 1].text.islower():
            # (an "of" inside the body's name, "the Federation of X", is passed over)
            role = doc[index - 1]
            opener = doc[index - 2]
            return role.pos_ == "NOUN" and (
                role.lower_ in PERSON_NOUNS or role.lower_ == "head"
                or is_person_noun(role.lower_)) and (
                opener.lower_ in _ROLE_OPENERS or opener.tag_ == "POS")
        index -= 1
    return False


def named_as_a_place(doc: Doc, start: int) -> bool:
    """"The town of X", "the island of X": the words before the name state that it is a
    place as firmly as an apposition, even when the name is also a common word ("Terrace").
    The larger place may name the noun ("the Paris suburb of X", "the Kowloon district of
    X"), and a plural noun may name several ("the townships of Umlazi and X")."""
    of = start - 1
    listed = of > 0 and doc[of].lower_ in {"and", ","}
    if listed:
        while of > 0 and (doc[of].lower_ in {"and", ","} or (
                doc[of].pos_ == "PROPN" and doc[of].text[:1].isupper())):
            of -= 1  # back over the names listed before this one
    noun = doc[of - 1] if of >= 1 else None
    if of < 2 or doc[of].lower_ != "of" or noun is None or not noun.text.islower() or (
            noun.lemma_.lower() not in PLACE_APPOSITION_NOUNS) or (
            listed and noun.tag_ != "NNS") or (not listed and noun.tag_ == "NNS"):
        return False
    index = of - 2
    while index > 0 and doc[index].pos_ == "PROPN" and doc[index].text[:1].isupper():
        index -= 1  # "the Paris suburb of"
    while index > 0 and doc[index].pos_ in {"ADJ", "NOUN"} and doc[index].text.islower():
        index -= 1  # "the nearby fishing village of", "his home town of"
    return doc[index].lower_ in _DETERMINERS_OF_A_PLACE


#: Words that open "<the> town of X": the article or a possessive ("his home town of X").
_DETERMINERS_OF_A_PLACE = frozenset({"the", "his", "her", "their", "its", "our", "my"})


#: "Listed on X", "trades on X": X is an exchange.
LISTING_VERBS = {"list", "trade", "float", "delist", "quote"}


def _member_of(doc: Doc, start: int) -> bool:
    """"A councillor for the X", "a spokesman for the X": the body a person speaks or sits
    for is an organisation (not "the mayor of X", a place)."""
    if start < 3 or doc[start - 1].lower_ != "the" or doc[start - 2].lower_ != "for":
        return False
    noun = doc[start - 3]
    return noun.pos_ == "NOUN" and _noun_kind(noun) == "person"


def dateline_end_of(text: str) -> int:
    """Where the news dateline opening a paragraph's ``text`` ends; -1 when there is none."""
    match = DATELINE.match(text)
    return match.end() if match is not None else -1


_DATELINE_STOPS = frozenset({",", "—", "–", "-", "--"})


def dateline_city(doc: Doc, dateline_end: int) -> tuple[int, int] | None:
    """The tokens of the town a news dateline in capitals opens with ("ABÉCHÉ, Chad —",
    "ST. JOHN'S, Newfoundland —", "BUON MA THUOT, Vietnam —"): the place the story was
    filed from, whole, however spaCy labelled its words (often not at all, or cut at "ST.").
    None when the paragraph opens with no such dateline."""
    if dateline_end < 0 or not len(doc):
        return None
    end = 0
    while end < len(doc) and doc[end].idx < dateline_end and (
            doc[end].text not in _DATELINE_STOPS or (
                doc[end].text == "-" and end > 0 and not doc[end - 1].whitespace_
                and not doc[end].whitespace_)):
        end += 1  # a hyphen inside the town's name ("PORT-AU-PRINCE") does not end it
    town = doc[:end]
    letters = [c for c in town.text if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return None
    return 0, end


def _is_dateline(doc: Doc, end: int, dateline_end: int) -> bool:
    """A name inside the news dateline that opens a paragraph ("BRAGA, Portugal —");
    ``dateline_end`` is where the paragraph's dateline ends, -1 when it has none."""
    if dateline_end < 0:
        return False
    last = doc[end - 1]
    return last.idx + len(last.text) <= dateline_end


def kind_after(doc: Doc, end: int) -> str | None:
    """The kind an apposition right after the name states ("X, 58," a person; "X, the Lisbon
    sports daily," an organisation; "X, a village in..." a place); None when the words after
    the comma start a new clause ("Nato, mourners returned")."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return None
    index = end + 1
    if doc[index].like_num and doc[index + 1].text == ",":
        return "person"  # "Helena Vasconcelos, 58,"
    if _distance_away(doc, index):
        # "Chuadanga, about 160 kilometres to the south,"; but a body's name says what it is
        # ("X City Council, about 110 kilometres to the northwest, said")
        return None if doc[end - 1].lower_ in _BODY_ONLY_ENDS else "place"
    if doc[index].lower_ == "one" and index + 3 < len(doc) and doc[index + 1].lower_ == "of" and (
            doc[index + 2].pos_ == "DET"):
        index += 2  # "X, one of the world's biggest ports": the noun after "one of" is the head
    if doc[index].pos_ == "PROPN" and index + 2 < len(doc) and doc[index + 1].tag_ == "POS":
        index += 1  # "X, Chile's national police force": a possessive name is a determiner
    elif _bare_role(doc, index):
        return "person"  # "said Dewi Lubis, director of forest fire control at the ministry"
    elif doc[index].pos_ != "DET" or doc[index].tag_ == "WP$":
        # "Nato, mourners returned": a new clause, not an apposition; nor "X, whose
        # candidate...", a relative clause about X, which may be a body as well as a person
        return None
    head = None
    for token in doc[index + 1 : index + 8]:
        if token.tag_ == "POS":
            head = None  # "the airline's chief executive": the possessor is not the head
        elif token.tag_ == "VBN" and token.i > 0 and doc[token.i - 1].text in {"-", "–"}:
            # "a Brno-based law firm", "a state-owned lender": the word before the hyphen
            # qualifies the noun to come, as an adjective does
            head = None
        elif token.pos_ == "NOUN":
            head = token
        elif token.pos_ not in {"ADJ", "PROPN", "NUM", "ADV"} and token.text not in {"-", "–"}:
            break
    for token in doc[index:]:
        if token.is_punct and token.text not in {"-", "–", "'", "’"}:
            break
        if token.tag_ in {"WDT", "WP"}:
            break  # "X, the company that owns Y": a relative clause belongs to the apposition
        if token.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
            return None  # "X, a spokeswoman for the hospital said": a new clause
    if head is None:
        return None
    kind = _noun_kind(head, venues=True)
    if kind == "organization" and _a_site_not_a_broadcaster(doc, index, head):
        return "place"  # "X, a former mission station,", "X, a remote research site,"
    if kind == "place" and _noun_kind(head) is None and doc[end - 1].text[:1].isupper() and (
            doc[end - 1].lower_ in _BODY_ONLY_ENDS):
        # "X Institute, a research centre at Y University,": a body's name says what it is,
        # and a venue noun in the apposition ("centre", "hall") does not make it a building
        return None
    return kind


#: Words that open a list of examples of the plural noun before them ("districts *such as*
#: A and B", "cities *including* A").
_EXAMPLE_WORDS = frozenset({"including", "like"})


def listed_as_examples(doc: Doc, start: int, end: int) -> str | None:
    """"In coastal districts such as A and B", "rivers including the A": names listed as
    examples of a plural common noun are of the kind that noun describes (a place, a body,
    a person), however spaCy typed each. The list holds only names, commas, "and"/"or" and
    "the" up to the name."""
    index = start - 1
    while index >= 0 and (doc[index].text in {",", "and", "or", "the"} or (
            doc[index].pos_ == "PROPN" and doc[index].text[:1].isupper())):
        if doc[index].is_sent_start:
            return None
        index -= 1
    if index < 1:
        return None
    if doc[index].lower_ == "as" and doc[index - 1].lower_ == "such":
        index -= 1
    elif doc[index].lower_ not in _EXAMPLE_WORDS:
        return None
    noun = doc[index - 1]
    if noun.text == "," and index >= 2:
        noun = doc[index - 2]  # "districts, including A"
    if noun.tag_ != "NNS" or not noun.text.islower():
        return None
    return _noun_kind(noun, venues=True)


#: Last words of bodies' names that never end a place's name.
_BODY_ONLY_ENDS = frozenset(BODY_NOUNS - VENUE_NOUNS)
def hometown_of_a_person(doc: Doc, start: int, end: int) -> bool:
    """"Mary O'Brien, 81, from Kilrush, said": a name after "from" set off by commas right
    after a person's name (or the age after it) is where the person is from, a place."""
    if start < 3 or end >= len(doc) or doc[end].text not in {",", "."} or (
            doc[start - 1].lower_ != "from" or doc[start - 2].text != ","):
        return False
    before = doc[start - 3]
    return before.ent_type_ == "PERSON" or (before.like_num and start >= 5 and (
        doc[start - 4].text == ",") and doc[start - 5].ent_type_ == "PERSON")


#: Units a distance from somewhere is given in.
_DISTANCE_UNITS = frozenset({"kilometres", "kilometers", "km", "miles", "metres", "meters"})
#: Words after a distance that say where from ("160 km north", "20 miles from", "... away").
_DISTANCE_BEARINGS = DIRECTIONS | {"from", "away", "to", "outside", "inland", "offshore",
                                   "upstream", "downstream", "northeast", "northwest",
                                   "southeast", "southwest"}
#: Hedges before a distance ("about 160 kilometres").
_APPROXIMATELY = frozenset({"about", "some", "around", "roughly", "nearly", "almost",
                            "just", "only", "over", "more", "less", "than", "approximately"})


def _distance_away(doc: Doc, index: int) -> bool:
    """"X, about 160 kilometres to the south," / "X, 20 miles from the border,": what lies
    so far from somewhere is a place."""
    while index < len(doc) and doc[index].lower_ in _APPROXIMATELY:
        index += 1
    return (index + 2 < len(doc) and doc[index].like_num
            and doc[index + 1].lower_ in _DISTANCE_UNITS
            and doc[index + 2].lower_ in _DISTANCE_BEARINGS)


def _bare_role(doc: Doc, index: int) -> bool:
    """A person's role without an article, tied to what it serves ("X, director of Y",
    "X, spokeswoman for Y", "X, head of research at Y"): news names people so."""
    token = doc[index]
    return (token.pos_ == "NOUN" and token.text.islower() and index + 1 < len(doc)
            and doc[index + 1].lower_ in {"of", "for", "at"}
            and _noun_kind(token) == "person")


def cited_as_source(doc: Doc, start: int) -> bool:
    """"According to the X Centre": what a report cites is a person or a body, not the
    building a venue noun at the end of its name would make it."""
    index = start - 1
    if index >= 0 and doc[index].lower_ == "the":
        index -= 1
    return index >= 1 and doc[index].lower_ == "to" and doc[index - 1].lower_ == "according"


_COPULAS = frozenset({"is", "was", "'s", "remains"})


#: Nouns of a site as well as of a body: a station or a site is a broadcaster or a website
#: only with a word of media or of ownership before it ("a radio station", "a news site").
_SITE_OR_MEDIA = frozenset({"station", "site"})
_MEDIA_WORDS = frozenset({"radio", "television", "tv", "news", "web", "fm", "am", "broadcast",
                          "broadcasting", "music", "pirate", "internet", "online", "media",
                          "community", "commercial", "public", "state", "private", "local",
                          "dating", "gossip", "satire", "betting", "shopping", "review"})


def _a_site_not_a_broadcaster(doc: Doc, index: int, head: Token) -> bool:
    """An apposition whose head is "station" or "site" (both in the organisation nouns, for
    broadcasters and websites) with no media word before it, from the apposition's
    determiner at ``index`` on: "X, a former mission station," "X, a remote research site,"
    name places."""
    return head.lemma_.lower() in _SITE_OR_MEDIA and not any(
        token.lower_ in _MEDIA_WORDS for token in doc[index:head.i])


def copula_kind(doc: Doc, end: int) -> str | None:
    """The kind a sentence states right after the name: "X is a young mountain range" (a
    place), "X is a consumer association" (an organisation). A person's kind is left to the
    apposition rules: what someone "is" is often vaguer ("X is the largest employer")."""
    if end + 2 >= len(doc) or doc[end].lower_ not in _COPULAS or (
            doc[end + 1].lower_ not in {"a", "an", "the"}):
        return None
    head = None
    for token in doc[end + 2 : end + 8]:
        if token.pos_ == "NOUN":
            head = token
        elif token.pos_ not in {"ADJ", "ADV"} and token.text not in {"-", "–"}:
            break
    kind = _noun_kind(head, venues=True) if head is not None else None
    return kind if kind in {"place", "organization"} else None


def _kind_before(doc: Doc, start: int, end: int) -> str | None:
    if end < len(doc) and (doc[end].lemma_ in _SAYING_VERBS or doc[end].text.istitle()):
        # "... until the board appoints a successor, X said": who said it; "..., Clay County
        # Sheriff Ruth Okafor told": X is a word of the title, not an apposition
        return None
    if role_of_a_body_before(doc, start, end):
        return "person"  # "the leader of the city council, X Y,": the leader, not the council
    if start >= 1 and doc[start - 1].lower_ == "the":
        start -= 1  # "the hospital's operator, the X Services County": "the" opens the name
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].pos_ == "PROPN":
        return _person_of_a_body_before(doc, start, end)
    if start < 2 or doc[start - 1].text != "," or doc[start - 2].pos_ != "NOUN":
        return None
    head = start - 2
    if doc[head].lemma_.lower() in LEGISLATURE_NOUNS and doc[head].text.islower() and (
            doc[start].lower_ == "the"):
        return "organization"  # "before parliament, the Seimas": news names a legislature bare
    while head > 1 and doc[head - 1].tag_ == "HYPH" and not doc[head - 1].whitespace_ and (
            not doc[head - 2].whitespace_):
        head -= 2  # "his brother-in-law, X": the compound is the noun
    # "the club's coach, Sérgio Amaral", "his wife, X" — but not a list ("clubs, X and Y")
    # (a person's "his"/"her", not "its advisers, BMO Capital Markets")
    if any(t.pos_ == "DET" or t.tag_ == "POS" or t.lower_ in {"his", "her"}
           for t in doc[max(0, head - 3) : head]):
        if head < start - 2:
            return "person" if is_person_noun(doc[head:start - 1].text.lower()) else None
        return _noun_kind(doc[start - 2])
    return None


#: Prepositions that tie a person's role to the body or place it serves ("a lawyer for X").
_ROLE_PREPOSITIONS = frozenset({"for", "of", "at", "with"})


def _person_of_a_body_before(doc: Doc, start: int, end: int) -> str | None:
    """"A lawyer for Acme Holdings, Jan Berg, told...": a name set off by commas after a
    person's role and the body or place the role serves names the person, however spaCy
    typed it. Only when a verb follows the closing comma: "residents of Paris, Lyon, and
    Nice" is a list, not an apposition."""
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].tag_ not in {
            "VBD", "VBZ", "VBP", "MD"}:
        return None
    index = start - 2
    while index > 0 and doc[index].pos_ == "PROPN" and start - index < 7:
        index -= 1
    if doc[index].lower_ == "the":
        index -= 1
    if index < 2 or doc[index].lower_ not in _ROLE_PREPOSITIONS:
        return None
    noun = doc[index - 1]
    if noun.pos_ != "NOUN" or not noun.text.islower() or _noun_kind(noun) != "person":
        return None
    if not any(t.pos_ == "DET" or t.tag_ == "POS" for t in doc[max(0, index - 4) : index - 1]):
        return None  # "a lawyer", "the ministry's spokesman": a noun phrase, not a bare noun
    return "person"


#: Verbs of a match whose object is the other side ("Chiefs play Golden Arrows").
_MATCH_VERBS = frozenset({"beat", "host", "face", "play", "defeat", "thrash", "eliminate"})
#: Verbs of a match that take the other side after a preposition ("lost 3-0 to X").
_MATCH_PREPOSITION_VERBS = frozenset({"lose", "draw"})
#: Subjects that are a side, not a player ("the champions beat X", "they host X").
_SIDE_NOUNS = frozenset({"team", "club", "side", "champion", "holder", "squad", "they"})


def match_opponent(doc: Doc, start: int, end: int) -> bool:
    """"Chiefs next play Golden Arrows", "Alianza Lima lost 3-0 to X", "who drew with X": the
    other side of a match a club plays is a club too, though spaCy often reads its name as a
    person's. The side playing, just before the verb (an adverb or auxiliary between), must be
    a body spaCy names, a capitalised plural it leaves unlabelled ("Chiefs"), a side's noun or
    "they" (a player beats a player: "he beat X", "X Y beat Z"); a country WordNet knows stays
    a place ("they beat Ghana": a national side is listed as its country)."""
    at = start - 1
    if at > 0 and doc[at].lower_ == "the":
        at -= 1
    if at < 1:
        return False
    if doc[at].lower_ in {"to", "with", "against"}:
        at -= 1
        while at > 0 and (doc[at].like_num or doc[at].text in DASHES or doc[at].lower_ in {
                "away", "home", "narrowly"}):
            at -= 1  # "lost 3-0 away to X"
        if doc[at].lemma_ not in _MATCH_PREPOSITION_VERBS:
            return False
    elif doc[at].lemma_ not in _MATCH_VERBS or doc[at].pos_ != "VERB":
        return False
    at -= 1
    while at > 0 and doc[at].pos_ in {"ADV", "AUX", "PART"} and doc[at].lower_ != "not":
        at -= 1  # "Chiefs next play", "they will host"
    if at >= 2 and doc[at].lower_ == "who" and doc[at - 1].text == ",":
        at -= 2  # "Sundowns, who beat X"
    side = doc[at]
    if is_known_place(doc[start:end].text):
        return False  # "they beat Ghana": a national side is listed as its country
    return side.ent_type_ == "ORG" or side.lemma_.lower() in _SIDE_NOUNS or (
        not side.ent_type_ and side.pos_ in {"PROPN", "NOUN"} and side.text[:1].isupper()
        and side.lower_.endswith("s"))


#: Verbs whose past participle before "at X" says X is where something lies or happens
#: ("rock mined at X", "a fault recorded at X"), not where someone works ("employed at X").
_SITE_VERBS = frozenset({"mine", "build", "hold", "locate", "station", "moor", "dock", "land",
                         "find", "bury", "record", "measure", "detain", "strand", "stage",
                         "anchor", "base", "house", "store", "dump", "unload", "load"})


def at_a_site(doc: Doc, start: int, end: int) -> bool:
    """"a site at X", "a new station at X", "a guesthouse at X", "rock mined at X": what
    stands or happens "at" a name, said by a lower-case venue or building noun ("site",
    "station", "depot") or a past participle of placing ("mined", "built") right before
    "at", is a place, though spaCy reads a bare name as a body (a company is "workers at
    X", "a stake at X")."""
    if start < 2 or doc[start - 1].lower_ != "at" or doc[end - 1].lower_ in BODY_NOUNS:
        return False
    before = doc[start - 2]
    if before.text.islower() and before.pos_ == "NOUN" and before.lemma_ in VENUE_NOUNS:
        return True
    if before.text.islower() and before.pos_ == "NOUN" and _a_building(before.lemma_.lower()):
        return True  # "a guesthouse at X", "the depot at X": a building stands in a place
    return before.tag_ == "VBN" and before.lemma_ in _SITE_VERBS


def _a_building(lemma: str) -> bool:
    """Whether one of the commonest senses of a noun is a building or a built facility
    ("hotel", "guesthouse", "depot"), which stands somewhere; not a business or a person."""
    return is_kind_of(lemma, noun_categories("structure", "facility", senses=1))
