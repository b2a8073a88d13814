"""The answer path reads only the BM25 candidates' rows of their articles (partial bundles,
``SentenceRows.partial``), and the answers are exactly those of whole bundles."""

from __future__ import annotations

import json

import pytest

from retrieval import answer_path
from retrieval.errors import ArticleNotFoundError
from retrieval.scope import Scope
from retrieval.sentence_rows import SentenceRows, rows_by_article
from retrieval.service import ArticleLibrary
from retrieval.stored_bundles import BUNDLE_SENTENCES_SQL, make_partial_bundles
from tests.conftest import EVAL_ARTICLES

ARTICLES = EVAL_ARTICLES[:6]


def _questions() -> list[str]:
    out = []
    for path in ARTICLES:
        data = json.loads(path.with_suffix(".questions.json").read_text())
        out.extend(item["q"] for item in data["questions"])
        out.extend(item["q"] if isinstance(item, dict) else item
                   for item in data.get("unanswerable", []))
    return out


def _answers(result: object) -> tuple[object, ...]:
    def one(answer: object) -> tuple[object, ...]:
        return (answer.article.id, answer.sentence.id, answer.text, answer.score,  # type: ignore[attr-defined]
                answer.confidence, answer.before, answer.after, answer.highlight)  # type: ignore[attr-defined]
    return (result.abstained, result.reason, result.coverage, result.unknown_name,  # type: ignore[attr-defined]
            result.untyped, [one(a) for a in result.answers],  # type: ignore[attr-defined]
            [one(a) for a in result.closest])  # type: ignore[attr-defined]


