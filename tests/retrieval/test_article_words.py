"""A candidate weighed by its article (``retrieval.article_words``, ``answers.ARTICLE_BONUS``):
asked of several articles, a sentence whose article holds the question's other words wins
over a like sentence of an article that does not."""

from __future__ import annotations

import pytest

from retrieval import answers
from retrieval.article_words import article_scores, article_words
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
BUSES = ("title: Operator adds night services\n---\n"
         "The route will run from the old harbour to the airport.\n\n"
         "The operator said on Monday it would add four night buses next year.\n\n"
         "Drivers will be trained at the old tram depot.\n")
LINE = ("title: Council backs new line\n---\n"
        "The route will run from the railway station to the university campus.\n\n"
        "The council said on Monday that trams would return next year.\n\n"
        "The trams will be built in Spain.\n")
QUESTION = "where will the tram route run?"


async def _answer(library: ArticleLibrary) -> str:
    result = await library.ask(QUESTION, Scope.all())
    return (result.answers or result.closest)[0].text


@pytest.mark.parametrize(("first", "second"), [
    # the two "route will run" sentences match the question alike; only the tram article
    # speaks of trams (three paragraphs away, not in its headline or opening)
    (FERRIES, TRAMS),
    # both articles hold "tram" and "route", so both hold the whole question alike; the
    # line's article speaks of trams twice in three sentences, the buses one names a tram
    # depot once in as many (``article_scores``: BM25 over whole articles)
    (BUSES, LINE),
], ids=["holds-the-other-words", "returns-to-the-subject"])
async def test_the_article_about_the_questions_subject_wins_a_tie(
        rules_only: ArticleLibrary, monkeypatch: pytest.MonkeyPatch, first: str, second: str
        ) -> None:
    await rules_only.ingest_text(first)  # first: an exact tie goes to it
    await rules_only.ingest_text(second)
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
    assert held == {trams.article.id: {"tram": 1, "route": 1},
                    ferries.article.id: {"route": 1, "ferry": 2}}


def test_an_article_that_says_the_questions_words_more_often_scores_higher() -> None:
    # BM25 over whole articles: the article that keeps returning to the question's subject
    # outscores one that names it once, at the same length; a rarer word weighs more
    weights = {"tram": 2.0, "route": 1.0}
    sizes = {1: 20, 2: 20, 3: 20}
    scores = article_scores(weights, {1: {"tram": 6, "route": 1}, 2: {"tram": 1, "route": 1},
                                      3: {"route": 4}}, sizes)
    assert scores[1] == 1.0 and 0 < scores[3] < scores[2] < 1.0
    # and a long article needs more mentions than a short one to score as high
    longer = article_scores(weights, {1: {"tram": 3}, 2: {"tram": 3}}, {1: 10, 2: 40})
    assert longer[1] == 1.0 and longer[2] < 1.0
