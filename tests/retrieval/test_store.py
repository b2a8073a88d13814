"""The store's schema: numbered migrations applied once each, WAL mode."""

from __future__ import annotations

from pathlib import Path

import pytest

import retrieval.store as store_module
from retrieval.migrations import MIGRATIONS
from retrieval.store import Store


async def test_new_database_gets_every_migration_and_wal(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db.sqlite3")
    try:
        assert await store.schema_version() == MIGRATIONS[-1][0]
        async with store._db.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        assert await store.integrity_check() == "ok"
    finally:
        await store.close()


async def test_a_new_migration_upgrades_an_existing_database_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.sqlite3"
    store = await Store.open(path)
    await store.record_feedback(message_id=1, guild_id=None, user_id=2, sentence_id=None,
                                question="q", vote=1)
    await store.close()

    upgraded = [*MIGRATIONS, (MIGRATIONS[-1][0] + 1, "add a test table",
                              "CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY);")]
    monkeypatch.setattr(store_module, "MIGRATIONS", upgraded)
    for _ in range(2):  # the second open must not apply it again
        store = await Store.open(path)
        try:
            assert await store.schema_version() == upgraded[-1][0]
            assert await store.feedback_for(1) == [(2, 1)]
            async with store._db.execute("SELECT count(*) FROM upgrade_probe") as cursor:
                assert (await cursor.fetchone())[0] == 0
        finally:
            await store.close()
