"""Alias merging within one article: one kind per name, then one entity per thing named.

A name spaCy typed differently across the article gets the kind most of its mentions (and the
words around them) vote for; then a surname alone joins the one full name that ends with it, a
short form the venue or organisation it starts, and initials the name they abbreviate ("US" →
"United States", "Danish State Railways (DSB)"). It is separate from ``retrieval.entities``
because it needs no spaCy ``Doc``: it reads the plain ``Mention`` records of the whole article,
after every paragraph's mentions are extracted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from retrieval.article_text import DATELINE
from retrieval.entity_records import Entity, Mention
from retrieval.entity_rules import (
    ABBREVIATIONS,
    BODY_NOUNS,
    CORPORATE_SUFFIXES,
    INITIALS_SKIP,
    NAME_KINDS,
    NAME_PARTICLES,
    ORGANIZATION_NOUNS,
    VENUE_NOUNS,
)
from retrieval.lexicon import is_known_country_or_city, is_known_holiday, is_known_place
from retrieval.literal_search import NO_WORD_AFTER, NO_WORD_BEFORE, matches_of

_LEADING_THE = re.compile(r"^(the)\s+", flags=re.IGNORECASE)
_LEADING_THE_CASED = re.compile(r"^(the|The)\s+")
_SPACES = re.compile(r"\s+")
_WORD_BREAKS = re.compile(r"[\s-]+")
#: Last words of the names of rivers, lakes, ranges and counties, which articles also drop
#: ("the Mississippi", "Siaya"); not "state" or "city" ("New York State" is not New York).
NATURAL_FEATURES = frozenset({"river", "lake", "sea", "mountains", "range", "hills", "glacier",
                              "volcano", "peninsula", "bay", "gulf", "strait", "lagoon",
                              "county", "district", "province", "region", "prefecture"})
#: Nouns for a part of a place ("the Missouri *border*", "the Pacific *coast*"): the place
#: is the name, the noun is not part of it.
PART_NOUNS = frozenset({"border", "coast", "estuary", "shore", "shores", "outskirts", "banks"})
#: Word set a rule tests against, built once (a set union per test costs more than it).
_ORGANIZATION_NOUNS_AND_TV = ORGANIZATION_NOUNS | {"tv"}


def _key(text: str) -> str:
    text = _LEADING_THE.sub("", text.strip())
    return _SPACES.sub(" ", text).lower()


def _initials(name: str) -> str:
    words = [w for w in _WORD_BREAKS.split(name) if w and w.lower() not in INITIALS_SKIP]
    return "".join(w[0] for w in words).lower()


def _vote_kinds(mentions: list[Mention]) -> None:
    """One name, one kind: a name spaCy tagged differently across the article ("Leibnitz" as
    a person, an organisation and a place) takes the kind most of its mentions have, where
    "in Leibnitz" counts as three more votes for a place. A tie goes to the kind of the
    name's first mention, where articles introduce a name ("a local contractor, X")."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.kind in NAME_KINDS:
            votes[_canonical_key(mention.text)][mention.kind] += 0  # first mention's kind first
    for mention in mentions:
        if mention.kind in NAME_KINDS:
            key = _canonical_key(mention.text)
            votes[key][mention.kind] += 1
            if mention.place_cue:
                votes[key]["place"] += 3
            if mention.kind_cue:
                votes[key][mention.kind_cue] += 3
    # General knowledge: a name WordNet knows only as a place ("Rotterdam") is one, though
    # spaCy often takes a city it has rarely seen for a person or a company.
    for key, counter in votes.items():
        if len(counter) and is_known_place(key):
            counter["place"] += 3
    _settle_kinds(mentions, votes)
    # A "place" listed with two organisations or more and with no other place ("holdings
    # include Apple, Microsoft and X") is an organisation: a list names things of one kind,
    # and spaCy takes an unfamiliar company for a country as readily as for a person. Not a
    # name with a cue of place ("in X") or known as a place.
    for mention in mentions:
        if mention.kind == "place" and not mention.place_cue and not mention.kind_cue and (
                not is_known_place(_canonical_key(mention.text))):
            kinds = [_settled_kind(votes, other) for other in _listed_with(mention, mentions)]
            if kinds.count("organization") >= 2 and "place" not in kinds:
                votes[_canonical_key(mention.text)]["organization"] += 2
    _settle_kinds(mentions, votes)
    # A person's or organisation's name listed with places ("services to Cuglieri and X")
    # is a place too: a list names things of one kind, and spaCy often takes an unfamiliar
    # town for a person or a company. The kind spreads along the list ("in A, B and C").
    changed = True
    while changed:
        changed = False
        for mention in mentions:
            if mention.kind in {"person", "organization"} and not mention.kind_cue and (
                    not _named_as_a_body(mention.text)) and any(
                    _settled_kind(votes, other) == "place" for other in mention.conjuncts):
                votes[_canonical_key(mention.text)]["place"] += 2
                before = mention.kind
                _settle_kinds(mentions, votes)
                changed = changed or mention.kind != before
    # A one-word "person" listed with organisations ("BHP or Teck") is one too: a person
    # listed with companies would have a given name. So is any "person" listed with a name an
    # apposition calls a body ("the government parties, Fianna Fáil and Fine Gael,").
    bodies = {_canonical_key(m.text) for m in mentions if m.kind_cue == "organization"}
    for mention in mentions:
        if mention.kind == "person" and not mention.kind_cue and any(
                _settled_kind(votes, other) == "organization" and (
                    " " not in mention.text.strip() or _canonical_key(other) in bodies)
                for other in mention.conjuncts):
            votes[_canonical_key(mention.text)]["organization"] += 2
    _settle_kinds(mentions, votes)


