"""Question analysis in a separate process, so that the bot process's GIL is free for the
rest of the answer path (BM25, the reranker, discord.py and the event loop).

spaCy's tok2vec and NER and the WordNet look-ups of ``read_question`` hold the GIL for about
a quarter of an answer's CPU time: in one process they and the reranker take turns. A worker
process has its own interpreter and GIL, so questions are read there while the bot process
reranks the previous ones. The bot process keeps its own pipeline too (ingest, and questions
whenever no worker is ready).

The worker is started with ``spawn``, not ``fork``: the bot process has threads (aiosqlite,
the executors, discord.py), and a forked child could inherit a lock one of them held. It is
given only the pipeline's name (never the settings, which hold the Discord token), loads the
pipeline and WordNet itself, and answers ``analyse_batch`` calls with picklable
``Question`` objects. With the sentence-similarity model on, it loads that too and gives each
question its vector (~4.5 ms a question in ONNX Runtime, ~8.6 in numpy, on this process's
core instead of the bot process's).

``QuestionWorker`` is the bot process's side: it starts the worker in the background (the
bot is ready before the worker is; until the worker reports ready, questions are read in the
bot process as before), notices when the worker dies or hangs (the caller then reads that
batch itself), starts a new one, and after ``MAX_FAILURES`` lost workers stops trying.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.question import Question, analyse_questions

if TYPE_CHECKING:
    from spacy.language import Language

    from retrieval.sentence_encoder import SentenceEncoder

log = logging.getLogger(__name__)

#: Asked once when a worker starts: it loads what a question needs (the first call of a
#: pipeline is slower than the rest) and shows the worker answers before it is used.
READY_QUESTION = "Who said what where, and how many died?"
#: Workers lost (died, hung, or never became ready) before questions stay in the bot process
#: for good: a worker that keeps failing costs a core for each start (spaCy's import).
MAX_FAILURES = 3
#: Seconds a worker may take to start (import spaCy, load the pipeline and WordNet: ~2 s).
START_TIMEOUT_S = 60.0
#: Seconds one batch may take in the worker (a batch of 4 questions takes ~10 ms) before
#: the worker is taken as hung: it is killed and the batch read in the bot process.
CALL_TIMEOUT_S = 10.0
#: Seconds between losing a worker and starting the next.
RESTART_DELAY_S = 0.5
#: Seconds ``close`` waits for a worker to exit before killing it.
SHUTDOWN_TIMEOUT_S = 5.0
#: How often the worker checks that the bot process still exists.
PARENT_CHECK_S = 1.0

#: Failures that mean the worker process, not the question, is the problem.
PROCESS_ERRORS: tuple[type[BaseException], ...] = (
    BrokenProcessPool, EOFError, OSError, pickle.PicklingError, TimeoutError,
)


class WorkerUnavailable(Exception):
    """The worker could not read this batch (not ready, or lost while reading it): read it in
    this process."""


# ---------------------------------------------------------------- the worker process's side

_nlp: Language | None = None
_encoder: SentenceEncoder | None = None


def _watch_parent(parent: int) -> None:
    """Exit when the bot process is gone (killed with SIGKILL, it cannot stop us): an idle
    worker would otherwise wait for work for ever, an orphan."""
    while True:
        time.sleep(PARENT_CHECK_S)
        if os.getppid() != parent:
            os._exit(0)


def _init_worker(pipeline: str, parent: int, semantic: SemanticModel | None = None) -> None:
    """Load the pipeline called ``pipeline`` and WordNet (the worker's initializer), and the
    sentence-similarity model when ``semantic`` says which."""
    global _nlp, _encoder
    # Ctrl-C reaches the whole process group: stopping is the bot process's decision (it
    # shuts this worker down), not a KeyboardInterrupt in the middle of a batch.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent",
                     daemon=True).start()
    from retrieval.lexicon import warm_up_lexicon
    from retrieval.nlp import load_pipeline

    _nlp = load_pipeline(pipeline)
    warm_up_lexicon()
    if semantic is not None:
        from retrieval.semantic_rerank import load_model
        from retrieval.sentence_encoder import locate_model

        _encoder = load_model(locate_model(semantic.directory), semantic.precision).encoder


def analyse_batch(texts: Sequence[str]) -> list[Question]:
    """``analyse_questions`` on the worker's pipeline (``texts`` already checked by
    ``question_text``). Runs in the worker process."""
    if _nlp is None:
        raise RuntimeError("analyse_batch runs in a question worker (see QuestionWorker)")
    questions = analyse_questions(_nlp, texts)
    if _encoder is not None and questions:
        # the reranker's question vector, here on the worker's core rather than in the bot
        # process (~4.5 ms a question, bound by reading the weights)
        for question, vector in zip(questions, _encoder.encode([q.text for q in questions]),
                                    strict=True):
            question.vector = vector
    return questions


def _ready_check() -> int:
    """Read one question (the first call of a pipeline is the slowest), then move everything
    loaded so far out of the garbage collector's way, as ``ArticleLibrary.warm_up`` does in
    the bot process; returns the worker's pid."""
    analyse_batch([READY_QUESTION])
    gc.collect()
    gc.freeze()
    return os.getpid()


