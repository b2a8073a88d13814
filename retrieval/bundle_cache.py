"""Articles' bundles (rows, sentences, entities) read from the database and kept in an LRU.

The answer path reads only what it needs: the BM25 candidates' rows and their neighbours
(partial bundles, ``SentenceRows.partial``), on the CPU pool with the plain ``BundleReader``
rather than through aiosqlite's one connection; the rest of a bundle is read when something
asks for it. Entity listing and summaries ask for whole bundles.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from retrieval.answer_data import prepare_for_reranking
from retrieval.bundle_reader import BundleReader
from retrieval.errors import ArticleNotFoundError
from retrieval.library_threads import LibraryThreads
from retrieval.sentence_rows import rows_by_article
from retrieval.store import ArticleBundle, Store

log = logging.getLogger(__name__)

BUNDLE_CACHE_SIZE = 512


class BundleCache:
    """The bundles most recently read or stored, and the reads that fill it."""

    def __init__(self, db_path: Path | str, store: Store, threads: LibraryThreads) -> None:
        self.store = store
        self.threads = threads
        self._bundles: OrderedDict[int, ArticleBundle] = OrderedDict()
        #: Reads the answer path's bundles on the worker thread (None: an in-memory database,
        #: which a second connection would not see).
        self.reader = (None if str(db_path) == ":memory:" else BundleReader(Path(db_path)))

    def __contains__(self, article_id: int) -> bool:
        return article_id in self._bundles

    def cached(self, article_id: int) -> ArticleBundle | None:
        """The cached bundle of ``article_id`` (whole or partial), without reading anything."""
        return self._bundles.get(article_id)

    def discard(self, article_id: int) -> None:
        self._bundles.pop(article_id, None)

    def clear(self) -> None:
        self._bundles.clear()

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()

    def remember(self, bundle: ArticleBundle) -> None:
        """Cache ``bundle`` (prepared for the reranker), evicting the least recently used."""
        prepare_for_reranking(bundle)
        self._bundles[bundle.row.id] = bundle
        self._bundles.move_to_end(bundle.row.id)
        while len(self._bundles) > BUNDLE_CACHE_SIZE:
            self._bundles.popitem(last=False)

    async def bundle(self, article_id: int) -> ArticleBundle:
        """One article's bundle, entities included."""
        cached = self._bundles.get(article_id)
        if cached is not None and cached.sentences.whole:
            self._bundles.move_to_end(article_id)
            if not cached.entities_loaded:
                await self.store.load_entities([cached])
            return cached
        bundle = await self.store.load_bundle(article_id)
        if bundle is None:
            raise ArticleNotFoundError(f"There is no article #{article_id}.")
        self.remember(bundle)
        return bundle

    async def bundles(self, article_ids: Iterable[int], *,
                      wanted: dict[int, list[int]] | None = None) -> dict[int, ArticleBundle]:
        """The bundles of several articles (those that exist), by id, for answering: cached
        ones from the cache, the rest loaded together (one read transaction). With
        ``wanted`` (per article, the sentence ids the answer path reads: BM25's hits and
        their neighbours) they may be partial: those rows only, the rest read when
        something asks for it (``SentenceRows.partial``); without it, whole."""
        out: dict[int, ArticleBundle] = {}
        missing: list[int] = []
        rows_wanted: list[int] = []
        for article_id in dict.fromkeys(article_ids):
            cached = self._bundles.get(article_id)
            if cached is None or (wanted is None and not cached.sentences.whole):
                missing.append(article_id)
                if wanted is not None:
                    rows_wanted.extend(wanted.get(article_id, ()))
            else:
                self._bundles.move_to_end(article_id)
                out[article_id] = cached
                if wanted is not None and not cached.sentences.whole:
                    rows_wanted.extend(i for i in wanted.get(article_id, ())
                                       if not cached.sentences.holds(i))
        if missing or rows_wanted:
            loaded, rows = await self.load_for_answers(
                missing, None if wanted is None else rows_wanted)
            if rows:
                # each cached partial bundle takes its own rows only
                by_article = rows_by_article(rows)
                for article_id, bundle in out.items():
                    own = by_article.get(article_id)
                    if own:
                        bundle.sentences.add_rows(own)
            for article_id, bundle in loaded.items():
                self.remember(bundle)
                out[article_id] = bundle
        return out

    async def load_for_answers(self, article_ids: list[int], wanted: list[int] | None = None
                               ) -> tuple[dict[int, ArticleBundle], list[tuple[object, ...]]]:
        """Bundles, entities included (the reranker reads what sentences call them), and the
        rows of ``wanted``: on the worker thread with the plain reader (see
        ``BundleReader``) — partial bundles when there is ``wanted`` — or whole bundles
        through the store when there is no reader or it fails."""
        if self.reader is not None:
            try:
                if wanted is None:
                    return await self.threads.cpu(self.reader.read, article_ids), []
                return await self.threads.cpu(self.reader.read_partial, article_ids, wanted)
            except sqlite3.Error as error:
                log.warning("bundle reader failed (%s); reading through the store", error)
        return await self.store.load_bundles(article_ids), []