#: Last words of bodies' names that name no building ("Airlines", "Group", "Bank").
_BODY_ONLY_NOUNS = frozenset(BODY_NOUNS - VENUE_NOUNS)


def _named_as_a_body(name: str) -> bool:
    """"Singapore Airlines", "X Holdings Ltd": a name of more than one word whose last word
    (or its singular) says it is a body, which no list with places makes a place."""
    words = name.split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    last = words[-1].lower()
    return words[-1] in CORPORATE_SUFFIXES or last in _BODY_ONLY_NOUNS or (
        last.endswith("s") and last[:-1] in _BODY_ONLY_NOUNS)


def _listed_with(mention: Mention, mentions: list[Mention]) -> list[str]:
    """The other names of the list ``mention`` stands in ("A, B and C" for C: A and B),
    following the neighbours each name notes."""
    seen = {id(mention)}
    queue, names = [mention], []
    while queue:
        current = queue.pop()
        for other in mentions:
            if id(other) not in seen and other.kind in NAME_KINDS and (
                    other.text in current.conjuncts and current.text in other.conjuncts
                    and abs(other.start - current.start) < 200):
                seen.add(id(other))
                queue.append(other)
                names.append(other.text)
    return names


def _settled_kind(votes: dict[str, Counter[str]], text: str) -> str | None:
    counter = votes.get(_canonical_key(text))
    return max(counter, key=lambda k: counter[k]) if counter else None


def _settle_kinds(mentions: list[Mention], votes: dict[str, Counter[str]]) -> None:
    for mention in mentions:
        if mention.kind in NAME_KINDS:
            counter = votes[_canonical_key(mention.text)]
            if len(counter) > 1:
                # max keeps the first of equal counts: the first mention's kind (above)
                mention.kind = max(counter, key=counter.__getitem__)


def _bare_towns(mentions: list[Mention]) -> None:
    """"San Martino hospital" is a hospital's name, but "Graz hospital" is Graz plus a noun
    when the article names Graz on its own too: a town or region before a venue noun keeps
    the noun only when the bare name never stands alone."""
    alone = {_canonical_key(m.text) for m in mentions if m.kind == "place" and not m.short_form}
    for mention in mentions:
        if mention.short_form and mention.label in {"GPE", "LOC"} and (
                _canonical_key(mention.short_form) in alone):
            mention.text = mention.short_form
            mention.end = mention.start + len(mention.short_form)
            mention.short_form = None


#: Endings that make a people's or a region's adjective of a place's name ("Valencia" →
#: "Valencian", "Nepal" → "Nepali", "Sudan" → "Sudanese"); "-stan" makes a country of a
#: people ("Kyrgyz" → "Kyrgyzstan").
_DEMONYM_ENDINGS = ("n", "an", "ian", "ean", "ese", "i", "ish")
_LOWER_CASE_WORD_AFTER = re.compile(r"[ \t]+[a-z]")


def _demonym_of(word: str, place: str) -> bool:
    return any(word == place + ending for ending in _DEMONYM_ENDINGS) or (
        place == word + "stan")


def _demonyms_of_places(mentions: list[Mention], body: str) -> None:
    """"The Valencian architect", "Kyrgyz authorities": a one-word "place" or "body" that is
    a place's adjective, formed on the name of a place the article names, and only ever
    stands before a lower-case noun is a people's or a region's adjective (as "Kenyan"),
    spaCy's tag notwithstanding. Not a name the article uses alone ("the Mexico border" stays
    with Mexico)."""
    places = {m.text.lower() for m in mentions
              if m.kind == "place" and " " not in m.text and m.text[:1].isupper()}
    if not places or not body:
        return
    candidates: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.kind in {"place", "organization"} and " " not in mention.text:
            candidates[mention.text.lower()].append(mention)
    for word, items in candidates.items():
        if not any(_demonym_of(word, place) for place in places if place != word):
            continue
        if all(_LOWER_CASE_WORD_AFTER.match(body, m.end) for m in items):
            for mention in items:
                mention.kind = "group"


#: Diseases and viruses named by a code rather than a word WordNet knows.
_DISEASE_CODE = re.compile(r"(?:COVID|Covid|SARS|MERS)(?:-(?:19|CoV-2))?|H\d{1,2}N\d{1,2}")


def _places_cued(mentions: list[Mention]) -> set[str]:
    """Places the text puts in place: after "in"/"near", in an apposition or the dateline."""
    return {_canonical_key(m.text) for m in mentions
            if m.kind == "place" and (m.place_cue or m.kind_cue == "place")}


def _places_named(mentions: list[Mention]) -> set[str]:
    """Places the article names firmly: twice or more, or cued (``_places_cued``)."""
    counts = Counter(_canonical_key(m.text) for m in mentions if m.kind == "place")
    return {key for key, count in counts.items() if count >= 2} | _places_cued(mentions)


