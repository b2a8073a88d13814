"""The SQLite store (aiosqlite): articles, sentences, tokens, entities, mentions, feedback.

Everything spaCy computed is persisted, so a restart never re-runs it. One article is written in
one transaction: after a crash it is either wholly there or absent. WAL mode lets readers carry
on while an ingest writes. What a read returns (rows, bundles) and the read queries shared
with ``BundleReader`` live in ``stored_bundles``; this module is the connection and the writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import aiosqlite

from retrieval.analysis import AnalysedArticle
from retrieval.article_text import ParsedArticle
from retrieval.errors import StorageError
from retrieval.migrations import MIGRATIONS
from retrieval.stored_bundles import (
    ARTICLE_COLUMNS,
    BUNDLE_ARTICLES_SQL,
    BUNDLE_SENTENCES_SQL,
    ENTITIES_SQL,
    ENTITY_MENTIONS_SQL,
    ArticleBundle,
    ArticleRow,
    StoredSentence,
    article_row,
    attach_entities,
    make_bundles,
)

# The stored shapes, importable from here as the rest of the code does (the read queries and
# how rows become bundles live in ``retrieval.stored_bundles``).
__all__ = ["ArticleBundle", "ArticleRow", "Store", "StoredSentence"]

#: Articles loaded per query by ``load_bundles`` (well under SQLite's parameter limit).
LOAD_CHUNK = 500
#: How long a write waits for another connection's write lock before it fails politely.
BUSY_TIMEOUT_SECONDS = 10.0


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A plain ``sqlite3`` connection that only reads, usable from any thread (callers hold
    their own lock), each statement its own transaction unless they BEGIN one; WAL lets it
    read while the store writes."""
    connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS,
                                 isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA query_only=ON")
    return connection


