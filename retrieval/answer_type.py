"""Which span of a sentence answers the question's wh-word: the person for "who", the place
for "where", the number that counts what "how many" counts.

The tagger's labels give the candidates. These rules drop the spans the question already
names, rank the rest (a number followed by what was asked first, the place a story was filed
from last, the span nearest the question's words first) and, when the tagger missed the answer,
look for it in the plain text: a capitalised name, a place after "in", a venue ("at the sports
hall"), a person noun ("nurses"), a name introduced as a thing of the asked kind. The rules for
the shape of a single span (ages, sums of money, lengths of time, times of day, descriptions)
are in ``answer_spans``; this module picks the one span of a sentence that answers. The
reranker (``answers``) gives a sentence with such a span its type bonus and highlights it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from retrieval.answer_spans import (
    LENGTH_UNITS,
    TIME_KINDS,
    is_age,
    is_clock_time,
    is_duration,
    is_monetary_unit,
    is_money,
    looks_like_time,
    time_of_day,
    unlabelled_number,
    untagged_season,
)
from retrieval.article_text import DATELINE
from retrieval.entity_rules import ORGANIZATION_NOUNS, VENUE_NOUNS
from retrieval.leadership import is_leader_title
from retrieval.lexicon import (
    get_wordnet,
    is_adjective,
    is_kind_of,
    is_known_place,
    is_noun,
    is_person_noun,
    noun_categories,
    noun_synonyms,
)
from retrieval.question import (
    PERSON_LABELS,
    PLACE_LABELS,
    STARTING_WORDS,
    TIME_UNIT_NOUNS,
    Question,
)
from retrieval.sentence_context import sentence_words
from retrieval.store import ArticleBundle, StoredSentence
from retrieval.tokens import fold_accents, is_stop_word, verb_of_form
from retrieval.word_match import ANCHOR_RELATED_WEIGHT, is_framing, term_match


def type_span(question: Question, bundle: ArticleBundle, sentence: StoredSentence
              ) -> tuple[int, int, str] | None:
    """The entity in ``sentence`` that answers the question's wh-word, if any."""
    if not question.answer_labels:
        return None
    named = {fold_accents(name.lower()) for name in question.entity_names}
    name_of = _asks_name_of(question) or _which_person_named_here(question, bundle, sentence)
    best: tuple[int, int, str] | None = None
    best_rank: tuple[int, int, int] = (1 << 30, 1, 0)
    anchors: list[int] | None = None  # computed for the first span that qualifies
    dimension = dimension_asked(question)
    # the question's words and their other spellings ("labor" for "Labour"): a span made of
    # them names what is asked about, not the answer
    question_terms = set(question.terms) | question.spellings
    for start, end, label in sentence.spans:
        if label == "CARDINAL" and _year_after_time_word(bundle, start, end):
            label = "DATE"  # "until at least 2029", which spaCy reads as a number
        elif label == "MONEY" and _PER_CENT_END.search(bundle.body, start, end):
            label = "PERCENT"  # "71 per cent", which spaCy reads as a sum (a cent is a coin)
        if label not in question.answer_labels:
            continue
        text = fold_accents(bundle.body[start:end].lower())
        if text in named or any(text in name or name in text for name in named):
            continue
        words = {w for w in text.replace("-", " ").split() if w.isalpha()}
        if (words and words <= question_terms) or _only_question_words(
                question, bundle, (start, end, label)):
            continue  # (the asked "Traditional Owners", not who represents them)
        if name_of and not _names_the_focus(question, bundle, sentence, start, end) and not (
                question.name_given and _NAMED_BEFORE.search(bundle.body, max(0, start - 20),
                                                             start)):
            continue  # (but "the violin, made in 1715 and known as the "Aurora"" names it)
        if question.money and label != "MONEY" and not is_money(bundle, start, end) and not (
                label == "PERCENT" and _asks_size_of_change(question)):
            continue  # (but "how much of a raise did they get": "a raise of 17.4 percent")
        if question.name_given and not _name_given_here(question, bundle, sentence, start,
                                                        end):
            continue  # "to be called *the X Stadium*", not any name in the sentence
        if label in TIME_KINDS and not looks_like_time(bundle, start, end):
            continue  # "30 km south-east", tagged DATE
        if label in TIME_KINDS and question.wh == "how_many" and _BY_HOW_MUCH.search(
                question.text) and not is_duration(bundle, start, end):
            continue  # "by how much did she break the record": "by a minute", not "Sunday"
        if question.wh == "how_old" and not age_answers(question, bundle, start, end):
            continue  # "how old was the driver": not "Tuesday"
        if question.wh == "how_long" and is_age(bundle, start, end):
            continue  # "how long is he banned for": not "he will be 34 when it expires"
        if question.wh in {"when", "what", "which"} and question.answer_labels <= TIME_KINDS \
                and (is_duration(bundle, start, end) or is_age(bundle, start, end)) and not (
                _RELATIVE_TO.match(bundle.body, end) or (
                    _WITHIN.search(bundle.body, max(0, start - 12), start)
                    and _ASKS_AHEAD.search(question.text))):
            # "when did the mine open": not "a week", nor "Lindqvist, 71,"; but "six months
            # after the president signs it" is a time
            continue
        if anchors is None:
            anchors = _anchor_positions(question, bundle, sentence)
        rank = (
            _is_dateline(bundle, sentence, start, end),
            _label_rank(question, label, dimension)
            - 10 * counts_what_was_asked(question, bundle, start, end)
            - 30 * (question.wh == "how_long" and is_duration(bundle, start, end))
            - 30 * bool(dimension and measures(bundle, start, end, dimension))
            - 10 * counts_the_event(question, bundle, (start, end, label), before=True),
            min((min(abs(start - a), abs(end - a)) for a in anchors), default=0),
        )
        if best is None or rank < best_rank:
            best, best_rank = (start, end, label), rank
    if best is None and question.name_given:
        best = _name_after_naming_word(bundle, sentence)
    # (neither fallback when a name is asked: "from Cremona's violin museum" gives none)
    if best is None and "FAC" in question.answer_labels and not question.name_given:
        best = _venue_phrase(bundle, sentence)
    if best is None and question.wh == "how_many" and question.counted:
        best = _ordinal_count(question, bundle, sentence)
    if best is None and question.wh == "how_many":
        number = unlabelled_number(bundle, sentence)
        if number is not None and not (question.money and number[2] != "MONEY"):
            best = number  # "fined Boateng 5 million cedis", tagged as a law
    if best is None and question.wh == "how_many" and not question.money \
            and not question.counted:
        best = _multiple(bundle, sentence)  # "traffic has roughly doubled since 2015"
    if best is None and dimension:
        best = one_unit(bundle, sentence, dimension)  # "seaweed up to a metre thick"
    if best is None and "GPE" in question.answer_labels and not question.name_given:
        best = _place_after_preposition(question, bundle, sentence)
    if best is None and question.answer_labels & {"PERSON", "ORG"}:
        best = _unlabelled_name(question, bundle, sentence)
    if best is None and question.text.lower().startswith("who ") and "name" not in question.terms:
        best = _person_noun(question, bundle, sentence) or _body_doing_it(
            question, bundle, sentence) or _country_doing_it(question, bundle, sentence) \
            or _people_described(question, bundle, sentence) or _body_in_sentence(
                question, bundle, sentence)
    if best is None and question.wh == "when":
        best = untagged_season(bundle, sentence)  # "will be laid down in the autumn"
    if "TIME" in question.answer_labels and question.wh != "how_long" and (
            best is None or (asks_time_of_day(question) and (
                best[2] != "TIME" or not is_clock_time(bundle, best[0], best[1])))):
        # "what time did it start": "at about 10:30 a.m." rather than "on Tuesday" or "in
        # the morning" (spaCy tags "about 4:40 in the morning" in two pieces)
        clock = time_of_day(bundle, sentence)
        if clock is not None and (best is None or best[2] != "TIME" or is_clock_time(
                bundle, clock[0], clock[1])):
            best = clock
    if best is not None and _only_question_words(question, bundle, best):
        return None  # "where is the mine": not "gathered at *the mine*"
    if best is None and question.focus in question.categories:
        best = _name_of_the_asked_kind(question, bundle, sentence)
    if best is not None and name_of and (
            not _names_the_focus(question, bundle, sentence, best[0], best[1])
            or bundle.body[best[0]:best[1]].islower()):
        return None  # "what's the name of the farm": not "a laying-hen farm", no name
    return best


