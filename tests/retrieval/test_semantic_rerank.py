"""The sentence-similarity model's place in the reranker: it reorders the best few
candidates, never over a stronger answer kind, and its absence is said plainly."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

from retrieval.answers import (
    SEMANTIC_POOL,
    WHO_SEMANTIC_POOL,
    _final_score,
    _Scored,
    blend_similarity,
)
from retrieval.errors import SemanticModelMissingError
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.conftest import make_settings
from tests.retrieval.answer_helpers import MUSEUM

COUNCIL = ("title: Council closes bridge\n---\n"
           "The town council decided on Monday to close the old bridge over the river.\n\n"
           "The council also decided that the bridge would stay shut until engineers have "
           "inspected it.\n\n"
           "The bridge was built in 1902.\n")


class FavourSentences:
    """A stand-in model: cosine 1 for sentences containing ``word``, 0 for the rest; it
    records what it was asked about."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.asked: list[list[str]] = []

    def __call__(self, question: str, sentences: Sequence[str]) -> list[float]:
        self.asked.append(list(sentences))
        return [1.0 if self.word in sentence else 0.0 for sentence in sentences]


async def _answer(library: ArticleLibrary, article_id: int, question: str) -> str:
    result = await library.ask(question, Scope.all(), article_id=article_id)
    assert not result.abstained, result.reason
    return result.answers[0].text


async def test_the_model_reorders_the_rules_best_candidates(
        empty_library: ArticleLibrary) -> None:
    article = (await empty_library.ingest_text(COUNCIL)).article.id
    question = "What did the council decide about the bridge?"
    empty_library._answers.similarity = None
    rules_choice = await _answer(empty_library, article, question)
    model = FavourSentences("engineers" if rules_choice.startswith("The town") else "Monday")
    empty_library._answers.similarity = model
    assert await _answer(empty_library, article, question) != rules_choice
    # only the best few are shown to the model (it costs ~10 ms a sentence)
    assert model.asked and all(len(asked) <= SEMANTIC_POOL for asked in model.asked)
    # and none when the rules' best is well ahead of the rest
    model.asked.clear()
    assert "1902" in await _answer(empty_library, article, "When was the bridge built?")
    assert model.asked == []


async def test_the_model_never_overrides_the_answers_kind(
        empty_library: ArticleLibrary) -> None:
    # "how long" wants a length of time: a sentence the model likes better that only has a
    # date stays below the one that says "four years"
    text = ("title: Sprinter banned\n---\n"
            "The athletics federation on Monday banned the sprinter Tom Vale for four years "
            "for doping.\n\n"
            "Vale's ban is backdated to March 3, when he was first suspended.\n\n"
            "Vale will be 30 when the ban ends.\n")
    await empty_library.ingest_text(MUSEUM)  # a second article, so that idf means something
    article = (await empty_library.ingest_text(text)).article.id
    empty_library._answers.similarity = FavourSentences("backdated")
    assert "four years" in await _answer(empty_library, article, "How long is Vale banned for?")


async def test_a_library_without_the_model_says_how_to_get_it(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, semantic_model_dir=tmp_path / "nowhere")
    with pytest.raises(SemanticModelMissingError, match="pip install pyduck-janitor"):
        await ArticleLibrary.open(settings)
    # switched off, the same settings open and answer with the rules alone
    off = make_settings(tmp_path, semantic_model_dir=tmp_path / "nowhere",
                        semantic_rerank=False)
    library = await ArticleLibrary.open(off)
    try:
        result = await library.ask("How many people were killed?", Scope.all())
        assert result.answers
    finally:
        await library.close()


def _ten_candidates(step: float = 0.04) -> list[_Scored]:
    """Ten candidates of one article, best first, ``step`` apart."""
    bundle = SimpleNamespace(row=SimpleNamespace(id=1), text=lambda sentence: sentence.text)
    scored = []
    for rank in range(10):
        sentence = SimpleNamespace(text=f"sentence {rank}", position=rank)
        item = _Scored(bundle, sentence, bm25=1.0, parts={"coverage": 1.0 - step * rank,
                                                             "type": 0.0})
        item.final = _final_score(item.parts)
        scored.append(item)
    return scored


def _question(text: str, wh: str) -> SimpleNamespace:
    """What ``blend_similarity`` reads of a question (no names in it)."""
    return SimpleNamespace(text=text, wh=wh, terms=[], pos={}, entity_labels={})


def test_the_model_reaches_past_the_best_five_for_a_paraphrase() -> None:
    # "how much did the whole thing cost": the article's own words for it may rank eighth
    # by the rules; the model sees the best ten and its cosine outweighs that gap
    scored = _ten_candidates()
    model = FavourSentences("sentence 7")
    blend_similarity(_question("how much did the whole thing cost", "how"),
                     scored, model)
    assert scored[0].bundle.text(scored[0].sentence) == "sentence 7"
    assert len(model.asked[0]) == SEMANTIC_POOL > WHO_SEMANTIC_POOL


def test_who_questions_keep_the_rules_order_beyond_the_best_five() -> None:
    # "who leads the union": a sentence about the union is close in meaning whether or not
    # it names its leader, so the model only reorders the best five, and weighs less
    scored = _ten_candidates()
    model = FavourSentences("sentence 7")
    blend_similarity(_question("who leads the union", "who"), scored, model)
    assert scored[0].bundle.text(scored[0].sentence) == "sentence 0"
    assert all(len(asked) <= WHO_SEMANTIC_POOL for asked in model.asked)
    scored = _ten_candidates(step=0.08)
    blend_similarity(_question("who leads the union", "who"), scored,
                     FavourSentences("sentence 4"))
    assert scored[0].bundle.text(scored[0].sentence) == "sentence 0"  # 0.32 behind: too far
    scored = _ten_candidates(step=0.08)
    blend_similarity(_question("what did the union do", "what"), scored,
                     FavourSentences("sentence 4"))
    assert scored[0].bundle.text(scored[0].sentence) == "sentence 4"


TRIAL = ("title: Malaria vaccine trial\n---\n"
         "Doctors in Siaya County called the findings the first good news about malaria in "
         "years.\n\n"
         "The results were presented to the public at a conference of paediatricians in "
         "Mombasa last week.\n\n"
         "The trial enrolled 4,200 children under the age of five.\n")


async def test_the_rules_best_shows_the_article_covers_the_question(
        empty_library: ArticleLibrary) -> None:
    # the sentence the model prefers may cover fewer of the question's words than the rules'
    # best; that the rules' best covers them is evidence enough that the article answers
    await empty_library.ingest_text(MUSEUM)
    article = (await empty_library.ingest_text(TRIAL)).article.id
    question = "Where were the findings first made public?"
    empty_library._answers.similarity = FavourSentences("Doctors")
    # (thresholds between the two sentences' coverage, 0.5 and 0.75, and above both)
    answered = await empty_library.ask(question, Scope.all(), article_id=article,
                                       min_coverage=0.6)
    assert not answered.abstained and answered.answers[0].text.startswith("Doctors")
    assert answered.coverage < 0.6
    declined = await empty_library.ask(question, Scope.all(), article_id=article,
                                       min_coverage=0.8)
    assert declined.abstained
