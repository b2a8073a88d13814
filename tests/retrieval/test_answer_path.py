"""The answer path's term weights in a small library (``AnswerPath._idf``)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from retrieval import answer_path, answers
from retrieval.answer_path import IDF_MIN_SENTENCES, AnswerPath
from retrieval.answers import MIN_COVERAGE
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.conftest import DATA_DIR, SEED_FILE


class _Index:
    """Just what ``_idf`` reads: the number of sentences and a word's (df, BM25 idf)."""

    def __init__(self, n_docs: int, stats: dict[str, tuple[int, float]]) -> None:
        self.n_docs = n_docs
        self._stats = stats

    def term_stats(self, term: str) -> tuple[int, float]:
        return self._stats.get(term, (0, 0.0))


def _path(index: _Index) -> AnswerPath:
    return AnswerPath(SimpleNamespace(index=index), None, None, None)  # type: ignore[arg-type]


def _bm25_idf(n_docs: int, df: int) -> float:
    return math.log((n_docs - df + 0.5) / (df + 0.5))


def test_an_articles_subject_keeps_its_weight_in_a_one_article_library() -> None:
    # 30 sentences: "reservoir" in 10 of them, "wardens" in one
    index = _Index(30, {"reservoir": (10, _bm25_idf(30, 10)), "wardens": (1, _bm25_idf(30, 1))})
    path = _path(index)
    subject, rare = path._idf("reservoir"), path._idf("wardens")
    # idf as among IDF_MIN_SENTENCES sentences, not the 0.67 of 30
    assert subject == pytest.approx(_bm25_idf(IDF_MIN_SENTENCES, 10))
    assert subject > 2.5 and subject / rare > 0.5
    assert _bm25_idf(30, 10) / _bm25_idf(30, 1) < 0.25
    # a word the library lacks weighs more than one it has
    assert path._idf("divers") > rare


def test_a_large_librarys_idf_is_used_as_it_is() -> None:
    index = _Index(5000, {"reservoir": (40, 4.8)})
    path = _path(index)
    assert path._idf("reservoir") == 4.8
    assert path._idf("divers") == pytest.approx(math.log(5000.5 / 0.5 + 1.0))