@dataclass(frozen=True, slots=True)
class SemanticModel:
    """Which sentence-similarity model a worker loads (``directory`` None: the installed
    one), in which precision (the bot process's: the question vectors it hands back are
    compared with the bot's sentence vectors); picklable, so that it can be the spawned
    worker's initializer argument."""

    directory: Path | None = None
    precision: str = "float32"


def new_pool(pipeline: str, semantic: SemanticModel | None = None) -> ProcessPoolExecutor:
    """A pool of one spawned question worker for pipeline ``pipeline``. The process starts at
    the first ``submit``. One is enough: batched, it reads about 400 questions a second,
    several times what the bot process answers (its GIL is the limit), and questions go
    to it one batch at a time."""
    return ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker, initargs=(pipeline, os.getpid(), semantic))


# ---------------------------------------------------------------- the bot process's side

PoolFactory = Callable[[str], Executor]


def _worker_pids(pool: Executor) -> list[int]:
    """The ids of ``pool``'s processes. ``ProcessPoolExecutor`` has no public way to name or
    stop its processes before Python 3.14 (``kill_workers``): its process table is read."""
    processes = getattr(pool, "_processes", None) or {}
    return sorted(processes)


def _kill_workers(pool: Executor) -> None:
    kill = getattr(pool, "kill_workers", None)
    if callable(kill):
        with contextlib.suppress(Exception):
            kill()
            return
    for pid in _worker_pids(pool):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


