"""The BM25 index in memory and on disk, and the database generation it holds.

The index is saved next to the database (``<db>.index/``) with the generation of the
database it matches (``<db>.index.generation``); on open it is loaded when that generation
is the database's, otherwise rebuilt from the stored tokens (no spaCy). Changes are saved
in the background, coalesced. Every change to the index goes through here so that the
generation it claims never runs ahead of its content.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from retrieval.bm25_index import BM25Index, IndexFormatError
from retrieval.library_threads import LibraryThreads
from retrieval.store import Store

log = logging.getLogger(__name__)

#: An article's index group: its id, its sentences' terms and its sentences' ids.
IndexGroup = tuple[int, list[list[str]], list[int]]


class PersistentIndex:
    """Owns ``index`` (replaced whole on load) and keeps its saved copy up to date."""

    def __init__(self, db_path: Path | str, store: Store, threads: LibraryThreads,
                 index: BM25Index) -> None:
        self.db_path = db_path
        self.store = store
        self.threads = threads
        self.index = index
        #: The database generation the in-memory index holds. A save is labelled with this,
        #: never with the database's own generation, which is bumped (at commit) before the
        #: article reaches the index: a save in between, then a crash, would otherwise leave
        #: a saved index that claims an article it lacks, and it would be loaded, not rebuilt.
        self.indexed_generation = 0
        self._save_task: asyncio.Task[None] | None = None
        self._save_wanted = False

    @property
    def index_dir(self) -> Path:
        return Path(str(self.db_path) + ".index")

    def _generation_file(self) -> Path:
        return Path(str(self.db_path) + ".index.generation")

    # ------------------------------------------------------------------ changes
    # (callers hold the ingest lock: no other write has bumped the generation since theirs)

    async def add_group(self, article_id: int, terms: list[list[str]],
                        sentence_ids: list[int]) -> None:
        """Index one stored article."""
        await self.threads.cpu(self.index.add_group, article_id, terms, sentence_ids)
        self.indexed_generation = await self.store.index_generation()

    async def add_pending(self, pending: list[IndexGroup]) -> None:
        """Index a bulk ingest's batch of stored articles in one add, and empty ``pending``."""
        await self.threads.cpu(self.index.add_groups, list(pending))
        pending.clear()
        self.indexed_generation = await self.store.index_generation()

    async def remove_group(self, article_id: int) -> None:
        """Unindex a deleted article."""
        await self.threads.cpu(self.index.remove_group, article_id)
        self.indexed_generation = await self.store.index_generation()

    # ------------------------------------------------------------------ persistence

    async def load(self) -> None:
        """Use the saved index when it matches the database; otherwise rebuild it from the
        stored tokens (no spaCy) and save it."""
        generation = await self.store.index_generation()
        saved = self._generation_file()
        if self.index_dir.exists() and saved.exists() and saved.read_text().strip() == str(
            generation
        ):
            try:
                self.index = await self.threads.cpu(BM25Index.load, self.index_dir)
                self.indexed_generation = generation
                return
            except IndexFormatError as error:
                log.warning("saved index unusable (%s); rebuilding from the database", error)
        index = BM25Index()
        groups = [item async for item in self.store.iter_index_groups()]
        if groups:
            await self.threads.cpu(index.add_groups, groups)
        self.index = index
        self.indexed_generation = generation
        await self.save(generation)

    async def save(self, generation: int | None = None) -> None:
        if generation is None:
            generation = self.indexed_generation
        if str(self.db_path) == ":memory:":
            return
        await self.threads.cpu(self.index.save, self.index_dir)
        self._generation_file().write_text(str(generation))

    def schedule_save(self) -> None:
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
                await self.save()
            except Exception:
                log.exception("could not save the index; it will be rebuilt on restart")

    async def wait_saved(self) -> None:
        while self._save_task is not None and not self._save_task.done():
            await self._save_task

    async def finish_saving(self) -> None:
        """Let the background save run to its end on close (its failure is logged there)."""
        if self._save_task is not None:
            with contextlib.suppress(Exception):
                await self._save_task