def _person_is_an_institution(key: str, places: set[str], cued: set[str]) -> bool:
    """A "person" whose name contains a place named in the same article ("Euronext
    Amsterdam") is an institution, not a person — but not for a surname spaCy read as a
    place only by itself ("Mayor Esteban Carrión" … "Carrión told reporters"): a place at a
    name's end must be one WordNet knows, or one the text puts in place (``cued``)."""
    words = key.split(" ")
    return len(words) > 1 and any(
        word in places and (index < len(words) - 1 or word in cued or is_known_place(word))
        for index, word in enumerate(words))


def _lone_words_read_as_people(mentions: list[Mention], counts: Counter[str],
                               introduced: set[str]) -> list[Mention]:
    """News names a person in full before it uses one name alone, or gives a role or an
    age ("His wife, Kusumawathi,", "airport bomber Laachraoui"). A one-word "person" named
    once, with no such cue and no word of a fuller person's name, is most often a town or a
    body spaCy did not know ("to reach Gallipolis by Friday", "Clarín reported"): no person,
    and nothing says what else it is, so it is left out."""
    # a word of a longer name is that name said short, which later rules merge: a person's
    # surname, a street's ("Floriańska is never quiet" after "Floriańska Street"), a club's
    # last word ("Kvarnby" for "Idrottsförening Kvarnby")
    words = {word for m in mentions if m.kind in NAME_KINDS and " " in m.text.strip()
             for word in _canonical_key(m.text).split(" ")}

    def lone(mention: Mention) -> bool:
        key = _canonical_key(mention.text)
        return mention.kind == "person" and " " not in key and counts[key] == 1 and (
            key not in introduced and key not in words and not mention.kind_cue)

    return [m for m in mentions if not lone(m)]


def _one_word_people_named_again(mentions: list[Mention], counts: Counter[str],
                                 introduced: set[str], body: str) -> None:
    """A one-word "person" the article names again and again but never in full, with no
    role, title or age, and no word of a fuller person's name, is a company or a club
    spaCy did not know ("Puma said ...", "Verdi called the strike"): news gives a person's
    full name before it uses one name alone. Not when the text has a capitalised word
    before the name inside a sentence (a full name spaCy missed: "said Chief Executive Ama
    X"), nor when a common noun introduces it ("the bull elephant, X,")."""
    words = {word for m in mentions if m.kind in NAME_KINDS and " " in m.text.strip()
             for word in _canonical_key(m.text).split(" ")}
    cued = {_canonical_key(m.text) for m in mentions if m.kind_cue}
    lone = [m for m in mentions if m.kind == "person" and " " not in (
        key := _canonical_key(m.text)) and counts[key] > 1 and key not in introduced and (
        key not in words and key not in cued)]
    if not lone:
        return
    keys = {_canonical_key(m.text) for m in lone}
    # each written form once (a name is mentioned again and again)
    for key, text in {(_canonical_key(m.text), m.text.strip()) for m in lone}:
        if key in keys and (re.search(
                r"[^\s.!?\"“”'‘’(\[—–-]\s*\b[A-Z][\w’'-]* " + re.escape(text) + r"\b", body)
                or re.search(r"\b[a-z]{3,}, " + re.escape(text) + r"\s*,", body)):
            keys.discard(key)  # "the bull elephant, X,": a common noun says what X is
    for mention in lone:
        if _canonical_key(mention.text) in keys:
            mention.kind = "organization"


#: Words after a name that only a body's name takes: it speaks, or has officers, owners,
#: staff or players ("X said", "X's chief executive", "X shareholders").
_BODY_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:said|says|announced|confirmed|declined|denied|reported|told|warned|"
    r"chairman|chairwoman|chief|shareholders?|board|employees|staff|spokes(?:man|woman|person)|"
    r"players?|coach|manager|squad|fans|supporters)\b")


def _uncued_places_named_again(mentions: list[Mention], counts: Counter[str],
                               body: str) -> None:
    """A one-word "place" the article names again and again, never after "in"/"near" or in
    a list with places, that WordNet does not know as a place, is a company or a club spaCy
    took for a country ("Codelco said ...", "X's chief executive"), when words after one
    of its mentions say a body: news puts a place in place at least once."""
    candidates: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        key = _canonical_key(mention.text)
        if mention.kind in NAME_KINDS and " " not in key and counts[key] > 1:
            candidates[key].append(mention)
    for key, items in candidates.items():
        if all(m.kind == "place" and not m.place_cue and m.kind_cue != "place"
               and not m.short_form and not m.conjuncts for m in items) and (
                not is_known_place(key, every_sense=False)) and any(
                _BODY_AFTER.match(body, m.end) for m in items):
            for mention in items:
                mention.kind = "organization"


#: Mentions grouped by (kind, canonical key); and which group joins which.
Groups = dict[tuple[str, str], list[Mention]]
Merges = dict[tuple[str, str], tuple[str, str]]


