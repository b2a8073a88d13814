"""A close runner-up that says what the question asks goes first
(``retrieval.close_candidates``): the next or the last time, where it is based, goes or comes
from, where exactly, a clock time, a lawyer, the doer after "by", someone's own quotation, and
this event rather than an earlier one."""

from __future__ import annotations

from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import (
    MINE,
    SCHEME,
    _about,
    _answer_about,
    _answer_in,
    _ask,
    _best,
    _news,
)


async def test_where_is_it_prefers_the_sentence_that_says_precisely_where(
        empty_library: ArticleLibrary) -> None:
    mine = await _about(empty_library, MINE)
    # the lede names the region; "near the village of Tuilla, 15 km east of Oviedo" pins it
    assert "Tuilla" in await _best(mine, "where is the mine?")
    assert "Tuilla" in await _best(mine, "Where exactly is the Carbonar mine?")


async def test_where_a_company_is_based_is_where_its_headquarters_are(
        museum: tuple[ArticleLibrary, int]) -> None:
    # WordNet does not link "based" and "headquarters"; news uses them for each other
    text = """title: Nordlys cuts jobs
---
Nordlys Foods will cut 120 jobs at its plant in Bodø, the company said on Monday.

Nordlys, which employs about 900 people in Bergen and Oslo, blamed higher fish prices.

Chief executive Ida Moen spoke to staff at the company's headquarters in Tromsø.

Unions said they would fight the cuts.
"""
    sentence, highlight = await _answer_about(museum, text, "Where is Nordlys based?")
    assert "Tromsø" in highlight, sentence