#: Nouns of a change in pay or price, whose size a percentage gives as well as a sum.
_CHANGES = frozenset({"raise", "rise", "increase", "hike", "cut", "reduction", "decrease"})


#: A span that ends in "per cent", whatever its label.
_PER_CENT_END = re.compile(r"\bper\s*cent$", re.IGNORECASE)


def _asks_size_of_change(question: Question) -> bool:
    """"How much of a raise…", "how big is the pay rise": a percentage answers too; so it
    does for a share of a whole ("how much of it did the government pay for": "45 percent of
    the construction cost") or an overrun ("how much do projects go over budget")."""
    return any(term in _CHANGES for term in question.terms) or _ASKS_SHARE.search(
        question.text) is not None


_ASKS_SHARE = re.compile(r"\bhow\s+much\s+of\s+(?:it|that|this|the|their|its|his|her)\b|"
                         r"\bover\s+budget\b", re.IGNORECASE)


#: A length of time that dates something from an event: "six months *after* the president
#: signs it", "two weeks before the vote".
_RELATIVE_TO = re.compile(r"\s+(?:after|before|from)\s+(?:the|a|an|his|her|its|their|it)\b",
                          re.IGNORECASE)
#: "When will we see pictures": "*within* three weeks", a time from now.
_WITHIN = re.compile(r"\b(?:within|in|after)\s+(?:the\s+next\s+)?$", re.IGNORECASE)
_ASKS_AHEAD = re.compile(r"\b(?:will|going\s+to|gonna|expected|due|next)\b", re.IGNORECASE)
#: "By how much…": a difference, which may be a length of time ("by more than a minute").
_BY_HOW_MUCH = re.compile(r"\bby\s+how\s+much\b", re.IGNORECASE)
#: A year something began in: "founded in 1865", "opened in 2009", "dating back to 1820".
_FOUNDING_YEAR = re.compile(
    r"\b(?:found|establish|buil[dt]|open|set\s+up|creat|construct|complet|inaugurat|launch|"
    r"start|date|dating|made|written|painted|carved|cast)\w*\s+(?:back\s+)?(?:in|to|from)\s+"
    r"(?:the\s+year\s+|(?:at\s+least|about|around|roughly|the)\s+)*$", re.IGNORECASE)
#: When a thing came to be: a year, a century or a decade ("dates to at least the 13th
#: century", "built in the 1890s").
_ORIGIN_TIME = re.compile(r"(?:(?:at\s+least|about|around|roughly|early|late|the)\s+)*"
                          r"(?:1\d\d\d|20\d\d|1\d\d0s|\d{1,2}(?:st|nd|rd|th)\s+century)",
                          re.IGNORECASE)
#: "eight-year-old": the age of whatever noun follows it.
_AGE_BEFORE_NOUN = re.compile(r"^[\w\s-]{0,14}?\bold\s+([A-Za-z]+)")


def age_answers(question: Question, bundle: ArticleBundle, start: int, end: int) -> bool:
    """Whether a span answers "how old": someone's age; and for a thing ("how old is the
    zoo"), also the year it was founded, built or opened, but not a person's age ("its
    eight-year-old mother")."""
    thing = _asks_age_of_a_thing(question)
    if is_age(bundle, start, end):
        if not thing:
            return True
        # a thing's age is "the 12-year-old aircraft" or "300 years old", not someone's
        # ("its eight-year-old mother", "two men aged 34 and 41", "Chebet, 27,")
        after = _AGE_BEFORE_NOUN.match(bundle.body[start:end + 30])
        if after is not None:
            return not is_person_noun(after.group(1).lower())  # "a 12-year-old ATR 72-600"
        return re.match(r"\s*years?\s+old\b", bundle.body[end:end + 12]) is not None
    return thing and _ORIGIN_TIME.fullmatch(bundle.body, start, end) is not None \
        and _FOUNDING_YEAR.search(bundle.body, max(0, start - 40), start) is not None


def _asks_age_of_a_thing(question: Question) -> bool:
    """"how old is the zoo / the bridge / the plane": a question that names no person and
    whose nouns are no words for people."""
    if any(label in PERSON_LABELS for label in question.entity_labels.values()):
        return False
    nouns = [term for term in question.terms if question.pos.get(term) in {"NOUN", "PROPN"}]
    # (a word WordNet does not know is a name typed in lower case: "how old is chirwa")
    return bool(nouns) and not any(
        is_person_noun(noun) or question.pos.get(noun) == "PROPN" or not is_noun(noun)
        for noun in nouns)


#: A year, perhaps qualified ("at least 2029"), after a word that puts it in time.
_YEAR = re.compile(r"(?:(?:at\s+least|about|around|roughly|late|early)\s+)?(?:1[89]|20)\d\d")
_BEFORE_A_YEAR = re.compile(r"\b(?:until|till|by|in|since|from|before|after|through|to)\s+$",
                            re.IGNORECASE)


def _year_after_time_word(bundle: ArticleBundle, start: int, end: int) -> bool:
    """Whether a span spaCy tagged as a number is a year in time: "keep operating *until at
    least 2029*", "by 2030"."""
    return _YEAR.fullmatch(bundle.body, start, end) is not None and _BEFORE_A_YEAR.search(
        bundle.body[max(0, start - 12):start]) is not None


def asks_time_of_day(question: Question) -> bool:
    """"What time…", "at what hour…": a time of day, not only a day, answers."""
    return question.focus in {"time", "hour"} and question.answer_labels <= TIME_KINDS


_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                     r"thousand|million|billion|dozen)\b")


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})


def _only_question_words(question: Question, bundle: ArticleBundle,
                         span: tuple[int, int, str]) -> bool:
    """Whether a span is made only of the question's own words: it names what is asked
    about, not the answer."""
    text = fold_accents(bundle.body[span[0]:span[1]].lower())
    if _NUMBER.search(text):
        return False  # "about 1,100 tonnes", "the age of nine": the number is the answer
    words = {w for w in re.findall(r"[a-z]+", text) if w not in _DETERMINERS}
    # (a question word spelt another way counts as the same word: "labor" for "Labour")
    return bool(words) and all(
        w in question.terms or w.removesuffix("s") in question.terms or w in question.spellings
        for w in words)