def merge_mentions(mentions: list[Mention], body: str = "") -> list[Entity]:
    """Group an article's mentions into entities, merging aliases by general rules.
    ``body`` is the article text the mentions' offsets point into: an alias that only a rule
    derives (a name without its generic tail) is listed when the text uses it."""
    # the dates list holds points in time; ages and lengths of time stay in the sentences
    mentions = [m for m in mentions if m.kind != "date" or names_a_point_in_time(m.text)]
    # a ship's name ("the cargo ship X") is no person, place or body wherever it stands
    vessels = {_canonical_key(m.text) for m in mentions if m.kind == "vessel"}
    if vessels:
        mentions = [m for m in mentions
                    if m.kind != "vessel" and _canonical_key(m.text) not in vessels]
    # a holiday's name ("Easter", "Christmas") is a time of the year, though spaCy often
    # takes it for a place ("over Easter", "before Christmas"); a disease's code name
    # ("COVID-19", "H5N1") is no body or person, though spaCy takes it for one
    mentions = [m for m in mentions if m.kind not in NAME_KINDS or not (
        is_known_holiday(m.text.strip()) or _DISEASE_CODE.fullmatch(m.text.strip()))]
    _vote_kinds(mentions)
    _demonyms_of_places(mentions, body)
    _bare_towns(mentions)
    places, cued = _places_named(mentions), _places_cued(mentions)
    # "Rodolfo Villaraza, 53," is a person whatever spaCy made of "Villaraza" alone
    introduced = {_canonical_key(m.text) for m in mentions if m.kind_cue == "person"}
    for mention in mentions:
        key = _canonical_key(mention.text)
        if mention.kind == "person" and key not in introduced and _person_is_an_institution(
                key, places, cued):
            mention.kind = "organization"
    counts = Counter(_canonical_key(m.text) for m in mentions)
    mentions = _lone_words_read_as_people(mentions, counts, introduced)
    _one_word_people_named_again(mentions, counts, introduced, body)
    _uncued_places_named_again(mentions, counts, body)
    mentions = [m for m in mentions
                if counts[_canonical_key(m.text)] > 1 or not _is_common_word(m)]
    mentions = [m for m in mentions if not _initials_of_common_words(m, body)]
    mentions = _without_sentence_case_words(mentions, body)
    groups: Groups = defaultdict(list)
    for mention in mentions:
        groups[(mention.kind, _canonical_key(mention.text))].append(mention)
    merged: Merges = {}
    for rule in _MERGE_RULES:  # in this order: each leaves alone what an earlier one merged
        rule(groups, merged)
    for source, target in merged.items():
        while target in merged:
            target = merged[target]
        if source in groups and target in groups:
            groups[target].extend(groups.pop(source))
    entities = [_entity(kind, items, groups, body) for (kind, _), items in groups.items()]
    entities.sort(key=lambda e: (-e.count, e.name.lower()))
    return entities


def _surnames(groups: Groups, merged: Merges) -> None:
    """A surname (or a lone first name) joins the one full name it belongs to. Names tagged
    as places or organisations join a person only when they are rare and never stand after
    "in"/"near"."""
    persons = [key for key in groups if key[0] == "person" and " " in key[1]]
    for kind, key in list(groups):
        if " " in key or kind not in NAME_KINDS:
            continue
        items = groups[(kind, key)]
        placed = any(m.place_cue for m in items)
        if not placed and len(inner := _family_name_inside(persons, key)) == 1:
            merged[(kind, key)] = inner[0]  # however often spaCy read it as a body
            continue
        last = [p for p in persons if p[1].split(" ")[-1] == key]
        if kind != "person" and (placed or (len(items) > 2 and not (
                kind == "organization" and len(last) == 1))):
            # (a surname spaCy reads as a body however often — "Zafar said", "Kang told
            # reporters" after "Chief executive Hamza Zafar" — is the one person's of that
            # surname; a place named often stays one)
            continue
        first = [p for p in persons if p[1].split(" ")[0] == key]
        if len(last) == 1:
            merged[(kind, key)] = last[0]
        elif not last and len(first) == 1 and (kind == "person" or len(items) == 1):
            merged[(kind, key)] = first[0]
        elif not last and not first and len(paternal := _first_surname_of(persons, key)) == 1:
            merged[(kind, key)] = paternal[0]


def _family_name_inside(persons: list[tuple[str, str]], key: str) -> list[tuple[str, str]]:
    """The persons of three or more words one of whose inner words is ``key`` and none of
    whose ends is: a Chinese family name stands between an English given name and the
    Chinese given names ("Jeffrey Chong Wei Liang" ... "Chong said")."""
    return [p for p in persons if len(words := p[1].split(" ")) >= 3
            and key in words[1:-1] and key not in (words[0], words[-1])]


def _first_surname_of(persons: list[tuple[str, str]], key: str) -> list[tuple[str, str]]:
    """The persons of three or more words whose second last word is ``key``: Spanish and
    Portuguese names end on two surnames and news uses the first alone ("Andrés Ortega
    Ruiz" ... "Ortega said")."""
    return [p for p in persons if len(words := p[1].split(" ")) >= 3 and words[-2] == key]


