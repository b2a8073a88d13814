"""Choosing the sentence that answers: rerank BM25's candidates, decide whether to abstain,
and find the words to highlight.

BM25 finds sentences that share rare words with the question. It cannot tell that "died" asks
for the sentence with "dead", that "how many" wants a number, that "The raids came..." is about
the raids of the sentence before, or that a question about something the article never mentions
has no answer. The reranker scores each candidate by how much of the question's content (each
word weighted by its idf) the sentence covers — itself, through WordNet's related words, or
through its context (the sentence it leans on, its paragraph, the headline) — plus a bonus when
it holds an entity of the kind the question asks for that the question does not already name.
Abstention uses the same evidence: if the best sentence covers too little of the question, or
the question names something the article never mentions, we say so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from retrieval.answer_spans import (
    TIME_KINDS,
    description_of,
    is_age,
    is_duration,
    is_money,
    time_of_day,
)
from retrieval.article_text import DATELINE
from retrieval.entity_rules import INITIALS_SKIP, ORGANIZATION_NOUNS, VENUE_NOUNS
from retrieval.lexicon import (
    is_adjective,
    is_kind_of,
    is_person_noun,
    noun_ancestors,
    noun_categories,
    related_words,
)
from retrieval.question import PERSON_LABELS, Question, names_the_answer_kind
from retrieval.references import entity_handles, referenced_words
from retrieval.store import ArticleBundle, ArticleRow, StoredSentence
from retrieval.tokens import is_stop_word, participle_verb

#: Weights of the evidence a sentence can give for one question word.
ANAPHOR_CONTEXT_WEIGHT = 0.5
#: A name the sentence refers to by a pronoun counts almost as if it were there.
NAME_CONTEXT_WEIGHT = 0.9
PARAGRAPH_CONTEXT_WEIGHT = 0.3
TITLE_CONTEXT_WEIGHT = 0.3
TYPE_BONUS = 0.35
#: Extra for a number that counts what the question counts ("how many people" → "31 dead").
COUNTED_BONUS = 0.15
#: Extra for the sentence that says who or what the question's name is ("Who is Mette
#: Lund?": "Mette Lund, the chair of the SCCU").
IDENTITY_BONUS = 0.35
#: Extra for a number that counts the question's event itself ("how many people died": "the
#: *31 dead*", not "two Americans were among the dead"); as large as the BM25 tie-break, so
#: that shared words elsewhere in a sentence do not outweigh it.
EVENT_COUNT_BONUS = 0.3
#: Extra for a sentence that looks ahead when the question asks about the future ("which
#: court will they appeal to": "might take the case to the Council of State").
FUTURE_BONUS = 0.2
#: Extra for a leader's title attached to what the question asks about ("who heads the
#: museum" → "the museum's director", not a minister who visited it; "who leads France" →
#: "French President X", not a minister quoted on an attack "in France"): it is the answer,
#: so it outweighs incidental mentions of the asked name and the BM25 tie-break.
LEADER_BONUS = 0.5
BM25_TIEBREAK = 0.3
#: Abstain when the best sentence covers less than this share of the question's weighted
#: content (calibrated on the dev sets; see README "Answer quality").
MIN_COVERAGE = 0.3


@dataclass(slots=True)
class Answer:
    """One candidate answer: a sentence of an article, quoted exactly."""

    article: ArticleRow
    sentence: StoredSentence
    text: str
    score: float
    confidence: float
    before: str | None
    after: str | None
    highlight: tuple[int, int] | None = None
    coverage: float = 0.0


@dataclass(slots=True)
class AskResult:
    question: str
    abstained: bool
    reason: str | None
    answers: list[Answer] = field(default_factory=list)
    closest: list[Answer] = field(default_factory=list)
    #: The evidence behind the decision: the best sentence's coverage of the question, and
    #: whether the question names something the article never mentions.
    coverage: float = 0.0
    unknown_name: bool = False
    untyped: bool = False


@dataclass(slots=True)
class _Scored:
    bundle: ArticleBundle
    sentence: StoredSentence
    bm25: float
    coverage: float = 0.0
    own_coverage: float = 0.0
    type_span: tuple[int, int, str] | None = None
    final: float = 0.0
    missing: list[str] = field(default_factory=list)
    #: A "how many X" question and this sentence's numbers count something else.
    uncounted: bool = False
    #: The evidence ``final`` adds up, by name (see ``_PART_WEIGHTS``).
    parts: dict[str, float] = field(default_factory=dict)


#: Words that frame a question rather than carry its content ("What is the *name* of...",
#: "What *happened*..."); they count for little when measuring coverage.
FRAMING_WORDS = frozenset({
    "name", "happen", "kind", "type", "sort", "reason", "way", "thing", "do", "make", "get",
    "take", "know", "mean", "describe", "call", "exactly", "also", "there", "main", "specific",
})
FRAMING_WEIGHT = 0.25
#: The noun a "which/what" question asks for ("which *building*") names the answer's kind,
#: which the answer rarely repeats; the entity-type bonus covers it instead.
FOCUS_WEIGHT = 0.5
PREFIX_WEIGHT = 0.7
#: A word that is a kind of what the question names ("daily" for "newspaper", "director" for
#: "who heads").
KIND_WEIGHT = 0.75
#: A more general word for what the question names ("the company" for "the airline",
#: "aircraft" for "planes"): the article often says it that way the second time.
GENERAL_WEIGHT = 0.5


def _shared_prefix(a: str, b: str) -> bool:
    """Same word family by spelling: "investigation"/"investigator", "elect"/"election"."""
    if a[:5] != b[:5]:
        return False
    shortest = min(len(a), len(b))
    if shortest < 5:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 0.75 * shortest


def _word_similarity(term: str, word: str, expansions: dict[str, float]) -> float:
    """How well ``word`` stands for question term ``term`` (0–1), given the term's WordNet
    expansions in this question."""
    weight = expansions.get(word, 0.0)
    if weight < 0.6:
        # the other direction ("rail" knows "railway"), trusted a little less
        reverse = related_words(word).get(term, 0.0)
        if reverse >= 0.55:
            weight = max(weight, reverse * 0.9)
    if weight < PREFIX_WEIGHT and term[:5] == word[:5] and _shared_prefix(term, word):
        weight = PREFIX_WEIGHT
    return weight


#: How a question term matches article words ({word: weight}), by the term's behaviour: its
#: WordNet expansions, the kinds it asks for and whether it asks who is in charge. Questions in
#: which a word behaves the same share its table, so common words are looked up once for
#: all questions; a plain dict per term also makes a sentence's best match a set difference
#: and a ``max`` in C.
_SIMILARITY_TABLES: dict[int, dict[str, float]] = {}
#: Term behaviours by number (a behaviour is a long tuple: hashing it once per question is
#: enough).
_BEHAVIOURS: dict[tuple[object, ...], int] = {}
#: Words held by all the tables together, and the bound at which they are dropped (~27 bytes
#: an entry: the words are the articles' own strings; 1M entries hold the 674 evaluation
#: questions over 19 articles, where 300k were dropped three times a pass).
_similarity_entries = 0
MAX_SIMILARITY_ENTRIES = 1_000_000


def _term_table(question: Question, term: str) -> dict[str, float]:
    global _similarity_entries
    number = question.term_keys.get(term)
    if number is None:
        behaviour = (
            term,
            tuple(sorted(question.expansions.get(term, {}).items())),
            question.categories.get(term, frozenset()),
            term in question.leadership,
        )
        number = _BEHAVIOURS.get(behaviour)
        if number is None:
            if _similarity_entries > MAX_SIMILARITY_ENTRIES or len(_BEHAVIOURS) > 50_000:
                _SIMILARITY_TABLES.clear()
                _BEHAVIOURS.clear()
                _similarity_entries = 0
            number = _BEHAVIOURS[behaviour] = len(_BEHAVIOURS) + 1
        question.term_keys[term] = number
    table = _SIMILARITY_TABLES.get(number)
    if table is None:
        table = _SIMILARITY_TABLES[number] = {}
    return table


def _term_match(question: Question, term: str, words: frozenset[str]) -> float:
    """How well ``words`` (a sentence's terms) contain question term ``term``: 1 for the word
    itself, less for a WordNet relative, a word of the same family or a kind of what the
    term names."""
    global _similarity_entries
    if term in words:
        return 1.0
    table = _term_table(question, term)
    new = words.difference(table)
    if new:
        expansions = question.expansions.get(term, {})
        categories = question.categories.get(term)
        # "who heads": the title ("director") is the answer itself, as good as the word
        kind_weight = 1.0 if term in question.leadership else KIND_WEIGHT
        # what the term is a kind of, looked up once (``is_kind_of(term, ...)`` per word)
        term_ancestors = noun_ancestors(term) if question.pos.get(term) == "NOUN" else None
        for word in new:
            weight = _word_similarity(term, word, expansions)
            if categories and weight < kind_weight and is_kind_of(word, categories):
                weight = kind_weight
            if (term_ancestors and weight < GENERAL_WEIGHT
                    and not term_ancestors.isdisjoint(noun_categories(word))):
                weight = GENERAL_WEIGHT
            table[word] = weight
        _similarity_entries += len(new)
    return max(0.0, max(map(table.__getitem__, words), default=0.0))


def term_weights(question: Question, idf: Callable[[str], float]) -> dict[str, float]:
    """Each distinct question term's share of the question: its idf, discounted for framing
    words and for the noun that names the answer's kind."""
    weights = {}
    for term in dict.fromkeys(question.terms):
        weight = max(idf(term), 0.05)
        if term in FRAMING_WORDS:
            weight *= FRAMING_WEIGHT
        elif term in (question.focus, question.counted) or names_the_answer_kind(question, term):
            weight *= FOCUS_WEIGHT
        weights[term] = weight
    return weights


def _type_span(question: Question, bundle: ArticleBundle, sentence: StoredSentence
               ) -> tuple[int, int, str] | None:
    """The entity in ``sentence`` that answers the question's wh-word, if any."""
    if not question.answer_labels:
        return None
    named = {name.lower() for name in question.entity_names}
    name_of = _asks_name_of(question) or _which_person_named_here(question, bundle, sentence)
    best: tuple[int, int, str] | None = None
    best_rank: tuple[int, int, int] = (1 << 30, 1, 0)
    anchors: list[int] | None = None  # computed for the first span that qualifies
    question_terms = set(question.terms)
    for start, end, label in sentence.spans:
        if label not in question.answer_labels:
            continue
        text = bundle.body[start:end].lower()
        if text in named or any(text in name or name in text for name in named):
            continue
        words = {w for w in text.replace("-", " ").split() if w.isalpha()}
        if words and words <= question_terms:
            continue
        if name_of and not _names_the_focus(question, bundle, sentence, start, end):
            continue
        if question.money and label != "MONEY" and not is_money(bundle, start, end):
            continue
        if question.wh == "how_old" and not is_age(bundle, start, end):
            continue  # "how old was the driver": not "Tuesday"
        if question.wh in {"when", "what", "which"} and question.answer_labels <= TIME_KINDS \
                and is_duration(bundle, start, end):
            continue  # "when did the mine open": not "a week"
        if anchors is None:
            anchors = _anchor_positions(question, bundle, sentence)
        rank = (
            _is_dateline(bundle, sentence, start, end),
            _label_rank(question, label)
            - 10 * _counts_what_was_asked(question, bundle, start, end)
            - 10 * _counts_the_event(question, bundle, (start, end, label), before=True),
            min((min(abs(start - a), abs(end - a)) for a in anchors), default=0),
        )
        if best is None or rank < best_rank:
            best, best_rank = (start, end, label), rank
    if best is None and "FAC" in question.answer_labels:
        best = _venue_phrase(bundle, sentence)
    if best is None and "GPE" in question.answer_labels:
        best = _place_after_preposition(question, bundle, sentence)
    if best is None and question.answer_labels & {"PERSON", "ORG"}:
        best = _unlabelled_name(question, bundle, sentence)
    if best is None and question.text.lower().startswith("who ") and "name" not in question.terms:
        best = _person_noun(question, bundle, sentence)
    if best is None and "TIME" in question.answer_labels and question.wh != "how_long":
        best = time_of_day(bundle, sentence)
    if best is None and question.focus in question.categories:
        best = _name_of_the_asked_kind(question, bundle, sentence)
    if best is not None and name_of and not _names_the_focus(question, bundle, sentence,
                                                             best[0], best[1]):
        return None
    return best


#: "What is the name of X", "who is the X (of Y)": a name that must stand next to X.
_NAME_OF = re.compile(r"\bnames?\s+of\b|^\s*who\s+(?:is|was|are|were)\s+(?:the|a|an)\s",
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
    for match in re.finditer(pattern, bundle.body[sentence.start:sentence.end], re.IGNORECASE):
        at, stop = sentence.start + match.start(), sentence.start + match.end()
        gap = bundle.body[stop:start] if stop <= start else bundle.body[end:at]
        between = [word for word in re.findall(r"\w+", gap.lower()) if word not in described]
        if len(between) <= NAME_GAP_WORDS and not re.search(r"[.;:!?]", gap):
            return True
    return False


_CAPITALISED_RUN = re.compile(
    r"\b(?:[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*)+|[A-Z]{2,6}\b)")
_PLACE_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|near|outside|inside|from)\s+(?:the\s+)?(?:[a-z]+\s+of\s+)?"
    r"([A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*)*)")
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
    for match in _PLACE_AFTER_PREPOSITION.finditer(bundle.body, sentence.start, sentence.end):
        words = [w.lower() for w in match.group(1).split()]
        if any(w in _CALENDAR_WORDS for w in words) or set(words) <= asked:
            continue
        return (match.start(1), match.end(1), "GPE")
    return None


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
                and not (question.leadership and _is_leader_title(question, word)):
            # a singular word that is also an adjective is most likely one here ("a *great*
            # deal"); a plural is a noun ("officials"); "who leads France" wants the
            # president's name, not the word "president"
            return (match.start(), match.end(), "PERSON")
    return None


