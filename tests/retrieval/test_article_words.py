"""A candidate weighed by its article (``retrieval.article_words``, ``answers.ARTICLE_BONUS``):
asked of several articles, a sentence whose article holds the question's other words wins
over a like sentence of an article that does not."""

from __future__ import annotations

import pytest

from retrieval import answers
from retrieval.article_words import article_words
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary

FERRIES = ("title: Authority buys ferries\n---\n"
           "The harbour authority agreed on Monday to buy three electric ferries.\n\n"
           "The route will run from the old harbour to the island of Meva.\n\n"
           "The ferries will carry up to 300 passengers each.\n")
TRAMS = ("title: Council backs new line\n---\n"
         "The city council voted on Tuesday to approve the plan, 17 years after the last line "
         "closed.\n\n"
         "The mayor said trams would return to the city centre in 2029.\n\n"
         "Opponents said the money would be better spent on buses.\n\n"
         "The route will run from the railway station to the university campus.\n")
QUESTION = "where will the tram route run?"


async def _answer(library: ArticleLibrary) -> str:
    result = await library.ask(QUESTION, Scope.all())
    return (result.answers or result.closest)[0].text


async def test_the_article_holding_the_questions_other_words_wins_a_tie(
        rules_only: ArticleLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    # the two "route will run" sentences match the question alike; only the tram article
    # speaks of trams (three paragraphs away, not in its headline or opening)
    await rules_only.ingest_text(FERRIES)  # first: an exact tie goes to it
    await rules_only.ingest_text(TRAMS)
    assert "railway station" in await _answer(rules_only)
    monkeypatch.setitem(answers._PART_WEIGHTS, "article", 0.0)
    assert "old harbour" in await _answer(rules_only)


async def test_one_articles_candidates_get_no_article_weight(
        rules_only: ArticleLibrary) -> None:
    ferries = await rules_only.ingest_text(FERRIES)
    trams = await rules_only.ingest_text(TRAMS)
    bundle = await rules_only.bundle(trams.article.id)
    other = await rules_only.bundle(ferries.article.id)
    one = [(bundle, sentence, 0.0) for sentence in bundle.sentences]
    assert article_words(rules_only.index, ["tram", "route"], one) is None
    both = [*one, (other, other.sentences[1], 0.0)]
    held = article_words(rules_only.index, ["tram", "route", "ferry"], both)
    assert held == {trams.article.id: frozenset({"tram", "route"}),
                    ferries.article.id: frozenset({"route", "ferry"})}