def _organisation_short_forms(groups: Groups, merged: Merges) -> None:
    """"Northfield" → "Northfield Rovers", the one organisation whose name it starts, unless
    the word stands alone as a place ("in Northfield") or is one ("Iowa" is a state, not
    "Iowa Department of Transportation"); or its last word, unless that stands alone as a
    place ("Sporting Clube do Cávado" → "Cávado"; but "Lisbon" is not "Euronext Lisbon")."""
    organizations = [key for key in groups if key[0] == "organization" and " " in key[1]]
    for kind, key in list(groups):
        if (kind, key) in merged or " " in key or kind not in NAME_KINDS:
            continue
        items = groups[(kind, key)]
        if any(m.place_cue for m in items) or (kind == "place" and (
                len(items) > 2 or is_known_place(key, every_sense=False))):
            continue
        starts = [org for org in organizations if org[1].split(" ")[0] == key]
        ends = [org for org in organizations if org[1].split(" ")[-1] == key]
        if len(starts) == 1:
            merged[(kind, key)] = starts[0]
        elif not starts and len(ends) == 1 and kind != "place":
            merged[(kind, key)] = ends[0]


#: Words that make a name a public body's or a building's ("... Agency", "... High School"),
#: which news names after the place they serve: the place is no short form of them.
_PUBLIC_OR_BUILDING_WORDS = frozenset(BODY_NOUNS | VENUE_NOUNS | {"school", "police"})


def _companies_named_after_a_place(groups: Groups, merged: Merges) -> None:
    """"Red River Savings" ... "Red River shareholders", "Tidewater Scallop Packers" ...
    "Tidewater has 30 days to appeal": news names a company in full first, then by the
    leading words of its name, which spaCy often reads as the river or region the company is
    named after. A "place" that starts the one company's name introduced before it, that no
    mention sets after "in"/"near" or calls a place, is the company; not when a word of the
    name says a public body or a building ("the Illinois Emergency Management Agency" serves
    Illinois)."""
    organizations = [key for key in groups if key[0] == "organization" and " " in key[1]]
    if not organizations:
        return
    for kind, key in list(groups):
        if kind != "place" or (kind, key) in merged:
            continue
        items = groups[(kind, key)]
        if any(m.place_cue or m.kind_cue == "place" for m in items):
            continue
        if is_known_country_or_city(key):
            continue  # "Zambia" is no short form of "Zambia Red Cross Society"
        starts = [org for org in organizations if org[1].startswith(key + " ") and not any(
            word in _PUBLIC_OR_BUILDING_WORDS for word in org[1][len(key) + 1:].split(" "))]
        if len(starts) == 1 and min(m.start for m in groups[starts[0]]) < min(
                m.start for m in items):
            merged[(kind, key)] = starts[0]


def _bodies_without_last_word(groups: Groups, merged: Merges) -> None:
    """"Harbour Light" → "Harbour Light Energy": news names a company in full once, then
    drops the word that says its trade; a name of two or more words that is the one longer
    organisation's name less its last word is that organisation."""
    organizations = {key for key in groups if key[0] == "organization"}
    for kind, key in list(groups):
        if kind != "organization" or " " not in key or (kind, key) in merged:
            continue
        longer = [org for org in organizations
                  if org[1].startswith(key + " ") and " " not in org[1][len(key) + 1:]]
        if len(longer) == 1:
            merged[(kind, key)] = longer[0]


#: First words of stadiums' names in other languages ("Estadio Hernando Siles").
_STADIUM_HEADS = frozenset({"estadio", "estádio", "stadio", "stade", "stadion"})


def _venue_short_forms(groups: Groups, merged: Merges) -> None:
    """A lone "person" that starts the name of one street, square or station is its short
    form: "X Street ... X is never quiet at night" (spaCy takes the bare name for a person);
    so is an "organisation" named once ("the Kamrup superintendent of police", after "Kamrup
    district"); and the last word of one stadium's name ("the Siles")."""
    venues = [key for key in groups if key[0] == "place" and " " in key[1]
              and key[1].split(" ")[-1] in VENUE_NOUNS]
    stadiums = [key for key in groups if key[0] == "place" and " " in key[1]
                and key[1].split(" ")[0] in _STADIUM_HEADS]
    for kind, key in list(groups):
        if " " not in key and (kind, key) not in merged and (
                kind == "person" or (kind == "organization" and len(groups[(kind, key)]) == 1)):
            starts = [venue for venue in venues if venue[1].split(" ")[0] == key]
            if len(starts) == 1:
                merged[(kind, key)] = starts[0]
        if " " not in key and (kind, key) not in merged and kind in {"place", "person"}:
            # "the Siles" is the "Estadio Hernando Siles" (a stadium named after someone is
            # called by his surname)
            ends = [stadium for stadium in stadiums if stadium[1].split(" ")[-1] == key]
            if len(ends) == 1:
                merged[(kind, key)] = ends[0]


def _bare_features(groups: Groups, merged: Merges) -> None:
    """A river, lake, range or county named once in full and once bare: "Mississippi" is the
    "Mississippi River" of the same article, "Siaya" its "Siaya County"."""
    for kind, key in list(groups):
        if kind != "place" or (kind, key) in merged:
            continue
        # only the bare name plus the noun: "Keokuk" is not the "Keokuk School District"
        named = [(kind, f"{key} {noun}") for noun in NATURAL_FEATURES
                 if (kind, f"{key} {noun}") in groups]
        if len(named) == 1:
            merged[(kind, key)] = named[0]