def _is_dateline(bundle: ArticleBundle, sentence: StoredSentence, start: int, end: int) -> int:
    """1 for the place a story was filed from ("VISBY, Sweden — A ferry ran aground off
    Gotland"): it answers "where" only when nothing else in the sentence does."""
    if sentence.position != 0 or start - sentence.start > 40:
        return 0
    match = DATELINE.match(bundle.body, sentence.start, sentence.end)
    return int(match is not None and end <= match.end())


#: A related word at least this close to a question word marks where the answer is.
ANCHOR_RELATED_WEIGHT = 0.7


def _anchor_positions(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                      ) -> list[int]:
    """Where the question's words occur in the sentence: the answer is usually the entity
    next to them ("Belgian Premier *Charles Michel*", not the Kerry earlier in the sentence)."""
    key = ("lower", sentence.position)
    text = bundle.derived.get(key)
    if text is None:
        text = bundle.derived[key] = bundle.body[sentence.start : sentence.end].lower()
    assert isinstance(text, str)
    present = _sentence_words(bundle, sentence)
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


def _counts_what_was_asked(question: Question, bundle: ArticleBundle, start: int, end: int
                           ) -> bool:
    """For "how many X": is the number followed by X or a relative of it ("31 dead" for
    "how many people died" counts the dead; "40 nationalities" does not)?"""
    if question.wh != "how_many":
        return False
    # the unit inside the number's own span ("1,100 tonnes"), then the words after it, up to
    # the end of its phrase: "11 water-bombing aircraft"
    pieces = re.split(r"\d", bundle.body[start:end].lower())
    unit = re.findall(r"[a-z]+", pieces[-1]) if len(pieces) > 1 else []
    phrase = _PHRASE_END.split(bundle.body[end : end + 40])[0]
    words = unit + re.findall(r"[a-z]+", phrase.lower())[:4]
    # ... or by the verb just before it: "killing six people and *injuring* 22"
    before = re.findall(r"[a-z]+", bundle.body[max(0, start - 20):start].lower())[-1:]
    if not words:
        words = [""]  # nothing after the number: only the word before can say what it counts
    following = frozenset(_with_singulars(words))
    counted = question.counted
    if counted in COUNTERS:
        return True  # "how many times": any count answers
    if counted and _term_match(question, counted, following) >= 0.5:
        return True
    if counted and any(is_kind_of(counted, noun_categories(word)) for word in following):
        return True  # "how many planes": "11 aircraft" (a plane is a kind of aircraft)
    if question.counted in {"people", "person"} and any(is_person_noun(w) for w in words):
        return True  # "how many people": "2,300 residents", "600 firefighters"
    if counted and words[0] in {"people", "persons"} and is_person_noun(counted):
        return True  # "how many workers": "employs 240 people"
    nationality = re.match(r"\s+([A-Z][a-z]+s)\b", bundle.body[end:end + 30])
    if counted and nationality and is_person_noun(counted) and is_person_noun(
            nationality.group(1).lower()):
        return True  # "how many US citizens": "two Americans"
    # "how many people died": "31 dead" counts people by what happened to them; but "two
    # visitors" does not answer "how many nurses treated the visitors", nor "300 wounded" "how
    # many nurses were wounded"
    if counted not in (None, "people", "person"):
        return False
    # (the word right after the number or right before it: in "40 nationalities were killed"
    # the number counts nationalities)
    around = frozenset(_with_singulars(words[:1] + before + _toll_of(bundle, start)))
    return any(_term_match(question, term, around) >= 0.5
               for term in question.terms
               if term != question.counted and question.pos.get(term) not in {"NOUN", "PROPN"})


