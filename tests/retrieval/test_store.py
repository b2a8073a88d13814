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


def test_a_program_that_fails_without_closing_the_store_still_exits(tmp_path: Path) -> None:
    # aiosqlite's worker thread would keep the interpreter alive for ever after an error
    # that skipped ``close()``; the store makes it a daemon
    import subprocess
    import sys
    import textwrap

    script = tmp_path / "crash.py"
    script.write_text(textwrap.dedent(f"""
        import asyncio
        from retrieval.store import Store

        async def main():
            store = await Store.open({str(tmp_path / "db.sqlite3")!r})
            await store.schema_version()
            raise SystemExit(3)

        asyncio.run(main())
    """))
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(script)], cwd=root, timeout=60,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                          capture_output=True)
    assert done.returncode == 3, done.stderr
