"""Whom or what each sentence of an article refers to, beyond the words it spells out.

A sentence often names something by a short form: a surname ("Lisowska said"), an acronym
("the chair of the SCCU") or a definite description ("the airline's chief executive", after
"Danish airline Skagen Air" introduced the one airline of the article). A question that uses
the full name ("Who leads the cabin crew union?", "Who runs Skagen Air?") should find such a
sentence as if the name were there. The entity list already merges aliases; this module adds a
description's noun as one more way to refer to the entity it introduced, then gives each
sentence the words of every entity it refers to. Plain text rules on the stored article, so
answering needs no spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import lru_cache

from retrieval.entity_rules import MEDIA_NOUNS
from retrieval.lexicon import is_kind_of, is_noun, is_person_noun, noun_categories
from retrieval.store import ArticleBundle
from retrieval.tokens import fold_accents

#: Entity kinds whose names a description can stand for.
_DESCRIBED_KINDS = frozenset({"person", "organization", "place"})
#: Lower-case words that are never the noun of a description ("the company *at* X").
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "at", "in", "on", "of", "for", "by", "from", "to", "with", "near", "and",
    "or", "but", "as", "said", "says", "told", "its", "their", "his", "her", "our", "is", "was",
    "were", "are", "be", "been", "that", "which", "who", "whose", "into", "than", "after",
    "before", "since", "until", "while", "when", "where", "including", "like", "about", "over",
    "under", "between", "against", "via", "per", "also", "not", "new", "former", "late",
})
#: "Danish airline Skagen Air", "the builder Alto Minho Engenharia", "supplier Hanrim Energy":
#: a determiner or a capitalised word, up to two words, then the noun just before the name.
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their)|\b[A-Z][\w’'-]*)\s+(?:[a-z][\w’'-]*\s+){0,2}?([a-z]{3,})\s+$")
#: "Record, the Lisbon sports daily, reported": the noun that ends an apposition.
_NOUN_AFTER = re.compile(r"^,\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}?([a-z]{3,})\s*[,.;]")
#: A capitalised title right before a person's name ("Mayor Franz Gaisberger"), or a title of
#: a body set off before it ("the Minister of Tourism, Mwila Chisanga"): the title's noun.
_TITLE_BEFORE = re.compile(
    r"\b([A-Z][a-z]{2,})\s+$|"
    r"\b([A-Z][a-z]{2,})\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,3},\s+$")
#: A rank that makes a title another office: "Deputy Governor Esther Owino" is not the
#: governor, "Vice President X" not the president.
_RANK_BEFORE = re.compile(r"\b(?:[Dd]eputy|[Vv]ice|[Aa]cting|[Aa]ssistant|[Aa]ssociate|[Ii]nterim|"
                          r"[Ff]ormer|[Ee]x|[Ll]ieutenant)[\s-]+$")
#: How far around a mention to look for its description.
_WINDOW = 60
#: "the company's headquarters", "the firm said": a definite description not followed by a
#: name (that would be the introduction).
_DEFINITE_NOUN = re.compile(r"\b[Tt]he\s+([a-z]{3,})\b(?!\s+[A-Z])")


@lru_cache(maxsize=1)
def _business_categories() -> frozenset[int]:
    """What WordNet files a company, a firm or a bank under."""
    return noun_categories("business", "company", "financial_institution", senses=1)


def _is_business_noun(word: str) -> bool:
    """"company", "firm", "carmaker", "insurer": nouns news uses for whichever company the
    article is about."""
    return _is_noun(word) and is_kind_of(word, _business_categories())


def _is_noun(word: str) -> bool:
    return word not in _FUNCTION_WORDS and is_noun(word)


def _name_words(text: str) -> set[str]:
    return {word for word in re.split(r"[^\w]+", fold_accents(text.lower())) if len(word) > 1}


def _descriptions(bundle: ArticleBundle) -> dict[str, set[int]]:
    """Description noun → the entities (by index) the article introduces with it."""
    nouns: dict[str, set[int]] = defaultdict(set)
    body = bundle.body
    for number, entity in enumerate(bundle.entities):
        if entity.kind not in _DESCRIBED_KINDS:
            continue
        for _, start, end in entity.mentions:
            window = body[max(0, start - _WINDOW):start]
            before = _NOUN_BEFORE.search(window)
            after = _NOUN_AFTER.match(body[end:end + _WINDOW])
            for match in (before, after):
                if match and _is_noun(match.group(1)):
                    nouns[match.group(1)].add(number)
            if entity.kind == "person" and (title := _TITLE_BEFORE.search(window)):
                # "Mayor Franz Gaisberger": a later "Gaisberger said" is the mayor speaking
                noun = (title.group(1) or title.group(2)).lower()
                if is_person_noun(noun) and not _RANK_BEFORE.search(window, 0, title.start()):
                    nouns[noun].add(number)
            noun = _noun_right_after(body, start, end)
            if noun is not None:
                nouns[noun].add(number)
    return nouns


#: "the El Mirador copper mine", "the Mur river": after "the" and the name, one or two
#: lower-case words, the noun last.
_WORDS_RIGHT_AFTER = re.compile(r"^\s+([a-z]{3,})(?:\s+([a-z]{3,}))?")


def _noun_right_after(body: str, start: int, end: int) -> str | None:
    """The noun a name qualifies right after it, when "the" comes before the name ("the El
    Mirador copper mine": "mine"), so that "the mine" refers to it later."""
    if body[max(0, start - 4):start].lower() != "the ":
        return None
    match = _WORDS_RIGHT_AFTER.match(body[end:end + _WINDOW])
    if match is None:
        return None
    first, second = match.groups()
    if second and _is_noun(second):
        return second
    return first if _is_noun(first) else None


def _compute_references(bundle: ArticleBundle
                        ) -> tuple[dict[int, frozenset[str]], list[frozenset[str]]]:
    if not bundle.entities:
        # no entity, no reference: what the rest gives, without its passes (the scale
        # benchmarks' synthetic articles, ~36 of a question's ~37 candidate articles at 1M)
        return {}, []
    refers: dict[int, set[str]] = defaultdict(set)
    words = [_name_words(" ".join((entity.name, *entity.aliases))) for entity in bundle.entities]
    descriptions = _descriptions(bundle)
    unique = {noun: next(iter(owners)) for noun, owners in descriptions.items()
              if len(owners) == 1}
    handles = [set(found) for found in words]
    for noun, number in unique.items():
        handles[number].add(noun)
    body = bundle.body
    bounds: list[tuple[int, int, int]] | None = None  # (position, start, end), read once
    if unique:
        # "the airline", "the airline's": not followed by a name (that is the introduction)
        nouns = "|".join(map(re.escape, sorted(unique)))
        pattern = re.compile(r"\bthe\s+(" + nouns + r")\b(?-i:(?!\s+[A-Z]))", re.IGNORECASE)
        # where in the body "the" and a noun could start (``_could_start``): a sentence
        # matches only where one does, so the others are not searched
        starts_at = _could_start(body, nouns)
        if starts_at:
            bounds = bundle.sentences.bounds()
            for position, start, end in bounds:
                at = bisect_left(starts_at, start)
                if at == len(starts_at) or starts_at[at] >= end:
                    continue
                for match in pattern.finditer(body[start:end]):
                    refers[position].update(words[unique[match.group(1).lower()]])
    company = _the_company(bundle, descriptions)
    if company is not None:
        # "the company's headquarters", "the firm said", where no description is its alone:
        # one pass over the body, each match given to the sentence it starts in
        starts: list[int] | None = None
        for match in _DEFINITE_NOUN.finditer(body):
            noun = match.group(1)
            if noun in unique or not _is_business_noun(noun):
                continue
            if starts is None:
                if bounds is None:
                    bounds = bundle.sentences.bounds()
                starts = [start for _, start, _ in bounds]
            at = bisect_right(starts, match.start()) - 1
            if at >= 0 and match.end() <= bounds[at][2]:
                refers[bounds[at][0]].update(words[company])
                handles[company].add(noun)
    for number, entity in enumerate(bundle.entities):
        # the other way round: a sentence that names the entity speaks of its description too
        # ("how many ferries does the company run": "Adria Trajekt … operates eight ferries")
        for position, _, _ in entity.mentions:
            refers[position].update(handles[number])
    return ({position: frozenset(found) for position, found in refers.items()},
            [frozenset(found) for found in handles])


def _could_start(body: str, nouns: str) -> list[int]:
    """Every offset of ``body`` at which "the", white space and one of ``nouns`` (a regex
    alternation) begin, in order: a superset of where the description pattern of
    ``_compute_references`` can match in any sentence of the body (that pattern only adds
    conditions, and a sentence is a slice of the body; the look-ahead finds overlapping
    starts too)."""
    return [match.start() for match in re.finditer(r"(?=the\s+(?:" + nouns + r"))", body,
                                                   re.IGNORECASE)]


def _the_company(bundle: ArticleBundle, descriptions: dict[str, set[int]]) -> int | None:
    """The entity (by index) that "the company" means when no description names it alone:
    the one organisation introduced as a company of some kind ("logistics company X", "the
    insurer X"), else the organisation the article names most, when one clearly leads."""
    # (not a paper or a channel the article quotes: "the regional newspaper Sud Ouest")
    described = {number for noun, owners in descriptions.items()
                 if _is_business_noun(noun) and noun not in MEDIA_NOUNS
                 for number in owners if bundle.entities[number].kind == "organization"}
    if described:
        return next(iter(described)) if len(described) == 1 else None
    counts = sorted(((len(entity.mentions), number) for number, entity
                     in enumerate(bundle.entities) if entity.kind == "organization"),
                    reverse=True)
    if not counts or (len(counts) > 1 and counts[1][0] >= counts[0][0]):
        return None
    return counts[0][1]


def _references(bundle: ArticleBundle
                ) -> tuple[dict[int, frozenset[str]], list[frozenset[str]]]:
    cached = bundle.derived.get("references")
    if cached is None:
        cached = bundle.derived["references"] = _compute_references(bundle)
    return cached  # type: ignore[return-value]


def referenced_words(bundle: ArticleBundle, position: int) -> frozenset[str]:
    """Lower-cased words of the names of every entity the sentence at ``position`` refers to
    (by any of its names or by the description that introduced it), and the noun of that
    description ("company" where it names Adria Trajekt, "the private company Adria Trajekt").
    Computed once per article and kept on the bundle."""
    return _references(bundle)[0].get(position, frozenset())


def entity_handles(bundle: ArticleBundle) -> list[frozenset[str]]:
    """Per entity of the article (in ``bundle.entities`` order), every word a sentence may
    call it by: the words of its names and the noun of a description that is its alone
    ("airline" for Skagen Air)."""
    return _references(bundle)[1]