#: Where the phrase after a number ends: punctuation or a conjunction ("six people *and*
#: injuring 22": "injuring" belongs to the next number).
_PHRASE_END = re.compile(r"[,.;:!?()“”\"]|\b(?:and|or|but|while|whereas)\b")


def _counts_the_event(question: Question, bundle: ArticleBundle,
                      span: tuple[int, int, str] | None, before: bool = False) -> bool:
    """Whether the word right after the number (or, with ``before``, right before it) is what
    happened to the things counted, as the question says it ("31 *dead*" for "died",
    "*injuring* 22" for "hurt")."""
    if span is None:
        return False
    after = re.findall(r"[a-z]+", bundle.body[span[1]:span[1] + 20].lower())[:1]
    if before:  # choosing among a sentence's numbers: "killing six and *injuring* 22"
        after += re.findall(r"[a-z]+", bundle.body[max(0, span[0] - 20):span[0]].lower())[-1:]
    after += _toll_of(bundle, span[0])
    events = [term for term in question.terms
              if question.pos.get(term) in {"VERB", "ADJ"} and term not in FRAMING_WORDS]
    return bool(after) and any(
        _term_match(question, term, frozenset(_with_singulars(after))) >= 0.5 for term in events)


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
        if word.endswith("es") and len(word) > 4:
            out.append(word[:-2])
        if word.endswith("s") and len(word) > 3:
            out.append(word[:-1])
        if word.endswith(("ed", "ing")) and len(word) > 4:
            verb = participle_verb(word if word.endswith("ed") else word[:-3] + "ed")
            if verb:
                out.append(verb)
    return out


