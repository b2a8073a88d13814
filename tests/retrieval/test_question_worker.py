"""Questions read in a worker process: the same reading as here, here until the worker is
ready, here again (and a new worker) when it dies or hangs, no process left after close or
after the bot process is killed.

Only three tests here spawn a real worker (each start imports spaCy, ~2 s); the give-up rule
and error handling run on stand-in pools.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import pickle
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from config.settings import PROJECT_ROOT, Settings
from retrieval.nlp import load_pipeline
from retrieval.question import analyse_questions, question_text
from retrieval.question_worker import QuestionWorker, WorkerUnavailable
from retrieval.scope import Scope
from retrieval.semantic_rerank import load_model
from retrieval.sentence_encoder import locate_model
from retrieval.service import ArticleLibrary
from tests.conftest import DATA_DIR
from tests.processes import alive, children, children_but_the_tracker
from tests.waiting import until

QUESTION = "Who did French police say they foiled a terror strike by?"
ANSWER_START = "French police said they had foiled a terror strike by 34-year-old Reda Kriket"
#: A spawned worker imports spaCy and loads the pipeline: ~2 s, far more on a loaded CI box.
START_TIMEOUT = 60.0


def _real_questions(limit: int) -> list[str]:
    """Questions of the evaluation sets, several from each article, cleaned for analysis."""
    questions: list[str] = []
    paths = [DATA_DIR / "seed_questions.json", *sorted((DATA_DIR / "articles").glob("*.json"))]
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions += [item["q"] for item in (data["questions"][:3] + data["unanswerable"][:1])]
    return [question_text(q) for q in questions[:limit]]


def test_a_question_survives_pickling_unchanged() -> None:
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)  # type: ignore[call-arg]
    questions = analyse_questions(nlp, _real_questions(60))
    # the round trip covers every kind of field, not only the plain ones
    assert any(q.expansions for q in questions) and any(q.categories for q in questions)
    assert any(q.entity_names for q in questions) and any(q.answer_labels for q in questions)
    assert any(q.leadership or q.identity or q.money for q in questions)
    for question in questions:
        copy = pickle.loads(pickle.dumps(question, protocol=pickle.HIGHEST_PROTOCOL))
        assert copy == question
    questions[0].term_keys["police"] = 3  # the reranker's cache, filled after analysis
    assert pickle.loads(pickle.dumps(questions[0])) == questions[0]


async def test_questions_are_read_here_until_the_worker_is_ready_then_by_it_identically(
    settings: Settings,
) -> None:
    before = children_but_the_tracker()
    library = await ArticleLibrary.open(settings)
    try:
        worker = await library.start_question_worker()
        assert worker is not None
        assert await library.start_question_worker() is worker  # one worker, not two
        early = await library.ask(QUESTION, Scope.all())
        # still not ready after the answer, so that batch cannot have gone to it
        assert not worker.ready and worker.pid is None
        assert library.question_batches == {"process": 0, "thread": 1}
        assert early.answers[0].text.startswith(ANSWER_START)

        assert await worker.wait_ready(START_TIMEOUT)
        pid = worker.pid
        assert pid is not None and pid != os.getpid() and pid in children()
        later = await library.ask(QUESTION, Scope.all())
        assert library.question_batches == {"process": 1, "thread": 1}
        assert [a.text for a in later.answers] == [a.text for a in early.answers]
        assert [a.highlight for a in later.answers] == [a.highlight for a in early.answers]

        nlp = await library.nlp()
        texts = _real_questions(48)
        for start in range(0, len(texts), 16):
            batch = texts[start:start + 16]
            assert await worker.analyse(batch) == analyse_questions(nlp, batch)

        # the worker also encodes each question for the sentence-similarity model, as this
        # process would, so that the bot process does not
        read = await worker.analyse(texts[:3])
        # (in the library's precision: a float32 vector would differ from int8's by ~1e-2)
        mine = load_model(locate_model(), settings.encoder_precision).encoder.encode(
            [q.text for q in read])
        for question, vector in zip(read, mine, strict=True):
            assert question.vector is not None
            assert np.allclose(question.vector, vector, atol=1e-5)
        model = load_model(locate_model(), settings.encoder_precision)
        encoder = model.encoder
        model.sentences.items.clear()  # (earlier tests in this process may have encoded them)
        encoded: list[str] = []
        real_encode = encoder.encode

        def recording(batch: list[str]) -> Any:
            encoded.extend(batch)
            return real_encode(batch)

        encoder.encode = recording  # type: ignore[method-assign]
        try:
            asked = texts[16:40]
            for text in asked:
                await library.ask(text, Scope.all())
        finally:
            del encoder.encode
        assert encoded, "no question consulted the model: the check below would be empty"
        assert not set(encoded) & set(asked)  # sentences only: the questions came encoded
    finally:
        await library.close()
    assert not alive(pid)
    assert children_but_the_tracker() == before  # nothing left, not even a zombie


async def test_a_killed_or_hung_worker_is_replaced_and_its_batch_read_here(
    settings: Settings, caplog: pytest.LogCaptureFixture,
) -> None:
    before = children_but_the_tracker()
    library = await ArticleLibrary.open(settings)
    caplog.set_level(logging.WARNING, logger="retrieval.question_worker")
    try:
        worker = await library.start_question_worker()
        assert worker is not None and await worker.wait_ready(START_TIMEOUT)
        first = worker.pid
        assert first is not None

        os.kill(first, signal.SIGKILL)
        answer = await library.ask(QUESTION, Scope.all())
        assert answer.answers[0].text.startswith(ANSWER_START)
        assert library.question_batches == {"process": 0, "thread": 1}
        assert worker.failures == 1 and not worker.gave_up
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "was lost" in warnings[0]

        assert await worker.wait_ready(START_TIMEOUT)  # a new worker took over
        second = worker.pid
        assert second is not None and second != first
        assert first not in children()  # the dead one was reaped
        await library.ask(QUESTION, Scope.all())
        assert library.question_batches == {"process": 1, "thread": 1}

        # A worker that stops answering (here: stopped) is given up on after call_timeout,
        # killed, and the batch read here.
        worker.call_timeout = 0.5
        os.kill(second, signal.SIGSTOP)
        answer = await library.ask(QUESTION, Scope.all())
        assert answer.answers[0].text.startswith(ANSWER_START)
        assert library.question_batches == {"process": 1, "thread": 2}
        assert worker.failures == 2
        await until(lambda: second not in children(), 10.0)
        assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 2

        # A third worker is starting: closing now stops it too.
        await until(lambda: len(children_but_the_tracker() - before) == 1, START_TIMEOUT)
        assert not worker.ready
    finally:
        await library.close()
    assert children_but_the_tracker() == before


async def test_a_library_not_told_to_start_a_worker_starts_no_process(
    settings: Settings,
) -> None:
    """The command line and chat: questions read here, no process start cost."""
    before = children()
    library = await ArticleLibrary.open(settings)
    try:
        assert library.question_worker is None
        await library.ask(QUESTION, Scope.all())
        assert library.question_batches == {"process": 0, "thread": 1}
        assert children() == before
    finally:
        await library.close()


# -- the rules, on stand-in pools (no process) --------------------------------------------------


class _Pool(Executor):
    """A pool whose calls run ``answer`` (or raise what it raises) in this process."""

    def __init__(self, answer: Callable[..., Any]) -> None:
        self.answer = answer
        self.shut = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(self.answer(fn, *args))
        except BrokenProcessPool:
            raise
        except Exception as error:
            future.set_exception(error)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.shut = True


def _broken(fn: Callable[..., Any], *args: Any) -> Any:
    raise BrokenProcessPool("the worker died")


async def test_after_a_few_failed_workers_questions_stay_here_for_good(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pools: list[_Pool] = []

    def factory(pipeline: str) -> _Pool:
        pools.append(_Pool(_broken))
        return pools[-1]

    caplog.set_level(logging.WARNING, logger="retrieval.question_worker")
    worker = QuestionWorker("some_pipeline", pool_factory=factory, max_failures=3,
                            restart_delay=0.0)
    worker.start()
    assert not await worker.wait_ready(10.0)
    assert worker.gave_up and worker.failures == 3 and len(pools) == 3
    worker.start()  # no fourth try
    await asyncio.sleep(0.05)
    assert len(pools) == 3
    with pytest.raises(WorkerUnavailable):
        await worker.analyse(["Who won?"])
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 3 and "from now on" in warnings[-1]
    await worker.close()
    assert all(pool.shut for pool in pools)


async def test_an_error_of_the_analysis_itself_is_raised_and_keeps_the_worker() -> None:
    def answer(fn: Callable[..., Any], *args: Any) -> Any:
        if fn.__name__ == "analyse_batch" and "Who broke it?" in args[0]:
            raise ValueError("a bad question")
        return 1234 if fn.__name__ == "_ready_check" else ["read"] * len(args[0])

    pool = _Pool(answer)
    worker = QuestionWorker("some_pipeline", pool_factory=lambda _: pool)
    worker.start()
    assert await worker.wait_ready(10.0)
    with pytest.raises(ValueError, match="a bad question"):
        await worker.analyse(["Who broke it?"])
    assert worker.ready and worker.failures == 0  # a bad question is not a bad worker
    assert await worker.analyse(["Who won?", "Who lost?"]) == ["read", "read"]
    assert worker.batches == 1
    await worker.close()
    assert pool.shut and not worker.ready


async def test_a_worker_lost_in_the_middle_of_a_batch_makes_the_caller_read_it() -> None:
    calls = {"n": 0}

    def answer(fn: Callable[..., Any], *args: Any) -> Any:
        if fn.__name__ == "_ready_check":
            return 1234
        calls["n"] += 1
        raise BrokenProcessPool("the worker died")

    pools: list[_Pool] = []

    def factory(pipeline: str) -> _Pool:
        pools.append(_Pool(answer))
        return pools[-1]

    worker = QuestionWorker("some_pipeline", pool_factory=factory, restart_delay=0.0)
    worker.start()
    assert await worker.wait_ready(10.0)
    with pytest.raises(WorkerUnavailable):
        await worker.analyse(["Who won?"])
    assert worker.failures == 1 and calls["n"] == 1
    assert await worker.wait_ready(10.0) and len(pools) == 2  # the next one
    assert pools[0].shut
    await worker.close()


#: A bot process in miniature: start a question worker, write its pid once it is ready, wait.
_PARENT = """
import asyncio, sys
from pathlib import Path
from retrieval.question_worker import QuestionWorker