def _towns_after_a_particle(groups: Groups, merged: Merges) -> None:
    """"San Carlos de Bariloche" ... "Bariloche": a town named after a saint or a founder
    and "de" (or "del", "do") is called by the word after the particle alone; only a word
    WordNet knows as no place of its own ("Santiago de Chile" is not "Chile")."""
    places = [key for key in groups if key[0] == "place" and " " in key[1]]
    for kind, key in list(groups):
        if kind != "place" or " " in key or (kind, key) in merged or is_known_place(
                key, every_sense=False):
            continue
        longer = [p for p in places if len(words := p[1].split(" ")) >= 3
                  and words[-1] == key and words[-2] in NAME_PARTICLES]
        if len(longer) == 1:
            merged[(kind, key)] = longer[0]


def _extended_names(groups: Groups, merged: Merges) -> None:
    """"Zaventem" → "Zaventem airport" when both appear (the venue noun was added to it)."""
    for kind, key in list(groups):
        for mention in groups[(kind, key)]:
            if mention.short_form:
                short = (kind, _canonical_key(mention.short_form))
                if short in groups and short != (kind, key) and short not in merged:
                    merged[short] = (kind, key)


def _initials_of_names(groups: Groups, merged: Merges) -> None:
    """"US" → "United States" when both appear."""
    long_names = {
        _initials(key): (kind, key)
        for kind, key in groups
        if kind in {"place", "organization"} and " " in key
    }
    for kind, key in list(groups):
        if (kind, key) in merged or " " in key or kind not in {"place", "organization"}:
            continue
        target = long_names.get(key.replace(".", ""))
        if target and target != (kind, key):
            merged[(kind, key)] = target


def _names_in_brackets(groups: Groups, merged: Merges) -> None:
    """Initials the text spells out: "Danish State Railways (DSB)", then "DSB" alone; other
    names given in brackets likewise."""
    for kind, key in list(groups):
        for acronym in {name for m in groups[(kind, key)]
                        for name in [m.acronym, *m.other_names] if name}:
            for other in NAME_KINDS:
                short = (other, _canonical_key(acronym))
                if short in groups and short != (kind, key) and short not in merged:
                    merged[short] = (kind, key)


#: Legal forms as name keys spell them (lower case; "Sdn" opens "Sdn Bhd").
_LEGAL_FORMS = frozenset(suffix.lower() for suffix in CORPORATE_SUFFIXES) | {"sdn"}


def _without_legal_form(name: str) -> str:
    """``name`` without the legal form at its end ("Kinabalu Air Sdn Bhd" → "Kinabalu Air")."""
    words = name.split(" ")
    while len(words) > 1 and words[-1].lower() in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def _legal_form_variants(groups: Groups, merged: Merges) -> None:
    """"Kinabalu Air" → "Kinabalu Air Sdn Bhd": a company named once with its legal form and
    elsewhere without it is one company, however spaCy typed the bare name."""
    for kind, key in list(groups):
        if kind != "organization" or (kind, key) in merged:
            continue
        bare = _without_legal_form(key)
        if bare == key:
            continue
        for bare_kind in NAME_KINDS:
            if (bare_kind, bare) in groups and (bare_kind, bare) not in merged:
                merged[(bare_kind, bare)] = (kind, key)


def _companies_without_trade_word(groups: Groups, merged: Merges) -> None:
    """"Visayan Sealink" → "Visayan Sealink Lines Inc.", "Delta Crest" → "Delta Crest
    Petroleum Ltd": news names a company in full, with its legal form, then by its name less
    the legal form and the word that says its trade — which spaCy, seeing two capitalised
    words, often takes for a person. A name of two or more words that is the one such
    company's name less both is that company, however spaCy typed it."""
    shortened: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, key in groups:
        if kind != "organization":
            continue
        bare = _without_legal_form(key)
        if bare != key and bare.count(" ") >= 2:
            shortened[bare.rsplit(" ", 1)[0]].append((kind, key))
    for kind, key in list(groups):
        if kind not in NAME_KINDS or (kind, key) in merged or " " not in key:
            continue
        companies = shortened.get(key, [])
        if len(companies) == 1 and companies[0] != (kind, key):
            merged[(kind, key)] = companies[0]


_MERGE_RULES = (_legal_form_variants, _companies_without_trade_word, _surnames,
                _organisation_short_forms, _companies_named_after_a_place,
                _bodies_without_last_word, _venue_short_forms, _bare_features,
                _towns_after_a_particle, _extended_names, _initials_of_names,
                _names_in_brackets)


