"""The library of articles: the one interface the CLI, the bot and the benchmarks use.

``ArticleLibrary`` is a facade: it opens and closes the parts below and hands each call to
the one that does it, so that callers see one object and get back plain data.

- ``library_threads``: the spaCy thread and the CPU pool (CPU work stays off the event loop);
- ``index_persistence``: the BM25 index, its saved copy and the generation it holds;
- ``reanalysis``: stored articles brought up to new analysis rules;
- ``library_ingest``: every kind of input, one at a time or in bulk;
- ``bundle_cache``: articles' bundles read (partially, for answers) and cached;
- ``article_catalog``: the article rows and what each scope sees;
- ``question_reading``: questions analysed in batches, in the worker process when started;
- ``answer_path``: BM25 candidates, their neighbours and the reranker's choice;
- ``entity_listing``: entities merged across a scope's articles.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from config.settings import Settings
from retrieval.answer_path import AnswerPath
from retrieval.answers import AskResult
from retrieval.article_catalog import ArticleCatalog
from retrieval.article_text import ParsedArticle
from retrieval.bm25_index import BM25Index
from retrieval.bundle_cache import BundleCache
from retrieval.entity_listing import EntityInfo, EntityLister, MentionInfo
from retrieval.errors import ArticleNotFoundError, InvalidArticleError
from retrieval.index_persistence import PersistentIndex
from retrieval.lexicon import warm_up_lexicon
from retrieval.library_ingest import ArticleIngester, IngestResult
from retrieval.library_threads import LibraryThreads
from retrieval.question import Question, analyse_question
from retrieval.question_reading import QuestionReader
from retrieval.question_worker import QuestionWorker, SemanticModel
from retrieval.reanalysis import refresh_analyses
from retrieval.scope import Scope
from retrieval.semantic_rerank import SemanticSimilarity
from retrieval.sentence_encoder import effective_precision, locate_model, vector_variant
from retrieval.sentence_vectors import StoredVectors
from retrieval.store import ArticleBundle, ArticleRow, Store

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ArticleLibrary", "EntityInfo", "IngestResult", "MentionInfo"]

#: Articles whose vocabulary ``warm_up`` looks up in WordNet ahead of the first question.
WARM_UP_ARTICLES = 10
#: Middle-generation collections between full ones (``gc.set_threshold``'s third value,
#: default 10); see ``warm_up``.
FULL_COLLECTION_EVERY = 100
#: Young collections between middle-generation ones (``gc.set_threshold``'s second value,
#: default 10); see ``warm_up``.
MIDDLE_COLLECTION_EVERY = 200


class ArticleLibrary:
    """Open with ``await ArticleLibrary.open(settings)``; close with ``await lib.close()``."""

    def __init__(self, settings: Settings, store: Store, index: BM25Index) -> None:
        self.settings = settings
        self.store = store
        self._threads = LibraryThreads(settings.spacy_model)
        self._index = PersistentIndex(settings.db_path, store, self._threads, index)
        # the precision the encoder will compute in (float32 where int8 cannot run), known
        # before the model loads: stored vectors are read and written for it alone
        precision = (effective_precision(settings.encoder_precision)
                     if settings.semantic_rerank else "float32")
        self._questions = QuestionReader(
            self._threads,
            SemanticModel(settings.semantic_model_dir, precision)
            if settings.semantic_rerank else None)
        self._bundle_cache = BundleCache(settings.db_path, store, self._threads)
        self._catalog = ArticleCatalog()
        self._entities = EntityLister(self._catalog, self._bundle_cache)
        #: Held by every write that changes the index (ingest, removal), so that the index
        #: generation a write claims is never ahead of the index.
        self._ingest_lock = asyncio.Lock()
        self._ingester = ArticleIngester(settings, store, self._threads, self._index,
                                         self._bundle_cache, self._catalog, self._ingest_lock)
        self._vectors = (StoredVectors(settings.db_path, vector_variant(precision))
                         if settings.semantic_rerank else None)
        self._similarity = (SemanticSimilarity(settings.semantic_model_dir, self._vectors,
                                               precision)
                            if settings.semantic_rerank else None)
        #: Articles added since open whose sentences wait for ``start_precomputing``.
        self._precompute_waiting: list[int] | None = []
        self._ingester.on_stored = self._precompute_sentences
        self._answers = AnswerPath(self._index, self._bundle_cache, self._catalog,
                                   self._threads, self._similarity)

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    async def open(cls, settings: Settings, *, ingest_seeds: bool = True,
                   reanalyse: bool | None = None) -> ArticleLibrary:
        """Open the database (creating/upgrading it), load or rebuild the index, and ingest
        the seed articles when the database is empty. Articles stored under older analysis
        rules are analysed again: always with ``reanalyse=True``, never with False, and by
        default when there are few enough of them to do it at start (see
        ``reanalysis.REANALYSE_AT_START_SENTENCES``)."""
        if settings.semantic_rerank:
            locate_model(settings.semantic_model_dir)  # missing: say so now, with the fix
        store = await Store.open(settings.db_path)
        library = cls(settings, store, BM25Index())
        try:
            await refresh_analyses(store, library._threads, reanalyse)
            await library._index.load()
            for row in await store.list_articles():
                library._catalog.rows[row.id] = row
            if ingest_seeds and not library._catalog.rows:
                await library.ingest_seeds()
        except BaseException:
            await library.close()
            raise
        return library

    async def close(self) -> None:
        try:
            await self._questions.close_batcher()
            await self._index.finish_saving()
        finally:
            try:
                await self._questions.close_worker()
            finally:
                await self._close_store_and_threads()

    async def _close_store_and_threads(self) -> None:
        try:
            if self._vectors is not None:
                # the vectors computed for answers are kept; precomputing stops
                await asyncio.to_thread(self._vectors.close)
        finally:
            try:
                await self.store.close()
            finally:
                self._threads.shutdown()
                self._bundle_cache.close()

    async def __aenter__(self) -> ArticleLibrary:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def reanalyse(self) -> int:
        """Analyse every stored article again with the current rules and rebuild the index
        (``python -m bot reanalyse``); returns how many articles."""
        count = await refresh_analyses(self.store, self._threads, True)
        await self._index.load()
        self._catalog.replace_all(await self.store.list_articles())
        self._bundle_cache.clear()
        self._catalog.invalidate_views()
        return count

    # ------------------------------------------------------------------ index

    @property
    def index(self) -> BM25Index:
        return self._index.index

    @property
    def index_dir(self) -> Path:
        return self._index.index_dir

    async def wait_saved(self) -> None:
        await self._index.wait_saved()

    # ------------------------------------------------------------------ spaCy, warm-up

    async def nlp(self) -> Language:
        return await self._threads.nlp()

    async def warm_up(self) -> None:
        """Load spaCy and WordNet now, and look up the related words of the seed articles'
        vocabulary, so that the first questions are about as fast as the rest."""
        nlp = await self.nlp()
        await self._threads.nlp_call(analyse_question, nlp,
                                     "Who said what where, and how many died?")
        vocabulary: set[str] = set()
        for row in list(self._catalog.rows.values())[:WARM_UP_ARTICLES]:
            bundle = await self.bundle(row.id)
            for sentence in bundle.sentences:
                vocabulary.update(sentence.terms)
        warming = [self._threads.cpu(warm_up_lexicon, sorted(vocabulary))]
        if self._similarity is not None:
            # on the pool's other thread: reading and hashing the weights releases the GIL,
            # so it overlaps the WordNet look-ups instead of adding ~0.2 s after them
            warming.append(self._threads.cpu(self._similarity, "Who said it?",
                                             ["Someone said it."]))
        await asyncio.gather(*warming)
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
        # The same for the middle generation: at 1M sentences each answer leaves ~700 new
        # objects that outlive a young collection (mostly the ~36 bundles it caches, evicted
        # ~14 answers later), so with the default second threshold a middle collection walked
        # ten answers' worth of them every ~10 answers (6–7 ms CPU, in 9 % of answers: the
        # p99). Every ~200 answers it finds only what the cache still holds (~14 ms, 0.5 % of
        # answers) and promotes less to the old generation, so full collections are rarer.
        young, middle, full = gc.get_threshold()
        gc.set_threshold(young, max(middle, MIDDLE_COLLECTION_EVERY),
                         max(full, FULL_COLLECTION_EVERY))

    # ------------------------------------------------------------------ sentence vectors

    async def start_precomputing(self) -> None:
        """From now on, encode each article's sentences for the similarity model in the
        background as soon as it is added (the Discord bot calls this once it is ready), so
        that the first questions about it do not wait ~13 ms a candidate sentence; the articles
        added since open are queued now. A one-shot process (the CLI) does not call it: it
        encodes only the candidates it is asked about, and keeps those for next time."""
        waiting, self._precompute_waiting = self._precompute_waiting, None
        for article_id in waiting or []:
            if article_id in self._catalog.rows:  # (not removed since)
                self._precompute_sentences(await self.bundle(article_id))

    async def precompute_articles(self, article_ids: Iterable[int]) -> None:
        """Queue those articles' sentences for encoding in the background now (whether or
        not ``start_precomputing`` was called): after an upgrade, or for the benchmarks."""
        if self._similarity is None or self._vectors is None:
            return
        for article_id in article_ids:
            self._encode_later(await self.bundle(article_id))

    async def wait_vectors_stored(self) -> None:
        """Until the sentence vectors queued so far are computed and stored (tests and
        benchmarks)."""
        if self._vectors is not None and (
                done := self._vectors.in_background(lambda: None)) is not None:
            await asyncio.wrap_future(done)

    def stored_vectors(self, texts: Sequence[str]) -> int:
        """How many of ``texts`` have a stored vector (tests and benchmarks)."""
        return len(self._vectors.get_many(texts)) if self._vectors is not None else 0

    def _precompute_sentences(self, bundle: ArticleBundle) -> None:
        """An article just stored: encode it now, or once ``start_precomputing`` is called."""
        if self._similarity is None:
            return
        if self._precompute_waiting is not None:
            self._precompute_waiting.append(bundle.row.id)
        else:
            self._encode_later(bundle)

    def _encode_later(self, bundle: ArticleBundle) -> None:
        """Queue ``bundle``'s sentences for the model on the vectors' background thread."""
        if self._similarity is not None and self._vectors is not None:
            self._vectors.in_background(self._similarity.precompute, _sentence_texts(bundle))

    # ------------------------------------------------------------------ ingest

    async def ingest_seeds(self) -> list[IngestResult]:
        return await self._ingester.ingest_seeds()

    async def ingest_path(self, path: Path | str, *, guild_id: int | None = None,
                          added_by: int | None = None, kind: str = "user") -> IngestResult:
        return await self._ingester.ingest_path(path, guild_id=guild_id, added_by=added_by,
                                                kind=kind)

    async def ingest_bytes(self, data: bytes, *, filename: str = "", content_type: str = "",
                           guild_id: int | None = None, added_by: int | None = None,
                           kind: str = "user", source: str | None = None) -> IngestResult:
        """An uploaded or downloaded file: HTML goes through trafilatura, text is parsed."""
        return await self._ingester.ingest_bytes(
            data, filename=filename, content_type=content_type, guild_id=guild_id,
            added_by=added_by, kind=kind, source=source)

    async def ingest_url(self, url: str, *, guild_id: int | None = None,
                         added_by: int | None = None) -> IngestResult:
        return await self._ingester.ingest_url(url, guild_id=guild_id, added_by=added_by)

    async def ingest_text(self, text: str, *, guild_id: int | None = None,
                          added_by: int | None = None, kind: str = "user") -> IngestResult:
        return await self._ingester.ingest_text(text, guild_id=guild_id, added_by=added_by,
                                                kind=kind)

    async def ingest_parsed(self, parsed: ParsedArticle, *, guild_id: int | None = None,
                            added_by: int | None = None, kind: str = "user") -> IngestResult:
        """Analyse and store one article, unless the same text is already visible here."""
        return await self._ingester.ingest_parsed(parsed, guild_id=guild_id,
                                                  added_by=added_by, kind=kind)

    async def ingest_many(self, paths: Sequence[Path], *, n_process: int = 1,
                          progress: Callable[[int], None] | None = None
                          ) -> list[IngestResult | InvalidArticleError]:
        """Bulk ingest for the CLI: parse everything, run spaCy as one stream (on several
        processes when asked), then store each article as it comes out."""
        return await self._ingester.ingest_many(paths, n_process=n_process, progress=progress)

    # ------------------------------------------------------------------ reading

    async def bundle(self, article_id: int) -> ArticleBundle:
        """One article's bundle, entities included."""
        return await self._bundle_cache.bundle(article_id)

    async def bundles(self, article_ids: Iterable[int], *,
                      wanted: dict[int, list[int]] | None = None) -> dict[int, ArticleBundle]:
        """Several articles' bundles by id (see ``BundleCache.bundles``)."""
        return await self._bundle_cache.bundles(article_ids, wanted=wanted)

    # ------------------------------------------------------------------ articles and scopes

    async def articles(self, scope: Scope) -> list[ArticleRow]:
        return self._catalog.articles(scope)

    async def article(self, article_id: int, scope: Scope) -> ArticleRow:
        return self._catalog.article(article_id, scope)

    def visible_article_ids(self, scope: Scope) -> list[int] | None:
        """Ids of the articles ``scope`` sees (None: all), cached until the next change."""
        return self._catalog.visible_article_ids(scope)

    async def forget(self, article_id: int, scope: Scope) -> ArticleRow:
        """Remove one of a server's own articles (seeds and other servers' are refused)."""
        row = await self.article(article_id, scope)
        if row.guild_id is None and not scope.everything:
            raise ArticleNotFoundError("Built-in articles can't be removed from a server.")
        # its sentences' vectors go too (read before the rows)
        texts = (_sentence_texts(await self.bundle(article_id))
                 if self._vectors is not None else [])
        async with self._ingest_lock:
            await self.store.delete_article(article_id)
            await self._index.remove_group(article_id)
            self._catalog.rows.pop(article_id, None)
            self._catalog.invalidate_views()
            self._bundle_cache.discard(article_id)
            self._index.schedule_save()
        if self._vectors is not None:
            self._vectors.forget(texts)
        return row

    # ------------------------------------------------------------------ questions

    async def analyse(self, question: str) -> Question:
        """``question`` analysed; questions asked at the same time share one spaCy batch."""
        return await self._questions.analyse(question)

    async def start_question_worker(self) -> QuestionWorker:
        """Read questions in a worker process from now on (the Discord bot does, see
        ``Settings.question_processes``), so that spaCy no longer shares this process's GIL
        with the rest of the answer path. Returns at once: the worker starts in the
        background (about 2 s), and questions are read here until it is ready, and again
        whenever it is lost. ``close`` stops it. Calling it again returns the same worker."""
        return self._questions.start_worker()

    @property
    def question_worker(self) -> QuestionWorker | None:
        return self._questions.worker

    @property
    def question_batches(self) -> dict[str, int]:
        """Question batches read by the worker process and by the spaCy thread here."""
        return self._questions.batches

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
        return await self._answers.answer(analysed, scope, groups, top_k=top_k,
                                          min_coverage=min_coverage)

    # ------------------------------------------------------------------ entities

    async def entities(self, scope: Scope, *, article_id: int | None = None,
                       kind: str | None = None) -> dict[str, list[EntityInfo]]:
        """Entities by kind, most mentioned first, cached until the articles change (see
        ``EntityLister.entities``). Callers must not modify the result."""
        return await self._entities.entities(scope, article_id=article_id, kind=kind)

    # ------------------------------------------------------------------ feedback

    async def record_feedback(self, *, message_id: int, guild_id: int | None, user_id: int,
                              sentence_id: int | None, question: str, vote: int) -> None:
        await self.store.record_feedback(
            message_id=message_id, guild_id=guild_id, user_id=user_id, sentence_id=sentence_id,
            question=question, vote=vote,
        )


def _sentence_texts(bundle: ArticleBundle) -> list[str]:
    return [bundle.text(sentence) for sentence in bundle.sentences]
