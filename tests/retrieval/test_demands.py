"""What people want, said as news says it ("called for", "asked the city to"):
``retrieval.demands`` and the reranker's use of it."""

from __future__ import annotations

from retrieval.demands import says_a_demand, wanting_terms
from retrieval.question import analyse_question
from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import _ask, _news


def test_news_words_for_wanting_something() -> None:
    for text in ("The council has called for the pier to be extended.",
                 "He called on the government to allow vaccination.",
                 "Prosecutors have asked for life imprisonment.",
                 "The association asked the city to spend more on guides.",
                 "Residents are pressing for a new bridge.",
                 "The union urged ministers to act."):
        assert says_a_demand(text), text
    for text in ("The ferry was called the Isle of Barra.",
                 "He declined to comment when asked.",
                 "She asked to comment on the ruling, but declined.",
                 "The boats land here, and the buyers come here."):
        assert not says_a_demand(text), text


async def test_the_questions_that_ask_what_someone_wants(empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    assert wanting_terms(analyse_question(nlp, "what do the fishermen want")) == {"want"}
    assert wanting_terms(analyse_question(nlp, "what are the nurses asking for")) == {"ask"}
    # "who asked" is no question about a demand
    assert not wanting_terms(analyse_question(nlp, "who asked the minister"))


async def test_what_people_want_is_what_they_called_or_asked_for(
        empty_library: ArticleLibrary) -> None:
    article = await _news(empty_library, "Cape Coast votes to move its fish market",
        "CAPE COAST, Ghana — The town assembly voted on Tuesday to move the fish market "
        "away from the castle walls.",
        '"The fishermen land here, the buyers come here," said one trader.',
        "The chief fisherman said canoe crews backed the plan, but he asked for a paved road "
        "so trucks could carry fish.",
        "The new market will be built on 12 acres of former railway land.")
    reply = await _ask(article, "what do the fishermen want")
    assert not reply.abstained, reply.reason
    assert "paved road" in reply.answers[0].text
    article = await _news(empty_library, "Dutch farms cull hens after bird flu",
        "ARNHEM, Netherlands — Poultry on 64 farms will be culled after bird flu was found "
        "at two sites.",
        "The head of the poultry farmers' association called on the government to allow "
        "the vaccination of laying hens.",
        "Farmers said the culls had cost the poultry sector millions.")
    reply = await _ask(article, "what do the poultry farmers want")
    assert not reply.abstained, reply.reason
    assert "vaccination" in reply.answers[0].text


async def test_dr_before_a_name_is_a_doctor(empty_library: ArticleLibrary) -> None:
    article = await _news(empty_library, "Costa Rica bans disposable vapes",
        "SAN JOSÉ, Costa Rica — Costa Rica will ban disposable vapes from September 1.",
        "The Costa Rican Medical Association welcomed the ban but said it did not go far "
        "enough.",
        "Its president, Dr Mauricio Calvo, called for a total ban on flavoured vaping "
        "products.",
        '"People will just get them from a cousin," said one 16-year-old, who did not want '
        "to give his name.")
    reply = await _ask(article, "what do the doctors want")
    assert not reply.abstained, reply.reason
    assert "Calvo" in reply.answers[0].text
