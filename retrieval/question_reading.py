"""Reading questions with spaCy: batched, in the question worker process when it is ready.

Questions asked at the same time share one spaCy batch (``QuestionBatcher``). The Discord
bot starts a worker process (``retrieval.question_worker``) so that spaCy does not share this
process's GIL with the rest of the answer path; until it is ready, and whenever it is lost,
questions are read on the library's spaCy thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from retrieval.library_threads import LibraryThreads
from retrieval.question import Question, analyse_questions
from retrieval.question_batcher import QuestionBatcher
from retrieval.question_worker import QuestionWorker, SemanticModel, WorkerUnavailable, new_pool

if TYPE_CHECKING:
    from spacy.language import Language


class QuestionReader:
    """Analyses questions in batches, in the worker process or on the spaCy thread."""

    def __init__(self, threads: LibraryThreads, semantic: SemanticModel | None = None) -> None:
        self.threads = threads
        #: The sentence-similarity model a worker process loads to encode each question
        #: beside its analysis (None: the model is off, or the bot process encodes).
        self.semantic = semantic
        self._batcher = QuestionBatcher(self._analyse_batch)
        #: Reads questions in another process once started (``start_worker``).
        self.worker: QuestionWorker | None = None
        #: Question batches read by the worker process and by the spaCy thread here.
        self.batches = {"process": 0, "thread": 0}

    async def analyse(self, question: str) -> Question:
        """``question`` analysed; questions asked at the same time share one spaCy batch."""
        nlp = await self.threads.nlp()
        return await self._batcher.analyse(nlp, question)

    async def _analyse_batch(self, nlp: Language, texts: Sequence[str]) -> list[Question]:
        """One batch of questions read by the worker process when one is ready, else (and
        when the worker is lost while reading it) on the spaCy thread here."""
        worker = self.worker
        if worker is not None and worker.ready:
            try:
                questions = await worker.analyse(texts)
            except WorkerUnavailable:
                pass  # the worker logged it and is starting a new one
            else:
                self.batches["process"] += 1
                return questions
        questions = await self.threads.nlp_call(analyse_questions, nlp, texts)
        self.batches["thread"] += 1
        return questions

    def start_worker(self) -> QuestionWorker:
        """Start the worker process (in the background) unless it is started already."""
        if self.worker is None:
            self.worker = QuestionWorker(self.threads.spacy_model,
                                         pool_factory=partial(new_pool,
                                                              semantic=self.semantic))
            self.worker.start()
        return self.worker

    async def close_batcher(self) -> None:
        """Finish the batches under way (first on close: they may still need spaCy)."""
        await self._batcher.close()

    async def close_worker(self) -> None:
        if self.worker is not None:
            await self.worker.close()