async def test_a_paraphrased_question_about_a_lone_article_is_answered(
        empty_library: ArticleLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Why were two of the dams shut down?" matches the article's subject ("dams", in a
    third of its sentences) and paraphrases the rest ("taken out of service")."""
    article = DATA_DIR / "articles" / "bulawayo-drought-water-rationing.txt"
    stored = await empty_library.ingest_path(article)
    question = "Why were two of the dams shut down?"
    result = await empty_library.ask(question, Scope.all(), article_id=stored.article.id)
    assert not result.abstained
    assert "too muddy to treat" in result.answers[0].text
    assert result.coverage >= MIN_COVERAGE  # the sentence itself covers the question
    monkeypatch.setattr(answer_path, "IDF_MIN_SENTENCES", 0)  # the library's own idf
    result = await empty_library.ask(question, Scope.all(), article_id=stored.article.id)
    # "dams", in a third of the article's sentences, would weigh next to nothing
    assert result.coverage < MIN_COVERAGE


async def test_a_large_scope_asks_bm25_with_the_close_relatives_only(
        empty_library: ArticleLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    """BM25 picks a large scope's candidates: WordNet's far relatives (the hundreds of kinds
    of "change") would crowd its query; a small scope is reranked whole and keeps them."""
    article = DATA_DIR / "articles" / "bulawayo-drought-water-rationing.txt"
    stored = await empty_library.ingest_path(article)
    queries: list[list[str]] = []
    search = empty_library.index.search
    monkeypatch.setattr(empty_library.index, "search",
                        lambda terms, *args: queries.append(list(terms)) or search(terms, *args))
    question = "How did the water rules change?"
    await empty_library.ask(question, Scope.all(), article_id=stored.article.id)
    monkeypatch.setattr(answer_path, "WHOLE_SCOPE_SENTENCES", 0)  # no scope is small now
    await empty_library.ask(question, Scope.all(), article_id=stored.article.id)
    whole, close = queries
    assert "opalize" in whole and "opalize" not in close
    assert {"water", "rule", "change", "alter"} <= set(close) and len(close) < len(whole) / 5


async def test_a_large_scope_rereads_the_best_article_whole(
        empty_library: ArticleLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    """BM25 hands a large scope's reranker only the sentences that share the question's
    words; the best first answers' articles are then reranked whole, as a small scope is, so
    "31 dead" answers "how many people died" however few candidates BM25 gave."""
    seed = await empty_library.ingest_path(SEED_FILE)
    question = "How many people died?"
    small = await empty_library.ask(question, Scope.all(), article_id=seed.article.id)
    assert "31 dead" in small.answers[0].text
    monkeypatch.setattr(answer_path, "WHOLE_SCOPE_SENTENCES", 0)  # no scope is small now
    monkeypatch.setattr(answer_path, "CANDIDATES", 1)
    large = await empty_library.ask(question, Scope.all(), article_id=seed.article.id)
    assert not large.abstained and large.answers[0].text == small.answers[0].text
    # not an article too long to rerank whole, nor with rereading switched off
    longest = answer_path.REREAD_MAX_SENTENCES
    monkeypatch.setattr(answer_path, "REREAD_MAX_SENTENCES", seed.article.sentence_count - 1)
    too_long = await empty_library.ask(question, Scope.all(), article_id=seed.article.id)
    assert "31 dead" not in (too_long.answers or too_long.closest)[0].text
    monkeypatch.setattr(answer_path, "REREAD_MAX_SENTENCES", longest)
    monkeypatch.setattr(answer_path, "ARTICLES_REREAD", 0)
    unread = await empty_library.ask(question, Scope.all(), article_id=seed.article.id)
    assert "31 dead" not in (unread.answers or unread.closest)[0].text


async def test_the_reread_scores_each_sentence_once(
        empty_library: ArticleLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second rerank keeps the first one's scoring of the candidates it sees again: only
    the reread article's other sentences are scored then (each candidate's kind weighed here,
    not only the best twenty's: ``answers.FULLY_SCORED``)."""
    seed = await empty_library.ingest_path(SEED_FILE)
    monkeypatch.setattr(answer_path, "WHOLE_SCOPE_SENTENCES", 0)  # no scope is small now
    monkeypatch.setattr(answers, "FULLY_SCORED", 10_000)
    scored: list[int] = []
    type_span = answers.type_span
    monkeypatch.setattr(answers, "type_span", lambda question, bundle, sentence: (
        scored.append(sentence.id) or type_span(question, bundle, sentence)))
    result = await empty_library.ask("How many people died?", Scope.all(),
                                     article_id=seed.article.id)
    assert "31 dead" in result.answers[0].text
    assert len(scored) == len(set(scored)) == seed.article.sentence_count


async def test_the_reread_counts_the_articles_words_once(
        empty_library: ArticleLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reread adds no article, so both reranks weigh the candidates' articles by one count
    of the question's words in them: the index is asked once per question, not per rerank."""
    seed = await empty_library.ingest_path(SEED_FILE)
    await empty_library.ingest_path(DATA_DIR / "articles" / "barra-ferry-service-restored.txt")
    monkeypatch.setattr(answer_path, "WHOLE_SCOPE_SENTENCES", 0)  # no scope is small now
    counted: list[dict[int, dict[str, int]] | None] = []
    count = answer_path.article_words

    def counting(*args: object) -> dict[int, dict[str, int]] | None:
        counted.append(count(*args))  # type: ignore[arg-type]
        return counted[-1]

    monkeypatch.setattr(answer_path, "article_words", counting)
    result = await empty_library.ask("How many people died in the Brussels attacks?",
                                     Scope.all())
    assert (result.answers or result.closest)[0].article.id == seed.article.id
    assert len(counted) == 1 and counted[0] is not None and len(counted[0]) == 2
