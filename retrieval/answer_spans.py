"""Answers of a particular shape inside a sentence: ages, sums of money, lengths and times
of day, and what a sentence says someone is. The tagger's labels alone cannot tell "Tuesday"
from an age or "1.3 percent" from a price; these rules look at the words around a span. Plain
text rules on the stored article (no spaCy), used by the reranker: ``answer_type`` when it
picks the span that answers, ``answers`` for "who is X" descriptions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from retrieval.lexicon import is_kind_of, is_noun, is_person_noun, noun_categories
from retrieval.store import ArticleBundle, StoredSentence
from retrieval.tokens import is_stop_word, plain_words

TIME_KINDS = frozenset({"DATE", "TIME"})
#: "Solberg, 44, said", "a 71-year-old woman", "eight weeks old", "aged 52", "aged between
#: 30 and 40", "at the age of nine", "(34)".
_AGE_AROUND = re.compile(
    r"(?:year|month|week|day)s?[- ]old\b|\baged?\s+(?:(?:between|about|around|roughly|nearly|"
    r"almost|over|under)\s+)?\d+|\bage\s+of\s+\w|\byears\s+of\s+age\b", re.IGNORECASE)
#: A bare number someone turns, or is when something happens ("will be 34 when the ban
#: expires", "turned 60 in May", "was 19 when he joined"): an age. "The toll was 34." is not.
_AGE_BEFORE = re.compile(r"\b(?:(?P<turn>turn(?:s|ed|ing)?)|(?:will|would)\s+be|is|was)\s+$",
                         re.IGNORECASE)
_AGE_AFTER_TURN = re.compile(r"\s+(?:in|on|this|next|last|before|after|when)\b|\s*[.,;]",
                             re.IGNORECASE)
_AGE_AFTER_BE = re.compile(r"\s+when\b", re.IGNORECASE)
#: A bare length of time ("a week", "nine minutes", "about two hours"): it tells how long,
#: not when (see ``is_duration``).
_DURATION = re.compile(
    r"(?:about|around|nearly|almost|some|more than|less than|at least|up to)?\s*"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|"
    r"several|\d+(?:[.,]\d+)?)[\s-]+(?:second|minute|hour|day|night|week|month|year|decade)s?"
    r"\s*$", re.IGNORECASE)


def is_age(bundle: ArticleBundle, start: int, end: int) -> bool:
    """Whether a number gives someone's age: "44" between commas after a name, or an age
    phrase around it."""
    text = bundle.body[start:end]
    if _AGE_AROUND.search(bundle.body, max(0, start - 10), end + 12):
        return True
    before = _AGE_BEFORE.search(bundle.body[max(0, start - 12):start])
    if before and text.isdigit() and len(text) <= 3 and (
            _AGE_AFTER_TURN if before.group("turn") else _AGE_AFTER_BE).match(bundle.body, end):
        return True
    return text.isdigit() and len(text) <= 3 and bundle.body[start - 2:start] in {", ", "("} \
        and bundle.body[end:end + 1] in {",", ")", "."}


#: Currency symbols and currency words WordNet does not file as monetary units.
_CURRENCY = re.compile(
    r"[$€£¥₹]|\b(?:crowns?|kron\w+|bitcoins?|"
    # currencies WordNet does not know, or whose plural it cannot take back to the unit
    # ("2 million lei", the plural of "leu"; "18 million vatu")
    r"lei|vatu|somoni|soles|reais|denars?|leke|pa['’]anga|nakfa|ariary|renminbi|kuna|"
    r"meticais|emalangeni|rufiyaa|t[oö]gr[oö]gs?|hryvnas?)\b", re.IGNORECASE)


def is_money(bundle: ArticleBundle, start: int, end: int) -> bool:
    """Whether a number is a sum of money: a currency inside it or in the two words after
    ("4.8 million zlotys", "90 million Danish crowns", "€40")."""
    text = bundle.body[max(0, start - 1):end] + " " + " ".join(_unit_words(
        re.findall(r"[\w’'-]+", bundle.body[end:end + 50])))
    if _CURRENCY.search(text):
        return True
    # "71 per cent": a share, though WordNet knows a cent as a coin
    text = _PER_CENT.sub(" ", text)
    # a stop word is no currency, though WordNet knows "at" as a Laotian coin
    return any(is_kind_of(word.removesuffix("s"), _monetary_units())
               or is_kind_of(word, _monetary_units())
               for word in _unaccented_words(text) if not is_stop_word(word))


def _unit_words(words: list[str]) -> list[str]:
    """The words after a number that may hold its unit: the next two, or past a country's
    name to the word after it ("90 million Solomon Islands dollars", "150 Trinidad and
    Tobago dollars")."""
    taken = 0
    while taken < min(len(words), 4) and (words[taken][:1].isupper() or (
            taken and words[taken] == "and")):
        taken += 1
    return words[:max(2, taken + 1)]


_PER_CENT = re.compile(r"\bper\s*cent\b", re.IGNORECASE)


def _unaccented_words(text: str) -> list[str]:
    """Lower-case words as WordNet spells currencies: "złoty" is "zloty", "córdoba" is
    "cordoba" ("ł" is no letter plus a mark, so accent folding keeps it)."""
    return [word.replace("ł", "l") for word in plain_words(text)]


def is_monetary_unit(word: str) -> bool:
    """"euros", "lari", "cash", "money": what a sum of money counts."""
    return bool(_CURRENCY.fullmatch(word)) or any(
        is_kind_of(form, _monetary_units()) or is_kind_of(form, _mediums_of_exchange())
        for form in (word, word.removesuffix("s")))


def states_a_sum(sentence: str) -> bool:
    """Whether ``sentence`` names a sum of money: a currency sign or word, or a monetary
    unit ("how much does a dozen eggs cost" is not answered by "7 billion eggs a year")."""
    if _CURRENCY.search(sentence):
        return True
    return any(is_monetary_unit(word) for word in _unaccented_words(_PER_CENT.sub(" ", sentence))
               if len(word) > 2)


@lru_cache(maxsize=1)
def _mediums_of_exchange() -> frozenset[int]:
    return noun_categories("medium_of_exchange", senses=1)


@lru_cache(maxsize=1)
def _monetary_units() -> frozenset[int]:
    return noun_categories("monetary_unit", senses=1)


#: ", 44, the chair of the SCCU," / ", a councillor for the Left Bloc." after a name.
_DESCRIPTION_AFTER = re.compile(
    r",\s+(?:\d{1,3},\s+)?((?:the|a|an|[A-Z][\w’'-]*(?:’s|'s))\s+[^,.;:!?\"“”]{2,120}?)"
    r"(?=\s*[,.;:!?\"“”]|\s+(?:said|says|told)\b)")
#: ", 17, co-founder of the youth campaign Stimme 16." / ", chairman of the union,": news
#: drops the article before a role; the first word must then be a kind of person.
_BARE_ROLE_AFTER = re.compile(
    r",\s+(?:\d{1,3},\s+)?(([a-z][\w’'-]*)(?:\s+[^,.;:!?\"“”]{1,120}?)?)"
    r"(?=\s*[,.;:!?\"“”]|\s+(?:said|says|told)\b)")
#: "the museum's director, " before a name.
_DESCRIPTION_COMMA = re.compile(r"((?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,4}[\w’'-]+),\s+$")
#: "French President " / "Culture Minister " / "Indian flight attendant " before a name.
_TITLE_BEFORE = re.compile(r"((?:[\w’'-]+\s+){0,2}[\w’'-]+)\s+$")


def _describes(phrase: str, person: bool) -> bool:
    """Whether a phrase before a name says what it is: a role for a person ("French
    President", "Secretary of State"), a lower-case noun for anything ("the news weekly")."""
    words = phrase.split()
    if person:
        return any(is_person_noun(word.lower()) for word in words[-3:])
    return words[-1].islower() and is_noun(words[-1])


def _is_role_word(word: str) -> bool:
    """A bare noun that names what a person is ("chairman", "co-founder": the part after a
    hyphen counts; any of a word's three commonest senses, as "founder" is first a disease
    of horses in WordNet)."""
    return is_person_noun(word.rsplit("-", 1)[-1], senses=3)


def description_of(name: str, bundle: ArticleBundle, sentence: StoredSentence,
                    person: bool = True) -> tuple[int, int, str] | None:
    """What the sentence says the person or body ``name`` is: an apposition after the name
    ("Mette Lund, the chair of the SCCU"), a role before it ("the museum's director, Ewa
    Lisowska") or a title ("French President Francois Hollande")."""
    text = bundle.text(sentence)
    words = name.split()
    pattern = rf"\b(?:{re.escape(name)}|{re.escape(words[-1])})\b"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        after = _DESCRIPTION_AFTER.match(text, match.end())
        if after is None and person:
            after = _BARE_ROLE_AFTER.match(text, match.end())
            if after and not _is_role_word(after.group(2)):
                after = None
        if after:
            return (sentence.start + after.start(1), sentence.start + after.end(1), "DESC")
        head = text[:match.start()]
        # step back over the rest of the name ("Francois " before "Hollande")
        while (first := re.search(r"([A-Z][\w’'-]*)\s+$", head)) and not is_person_noun(
                first.group(1).lower()):
            head = head[:first.start()]
        for found in (_DESCRIPTION_COMMA.search(head), _TITLE_BEFORE.search(head)):
            if found and _describes(found.group(1), person):
                return (sentence.start + found.start(1), sentence.start + found.end(1), "DESC")
    return None


#: A time of day the tagger may miss: "3:42 local time", "9 p.m.", "at sunset", "overnight".
_TIME_OF_DAY = re.compile(
    r"\b(?:\d{1,2}[:.]\d{2}(?:\s*(?:a\.m\.|p\.m\.|am\b|pm\b))?(?:\s+(?:local time|GMT|UTC|"
    r"CET|CEST))?|\d{1,2}\s*(?:a\.m\.|p\.m\.)|(?:at|by|before|after|until|around)\s+"
    r"(?:noon|midday|midnight|dawn|dusk|sunrise|sunset|nightfall|daybreak|first light)\b|"
    r"overnight\b)", re.IGNORECASE)


def time_of_day(bundle: ArticleBundle, sentence: StoredSentence) -> tuple[int, int, str] | None:
    """A time of day the tagger did not label answers "when" / "what time"."""
    match = _TIME_OF_DAY.search(bundle.body, sentence.start, sentence.end)
    return (match.start(), match.end(), "TIME") if match else None


#: A season that the tagger left untagged ("laid down in the autumn", "by early spring").
_SEASON = re.compile(
    r"\b(?:in|by|until|before|after|from|during|this|next|last)\s+((?:the\s+)?(?:(?:early|"
    r"late|mid)[- ])?(?:spring|summer|autumn|winter)(?:\s+of\s+\d{4})?)\b", re.IGNORECASE)


def untagged_season(bundle: ArticleBundle, sentence: StoredSentence
                    ) -> tuple[int, int, str] | None:
    """A season after a preposition of time ("in the autumn") answers "when" when the tagger
    did not call it a date."""
    match = _SEASON.search(bundle.body, sentence.start, sentence.end)
    return (match.start(1), match.end(1), "DATE") if match else None


#: Labels of spans that are numbers, dates or times (a figure inside one is already read).
NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME",
                            "ORDINAL"})