class QuestionWorker:
    """The question worker process, seen from the bot process.

    ``start()`` returns at once; the worker is used once ``ready``. ``analyse(texts)``
    raises ``WorkerUnavailable`` when the caller must read the batch itself: the worker is
    not ready, or was lost during the call (it died, or did not answer within
    ``call_timeout``) — then one warning is logged and a new worker is started in the
    background, up to ``max_failures`` lost workers.
    """

    def __init__(self, pipeline: str, *,
                 max_failures: int = MAX_FAILURES, call_timeout: float = CALL_TIMEOUT_S,
                 start_timeout: float = START_TIMEOUT_S,
                 restart_delay: float = RESTART_DELAY_S,
                 pool_factory: PoolFactory = new_pool) -> None:
        self.pipeline = pipeline
        self.max_failures = max_failures
        self.call_timeout = call_timeout
        self.start_timeout = start_timeout
        self.restart_delay = restart_delay
        self._pool_factory = pool_factory
        self._pool: Executor | None = None
        self._starting: asyncio.Task[None] | None = None
        self._stopping: set[asyncio.Task[None]] = set()
        self._ready = asyncio.Event()
        self._closed = False
        #: Workers lost so far (died, hung, or failed to start).
        self.failures = 0
        #: Set after ``max_failures``: questions stay in the bot process from then on.
        self.gave_up = False
        #: Workers that became ready, and batches they read.
        self.started = 0
        self.batches = 0

    # -- state

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    @property
    def pid(self) -> int | None:
        """The ready worker's process id (None while none is ready)."""
        pids = _worker_pids(self._pool) if self.ready and self._pool is not None else []
        return pids[0] if pids else None

    async def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until a worker is ready (True), or until ``timeout`` passes or the worker
        gives up or is closed (False)."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while not self.ready:
            if self._closed or self.gave_up or (
                    self._starting is None or self._starting.done()):
                return self.ready
            left = None if deadline is None else deadline - loop.time()
            if left is not None and left <= 0:
                return False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._starting), left)
        return True

    # -- starting

    def start(self) -> None:
        """Start a worker process in the background, unless one is running or starting."""
        if self._closed or self.gave_up or self._pool is not None or (
                self._starting is not None and not self._starting.done()):
            return
        self._starting = asyncio.get_running_loop().create_task(
            self._start(0.0), name="question-worker-start")

    async def _start(self, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        pool: Executor | None = None
        try:
            # Creating the pool starts multiprocessing's resource tracker, and its first
            # submit spawns the process: a thread does both, not the event loop.
            pool = await asyncio.to_thread(self._pool_factory, self.pipeline)
            ready = await asyncio.to_thread(pool.submit, _ready_check)
            await asyncio.wait_for(asyncio.wrap_future(ready), self.start_timeout)
        except asyncio.CancelledError:
            if pool is not None:  # closed while starting: nothing in it is worth waiting for
                self._stop_in_background(pool, kill=True)
            raise
        except Exception as error:  # a worker that cannot start: the pipeline, the OS...
            if pool is not None:
                self._stop_in_background(pool, kill=True)
            self._lost(error, starting=True)
            return
        if self._closed:
            self._stop_in_background(pool, kill=True)
            return
        self._pool = pool
        self.started += 1
        self._ready.set()
        log.info("question analysis runs in worker process %s", self.pid)

    # -- reading questions

    async def analyse(self, texts: Sequence[str]) -> list[Question]:
        """``texts`` read by the worker; ``WorkerUnavailable`` when the caller must read
        them itself. An error of the analysis itself (one that would happen in this process
        too) is raised as it is."""
        pool = self._pool
        if pool is None or not self.ready:
            raise WorkerUnavailable("no question worker is ready")
        try:
            future = pool.submit(analyse_batch, list(texts))
            result = await asyncio.wait_for(asyncio.wrap_future(future), self.call_timeout)
        except PROCESS_ERRORS as error:
            if pool is self._pool:
                self._lost(error)
            raise WorkerUnavailable(str(error) or type(error).__name__) from error
        except RuntimeError as error:
            # submit() on a pool being shut down ("cannot schedule new futures after
            # shutdown"): the worker is going away, not the question's fault
            if pool is not self._pool or self._closed:
                raise WorkerUnavailable(str(error)) from error
            raise
        self.batches += 1
        return result

    def _lost(self, error: BaseException, *, starting: bool = False) -> None:
        """A worker died, hung or could not start: one warning, then a new worker in the
        background, or none after ``max_failures``."""
        pool, self._pool = self._pool, None
        self._ready.clear()
        if pool is not None:
            # a worker that did not answer in time may be hung, not dead: it would never
            # take the shutdown request
            self._stop_in_background(pool, kill=isinstance(error, TimeoutError))
        if self._closed:
            return
        self.failures += 1
        what = "could not start" if starting else "was lost"
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if self.failures >= self.max_failures:
            self.gave_up = True
            log.warning("the question worker %s (%s); %d failures, so questions are read in "
                        "this process from now on", what, reason, self.failures)
            return
        log.warning("the question worker %s (%s); questions are read in this process until "
                    "a new worker is ready", what, reason)
        self._starting = asyncio.get_running_loop().create_task(
            self._start(self.restart_delay), name="question-worker-restart")

    # -- stopping

    def _stop_in_background(self, pool: Executor, *, kill: bool) -> None:
        task = asyncio.get_running_loop().create_task(self._stop(pool, kill=kill))
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)

    async def _stop(self, pool: Executor, *, kill: bool) -> None:
        """Shut ``pool`` down and wait until its processes have exited and been reaped (none
        left behind, not even as a zombie). With ``kill``, or when they have not exited in
        ``SHUTDOWN_TIMEOUT_S`` (a hung worker), they are killed."""
        if kill:
            _kill_workers(pool)
        waiting = asyncio.ensure_future(
            asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True))
        try:
            await asyncio.wait_for(asyncio.shield(waiting), SHUTDOWN_TIMEOUT_S)
        except TimeoutError:
            _kill_workers(pool)
            await waiting

    async def close(self) -> None:
        """Stop the worker and wait until its process has exited."""
        self._closed = True
        starting, self._starting = self._starting, None
        if starting is not None and not starting.done():
            starting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await starting
        pool, self._pool = self._pool, None
        self._ready.clear()
        if pool is not None:
            self._stop_in_background(pool, kill=False)
        while self._stopping:
            await asyncio.gather(*list(self._stopping), return_exceptions=True)
