"""The shape of an answering span (``retrieval.answer_spans``), on single sentences."""

from __future__ import annotations

from types import SimpleNamespace

from retrieval.answer_spans import is_money


def _is_money(text: str, number: str) -> bool:
    start = text.index(number)
    return is_money(SimpleNamespace(body=text), start, start + len(number))  # type: ignore[arg-type]


def test_a_sum_of_money_names_its_currency() -> None:
    assert _is_money("Repairs cost 4.8 million zlotys last year.", "4.8 million")
    assert _is_money("The council paid €40 for each permit.", "40")


def test_a_count_of_people_is_no_sum_of_money() -> None:
    # WordNet knows "at" as a coin of Laos: "at least 14" must not pass for a price
    assert not _is_money("The collapse killed at least 14 people.", "at least 14")
    assert not _is_money("Shares fell 3.8 percent at the open.", "3.8 percent")
    # "per cent" in two words is a share too, though a cent is a coin
    assert not _is_money("The firm was paid 71 per cent of the contract value.", "71 per cent")
    # and a currency spelled with a letter WordNet writes plainly ("zloty")
    assert _is_money("Events bring about 85 million złoty a year.", "about 85 million")


def test_currencies_wordnet_lacks_or_cannot_singularise_are_money() -> None:
    # "lei" is the plural of "leu", which WordNet cannot take back; "vatu" it does not know
    assert _is_money("The company was fined 2 million lei.", "2 million")
    assert _is_money("The pilot will cost 18 million vatu.", "18 million")


def test_a_currency_after_a_countrys_name_is_money() -> None:
    assert _is_money("The upgrade cost about 90 million Solomon Islands dollars.",
                     "about 90 million")
    assert _is_money("Fares are capped at 150 Trinidad and Tobago dollars.", "150")
    # a number followed by a place and no currency is still no sum
    assert not _is_money("About 400 Solomon Islands workers left.", "About 400")


def test_a_date_span_must_be_made_of_time_words() -> None:
    from retrieval.answer_spans import looks_like_time

    def looks(text: str, span: str) -> bool:
        start = text.index(span)
        return looks_like_time(SimpleNamespace(body=text), start,  # type: ignore[arg-type]
                               start + len(span))

    for text, span in [("It opened on Friday.", "Friday"), ("In May 2021 it closed.", "May 2021"),
                       ("They met at a quarter past four.", "a quarter past four"),
                       ("It lasted a week.", "a week")]:
        assert looks(text, span), span
    # spaCy sometimes tags a direction as a DATE: no "when" answer
    assert not looks("Turda lies about 30 kilometres south-east of the city.", "south-east")


def test_a_number_someone_will_be_or_turns_is_an_age() -> None:
    from retrieval.answer_spans import is_age

    def age(text: str, number: str) -> bool:
        start = text.index(number)
        return is_age(SimpleNamespace(body=text), start, start + len(number))  # type: ignore[arg-type]

    assert age("Lund will be 34 when the ban expires in 2029.", "34")
    assert age("She turned 60 in May and retired.", "60")
    assert age("He was 19 when he joined the crew.", "19")
    assert age("The woman, aged between 30 and 40 at death, was buried alone.", "between 30 and 40")
    # a count stated with "was" is no age
    assert not age("By Friday the death toll was 34.", "34")
    assert not age("The number of cases will be 40 by June, officials said.", "40")
