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

from retrieval.entity_rules import VENUE_NOUNS
from retrieval.lexicon import related_words
from retrieval.question import Question
from retrieval.store import ArticleBundle, ArticleRow, StoredSentence

#: Weights of the evidence a sentence can give for one question word.
ANAPHOR_CONTEXT_WEIGHT = 0.5
#: A name the sentence refers to by a pronoun counts almost as if it were there.
NAME_CONTEXT_WEIGHT = 0.9
PARAGRAPH_CONTEXT_WEIGHT = 0.3
TITLE_CONTEXT_WEIGHT = 0.3
TYPE_BONUS = 0.2
#: Extra for a number that counts what the question counts ("how many people" → "31 dead").
COUNTED_BONUS = 0.15
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


@lru_cache(maxsize=200_000)
def _word_similarity(term: str, word: str, expansions_key: int) -> float:
    """How well ``word`` stands for question term ``term`` (0–1); cached because the same
    pairs recur across a question's candidate sentences."""
    weight = _EXPANSIONS[expansions_key].get(term, {}).get(word, 0.0)
    if weight < 0.6:
        # the other direction ("rail" knows "railway"), trusted a little less
        reverse = related_words(word).get(term, 0.0)
        if reverse >= 0.55:
            weight = max(weight, reverse * 0.9)
    if weight < PREFIX_WEIGHT and _shared_prefix(term, word):
        weight = PREFIX_WEIGHT
    return weight


#: The expansions of the questions being scored, by id, for ``_word_similarity``'s cache.
_EXPANSIONS: dict[int, dict[str, dict[str, float]]] = {}
#: ``_word_similarity`` by (expansions key, question term) → {word: weight}: a plain dict per
#: term, so that a sentence's best match is a set difference and a ``max`` in C rather than a
#: Python loop of cached calls.
_SIMILARITY_TABLES: dict[tuple[int, str], dict[str, float]] = {}
#: Words held by all the tables together, and the bound at which they are dropped.
_similarity_entries = 0
MAX_SIMILARITY_ENTRIES = 200_000


def _similarity_table(key: int, term: str) -> dict[str, float]:
    global _similarity_entries
    table = _SIMILARITY_TABLES.get((key, term))
    if table is None:
        if _similarity_entries > MAX_SIMILARITY_ENTRIES:
            _SIMILARITY_TABLES.clear()
            _similarity_entries = 0
        table = _SIMILARITY_TABLES[(key, term)] = {}
    return table


def _term_match(question: Question, term: str, words: frozenset[str]) -> float:
    """How well ``words`` (a sentence's terms) contain question term ``term``: 1 for the word
    itself, less for a WordNet relative or a word of the same family."""
    global _similarity_entries
    if term in words:
        return 1.0
    key = _expansions_key(question)
    table = _similarity_table(key, term)
    new = words.difference(table)
    if new:
        for word in new:
            table[word] = _word_similarity(term, word, key)
        _similarity_entries += len(new)
    return max(0.0, max(map(table.__getitem__, words), default=0.0))


def _expansions_key(question: Question) -> int:
    """A stable key for the question's expansions (questions with the same words share it)."""
    if question.similarity_key is not None and question.similarity_key in _EXPANSIONS:
        return question.similarity_key
    key = hash(tuple(sorted((t, tuple(sorted(e.items())))
                            for t, e in question.expansions.items())))
    question.similarity_key = key
    if key not in _EXPANSIONS:
        if len(_EXPANSIONS) > 10_000:
            _EXPANSIONS.clear()
            _SIMILARITY_TABLES.clear()
            _word_similarity.cache_clear()
        _EXPANSIONS[key] = question.expansions
    return key


def term_weights(question: Question, idf: Callable[[str], float]) -> dict[str, float]:
    """Each distinct question term's share of the question: its idf, discounted for framing
    words and for the noun that names the answer's kind."""
    weights = {}
    for term in dict.fromkeys(question.terms):
        weight = max(idf(term), 0.05)
        if term in FRAMING_WORDS:
            weight *= FRAMING_WEIGHT
        elif term in (question.focus, question.counted):
            weight *= FOCUS_WEIGHT
        weights[term] = weight
    return weights


def _type_span(question: Question, bundle: ArticleBundle, sentence: StoredSentence
               ) -> tuple[int, int, str] | None:
    """The entity in ``sentence`` that answers the question's wh-word, if any."""
    if not question.answer_labels:
        return None
    named = {name.lower() for name in question.entity_names}
    best: tuple[int, int, str] | None = None
    best_rank: tuple[int, int] = (1 << 30, 0)
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
        if anchors is None:
            anchors = _anchor_positions(question, bundle, sentence)
        rank = (
            _label_rank(question, label) - 10 * _counts_what_was_asked(question, bundle, end),
            min((min(abs(start - a), abs(end - a)) for a in anchors), default=0),
        )
        if best is None or rank < best_rank:
            best, best_rank = (start, end, label), rank
    if best is None and "FAC" in question.answer_labels:
        best = _venue_phrase(bundle, sentence)
    return best