_VENUE_PHRASE = re.compile(
    r"\b(?:at|in|to|into|near|outside|inside|from|on)\s+((?:the|a|an)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:" + "|".join(sorted(VENUE_NOUNS)) + r")s?)\b",
    re.IGNORECASE,
)


def _venue_phrase(bundle: ArticleBundle, sentence: StoredSentence
                  ) -> tuple[int, int, str] | None:
    """A place named by a common noun ("at an emergency shelter in the sports hall") answers
    "where" even when no named place does."""
    match = _VENUE_PHRASE.search(bundle.body, sentence.start, sentence.end)
    if match is None:
        return None
    return (match.start(1), match.end(1), "FAC")


def _label_rank(question: Question, label: str) -> int:
    order = {"who": ["PERSON", "ORG", "NORP"], "how_many": ["CARDINAL", "QUANTITY", "MONEY",
             "PERCENT"], "where": ["FAC", "GPE", "LOC"]}.get(question.wh or "", [])
    return order.index(label) if label in order else len(order)


_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|they|their|them)\b", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*")
_OPENING_QUOTE = ("“", '"', "‘", "'", "«")
_ATTRIBUTION = re.compile(r"\b(?:said|says|say|told|tells|added|according)\b")
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


def _name_words(bundle: ArticleBundle, sentence: StoredSentence) -> set[str]:
    """Lower-cased words of the names in a sentence (who or what it is about)."""
    words: set[str] = set()
    for start, end, label in sentence.spans:
        if label in _NAME_LABELS:
            words.update(w for w in re.split(r"[^\w]+", bundle.body[start:end].lower()) if w)
    return words


def _leans_on_previous(bundle: ArticleBundle, sentence: StoredSentence) -> bool:
    """A pronoun before any person is named ("Investigators say *he* rented..."), or a start
    like "The raids..." / "It...", makes the sentence about the previous one's subject."""
    if sentence.anaphoric:
        return True
    text = bundle.text(sentence)
    match = _PRONOUN.search(text)
    if match is None:
        return False
    first_person = min((s for s, _, label in sentence.spans if label == "PERSON"),
                       default=sentence.end)
    return sentence.start + match.start() < first_person


