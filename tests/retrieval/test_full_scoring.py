"""Only the best candidates by their words (and the sign of an answer of the kind asked) have
their kind of answer weighed (``answers.FULLY_SCORED``): they keep the scores they get when
every candidate is weighed, the others are scored by their words alone."""

from __future__ import annotations

import pytest

from retrieval import answers
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.conftest import SEED_FILE


async def test_only_the_best_by_words_are_weighed_in_full(
        library: ArticleLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    await library.ingest_path(SEED_FILE)
    (row,) = await library.articles(Scope.all())
    bundle = await library.bundle(row.id)
    question = await library.analyse("How many people were killed in the attacks?")
    candidates = [(bundle, sentence, 0.0) for sentence in bundle.sentences]
    assert len(candidates) > 10

    def weigh(fully: int, seen: dict | None = None) -> list:
        monkeypatch.setattr(answers, "FULLY_SCORED", fully)
        return answers.score_candidates(question, candidates, lambda term: 2.0, seen=seen)

    everyone = weigh(len(candidates))
    kept: dict = {}
    few = weigh(4, kept)
    assert len(kept) == 4
    final_of = {item.sentence.id: item.final for item in everyone}
    for item in few:
        if item.sentence.id in kept:  # as when every candidate is weighed
            assert item.final == pytest.approx(final_of[item.sentence.id])
        else:  # only their words count, and they are not kept for a reread
            assert item.type_span is None
            assert {name for name, value in item.parts.items() if value} <= {
                "coverage", "bm25"}
    # the count of the dead, which wins on its kind, is among those weighed in full
    assert few[0].sentence.id == everyone[0].sentence.id
    assert few[0].sentence.id in kept and few[0].parts["counted"]