#: The words that give a thing its name, right before the name (perhaps in quotes).
_NAMING_WORDS = r"\b(?:called|named|renamed|dubbed|known as|titled)\s+(?:the\s+)?[\"“‘']?"
_NAMED_BEFORE = re.compile(_NAMING_WORDS + "$", re.IGNORECASE)
#: The name a naming word gives, tagged or not: 'known as the "Aurora"', "named Lintas-1".
_NAME_AFTER_NAMING_WORD = re.compile(
    _NAMING_WORDS + r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")


def _ordinal_count(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                   ) -> tuple[int, int, str] | None:
    """"How many ministers have left": "the third minister to leave" says three have — an
    ordinal right before the asked noun, with "to" after it (not "the third day")."""
    counted = question.counted or ""
    for start, end, label in sentence.spans:
        if label != "ORDINAL":
            continue
        after = re.match(r"\s+([a-z]+)\s+to\b", bundle.body[end:end + 40])
        if after and after.group(1).removesuffix("s") == counted.removesuffix("s"):
            return (start, end, "CARDINAL")
        if _ordinal_of_the_counted(counted, bundle, start, end):
            return (start, end, "CARDINAL")
    return None


def dates_the_start(question: Question, bundle: ArticleBundle, start: int) -> bool:
    """For "when does the ban start": whether the date at ``start`` is given as a beginning
    ("will be banned *from* March 1", "*starting* Monday", "*as of* January")."""
    return question.wh == "when" and not STARTING_WORDS.isdisjoint(question.terms) and \
        _START_MARKER.search(bundle.body, max(0, start - 20), start) is not None


_START_MARKER = re.compile(r"\b(?:from|starting|beginning|as\s+of|effective)\s+(?:the\s+)?$",
                           re.IGNORECASE)


def sums_the_asked(question: Question, bundle: ArticleBundle, end: int) -> bool:
    """For "how much was the contract worth": whether the sum ending at ``end`` is the asked
    thing's own ("a R48 million (about $2.6 million) pipe-repair *contract*")."""
    return question.money and _qualifies_the_asked(question, bundle, end, _SUM_OF,
                                                   VALUE_WORDS, 60)


#: Words for what a sum is of a thing, which a sum right before the thing says.
VALUE_WORDS = frozenset({"worth", "value", "cost", "price", "money"})
#: The words a sum qualifies, after any amount in brackets: "a R48 million (about $2.6
#: million) pipe-repair *contract*", "a $2 billion *deal*".
_SUM_OF = re.compile(r"\)?(?:\s*\([^)]{0,30}\))?\s*((?:[a-z-]+)(?:\s+[a-z-]+){0,2})")


def lasts_the_asked(question: Question, bundle: ArticleBundle, end: int) -> bool:
    """For "how long": whether the length of time ending at ``end`` is the asked thing's own
    ("a *19-day strike*", "after *five years of field trials*"), not another's."""
    return question.wh == "how_long" and _qualifies_the_asked(question, bundle, end, _LENGTH_OF,
                                                              TIME_UNIT_NOUNS, 40)


def _qualifies_the_asked(question: Question, bundle: ArticleBundle, end: int,
                         phrase_after: re.Pattern[str], not_the_thing: frozenset[str],
                         reach: int) -> bool:
    """Whether the words ``phrase_after`` reads right after ``end`` hold one of the question's
    nouns (other than ``not_the_thing``) or news' close word for it ("the 48-hour *stoppage*"
    for "strike")."""
    nouns = [term for term in question.terms if question.pos.get(term) == "NOUN"
             and term not in not_the_thing and len(term) > 2]
    phrase = phrase_after.match(bundle.body[end:end + reach].lower()) if nouns else None
    if phrase is None:
        return False
    following = frozenset(_with_singulars(phrase.group(1).split()))
    return any(term_match(question, noun, following) >= 0.8 for noun in nouns)


#: The words a length of time qualifies: "a 19-day *strike*", "five years *of field trials*",
#: "the 48-hour *stoppage*" (up to three words, before any punctuation).
_LENGTH_OF = re.compile(r"(?:-long)?\s*(?:of\s+)?((?:[a-z-]+)(?:\s+[a-z-]+){0,2})")


def _ordinal_of_the_counted(counted: str, bundle: ArticleBundle, start: int, end: int
                            ) -> bool:
    """"How many eruptions": "the eruption is the eighth on the peninsula" — the thing itself
    is the subject, and the ordinal stands alone (not "the eighth day")."""
    subject = re.search(r"\b([a-z]+)\s+(?:is|was|marks|marked|became|becomes)\s+(?:now\s+|"
                        r"already\s+)?the\s+$", bundle.body[max(0, start - 50):start])
    return subject is not None and len(counted) > 2 and subject.group(1).removesuffix("s") == \
        counted.removesuffix("s") and _ORDINAL.fullmatch(bundle.body, start, end) is not None \
        and _ALONE_AFTER.match(bundle.body, end) is not None


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|[a-z]*(?:first|second|third)|[a-z]+th", re.IGNORECASE)


#: What may follow an ordinal that stands for a count: the end of the clause or a place, a
#: time or a scope ("the eighth *on the peninsula since* 2023", "the third *this year*").
_ALONE_AFTER = re.compile(r"\s*[.,;:]|\s+(?:on|in|at|since|this|of|so|to|for|anywhere)\b")


def _name_after_naming_word(bundle: ArticleBundle, sentence: StoredSentence
                            ) -> tuple[int, int, str] | None:
    """For "what is the violin called": the capitalised words right after "known as",
    "named"…, which the entity rules may have left out (a one-word name in quotes)."""
    match = _NAME_AFTER_NAMING_WORD.search(bundle.body, sentence.start, sentence.end)
    return (match.start("name"), match.end("name"), "PRODUCT") if match else None


def _name_given_here(question: Question, bundle: ArticleBundle, sentence: StoredSentence,
                     start: int, end: int) -> bool:
    """For "what is it called": the name right after "called", "named"…; or, for the name a
    thing has now (not "what will it be called"), the name beside the asked noun ("the
    company, *Bayanihan Harvest Investments*,")."""
    if _NAMED_BEFORE.search(bundle.body, max(0, start - 20), start):
        return True
    return bool(question.focus) and not _NAME_TO_COME.search(question.text) and \
        _names_the_focus(question, bundle, sentence, start, end)


#: "What will the stadium be called": a name to come, which only "to be called X" gives.
_NAME_TO_COME = re.compile(r"\b(?:will|would|shall|going\s+to|to)\s+(?:\S+\s+){0,4}?(?:be|get)\s+"
                           r"(?:re)?(?:named|called|dubbed)\b", re.IGNORECASE)
#: "What is the name of X", "who is the X (of Y)": a name that must stand next to X.
_NAME_OF = re.compile(r"\bnames?\s+of\b|^\s*who(?:\s+(?:is|was|are|were)|['’]s)\s+(?:the|a|an)\s",
                      re.IGNORECASE)
#: At most this many words between a name and the noun it names ("the shepherd, Giovanni
#: Rossi"; "Giovanni Rossi, a 52-year-old shepherd").
NAME_GAP_WORDS = 4


def _which_person_named_here(question: Question, bundle: ArticleBundle,
                             sentence: StoredSentence) -> bool:
    """"Which two ministers offered to resign?": where the sentence speaks of the ministers,
    the name must stand next to them; a name elsewhere in it is someone else's."""
    focus = question.focus
    if question.wh != "which" or not focus or question.answer_labels != PERSON_LABELS:
        return False
    stem = focus[:max(4, len(focus) - 2)]
    return re.search(rf"\b{re.escape(stem)}", bundle.text(sentence), re.IGNORECASE) is not None


def _asks_name_of(question: Question) -> bool:
    return question.focus is not None and _NAME_OF.search(question.text) is not None


def _names_the_focus(question: Question, bundle: ArticleBundle, sentence: StoredSentence,
                     start: int, end: int) -> bool:
    """For "what is the name of the shepherd...": is the name next to a mention of the
    shepherd? A sentence that mentions a shepherd and, elsewhere, some other person does
    not say the shepherd's name."""
    focus = question.focus or ""
    pattern = rf"\b{re.escape(focus[:max(4, len(focus) - 2)])}\w*"
    # the question's own words describe the role and do not separate the name from it:
    # "Marjatta Koskinen, the hospital's chief medical officer"
    described = set(question.terms) | {"s"}
    text = bundle.body[sentence.start:sentence.end]
    matches = list(re.finditer(pattern, text, re.IGNORECASE))
    synonyms = _synonyms_pattern(focus)
    if synonyms is not None:
        # a title that is another name for the noun: "who is the judge" — "Justice Folake
        # Adeyemi"; "who is the lawyer" — "attorney Jane Roe"
        matches += synonyms.finditer(text)
    if focus in question.leadership:
        # "who is the boss of X": a leader's title stands for "boss" ("X's chief executive")
        matches += [word for word in re.finditer(r"[A-Za-z]+", text)
                    if is_leader_title(question, word.group().lower())]
    for match in matches:
        at, stop = sentence.start + match.start(), sentence.start + match.end()
        gap = bundle.body[stop:start] if stop <= start else bundle.body[end:at]
        if stop <= start and _LOCATED_AT.match(gap):
            continue  # "a farm in Barneveld": where the farm is, not its name
        if question.name_given and start < at and re.fullmatch(r"['’]s\s+", gap):
            continue  # "what is the violin called": "Cremona's violin museum" is its owner
        between = [word for word in re.findall(r"\w+", gap.lower()) if word not in described]
        if len(between) <= NAME_GAP_WORDS and not re.search(r"[.;:!?]", gap) \
                and not _SPEAKING.search(gap) and not (stop <= start and _acts_on(gap)):
            # ("Bellini said officers tracked the suspects": the speaker, not a suspect;
            # "the judge ordered Ogunleye to…": whom the judge ordered, not the judge)
            return True
    return False


@lru_cache(maxsize=2_000)
def _synonyms_pattern(noun: str) -> re.Pattern[str] | None:
    """The other names of ``noun`` (``noun_synonyms``) as one pattern, compiled once."""
    synonyms = noun_synonyms(noun)
    return re.compile(rf"\b(?:{'|'.join(synonyms)})\b", re.IGNORECASE) if synonyms else None


def _acts_on(gap: str) -> bool:
    """Whether the asked noun's past-tense verb takes the name after it as its object ("the
    judge *ordered* Ogunleye to…"): the name is then whom the noun acted on, not its name."""
    words = re.findall(r"[\w’'-]+|[^\w\s]", gap)
    return len(words) == 1 and words[0].endswith("ed") and verb_of_form(words[0]) is not None \
        and not _NAMING_VERB.fullmatch(words[0].lower())


_NAMING_VERB = re.compile(r"called|named|renamed|dubbed|titled|nicknamed|christened")
#: A verb of speaking between a name and the asked noun makes the name the speaker's.
_SPEAKING = re.compile(r"\b(?:said|says|say|told|tells|added|adds|according)\b",
                       re.IGNORECASE)
_LOCATED_AT = re.compile(r"\s*(?:in|at|near|outside|inside|on|off)\b", re.IGNORECASE)
_CAPITALISED_RUN = re.compile(
    r"\b(?:[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*)+|[A-Z]{2,6}\b)")
#: Capitalised words of a name ("Barcelos", "the Jagiellonian University").
_NAME_WORDS = r"[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*)*"
_PLACE_AFTER_PREPOSITION = re.compile(
    rf"\b(?:in|at|near|outside|inside|from)\s+(?:the\s+)?(?:[a-z]+\s+of\s+)?({_NAME_WORDS})")
_CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})