def _context_words(bundle: ArticleBundle, sentence: StoredSentence
                   ) -> tuple[frozenset[str], frozenset[str], Collection[str]]:
    """Words the sentence leans on: the previous sentence's words and names when it refers
    back to it, the speaker named after a quotation ("...," Hofer said), and the words of
    the rest of its paragraph. They depend on the article alone, so they are computed once
    per sentence and kept on the bundle."""
    key = ("context", sentence.position)
    cached = bundle.derived.get(key)
    if cached is None:
        cached = bundle.derived[key] = _compute_context_words(bundle, sentence)
    return cached  # type: ignore[return-value]


def _sentence_words(bundle: ArticleBundle, sentence: StoredSentence) -> frozenset[str]:
    """The sentence's terms as a set, made once per sentence (kept on the bundle)."""
    key = ("words", sentence.position)
    cached = bundle.derived.get(key)
    if cached is None:
        cached = bundle.derived[key] = frozenset(sentence.terms)
    return cached  # type: ignore[return-value]


def _title_words(bundle: ArticleBundle) -> frozenset[str]:
    """The headline's terms as a set, made once per article (kept on the bundle)."""
    cached = bundle.derived.get("title")
    if cached is None:
        cached = bundle.derived["title"] = frozenset(bundle.title_terms)
    return cached  # type: ignore[return-value]


def _paragraph_counts(bundle: ArticleBundle, paragraph: int) -> dict[str, int]:
    """In how many of the paragraph's sentences each term occurs (once per paragraph)."""
    key = ("paragraph", paragraph)
    cached = bundle.derived.get(key)
    if cached is None:
        # Counter counts in C: this runs for every sentence of a cold article at scale
        cached = bundle.derived[key] = Counter(chain.from_iterable(
            set(other.terms) for other in bundle.sentences if other.paragraph == paragraph
        ))
    return cached  # type: ignore[return-value]


class _ParagraphWords(Collection[str]):
    """The terms of the other sentences of a sentence's paragraph. A view of the paragraph's
    term counts rather than a set of its own: a set per sentence would copy the paragraph's
    vocabulary once per sentence, which adds up (hundreds of MB) when it is kept."""

    __slots__ = ("_counts", "_own")

    def __init__(self, counts: dict[str, int], own: frozenset[str]) -> None:
        self._counts = counts
        self._own = own

    def __contains__(self, term: object) -> bool:
        return self._counts.get(term, 0) > (term in self._own)  # type: ignore[call-overload]

    def __iter__(self) -> Iterator[str]:
        own = self._own
        return (term for term, count in self._counts.items() if count > (term in own))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _compute_context_words(bundle: ArticleBundle, sentence: StoredSentence
                           ) -> tuple[frozenset[str], frozenset[str], Collection[str]]:
    position = sentence.position
    lean: set[str] = set()
    names: set[str] = set()
    if position > 0 and _leans_on_previous(bundle, sentence):
        previous = bundle.sentences[position - 1]
        lean.update(previous.terms)
        names.update(_name_words(bundle, previous))
    text = bundle.text(sentence)
    if text.startswith(_OPENING_QUOTE) and not _ATTRIBUTION.search(text) and (
        position + 1 < len(bundle.sentences)
    ):
        following = bundle.sentences[position + 1]
        names.update(_name_words(bundle, following))
        lean.update(following.terms)
    if text.startswith(_OPENING_QUOTE) and not _ATTRIBUTION.search(text) and position > 0:
        # '"...," Bergström said. "I have called the company 40 times."': the quotation
        # goes on after its attribution, and the speaker with it
        previous = bundle.sentences[position - 1]
        attribution = bundle.text(previous)
        if previous.paragraph == sentence.paragraph and _ATTRIBUTION.search(attribution):
            # the speaker's name, even where the tagger missed it: its capitalised words
            names.update(word.lower() for word in _CAPITALISED_WORD.findall(attribution, 1))
            names.update(referenced_words(bundle, previous.position))
    # whom it names by a short form: "Lisowska", "the SCCU", "the airline"
    names.update(referenced_words(bundle, position))
    # the rest of the paragraph: terms in another of its sentences (a term of this sentence
    # counts only when a second sentence has it too)
    paragraph = _ParagraphWords(_paragraph_counts(bundle, sentence.paragraph),
                                _sentence_words(bundle, sentence))
    return frozenset(lean), frozenset(names), paragraph


#: How much each part of a candidate's evidence weighs in its final score.
_PART_WEIGHTS = {
    "coverage": 1.0, "type": TYPE_BONUS, "counted": COUNTED_BONUS, "event": EVENT_COUNT_BONUS,
    "future": FUTURE_BONUS, "identity": IDENTITY_BONUS, "leader": LEADER_BONUS,
    "bm25": BM25_TIEBREAK,
}


