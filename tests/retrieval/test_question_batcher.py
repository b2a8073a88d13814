"""Questions asked at the same time share one spaCy batch, with the same analysis as alone."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence

import pytest

from config.settings import Settings
from retrieval.errors import InvalidQuestionError
from retrieval.nlp import load_pipeline
from retrieval.question import analyse_question, analyse_questions, question_text
from retrieval.question_batcher import QuestionBatcher
from tests.conftest import DATA_DIR


def _eval_questions() -> list[str]:
    questions = []
    for path in [DATA_DIR / "seed_questions.json", *sorted((DATA_DIR / "articles").glob("*.json"))]:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions += [item["q"] for item in data["questions"] + data["unanswerable"]]
    return questions


def test_a_batch_reads_every_question_as_it_reads_it_alone() -> None:
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)  # type: ignore[call-arg]
    questions = _eval_questions()[:160]
    texts = [question_text(q) for q in questions]
    batched = [q for start in range(0, len(texts), 32)
               for q in analyse_questions(nlp, texts[start:start + 32])]
    assert batched == [analyse_question(nlp, q) for q in questions]


class _Recorder:
    """Stands in for spaCy: records each batch, and holds the first until released."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.batches: list[list[str]] = []
        self.release = asyncio.Event()
        self.fail_on = fail_on

    async def __call__(self, nlp: object, texts: Sequence[str]) -> list[str]:
        self.batches.append(list(texts))
        await self.release.wait()
        if self.fail_on in texts:
            raise RuntimeError("spaCy failed")
        return [f"analysed: {text}" for text in texts]


async def test_questions_waiting_for_spacy_go_together_in_the_next_batch() -> None:
    recorder = _Recorder()
    batcher = QuestionBatcher(recorder, max_batch=8)  # type: ignore[arg-type]
    first = asyncio.create_task(batcher.analyse(None, "Who won?"))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    later = [asyncio.create_task(batcher.analyse(None, f"Who came {n}?"))  # type: ignore[arg-type]
             for n in range(5)]
    await asyncio.sleep(0)
    recorder.release.set()
    assert await first == "analysed: Who won?"
    assert await asyncio.gather(*later) == [f"analysed: Who came {n}?" for n in range(5)]
    assert recorder.batches == [["Who won?"], [f"Who came {n}?" for n in range(5)]]


async def test_a_batch_is_never_larger_than_the_limit() -> None:
    recorder = _Recorder()
    recorder.release.set()
    batcher = QuestionBatcher(recorder, max_batch=4)  # type: ignore[arg-type]
    answers = await asyncio.gather(*(batcher.analyse(None, f"Where is {n}?")  # type: ignore[arg-type]
                                     for n in range(10)))
    assert len(answers) == 10
    assert [len(batch) for batch in recorder.batches] == [4, 4, 2]


async def test_a_question_without_words_is_refused_without_waiting_for_spacy() -> None:
    recorder = _Recorder()
    batcher = QuestionBatcher(recorder)  # type: ignore[arg-type]
    with pytest.raises(InvalidQuestionError):
        await batcher.analyse(None, " ?! ")  # type: ignore[arg-type]
    assert recorder.batches == []


async def test_a_question_that_breaks_spacy_fails_only_its_own_asker() -> None:
    recorder = _Recorder(fail_on="Who broke it?")
    recorder.release.set()
    batcher = QuestionBatcher(recorder)  # type: ignore[arg-type]
    results = await asyncio.gather(
        *(batcher.analyse(None, q)  # type: ignore[arg-type]
          for q in ("Who won?", "Who broke it?", "Who lost?")),
        return_exceptions=True,
    )
    assert results[0] == "analysed: Who won?"
    assert isinstance(results[1], RuntimeError)
    assert results[2] == "analysed: Who lost?"


async def test_an_asker_who_gives_up_does_not_stop_the_others() -> None:
    recorder = _Recorder()
    batcher = QuestionBatcher(recorder)  # type: ignore[arg-type]
    first = asyncio.create_task(batcher.analyse(None, "Who won?"))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    quitter = asyncio.create_task(batcher.analyse(None, "Who quit?"))  # type: ignore[arg-type]
    stayer = asyncio.create_task(batcher.analyse(None, "Who stayed?"))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    quitter.cancel()
    recorder.release.set()
    assert await first == "analysed: Who won?"
    assert await stayer == "analysed: Who stayed?"
    assert recorder.batches[-1] == ["Who stayed?"]
