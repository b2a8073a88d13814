"""Storage faults: a full disk, a read-only database, a database locked by someone else.

A failed write is a polite ``StorageError``, leaves nothing behind (checked on the library's
own connection, where an unfinished transaction would still be visible, and from outside), and
the library keeps answering from what it already has. Faults are injected by wrapping the
library's aiosqlite connection (``FaultySQLite``), by opening the file read-only
(``mode=ro``: chmod does not stop root), or by a second connection holding ``BEGIN EXCLUSIVE``.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from config.settings import Settings
from retrieval import store as store_module
from retrieval.errors import StorageError
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.bot.discord_helpers import running_bot
from tests.conftest import EVAL_ARTICLES, make_settings
from tests.discord_standin import DiscordStandIn, StandInGuild
from tests.reliability._helpers import DISK_FULL, FaultySQLite, reply_text, table_counts

ARTICLE = EVAL_ARTICLES[0]
INGEST_ERROR = "I couldn't save that article (the database refused the write); nothing was changed."
VOTE_ERROR = "I couldn't save your vote just now; please try again."
SEED_QUESTION = "Who is the Belgian premier?"


async def own_counts(library: ArticleLibrary) -> dict[str, int]:
    """Row counts as the library's own connection sees them (uncommitted rows included)."""
    counts = {}
    for table in ("articles", "paragraphs", "sentences", "entities", "mentions", "feedback"):
        async with library.store._db.execute(f"SELECT count(*) FROM {table}") as cursor:
            counts[table] = (await cursor.fetchone())[0]
    return counts


async def assert_still_answers(library: ArticleLibrary) -> None:
    result = await library.ask(SEED_QUESTION, Scope.all())
    assert "Charles Michel" in result.answers[0].text


def nth_call(n: int, prefix: str, kind: str = "execute") -> Any:
    """A ``should_fail`` that fails the n-th statement starting with ``prefix``."""
    seen = {"count": 0}

    def should_fail(call: str, sql: str) -> bool:
        if call == kind and sql.startswith(prefix):
            seen["count"] += 1
            return seen["count"] == n
        return False

    return should_fail


#: Where in an ingest's transaction the write fails (ARTICLE has 28 sentences, 60 entities).
FAULT_POINTS = {
    "begin": lambda: nth_call(1, "BEGIN IMMEDIATE"),
    "article row": lambda: nth_call(1, "INSERT INTO articles"),
    "paragraphs": lambda: nth_call(1, "INSERT INTO paragraphs", "executemany"),
    "sentences": lambda: nth_call(1, "INSERT INTO sentences", "executemany"),
    "sentence ids": lambda: nth_call(1, "SELECT id, position FROM sentences"),
    "entities": lambda: nth_call(1, "INSERT INTO entities", "executemany"),
    "entity ids": lambda: nth_call(1, "SELECT id FROM entities"),
    "mentions": lambda: nth_call(1, "INSERT INTO mentions", "executemany"),
    "generation bump": lambda: nth_call(1, "UPDATE meta"),
    "commit": lambda: (lambda call, sql: call == "commit"),
}
FAULTS = [(point, DISK_FULL) for point in FAULT_POINTS] + [
    ("sentences", "attempt to write a readonly database"),
    ("commit", "disk I/O error"),
]


@pytest.mark.parametrize(("point", "message"), FAULTS)
async def test_write_fault_during_ingest_leaves_nothing_and_library_keeps_answering(
    library: ArticleLibrary, point: str, message: str,
) -> None:
    before_rows = await library.articles(Scope.all())
    before = await own_counts(library)
    n_docs = library.index.n_docs
    fault = FaultySQLite(library, FAULT_POINTS[point](), message).install()
    try:
        with pytest.raises(StorageError) as caught:
            await library.ingest_path(ARTICLE, guild_id=7)
    finally:
        fault.remove()
    assert fault.failures == 1
    assert str(caught.value) == INGEST_ERROR
    assert not library.store._db.in_transaction
    assert await own_counts(library) == before
    assert table_counts(library.settings.db_path) == before
    assert await library.articles(Scope.all()) == before_rows
    assert library.index.n_docs == n_docs
    await assert_still_answers(library)
    # the disk has room again: the same article goes in whole
    result = await library.ingest_path(ARTICLE, guild_id=7)
    assert result.created
    counts = await own_counts(library)
    assert counts["sentences"] == before["sentences"] + result.article.sentence_count