def _entity(kind: str, items: list[Mention], groups: Groups, body: str) -> Entity:
    """One entity from its mentions: the fullest name the article uses, and its aliases."""
    items.sort(key=lambda m: m.start)
    forms = Counter(_display(m.text) for m in items)
    name = max(forms, key=lambda f: (len(f.split()), not _shouted(f, forms), forms[f],
                                     -_first_seen(items, f)))
    expanded = ABBREVIATIONS.get(name.lower())
    if kind == "organization" and (bare := _without_legal_form(name)) in forms:
        name = bare  # "Kinabalu Air", not "Kinabalu Air Sdn Bhd", when the article uses both
    if expanded:
        name = expanded
    elif kind == "place" and len(name.split()) > 1 and name.split()[-1].lower() in PART_NOUNS:
        name = name.rsplit(" ", 1)[0]  # "Pacific coast" is the Pacific
    elif kind == "place" and name.isupper() and sum(c.isalpha() for c in name) >= 4:
        # a place written only in a dateline's capitals ("AMSTERDAM, Netherlands —")
        name = _ordinary_case(name)
    alias_forms = set(forms)
    alias_forms.update(m.short_form for m in items if m.short_form)
    alias_forms.update(m.acronym for m in items if m.acronym)
    alias_forms.update(other for m in items for other in m.other_names)
    alias_forms.update(short for form in list(alias_forms)
                       if (short := _without_generic_tail(form)) and _used_alone(short, body)
                       and not any((other, _canonical_key(short)) in groups
                                   for other in ("group", *NAME_KINDS) if other != kind))
    # ("European", a group; "Singapore", a place of its own, is no other name for the
    # Singapore Exchange)
    # one spelling per name: "GUWAHATI" (a dateline) is not another name for Guwahati
    seen = {name.casefold()}
    aliases = []
    for form in sorted((f for f in alias_forms if f),
                       key=lambda f: (_shouted(f, alias_forms), f)):
        if form.casefold() not in seen:
            seen.add(form.casefold())
            aliases.append(form)
    aliases.sort()
    return Entity(name=name, kind=kind, aliases=aliases, mentions=items)


def _ordinary_case(name: str) -> str:
    """"CLUJ-NAPOCA" → "Cluj-Napoca", "ST. JOHN'S" → "St. John's": each word and hyphenated
    part capitalised, a possessive's "s" not."""
    return re.sub(r"(?<=['’])S\b", "s",
                  re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), name))


def _shouted(form: str, forms: Iterable[str]) -> bool:
    """Whether ``form`` is written in capitals ("SEOUL", a dateline) where the article also
    writes it in ordinary case ("Seoul")."""
    return form.isupper() and any(
        other != form and other.casefold() == form.casefold() for other in forms)


#: After a name that is one of its own: no word goes on, and no capitalised word follows.
_ALONE_AFTER = re.compile(r"(?!\w)(?![ \t]+[A-Z&])")


def _used_alone(name: str, body: str) -> bool:
    """Whether ``name`` is a name of its own: an acronym, or written in the article not only
    as the start of a longer name ("Korea" in "Korea University"; "Financial Supervisory" in
    "Financial Supervisory Service")."""
    if not body or (name.isupper() and " " not in name):
        return True  # an acronym before a generic noun is the name itself: "ARD TV"
    alone = matches_of(body, name, NO_WORD_BEFORE, _ALONE_AFTER)
    if alone and matches_of(body, name.lower(), NO_WORD_BEFORE, NO_WORD_AFTER):
        # "Exporters are racing to ship" beside "exporters" elsewhere: a common word that
        # opens a sentence, not "the Exporters Association" by a short name
        return any(not _opens_a_sentence(body, start) for start in alone)
    return bool(alone)


