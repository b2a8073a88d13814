"""Questions typed the way people chat ("wait what even is morna", "how much does lissy thomas
owe", "whens the court date"): read as the questions they are (``retrieval.question``)."""

from __future__ import annotations

from retrieval.question import analyse_question, asks_for_money, clean_question
from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import _ask, _news


def test_chat_fillers_before_the_question_are_dropped() -> None:
    assert clean_question("wait what even is morna") == "what even is morna"
    assert clean_question("hmm, who paid for it") == "who paid for it"
    assert clean_question("ok so how many died") == "how many died"
    # only before a question: "Wait for it" is no filler
    assert clean_question("Wait for it") == "Wait for it"


def test_more_chat_shorthand_is_spelled_out() -> None:
    assert clean_question("how many lab techs did they hire") == (
        "how many lab technicians did they hire")
    assert clean_question("whens the court date") == "when's the court date"
    assert clean_question("where were the cigs going") == "where were the cigarettes going"
    assert clean_question("whats the price per kwh") == "what's the price per kilowatt-hour"
    assert clean_question("who's the gm over there") == "who's the general manager over there"
    assert clean_question("what did GM say") == "what did GM say"  # General Motors
    # only whole words: "BC Hydro" is a name
    assert clean_question("what did BC Hydro say") == "what did BC Hydro say"


async def test_a_verb_typed_after_a_lower_case_name_is_no_part_of_it(
        empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    # spaCy reads "lissy thomas owe" as one name; "owe" is only ever a verb
    assert analyse_question(nlp, "how much does lissy thomas owe").entity_names == [
        "lissy thomas"]


async def test_a_hyphenated_modifier_does_not_become_the_counted_noun(
        empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    question = "How many night-time staff did the budget review want to keep?"
    assert analyse_question(nlp, question).counted == "staff"


async def test_what_else_is_x_doing_asks_for_no_kind_of_x(empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    # the union is the subject, as in "what is the union demanding": no organisation asked
    question = analyse_question(nlp, "What else is the union demanding?")
    assert question.focus is None and not question.answer_labels


def test_what_someone_said_about_pay_asks_for_no_sum() -> None:
    assert not asks_for_money("what did the union boss say about pay")
    assert asks_for_money("what did the sites cost")
    assert asks_for_money("what will they pay")


def test_how_much_a_payment_changes_may_be_a_share() -> None:
    # a rise is often given as a percentage ("basic wages will rise 6 percent")
    assert not asks_for_money("how much do wages go up in april")
    assert not asks_for_money("how much did fares rise")
    assert asks_for_money("how much are the wages")


async def test_how_come_asks_why(empty_library: ArticleLibrary) -> None:
    assert clean_question("how come the drivers walked out") == "why the drivers walked out"
    assert clean_question("so how come they lost") == "why they lost"
    # "come" alone stays a word of the question
    assert clean_question("how did they come home") == "how did they come home"
    nlp = await empty_library.nlp()
    question = analyse_question(nlp, "how come dublin bus won't offer more money")
    assert question.text.startswith("why")
    assert "come" not in question.terms


async def test_upset_people_are_the_ones_who_complain(empty_library: ArticleLibrary) -> None:
    # news reports people's being upset as complaints, anger or frustration
    article = await _news(empty_library, "Kyoto fines tourists",
        "KYOTO, Japan — Kyoto will fine tourists who enter private lanes in Gion from April.",
        "Residents complain that visitors block narrow streets and follow geiko with cameras.",
        "The fines will be 10,000 yen, collected by 60 wardens.")
    reply = await _ask(article, "what are people upset about")
    assert not reply.abstained, reply.reason
    assert "complain" in reply.answers[0].text
    # "what are people upset about" asks what upsets them, not which people
    nlp = await empty_library.nlp()
    for text in ("what are people upset about", "what are residents still angry about"):
        question = analyse_question(nlp, text)
        assert question.focus is None and "PERSON" not in question.answer_labels, text
