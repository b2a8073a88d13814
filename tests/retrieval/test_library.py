"""The article library end to end: ingest of every kind, answers, abstention, persistence."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from config.settings import Settings
from retrieval.errors import ArticleNotFoundError, InvalidArticleError, StorageError
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.conftest import EVAL_ARTICLES, SEED_FILE, make_settings

ARTICLE_HTML = """<!doctype html><html><head><title>Dam opens | Example News</title>
<meta property="og:title" content="New dam opens on the Varde river">
<meta name="author" content="Lena Holm"><meta property="article:published_time"
content="2026-03-02"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>New dam opens on the Varde river</h1>
<p>The new Varde dam opened on Tuesday after six years of work, engineers said.</p>
<p>The dam cost 240 million euros and will power 90,000 homes, according to the utility.</p>
<p>Minister Karl Aune cut the ribbon in front of about 500 guests from the region.</p>
<p>Fishermen downstream said they worried about salmon, but the utility promised new ladders.</p>
</article><footer>Share this article · Copyright 2026 Example News</footer></body></html>"""


@pytest.fixture
async def page_server() -> AsyncIterator[str]:
    """A local HTTP server (127.0.0.1 only) serving one article page."""
    app = web.Application()

    async def article(_: web.Request) -> web.Response:
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    app.router.add_get("/news/dam", article)
    runner = web.AppRunner(app)
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    site = web.SockSite(runner, sock)
    await site.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        await runner.cleanup()


async def test_seeds_are_ingested_when_the_database_is_empty(library: ArticleLibrary) -> None:
    rows = await library.articles(Scope.all())
    assert len(rows) == len(list(SEED_FILE.parent.glob("*.txt")))
    assert rows[0].kind == "seed" and rows[0].guild_id is None
    assert rows[0].title.startswith("Belgian police")


async def test_answers_quote_the_article_exactly(library: ArticleLibrary) -> None:
    original = SEED_FILE.read_text(encoding="utf-8")
    result = await library.ask("How many people were wounded in Tuesday's attacks?",
                               Scope.all(), top_k=3)
    assert not result.abstained
    assert result.answers
    for answer in result.answers:
        assert answer.text in original
        assert answer.text.strip() == answer.text
        assert answer.article.title
        assert answer.sentence.paragraph >= 0
    assert "300 wounded" in result.answers[0].text


async def test_answer_carries_context_and_position(library: ArticleLibrary) -> None:
    result = await library.ask("Who is the Belgian premier?", Scope.all())
    best = result.answers[0]
    bundle = await library.bundle(best.article.id)
    position = best.sentence.position
    assert best.before == (bundle.text(bundle.sentences[position - 1]) if position else None)
    assert best.after == bundle.text(bundle.sentences[position + 1])
    assert "Charles Michel" in best.text


async def test_unanswerable_questions_abstain_with_a_reason(library: ArticleLibrary) -> None:
    for question in ("What is the best recipe for banana bread?",
                     "Who won the football match between Arsenal and Chelsea?"):
        result = await library.ask(question, Scope.all())
        assert result.abstained, question
        assert result.reason
        assert result.answers == []


async def test_same_text_twice_is_a_no_op(library: ArticleLibrary, tmp_path: Path) -> None:
    first = await library.ingest_path(EVAL_ARTICLES[0])
    copy = tmp_path / "copy.txt"
    copy.write_text(EVAL_ARTICLES[0].read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    second = await library.ingest_path(copy)
    assert first.created and not second.created
    assert second.article.id == first.article.id
    assert len(await library.articles(Scope.all())) == 2


async def test_markdown_file_title_from_heading(empty_library: ArticleLibrary,
                                                tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Bridge reopens in Tarn\n\nThe Tarn bridge reopened on Friday after "
                    "repairs that took nine months.\n\nAbout 12,000 cars cross it each day, the "
                    "council said.\n", encoding="utf-8")
    result = await empty_library.ingest_path(path)
    assert result.article.title == "Bridge reopens in Tarn"
    answer = await empty_library.ask("How many cars use the bridge daily?", Scope.all())
    assert not answer.abstained
    assert "12,000" in answer.answers[0].text


async def test_html_file_goes_through_trafilatura(empty_library: ArticleLibrary,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "dam.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    result = await empty_library.ingest_path(path)
    assert result.article.title == "New dam opens on the Varde river"
    assert result.article.author == "Lena Holm"
    bundle = await empty_library.bundle(result.article.id)
    assert "Share this article" not in bundle.body
    assert "Home" not in bundle.body.split()


async def test_url_ingest_from_a_local_server(tmp_path: Path, page_server: str) -> None:
    settings = make_settings(tmp_path, allow_private_urls=True)
    async with await ArticleLibrary.open(settings, ingest_seeds=False) as library:
        result = await library.ingest_url(f"{page_server}/news/dam")
        assert result.created
        assert result.article.source == f"{page_server}/news/dam"
        answer = await library.ask("How much did the dam cost?", Scope.all())
        assert "240 million euros" in answer.answers[0].text


async def test_private_urls_are_refused_by_default(empty_library: ArticleLibrary,
                                                   page_server: str) -> None:
    from retrieval.fetch import FetchError

    with pytest.raises(FetchError, match="private or local"):
        await empty_library.ingest_url(f"{page_server}/news/dam")
    assert await empty_library.articles(Scope.all()) == []


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", "Ol\u00e9".encode("utf-16")])
async def test_bad_files_fail_cleanly_and_change_nothing(empty_library: ArticleLibrary,
                                                         tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InvalidArticleError):
        await empty_library.ingest_path(path)
    assert await empty_library.articles(Scope.all()) == []


async def test_oversized_file_is_refused(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_article_bytes=5_000)
    async with await ArticleLibrary.open(settings, ingest_seeds=False) as library:
        big = tmp_path / "big.txt"
        big.write_text("A sentence about the harbour. " * 500, encoding="utf-8")
        with pytest.raises(InvalidArticleError, match="limited"):
            await library.ingest_path(big)


async def test_failed_write_leaves_no_partial_article(empty_library: ArticleLibrary,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure in the middle of the transaction (after sentences, during mentions) rolls the
    whole article back."""
    store = empty_library.store
    original = store._db.executemany
    calls = {"n": 0}

    async def failing(sql: str, rows: object) -> object:
        if "INSERT INTO mentions" in sql:
            calls["n"] += 1
            import sqlite3

            raise sqlite3.OperationalError("disk I/O error")
        return await original(sql, rows)

    monkeypatch.setattr(store._db, "executemany", failing)
    with pytest.raises(StorageError):
        await empty_library.ingest_path(SEED_FILE)
    monkeypatch.undo()
    assert calls["n"] == 1
    assert await store.count_articles() == 0
    async with store._db.execute("SELECT count(*) FROM sentences") as cursor:
        assert (await cursor.fetchone())[0] == 0
    assert empty_library.index.n_docs == 0
    result = await empty_library.ingest_path(SEED_FILE)
    assert result.created


