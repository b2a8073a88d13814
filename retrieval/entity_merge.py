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
from functools import lru_cache

from retrieval.entity_records import Entity, Mention
from retrieval.entity_rules import (
    ABBREVIATIONS,
    INITIALS_SKIP,
    NAME_KINDS,
    ORGANIZATION_NOUNS,
    VENUE_NOUNS,
)
from retrieval.lexicon import is_known_place

_LEADING_THE = re.compile(r"^(the)\s+", flags=re.IGNORECASE)
_LEADING_THE_CASED = re.compile(r"^(the|The)\s+")
_SPACES = re.compile(r"\s+")
_WORD_BREAKS = re.compile(r"[\s-]+")
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
    "in Leibnitz" counts as two votes for a place."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
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
    # A person's or organisation's name listed with places ("services to Cuglieri and X")
    # is a place too: a list names things of one kind, and spaCy often takes an unfamiliar
    # town for a person or a company. The kind spreads along the list ("in A, B and C").
    changed = True
    while changed:
        changed = False
        for mention in mentions:
            if mention.kind in {"person", "organization"} and not mention.kind_cue and any(
                    _settled_kind(votes, other) == "place" for other in mention.conjuncts):
                votes[_canonical_key(mention.text)]["place"] += 2
                before = mention.kind
                _settle_kinds(mentions, votes)
                changed = changed or mention.kind != before


def _settled_kind(votes: dict[str, Counter[str]], text: str) -> str | None:
    counter = votes.get(_canonical_key(text))
    return max(counter, key=lambda k: counter[k]) if counter else None


def _settle_kinds(mentions: list[Mention], votes: dict[str, Counter[str]]) -> None:
    for mention in mentions:
        if mention.kind in NAME_KINDS:
            counter = votes[_canonical_key(mention.text)]
            if len(counter) > 1:
                mention.kind = max(counter, key=lambda k: (counter[k], k == mention.kind))


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


def _places_named(mentions: list[Mention]) -> set[str]:
    """Places the article names firmly: twice or more, after "in"/"near", in an apposition
    or the dateline."""
    counts = Counter(_canonical_key(m.text) for m in mentions if m.kind == "place")
    cued = {_canonical_key(m.text) for m in mentions
            if m.kind == "place" and (m.place_cue or m.kind_cue == "place")}  # or a dateline
    return {key for key, count in counts.items() if count >= 2} | cued


def _person_is_an_institution(key: str, places: set[str]) -> bool:
    """A "person" whose name contains a place named in the same article ("Euronext
    Amsterdam") is an institution, not a person."""
    words = key.split(" ")
    return len(words) > 1 and any(word in places for word in words)


def merge_mentions(mentions: list[Mention]) -> list[Entity]:
    """Group an article's mentions into entities, merging aliases by general rules."""
    _vote_kinds(mentions)
    _bare_towns(mentions)
    places = _places_named(mentions)
    for mention in mentions:
        if mention.kind == "person" and _person_is_an_institution(
                _canonical_key(mention.text), places):
            mention.kind = "organization"
    counts = Counter(_canonical_key(m.text) for m in mentions)
    mentions = [m for m in mentions
                if counts[_canonical_key(m.text)] > 1 or not _is_common_word(m)]
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[(mention.kind, _canonical_key(mention.text))].append(mention)

    # Multi-word names that shorter mentions may refer to: a surname (or a lone first name)
    # joins the one full name it belongs to. Names tagged as places or organisations join a
    # person only when they are rare and never stand after "in"/"near".
    persons = [key for key in groups if key[0] == "person" and " " in key[1]]
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    for kind, key in list(groups):
        if " " in key or kind not in NAME_KINDS:
            continue
        items = groups[(kind, key)]
        if kind != "person" and (len(items) > 2 or any(m.place_cue for m in items)):
            continue
        last = [p for p in persons if p[1].split(" ")[-1] == key]
        first = [p for p in persons if p[1].split(" ")[0] == key]
        if len(last) == 1:
            merged[(kind, key)] = last[0]
        elif not last and len(first) == 1 and (kind == "person" or len(items) == 1):
            merged[(kind, key)] = first[0]
    # Short forms of organisations: "Northfield" → "Northfield Rovers", the one organisation
    # whose name it starts, unless the word stands alone as a place ("in Northfield").
    organizations = [key for key in groups if key[0] == "organization" and " " in key[1]]
    for kind, key in list(groups):
        if (kind, key) in merged or " " in key or kind not in NAME_KINDS:
            continue
        items = groups[(kind, key)]
        if any(m.place_cue for m in items) or (kind == "place" and len(items) > 2):
            continue
        starts = [org for org in organizations if org[1].split(" ")[0] == key]
        # ... or its last word, unless that stands alone as a place ("Sporting
        # Clube do Cávado" → "Cávado"; but "Lisbon" is not "Euronext Lisbon"; a person's
        # surname has joined the full name above).
        ends = [org for org in organizations if org[1].split(" ")[-1] == key]
        if len(starts) == 1:
            merged[(kind, key)] = starts[0]
        elif not starts and len(ends) == 1 and kind != "place":
            merged[(kind, key)] = ends[0]
    # A lone "person" that starts the name of one street, square or station is its short form:
    # "X Street ... X is never quiet at night" (spaCy takes the bare name for a person).
    venues = [key for key in groups if key[0] == "place" and " " in key[1]
              and key[1].split(" ")[-1] in VENUE_NOUNS]
    for kind, key in list(groups):
        if kind == "person" and " " not in key and (kind, key) not in merged:
            starts = [venue for venue in venues if venue[1].split(" ")[0] == key]
            if len(starts) == 1:
                merged[(kind, key)] = starts[0]
    # Short forms of venues: "Zaventem" → "Zaventem airport" when both appear.
    for kind, key in list(groups):
        for mention in groups[(kind, key)]:
            if mention.short_form:
                short = (kind, _canonical_key(mention.short_form))
                if short in groups and short != (kind, key) and short not in merged:
                    merged[short] = (kind, key)
    # Initials: "US" → "United States" when both appear.
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
    # Initials the text spells out: "Danish State Railways (DSB)", then "DSB" alone; other
    # names given in brackets likewise.
    for kind, key in list(groups):
        for acronym in {name for m in groups[(kind, key)]
                        for name in [m.acronym, *m.other_names] if name}:
            for other in NAME_KINDS:
                short = (other, _canonical_key(acronym))
                if short in groups and short != (kind, key) and short not in merged:
                    merged[short] = (kind, key)
    for source, target in merged.items():
        while target in merged:
            target = merged[target]
        if source in groups and target in groups:
            groups[target].extend(groups.pop(source))

    entities = []
    for (kind, _), items in groups.items():
        items.sort(key=lambda m: m.start)
        forms = Counter(_display(m.text) for m in items)
        name = max(forms, key=lambda f: (len(f.split()), forms[f], -_first_seen(items, f)))
        expanded = ABBREVIATIONS.get(name.lower())
        if expanded:
            name = expanded
        alias_forms = set(forms)
        alias_forms.update(m.short_form for m in items if m.short_form)
        alias_forms.update(m.acronym for m in items if m.acronym)
        alias_forms.update(name for m in items for name in m.other_names)
        alias_forms.update(_without_generic_tail(form) for form in list(alias_forms))
        aliases = sorted(f for f in alias_forms if f and f != name)
        entities.append(Entity(name=name, kind=kind, aliases=aliases, mentions=items))
    entities.sort(key=lambda e: (-e.count, e.name.lower()))
    return entities


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