def _unlabelled_name(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                     ) -> tuple[int, int, str] | None:
    """Two or more capitalised words inside the sentence that the question does not name
    ("said Anna Berg, the director") when the tagger missed the name."""
    asked = set(question.terms)
    for match in _CAPITALISED_RUN.finditer(bundle.body, sentence.start, sentence.end):
        if match.start() == sentence.start or bundle.body[match.start() - 1] in "“\"‘'(":
            continue  # a sentence or quotation starts with a capital anyway
        if any(s < match.end() and match.start() < e for s, e, _ in sentence.spans):
            continue  # the tagger saw this name and gave it another kind
        words = [w.lower() for w in match.group().split()]
        if any(w in _CALENDAR_WORDS for w in words) or set(words) <= asked:
            continue
        if _PLACE_BEFORE.search(bundle.body, max(0, match.start() - 24), match.start()):
            continue  # "in Oslo", "the town of Bishop Auckland": a place, not who
        return (match.start(), match.end(), "PERSON")
    if "ORG" in question.answer_labels:
        # one capitalised word after an organisation noun: "the energy company Northpower"
        for match in _AFTER_ORGANIZATION_NOUN.finditer(bundle.body, sentence.start, sentence.end):
            if match.group(1).lower() not in asked:
                return (match.start(1), match.end(1), "ORG")
    return None


_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|to|(?:town|city|village|region|province|parish|island|district|"
    r"county|state|municipality|suburb)\s+of)\s+$")
_AFTER_ORGANIZATION_NOUN = re.compile(
    r"\b(?:" + "|".join(sorted(ORGANIZATION_NOUNS)) + r")\s+([A-Z][\w’'&-]*[a-z][\w’'&-]*)\b")


#: "Record, the Lisbon sports daily, reported": a name, then an apposition ending in its kind.
_NAME_THEN_KIND = re.compile(
    r"([A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*),\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3}?"
    r"([a-z]+)\s*[,.;]")
#: "the local daily Nordposten": a kind, then the name.
_KIND_THEN_NAME = re.compile(r"\b([a-z]{3,})\s+([A-Z][\w’'&-]*[a-z][\w’'&-]*"
                             r"(?:\s+[A-Z][\w’'&-]*[a-z][\w’'&-]*)*)")


def _name_of_the_asked_kind(question: Question, bundle: ArticleBundle,
                            sentence: StoredSentence) -> tuple[int, int, str] | None:
    """A name the sentence introduces as a thing of the kind a "which X" question asks for
    ("which newspaper": "Record, the Lisbon sports daily"), when the tagger missed it."""
    focus = question.focus or ""
    categories = question.categories.get(focus, frozenset())
    asked = set(question.terms)
    label = "ORG" if "ORG" in question.answer_labels else min(question.answer_labels)

    def of_the_kind(noun: str) -> bool:
        return noun == focus or noun.removesuffix("s") == focus or is_kind_of(noun, categories)

    for match in _NAME_THEN_KIND.finditer(bundle.body, sentence.start, sentence.end):
        if of_the_kind(match.group(2)) and match.group(1).lower() not in asked:
            return (match.start(1), match.end(1), label)
    for match in _KIND_THEN_NAME.finditer(bundle.body, sentence.start, sentence.end):
        if of_the_kind(match.group(1)) and match.group(2).lower() not in asked:
            return (match.start(2), match.end(2), label)
    return None


def _place_after_preposition(question: Question, bundle: ArticleBundle,
                             sentence: StoredSentence) -> tuple[int, int, str] | None:
    """A capitalised name after "in", "at", "near"... ("in Barcelos", "at the Jagiellonian
    University", "in the parish of Ferreiros") answers "where" whatever kind the tagger gave
    it, or when it gave none."""
    asked = set(question.terms)
    pattern = _PLACE_AFTER_TO if _ASKS_WHERE_TO.search(question.text) else (
        _PLACE_AFTER_PREPOSITION)
    for match in pattern.finditer(bundle.body, sentence.start, sentence.end):
        words = [w.lower() for w in match.group(1).split()]
        if any(w in _CALENDAR_WORDS for w in words) or set(words) <= asked:
            continue
        return (match.start(1), match.end(1), "GPE")
    return None


#: "Where are the first deliveries going", "where was the ship headed": a destination,
#: which follows "to" ("with the first deliveries to Bo, Kenema and Makeni").
_ASKS_WHERE_TO = re.compile(
    r"^\W*where\b.*\b(?:go|goes|going|went|gone|head(?:s|ed|ing)?|bound|sen[dt]|sending|"
    r"ship(?:s|ped|ping)?|export(?:s|ed|ing)?|deliver(?:s|ed|ing)?|fl(?:y|ies|ying|ew|own)|"
    r"mov(?:e|es|ed|ing)|travel(?:s|led|ling|ed|ing)?|transferr?(?:ed|ing)?)\b", re.IGNORECASE)
#: (and a list of them: "to Bo, Kenema and Makeni")
_PLACE_AFTER_TO = re.compile(
    r"\b(?:in|at|near|outside|inside|from|to|towards)\s+(?:the\s+)?(?:[a-z]+\s+of\s+)?"
    rf"({_NAME_WORDS}(?:(?:,\s+|,?\s+and\s+){_NAME_WORDS})*)")


_WORD = re.compile(r"[A-Za-z]+")


def _person_noun(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                 ) -> tuple[int, int, str] | None:
    """A common noun for people ("*Nurses* from the clinic treated...") answers "who" when the
    sentence names nobody."""
    asked = set(question.terms)
    for match in _WORD.finditer(bundle.body, sentence.start, sentence.end):
        word = match.group().lower()
        if len(word) > 3 and word not in asked and word.rstrip("s") not in asked \
                and not is_stop_word(word) \
                and is_person_noun(word) and (word.endswith("s") or not is_adjective(word)) \
                and not (question.leadership and is_leader_title(question, word)):
            # a singular word that is also an adjective is most likely one here ("a *great*
            # deal"); a plural is a noun ("officials"); "who leads France" wants the
            # president's name, not the word "president"
            return (match.start(), match.end(), "PERSON")
    return None


#: A sentence that opens with a body of people doing something: "Police have opened an
#: investigation", "The army said", "Firefighters were called".
_OPENING_SUBJECT = re.compile(
    # after a dateline ("BANGKOK, Thailand — "), a possessive or "The", and one modifier:
    # "Thailand's health *ministry* on Tuesday announced"
    r"(?:[A-Z][\w.,' -]*?\s+[—–]\s+)?(?:The\s+|[A-Z][\w’'-]*(?:'s|’s)\s+)?"
    r"(?:[a-z][\w-]*\s+)?(?P<noun>[A-Za-z][a-z]+)\s+(?:on\s+[A-Z][a-z]+day\s+)?"
    r"(?:have|has|had|was|were|is|are|will|would|could|said|say|says|[a-z]+ed)\b")