class Store:
    """Async access to the database file; open with ``await Store.open(path)``."""

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        # All tasks share one connection, hence one transaction: a write must not start while
        # another task's write is open, or its COMMIT/ROLLBACK would end that one too
        # (committing half an article, or rolling back a vote already reported saved).
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        pending = aiosqlite.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
        # aiosqlite's worker thread is not a daemon: a program that fails before closing the
        # store would never exit. SQLite's journal makes a write cut short at exit harmless.
        worker = getattr(pending, "_thread", None)
        if worker is not None and not worker.is_alive():
            worker.daemon = True
        connection = await pending
        connection.row_factory = sqlite3.Row
        store = cls(connection, path)
        try:
            await store._configure()
            await store._migrate()
        except BaseException:
            await connection.close()
            raise
        return store

    async def _configure(self) -> None:
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute("PRAGMA foreign_keys=ON")
        await self._db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")

    async def _migrate(self) -> None:
        await self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT "
            "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
        )
        await self._db.commit()
        async with self._db.execute("SELECT version FROM schema_migrations") as cursor:
            applied = {row[0] async for row in cursor}
        for version, name, sql in MIGRATIONS:
            if version in applied:
                continue
            script = f"BEGIN IMMEDIATE;\n{sql}\nINSERT INTO schema_migrations (version, name) "
            script += f"VALUES ({int(version)}, '{name.replace(chr(39), '')}');\nCOMMIT;"
            try:
                await self._db.executescript(script)
            except sqlite3.Error:
                await self._db.rollback()
                raise

    async def close(self) -> None:
        await self._db.close()

    async def _begin_write(self) -> None:
        """``BEGIN IMMEDIATE``, waiting up to ``BUSY_TIMEOUT_SECONDS`` for another connection's
        write lock. SQLite's busy timeout does not apply while another task has a read open on
        this connection (it fails at once with "database is locked"), so wait here too."""
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        delay = 0.005
        while True:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() >= deadline:
                    raise
            await asyncio.sleep(min(delay, max(deadline - time.monotonic(), 0.0)))
            delay = min(delay * 2, 0.1)

    async def schema_version(self) -> int:
        async with self._db.execute("SELECT max(version) FROM schema_migrations") as cursor:
            row = await cursor.fetchone()
        return int(row[0] or 0)

    # ------------------------------------------------------------------ meta

    async def get_meta(self, key: str, default: str | None = None) -> str | None:
        # ``execute_fetchall``: one round trip to aiosqlite's thread, not three (execute,
        # fetch, close), for the reads bulk ingest makes per article.
        rows = await self._db.execute_fetchall("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    async def index_generation(self) -> int:
        return int(await self.get_meta("index_generation", "0") or 0)

    # ------------------------------------------------------------------ articles

    async def count_sentences(self) -> int:
        async with self._db.execute(
                "SELECT coalesce(sum(sentence_count), 0) FROM articles") as cursor:
            row = await cursor.fetchone()
        return int(row[0])

    async def count_articles(self) -> int:
        async with self._db.execute("SELECT count(*) FROM articles") as cursor:
            row = await cursor.fetchone()
        return int(row[0])

    async def find_by_hash(self, content_hash: str, guild_id: int | None) -> ArticleRow | None:
        """An article with this text that is visible from ``guild_id`` (global ones included)."""
        rows = await self._db.execute_fetchall(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE content_hash = ? "
            "AND scope_key IN (0, ?) ORDER BY scope_key LIMIT 1",
            (content_hash, guild_id or 0),
        )
        return article_row(rows[0]) if rows else None

    async def get_article(self, article_id: int) -> ArticleRow | None:
        rows = await self._db.execute_fetchall(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return article_row(rows[0]) if rows else None

    async def list_articles(self, guild_ids: Sequence[int | None] | None = None
                            ) -> list[ArticleRow]:
        """All articles, or those whose guild is in ``guild_ids`` (None there means global)."""
        sql = f"SELECT {ARTICLE_COLUMNS} FROM articles"
        params: list[object] = []
        if guild_ids is not None:
            clauses = []
            if None in guild_ids:
                clauses.append("guild_id IS NULL")
            concrete = [g for g in guild_ids if g is not None]
            if concrete:
                clauses.append(f"guild_id IN ({','.join('?' * len(concrete))})")
                params.extend(concrete)
            sql += " WHERE " + (" OR ".join(clauses) if clauses else "0")
        sql += " ORDER BY id"
        async with self._db.execute(sql, params) as cursor:
            return [article_row(row) async for row in cursor]

    async def add_article(
        self,
        analysed: AnalysedArticle,
        *,
        title: str,
        guild_id: int | None,
        kind: str,
        added_by: int | None = None,
    ) -> ArticleRow:
        """Write one analysed article in a single transaction and bump the index generation."""
        return (await self.add_article_with_ids(analysed, title=title, guild_id=guild_id,
                                                kind=kind, added_by=added_by))[0]

    async def add_article_with_ids(
        self,
        analysed: AnalysedArticle,
        *,
        title: str,
        guild_id: int | None,
        kind: str,
        added_by: int | None = None,
    ) -> tuple[ArticleRow, list[int]]:
        """``add_article``, also giving the new sentences' ids in position order: what the
        index needs, without reading the article back."""
        async with self._write_lock:
            return await self._add_article(analysed, title=title, guild_id=guild_id, kind=kind,
                                           added_by=added_by)

    async def _add_article(self, analysed: AnalysedArticle, *, title: str,
                           guild_id: int | None, kind: str, added_by: int | None
                           ) -> tuple[ArticleRow, list[int]]:
        parsed = analysed.parsed
        try:
            await self._begin_write()
            cursor = await self._db.execute(
                "INSERT INTO articles (guild_id, scope_key, kind, title, source, author, "
                "published, body, content_hash, title_terms, paragraph_count, sentence_count, "
                "added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id, guild_id or 0, kind, title, parsed.source, parsed.author,
                    parsed.published, parsed.body, analysed.content_hash,
                    " ".join(analysed.title_terms), len(parsed.paragraphs),
                    len(analysed.sentences), added_by,
                ),
            )
            article_id = cursor.lastrowid
            await self._db.executemany(
                'INSERT INTO paragraphs (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                [(article_id, i, s, e) for i, (s, e) in enumerate(parsed.paragraphs)],
            )
            sentence_ids = await self._insert_analysis(int(article_id), analysed)
            await self._bump_generation()
            await self._db.commit()
        except sqlite3.IntegrityError as error:
            await self._db.rollback()
            raise StorageError("That article is already in the library.") from error
        except (sqlite3.Error, OSError) as error:
            await self._rollback_quietly()
            raise StorageError(
                "I couldn't save that article (the database refused the write); nothing was "
                "changed."
            ) from error
        except BaseException:
            await self._rollback_quietly()
            raise
        row = await self.get_article(int(article_id))
        assert row is not None
        return row, sentence_ids

    async def _insert_analysis(self, article_id: int, analysed: AnalysedArticle) -> list[int]:
        """An article's sentences, entities and mentions (inside the caller's transaction);
        returns the sentence ids in position order."""
        # One statement per table: each await is a round trip to aiosqlite's thread, and a
        # round trip per entity was most of the bulk-ingest parent's CPU. Ids are read back:
        # sentences' by position, entities' in id order, which is the order they were
        # inserted in (a new rowid is the largest so far plus one).
        await self._db.executemany(
            "INSERT INTO sentences (article_id, paragraph, idx, position, start, \"end\", "
            "tokens, spans, anaphoric) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id, sentence.paragraph, sentence.index, sentence.position,
                    sentence.start, sentence.end, " ".join(sentence.terms),
                    json.dumps(sentence.spans), int(sentence.anaphoric),
                )
                for sentence in analysed.sentences
            ],
        )
        async with self._db.execute(
            "SELECT id, position FROM sentences WHERE article_id = ?", (article_id,)
        ) as cursor:
            sentence_ids = {position: sid for sid, position in await cursor.fetchall()}
        await self._db.executemany(
            "INSERT INTO entities (article_id, kind, name, aliases, count) "
            "VALUES (?, ?, ?, ?, ?)",
            [(article_id, entity.kind, entity.name, json.dumps(entity.aliases), entity.count)
             for entity in analysed.entities],
        )
        async with self._db.execute(
            "SELECT id FROM entities WHERE article_id = ? ORDER BY id", (article_id,)
        ) as cursor:
            entity_ids = [entity_id for (entity_id,) in await cursor.fetchall()]
        if len(entity_ids) != len(analysed.entities):
            raise sqlite3.DatabaseError("entity ids do not match the entities written")
        await self._db.executemany(
            'INSERT INTO mentions (entity_id, sentence_id, start, "end") VALUES (?, ?, ?, ?)',
            [(entity_id, sentence_ids[m.sentence], m.start, m.end)
             for entity_id, entity in zip(entity_ids, analysed.entities, strict=True)
             for m in entity.mentions],
        )
        return [sentence_ids[position] for position in sorted(sentence_ids)]

    async def _rollback_quietly(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            await self._db.rollback()

    async def _bump_generation(self) -> None:
        await self._db.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'index_generation'"
        )

    async def delete_article(self, article_id: int) -> bool:
        async with self._write_lock:
            return await self._delete_article(article_id)

    async def _delete_article(self, article_id: int) -> bool:
        try:
            await self._begin_write()
            cursor = await self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            deleted = cursor.rowcount > 0
            if deleted:
                await self._bump_generation()
            await self._db.commit()
            return deleted
        except sqlite3.Error as error:
            await self._rollback_quietly()
            raise StorageError("I couldn't remove that article; nothing was changed.") from error

    async def load_bundle(self, article_id: int) -> ArticleBundle | None:
        """An article with its sentences and entities (what answers and entity lists need)."""
        return (await self.load_bundles([article_id])).get(article_id)

    async def load_bundles(self, article_ids: Sequence[int], *, entities: bool = True
                           ) -> dict[int, ArticleBundle]:
        """Several articles' bundles (those that exist), by id. Four queries for all of them
        (two without ``entities``, which answering never reads; ``load_entities`` adds them
        later), each one round trip to aiosqlite's thread: the reranker's candidates come
        from up to 40 articles, and a query per article and table, with a thread hop per
        batch of rows, was most of an answer's time at scale."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[int, ArticleBundle] = {}
        for chunk_start in range(0, len(ids), LOAD_CHUNK):
            out.update(await self._load_bundles(ids[chunk_start : chunk_start + LOAD_CHUNK],
                                                entities))
        return out

    async def load_entities(self, bundles: Sequence[ArticleBundle]) -> None:
        """Fill in the entities of bundles loaded without them."""
        by_id = {bundle.row.id: bundle for bundle in bundles if not bundle.entities_loaded}
        ids = list(by_id)
        for chunk_start in range(0, len(ids), LOAD_CHUNK):
            await self._fill_entities(
                {i: by_id[i] for i in ids[chunk_start : chunk_start + LOAD_CHUNK]})

    async def _load_bundles(self, ids: list[int], entities: bool) -> dict[int, ArticleBundle]:
        marks = ", ".join("?" * len(ids))
        rows = await self._db.execute_fetchall(BUNDLE_ARTICLES_SQL.format(marks=marks), ids)
        if not rows:
            return {}
        sentences = await self._db.execute_fetchall(BUNDLE_SENTENCES_SQL.format(marks=marks),
                                                    ids)
        bundles = make_bundles(rows, sentences)
        if entities:
            await self._fill_entities(bundles)
        return bundles

    async def _fill_entities(self, bundles: dict[int, ArticleBundle]) -> None:
        ids = list(bundles)
        marks = ", ".join("?" * len(ids))
        mentions = await self._db.execute_fetchall(ENTITY_MENTIONS_SQL.format(marks=marks), ids)
        entities = await self._db.execute_fetchall(ENTITIES_SQL.format(marks=marks), ids)
        attach_entities(bundles, mentions, entities)

    async def iter_index_groups(self) -> AsyncIterator[tuple[int, list[list[str]], list[int]]]:
        """Every article's sentence terms and ids, for rebuilding the index without spaCy."""
        async with self._db.execute(
            "SELECT article_id, id, tokens FROM sentences ORDER BY article_id, position"
        ) as cursor:
            current: int | None = None
            docs: list[list[str]] = []
            keys: list[int] = []
            async for article_id, sentence_id, tokens in cursor:
                if current is not None and article_id != current:
                    yield current, docs, keys
                    docs, keys = [], []
                current = article_id
                docs.append(tokens.split())
                keys.append(sentence_id)
            if current is not None:
                yield current, docs, keys

    # ------------------------------------------------------------------ re-analysis

    async def analysis_version(self) -> int:
        """The analysis rules the stored sentences and entities were made with (0: unknown)."""
        return int(await self.get_meta("analysis_version", "0") or 0)

    async def set_analysis_version(self, version: int) -> None:
        async with self._write_lock:
            await self._begin_write()
            await self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('analysis_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(version),))
            await self._db.commit()

    async def stored_texts(self) -> list[tuple[int, ParsedArticle]]:
        """Every article's text as it was parsed (body, paragraphs, metadata), to analyse it
        again when the analysis rules change."""
        paragraphs: dict[int, list[tuple[int, int]]] = {}
        async with self._db.execute(
            'SELECT article_id, start, "end" FROM paragraphs ORDER BY article_id, idx'
        ) as cursor:
            async for article_id, start, end in cursor:
                paragraphs.setdefault(article_id, []).append((start, end))
        async with self._db.execute(
            "SELECT id, body, title, source, author, published FROM articles ORDER BY id"
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            (row[0], ParsedArticle(body=row[1], paragraphs=paragraphs.get(row[0], []),
                                   title=row[2], source=row[3], author=row[4],
                                   published=row[5]))
            for row in rows
        ]

    async def replace_analysis(self, article_id: int, analysed: AnalysedArticle) -> None:
        """Swap one article's sentences and entities for a new analysis of the same text, in
        one transaction (the article keeps its id, scope and metadata)."""
        async with self._write_lock:
            try:
                await self._begin_write()
                await self._db.execute("DELETE FROM entities WHERE article_id = ?",
                                       (article_id,))
                await self._db.execute("DELETE FROM sentences WHERE article_id = ?",
                                       (article_id,))
                await self._db.execute(
                    "UPDATE articles SET title_terms = ?, sentence_count = ? WHERE id = ?",
                    (" ".join(analysed.title_terms), len(analysed.sentences), article_id))
                await self._insert_analysis(article_id, analysed)
                await self._bump_generation()
                await self._db.commit()
            except BaseException:
                await self._rollback_quietly()
                raise

    # ------------------------------------------------------------------ feedback

    async def record_feedback(
        self, *, message_id: int, guild_id: int | None, user_id: int, sentence_id: int | None,
        question: str, vote: int,
    ) -> None:
        """Store (or change) one user's vote on one answer message."""
        async with self._write_lock:
            await self._record_feedback(message_id, guild_id, user_id, sentence_id, question,
                                        vote)

    async def _record_feedback(self, message_id: int, guild_id: int | None, user_id: int,
                               sentence_id: int | None, question: str, vote: int) -> None:
        try:
            await self._begin_write()
            await self._db.execute(
                "INSERT INTO feedback (message_id, guild_id, user_id, sentence_id, question, vote)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id, user_id) DO UPDATE SET "
                "vote = excluded.vote, sentence_id = excluded.sentence_id",
                (message_id, guild_id, user_id, sentence_id, question[:2000], vote),
            )
            await self._db.commit()
        except sqlite3.Error as error:
            await self._rollback_quietly()
            raise StorageError("I couldn't save your vote just now; please try again.") from error

    async def feedback_for(self, message_id: int) -> list[tuple[int, int]]:
        async with self._db.execute(
            "SELECT user_id, vote FROM feedback WHERE message_id = ?", (message_id,)
        ) as cursor:
            return [(r[0], r[1]) async for r in cursor]

    async def integrity_check(self) -> str:
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return str(row[0])