#: A number in figures, with its scale word: "5 million", "40,000", "1.5 billion".
_FIGURES = re.compile(r"(?<![\w:.,/-])\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion|"
                      r"trillion)\b)?(?![\w:/-]|[.,]\d)")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def unlabelled_number(bundle: ArticleBundle, sentence: StoredSentence
                      ) -> tuple[int, int, str] | None:
    """A number in figures that the tagger left outside every number's span, or put inside a
    name's ("fined *Boateng 5 million* cedis", read as a law): it may still answer "how
    many / how much". Not a year, a time or a part of a date. A sum of money is MONEY."""
    return next(unlabelled_numbers(bundle, sentence), None)


def unlabelled_numbers(bundle: ArticleBundle, sentence: StoredSentence
                       ) -> Iterator[tuple[int, int, str]]:
    """Every number in figures the tagger left outside a number's span (``unlabelled_number``),
    in order."""
    numeric = [(start, end) for start, end, label in sentence.spans if label in NUMERIC_LABELS]
    for match in _FIGURES.finditer(bundle.body, sentence.start, sentence.end):
        start, end = match.start(), match.end()
        if _YEAR.fullmatch(match.group()) or any(s < end and start < e for s, e in numeric):
            continue
        yield (start, end, "MONEY" if is_money(bundle, start, end) else "CARDINAL")