def _anchor_positions(question: Question, bundle: ArticleBundle, sentence: StoredSentence
                      ) -> list[int]:
    """Where the question's words occur in the sentence: the answer is usually the entity
    next to them ("Belgian Premier *Charles Michel*", not the Kerry earlier in the sentence)."""
    key = ("lower", sentence.position)
    text = bundle.derived.get(key)
    if text is None:
        text = bundle.derived[key] = bundle.body[sentence.start : sentence.end].lower()
    assert isinstance(text, str)
    positions = []
    for term in set(question.terms) - question.entity_terms:
        for match in _anchor_pattern(term).finditer(text):
            positions.append(sentence.start + match.start())
    return positions


@lru_cache(maxsize=20_000)
def _anchor_pattern(term: str) -> re.Pattern[str]:
    """Words starting like ``term`` (its stem), compiled once per term."""
    return re.compile(rf"\b{re.escape(term[:max(4, len(term) - 2)])}\w*")


def _counts_what_was_asked(question: Question, bundle: ArticleBundle, end: int) -> bool:
    """For "how many X": is the number followed by X or a relative of it ("31 dead" for
    "how many people died" counts the dead; "40 nationalities" does not)?"""
    if question.wh != "how_many":
        return False
    following = frozenset(re.findall(r"[a-z]+", bundle.body[end : end + 30].lower())[:2])
    if not following:
        return False
    if question.counted and _term_match(question, question.counted, following) >= 0.5:
        return True
    return any(_term_match(question, term, following) >= 0.5
               for term in question.terms if term != question.counted)


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
    # the rest of the paragraph: terms in another of its sentences (a term of this sentence
    # counts only when a second sentence has it too)
    paragraph = _ParagraphWords(_paragraph_counts(bundle, sentence.paragraph),
                                _sentence_words(bundle, sentence))
    return frozenset(lean), frozenset(names), paragraph


def score_candidates(
    question: Question,
    candidates: Sequence[tuple[ArticleBundle, StoredSentence, float]],
    idf: Callable[[str], float],
) -> list[_Scored]:
    """Score every candidate and sort best first."""
    weights = term_weights(question, idf)
    unique_terms = list(weights)
    total = sum(weights.values()) or 1.0
    max_bm25 = max((bm25 for _, _, bm25 in candidates), default=0.0) or 1.0
    scored: list[_Scored] = []
    for bundle, sentence, bm25 in candidates:
        words = _sentence_words(bundle, sentence)
        lean, names, paragraph = _context_words(bundle, sentence)
        title = _title_words(bundle)
        own = context = 0.0
        missing = []
        for term in unique_terms:
            match = _term_match(question, term, words)
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
        item = _Scored(bundle, sentence, bm25, coverage=context / total, own_coverage=own / total,
                       missing=missing)
        item.type_span = _type_span(question, bundle, sentence)
        strong = bool(item.type_span) and _counts_what_was_asked(
            question, bundle, item.type_span[1]) if item.type_span else False
        item.final = (
            item.coverage
            + (TYPE_BONUS if item.type_span else 0.0)
            + (COUNTED_BONUS if strong else 0.0)
            + BM25_TIEBREAK * bm25 / max_bm25
        )
        scored.append(item)
    scored.sort(key=lambda s: (-s.final, -s.bm25, s.bundle.row.id, s.sentence.position))
    return scored


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


def _article_mentions(bundle: ArticleBundle, name: str) -> bool:
    lowered = name.lower().removeprefix("the ").strip()
    return lowered in bundle.body.lower() or lowered in (bundle.row.title or "").lower()


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
    absent = [name for name in question.entity_names if not _article_mentions(best.bundle, name)]
    if absent:
        return AskResult(question.text, True, f"The article doesn't mention “{absent[0]}”.",
                         closest=answers, coverage=best.coverage, unknown_name=True)
    if question.answer_labels and best.type_span is None:
        return AskResult(question.text, True,
                         f"The article doesn't seem to say {_asked_for(question)}.",
                         closest=answers, coverage=best.coverage, untyped=True)
    if best.coverage < min_coverage:
        missing = ", ".join(f"“{term}”" for term in best.missing[:3])
        reason = "The article doesn't seem to answer that"
        reason += f": nothing in it speaks of {missing}." if missing else "."
        return AskResult(question.text, True, reason, closest=answers, coverage=best.coverage)
    return AskResult(question.text, False, None, answers=answers, coverage=best.coverage)
