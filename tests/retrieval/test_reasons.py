"""Questions that ask why, and sentences that give a reason (``retrieval.reasons``): "because",
"credited to", "which is why", "traced to", and not the very thing whose cause is asked."""

from __future__ import annotations

import pytest

from retrieval.reasons import asks_for_a_reason, gives_a_reason
from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import _about, _ask, _best, _news


async def test_why_prefers_the_sentence_that_gives_a_reason(rules_only: ArticleLibrary
                                                            ) -> None:
    # the rules alone (the sentence model would also get this one right)
    swarm = await _about(rules_only, (
        "title: Locusts strip fields in the south\n---\n"
        "MULTAN, Pakistan — Swarms of desert locusts have stripped crops on 20,000 hectares "
        "in the south this year, officials said on Monday.\n\n"
        "Farmers said this year's swarms were the largest they had seen.\n\n"
        "Locusts bred in such numbers this year after unusually heavy monsoon rains left the "
        "desert green and full of young plants for weeks on end, entomologists at the "
        "provincial agriculture department said on Monday.\n"))
    for question in ("why are there so many locusts this year",
                     "what caused so many locusts this year"):
        result = await _ask(swarm, question)
        assert not result.abstained and "monsoon" in result.answers[0].text, question


async def test_why_is_answered_by_what_a_change_is_credited_to(rules_only: ArticleLibrary
                                                                ) -> None:
    park = await _about(rules_only, (
        "title: Rhino count\n---\n"
        "Rhino poaching in the park fell by half last year.\n\n"
        "Officials credited the fall in poaching to night patrols by drone.\n\n"
        "Elephant numbers in the park were stable.\n"))
    # "credited the decline to" gives the reason, as "because" would
    assert "credited" in await _best(park, "why did poaching fall")
    # and "what set the whole thing off" asks for one, however many words it spreads over
    assert asks_for_a_reason("what set the whole thing off")


async def test_which_is_why_gives_a_reason(rules_only: ArticleLibrary) -> None:
    explosion = await _news(
        rules_only, "Chemical plant explosion",
        "KEOKUK, Iowa — An explosion at a chemical plant forced an evacuation of homes within "
        "a mile on Tuesday.",
        "Officials are keeping the evacuation order for homes near the plant.",
        "The wind could shift, which is why officials are keeping the order.")
    assert "which is why" in await _best(
        explosion, "Why are officials keeping the evacuation order in force?")


@pytest.mark.parametrize(("sentence", "gives"), [
    ("Water burst into a gallery after a drilling crew broke into old workings.", True),
    ("The wind could shift, which is why the order stays in place.", True),
    ("Officials would not say where, for fear of helping poachers.", True),
    ("Rescuers brought 14 miners out alive, 52 hours after they were trapped.", False),
    ("Relatives cheered at the gate.", False),
])
def test_a_sentence_that_gives_a_reason(sentence: str, gives: bool) -> None:
    assert gives_a_reason(sentence) is gives


@pytest.mark.parametrize(("sentence", "gives"), [
    # the drought is given as a cause, not caused
    ("The canal cut crossings because a drought has left the lake low.", False),
    ("Flash floods triggered by two days of torrential drought killed four people.", False),
    # what follows "which is why" is an effect, and the cause is elsewhere
    ("Nobody planned ahead, which is why the drought hurt so much.", True),
    ("Officials blamed the El Niño weather pattern for the drought.", True),
])
def test_a_reason_must_not_be_the_thing_whose_cause_is_asked(sentence: str,
                                                             gives: bool) -> None:
    assert gives_a_reason(sentence, ["drought"]) is gives


async def test_whats_causing_asks_for_a_reason(rules_only: ArticleLibrary) -> None:
    canal = await _news(
        rules_only, "Drought at the canal",
        "PANAMA CITY — The canal will cut crossings because a drought has left Gatun Lake low.",
        "Officials blamed the drought on the El Niño weather pattern.",
        "Ship queues reached 130 vessels last week.")
    assert "El Niño" in await _best(canal, "what's causing the drought")


async def test_what_caused_it_is_met_by_a_reason(rules_only: ArticleLibrary) -> None:
    blackout = await _news(
        rules_only, "Blackout hits northern Portugal",
        "PORTO, Portugal — Power was cut to about 2 million homes in northern Portugal on "
        "Monday evening.",
        "The lights went out because a fire broke out at a substation near Braga, the grid "
        "operator REN said.",
        "Electricity was back in most homes by midnight.")
    # "because" says the cause without the word "cause"
    reply = await _ask(blackout, "what caused the blackout")
    assert not reply.abstained, reply.reason
    assert "because a fire" in reply.answers[0].text


def test_traced_to_gives_a_cause() -> None:
    assert gives_a_reason("Investigators traced many of the early infections to a village "
                          "water tank.")
    assert gives_a_reason("The outbreak stemmed from a broken pipe.")
    assert not gives_a_reason("He traced his finger along the map.")
