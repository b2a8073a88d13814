"""Questions that arrive together are analysed together, in one spaCy batch.

A short question's spaCy time is mostly per-call overhead (about 3.4 ms alone, 2.1 ms each
in a batch of 4, 1.4 ms in a batch of 16), so when many people ask at once, batching reads
more questions a second on one core. Nothing waits for a batch to fill: a question that
arrives while spaCy is idle is analysed at once; those that arrive while a batch runs go
together in the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from retrieval.question import Question, question_text

if TYPE_CHECKING:
    from spacy.language import Language

#: The largest batch. Larger batches read more questions a second (16: ~1.4 ms of spaCy a
#: question), but the askers of a batch then go on with their answers all at once, and at 50
#: simultaneous askers that burst held the event loop for 40-60 ms (over the 50 ms the bot
#: allows itself); with 4 (~2.1 ms a question) the loop lag stayed under 32 ms.
MAX_BATCH = 4

#: Runs ``analyse_questions(nlp, texts)`` off the event loop (on the spaCy thread).
BatchRunner = Callable[["Language", Sequence[str]], Awaitable[list[Question]]]


class QuestionBatcher:
    """Analyse questions through ``run``, batching those that wait together."""

    def __init__(self, run: BatchRunner, max_batch: int = MAX_BATCH) -> None:
        self._run = run
        self._max_batch = max_batch
        self._waiting: list[tuple[str, asyncio.Future[Question]]] = []
        self._drainer: asyncio.Task[None] | None = None
        #: How many batches ran and how many questions they held (for benchmarks).
        self.batches = 0
        self.questions = 0

    async def analyse(self, nlp: Language, raw: str) -> Question:
        """``raw`` analysed; a question with no words or too long raises
        ``InvalidQuestionError`` at once, without waiting for spaCy."""
        text = question_text(raw)
        future: asyncio.Future[Question] = asyncio.get_running_loop().create_future()
        self._waiting.append((text, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain(nlp), name="question-batcher")
        return await future

    async def _drain(self, nlp: Language) -> None:
        while self._waiting:
            batch = self._waiting[: self._max_batch]
            del self._waiting[: self._max_batch]
            batch = [(text, future) for text, future in batch if not future.done()]
            if not batch:
                continue
            try:
                await self._settle(nlp, batch)
            except asyncio.CancelledError:
                for _, future in batch:
                    future.cancel()
                raise

    async def _settle(self, nlp: Language,
                      batch: list[tuple[str, asyncio.Future[Question]]]) -> None:
        """Analyse ``batch`` and hand each asker its question; if the batch fails, each
        question is tried alone, so one bad question fails only its own asker."""
        try:
            results = await self._run(nlp, [text for text, _ in batch])
        except Exception as error:
            if len(batch) > 1:
                for item in batch:
                    await self._settle(nlp, [item])
                return
            if not batch[0][1].done():
                batch[0][1].set_exception(error)
            return
        self.batches += 1
        self.questions += len(batch)
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)

    async def close(self) -> None:
        """Stop analysing; questions still waiting are cancelled."""
        drainer, self._drainer = self._drainer, None
        for _, future in self._waiting:
            future.cancel()
        self._waiting.clear()
        if drainer is not None and not drainer.done():
            drainer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await drainer