async def test_questions_can_target_one_article(library: ArticleLibrary) -> None:
    other = await library.ingest_path(EVAL_ARTICLES[0])
    seed_id = (await library.articles(Scope.all()))[0].id
    result = await library.ask("Who is the Belgian premier?", Scope.all(),
                               article_id=other.article.id)
    assert all(a.article.id == other.article.id for a in result.answers + result.closest)
    with pytest.raises(ArticleNotFoundError):
        await library.ask("Who?", Scope.all(), article_id=9999)
    assert seed_id != other.article.id


async def test_guild_articles_are_invisible_to_other_guilds(library: ArticleLibrary) -> None:
    own = await library.ingest_path(EVAL_ARTICLES[0], guild_id=111)
    assert own.article.guild_id == 111
    assert own.article.id in {r.id for r in await library.articles(Scope.guild(111))}
    assert own.article.id not in {r.id for r in await library.articles(Scope.guild(222))}
    with pytest.raises(ArticleNotFoundError):
        await library.article(own.article.id, Scope.guild(222))
    bundle = await library.bundle(own.article.id)
    sentence = bundle.text(bundle.sentences[2])
    elsewhere = await library.ask(sentence, Scope.guild(222))
    assert all(a.article.id != own.article.id for a in elsewhere.answers + elsewhere.closest)
    here = await library.ask(sentence, Scope.guild(111))
    ranked = here.answers or here.closest
    assert ranked and ranked[0].article.id == own.article.id


async def test_forget_removes_an_article_from_answers(library: ArticleLibrary) -> None:
    own = await library.ingest_path(EVAL_ARTICLES[0], guild_id=5)
    with pytest.raises(ArticleNotFoundError):
        await library.forget(own.article.id, Scope.guild(6))
    seed = (await library.articles(Scope.all()))[0]
    with pytest.raises(ArticleNotFoundError):
        await library.forget(seed.id, Scope.guild(5))
    await library.forget(own.article.id, Scope.guild(5))
    assert own.article.id not in {r.id for r in await library.articles(Scope.guild(5))}
    assert own.article.id not in library.index.groups()


