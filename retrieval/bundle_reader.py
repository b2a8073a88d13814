"""A second, plain ``sqlite3`` connection that reads the answer path's bundles on the
library's worker thread.

Why: through aiosqlite, loading a question's ~40 candidate articles at scale cost ~8.5 ms
CPU (two hops to its thread and back through the event loop, and a ``sqlite3.Row`` per
sentence row); read where the answer is computed, as plain tuples, ~5.5 ms. WAL mode lets
this connection read while the main one writes; each read is one transaction, so the
articles and their sentences come from the same snapshot.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from retrieval.store import LOAD_CHUNK, connect_read_only
from retrieval.stored_bundles import (
    ARTICLE_SENTENCES_SQL,
    BUNDLE_ARTICLES_SQL,
    BUNDLE_SENTENCES_SQL,
    ENTITIES_SQL,
    ENTITY_MENTION_POSITIONS_SQL,
    ENTITY_MENTIONS_SQL,
    PARAGRAPH_RUNS_SQL,
    SENTENCES_BY_ID_SQL,
    ArticleBundle,
    attach_entities,
    make_bundles,
    make_partial_bundles,
)


class BundleReader:
    """Reads whole bundles (entities included: the reranker's references read them) from any
    thread, one read at a time."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._closed = False

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = connect_read_only(self._path)
        return self._connection

    def read(self, article_ids: list[int]) -> dict[int, ArticleBundle]:
        """The bundles of those articles that exist, by id."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[int, ArticleBundle] = {}
        with self._lock:
            if self._closed:
                raise sqlite3.ProgrammingError("the bundle reader is closed")
            connection = self._connect()
            for chunk_start in range(0, len(ids), LOAD_CHUNK):
                chunk = ids[chunk_start : chunk_start + LOAD_CHUNK]
                marks = ", ".join("?" * len(chunk))
                connection.execute("BEGIN")
                try:
                    articles = connection.execute(
                        BUNDLE_ARTICLES_SQL.format(marks=marks), chunk).fetchall()
                    sentences = connection.execute(
                        BUNDLE_SENTENCES_SQL.format(marks=marks), chunk).fetchall() \
                        if articles else []
                    # the reranker reads what sentences call their entities (surnames,
                    # acronyms, descriptions: retrieval/references.py)
                    mentions = connection.execute(
                        ENTITY_MENTIONS_SQL.format(marks=marks), chunk).fetchall() \
                        if articles else []
                    entities = connection.execute(
                        ENTITIES_SQL.format(marks=marks), chunk).fetchall() \
                        if articles else []
                finally:
                    connection.execute("COMMIT")
                bundles = make_bundles(articles, sentences)
                attach_entities(bundles, mentions, entities)
                out.update(bundles)
        return out

    def read_partial(self, article_ids: list[int], sentence_ids: list[int]
                     ) -> tuple[dict[int, ArticleBundle], list[tuple[object, ...]]]:
        """Partial bundles of those articles that exist (their text, paragraphs, entities and
        the rows of ``sentence_ids`` among theirs: see ``SentenceRows.partial``), and the rows
        of ``sentence_ids`` (for partial bundles read earlier), in one read transaction."""
        ids = list(dict.fromkeys(article_ids))
        wanted = list(dict.fromkeys(sentence_ids))
        out: dict[int, ArticleBundle] = {}
        rows: list[tuple[object, ...]] = []
        with self._lock:
            if self._closed:
                raise sqlite3.ProgrammingError("the bundle reader is closed")
            connection = self._connect()
            connection.execute("BEGIN")
            try:
                for start in range(0, len(wanted), LOAD_CHUNK):
                    chunk = wanted[start:start + LOAD_CHUNK]
                    rows.extend(connection.execute(SENTENCES_BY_ID_SQL.format(
                        marks=", ".join("?" * len(chunk))), chunk).fetchall())
                for start in range(0, len(ids), LOAD_CHUNK):
                    chunk = ids[start:start + LOAD_CHUNK]
                    marks = ", ".join("?" * len(chunk))
                    articles = connection.execute(
                        BUNDLE_ARTICLES_SQL.format(marks=marks), chunk).fetchall()
                    if not articles:
                        continue
                    runs = connection.execute(
                        PARAGRAPH_RUNS_SQL.format(marks=marks), chunk).fetchall()
                    mentions = connection.execute(
                        ENTITY_MENTION_POSITIONS_SQL.format(marks=marks), chunk).fetchall()
                    entities = connection.execute(
                        ENTITIES_SQL.format(marks=marks), chunk).fetchall()
                    bundles = make_partial_bundles(articles, runs, rows, self.read_rows)
                    attach_entities(bundles, mentions, entities, positions=True)
                    out.update(bundles)
            finally:
                connection.execute("COMMIT")
        return out, rows

    def read_rows(self, article_id: int) -> list[tuple[object, ...]]:
        """Every sentence row of one article in position order (a partial bundle's rest)."""
        with self._lock:
            if self._closed:
                raise sqlite3.ProgrammingError("the bundle reader is closed")
            return self._connect().execute(ARTICLE_SENTENCES_SQL, (article_id,)).fetchall()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._connection is not None:
                self._connection.close()
                self._connection = None