#: "who is the judge", "who was Durban's mayor": a role someone has, not what a body did.
_ASKS_WHO_SOMEONE_IS = re.compile(
    r"\s*who(?:\s+(?:is|was|are|were)|'s|’s)\s+(?:the|a|an|this|that|its|their|[\w-]+(?:'s|’s))\b",
    re.IGNORECASE)


def _body_doing_it(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                   ) -> tuple[int, int, str] | None:
    """A body of people named by a common noun at the head of the sentence ("*Police* have
    opened a criminal investigation") answers "who is investigating" when nobody is named."""
    if question.leadership or _ASKS_WHO_SOMEONE_IS.match(question.text):
        return None  # "who is Durban's mayor": a person, not "the city council approved"
    match = _OPENING_SUBJECT.match(bundle.body, sentence.start, sentence.end)
    if match is None:
        return None
    noun = match.group("noun").lower()
    if noun in question.terms or noun.rstrip("s") in question.terms or is_stop_word(noun) \
            or not is_kind_of(noun, _organisations()):
        return None
    return (match.start("noun"), match.end("noun"), "ORG")


#: How much something grew or shrank said as a multiple: "has roughly *doubled*", "*halved*",
#: "*twice* as many", "four times the amount".
_MULTIPLE = re.compile(r"\b(?:doubled|tripled|trebled|quadrupled|halved|twice\s+as|"
                       r"(?:three|four|five|six|seven|eight|nine|ten|\d+)\s+times\s+"
                       r"(?:as|more|less|higher|larger|bigger|the))\b", re.IGNORECASE)


def _multiple(bundle: ArticleBundle, sentence: StoredSentence) -> tuple[int, int, str] | None:
    """A multiple ("has roughly doubled") answers "how much has traffic grown" when the
    sentence has no number tagged."""
    match = _MULTIPLE.search(bundle.body, sentence.start, sentence.end)
    return (match.start(), match.end(), "CARDINAL") if match else None


#: People told apart by what they are rather than named: "*elderly people*", "*older
#: people* and people with disabilities", "*people born in 1964*".
_PEOPLE_DESCRIBED = re.compile(
    r"\b(?P<before>[a-z][a-z-]+)\s+people\b|\bpeople\s+(?P<after>born|aged|over|under|with|"
    r"without|living|earning|who)\b")


def _people_described(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                      ) -> tuple[int, int, str] | None:
    """A kind of people ("elderly people", "people born in 1964") answers "who is affected /
    who gets it" when the sentence names nobody; not "many people" or "the people"."""
    if question.leadership or _ASKS_WHO_SOMEONE_IS.match(question.text):
        return None
    asked = set(question.terms)
    for match in _PEOPLE_DESCRIBED.finditer(bundle.body, sentence.start, sentence.end):
        before = match.group("before")
        if before is not None and (before in asked or is_stop_word(before) or not is_adjective(
                before)):
            continue
        return (match.start(), match.end(), "PERSON")
    return None


def _body_in_sentence(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                      ) -> tuple[int, int, str] | None:
    """A body of people named by a common noun anywhere in the sentence ("led by the police
    *department*", "shared with provincial *governments* and universities", "ask the national
    *government* to help") answers "who is running / who gets / who will they ask" when
    nobody is named; not "who is the mayor", which wants a person."""
    if question.leadership or _ASKS_WHO_SOMEONE_IS.match(question.text):
        return None
    asked = set(question.terms)
    for match in _WORD.finditer(bundle.body, sentence.start, sentence.end):
        word = match.group().lower()
        if len(word) > 3 and word not in asked and word.rstrip("s") not in asked \
                and not is_stop_word(word) and match.group()[0].islower() \
                and any(is_kind_of(form, _organisations()) for form in _with_singulars([word])):
            return (match.start(), match.end(), "ORG")
    return None


#: A country at the head of a sentence (after any dateline), then its verb: "Morocco won
#: the Africa Cup", "Morocco will also co-host the 2030 World Cup".
_COUNTRY_THEN_VERB = re.compile(
    r"\s+(?:(?:will|would|has|have|had|also|then|now|finally|on\s+[A-Z][a-z]+day)\s+)*"
    r"(?:[a-z]+-)?[a-z]+\b(?!['’])")


def _country_doing_it(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                      ) -> tuple[int, int, str] | None:
    """A country that does what the question asks, as the subject of the sentence, answers
    "who won" / "who will host the World Cup" when no person or body does: in news, nations
    act (as teams, as states)."""
    if question.leadership or _ASKS_WHO_SOMEONE_IS.match(question.text):
        return None
    verbs = [term for term in question.terms if question.pos.get(term) == "VERB"]
    words = sentence_words(bundle, sentence)
    if not any(term_match(question, verb, words) >= 1.0 for verb in verbs):
        return None
    dateline = DATELINE.match(bundle.body, sentence.start, sentence.end) \
        if sentence.position == 0 else None
    opening = dateline.end() if dateline is not None else sentence.start
    for start, end, label in sentence.spans:
        if end <= opening:
            continue
        if bundle.body[opening:start].strip() or not (label == "GPE" or (
                label in PLACE_LABELS and is_known_place(bundle.body[start:end]))):
            return None  # only the sentence's first name, at its head, a country's
        after = _COUNTRY_THEN_VERB.match(bundle.body, end, sentence.end)
        word = after.group().split()[-1].split("-")[-1] if after else ""
        forms = frozenset({word, *_verb_forms(word)})
        if after and not is_stop_word(word) and any(
                term_match(question, verb, forms) >= 0.5 for verb in verbs):
            return start, end, "GPE"
        return None
    return None


#: A sentence that goes on about the person the sentence before it named.
_OPENS_WITH_HE_OR_SHE = re.compile(r"\s*(?:He|She)\s")


def antecedent_person(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                      ) -> tuple[int, int, str] | None:
    """The person "He"/"She" at the head of ``sentence`` stands for: the first person the
    sentence before it names ("President Gustavo Petro said he would travel to Salgar. He
    blamed the disaster on…"), not one the question names itself."""
    if sentence.position == 0 or not _OPENS_WITH_HE_OR_SHE.match(bundle.text(sentence)):
        return None
    previous = bundle.sentences[sentence.position - 1]
    named = {fold_accents(name.lower()) for name in question.entity_names}
    for start, end, label in previous.spans:
        if label == "PERSON":
            text = fold_accents(bundle.body[start:end].lower())
            return None if any(text in name or name in text for name in named) else (
                start, end, label)
    return None


def _verb_forms(word: str) -> tuple[str, ...]:
    """The verb a written form may be ("won" → "win" through WordNet's exceptions)."""
    wordnet = get_wordnet()
    base = verb_of_form(word)
    forms = [base] if base else []
    irregular = wordnet.irregular_base(word, "v") if wordnet is not None else None
    return tuple([*forms, irregular] if irregular else forms)


@lru_cache(maxsize=1)
def _organisations() -> frozenset[int]:
    """Bodies of people: "police", "army", "authorities", "council", "ministry"."""
    return noun_categories("organization", "administrative_unit", senses=1)


def _is_dateline(bundle: ArticleBundle, sentence: StoredSentence, start: int, end: int) -> int:
    """1 for the place a story was filed from ("VISBY, Sweden — A ferry ran aground off
    Gotland"): it answers "where" only when nothing else in the sentence does."""
    if sentence.position != 0 or start - sentence.start > 40:
        return 0
    match = DATELINE.match(bundle.body, sentence.start, sentence.end)
    return int(match is not None and end <= match.end())