async def test_whens_the_next_one_wants_what_is_to_come(empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    # "the first hearing was held on May 12" has the word; "the next one" is the answer
    assert await _answer_in(scheme, "when's the next hearing") == "June 3"
    # and a date that has passed is not when the next one is
    trial = await _about(empty_library, (
        "title: Trial opens\n---\n"
        "The first hearing was held on May 12 in a packed courtroom.\n\n"
        "Both defendants pleaded not guilty.\n"))
    assert (await _ask(trial, "when's the next hearing")).abstained


async def test_where_is_it_based_prefers_a_sentence_that_says_its_base(
        rules_only: ArticleLibrary) -> None:
    recall = await _news(
        rules_only, "Voltan recalls e-bike batteries",
        "AMSTERDAM — The Dutch e-bike maker Voltan said on Monday it would recall 40,000 "
        "batteries after reports of fires.",
        "Shares in Voltan fell 14 percent in Amsterdam trading on Tuesday, and Voltan said "
        "Voltan would cover the cost.",
        "The cells came from Singapore-based Lumen Cells, a supplier Voltan has used since "
        "2021.",
        "Customers will get a voucher, the chief executive told reporters at the company's "
        "headquarters in Amsterdam's Noord district.")
    assert "headquarters in Amsterdam's Noord district" in await _best(
        recall, "Where is Voltan based?")


async def test_who_represents_someone_prefers_the_sentence_naming_their_lawyer(
        rules_only: ArticleLibrary) -> None:
    trial = await _news(
        rules_only, "Former mayor on trial",
        "PLOVDIV, Bulgaria — The trial of the former mayor Petar Dimov opened on Monday.",
        "Prosecutors said Dimov had taken bribes from Rodopa Build, whose owner Ivan Kolev "
        "and engineer Maria Petrova testified against Dimov on Tuesday.",
        "His lawyer, Atanas Boyadzhiev, said the case was political.",
        "The verdict is expected in June.")
    assert "His lawyer, Atanas Boyadzhiev" in await _best(trial, "who is defending dimov")


async def test_when_was_it_last_done_prefers_the_sentence_about_the_time_before(
        rules_only: ArticleLibrary) -> None:
    derailment = await _news(
        rules_only, "Ore train derails",
        "ANTOFAGASTA, Chile — A freight train derailed on a curve on Monday, and the rail "
        "line's operator said its inspectors had checked the wagons after the crash.",
        "The operator said the track had been inspected 10 days earlier.",
        "Nobody was hurt.")
    assert "inspected 10 days earlier" in await _best(
        derailment, "When was the line last checked?")


async def test_how_many_prefers_this_event_over_the_earlier_one_it_is_compared_with(
        rules_only: ArticleLibrary) -> None:
    quake = await _news(
        rules_only, "Earthquake in Racha",
        "TBILISI, Georgia — A magnitude 6.1 earthquake struck the Racha region on Saturday, "
        "killing at least 11 people, officials said.",
        "It was the deadliest earthquake in the region since 1991, when a magnitude 7.0 "
        "earthquake killed about 270 people in Racha.",
        "Rescuers searched collapsed houses through the night.")
    assert "killing at least 11 people" in await _best(
        quake, "how many people were killed in the earthquake")


async def test_what_time_prefers_a_sentence_with_a_clock_time(
        rules_only: ArticleLibrary) -> None:
    collapse = await _news(
        rules_only, "Bridge collapses in Assam",
        "GUWAHATI, India — A road bridge over the Kulsi river collapsed, officials said.",
        "The bridge fell on Sunday, the second bridge in Assam to fall this year, and the "
        "time it took rescuers to arrive angered residents.",
        "The bridge gave way at about 6.40 p.m., sending two trucks into the river.")
    assert "6.40 p.m." in await _best(collapse, "What time did the bridge fall?")


async def test_where_is_it_going_prefers_the_sentence_that_says_where_to(
        rules_only: ArticleLibrary) -> None:
    derailment = await _news(
        rules_only, "Ore train derails",
        "ANTOFAGASTA, Chile — A freight train derailed on Tuesday near the mining town of "
        "Sierra Gorda, where the train's crew were treated by paramedics.",
        "The train was carrying copper ore to the port of Mejillones.",
        "Nobody else was hurt.")
    assert "to the port of Mejillones" in await _best(derailment, "where was the train going")


async def test_where_does_it_come_from_prefers_the_sentence_that_says_where_from(
        rules_only: ArticleLibrary) -> None:
    fraud = await _news(
        rules_only, "Wine fraud in Bordeaux",
        "BORDEAUX, France — Police raided a wine trading house in Bordeaux, where the cheap "
        "wine was bottled and sold as Bordeaux.",
        "Investigators say the trading house bought cheap bulk wine from Spain.",
        "The trial is expected next year.")
    assert "from Spain" in await _best(fraud, "where did the cheap wine come from")


async def test_where_exactly_is_where_it_lies_from_a_known_place(
        rules_only: ArticleLibrary) -> None:
    dam = await _news(
        rules_only, "Court halts dam construction in Peru",
        "LIMA, Peru — A Peruvian court on Monday ordered a halt to construction of a "
        "hydroelectric dam in the southern Andes region of Apurímac.",
        "The construction site lies about 90 kilometres west of Abancay, the regional capital.",
        "Villagers say the reservoir would flood their farmland.")
    assert "90 kilometres west" in await _best(dam, "where is the construction site")
    assert "90 kilometres west" in await _best(dam, "where exactly is the dam being built")


async def test_the_length_of_this_strike_not_of_the_last_one(rules_only: ArticleLibrary) -> None:
    strike = await _news(
        rules_only, "Port workers strike in Melbourne",
        "MELBOURNE, Australia — About 1,500 dock workers at the Port of Melbourne began a "
        "72-hour strike on Wednesday over pay and automated cranes.",
        "The union wants a 6 percent pay rise each year for four years.",
        "The last major strike there, in 2021, lasted nine days.")
    assert "72-hour" in await _best(strike, "how long is the strike")


async def test_before_asks_for_an_earlier_time(rules_only: ArticleLibrary) -> None:
    attack = await _news(
        rules_only, "Hackers shut down hospital computers in Brno",
        "BRNO, Czech Republic — A cyberattack forced the University Hospital Brno to postpone "
        "dozens of operations on Monday.",
        "The hospital said it had been hacked on Sunday and would not pay the ransom.",
        "A similar attack on the same hospital in March 2020 shut down its systems for almost "
        "a month.")
    assert "March 2020" in await _best(attack, "has this hospital been hacked before")


async def test_has_this_happened_before_finds_the_earlier_event(
        rules_only: ArticleLibrary) -> None:
    strike = await _news(
        rules_only, "Bus drivers in Nairobi strike over unpaid wages",
        "NAIROBI, Kenya — Drivers at the city's largest bus company, which is the second "
        "largest employer in the city, went on strike on Monday over unpaid wages.",
        "The union said workers were owed 180 million shillings.",
        "It is the second strike at Metro Trans this year.",
        "In March, drivers stopped work for four days over a similar dispute.")
    assert "second strike" in await _best(strike, "has this happened before?")
    assert "second strike" in await _best(strike, "is this the first time")
    calm = await _news(
        rules_only, "Bus drivers strike",
        "NAIROBI, Kenya — Drivers at the city's largest bus company went on strike on Monday.",
        "The union said workers were owed 180 million shillings.",
        "Traffic was light for the first time since the protests.")  # no earlier strike
    before = await _ask(calm, "has this ever happened before")
    assert before.abstained and "happened before" in (before.reason or "")


async def test_who_did_it_prefers_the_sentence_that_names_the_doer_after_by(
        rules_only: ArticleLibrary) -> None:
    road = await _news(
        rules_only, "Vietnam opens expressway section",
        "HANOI, Vietnam — Vietnam on Saturday opened a 98-kilometre section of expressway.",
        "The four-lane road was built in 30 months by a group of state-owned contractors led "
        "by Cienco 4, the Ministry of Transport said.",
        "Engineers built 14 bridges and two tunnels along the road.")
    assert "Cienco 4" in await _best(road, "who built the road")


async def test_who_represents_and_what_a_contract_was_worth(rules_only: ArticleLibrary) -> None:
    fraud = await _news(
        rules_only, "Former Durban water official convicted in tender fraud case",
        "DURBAN, South Africa — A former senior water official was found guilty on Thursday of "
        "steering a R48 million (about $2.6 million) pipe-repair contract to a company secretly "
        "owned by his brother-in-law.",
        "The unit has since recovered R11 million (about $600,000) from bank accounts linked to "
        "the contract.",
        "During the trial, van Wyk argued that his client had been a scapegoat for failures "
        "across the entire department.",
        "His lawyer, Advocate Pieter van Wyk, said the defence would study the ruling.")
    # someone's representative is their lawyer
    assert "His lawyer" in await _best(fraud, "who's representing him")
    seagrass = await _news(
        rules_only, "Shark Bay seagrass recovering",
        "PERTH — Seagrass meadows in Western Australia's Shark Bay have recovered, a study "
        "found.",
        "The Malgana Aboriginal Corporation, which represents the bay's Traditional Owners, "
        "said its rangers had helped collect survey data.")
    # the asked "Traditional Owners" are no answer, the body that represents them is
    assert await _answer_in(seagrass, "who represents the traditional owners") == \
        "The Malgana Aboriginal Corporation"


async def test_what_someone_said_is_the_quotation_their_pronoun_is_given(
        empty_library: ArticleLibrary) -> None:
    find = await _news(
        empty_library, "Record gem found at a desert mine",
        "A mining company said on Wednesday it had recovered a 1,800-carat rough diamond at "
        "its Tsodilo mine.",
        "Mines Minister Kagiso Dube visited the site on Tuesday and was shown the stone inside "
        "a locked vault.",
        '"This find shows that our ground still holds great treasures," she said in a '
        "statement.",
        "The company plans to sell the stone at auction in Antwerp.")
    # "she" is the minister the sentence before named; a sentence about her visit says
    # nothing she said
    assert "great treasures" in await _best(find, "what did the minister say about it")


async def test_what_someone_said_is_their_own_quotation_not_one_that_names_them(
        empty_library: ArticleLibrary) -> None:
    crush = await _news(
        empty_library, "Seven die in a stadium crush",
        "NDOLA, Zambia — Seven people died in a crush at a stadium gate on Saturday, "
        "the police said.",
        "Regional police commander Joseph Kabwe said 19 people had been arrested for selling "
        "fake tickets.",
        '"Our officers moved in within minutes and carried the injured out," Kabwe said.',
        '"Everyone was pushing at once. The police were on the other side of the road, and the'
        ' gate was just swinging," said Brian Phiri, 29, a supporter.',
        "Sports minister Grace Mulenga ordered an inquiry into the crush.",
        '"Families deserve to know how a football match became a funeral," Mulenga said.')
    # her own words, by her surname, rather than a report of what she did
    assert "became a funeral" in await _best(crush, "what did the sports minister say")
    # a supporter's quotation that mentions the police (in its second sentence) is not what
    # the commander said
    assert "Phiri" not in await _best(crush, "what did the police commander say")


async def test_what_someone_said_starts_where_the_quotation_opens(
        empty_library: ArticleLibrary) -> None:
    island = await _news(
        empty_library, "Island gets an airport",
        "The government will build an airport on the island of Brava.",
        '"When the sea is closed, Brava is closed, and people die waiting. An airport is not a '
        'luxury for us," said Nuno Brito, the mayor of Brava.',
        "Work will start in October.")
    # the quotation's first sentence, though the one naming the mayor covers the question
    assert "When the sea is closed" in await _best(island, "what did the mayor say")


async def test_where_something_is_going_follows_to(empty_library: ArticleLibrary) -> None:
    oxygen = await _news(
        empty_library, "Oxygen plant opens",
        "FREETOWN — The country opened its largest medical oxygen plant on Tuesday.",
        "Cylinders will be delivered by a fleet of nine trucks, with the first deliveries to "
        "Bo, Kenema and Makeni scheduled for next week.")
    assert await _answer_in(oxygen, "where are the first deliveries going") == (
        "Bo, Kenema and Makeni")


async def test_what_happens_if_prefers_the_sentence_with_the_condition(
        empty_library: ArticleLibrary) -> None:
    deal = await _news(
        empty_library, "Allora to buy Southern Grain",
        "AUCKLAND, New Zealand — Allora Foods has agreed to buy flour miller Southern Grain "
        "for NZ$1.3 billion, a deal that needs approval from the regulators.",
        "A spokesperson for the minister said the deal was a matter for the regulators and "
        "the minister would not comment.",
        "If the deal is blocked by regulators, Allora has agreed to pay Southern Grain a "
        "break fee of NZ$25 million.",
        "Bakers said they would oppose the deal.")
    # the consequence is said on its condition, "If the deal is blocked…"
    assert "break fee" in await _best(deal, "what happens if the regulators say no")


async def test_a_rate_or_a_population_asked_prefers_the_sentence_that_states_it(
        empty_library: ArticleLibrary) -> None:
    deal = await _news(
        empty_library, "Allora to buy flour miller Southern Grain",
        "AUCKLAND, New Zealand — Australian food group Allora Foods has agreed to buy New "
        "Zealand flour miller Southern Grain for NZ$1.3 billion.",
        "Allora will pay NZ$4.85 a share in cash, a premium of 31 percent to Southern Grain's "
        "closing price on Friday, the companies said in a joint statement to the NZX on Monday.",
        "Southern Grain's shares jumped 27 percent to NZ$4.70 in early trading.",
        "McAllister said the combined group would save about NZ$40 million a year by sharing "
        "transport, and denied that bread prices would rise.",
        "Its largest shareholder, a farmers' trust which holds 18 percent, has agreed to vote "
        "in favour.")
    # "shares jumped … to NZ$4.70" covers "share" as well, but gives no price per share
    assert "NZ$4.85 a share" in await _best(deal, "how much per share")