#: Words of which a date or time is made; a DATE span with none of them ("south-east") is
#: the tagger's mistake.
_TIME_WORD = re.compile(
    r"\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sept?|oct|nov|dec|seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|"
    r"fortnights?|months?|years?|decades?|century|centuries|seasons?|spring|summer|autumn|"
    r"fall|winter|mornings?|afternoons?|evenings?|noon|midday|midnight|dawn|dusk|sunset|"
    r"sunrise|daybreak|today|tonight|yesterday|tomorrow|now|recently|lately|o'clock|"
    r"[ap]\.?m|christmas|easter|ramadan|eid|diwali|hanukkah|new year|annual|annually|daily|"
    r"weekly|monthly|quarterly|yearly|overnight|time|times|era|period|ages?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|"
    r"quarter|half)\b",
    re.IGNORECASE)


def looks_like_time(bundle: ArticleBundle, start: int, end: int) -> bool:
    """Whether a DATE or TIME span is made of time words at all ("Friday", "a week", "2021")
    — spaCy now and then tags a direction or a word like "south-east" as a date."""
    return _TIME_WORD.search(bundle.body, start, end) is not None


def is_duration(bundle: ArticleBundle, start: int, end: int) -> bool:
    """Whether a date span is a bare length of time ("a week"), which answers "how long" but
    not "when"."""
    return _DURATION.match(bundle.body, start, end) is not None