def score_candidates(
    question: Question,
    candidates: Sequence[tuple[ArticleBundle, StoredSentence, float]],
    idf: Callable[[str], float],
) -> list[_Scored]:
    """Score every candidate and sort best first."""
    weights = term_weights(question, idf)
    unique_terms = list(weights)
    needs_count = bool(question.counted) and _HOW_MANY.search(question.text) is not None
    asks_future = _ASKS_FUTURE.search(question.text) is not None
    # what a "who runs X" question asks about, per article (it depends on the question too, so
    # it is kept for this call only, not on the bundle)
    objects_by_article: dict[int, frozenset[str]] = {}

    def _objects_in(bundle: ArticleBundle) -> frozenset[str]:
        found = objects_by_article.get(bundle.row.id)
        if found is None:
            found = objects_by_article[bundle.row.id] = _object_words(question, bundle)
        return found
    total = sum(weights.values()) or 1.0
    max_bm25 = max((bm25 for _, _, bm25 in candidates), default=0.0) or 1.0
    scored: list[_Scored] = []
    for bundle, sentence, bm25 in candidates:
        words = _sentence_words(bundle, sentence)
        lean, names, paragraph = _context_words(bundle, sentence)
        title = _title_words(bundle)
        own = context = 0.0
        counted_support = 1.0
        missing = []
        for term in unique_terms:
            match = _term_match(question, term, words)
            if match < 1.0 and term in question.acronyms and _spells_out(
                    question.acronyms[term], bundle.text(sentence)):
                match = 1.0
            own += weights[term] * match
            support = match
            if support < 1.0:
                support = max(
                    support,
                    NAME_CONTEXT_WEIGHT * (term in names),
                    ANAPHOR_CONTEXT_WEIGHT * _term_match(question, term, lean) if lean else 0.0,
                    PARAGRAPH_CONTEXT_WEIGHT * (term in paragraph),
                    TITLE_CONTEXT_WEIGHT * (term in title),
                )
            if support < 0.5:
                missing.append(term)
            context += weights[term] * support
            if term == question.counted:
                counted_support = support
        item = _Scored(bundle, sentence, bm25, coverage=context / total, own_coverage=own / total,
                       missing=missing)
        item.type_span = (
            description_of(question.identity, bundle, sentence, question.wh == "who")
            if question.identity else _type_span(question, bundle, sentence))
        strong = bool(item.type_span) and _counts_what_was_asked(
            question, bundle, item.type_span[0], item.type_span[1]) if item.type_span else False
        counts_event = strong and _counts_the_event(question, bundle, item.type_span)
        if counts_event and question.counted in weights and counted_support < 1.0:
            # "how many people died": "the 31 dead" counts people without the word
            item.coverage += weights[question.counted] * (1.0 - counted_support) / total
            if question.counted in item.missing:
                item.missing.remove(question.counted)
        if needs_count and item.type_span and not strong:
            # "how many people were wounded": "40 nationalities" is a number but not the answer
            item.type_span, item.uncounted = None, True
        item.parts = {
            "coverage": item.coverage,
            "type": float(item.type_span is not None),
            "counted": float(strong),
            "event": float(counts_event),
            "future": float(asks_future and _LOOKS_AHEAD.search(bundle.text(sentence))
                            is not None),
            "identity": float(bool(question.identity and item.type_span)),
            "leader": float(bool(question.leadership) and _leads_the_object(
                question, _objects_in(bundle), bundle, sentence)),
            "bm25": bm25 / max_bm25,
        }
        item.final = sum(_PART_WEIGHTS[name] * value for name, value in item.parts.items())
        scored.append(item)
    scored.sort(key=lambda s: (-s.final, -s.bm25, s.bundle.row.id, s.sentence.position))
    return scored


_TOKEN = re.compile(r"[\w’'-]+")
_ARTICLES = frozenset({"the", "a", "an"})


def _object_words(question: Question, bundle: ArticleBundle) -> frozenset[str]:
    """What a "who runs X" question asks about, in every form a sentence may use: X's own
    words, its adjective ("French" for France), and the names and description noun of the
    article's entity that X names ("the airline" for Skagen Air)."""
    words = {term for term in question.terms
             if term not in question.leadership and term not in FRAMING_WORDS}
    for term in list(words):
        words.update(_name_relatives(question, term))
    for handle in entity_handles(bundle):
        if not words.isdisjoint(word for word in handle if len(word) > 2):
            words.update(handle)
    return frozenset(words)


def _is_leader_title(question: Question, word: str) -> bool:
    for term in question.leadership:
        table = _term_table(question, term)
        if max(table.get(word, 0.0), table.get(word.removesuffix("s"), 0.0)) >= 1.0:
            return True
    return False


def _leads_the_object(question: Question, objects: frozenset[str], bundle: ArticleBundle,
                      sentence: StoredSentence) -> bool:
    """Whether a leader's title in the sentence belongs to what the question asks about
    (``objects``: ``_object_words``): "the museum's director", "French President", "chair of
    the SCCU"."""
    tokens = [word.lower().removesuffix("’s").removesuffix("'s")
              for word in _TOKEN.findall(bundle.text(sentence))]
    for at, word in enumerate(tokens):
        if not _is_leader_title(question, word):
            continue
        before = at - 1
        while before >= 0 and _is_leader_title(question, tokens[before]):
            before -= 1  # "chief executive", "deputy director"
        if before >= 0 and _names_object(tokens[before], objects):
            return True
        after = at + 1
        if after < len(tokens) and tokens[after] == "of":
            after += 1 + (after + 1 < len(tokens) and tokens[after + 1] in _ARTICLES)
            if after < len(tokens) and _names_object(tokens[after], objects):
                return True
    return False


def _names_object(word: str, objects: frozenset[str]) -> bool:
    """Whether an article word names what the question asks about, itself or as its adjective
    ("french" for "france": WordNet's pertainym, read from the adjective's side)."""
    return word in objects or (word.isalpha() and any(
        related_words(word).get(name, 0.0) >= ANCHOR_RELATED_WEIGHT for name in objects))


_HOW_MANY = re.compile(r"\bhow many\b", re.IGNORECASE)
_ASKS_FUTURE = re.compile(
    r"^\s*(?:(?:\w+\s+){0,3}?(?:will|shall)\b|when\s+(?:would|is\s+\S+(?:\s+\S+)?\s+(?:due|"
    r"expected|scheduled|set|going))\b)", re.IGNORECASE)