def _anchor_positions(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                      ) -> list[int]:
    """Where the question's words occur in the sentence: the answer is usually the entity
    next to them ("Belgian Premier *Charles Michel*", not the Kerry earlier in the sentence)."""
    key = ("lower", sentence.position)
    text = bundle.derived.get(key)
    if text is None:
        text = bundle.derived[key] = bundle.body[sentence.start : sentence.end].lower()
    assert isinstance(text, str)
    present = sentence_words(bundle, sentence)
    words: set[str] = set()
    for term in set(question.terms) - question.entity_terms:
        words.add(term)
        # and the related words that stand for it here ("prime minister" → "Premier")
        words.update(word for word, weight in question.expansions.get(term, {}).items()
                     if weight >= ANCHOR_RELATED_WEIGHT and word in present)
    positions = []
    for word in words:
        for match in _anchor_pattern(word).finditer(text):
            positions.append(sentence.start + match.start())
    return positions


@lru_cache(maxsize=20_000)
def _anchor_pattern(term: str) -> re.Pattern[str]:
    """Words starting like ``term`` (its stem), compiled once per term."""
    return re.compile(rf"\b{re.escape(term[:max(4, len(term) - 2)])}\w*")


#: What a count of workers counts too ("how many jobs": "4,200 workers").
_POSTS = frozenset({"job", "post", "position"})
#: Words that scale a number rather than say what it counts.
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen",
                          "mn", "bn"})


def counts_what_was_asked(question: Question, bundle: ArticleBundle, start: int, end: int
                          ) -> bool:
    """For "how many X": is the number followed by X or a relative of it ("31 dead" for
    "how many people died" counts the dead; "40 nationalities" does not)?"""
    if question.wh != "how_many":
        return False
    # the unit inside the number's own span ("1,100 tonnes"), then the words after it, up to
    # the end of its phrase: "11 water-bombing aircraft"
    pieces = re.split(r"\d", bundle.body[start:end].lower())
    unit = re.findall(r"[a-z]+", pieces[-1])
    if len(pieces) == 1:
        # a number in words, "eight hours", "about a million": what follows its last number word
        unit = unit[max((at + 1 for at, word in enumerate(unit)
                         if _NUMBER.fullmatch(word)), default=1):]
    unit = [word for word in unit
            if word not in _SCALE_WORDS]  # "1.1 million deaths": the unit is "deaths"
    phrase = _number_phrase(bundle.body[end : end + 40])
    words = unit + [word for word in re.findall(r"[a-z]+", phrase.lower())
                    if word not in {"and", "or"}][:4]
    # ... or by the verb just before it: "killing six people and *injuring* 22"
    before = re.findall(r"[a-z]+", bundle.body[max(0, start - 20):start].lower())[-1:]
    if not words:
        words = [""]  # nothing after the number: only the word before can say what it counts
    following = frozenset(_with_singulars(words))
    counted = question.counted
    if counted in COUNTERS:
        return True  # "how many times": any count answers
    if re.match(r"-times?\b", bundle.body[end:end + 6]):
        return False  # "two-time world champions" counts wins, not the champions
    if re.search(r"(?:%|\bper\s*cent)\s*$", bundle.body[start:end]) and re.match(
            r"\s+for\b", bundle.body[end:end + 5]):
        return False  # "a rate of 43% for people earning more": a share, no count of people
    if counted and _ordinal_of_the_counted(counted, bundle, start, end):
        return True  # "how many eruptions": "the eruption is the eighth"
    if counted and _SHARE_OF.match(bundle.body, end) and _SHARE.search(bundle.body[start:end]):
        # "how many men smoke": "about 8 percent of Ghanaian men"; "how many farmland bird
        # species are declining": "about a third of Swedish farmland bird species"
        of_what = re.findall(r"[a-z]+", _number_phrase(bundle.body[end:end + 60]).lower())[1:6]
        if any(word in _with_singulars(of_what) for word in (counted, *_noun_forms(counted))):
            return True
    if counted and is_money(bundle, start, end):
        # "15,000 lari to every household" counts money, not households; but it is the sum
        # "how much money / cash" asks for ("made at least 14 million euros"), and "how much
        # stock" is measured in "about 4,000 reais worth of stock"
        worth = _WORTH_OF.match(bundle.body, end)
        return is_monetary_unit(counted) or (worth is not None and any(
            word in _with_singulars(re.findall(r"[a-z]+", worth.group(1).lower()))
            for word in (counted, *_noun_forms(counted))))
    counted_in_pairs = _IN_PAIRS.match(" ".join(unit + re.findall(r"[a-z]+", phrase.lower())))
    if counted and counted_in_pairs and term_match(question, counted, frozenset(
            _with_singulars(counted_in_pairs.group(1).split()))) >= 0.5:
        return True  # "how many sandpipers": "fewer than 250 breeding pairs of the sandpiper"
    if counted in {"people", "person"}:
        if following & {"people", "person", "persons"}:
            return True  # (its relatives are groups: "40 nationalities" counts no people)
    elif counted and term_match(question, counted, following) >= 0.5:
        return True
    if counted and any(is_kind_of(counted, noun_categories(word)) for word in following):
        return True  # "how many planes": "11 aircraft" (a plane is a kind of aircraft)
    if counted in _POSTS and any(is_person_noun(word) or word in {"people", "persons"}
                                 for word in words[:1]):
        # "how many jobs": "lay off about 4,200 workers" (a job is a worker's), "employs about
        # 70,000 people"
        return True
    if question.counted in {"people", "person"} and (
            any(is_person_noun(w) for w in words)
            or any(is_kind_of(w, _gatherings()) for w in words[:2])):
        # "how many people": "2,300 residents", "600 firefighters", "1.9 million viewers" (an
        # audience, as WordNet files the plural)
        return True
    if counted and words[0] in {"people", "persons"} and (
            is_person_noun(counted) or is_kind_of(counted, _personnel())
            or is_kind_of(counted, _gatherings())):
        # "how many workers / staff": "employs 240 people"; "how many townspeople watched":
        # "about 300 people watched"
        return True
    if counted and words[0] == "votes" and "vote" in question.terms and (
            counted in {"people", "person"} or is_person_noun(counted)):
        return True  # "how many members voted for it": "backed the plan by 31 votes to 9"
    if counted in {"people", "person"} and any(
            question.pos.get(term) == "NOUN" and term != counted
            and not _modifies_next_noun(question, term)
            and term_match(question, term, frozenset(_with_singulars(words[:1]))) >= 1.0
            for term in question.terms):
        # "how many people will lose their jobs": "cut 1,100 jobs" (but "how many people caught
        # bird flu" is not counted in "8 million birds": "bird" only qualifies the flu)
        return True
    body_before = re.findall(r"[a-z]+", bundle.body[max(0, start - 30):start].lower())[-2:]
    if counted and (is_person_noun(counted, senses=3) or counted in {"people", "person"}
                    or is_kind_of(counted, _personnel())) and \
            len(body_before) == 2 and body_before[1] == "of" and (
                is_kind_of(body_before[0], _personnel())
                or body_before[0] in {"population", "crew", "team"}
                or is_kind_of(body_before[0], _gatherings())):
        # "how many employees": "its workforce of 95,000", "a crew of 12"; "how many people"
        # or "how many fans" (a person in a less common sense): "a sell-out crowd of 11,800"
        return True
    if counted and not unit and not phrase.strip() and _total_of_counted_before(
            counted, bundle, start):
        return True  # "Asylum applications rose by a third last year to more than 46,000"
    of_group = _OF_THE_GROUP.match(bundle.body, end)
    if counted and of_group and any(
            term_match(question, counted, frozenset(_with_singulars([word.lower()]))) >= 1.0
            for word in of_group.groups() if word):
        return True  # "how many workers": "represents about 2,400 of the mine's workers"
    if counted and of_group and term_match(question, counted, frozenset(_with_singulars(
            re.findall(r"[a-z]+", bundle.body[of_group.end():of_group.end() + 40])[:4]))) >= 1.0:
        # "how many owners have rejected the valuation": "about 210 of the unfinished cases
        # involve owners who have rejected it" — the part of the group the counted noun says
        return True
    if counted and words[:2] in (["of", "them"], ["of", "those"], ["of", "these"]) and \
            _counted_just_before(question, bundle, start):
        return True  # "Sixty-one miners were working there, and 45 of them escaped"
    nationality = re.match(r"\s+([A-Z][a-z]+s)\b", bundle.body[end:end + 30])
    if counted and nationality and is_person_noun(counted) and is_person_noun(
            nationality.group(1).lower()):
        return True  # "how many US citizens": "two Americans"
    # "how many people died": "31 dead" counts people by what happened to them; but "two
    # visitors" does not answer "how many nurses treated the visitors", nor "300 wounded" "how
    # many nurses were wounded"
    if counted not in (None, "people", "person"):
        return False
    if _counts_things_of(words):
        return False  # "killed thousands of sheep": the number counts sheep, not people
    # (the word right after the number or right before it: in "40 nationalities were killed"
    # the number counts nationalities)
    around = frozenset(_with_singulars(
        words[:1] + [word for word in words[:3] if word not in _COUNT_FILLERS][:1] + before
        + _toll_of(bundle, start)))  # ("23 were *injured*", "11 people *died*")
    return any(term_match(question, term, around) >= 0.5
               for term in question.terms
               if term != question.counted and question.pos.get(term) not in {"NOUN", "PROPN"})


