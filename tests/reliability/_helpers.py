"""Shared pieces of the reliability tests: a fault-injecting wrapper for the library's SQLite
connection, database consistency checks, and the product bot run against the Discord stand-in.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from retrieval.service import ArticleLibrary
from tests.discord_standin import InteractionReply

JSON = dict[str, Any]
DISK_FULL = "database or disk is full"
#: The exact apology for an unexpected failure; group 1 is the error id.
APOLOGY = re.compile(r"Sorry, something went wrong on my side \(error id ([0-9a-f]{8})\)\. "
                     r"It has been logged; please try again\.")


# -- storage faults ----------------------------------------------------------------------------


class FaultySQLite:
    """Make the library's aiosqlite connection fail the way a full disk (or a read-only or
    locked file) does: ``execute``/``executemany``/``commit`` raise ``sqlite3.OperationalError``
    when ``should_fail(kind, sql)`` says so. ``kind`` is "execute", "executemany" or "commit".

    ``execute`` stays a plain function returning aiosqlite's awaitable-and-context-manager
    result, so ``async with db.execute(...)`` keeps working for reads.
    """

    def __init__(self, library: ArticleLibrary, should_fail: Callable[[str, str], bool],
                 message: str = DISK_FULL) -> None:
        self.db = library.store._db
        self.should_fail = should_fail
        self.message = message
        self.failures = 0
        self._execute = self.db.execute
        self._executemany = self.db.executemany
        self._commit = self.db.commit

    def install(self) -> FaultySQLite:
        self.db.execute = self.execute  # type: ignore[method-assign]
        self.db.executemany = self.executemany  # type: ignore[method-assign]
        self.db.commit = self.commit  # type: ignore[method-assign]
        return self

    def remove(self) -> None:
        self.db.execute = self._execute  # type: ignore[method-assign]
        self.db.executemany = self._executemany  # type: ignore[method-assign]
        self.db.commit = self._commit  # type: ignore[method-assign]

    def _fail(self) -> None:
        self.failures += 1
        raise sqlite3.OperationalError(self.message)

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        if self.should_fail("execute", sql):
            self._fail()
        return self._execute(sql, *args, **kwargs)

    def executemany(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        if self.should_fail("executemany", sql):
            self._fail()
        return self._executemany(sql, *args, **kwargs)

    async def commit(self) -> None:
        if self.should_fail("commit", ""):
            self._fail()
        await self._commit()


# -- database checks ---------------------------------------------------------------------------


def table_counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as con:
        return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "paragraphs", "sentences", "entities", "mentions",
                              "feedback")}


def consistency_problems(db_path: Path) -> list[str]:
    """Everything that would make the database not "every article wholly there or absent"."""
    problems: list[str] = []
    con = sqlite3.connect(db_path)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        if con.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found dangling references")
        for table in ("paragraphs", "sentences", "entities"):
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            if orphans:
                problems.append(f"{orphans} {table} rows without their article")
        orphans = con.execute(
            "SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities) "
            "OR sentence_id NOT IN (SELECT id FROM sentences)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} mentions without their entity or sentence")
        crossed = con.execute(
            "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
            "JOIN sentences s ON s.id = m.sentence_id WHERE s.article_id != e.article_id"
        ).fetchone()[0]
        if crossed:
            problems.append(f"{crossed} mentions point into another article")
        rows = con.execute(
            "SELECT a.id, a.sentence_count, a.paragraph_count, "
            "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id), "
            "(SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id), "
            "(SELECT count(*) FROM entities e WHERE e.article_id = a.id), "
            "(SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
            " WHERE e.article_id = a.id) FROM articles a").fetchall()
        for article_id, sentences, paragraphs, n_sent, n_para, n_ent, n_ment in rows:
            if sentences != n_sent or paragraphs != n_para:
                problems.append(f"article {article_id}: claims {sentences} sentences and "
                                f"{paragraphs} paragraphs, has {n_sent} and {n_para}")
            if n_ent and not n_ment:
                problems.append(f"article {article_id}: entities without any mention")
        generation = int(con.execute(
            "SELECT value FROM meta WHERE key = 'index_generation'").fetchone()[0])
        if generation < len(rows):
            problems.append(f"index generation {generation} < {len(rows)} articles")
    finally:
        con.close()
    return problems


# -- the product bot against the stand-in: shared with tests/bot ------------------------------


def reply_text(reply: InteractionReply) -> str:
    """Content and embed text of a reply, as one string."""
    parts = [reply.content or ""]
    for embed in reply.embeds:
        parts.append(embed.get("title") or "")
        parts.append(embed.get("description") or "")
        parts.append((embed.get("author") or {}).get("name") or "")
        for item in embed.get("fields", []):
            parts += [item["name"], item["value"]]
    return "\n".join(parts)