async def test_partial_bundles_answer_as_whole_bundles(
    library: ArticleLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in ARTICLES:
        await library.ingest_path(path)
    questions = _questions()
    # no scope is small enough to rerank whole (that reads whole bundles)
    monkeypatch.setattr(answer_path, "WHOLE_SCOPE_SENTENCES", 0)
    reader = library._bundle_cache.reader
    assert reader is not None
    reads = []
    read_partial = reader.read_partial
    monkeypatch.setattr(reader, "read_partial",
                        lambda *args: reads.append(args) or read_partial(*args))
    library._bundle_cache.clear()
    partial = [_answers(await library.ask(q, Scope.all())) for q in questions]
    assert reads, "no partial bundles were read"
    # the same questions again, the cache now full of partial bundles read for others
    again = [_answers(await library.ask(q, Scope.all())) for q in questions]
    # whole bundles through the store, as before partial reading
    library._bundle_cache.reader = None
    library._bundle_cache.clear()
    try:
        whole = [_answers(await library.ask(q, Scope.all())) for q in questions]
    finally:
        library._bundle_cache.reader = reader
    assert partial == whole
    assert again == whole


async def test_a_partial_bundle_reads_the_rest_when_asked(library: ArticleLibrary) -> None:
    result = await library.ask("How many people were wounded in Tuesday's attacks?",
                               Scope.all())
    row = result.closest[0].article if result.abstained else result.answers[0].article
    whole = await library.store.load_bundle(row.id)
    assert whole is not None and len(whole.sentences) > 3
    assert library._bundle_cache.reader is not None
    hit = whole.sentences[2]
    bundles, rows = library._bundle_cache.reader.read_partial([row.id], [hit.id, 10**9])
    assert [r[0] for r in rows] == [hit.id]
    bundle = bundles[row.id]
    sentences = bundle.sentences
    assert not sentences.whole and len(sentences) == len(whole.sentences)
    assert sentences.holds(hit.id) and not sentences.holds(whole.sentences[0].id)
    assert sentences[2] == hit and not sentences.whole  # read with the hit
    assert bundle.entities == whole.entities  # mention positions without the rows
    assert sentences[0] == whole.sentences[0] and sentences.whole  # the rest, read now
    assert list(sentences) == list(whole.sentences)
    assert sentences.paragraph_runs() == whole.sentences.paragraph_runs()


def test_partial_rows_ignore_other_articles_and_notice_a_removed_one() -> None:
    def row(article: int, position: int) -> tuple[object, ...]:
        return (100 * article + position, 0, position, position, 0, 1, "a b", "[]", 0, article)

    mine = [row(1, p) for p in range(3)]
    runs = [(0, 0, 3, 100, 102, 3)]
    sentences = SentenceRows.partial(1, 3, [mine[1], row(2, 0)], runs, lambda: mine)
    assert sentences.holds(101) and not sentences.holds(200) and not sentences.holds(100)
    assert sentences.position_of(101) == 1 and not sentences.whole
    assert sentences.position_of(102) == 2 and sentences.whole
    gone = SentenceRows.partial(1, 3, [mine[1]], runs, lambda: [])
    with pytest.raises(ArticleNotFoundError):
        gone[0]


async def test_the_cache_follows_added_and_forgotten_articles(library: ArticleLibrary) -> None:
    for path in ARTICLES[:3]:
        await library.ingest_path(path)
    text = ("Zebulon Quartermaine opened the Vellmar glassworks on Monday.\n\n"
            "The glassworks employs 40 people. Quartermaine said it cost 3 million euros.")
    added = (await library.ingest_text(text, guild_id=77)).article
    scope = Scope.guild(77)
    library._bundle_cache.clear()
    result = await library.ask("Who opened the Vellmar glassworks?", scope)
    assert not result.abstained and result.answers[0].article.id == added.id
    assert added.id in library._bundle_cache
    # the public bundle is whole even when the answer path cached a partial one
    bundle = await library.bundle(added.id)
    assert bundle.sentences.whole and len(bundle.sentences) == added.sentence_count
    await library.forget(added.id, scope)
    assert added.id not in library._bundle_cache
    after = await library.ask("Who opened the Vellmar glassworks?", scope)
    assert all(a.article.id != added.id for a in after.answers + after.closest)


def test_the_article_rows_query_is_the_bundles_one() -> None:
    assert "ORDER BY article_id, position" in BUNDLE_SENTENCES_SQL


def _row(article: int, position: int) -> tuple[object, ...]:
    return (100 * article + position, 0, position, position, 0, 1, "a b", "[]", 0, article)


def test_rows_are_grouped_by_article_in_their_order() -> None:
    rows = [_row(2, 1), _row(1, 0), _row(2, 0), _row(1, 2)]
    assert rows_by_article(rows) == {2: [_row(2, 1), _row(2, 0)], 1: [_row(1, 0), _row(1, 2)]}
    assert rows_by_article([]) == {}


def test_partial_bundles_take_only_their_own_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [(a, f"t{a}", None, None, None, None, "user", 3, 1, 10, "now", "x" * 10, "t")
                for a in (1, 2, 3)]
    runs = [(a, 0, 0, 3, 100 * a, 100 * a + 2, 3) for a in (1, 2, 3)]
    rows = [_row(1, 1), _row(2, 0), _row(1, 2), _row(2, 0)]
    handed: list[list[object]] = []
    partial = SentenceRows.partial.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(SentenceRows, "partial", classmethod(
        lambda cls, article_id, count, given, *rest: handed.append(list(given))
        or partial(cls, article_id, count, given, *rest)))
    bundles = make_partial_bundles(articles, runs, rows, lambda article: [])
    assert handed == [[_row(1, 1), _row(1, 2)], [_row(2, 0), _row(2, 0)], []]
    assert bundles[1].sentences.holds(101) and bundles[1].sentences.holds(102)
    assert not bundles[1].sentences.holds(100) and not bundles[1].sentences.holds(200)
    assert bundles[2].sentences.holds(200) and not bundles[3].sentences.holds(300)
    assert bundles[2].sentences.position_of(200) == 0


async def test_cached_partial_bundles_take_only_their_own_later_rows(
    library: ArticleLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in ARTICLES[:3]:
        await library.ingest_path(path)
    cache = library._bundle_cache
    cache.clear()
    ids = [row.id for row in await library.articles(Scope.all())][:3]
    firsts = {}
    for article_id in ids:
        whole = await library.store.load_bundle(article_id)
        assert whole is not None
        firsts[article_id] = [s.id for s in whole.sentences][:3]
    cache.clear()
    await cache.bundles(ids, wanted={i: firsts[i][:1] for i in ids})
    handed: dict[int, list[object]] = {}
    add_rows = SentenceRows.add_rows
    monkeypatch.setattr(SentenceRows, "add_rows", lambda self, given: handed.setdefault(
        self._article, []).extend(r[0] for r in given) or add_rows(self, given))
    # more rows of the first two articles: the third is not handed any
    more = {ids[0]: firsts[ids[0]][1:3], ids[1]: firsts[ids[1]][2:3]}
    out = await cache.bundles(ids, wanted=more)
    assert handed == more
    assert all(out[ids[0]].sentences.holds(i) for i in firsts[ids[0]])
    assert not out[ids[2]].sentences.holds(firsts[ids[2]][1])