async def test_failed_ingest_is_still_absent_after_a_restart(settings: Settings) -> None:
    async with await ArticleLibrary.open(settings) as library:
        before = await own_counts(library)
        FaultySQLite(library, FAULT_POINTS["mentions"]()).install()
        with pytest.raises(StorageError):
            await library.ingest_path(ARTICLE)
    async with await ArticleLibrary.open(settings) as reopened:
        assert await own_counts(reopened) == before
        assert len(await reopened.articles(Scope.all())) == 1
        assert reopened.index.n_docs == before["sentences"]


async def test_vote_during_a_failing_ingest_does_not_commit_half_an_article(
    settings: Settings,
) -> None:
    """A vote is written on the same connection while an ingest's transaction is open. It must
    neither commit that half-written article nor be lost when the ingest rolls back."""
    library = await ArticleLibrary.open(settings)
    try:
        before = await own_counts(library)
        db = library.store._db
        execute, executemany = db.execute, db.executemany
        vote: list[asyncio.Task[None]] = []

        def hooked_many(sql: str, *args: Any, **kwargs: Any) -> Any:
            if sql.startswith("INSERT INTO entities"):  # the sentences are written by now
                raise sqlite3.OperationalError(DISK_FULL)
            if sql.startswith("INSERT INTO sentences"):  # a user clicks 👍 now
                vote.append(asyncio.create_task(library.record_feedback(
                    message_id=1, guild_id=7, user_id=2, sentence_id=None,
                    question="Who?", vote=1)))

                async def after_a_while() -> Any:
                    await asyncio.sleep(0.1)  # the vote gets every chance to run
                    return await executemany(sql, *args, **kwargs)

                return after_a_while()
            return executemany(sql, *args, **kwargs)

        db.executemany = hooked_many  # type: ignore[method-assign]
        try:
            with pytest.raises(StorageError):
                await library.ingest_path(ARTICLE, guild_id=7)
            await asyncio.wait_for(vote[0], timeout=5)  # the vote itself succeeded
        finally:
            db.execute, db.executemany = execute, executemany  # type: ignore[method-assign]
        expected = {**before, "feedback": before["feedback"] + 1}
        assert await own_counts(library) == expected
        assert table_counts(settings.db_path) == expected
    finally:
        await library.close()
    async with await ArticleLibrary.open(settings) as reopened:
        assert len(await reopened.articles(Scope.all())) == 1
        assert await reopened.store.feedback_for(1) == [(2, 1)]


async def test_failed_vote_is_reported_politely_and_others_are_kept(
    library: ArticleLibrary,
) -> None:
    async def vote(message_id: int, user_id: int = 5, value: int = 1) -> None:
        await library.record_feedback(message_id=message_id, guild_id=7, user_id=user_id,
                                      sentence_id=None, question="Who?", vote=value)

    for point in (nth_call(1, "INSERT INTO feedback"), lambda call, sql: call == "commit"):
        fault = FaultySQLite(library, point).install()
        try:
            with pytest.raises(StorageError) as caught:
                await vote(100)
        finally:
            fault.remove()
        assert str(caught.value) == VOTE_ERROR
        assert await library.store.feedback_for(100) == []
        assert not library.store._db.in_transaction

    # Two users vote at once and only the first commit fails: the second vote, reported as
    # saved, must really be saved (not rolled back together with the first).
    first_commit = nth_call(1, "", "commit")
    fault = FaultySQLite(library, first_commit).install()
    try:
        outcomes = await asyncio.gather(vote(200, 1), vote(201, 2), return_exceptions=True)
    finally:
        fault.remove()
    saved = {(200, 1): outcomes[0] is None, (201, 2): outcomes[1] is None}
    assert sum(saved.values()) == 1, outcomes
    for (message_id, user_id), ok in saved.items():
        expected = [(user_id, 1)] if ok else []
        assert await library.store.feedback_for(message_id) == expected, (message_id, outcomes)
    await assert_still_answers(library)