#: What a sum is the value of: "4,000 reais *worth of stock*", "$2 million worth of cocaine".
_WORTH_OF = re.compile(r"\s*(?:[A-Za-z’'-]+\s+){0,3}?worth\s+of\s+((?:[\w-]+\s*){1,3})")


#: Animals (or people) counted in pairs or by the head, a vaccine in doses: "250 breeding
#: pairs of the sandpiper", "3,000 head of cattle", "250,000 doses of oral cholera vaccine".
_IN_PAIRS = re.compile(r"(?:breeding\s+|nesting\s+|mated\s+)?(?:pairs|couples|head|doses|"
                       r"vials|shots)\s+of\s+"
                       r"(?:the\s+)?((?:[a-z]+\s*){1,3})")


#: A number of a group, named after it: "2,400 *of the mine's workers*", "300 of its
#: staff": the one or two words after the determiner (and a possessive).
_OF_THE_GROUP = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|all\s+the)\s+"
                           r"(?:[\w-]+(?:'s|’s)\s+)?([a-z-]+)(?:\s+([a-z-]+))?")


#: Verbs that take a total to a number: "applications *rose* … to 46,000".
_TOTAL_VERBS = (r"rose|risen|rise|fell|fallen|grew|grown|reached|totall?ed|climbed|jumped|"
                r"dropped|doubled|tripled|increased|decreased|surged|soared|plunged|stood|hit")


def _total_of_counted_before(counted: str, bundle: ArticleBundle, start: int) -> bool:
    """Whether a number with nothing after it ends a clause that opened with the counted
    noun and a verb of change ("Asylum applications in the Netherlands rose by a third last
    year to more than 46,000"): the number is the noun's new total."""
    before = bundle.body[max(0, start - 160):start]
    before = re.split(r"[.;!?]\s|\n", before)[-1]
    stem = re.escape(counted[:max(4, len(counted) - 2)])
    return re.search(rf"\b{stem}\w*\b(?:[^,]|,(?!\s+(?:who|which)\b))*?\b(?:{_TOTAL_VERBS})\b",
                     before, re.IGNORECASE) is not None


#: "… percent *of* Ghanaian men": the share of a group.
_SHARE_OF = re.compile(r"\s+of\s+", re.IGNORECASE)
#: A share rather than a count: "8 percent", "12%", "about a third", "two-thirds".
_SHARE = re.compile(r"(?:%|\bper\s*cent|\b(?:half|thirds?|quarters?|fifths?|tenths?))\s*$",
                    re.IGNORECASE)


@lru_cache(maxsize=5_000)
def _noun_forms(noun: str) -> tuple[str, ...]:
    """A noun's irregular plural as WordNet lists it ("men" for "man"), beside the noun."""
    wordnet = get_wordnet()
    if wordnet is None:
        return ()
    return tuple(form for form, base in wordnet.irregular_forms("n") if base == noun)


def _counts_things_of(words: Sequence[str]) -> bool:
    """Whether the words after a number say it counts things, not people: "thousands *of
    sheep*", "dozens of the homes" (not "hundreds of residents", nor "45 of them")."""
    if words[:1] != ["of"]:
        return False
    rest = [word for word in words[1:3] if word != "the"]
    return bool(rest) and rest[0] not in {"them", "those", "these", "us", "people"} and (
        is_noun(rest[0]) and not is_person_noun(rest[0]))


def _modifies_next_noun(question: Question, term: str) -> bool:
    """Whether a noun of the question stands right before another of its nouns, which it
    qualifies ("*bird* flu", "*power* cuts")."""
    terms = question.terms
    for at, word in enumerate(terms[:-1]):
        following = terms[at + 1]
        if word == term and question.pos.get(following) == "NOUN" and re.search(
                rf"\b{re.escape(word[:4])}\w*\s+{re.escape(following[:4])}", question.text,
                re.IGNORECASE):
            return True
    return False


#: How far back "N of them" may look for what "them" counts (this sentence's words before the
#: number, or the end of the sentence before it).
_OF_THEM_REACH = 200


@lru_cache(maxsize=1)
def _personnel() -> frozenset[int]:
    """People taken together as a body that works: "staff", "workforce", "personnel"."""
    return noun_categories("personnel", senses=1)


@lru_cache(maxsize=1)
def _gatherings() -> frozenset[int]:
    """People come together or taken as a mass: "crowd", "rally", "viewers" (a television
    audience)."""
    return noun_categories("gathering", senses=1) | noun_categories("audience", senses=2)


def _counted_just_before(question: Question, bundle: ArticleBundle, start: int) -> bool:
    """Whether the asked noun ("miners") comes shortly before "N of them", which counts it."""
    before = re.findall(r"[a-z]+", bundle.body[max(0, start - _OF_THEM_REACH):start].lower())
    counted = question.counted or ""
    return term_match(question, counted, frozenset(_with_singulars(before))) >= 0.5


#: Where the phrase after a number ends: punctuation, a conjunction ("six people *and*
#: injuring 22": "injuring" belongs to the next number) or a preposition other than "of"
#: ("14 meetings *with* traders" counts meetings, not traders; "3,000 tonnes of rice" stays,
#: and "in" too: "70,000 people in Sri Lanka" counts Sri Lankans).
_PHRASE_END = re.compile(r"[,.;:!?()“”\"]|\b(?:and|or|but|while|whereas|with|without|since|"
                         r"from|after|before|during|against|into|on|for|by|near)\b")
#: Modifiers joined before the counted noun: "400 *small and medium* dams", "300 new
#: *charging and swapping* points" (a plural or a number after "and" starts another phrase).
_JOINED_MODIFIERS = re.compile(r"(?P<before>(?:\s*[a-z-]+){1,2}?)\s+(?:and|or)\s+"
                               r"(?!(?:a|an|the|its|their|his|her)\b)[a-z-]+\s+[a-z-]+")


def _number_phrase(after: str) -> str:
    """The words after a number up to the end of its phrase; modifiers joined by "and"
    ("small and medium dams") stay in it, a second phrase ("six people and injuring 22",
    "40 homes and a school") does not."""
    joined = _JOINED_MODIFIERS.match(after)
    if joined and not re.search(r"(?:s|people|men|women|children)$", joined["before"]):
        rest = after[joined.end():]
        return after[:joined.end()] + _PHRASE_END.split(rest)[0]
    return _PHRASE_END.split(after)[0]


def counts_the_event(question: Question, bundle: ArticleBundle,
                     span: tuple[int, int, str] | None, before: bool = False) -> bool:
    """Whether the word right after the number (or, with ``before``, right before it) is what
    happened to the things counted, as the question says it ("31 *dead*" for "died",
    "*injuring* 22" for "hurt")."""
    if span is None:
        return False
    after = re.findall(r"[a-z]+", bundle.body[span[1]:span[1] + 30].lower())[:3]
    # "45 of them escaped": the event comes after what the number is of
    after = after[2:3] if after[:2] in (["of", "them"], ["of", "those"], ["of", "these"]) \
        else after[:1] + [word for word in after[:3] if word not in _COUNT_FILLERS][:1]
    # ("11 people *died*", "23 were *injured*": past the counted people and an auxiliary)
    following = re.findall(r"^\s+([a-z]+)", bundle.body[span[1]:span[1] + 30].lower())
    if before and not _counts_things_of(["of", *following]):
        # "killing six and *injuring* 22", "*killing* 14 people" (but "*lost* more than 8
        # million birds" is what happened to birds)
        after += re.findall(r"[a-z]+", bundle.body[max(0, span[0] - 20):span[0]].lower())[-1:]
    after += _toll_of(bundle, span[0])
    events = [term for term in question.terms
              if question.pos.get(term) in {"VERB", "ADJ"} and not is_framing(question, term)]
    return bool(after) and any(
        term_match(question, term, frozenset(_with_singulars(after))) >= 0.5 for term in events)