async def test_restart_uses_stored_analysis_without_rerunning_spacy(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with await ArticleLibrary.open(settings) as library:
        before = await library.ask("Who is the Belgian premier?", Scope.all())
        await library.wait_saved()

    import retrieval.library_ingest as library_ingest

    def forbidden(*_: object) -> None:
        raise AssertionError("spaCy must not re-analyse stored articles")

    monkeypatch.setattr(library_ingest, "analyse_article", forbidden)
    async with await ArticleLibrary.open(settings) as library:
        after = await library.ask("Who is the Belgian premier?", Scope.all())
    assert [a.text for a in after.answers] == [a.text for a in before.answers]
    assert after.answers[0].score == pytest.approx(before.answers[0].score)


async def test_index_is_rebuilt_from_the_database_when_its_files_are_gone(
    settings: Settings,
) -> None:
    async with await ArticleLibrary.open(settings) as library:
        await library.wait_saved()
        count = library.index.n_docs
    import shutil

    shutil.rmtree(Path(str(settings.db_path) + ".index"))
    async with await ArticleLibrary.open(settings) as library:
        assert library.index.n_docs == count
        assert (await library.ask("Who is the Belgian premier?", Scope.all())).answers


async def test_entities_group_aliases_and_list_mentions(library: ArticleLibrary) -> None:
    found = await library.entities(Scope.all())
    people = {e.name: e for e in found["person"]}
    kerry = next(e for name, e in people.items() if name.endswith("Kerry"))
    assert kerry.count >= 2 and kerry.aliases
    assert all(m.text for m in kerry.mentions)
    places = {e.name for e in found["place"]}
    assert "United States" in places and "US" not in places


async def test_entity_lists_follow_ingest_and_forget(library: ArticleLibrary) -> None:
    """Entity lists are cached for autocomplete, but never stale."""
    before = await library.entities(Scope.guild(7), kind="person")
    own = await library.ingest_path(EVAL_ARTICLES[0], guild_id=7)
    during = await library.entities(Scope.guild(7), kind="person")
    assert len(during["person"]) > len(before["person"])
    assert await library.entities(Scope.guild(8), kind="person") == before
    await library.forget(own.article.id, Scope.guild(7))
    after = await library.entities(Scope.guild(7), kind="person")
    assert [e.name for e in after["person"]] == [e.name for e in before["person"]]


async def test_bulk_ingest_on_worker_processes_stores_what_one_process_does(
        tmp_path: Path) -> None:
    """Forked workers analyse whole articles; the result must not depend on where it ran."""
    paths = [*EVAL_ARTICLES, SEED_FILE]
    stored = []
    for n_process in (1, 2):
        lib = await ArticleLibrary.open(make_settings(tmp_path / str(n_process)),
                                        ingest_seeds=False)
        try:
            counted: list[int] = []
            results = await lib.ingest_many(paths, n_process=n_process, progress=counted.append)
            bundles = [await lib.bundle(r.article.id) for r in results
                       if not isinstance(r, Exception)]
            assert len(bundles) == len(paths)
            assert sum(counted) == sum(len(b.sentences) for b in bundles)
            stored.append([
                (b.row.title, [(s.start, s.end, s.terms, s.spans, s.anaphoric)
                               for s in b.sentences],
                 [(e.name, e.kind, e.aliases, e.count, e.mentions) for e in b.entities])
                for b in bundles
            ])
        finally:
            await lib.close()
    assert stored[0] == stored[1]


async def test_bulk_ingest_fails_rather_than_hangs_when_a_worker_dies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import os
    from concurrent.futures.process import BrokenProcessPool

    from retrieval import analysis

    def die(*args: object, **kwargs: object) -> None:
        os._exit(1)  # what an out-of-memory kill looks like from the parent

    monkeypatch.setattr(analysis, "analyse_many", die)  # the forked workers inherit it
    lib = await ArticleLibrary.open(make_settings(tmp_path), ingest_seeds=False)
    try:
        with pytest.raises(BrokenProcessPool):
            await asyncio.wait_for(lib.ingest_many(EVAL_ARTICLES[:4], n_process=2), 60)
        assert await lib.store.count_articles() == 0
    finally:
        await lib.close()


async def test_bulk_ingest_that_fails_midway_leaves_spacy_free(
        empty_library: ArticleLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A storage failure on the first of many articles ends the bulk ingest with the error,
    and the next question is still answered (the analysis thread is not left blocked on a
    full queue of articles nobody will store)."""
    import asyncio

    paths = []
    for number in range(80):
        path = tmp_path / f"bridge-{number}.txt"
        path.write_text(
            f"title: Bridge {number}\n---\nThe council of Town {number} approved a new bridge "
            f"over the river on Monday, officials said.\n\nWork on bridge number {number} will "
            "start in the spring and cost about 12 million euros.\n", encoding="utf-8")
        paths.append(path)

    async def disk_full(*args: object, **kwargs: object) -> None:
        raise StorageError("The disk is full.")

    monkeypatch.setattr(empty_library._ingester, "_store_analysed", disk_full)
    with pytest.raises(StorageError):
        await empty_library.ingest_many(paths)
    monkeypatch.undo()
    await empty_library.ingest_text(
        "title: Dam\n---\nThe new Varde dam opened on Tuesday after six years of work.\n\n"
        "The dam cost 240 million euros and will power 90,000 homes, the utility said.\n")
    result = await asyncio.wait_for(
        empty_library.ask("How many homes will the dam power?", Scope.all()), timeout=60)
    assert not result.abstained


async def test_warm_up_spaces_out_the_older_collections(library: ArticleLibrary) -> None:
    import gc

    from retrieval import service

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # the interpreter's defaults
        await library.warm_up()
        young, middle, full = gc.get_threshold()
        assert young == 700  # young collections as often as before: cyclic garbage goes soon
        assert middle == service.MIDDLE_COLLECTION_EVERY >= 100
        assert full == service.FULL_COLLECTION_EVERY
        assert gc.get_freeze_count() > 0
        gc.set_threshold(700, 500, 1000)  # larger thresholds are kept
        await library.warm_up()
        assert gc.get_threshold() == (700, 500, 1000)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