#: Words that put a sentence's date in the future (plans, expectations, appointments, and
#: decisions reported as made: "announced compensation", "ordered an inquiry").
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|would|shall|\w+'ll|due|expect\w*|schedul\w*|plan\w*|intend\w*|aim\w*|set to|"
    r"going to|until|next|upcoming|invit\w*|promis\w*|should|could|may|might|agree\w* to|"
    r"to be \w+ed|pledg\w*|vow\w*|forecast\w*|predict\w*|announced|offered|ordered|"
    r"approved|proposed)\b", re.IGNORECASE)


def _question_word(question: Question, term: str) -> str:
    """The question's own spelling of one of its terms ("blankets" for "blanket")."""
    stem = term[:max(3, len(term) - 2)]
    for word in re.findall(r"[\w’'-]+", question.text):
        if word.lower().startswith(stem):
            return word
    return term


def _asked_for(question: Question) -> str:
    """What the question wants, in words, for the abstention reason."""
    labels = question.answer_labels
    if question.wh == "how_many":
        return "how many or how much"
    if question.wh in {"when", "how_long"} or labels <= {"DATE", "TIME", "QUANTITY"}:
        return "when or for how long"
    if question.wh == "how_old":
        return "how old"
    if labels <= {"GPE", "LOC", "FAC"}:
        return "where"
    if labels <= {"ORG"}:
        return "which organisation"
    if labels <= {"NORP"}:
        return "which nationality or group"
    return "who"


def _to_answer(item: _Scored) -> Answer:
    bundle, sentence = item.bundle, item.sentence
    position = sentence.position
    before = bundle.text(bundle.sentences[position - 1]) if position > 0 else None
    after = (bundle.text(bundle.sentences[position + 1])
             if position + 1 < len(bundle.sentences) else None)
    highlight = None
    if item.type_span:
        highlight = (item.type_span[0] - sentence.start, item.type_span[1] - sentence.start)
    return Answer(
        article=bundle.row, sentence=sentence, text=bundle.text(sentence), score=item.bm25,
        confidence=round(min(1.0, item.coverage), 4), before=before, after=after,
        highlight=highlight, coverage=item.coverage,
    )


#: How many sentences back a pronoun may point to the person it stands for.
PRONOUN_REACH = 3


def _near_sentence(question: Question, item: _Scored, name: str) -> bool:
    """Whether the name the question gives appears in the answer's sentence, its paragraph,
    the sentence it leans on, the headline or the opening paragraph: "How many batteries
    caught fire in *Germany*?" is not answered by a paragraph about batteries that says
    nothing of Germany."""
    bundle, sentence = item.bundle, item.sentence
    texts = [bundle.row.title or ""]
    # the headline and the opening paragraph set the scene for the whole article
    texts.extend(bundle.text(other) for other in bundle.sentences
                 if other.paragraph in (sentence.paragraph, bundle.sentences[0].paragraph))
    if sentence.position > 0 and _leans_on_previous(bundle, sentence):
        texts.append(bundle.text(bundle.sentences[sentence.position - 1]))
    if question.entity_labels.get(name) == "PERSON" and _PRONOUN.search(bundle.text(sentence)):
        # "he posed a flight risk": the person may have been named a few sentences back
        texts.extend(bundle.text(other) for other in
                     bundle.sentences[max(0, sentence.position - PRONOUN_REACH):sentence.position])
    words = _distinctive_words(bundle, name)
    lowered = " ".join(texts).lower()
    # the name's own relatives count too: "Belgian" speaks of Belgium
    related = [other for word in words for other, weight in question.expansions.get(
        word, {}).items() if weight >= ANCHOR_RELATED_WEIGHT]
    return any(word in lowered for word in words + related) or (
        name.isupper() and any(_spells_out(name, text) for text in texts)) or (
        _demonym_in(name, " ".join(texts)))


def _distinctive_words(bundle: ArticleBundle, name: str) -> list[str]:
    """The words of ``name`` that show a text speaks of it. For a name of several words that
    the article gives as one of its entities ("Copenhagen Airport", "Tampere University
    Hospital"), its head word ("airport", "hospital": "the airport" is a mention too) or one of
    its aliases — not its first word, which is often the city it is named after and stands
    alone in the dateline."""
    words = [w for w in re.findall(r"\w+", name.lower()) if len(w) > 2] or [name.lower()]
    if len(words) < 2:
        return words
    lowered = name.lower()
    for entity in bundle.entities:
        forms = {entity.name.lower(), *(alias.lower() for alias in entity.aliases)}
        if lowered in forms:
            head = lowered.split(" of ")[0].split()[-1]
            return [head, *(form for form in forms if form != lowered)]
    return words


def _demonym_in(name: str, text: str) -> bool:
    """A one-word name's adjective by spelling: "German police" speaks of Germany."""
    lowered = name.lower()
    return " " not in lowered and len(lowered) >= 5 and any(
        _shared_prefix(lowered, match.lower())
        for match in re.findall(rf"\b{re.escape(name[:5])}\w*", text))


def _name_relatives(question: Question, name: str) -> list[str]:
    """Close relatives of a one-word name: "German" for "Germany", "Belgian" for "Belgium"."""
    words = re.findall(r"\w+", name.lower())
    if len(words) != 1:
        return []
    return [other for other, weight in question.expansions.get(words[0], {}).items()
            if weight >= ANCHOR_RELATED_WEIGHT]