#: Units of length as news writes them ("98-kilometre", "40 nautical miles").
LENGTH_UNITS = (r"k(?:ilo)?m|kilomet(?:re|er)s?|(?:centi|milli)?met(?:re|er)s?|cm|mm|miles?|"
                r"feet|foot|ft|yards?|inch(?:es)?")
_DIRECTION = r"(?:north|south|east|west)(?:-?(?:east|west))?"
#: A place given precisely: by distance and direction from another ("about 45 kilometres west
#: of Guwahati", "40 nautical miles east of Gladstone"), by direction alone ("in Seongnam
#: south of Seoul"), by a settlement it is near or in ("near the mining town of Sierra
#: Gorda", "in the small town of Oni") or by a street ("on Parkgate Street").
_PINPOINT = re.compile(
    r"\b(?:" + LENGTH_UNITS + r")\s+(?:\w+\s+)?" + _DIRECTION + r"\s+of\b"
    r"|\b" + _DIRECTION + r"(?:ern)?\s+of\s+(?:the\s+)?[A-Z]"
    r"|\b(?:near|outside|off)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:town|village|city|port|"
    r"hamlet|district|suburb|island|coast)\s+of\s+[A-Z]"
    r"|\b(?:town|village|hamlet|suburb)\s+of\s+[A-Z]"
    r"|\bon\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:Street|Road|Avenue|Square|Boulevard|Lane|Quay)\b")


def pinpoints_a_place(bundle: ArticleBundle, sentence: StoredSentence) -> bool:
    """Whether ``sentence`` says precisely where something is (``_PINPOINT``): "where is the
    mine" is answered by "near the town of Kilimli" more than by the region in the lede."""
    return _PINPOINT.search(bundle.body, sentence.start, sentence.end) is not None


def places_the_thing(nouns: list[str], bundle: ArticleBundle, start: int) -> bool:
    """Whether the place at ``start`` is where the asked thing stands: one of ``nouns`` just
    before it with a preposition of place between ("a luxury watch *shop on* Geneva's Rue du
    Rhône" for "where was the shop"), not a place that belongs to something else in the
    sentence ("the shop's owner said the watches were made in the Vallée de Joux")."""
    before = bundle.body[max(0, start - 70):start]
    return any(re.search(rf"\b{re.escape(noun[:max(4, len(noun) - 1)])}\w*\s+(?:[a-z]+\s+)?"
                         rf"(?:in|on|at|near|outside|off|inside)\s+(?:the\s+)?"
                         rf"(?:{_PART_OF_A_PLACE})?"
                         rf"(?:[A-Z][\w’'-]*(?:['’]s)?\s+){{0,2}}$", before) is not None
               for noun in nouns)


#: A part of a place named after it: "on the southern *shore of* Lake Balaton", "on the
#: *outskirts of* Kabul", "at the *foot of* Mount Kenya".
_PART_OF_A_PLACE = (r"(?:(?:north|south|east|west)(?:ern)?\s+|(?:north|south)-?(?:east|west)"
                    r"(?:ern)?\s+)?(?:shores?|banks?|edges?|outskirts|side|foot|slopes?|coast|"
                    r"centre|center|heart|mouth|tip|end)\s+of\s+(?:the\s+)?")


_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b(?:noon|midday|"
                    r"midnight)\b", re.IGNORECASE)


def is_clock_time(bundle: ArticleBundle, start: int, end: int) -> bool:
    """Whether a span reads a clock ("at about 11:50 a.m.", "shortly before noon"): the answer
    to "what time", which "overnight" or "on Sunday morning" only approach."""
    return _CLOCK.search(bundle.body, start, end) is not None
