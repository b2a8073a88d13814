"""Which span answers "how old", "how much" and the measures (``retrieval.answer_type``,
``retrieval.answer_spans``): ages, sums of money and prices, shares, multiples, temperatures,
sizes and lengths of things, each and not some other number."""

from __future__ import annotations

from retrieval.question import analyse_question
from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import (
    SCHEME,
    _about,
    _answer_in,
    _ask,
    _best,
    _highlighted,
    _news,
)

FINE = ("title: Former minister jailed\n---\n"
        "A former minister was jailed for ten years on Monday for taking bribes.\n\n"
        "The judge also fined Mensah 5 million cedis.\n\n"
        "His lawyer said he would appeal.\n")


async def test_a_number_the_tagger_read_into_a_name_still_answers_how_much(
        empty_library: ArticleLibrary) -> None:
    # spaCy reads "Mensah 5 million" as one name (a law): the figure is still a sum of money
    fine = await _about(empty_library, FINE)
    assert await _answer_in(fine, "how much was mensah fined") == "5 million"


async def test_how_hot_asks_for_a_temperature(museum: tuple[ArticleLibrary, int]) -> None:
    # WordNet's attribute link: "hot" is a value of "temperature"
    answer = await _best(museum, "How hot did it get in the galleries?")
    assert answer.startswith("Inside the galleries, the temperature reached 31 degrees")


async def test_how_tall_or_heavy_is_answered_by_a_measurement_of_that_kind(
        empty_library: ArticleLibrary) -> None:
    probe = await _about(empty_library, (
        "title: Weather probe launched\n---\n"
        "The 340-kilogram probe, named Aurora-2, lifted off at 09:12 on Friday.\n\n"
        "Aurora-2 was one of four satellites on board, and was placed in an orbit about 600 "
        "kilometres up.\n\n"
        "Its mast stands 12 metres tall once unfolded in space.\n\n"
        "The 88-kilometre canal near the launch site was closed for the day.\n\n"
        "Smaller boats up to 20 metres long could still use the canal.\n"))
    # the measurement answers without the word: "heavy" by a mass, not by "600 kilometres"
    assert await _answer_in(probe, "how heavy is aurora-2") == "340"
    # a length for a thing ("how long is the canal"), not for the boats in the same breath
    canal = await _ask(probe, "how long is the canal")
    assert not canal.abstained and "88-kilometre" in canal.answers[0].text, canal


async def test_how_old_is_answered_by_the_age_after_the_name(
        empty_library: ArticleLibrary) -> None:
    vote = await _about(empty_library, (
        "title: Opposition wins election\n---\n"
        "Opposition leader Grace Chirwa won the presidential election with 52.3% of the "
        "vote, the electoral commission said on Saturday.\n\n"
        "Chirwa, 58, a former finance minister, will be sworn in on Oct. 3.\n\n"
        "President Peter Banda received 41.6% of the vote.\n\n"
        "Turnout was 61%, down from 69% at the last election.\n"))
    # "Chirwa, 58," says her age without the word "old"
    assert await _answer_in(vote, "how old is chirwa") == "58"
    # and it is not Banda's
    assert (await _ask(vote, "how old is banda")).abstained


async def test_a_sum_answers_how_much_money_without_the_word(
        empty_library: ArticleLibrary) -> None:
    # "14 million euros" is money: the sentence that gives the sum, not the one that says
    # "money" ("money laundering") without a sum
    article = await _news(empty_library, "Wine fraud raids",
        "Police raided 17 sites near Bordeaux on Tuesday in a wine fraud inquiry.",
        "The suspects face charges including fraud, false labelling and money laundering.",
        "Prosecutors said the suspects had made at least 14 million euros in illegal profits.")
    result = await _ask(article, "How much money did the suspects make from it?")
    assert not result.abstained, result.reason
    assert "14 million" in _highlighted(result), result.answers[0].text