def _article_mentions(bundle: ArticleBundle, name: str, relatives: Sequence[str] = ()) -> bool:
    lowered = name.lower().removeprefix("the ").strip()
    if lowered in bundle.body.lower() or lowered in (bundle.row.title or "").lower():
        return True
    if any(re.search(rf"\b{re.escape(word)}\b", bundle.body, re.IGNORECASE)
           for word in relatives):
        return True
    if _demonym_in(name, bundle.body):
        return True
    if name.isupper() and name.isalpha():
        return _spells_out(name, bundle.body)  # "EU" for "European Union"
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return len(initials) >= 2 and re.search(rf"\b{initials}\b", bundle.body) is not None


#: The small words an acronym skips ("United States *of* America"), as entity merging does.
_ACRONYM_FILLERS = r"(?:(?:" + "|".join(
    re.escape(word) for word in sorted(INITIALS_SKIP)) + r")\W+)*"


@lru_cache(maxsize=4096)
def _acronym_pattern(acronym: str) -> re.Pattern[str]:
    words = [rf"{re.escape(letter)}[\w’'-]*" for letter in acronym.upper()]
    return re.compile(r"\b" + (r"\W+" + _ACRONYM_FILLERS).join(words) + r"\b")


def _spells_out(acronym: str, text: str) -> bool:
    """Whether ``text`` has capitalised words whose initials spell ``acronym`` ("EU":
    "European Union"; "WHO": "World Health Organization"), small words between them allowed."""
    return _acronym_pattern(acronym).search(text) is not None


#: "Which river overflowed?" — "The *Mur river* burst its banks": an answer of the asked kind
#: that names the asked noun is evidence enough with less of the question's other words.
FOCUS_ANSWER_DISCOUNT = 0.5


def _answer_names_the_focus(question: Question, item: _Scored) -> bool:
    """Whether the answer of a "which X" question says X next to it ("the villages of A and
    B", "the Mur river")."""
    focus = question.focus
    if not focus or not item.type_span or question.wh not in {"which", "what"}:
        return False
    start, end, _ = item.type_span
    around = item.bundle.body[max(item.sentence.start, start - 25):min(item.sentence.end,
                                                                          end + 25)]
    words = re.findall(r"[a-z]+", around.lower())
    return focus in words or focus + "s" in words or (focus.endswith("y") and
                                                      focus[:-1] + "ies" in words)


def lede_answer(question: Question, bundle: ArticleBundle) -> AskResult:
    """"What is this article about?": its opening sentence, which news writing makes say
    just that."""
    answer = _to_answer(_Scored(bundle, bundle.sentences[0], 0.0, coverage=1.0))
    return AskResult(question.text, False, None, answers=[answer], coverage=1.0)


def choose_answers(
    question: Question,
    candidates: Sequence[tuple[ArticleBundle, StoredSentence, float]],
    idf: Callable[[str], float],
    top_k: int,
    min_coverage: float = MIN_COVERAGE,
) -> AskResult:
    """Rank the candidates and decide between answering and abstaining."""
    if not question.terms:
        return AskResult(question.text, True,
                         "That question has no words I can look up (only very common words).")
    if not candidates:
        return AskResult(question.text, True,
                         "Nothing in the article matches the words of that question.")
    scored = score_candidates(question, candidates, idf)
    best = scored[0]
    answers = [_to_answer(item) for item in scored[:top_k]]
    absent = [name for name in question.entity_names
              if not _article_mentions(best.bundle, name, _name_relatives(question, name))]
    if absent:
        return AskResult(question.text, True, f"The article doesn't mention “{absent[0]}”.",
                         closest=answers, coverage=best.coverage, unknown_name=True)
    elsewhere = [name for name in question.entity_names
                 if question.entity_labels.get(name) != "NORP"
                 and not _near_sentence(question, best, name)]
    if elsewhere:
        return AskResult(
            question.text, True,
            f"The article mentions “{elsewhere[0]}”, but not where it answers that question.",
            closest=answers, coverage=best.coverage, unknown_name=True)
    if best.uncounted:
        # "how many homes were destroyed": "400 holidaymakers" is a number, not the answer
        return AskResult(question.text, True,
                         "The article doesn't seem to say how many "
                         f"“{_question_word(question, question.counted or '')}”.",
                         closest=answers, coverage=best.coverage, untyped=True)
    if question.answer_labels and best.type_span is None:
        return AskResult(question.text, True,
                         f"The article doesn't seem to say {_asked_for(question)}.",
                         closest=answers, coverage=best.coverage, untyped=True)

    if _ASKS_FUTURE.search(question.text) and not _LOOKS_AHEAD.search(best.bundle.text(
            best.sentence)):
        # "when will he appear in court?": a past date ("was detained on Thursday") is not it;
        # "who will replace him?": a sentence about what happened is not either
        asks_when = question.text.lstrip().lower().startswith("when")
        return AskResult(question.text, True,
                         "The article doesn't seem to say "
                         f"{'when that' if asks_when else 'what'} will happen.",
                         closest=answers, coverage=best.coverage, untyped=True)
    if best.coverage < min_coverage * (FOCUS_ANSWER_DISCOUNT if _answer_names_the_focus(
            question, best) else 1.0):
        missing = ", ".join(f"“{term}”" for term in best.missing[:3])
        reason = "The article doesn't seem to answer that"
        reason += f": nothing in it speaks of {missing}." if missing else "."
        return AskResult(question.text, True, reason, closest=answers, coverage=best.coverage)
    return AskResult(question.text, False, None, answers=answers, coverage=best.coverage)
