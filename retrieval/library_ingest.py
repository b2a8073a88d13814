"""Adding articles to the library: every kind of input, one at a time or in bulk.

Files, uploads, web pages, URLs and plain text are parsed into a ``ParsedArticle`` on the CPU
pool, analysed on the spaCy thread (or, in bulk, in forked worker processes), then stored,
indexed and listed under the ingest lock, so that an index generation is only claimed once
the index holds every article written before it. Re-ingesting the same text returns the
existing article.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.settings import Settings
from retrieval.analysis import (
    AnalysedArticle,
    analyse_article,
    analyse_in_workers,
    analyse_many,
    can_fork_workers,
    content_hash,
    start_workers,
)
from retrieval.article_catalog import ArticleCatalog
from retrieval.article_text import (
    ParsedArticle,
    check_article_size,
    check_text_looks_like_prose,
    decode_article_bytes,
    parse_text_article,
)
from retrieval.bundle_cache import BundleCache
from retrieval.errors import InvalidArticleError
from retrieval.index_persistence import IndexGroup, PersistentIndex
from retrieval.library_threads import LibraryThreads
from retrieval.store import ArticleBundle, ArticleRow, Store

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
#: Articles a bulk ingest stores before adding them to the index together (see
#: ``ingest_many``); other ingests and removals wait for at most one batch.
INDEX_BATCH = 32


@dataclass(frozen=True, slots=True)
class IngestResult:
    article: ArticleRow
    created: bool


class ArticleIngester:
    """Parses, analyses and stores articles; keeps the index, the catalog and the bundle
    cache in step with what it stores. ``lock`` is the library's write lock (removals take
    it too)."""

    def __init__(self, settings: Settings, store: Store, threads: LibraryThreads,
                 persistent_index: PersistentIndex, cache: BundleCache,
                 catalog: ArticleCatalog, lock: asyncio.Lock) -> None:
        self.settings = settings
        self.store = store
        self.threads = threads
        self.persistent_index = persistent_index
        self.cache = cache
        self.catalog = catalog
        self.lock = lock
        #: Told of each article stored one at a time (not bulk ingest), with its bundle: the
        #: library encodes its sentences for the similarity model ahead of questions.
        self.on_stored: Callable[[ArticleBundle], None] | None = None

    async def ingest_seeds(self) -> list[IngestResult]:
        seeds = sorted(p for p in self.settings.seeds_dir.glob("*") if p.is_file()
                       and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
                       and not p.name.startswith("."))
        results = []
        for path in seeds:
            try:
                results.append(await self.ingest_path(path, kind="seed"))
            except InvalidArticleError as error:
                log.warning("seed %s skipped: %s", path.name, error)
        return results

    async def ingest_path(self, path: Path | str, *, guild_id: int | None = None,
                          added_by: int | None = None, kind: str = "user") -> IngestResult:
        path = Path(path)
        data = self._read_article_file(path)
        return await self.ingest_bytes(data, filename=path.name, guild_id=guild_id,
                                       added_by=added_by, kind=kind)

    def _read_article_file(self, path: Path) -> bytes:
        """A file's bytes, refused by its size before it is read."""
        if not path.is_file():
            raise InvalidArticleError(f"There is no file at {path}.")
        check_article_size(path.stat().st_size, self.settings.max_article_bytes)
        return path.read_bytes()

    async def ingest_bytes(self, data: bytes, *, filename: str = "", content_type: str = "",
                           guild_id: int | None = None, added_by: int | None = None,
                           kind: str = "user", source: str | None = None) -> IngestResult:
        """An uploaded or downloaded file: HTML goes through trafilatura, text is parsed."""
        parsed = await self.threads.cpu(self._parse_bytes, data, filename, content_type, source)
        return await self.ingest_parsed(parsed, guild_id=guild_id, added_by=added_by, kind=kind)

    def _parse_bytes(self, data: bytes, filename: str, content_type: str,
                     source: str | None) -> ParsedArticle:
        suffix = Path(filename).suffix.lower()
        looks_html = suffix in HTML_SUFFIXES or "html" in content_type or (
            suffix not in TEXT_SUFFIXES and data.lstrip()[:200].lower().startswith(
                (b"<!doctype html", b"<html")
            )
        )
        if looks_html:
            return self._parse_html(data, source, None)
        if suffix not in TEXT_SUFFIXES and not content_type.startswith("text/"):
            raise InvalidArticleError(
                "I can read .txt, .md and .html articles (or a link to a web page)."
            )
        text = decode_article_bytes(data, self.settings.max_article_bytes)
        parsed = parse_text_article(text, markdown=suffix in {".md", ".markdown"}
                                    or "markdown" in content_type)
        if source and not parsed.source:
            parsed = _with(parsed, source=source)
        return parsed

    def _parse_html(self, data: bytes, url: str | None, charset: str | None) -> ParsedArticle:
        from retrieval.html_extract import ExtractionError, extract_html

        if len(data) > self.settings.max_article_bytes * 5:
            raise InvalidArticleError("That page is too large to be an article.")
        try:
            extracted = extract_html(data, url, charset=charset)
        except ExtractionError as error:
            # Callers (seeds, bulk ingest) skip an article on InvalidArticleError; a page
            # without article text is exactly that, not a reason to stop.
            raise InvalidArticleError(str(error)) from error
        check_text_looks_like_prose(extracted.text)
        parsed = parse_text_article(extracted.text)
        return _with(
            parsed,
            title=extracted.title or parsed.title,
            source=extracted.url or url,
            author=extracted.author or parsed.author,
            published=extracted.published,
        )

    async def ingest_url(self, url: str, *, guild_id: int | None = None,
                         added_by: int | None = None) -> IngestResult:
        from retrieval.fetch import fetch_url

        page = await fetch_url(url, self.settings)
        if "html" in page.content_type:
            parsed = await self.threads.cpu(self._parse_html, page.content, page.url, page.charset)
        else:
            parsed = await self.threads.cpu(
                self._parse_bytes, page.content, page.url.rsplit("/", 1)[-1],
                page.content_type, page.url,
            )
        parsed = _with(parsed, source=parsed.source or page.url)
        return await self.ingest_parsed(parsed, guild_id=guild_id, added_by=added_by)

    async def ingest_text(self, text: str, *, guild_id: int | None = None,
                          added_by: int | None = None, kind: str = "user") -> IngestResult:
        parsed = await self.threads.cpu(parse_text_article, text)
        return await self.ingest_parsed(parsed, guild_id=guild_id, added_by=added_by, kind=kind)

    async def ingest_parsed(self, parsed: ParsedArticle, *, guild_id: int | None = None,
                            added_by: int | None = None, kind: str = "user") -> IngestResult:
        """Analyse and store one article, unless the same text is already visible here."""
        async with self.lock:
            existing = await self.store.find_by_hash(content_hash(parsed), guild_id)
            if existing is not None:
                return IngestResult(existing, created=False)
            nlp = await self.threads.nlp()
            analysed = await self.threads.nlp_call(analyse_article, nlp, parsed)
            return await self._store_analysed(analysed, guild_id, added_by, kind)

    async def _store_analysed(self, analysed: AnalysedArticle, guild_id: int | None,
                              added_by: int | None, kind: str, *, save: bool = True,
                              remember: bool = True,
                              index_later: list[IndexGroup] | None = None) -> IngestResult:
        """Store, index and list one article. ``remember=False`` (bulk ingest) skips reading
        it back into the bundle cache: four queries an article for a cache that a large bulk
        ingest only churns. With ``index_later`` the article's index group is appended there
        for ``_index_pending`` (the caller keeps the ingest lock until then)."""
        if not analysed.sentences:
            raise InvalidArticleError("I found no sentences in that article.")
        title = analysed.parsed.title or _fallback_title(analysed)
        row, sentence_ids = await self.store.add_article_with_ids(
            analysed, title=title, guild_id=guild_id, kind=kind, added_by=added_by)
        # the terms as stored (and as a rebuild from the database reads them)
        group = (row.id, [" ".join(s.terms).split() for s in analysed.sentences], sentence_ids)
        if index_later is not None:
            index_later.append(group)
        else:
            # (callers hold the ingest lock: no other write has bumped the generation since)
            await self.persistent_index.add_group(*group)
        self.catalog.rows[row.id] = row
        self.catalog.invalidate_views()
        if remember:
            bundle = await self.store.load_bundle(row.id)
            assert bundle is not None
            self.cache.remember(bundle)
            if self.on_stored is not None:
                self.on_stored(bundle)
        if save:
            self.persistent_index.schedule_save()
        return IngestResult(row, created=True)

    async def ingest_many(self, paths: Sequence[Path], *, n_process: int = 1,
                          progress: Callable[[int], None] | None = None
                          ) -> list[IngestResult | InvalidArticleError]:
        """Bulk ingest for the CLI: parse everything, run spaCy as one stream (on several
        processes when asked), then store each article as it comes out."""
        parsed: list[ParsedArticle] = []
        results: list[IngestResult | InvalidArticleError | None] = []
        slots: list[int] = []
        for path in paths:
            try:
                data = self._read_article_file(Path(path))
                article = await self.threads.cpu(self._parse_bytes, data, Path(path).name, "", None)
                existing = await self.store.find_by_hash(content_hash(article), None)
                if existing is not None:
                    results.append(IngestResult(existing, created=False))
                    continue
                slots.append(len(results))
                results.append(None)
                parsed.append(article)
            except InvalidArticleError as error:
                results.append(error)
        if parsed:
            nlp = await self.threads.nlp()
            number = 0
            seen_hashes: dict[str, IngestResult] = {}
            # Stored articles wait here for one index add per batch: an add per article
            # (a new segment, merged, and the statistics published) was a quarter of the
            # parent's CPU. The ingest lock is held from a batch's first write until its add,
            # so no other ingest or removal claims an index generation that lacks them.
            pending: list[IndexGroup] = []
            held = False
            try:
                async with contextlib.aclosing(
                        self._analysed_stream(nlp, parsed, n_process)) as stream:
                    async for analysed in stream:
                        slot = slots[number]
                        number += 1
                        try:
                            if analysed.content_hash in seen_hashes:
                                duplicate = seen_hashes[analysed.content_hash]
                                results[slot] = IngestResult(duplicate.article, created=False)
                            else:
                                if not held:
                                    await self.lock.acquire()
                                    held = True
                                try:
                                    stored = await self._store_analysed(
                                        analysed, None, None, "user", save=False,
                                        remember=False, index_later=pending)
                                finally:
                                    if len(pending) >= INDEX_BATCH or not pending:
                                        await self._index_pending(pending)
                                        self.lock.release()
                                        held = False
                                results[slot] = seen_hashes[analysed.content_hash] = stored
                        except InvalidArticleError as error:
                            results[slot] = error
                        if progress:
                            progress(len(analysed.sentences))
            finally:
                if held:
                    try:
                        await self._index_pending(pending)
                    finally:
                        self.lock.release()
                if seen_hashes:
                    # One save for the whole run: a save per article rewrote the growing
                    # index back to back (half the parent's work). A crash before it means a
                    # rebuild from the database on restart, as for any unsaved change.
                    self.persistent_index.schedule_save()
        return [r for r in results if r is not None]

    async def _index_pending(self, pending: list[IndexGroup]) -> None:
        """Add bulk-stored articles to the index in one go (the caller holds the ingest lock
        since the first of them was written)."""
        if pending:
            await self.persistent_index.add_pending(pending)

    async def _analysed_stream(self, nlp: Language, parsed: list[ParsedArticle],
                               n_process: int) -> AsyncIterator[AnalysedArticle]:
        """Analysed articles in order, produced on the spaCy thread while the event loop
        stores the ones already done. With several processes, forked workers do the whole
        analysis of an article each (the parent only stores); they fork here, on the main
        thread."""
        pool = None
        stream: Iterator[AnalysedArticle] | None = None
        if (n_process > 1 and len(parsed) > 1 and can_fork_workers()
                and threading.current_thread() is threading.main_thread()):
            n_process = min(n_process, len(parsed))
            pool = start_workers(nlp, n_process)
            stream = analyse_in_workers(pool, parsed, n_process)
        queue: asyncio.Queue[AnalysedArticle | None] = asyncio.Queue(maxsize=64)
        loop = asyncio.get_running_loop()

        stop = threading.Event()

        def produce() -> None:
            try:
                for analysed in stream if stream is not None else analyse_many(nlp, parsed):
                    if stop.is_set():
                        break
                    asyncio.run_coroutine_threadsafe(queue.put(analysed), loop).result()
            finally:
                asyncio.run_coroutine_threadsafe(queue.put(None), loop).result()

        producer = loop.run_in_executor(self.threads.nlp_executor, produce)
        try:
            while (analysed := await queue.get()) is not None:
                yield analysed
            await producer
        finally:
            # The caller may stop early (a storage error): tell the producer, and take what
            # it is blocked on putting, so the spaCy thread is free for the next caller.
            stop.set()
            while not producer.done():
                try:
                    queue.get_nowait()
                except asyncio.QueueEmpty:
                    await asyncio.sleep(0.01)
            if pool is not None:
                # every task is done, or the caller gave up: no waiting for the workers
                pool.shutdown(wait=False, cancel_futures=True)


def _with(parsed: ParsedArticle, **changes: Any) -> ParsedArticle:
    return replace(parsed, **{k: v for k, v in changes.items() if v is not None})


def _fallback_title(analysed: AnalysedArticle) -> str:
    """No title given: the start of the first sentence, shortened."""
    first = analysed.sentences[0]
    text = " ".join(analysed.parsed.body[first.start : first.end].split())
    return text if len(text) <= 80 else text[:79].rsplit(" ", 1)[0] + "…"
