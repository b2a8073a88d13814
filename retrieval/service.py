"""The library of articles: the one interface the CLI, the bot and the benchmarks use.

It owns the store (SQLite), the BM25 index and the spaCy pipeline, and keeps CPU work off the
event loop: spaCy runs on one dedicated thread (the pipeline is not meant to be shared between
threads), BM25 search and reranking on a small pool. The Discord bot also starts a question
worker process (``start_question_worker``, ``retrieval.question_worker``) that reads questions
outside this process's GIL. Everything a caller gets back is plain data.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import math
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from config.settings import Settings
from retrieval.analysis import (
    ANALYSIS_VERSION,
    AnalysedArticle,
    analyse_article,
    analyse_in_workers,
    analyse_many,
    can_fork_workers,
    content_hash,
    start_workers,
)
from retrieval.answer_data import prepare_for_reranking
from retrieval.answers import MIN_COVERAGE, AskResult, choose_answers, lede_answer
from retrieval.article_text import (
    ParsedArticle,
    check_article_size,
    check_text_looks_like_prose,
    decode_article_bytes,
    parse_text_article,
)
from retrieval.bm25_index import BM25Index, IndexFormatError
from retrieval.bundle_reader import BundleReader
from retrieval.errors import ArticleNotFoundError, InvalidArticleError
from retrieval.lexicon import warm_up_lexicon
from retrieval.nlp import load_pipeline
from retrieval.paragraph_counts import count_paragraph_terms
from retrieval.question import Question, analyse_question, analyse_questions, asks_for_summary
from retrieval.question_batcher import QuestionBatcher
from retrieval.question_worker import QuestionWorker, WorkerUnavailable
from retrieval.scope import Scope
from retrieval.store import ArticleBundle, ArticleRow, Store, StoredSentence

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
T = TypeVar("T")

#: BM25 candidates handed to the reranker.
CANDIDATES = 40
#: The sentences read around a BM25 hit, by id offset (an article's sentence ids are
#: consecutive): the one before (what it leans on, the answer's context) and the one after;
#: for the ten strongest hits also the one after that (``_candidates`` adds the following
#: sentence when it leans on the hit). Anything else the reranker reads, it reads then.
CONTEXT_READ = (-1, 0, 1)
CONTEXT_READ_STRONG = (-1, 0, 1, 2)
#: Scopes up to this many sentences are reranked whole (see ``_whole_scope``).
WHOLE_SCOPE_SENTENCES = 200
#: Articles whose vocabulary ``warm_up`` looks up in WordNet ahead of the first question.
WARM_UP_ARTICLES = 10
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
BUNDLE_CACHE_SIZE = 512
#: Articles a bulk ingest stores before adding them to the index together (see
#: ``ingest_many``); other ingests and removals wait for at most one batch.
INDEX_BATCH = 32
#: An article's index group: its id, its sentences' terms and its sentences' ids.
IndexGroup = tuple[int, list[list[str]], list[int]]
#: Articles analysed per trip to the spaCy thread when stored articles are analysed again.
REANALYSIS_BATCH = 64
#: Up to this many stored sentences (about a minute of spaCy), articles stored under older
#: analysis rules are analysed again when the library opens; above it, on request
#: (``python -m bot reanalyse``).
REANALYSE_AT_START_SENTENCES = 20_000
#: Middle-generation collections between full ones (``gc.set_threshold``'s third value,
#: default 10); see ``warm_up``.
FULL_COLLECTION_EVERY = 100


@dataclass(frozen=True, slots=True)
class IngestResult:
    article: ArticleRow
    created: bool


@dataclass(slots=True)
class MentionInfo:
    article_id: int
    paragraph: int
    sentence: int
    text: str


@dataclass(slots=True)
class EntityInfo:
    name: str
    kind: str
    count: int
    aliases: list[str] = field(default_factory=list)
    mentions: list[MentionInfo] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)


class ArticleLibrary:
    """Open with ``await ArticleLibrary.open(settings)``; close with ``await lib.close()``."""

    def __init__(self, settings: Settings, store: Store, index: BM25Index) -> None:
        self.settings = settings
        self.store = store
        self.index = index
        self._nlp_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spacy")
        self._cpu_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bm25")
        self._nlp: Language | None = None
        self._questions = QuestionBatcher(self._analyse_batch)
        #: Reads questions in another process once started (``start_question_worker``).
        self._question_worker: QuestionWorker | None = None
        #: Question batches read by the worker process and by the spaCy thread here.
        self.question_batches = {"process": 0, "thread": 0}
        self._bundles: OrderedDict[int, ArticleBundle] = OrderedDict()
        #: Reads the answer path's bundles on the worker thread (None: an in-memory database,
        #: which a second connection would not see).
        self._reader = (None if str(settings.db_path) == ":memory:"
                        else BundleReader(Path(settings.db_path)))
        self._rows: dict[int, ArticleRow] = {}
        self._ingest_lock = asyncio.Lock()
        self._save_task: asyncio.Task[None] | None = None
        self._save_wanted = False
        self._visible: dict[Scope, list[int]] = {}
        self._visible_sets: dict[Scope, frozenset[int]] = {}
        self._entity_lists: dict[tuple[Scope, int | None, str | None],
                                 dict[str, list[EntityInfo]]] = {}
        #: The database generation the in-memory index holds. A save is labelled with this,
        #: never with the database's own generation, which is bumped (at commit) before the
        #: article reaches the index: a save in between, then a crash, would otherwise leave
        #: a saved index that claims an article it lacks, and it would be loaded, not rebuilt.
        self._indexed_generation = 0

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    async def open(cls, settings: Settings, *, ingest_seeds: bool = True,
                   reanalyse: bool | None = None) -> ArticleLibrary:
        """Open the database (creating/upgrading it), load or rebuild the index, and ingest
        the seed articles when the database is empty. Articles stored under older analysis
        rules are analysed again: always with ``reanalyse=True``, never with False, and by
        default when there are few enough of them to do it at start (see
        ``REANALYSE_AT_START_SENTENCES``)."""
        store = await Store.open(settings.db_path)
        library = cls(settings, store, BM25Index())
        try:
            await library._refresh_analyses(reanalyse)
            await library._load_index()
            for row in await store.list_articles():
                library._rows[row.id] = row
            if ingest_seeds and not library._rows:
                await library.ingest_seeds()
        except BaseException:
            await library.close()
            raise
        return library

    async def close(self) -> None:
        try:
            await self._questions.close()
            if self._save_task is not None:
                with contextlib.suppress(Exception):
                    await self._save_task
        finally:
            try:
                if self._question_worker is not None:
                    await self._question_worker.close()
            finally:
                await self._close_store_and_threads()

    async def _close_store_and_threads(self) -> None:
        try:
            await self.store.close()
        finally:
                self._nlp_executor.shutdown(wait=False, cancel_futures=True)
                self._cpu_executor.shutdown(wait=False, cancel_futures=True)
                if self._reader is not None:
                    self._reader.close()

    async def __aenter__(self) -> ArticleLibrary:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _refresh_analyses(self, reanalyse: bool | None = None) -> int:
        """Analyse the stored articles again when the analysis rules (index terms, entity
        rules) changed since they were stored, so that an upgrade improves old articles too.
        The articles keep their ids; the index is rebuilt from the new terms. Returns how
        many articles were analysed again."""
        stored = await self.store.analysis_version()
        if reanalyse is False or (stored == ANALYSIS_VERSION and reanalyse is not True):
            return 0
        if reanalyse is None and await self.store.count_sentences() > (
                REANALYSE_AT_START_SENTENCES):
            # spaCy at a few hundred sentences a second: a big library would keep the bot
            # from starting for many minutes, so the operator chooses when
            log.warning("the stored articles were analysed with older rules (%d, now %d); run "
                        "`python -m bot reanalyse` to bring them up to date", stored,
                        ANALYSIS_VERSION)
            return 0
        texts = await self.store.stored_texts()
        if texts:
            log.info("analysing %d stored articles again (analysis rules %d → %d)",
                     len(texts), stored, ANALYSIS_VERSION)
            nlp = await self.nlp()
            for start in range(0, len(texts), REANALYSIS_BATCH):
                batch = texts[start:start + REANALYSIS_BATCH]
                analysed = await self._nlp_call(
                    lambda items: list(analyse_many(nlp, items)), [p for _, p in batch])
                for (article_id, _), result in zip(batch, analysed, strict=True):
                    await self.store.replace_analysis(article_id, result)
        await self.store.set_analysis_version(ANALYSIS_VERSION)
        return len(texts)

    async def reanalyse(self) -> int:
        """Analyse every stored article again with the current rules and rebuild the index
        (``python -m bot reanalyse``); returns how many articles."""
        count = await self._refresh_analyses(True)
        await self._load_index()
        self._rows = {row.id: row for row in await self.store.list_articles()}
        self._bundles.clear()
        self._invalidate_views()
        return count

    @property
    def index_dir(self) -> Path:
        return Path(str(self.settings.db_path) + ".index")

    def _generation_file(self) -> Path:
        return Path(str(self.settings.db_path) + ".index.generation")

    async def _load_index(self) -> None:
        """Use the saved index when it matches the database; otherwise rebuild it from the
        stored tokens (no spaCy) and save it."""
        generation = await self.store.index_generation()
        saved = self._generation_file()
        if self.index_dir.exists() and saved.exists() and saved.read_text().strip() == str(
            generation
        ):
            try:
                self.index = await self._cpu(BM25Index.load, self.index_dir)
                self._indexed_generation = generation
                return
            except IndexFormatError as error:
                log.warning("saved index unusable (%s); rebuilding from the database", error)
        index = BM25Index()
        groups = [item async for item in self.store.iter_index_groups()]
        if groups:
            await self._cpu(index.add_groups, groups)
        self.index = index
        self._indexed_generation = generation
        await self._save_index(generation)

    async def _save_index(self, generation: int | None = None) -> None:
        if generation is None:
            generation = self._indexed_generation
        if str(self.settings.db_path) == ":memory:":
            return
        await self._cpu(self.index.save, self.index_dir)
        self._generation_file().write_text(str(generation))

    def _schedule_save(self) -> None:
        """Persist the index after a change, in the background; ingest does not wait for it.
        Changes made while a save runs are coalesced into one more save. If the process dies
        first, the generation check rebuilds the index on restart."""
        self._save_wanted = True
        if self._save_task is None or self._save_task.done():
            self._save_task = asyncio.get_running_loop().create_task(self._saver())

    async def _saver(self) -> None:
        while self._save_wanted:
            self._save_wanted = False
            try:
                await self._save_index()
            except Exception:
                log.exception("could not save the index; it will be rebuilt on restart")

    async def wait_saved(self) -> None:
        while self._save_task is not None and not self._save_task.done():
            await self._save_task

    # ------------------------------------------------------------------ executors

    async def _cpu(self, func: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(
            self._cpu_executor, partial(func, *args)
        )

    async def _nlp_call(self, func: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(
            self._nlp_executor, partial(func, *args)
        )

    async def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = await self._nlp_call(load_pipeline, self.settings.spacy_model)
        return self._nlp

    async def warm_up(self) -> None:
        """Load spaCy and WordNet now, and look up the related words of the seed articles'
        vocabulary, so that the first questions are about as fast as the rest."""
        nlp = await self.nlp()
        await self._nlp_call(analyse_question, nlp, "Who said what where, and how many died?")
        vocabulary: set[str] = set()
        for row in list(self._rows.values())[:WARM_UP_ARTICLES]:
            bundle = await self.bundle(row.id)
            for sentence in bundle.sentences:
                vocabulary.update(sentence.terms)
        await self._cpu(warm_up_lexicon, sorted(vocabulary))
        # Everything loaded so far (spaCy, WordNet, the index, the article rows) lives as long
        # as the process: move it out of the garbage collector's generations, or every full
        # collection walks it again — pauses of 0.2–0.5 s at 200k sentences, the whole p99.
        # Collect first, so that no garbage of the start-up is frozen with it.
        gc.collect()
        gc.freeze()
        # What stays is mostly the bundle cache (~25k sentences at scale, ~20 ms to walk), and
        # each answer at scale allocates a few thousand objects: with the default third
        # threshold a full collection came every ~15 answers. Every ~150 keeps it off the p99;
        # only cyclic garbage waits longer (reference counting frees the rest at once), and
        # the answer path makes little of it.
        young, middle, full = gc.get_threshold()
        gc.set_threshold(young, middle, max(full, FULL_COLLECTION_EVERY))

    # ------------------------------------------------------------------ ingest

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
        parsed = await self._cpu(self._parse_bytes, data, filename, content_type, source)
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
            parsed = await self._cpu(self._parse_html, page.content, page.url, page.charset)
        else:
            parsed = await self._cpu(
                self._parse_bytes, page.content, page.url.rsplit("/", 1)[-1],
                page.content_type, page.url,
            )
        parsed = _with(parsed, source=parsed.source or page.url)
        return await self.ingest_parsed(parsed, guild_id=guild_id, added_by=added_by)

    async def ingest_text(self, text: str, *, guild_id: int | None = None,
                          added_by: int | None = None, kind: str = "user") -> IngestResult:
        parsed = await self._cpu(parse_text_article, text)
        return await self.ingest_parsed(parsed, guild_id=guild_id, added_by=added_by, kind=kind)

    async def ingest_parsed(self, parsed: ParsedArticle, *, guild_id: int | None = None,
                            added_by: int | None = None, kind: str = "user") -> IngestResult:
        """Analyse and store one article, unless the same text is already visible here."""
        async with self._ingest_lock:
            existing = await self.store.find_by_hash(content_hash(parsed), guild_id)
            if existing is not None:
                return IngestResult(existing, created=False)
            nlp = await self.nlp()
            analysed = await self._nlp_call(analyse_article, nlp, parsed)
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
            await self._cpu(self.index.add_group, *group)
            # (callers hold the ingest lock: no other write has bumped the generation since)
            self._indexed_generation = await self.store.index_generation()
        self._rows[row.id] = row
        self._invalidate_views()
        if remember:
            bundle = await self.store.load_bundle(row.id)
            assert bundle is not None
            self._remember(bundle)
        if save:
            self._schedule_save()
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
                article = await self._cpu(self._parse_bytes, data, Path(path).name, "", None)
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
            nlp = await self.nlp()
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
                                    await self._ingest_lock.acquire()
                                    held = True
                                try:
                                    stored = await self._store_analysed(
                                        analysed, None, None, "user", save=False,
                                        remember=False, index_later=pending)
                                finally:
                                    if len(pending) >= INDEX_BATCH or not pending:
                                        await self._index_pending(pending)
                                        self._ingest_lock.release()
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
                        self._ingest_lock.release()
                if seen_hashes:
                    # One save for the whole run: a save per article rewrote the growing
                    # index back to back (half the parent's work). A crash before it means a
                    # rebuild from the database on restart, as for any unsaved change.
                    self._schedule_save()
        return [r for r in results if r is not None]

    async def _index_pending(self, pending: list[IndexGroup]) -> None:
        """Add bulk-stored articles to the index in one go (the caller holds the ingest lock
        since the first of them was written)."""
        if pending:
            await self._cpu(self.index.add_groups, list(pending))
            pending.clear()
            self._indexed_generation = await self.store.index_generation()

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

        producer = loop.run_in_executor(self._nlp_executor, produce)
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

    # ------------------------------------------------------------------ reading

    def _remember(self, bundle: ArticleBundle) -> None:
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
        self._remember(bundle)
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
            loaded, rows = await self._load_for_answers(
                missing, None if wanted is None else rows_wanted)
            if rows:
                for bundle in out.values():
                    bundle.sentences.add_rows(rows)
            for article_id, bundle in loaded.items():
                self._remember(bundle)
                out[article_id] = bundle
        return out

    async def _load_for_answers(self, article_ids: list[int], wanted: list[int] | None = None
                                ) -> tuple[dict[int, ArticleBundle], list[tuple[object, ...]]]:
        """Bundles, entities included (the reranker reads what sentences call them), and the
        rows of ``wanted``: on the worker thread with the plain reader (see
        ``BundleReader``) — partial bundles when there is ``wanted`` — or whole bundles
        through the store when there is no reader or it fails."""
        if self._reader is not None:
            try:
                if wanted is None:
                    return await self._cpu(self._reader.read, article_ids), []
                return await self._cpu(self._reader.read_partial, article_ids, wanted)
            except sqlite3.Error as error:
                log.warning("bundle reader failed (%s); reading through the store", error)
        return await self.store.load_bundles(article_ids), []

    async def articles(self, scope: Scope) -> list[ArticleRow]:
        return [row for row in sorted(self._rows.values(), key=lambda r: r.id)
                if scope.sees(row.guild_id)]

    async def article(self, article_id: int, scope: Scope) -> ArticleRow:
        row = self._rows.get(article_id)
        if row is None or not scope.sees(row.guild_id):
            raise ArticleNotFoundError(
                f"There is no article #{article_id} here. Use /articles (or `articles`) to see "
                "the ones you can ask about."
            )
        return row

    def _invalidate_views(self) -> None:
        """Forget what was derived from the set of articles (after an ingest or a forget)."""
        self._visible.clear()
        self._visible_sets.clear()
        self._entity_lists.clear()

    def visible_article_ids(self, scope: Scope) -> list[int] | None:
        """Ids of the articles ``scope`` sees (None: all), cached until the next change."""
        if scope.everything:
            return None
        cached = self._visible.get(scope)
        if cached is None:
            cached = [row.id for row in self._rows.values() if scope.sees(row.guild_id)]
            if len(self._visible) > 10_000:
                self._invalidate_views()
            self._visible[scope] = cached
            self._visible_sets[scope] = frozenset(cached)
        return cached

    def _search_filter(self, scope: Scope, groups: list[int] | None) -> frozenset[int] | None:
        """``groups`` as the frozenset the index filters on: the same object for every
        question of a scope, so the index finds its cached filter without rebuilding or
        hashing a set of tens of thousands of ids (see ``bm25.search._group_filter``)."""
        if groups is None:
            return None
        cached = self._visible_sets.get(scope)
        if cached is not None and self._visible.get(scope) is groups:
            return cached
        return frozenset(groups)

    async def forget(self, article_id: int, scope: Scope) -> ArticleRow:
        """Remove one of a server's own articles (seeds and other servers' are refused)."""
        row = await self.article(article_id, scope)
        if row.guild_id is None and not scope.everything:
            raise ArticleNotFoundError("Built-in articles can't be removed from a server.")
        async with self._ingest_lock:
            await self.store.delete_article(article_id)
            await self._cpu(self.index.remove_group, article_id)
            self._indexed_generation = await self.store.index_generation()
            self._rows.pop(article_id, None)
            self._invalidate_views()
            self._bundles.pop(article_id, None)
            self._schedule_save()
        return row

    # ------------------------------------------------------------------ questions

    def _idf(self, term: str) -> float:
        df, idf = self.index.term_stats(term)
        if df == 0:
            return math.log((self.index.n_docs + 0.5) / 0.5 + 1.0)
        return idf

    async def analyse(self, question: str) -> Question:
        """``question`` analysed; questions asked at the same time share one spaCy batch."""
        nlp = await self.nlp()
        return await self._questions.analyse(nlp, question)

    async def _analyse_batch(self, nlp: Language, texts: Sequence[str]) -> list[Question]:
        """One batch of questions read by the worker process when one is ready, else (and
        when the worker is lost while reading it) on the spaCy thread here."""
        worker = self._question_worker
        if worker is not None and worker.ready:
            try:
                questions = await worker.analyse(texts)
            except WorkerUnavailable:
                pass  # the worker logged it and is starting a new one
            else:
                self.question_batches["process"] += 1
                return questions
        questions = await self._nlp_call(analyse_questions, nlp, texts)
        self.question_batches["thread"] += 1
        return questions

    async def start_question_worker(self) -> QuestionWorker:
        """Read questions in a worker process from now on (the Discord bot does, see
        ``Settings.question_processes``), so that spaCy no longer shares this process's GIL
        with the rest of the answer path. Returns at once: the worker starts in the
        background (about 2 s), and questions are read here until it is ready, and again
        whenever it is lost. ``close`` stops it. Calling it again returns the same worker."""
        if self._question_worker is None:
            self._question_worker = QuestionWorker(self.settings.spacy_model)
            self._question_worker.start()
        return self._question_worker

    @property
    def question_worker(self) -> QuestionWorker | None:
        return self._question_worker

    async def ask(self, question: str, scope: Scope, *, article_id: int | None = None,
                  top_k: int | None = None, min_coverage: float | None = None) -> AskResult:
        """Answer ``question`` from the articles ``scope`` sees (or one of them)."""
        top_k = top_k or self.settings.top_k
        if article_id is not None:
            await self.article(article_id, scope)
            groups: list[int] | None = [article_id]
        else:
            groups = self.visible_article_ids(scope)
        analysed = await self.analyse(question)
        if groups is not None and not groups:
            return AskResult(analysed.text, True, "There are no articles to ask about yet.")
        if asks_for_summary(analysed.text):
            return await self._summary(analysed, groups)
        hits = await self._cpu(self.index.search, analysed.search_terms(), CANDIDATES,
                               self._search_filter(scope, groups))
        small = self._small_scope(groups)
        candidates = await self._candidates(hits, whole=small)
        if small:
            scope_groups = groups if groups is not None else list(self._rows)
            candidates = await self._whole_scope(scope_groups, candidates)
        threshold = MIN_COVERAGE if min_coverage is None else min_coverage
        return await self._cpu(self._rerank, analysed, candidates, top_k, threshold)

    def _rerank(self, question: Question,
                candidates: list[tuple[ArticleBundle, StoredSentence, float]], top_k: int,
                min_coverage: float) -> AskResult:
        """The reranker's choice, the candidates' paragraph counts of the question's words
        asked of the index first (in one call: see ``paragraph_counts``)."""
        count_paragraph_terms(self.index, question.terms, candidates)
        return choose_answers(question, candidates, self._idf, top_k, min_coverage)

    async def _summary(self, question: Question, groups: Sequence[int] | None) -> AskResult:
        """The opening sentence of the one article in scope; with several, ask which."""
        ids = list(groups) if groups is not None else list(self._rows)
        if len(ids) != 1:
            return AskResult(
                question.text, True,
                f"I know {len(ids)} articles here: choose one (the article option) and ask "
                "again, or ask about something in them.")
        return lede_answer(question, await self.bundle(ids[0]))

    def _small_scope(self, groups: Sequence[int] | None) -> bool:
        """Whether a scope is small enough to rerank whole (see ``_whole_scope``)."""
        if groups is None:
            return self.index.n_docs <= WHOLE_SCOPE_SENTENCES
        total = 0
        for group in groups:
            row = self._rows.get(group)
            total += row.sentence_count if row else 0
            if total > WHOLE_SCOPE_SENTENCES:
                return False
        return True

    async def _whole_scope(self, groups: Sequence[int],
                           hits: list[tuple[ArticleBundle, StoredSentence, float]]
                           ) -> list[tuple[ArticleBundle, StoredSentence, float]]:
        """Every sentence of a small scope (one article, a few short ones), with its BM25
        score when BM25 found it: reranking a few hundred sentences costs less than a
        millisecond, and BM25's idf is unreliable on tiny corpora (a word in half of a
        two-sentence article scores zero)."""
        scores = {sentence.id: score for _, sentence, score in hits}
        out = []
        bundles = await self.bundles(groups)
        for group in groups:
            bundle = bundles.get(group) or await self.bundle(group)
            out.extend((bundle, s, scores.get(s.id, 0.0)) for s in bundle.sentences)
        return out

    async def _candidates(self, hits: Iterable[Any], *, whole: bool = False
                          ) -> list[tuple[ArticleBundle, StoredSentence, float]]:
        """BM25 hits as sentences, plus the sentence after each strong hit when it leans on it
        ("The raids came..."). Their articles are read partially (the hits and the
        sentences around them, see ``CONTEXT_READ``) unless ``whole``."""
        seen: set[int] = set()
        out: list[tuple[ArticleBundle, StoredSentence, float]] = []
        hits = list(hits)
        wanted: dict[int, list[int]] | None = None
        if not whole:
            wanted = {}
            for rank, hit in enumerate(hits):
                wanted.setdefault(hit.group, []).extend(
                    hit.key + offset
                    for offset in (CONTEXT_READ_STRONG if rank < 10 else CONTEXT_READ))
        bundles = await self.bundles((hit.group for hit in hits), wanted=wanted)
        for rank, hit in enumerate(hits):
            bundle = bundles.get(hit.group) or await self.bundle(hit.group)
            # only the hit's own sentence is built (``SentenceRows``), not its article's
            position = bundle.sentences.position_of(hit.key)
            if position is None or hit.key in seen:
                continue
            seen.add(hit.key)
            sentence = bundle.sentences[position]
            out.append((bundle, sentence, float(hit.score)))
            if rank < 10:
                following = sentence.position + 1
                if following < len(bundle.sentences):
                    nxt = bundle.sentences[following]
                    if nxt.anaphoric and nxt.id not in seen:
                        seen.add(nxt.id)
                        out.append((bundle, nxt, 0.0))
        return out

    # ------------------------------------------------------------------ entities

    async def entities(self, scope: Scope, *, article_id: int | None = None,
                       kind: str | None = None) -> dict[str, list[EntityInfo]]:
        """Entities by kind (person, place, organization, group, event, date), most mentioned
        first; across several articles, the same name and kind are counted together. Cached
        until the articles change: autocomplete asks for them on every keystroke. Callers must
        not modify the result."""
        key = (scope, article_id, kind)
        cached = self._entity_lists.get(key)
        if cached is not None:
            return cached
        result = await self._merged_entities(scope, article_id, kind)
        if len(self._entity_lists) > 1000:
            self._entity_lists.clear()
        self._entity_lists[key] = result
        return result

    async def _merged_entities(self, scope: Scope, article_id: int | None, kind: str | None
                               ) -> dict[str, list[EntityInfo]]:
        if article_id is not None:
            ids = [(await self.article(article_id, scope)).id]
        else:
            ids = [row.id for row in await self.articles(scope)]
        merged: dict[tuple[str, str], EntityInfo] = {}
        for identifier in ids:
            bundle = await self.bundle(identifier)
            for entity in bundle.entities:
                if kind and entity.kind != kind:
                    continue
                key = (entity.kind, entity.name.lower())
                info = merged.get(key)
                if info is None:
                    info = merged[key] = EntityInfo(entity.name, entity.kind, 0)
                info.count += entity.count
                info.article_ids.append(identifier)
                for alias in entity.aliases:
                    if alias not in info.aliases:
                        info.aliases.append(alias)
                for position, _start, _end in entity.mentions:
                    sentence = bundle.sentences[position]
                    if info.mentions and info.mentions[-1].text == bundle.text(sentence) \
                            and info.mentions[-1].article_id == identifier:
                        continue
                    info.mentions.append(MentionInfo(identifier, sentence.paragraph + 1,
                                                     sentence.index + 1, bundle.text(sentence)))
        out: dict[str, list[EntityInfo]] = {}
        for order in ("person", "place", "organization", "group", "event", "date"):
            if kind and order != kind:
                continue
            items = [e for (k, _), e in merged.items() if k == order]
            items.sort(key=lambda e: (-e.count, e.name.lower()))
            out[order] = items
        return out

    # ------------------------------------------------------------------ feedback

    async def record_feedback(self, *, message_id: int, guild_id: int | None, user_id: int,
                              sentence_id: int | None, question: str, vote: int) -> None:
        await self.store.record_feedback(
            message_id=message_id, guild_id=guild_id, user_id=user_id, sentence_id=sentence_id,
            question=question, vote=vote,
        )


def _with(parsed: ParsedArticle, **changes: Any) -> ParsedArticle:
    from dataclasses import replace

    return replace(parsed, **{k: v for k, v in changes.items() if v is not None})


def _fallback_title(analysed: AnalysedArticle) -> str:
    """No title given: the start of the first sentence, shortened."""
    first = analysed.sentences[0]
    text = " ".join(analysed.parsed.body[first.start : first.end].split())
    return text if len(text) <= 80 else text[:79].rsplit(" ", 1)[0] + "…"
