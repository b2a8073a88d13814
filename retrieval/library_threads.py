"""The library's two thread pools, shared by all its parts, and the spaCy pipeline.

CPU work stays off the event loop: spaCy runs on one dedicated thread (the pipeline is not
meant to be shared between threads), BM25 search, reranking and parsing on a small pool.
Every part of the library (ingest, the index, the bundle cache, the answer path) submits its
work here, so the pools are one pair per library; the benchmarks swap the executors for
inline ones to profile the answer path on one thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from retrieval.nlp import load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language

T = TypeVar("T")


class LibraryThreads:
    """The spaCy thread, the CPU pool, and the pipeline loaded (once) on the former."""

    def __init__(self, spacy_model: str) -> None:
        self.spacy_model = spacy_model
        self.nlp_executor: Executor = ThreadPoolExecutor(max_workers=1,
                                                         thread_name_prefix="spacy")
        self.cpu_executor: Executor = ThreadPoolExecutor(max_workers=2,
                                                         thread_name_prefix="bm25")
        self._nlp: Language | None = None

    async def cpu(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` on the CPU pool."""
        return await asyncio.get_running_loop().run_in_executor(
            self.cpu_executor, partial(func, *args)
        )

    async def nlp_call(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` on the spaCy thread (anything that touches the pipeline)."""
        return await asyncio.get_running_loop().run_in_executor(
            self.nlp_executor, partial(func, *args)
        )

    async def nlp(self) -> Language:
        """The spaCy pipeline, loaded on the spaCy thread on first use."""
        if self._nlp is None:
            self._nlp = await self.nlp_call(load_pipeline, self.spacy_model)
        return self._nlp

    def shutdown(self) -> None:
        """Stop both pools without waiting: queued work is cancelled (the library closes)."""
        self.nlp_executor.shutdown(wait=False, cancel_futures=True)
        self.cpu_executor.shutdown(wait=False, cancel_futures=True)