async def main():
    worker = QuestionWorker(sys.argv[1])
    worker.start()
    assert await worker.wait_ready(60)
    written = Path(sys.argv[2] + ".tmp")
    written.write_text(str(worker.pid))
    written.replace(sys.argv[2])
    await asyncio.sleep(120)

if __name__ == "__main__":
    asyncio.run(main())
"""


async def test_a_worker_whose_bot_process_is_killed_exits_too(tmp_path: Path) -> None:
    script, pid_file = tmp_path / "parent.py", tmp_path / "worker.pid"
    script.write_text(_PARENT)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    # no pipes: the worker would inherit them, and waiting for the parent would wait for it
    parent = await asyncio.create_subprocess_exec(
        sys.executable, str(script), Settings(_env_file=None).spacy_model,  # type: ignore[call-arg]
        str(pid_file), cwd=PROJECT_ROOT, env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL)
    worker = None
    try:
        await until(lambda: pid_file.exists() or parent.returncode is not None,
                    START_TIMEOUT)
        assert parent.returncode is None, "the parent script failed"
        worker = int(pid_file.read_text())
        assert alive(worker) and worker in children(parent.pid)
        parent.kill()  # SIGKILL: no close(), no shutdown of the pool
        await parent.wait()
        # nothing tells the idle worker to stop: it notices that its parent is gone
        await until(lambda: not alive(worker), timeout=10.0)
    finally:
        if parent.returncode is None:
            parent.kill()
            await parent.wait()
        if worker is not None and alive(worker):  # the test failed: leave nothing behind
            os.kill(worker, signal.SIGKILL)