_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = (r"january|february|march|april|may|june|july|august|september|october|november|"
           r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec")
_UNITS = (r"week|month|year|weekend|season|spring|summer|autumn|fall|winter|decade|century|"
          r"day|night|morning|evening|afternoon")
_NUMBER_WORDS = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
#: What makes a DATE or TIME span a point in time rather than an age ("37"), a length of time
#: ("six weeks", "48-hour") or a frequency ("annual"): a day or month by name, a year, a day
#: relative to now ("yesterday", "last week", "10 days earlier"), a holiday or a clock time.
_POINT_IN_TIME = re.compile(
    rf"\b(?:{_WEEKDAYS}|{_MONTHS})\b"
    r"|\b1\d{3}s?\b|\b20\d{2}s?\b"
    r"|\b(?:yesterday|today|tomorrow|tonight|overnight|christmas|easter|new year)\b"
    rf"|\b(?:last|this|next|previous|coming|past|same|that|following|early|earlier|later)\s+"
    rf"(?:{_UNITS})s?\b"
    rf"|\b(?:start|beginning|middle|end)\s+of\s+(?:the|this|next|last)\s+(?:{_UNITS})\b"
    r"|\bago\b|\b(?:earlier|later|before|after|since)\b"
    r"|\b\d{1,2}[:.]\d{2}\b|\b[ap]\.?m\b\.?|\bnoon\b|\bmidnight\b|\bdawn\b|\bdusk\b"
    r"|\bsunset\b|\bsunrise\b|\bo'clock\b|\bhalf past\b|\bquarter (?:past|to)\b"
    rf"|\b(?:{_NUMBER_WORDS})\s+in\s+the\s+(?:morning|afternoon|evening)\b"
    r"|\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth)\s+(?:century|quarter|half)\b",
    re.IGNORECASE)


def names_a_point_in_time(text: str) -> bool:
    """Whether a date span names when something happened (the article's dates list), not an
    age, a length of time or a frequency."""
    return _POINT_IN_TIME.search(text) is not None


def _without_generic_tail(form: str) -> str | None:
    """"ARD TV" is also "ARD": a trailing generic organisation noun is optional."""
    words = form.split()
    if len(words) > 1 and words[-1].lower() in _ORGANIZATION_NOUNS_AND_TV:
        return " ".join(words[:-1])
    return None


def _is_common_word(mention: Mention) -> bool:
    """A lone capitalised common noun ("City", "Trek") that WordNet knows only in lower case
    is a headline or product word, not a name."""
    if mention.kind not in NAME_KINDS or " " in mention.text.strip() or mention.kind_cue:
        return False  # an apposition ("Record, the Lisbon sports daily") vouches for the name
    word = mention.text.strip()
    if not word.istitle() or len(word) < 3:
        return False
    from retrieval.lexicon import get_wordnet

    wordnet = get_wordnet()
    if wordnet is None:
        return False
    return wordnet.is_common_word(word)


_NO_WORD_OR_HYPHEN_BEFORE = re.compile(r"(?<![\w-])")
_NO_WORD_OR_HYPHEN_AFTER = re.compile(r"(?![\w-])")


def _without_sentence_case_words(mentions: list[Mention], body: str) -> list[Mention]:
    """Drop a one-word "name" that the article capitalises only where it opens a sentence
    or a quote and writes in lower case elsewhere ("the team has named the compound
    kelvorin ... Kelvorin was the only substance"): a coined term or a common word, which
    spaCy took for a name because of its capital. Not a word that is also part of a longer
    name in the article ("Hill" beside "Jane Hill"): that is the name said alone."""
    if not body:
        return mentions
    in_longer = {word.casefold() for m in mentions
                 if m.kind in NAME_KINDS and len(m.text.split()) > 1 for word in m.text.split()}
    dropped: set[str] = set()
    for word in {m.text.strip() for m in mentions if m.kind in NAME_KINDS}:
        if not (word.isalpha() and word.istitle() and len(word) > 2) or (
                word.casefold() in in_longer):
            continue
        if not matches_of(body, word.lower(), _NO_WORD_OR_HYPHEN_BEFORE,
                          _NO_WORD_OR_HYPHEN_AFTER):
            continue
        capitalised = matches_of(body, word, _NO_WORD_OR_HYPHEN_BEFORE, _NO_WORD_OR_HYPHEN_AFTER)
        if capitalised and all(_opens_a_sentence(body, at) for at in capitalised):
            dropped.add(word)
    return [m for m in mentions if m.kind not in NAME_KINDS or m.text.strip() not in dropped]


def _opens_a_sentence(body: str, at: int) -> bool:
    """Whether the word at ``at`` opens a paragraph, a sentence or a quote."""
    index = at
    while index > 0 and body[index - 1] in "\"“‘'":
        index -= 1
    if index < at:
        return True  # after an opening quote mark
    while index > 0 and body[index - 1] in " \t":
        index -= 1
    if index == 0 or body[index - 1] == "\n":
        return True
    if index == at:
        return False  # no space before: inside a word
    line = body.rfind("\n", 0, at) + 1
    if (dateline := DATELINE.match(body, line)) is not None and dateline.end() == at:
        return True  # "PORT-AU-PRINCE, Haiti — Cholera is spreading": after the dateline
    while index > 0 and body[index - 1] in "\"”’'":
        index -= 1  # a quote that closes with the sentence
    return index > 0 and body[index - 1] in ".!?"


def _initials_of_common_words(mention: Mention, body: str) -> bool:
    """Initials the article spells out in lower-case words ("the measles, mumps and rubella
    (MMR) vaccine", "personal protective equipment (PPE)") abbreviate a common term, not a
    name: a name's own words are capitalised ("Danish State Railways (DSB)")."""
    acronym = mention.text.strip()
    if mention.kind not in NAME_KINDS or not (2 <= len(acronym) <= 8 and acronym.isupper()
                                              and acronym.isalpha()):
        return False
    return any(_spelled_out_before(body[max(0, match.start() - 120) : match.start()], acronym)
               for match in re.finditer(rf"\(\s*{re.escape(acronym)}\s*\)", body))


def _spelled_out_before(text: str, acronym: str) -> bool:
    """Whether the words ending ``text`` are lower case and their initials spell
    ``acronym`` (joining words such as "and", "of" skipped)."""
    initials: list[str] = []
    for word in reversed(re.findall(r"[^\W\d_][\w-]*", text)):
        if len(initials) == len(acronym):
            break
        if word.lower() in INITIALS_SKIP:
            continue
        if not word.islower():
            return False
        initials.append(word[0])
    return "".join(reversed(initials)) == acronym.lower()


@lru_cache(maxsize=50_000)
def _canonical_key(text: str) -> str:
    """The key names are compared by (cached: merging asks for each mention's many times)."""
    key = _key(text)
    expanded = ABBREVIATIONS.get(key)
    return expanded.lower() if expanded else key


def _display(text: str) -> str:
    return _LEADING_THE_CASED.sub("", _SPACES.sub(" ", text.strip()))


def _first_seen(items: list[Mention], form: str) -> int:
    for mention in items:
        if _display(mention.text) == form:
            return mention.start
    return 1 << 30