async def test_how_much_does_it_cost_wants_a_sum_of_money(
        factory: tuple[ArticleLibrary, int]) -> None:
    result = await _ask(factory, "How much will the repairs cost?")
    assert not result.abstained, result.reason
    assert "2 million" in _highlighted(result)
    # a percentage is not a sum: the article never says what the factory is insured for
    assert (await _ask(factory, "How much was the factory insured for?")).abstained


async def test_how_old_wants_an_age_not_any_number(factory: tuple[ArticleLibrary, int]) -> None:
    assert await _answer_in(factory, "How old is Tom Reed?") == "58"
    # a year is not an age
    assert (await _ask(factory, "How old is Ann Moss?")).abstained


async def test_how_old_is_the_person_described_by_their_role(
        empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    # the age follows the name, and the question's "accountant" stands beside them
    assert await _answer_in(scheme, "how old is the accountant who was arrested at the port"
                            ) == "47"


async def test_how_old_a_thing_is_is_the_year_it_was_founded(rules_only: ArticleLibrary) -> None:
    zoo = await _news(
        rules_only, "Tiger cubs born at Wroclaw zoo",
        "WROCLAW, Poland — Three tiger cubs have been born at the city zoo to an eight-year-old "
        "mother, the zoo said.",
        "The zoo, founded in 1865, is the oldest in Poland.",
        "Visitors will be able to see the cubs from December.")
    assert await _answer_in(zoo, "how old is the zoo") == "1865"
    mother = await _ask(zoo, "how old is the mother")
    assert "eight-year-old" in _highlighted(mother)


async def test_how_old_is_she_takes_the_age_of_whom_the_article_is_about(
        rules_only: ArticleLibrary) -> None:
    marathon = await _news(
        rules_only, "Chebet wins Tokyo Marathon in course record",
        "TOKYO, Japan — Kenya's Ruth Chebet won the Tokyo Marathon on Sunday.",
        "Chebet, 27, pulled away from the leading group after about 30 kilometres.",
        "The previous course record was set in 2022.")
    assert await _answer_in(marathon, "how old is she") == "27"


async def test_an_age_limit_is_a_number_not_someones_age(rules_only: ArticleLibrary) -> None:
    vaping = await _news(
        rules_only, "Thailand bans e-cigarette sales to under-25s",
        "BANGKOK, Thailand — Thailand's health ministry on Tuesday banned selling "
        "e-cigarettes to anyone under 25, raising the age limit from 20.",
        "Shops face fines of up to 200,000 baht.",
        "Health Minister Somchai Rattanakorn, 58, said teenage vaping had tripled.")
    limit = await _ask(vaping, "what is the new age limit")
    assert not limit.abstained, limit.reason
    assert "raising the age limit" in limit.answers[0].text
    assert "ministry" in _highlighted(await _ask(vaping, "who announced the ban"))


async def test_how_old_a_thing_is_is_not_the_age_of_people_near_it(
        rules_only: ArticleLibrary) -> None:
    violin = await _news(
        rules_only, "Police recover stolen Stradivarius violin",
        "MILAN, Italy — Italian police have recovered a stolen Stradivarius violin.",
        "The two men in the car, aged 34 and 41, were arrested on suspicion of theft.",
        "The violin, made in 1715, was found in the boot of the car.")
    assert await _answer_in(violin, "how old is the violin") == "1715"


async def test_a_company_founded_in_a_year_says_how_old_it_is(
        rules_only: ArticleLibrary) -> None:
    airline = await _news(
        rules_only, "Airline fined over delays",
        "LISBON, Portugal — Portugal's aviation authority fined budget airline AeroLus 2.4 "
        "million euros on Monday.",
        "The airline flies to 48 destinations and has 32 aircraft.",
        "It was founded in 2014 and is owned by the investment group Atlântico Capital.")
    assert await _answer_in(airline, "how old is the airline") == "2014"


async def test_a_raise_may_be_a_percentage(rules_only: ArticleLibrary) -> None:
    deal = await _news(
        rules_only, "Quebec teachers end strike",
        "MONTREAL — Teachers in Quebec will return to classrooms on Monday after a 22-day "
        "strike.",
        "The unions said the agreement would give their members a raise of 17.4 percent over "
        "five years.",
        "The strike cost the province about 300 million dollars.")
    assert await _answer_in(deal, "how much of a raise did they get") == "17.4 percent"


async def test_a_driver_is_a_person_whose_age_is_asked(rules_only: ArticleLibrary) -> None:
    crash = await _news(
        rules_only, "Bus plunges into ravine in Peru",
        "LIMA, Peru — A bus carrying 48 passengers plunged into a ravine in southern Peru on "
        "Monday, killing at least 24 people.",
        "Police said the driver, Julio Mamani, 41, may have fallen asleep.")
    # WordNet files a driver as operator
    assert await _answer_in(crash, "how old was the driver") == "41"


async def test_what_it_cost_asks_for_a_sum(rules_only: ArticleLibrary) -> None:
    ban = await _news(
        rules_only, "Ghent bans private cars from its medieval centre",
        "GHENT, Belgium — Private cars will be banned from the medieval centre of Ghent from "
        "March 1, the city council decided on Tuesday.",
        "Drivers will be able to leave their cars in three new park-and-ride sites at "
        "Gentbrugge, Oostakker and Wondelgem.",
        "The sites, which will have 2,600 spaces between them, cost 48 million euros to build.")
    assert (await _answer_in(ban, "what did the park and ride sites cost")).startswith("48 million")
    nlp = await rules_only.nlp()
    assert analyse_question(nlp, "what's the ransom").money
    assert not analyse_question(nlp, "what is the price war about").money


async def test_what_something_sold_for_is_a_sum(rules_only: ArticleLibrary) -> None:
    sale = await _news(
        rules_only, "Government sells airline stake",
        "NAIROBI — The government on Tuesday sold a 40 percent stake in Kenya Airways, which "
        "it bought in 1996.",
        "The buyer will pay 310 million dollars for the stake over two years.")
    assert await _answer_in(sale, "how much was the stake sold for") == "310 million dollars"


async def test_a_measure_of_the_asked_kind_and_the_crowd(empty_library: ArticleLibrary) -> None:
    race = await _news(
        empty_library, "Tadesse breaks Tokyo Marathon course record",
        "TOKYO — Ethiopia's Gebre Tadesse broke the Tokyo Marathon course record on Sunday.",
        '"I was afraid of the cold this morning, but after 30 kilometres I felt my legs were '
        'strong, so I decided to go," Tadesse said through an interpreter.',
        "Temperatures at the 9:10 a.m. start near the Tokyo Metropolitan Government Building "
        "were just 4 degrees Celsius (39 F), but calm winds helped the leaders.",
        "Morishima's run drew the loudest cheers from crowds along the route, which organisers "
        "estimated at more than one million people.")
    # "how cold": a temperature, not "30 kilometres"
    assert "4 degrees Celsius" in await _best(race, "how cold was it")
    # spectators are the crowd
    assert "crowds" in await _best(race, "how many spectators were out")


async def test_a_sum_that_qualifies_the_thing_is_its_worth(empty_library: ArticleLibrary) -> None:
    fraud = await _news(
        empty_library, "Former Durban water official convicted in R48 million tender fraud case",
        "DURBAN, South Africa, March 12 - A former senior water official in the eThekwini "
        "municipality was found guilty on Thursday of fraud and corruption for steering a R48 "
        "million (about $2.6 million) pipe-repair contract to a company secretly owned by his "
        "brother-in-law, the Durban High Court ruled.",
        "Judge Nomsa Radebe said Sipho Mthembu, 54, who headed the municipality's water "
        'infrastructure unit from 2017 to 2022, had "abused a position of public trust for '
        'private gain" by rigging the tender process in 2019. She found that he had shared '
        "confidential bid prices with Qhawe Pipeline Services before the closing date.",
        "The judge acquitted his co-accused, procurement clerk Lindiwe Zulu, 38, saying the "
        "state had failed to prove she knew the documents she handled had been altered.",
        "Prosecutors told the court that Qhawe was registered only three weeks before the "
        "tender was advertised and had no employees or equipment at the time. Most of the "
        "repair work was later subcontracted to other firms at roughly half the contract price,"
        " they said.",
        '"This was not a mistake or an oversight. It was a scheme," Radebe said as she '
        "delivered a judgment that took nearly four hours to read. Mthembu showed no emotion as"
        " the verdict was read and was remanded in custody until sentencing on April 23.",
        "His lawyer, Advocate Pieter van Wyk, said the defence would study the ruling and was "
        '"very likely" to appeal. During the trial, van Wyk argued that his client had been a '
        "scapegoat for failures across the entire department.",
        "The conviction carries a minimum sentence of 15 years in prison under South Africa's "
        "anti-corruption law, although judges may impose a lighter term if they find "
        "substantial and compelling circumstances.",
        "The case stems from a 2021 investigation by the Special Investigating Unit, which was "
        "launched after residents of Umlazi township complained that burst pipes reported as "
        "fixed were still leaking months later. The unit has since recovered R11 million (about"
        " $600,000) from bank accounts linked to the contract.",
        "The National Prosecuting Authority welcomed the verdict, with spokesperson Mthunzi "
        'Dube saying it sent "a clear message that municipal officials are not above the law." '
        "The civic group Corruption Watch called the ruling important but noted that the "
        "brother-in-law, businessman Bongani Ndlovu, has not been charged and is believed to be"
        " living in Eswatini.",
        "eThekwini mayor Themba Khumalo said the city would review every contract signed by the"
        " water unit during Mthembu's tenure and would seek to recover the remaining money. "
        '"Residents paid twice, once in their rates and once in their suffering," he said.')
    # "a R48 million (about $2.6 million) pipe-repair contract", not the sum recovered
    assert await _answer_in(fraud, "how much was the contract worth") == "about $2.6 million"


async def test_how_big_a_deal_is_its_sum_and_a_package_is_a_deal(
        empty_library: ArticleLibrary) -> None:
    airline = await _news(
        empty_library, "Budget airline stops flying",
        "The budget airline Skyra stopped flying on Thursday, stranding about 9,000 "
        "passengers.",
        "The company had been in talks since December with a group of investors over a rescue "
        "package worth about 30 million euros, but the talks failed on Wednesday.",
        "Other airlines offered stranded passengers cheap seats home.",
        "Skyra was based in Kelby, a port city of about 290,000 people.",
        "The city said it would need another 11 million euros to keep its airport open.")
    assert "30 million euros" in await _best(airline, "how big was the rescue deal")
    # a town's size is its people, not a sum of money
    assert "290,000" in await _best(airline, "how big is kelby")


async def test_how_expensive_asks_for_a_price(empty_library: ArticleLibrary) -> None:
    cocoa = await _news(
        empty_library, "Chocolate maker shuts its factory",
        '"Cocoa has got far more expensive: prices have risen by 300 percent in three years,"'
        " the chief executive said.",
        "The company blamed the closure on the cost of cocoa beans, which reached a record of "
        "more than $12,000 per tonne in late 2024.")
    # a price answers "how expensive", not "risen by 300 percent"
    assert "$12,000" in await _answer_in(cocoa, "how expensive did cocoa get")


async def test_how_much_of_a_whole_is_a_share(empty_library: ArticleLibrary) -> None:
    hospital = await _news(
        empty_library, "A children's hospital opens",
        "KIGALI, Rwanda — The country's first children's hospital opened on Monday.",
        "The government paid 45 percent of the construction cost, with the rest covered by a "
        "loan.",
        "Officials said cost overruns on similar projects had often exceeded 30 percent.")
    # a share of what was paid answers "how much of it", though "pay" asks for money
    assert await _answer_in(hospital, "how much of it did the govt pay for") == "45 percent"
    # and a percentage answers how far over budget
    assert "30 percent" in await _best(hospital, "how much do projects like this go over budget")


async def test_a_share_in_per_cent_is_no_sum_though_the_tagger_says_so(
        empty_library: ArticleLibrary) -> None:
    trial = await _news(
        empty_library, "Former mayor jailed over hospital contract",
        "MACHALA, Ecuador — A court on Wednesday sentenced a former mayor to 10 years in prison "
        "for embezzling public funds.",
        "An audit in 2023 found that the builder had been paid 71 per cent of the contract "
        "value while only about a quarter of the building had been completed.",
        "The court also ordered the former mayor to repay $4.1 million to the city.")
    # spaCy reads "71 per cent" as money; it is a share, no sum the builder was paid
    paid = await _ask(trial, "how much money was the builder paid")
    shown = (paid.answers or paid.closest)[0]
    assert shown.highlight is None or shown.text[shown.highlight[0]:shown.highlight[1]] != (
        "71 per cent")


async def test_a_things_age_may_be_a_century(empty_library: ArticleLibrary) -> None:
    monastery = await _news(
        empty_library, "Cliffside monastery reopens",
        "A cliffside monastery reopened to worshippers on Saturday after a rockfall.",
        "The monastery, built into a limestone cliff, dates to at least the 13th century.")
    assert "13th century" in await _answer_in(monastery, "how old is this monastery")


async def test_a_multiple_answers_how_much_something_grew(
        empty_library: ArticleLibrary) -> None:
    highway = await _news(
        empty_library, "Wildlife underpasses for a highway",
        "The government will build six wildlife underpasses along the highway.",
        "Traffic on the highway has roughly doubled since 2015, the ministry said.")
    assert await _answer_in(highway, "How much has traffic on the highway grown?") == "doubled"


async def test_a_well_drilled_so_far_is_that_deep(empty_library: ArticleLibrary) -> None:
    plant = await _news(
        empty_library, "Geothermal plant opens",
        "The plant draws steam from three wells drilled about 2,000 metres into the rift.")
    assert "2,000 metres" in await _answer_in(plant, "how deep are the wells")


async def test_a_sum_worth_of_a_thing_measures_the_thing(empty_library: ArticleLibrary) -> None:
    blackout = await _news(
        empty_library, "Blackout in the north-east",
        "A fire at a substation knocked out power across the region on Tuesday.",
        "A shop owner said she had thrown away about 4,000 reais worth of stock.")
    assert "4,000" in await _answer_in(blackout, "How much stock did she have to bin?")


async def test_a_power_plant_is_as_big_as_its_capacity(empty_library: ArticleLibrary) -> None:
    plant = await _news(
        empty_library, "Geothermal plant switched on",
        "The country switched on its first geothermal plant on Wednesday, a 35-megawatt "
        "station near the lake.",
        "The plant, built by the state-owned energy company at a cost of $142 million, draws "
        "steam from three wells.")
    # its capacity, not what it cost
    assert await _answer_in(plant, "how big is the plant") == "35-megawatt"


async def test_one_unit_said_with_a_measures_the_thing(empty_library: ArticleLibrary) -> None:
    beach = await _news(
        empty_library, "Seaweed emergency declared",
        "The government declared an environmental emergency along the coast on Sunday.",
        "In the resort town, brown mats of seaweed up to a metre thick lined the beach.")
    # "how thick" asks for a measurement, and "a metre" is one
    assert await _answer_in(beach, "how thick is the seaweed") == "a metre"