async def test_read_only_database_answers_but_refuses_writes_politely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_settings(tmp_path)
    async with await ArticleLibrary.open(settings) as library:
        await library.wait_saved()
    before = table_counts(settings.db_path)
    connect = aiosqlite.connect

    def read_only(database: str, **kwargs: Any) -> aiosqlite.Connection:
        return connect(f"file:{database}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(aiosqlite, "connect", read_only)
    async with await ArticleLibrary.open(settings) as library:
        await assert_still_answers(library)
        with pytest.raises(StorageError, match="nothing was changed"):
            await library.ingest_path(ARTICLE)
        with pytest.raises(StorageError, match="couldn't save your vote"):
            await library.record_feedback(message_id=1, guild_id=None, user_id=2,
                                          sentence_id=None, question="q", vote=1)
        with pytest.raises(StorageError, match="nothing was changed"):
            await library.forget((await library.articles(Scope.all()))[0].id, Scope.all())
        assert len(await library.articles(Scope.all())) == 1
        await assert_still_answers(library)
    assert table_counts(settings.db_path) == before


async def test_locked_database_gives_a_polite_error_not_a_hang(
    settings: Settings, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.3)  # default: 10 s
    async with await ArticleLibrary.open(settings) as library:
        other = sqlite3.connect(settings.db_path, timeout=0.1, isolation_level=None)
        try:
            other.execute("BEGIN EXCLUSIVE")
            started = time.monotonic()
            with pytest.raises(StorageError, match="nothing was changed"):
                await asyncio.wait_for(library.ingest_path(ARTICLE), timeout=20)
            with pytest.raises(StorageError, match="couldn't save your vote"):
                await asyncio.wait_for(library.record_feedback(
                    message_id=1, guild_id=None, user_id=2, sentence_id=None, question="q",
                    vote=1), timeout=5)
            await asyncio.wait_for(assert_still_answers(library), timeout=5)  # WAL: reads go on
            assert time.monotonic() - started < 8
        finally:
            other.rollback()
            other.close()
        assert len(await library.articles(Scope.all())) == 1
        # the lock is gone: writes work again
        assert (await library.ingest_path(ARTICLE)).created


async def test_short_lock_is_waited_out_by_the_busy_timeout(settings: Settings) -> None:
    """Another process holds the write lock for 0.3 s while this process is in the middle of a
    read for another user (SQLite then skips its busy handler): the vote waits, and is saved."""
    async with await ArticleLibrary.open(settings) as library:
        await library.wait_saved()
        other = sqlite3.connect(settings.db_path, timeout=0.1, isolation_level=None)
        reading = await library.store._db.execute("SELECT id FROM sentences")
        try:
            assert await reading.fetchone() is not None  # a read is open on the connection
            other.execute("BEGIN EXCLUSIVE")
            asyncio.get_running_loop().call_later(0.3, other.rollback)
            await asyncio.wait_for(library.record_feedback(
                message_id=1, guild_id=None, user_id=2, sentence_id=None, question="q",
                vote=1), timeout=8)
        finally:
            await reading.close()
            other.close()
        assert await library.store.feedback_for(1) == [(2, 1)]


# -- what a Discord user sees --------------------------------------------------------------------


async def test_users_see_polite_storage_errors_in_discord(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        _, answer = await run.command(g.guild, g.member, "ask", {"question": SEED_QUESTION})
        assert not answer.ephemeral and "Charles Michel" in reply_text(answer)

        fault = FaultySQLite(run.library, lambda call, sql: call == "commit").install()
        try:
            thumbs = next(item["custom_id"] for row in answer.components
                          for item in row["components"] if item.get("emoji", {}).get("name")
                          == "👍")
            click = await standin.send_component(thumbs, g.member,
                                                 message_id=int(answer.message["id"]))
            vote = await standin.wait_for_interaction_response(click)
            upload = standin.add_attachment("article.txt", ARTICLE.read_bytes())
            _, ingest = await run.command(g.guild, g.mod, "ingest", {"file": upload})
        finally:
            fault.remove()
        assert vote.ephemeral and vote.content == VOTE_ERROR
        assert ingest.ephemeral, ingest.callback
        assert INGEST_ERROR in reply_text(ingest).replace("\\", "")
        assert "something went wrong" not in reply_text(ingest)
        assert len(await run.library.articles(Scope.guild(g.guild.id))) == 1

        _, again = await run.command(g.guild, g.member, "ask", {"question": SEED_QUESTION})
        assert "Charles Michel" in reply_text(again)