#: Words between a number and the verb of what happened to what it counts.
_COUNT_FILLERS = frozenset({"people", "persons", "were", "was", "are", "is", "have", "has",
                            "had", "been", "be", "more", "others", "other"})
_TOLL = re.compile(r"\b([a-z]+)\s+toll\b[^.,;:]{0,30}$")


def _toll_of(bundle: ArticleBundle, start: int) -> list[str]:
    """What a number counts when it is a toll's value: "the *death* toll rose to 14"."""
    match = _TOLL.search(bundle.body[max(0, start - 60):start].lower())
    return [match.group(1)] if match else []


#: Nouns that count occurrences rather than things: any number answers "how many times".
COUNTERS = frozenset({"time", "occasion"})


def _with_singulars(words: Sequence[str]) -> list[str]:
    """Words plus their regular singulars ("residents" → "resident"; "churches" → "church")
    and the verbs of participles ("injuring", "injured" → "injure"), since the words around a
    number are read as written, not lemmatised."""
    out = list(words)
    for word in words:
        if word.endswith("ies") and len(word) > 4:
            out.append(word[:-3] + "y")  # "ferries" → "ferry"
        if word.endswith("es") and len(word) > 4:
            out.append(word[:-2])
        if word.endswith("s") and len(word) > 3:
            out.append(word[:-1])
        if len(word) > 4:
            verb = verb_of_form(word)
            if verb:
                out.append(verb)
    return out


_VENUE_PHRASE = re.compile(
    r"\b(?:at|in|to|into|near|outside|inside|from|on)\s+((?:the|a|an)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:" + "|".join(sorted(VENUE_NOUNS)) + r")s?)\b",
    re.IGNORECASE,
)


#: A preposition of place and the phrase after it, up to its fourth word ("in a storeroom",
#: "to the governor's residence", "inside the farm's main barn").
_PLACE_PREPOSITION = re.compile(
    r"\b(?:at|in|to|into|near|outside|inside|on|under|behind|beside|above|below|beneath|"
    r"underneath|along|alongside|across|between|beyond|opposite|next\s+to)\s+"
    r"((?:the|a|an|his|her|their|its)(?:\s+[\w’'-]+){1,4})")
_WORD = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=1)
def _kinds_of_place() -> frozenset[int]:
    """What a common noun after "in" / "at" names when it says where: a building, a room or
    another structure, a facility, an area."""
    return noun_categories("structure", "facility", "geographical_area", "area", senses=1)


def _venue_phrase(bundle: ArticleBundle, sentence: StoredSentence
                  ) -> tuple[int, int, str] | None:
    """A place named by a common noun ("at an emergency shelter in the sports hall", "tied up
    in a storeroom", "marched to the governor's residence") answers "where" even when no
    named place does."""
    match = _VENUE_PHRASE.search(bundle.body, sentence.start, sentence.end)
    if match is not None:
        return (match.start(1), match.end(1), "FAC")
    for found in _PLACE_PREPOSITION.finditer(bundle.body, sentence.start, sentence.end):
        words = list(_WORD.finditer(found.group(1)))[1:]
        for word in words:
            if not word.group().islower():
                break
            if is_kind_of(word.group(), _kinds_of_place()):
                return (found.start(1), found.start(1) + word.end(), "FAC")
    return None


#: Units of each kind of measurement, as news writes them ("98-kilometre", "620 kg",
#: "33 degrees Celsius", "80 km/h").
_UNITS = {
    "length": LENGTH_UNITS,
    "mass": r"kg|kilo(?:gram)?s?|grams?|tonnes?|tons?|pounds?|lbs?",
    "speed": r"km/h|kph|mph|knots?|(?:kilomet(?:re|er)s?|miles?) (?:an|per) hour",
    "heat": r"degrees?|°",
    "area": r"hectares?|acres?|square",
    # a power plant, a solar farm or a battery is as big as its capacity
    "power": r"(?:kilo|mega|giga)watts?|[kMG]W|(?:kilo|mega|giga)watt-hours?|[kMG]Wh",
}
#: Adjectives that "how …" asks to measure, and the kinds of measurement that answer them
#: without the word ("how tall is the tower": "the 120-metre tower", "how hot was it": "33
#: degrees", "how heavy is it": "the 620-kilogram satellite").
_DIMENSIONS = {
    **dict.fromkeys(("tall", "high", "deep", "wide", "far", "thick", "low", "short"),
                    ("length",)),
    "heavy": ("mass",), "fast": ("speed",), "hot": ("heat",), "cold": ("heat",),
    "warm": ("heat",), **dict.fromkeys(("big", "large", "small"),
                                       ("area", "length", "mass", "power")),
}
_NUMBER_BEFORE_UNIT = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|a few)")
_MEASUREMENT = {kind: re.compile(rf"\D{{0,12}}?\b{_NUMBER_BEFORE_UNIT}(?:\s*|-)(?:{units})\b",
                                 re.IGNORECASE)
                for kind, units in _UNITS.items()}
_HOW_ADJECTIVE = re.compile(r"\s*how\s+([a-z]+)\b", re.IGNORECASE)
#: One unit of a dimension's kinds said with "a" (``one_unit``).
_ONE_UNIT = {
    dimension: re.compile(
        r"\b(?:a|an|half\s+a)\s+(?:" + "|".join(_UNITS[kind] for kind in kinds) + r")\b",
        re.IGNORECASE)
    for dimension, kinds in _DIMENSIONS.items()}


def one_unit(bundle: ArticleBundle, sentence: StoredSentence, dimension: str
              ) -> tuple[int, int, str] | None:
    """One unit of the asked dimension, said with "a" ("up to a metre thick", "half a
    tonne"), which the tagger does not take for a number."""
    pattern = _ONE_UNIT.get(dimension)
    match = pattern.search(bundle.body, sentence.start, sentence.end) if pattern else None
    return (match.start(), match.end(), "QUANTITY") if match else None


def dimension_asked(question: Question) -> str | None:
    """The adjective of "how tall / heavy / far…" (``_DIMENSIONS``), when the question asks
    for a measurement."""
    match = _HOW_ADJECTIVE.match(question.text)
    word = match.group(1).lower() if match else None
    return word if word in _DIMENSIONS and word in question.terms else None


def _measured(bundle: ArticleBundle, start: int, end: int, kinds: tuple[str, ...]) -> bool:
    """Whether the span is a number with a unit of one of ``kinds``; the tagger may leave the
    unit out of the span ("620" of "620-kilogram")."""
    stop = min(len(bundle.body), end + 14)
    return any(_MEASUREMENT[kind].match(bundle.body, start, stop) for kind in kinds)


def is_length(bundle: ArticleBundle, start: int, end: int) -> bool:
    """Whether the span is a length ("98-kilometre", "about two miles")."""
    return _measured(bundle, start, end, ("length",))


def measures(bundle: ArticleBundle, start: int, end: int, dimension: str) -> bool:
    """Whether the span is a measurement of the kind ``dimension`` asks for (a unit of length
    for "tall", of mass for "heavy")."""
    return _measured(bundle, start, end, _DIMENSIONS.get(dimension, ()))


def _label_rank(question: Question, label: str, dimension: str | None) -> int:
    order = {"who": ["PERSON", "ORG", "NORP"], "how_many": ["CARDINAL", "QUANTITY", "MONEY",
             "PERCENT"], "where": ["FAC", "GPE", "LOC"]}.get(question.wh or "", [])
    if question.wh == "how_many" and question.counted in TIME_UNIT_NOUNS:
        order = ["DATE", "TIME", *order]  # "how many years": "over two years", not "5 percent"
    elif dimension:
        order = ["QUANTITY", *order]  # "how heavy": "620-kilogram", not "one of five"
    return order.index(label) if label in order else len(order)
