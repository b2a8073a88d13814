"""Which number answers "how many" (``retrieval.answer_type``): a count of what the question
counts, said as a figure, a word, an ordinal, a share or a unit inside the number, and not a
count of something else in the same sentence."""

from __future__ import annotations

from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import (
    _about,
    _answer_about,
    _answer_in,
    _ask,
    _ask_with,
    _best,
    _highlighted,
    _news,
)


async def test_how_many_prefers_the_sentence_with_the_count(
        museum: tuple[ArticleLibrary, int]) -> None:
    result = await _ask(museum, "How many people came on the first day?")
    assert _highlighted(result) == "more than 3,000"


async def test_how_many_needs_a_number_of_the_thing_asked_about(
        museum: tuple[ArticleLibrary, int]) -> None:
    counted = await _ask(museum, "How many visitors fainted?")
    assert not counted.abstained and "two visitors" in counted.answers[0].text
    # the same sentence counts visitors, not nurses
    other = await _ask(museum, "How many nurses treated the visitors?")
    assert other.abstained
    assert "nurses" in (other.reason or "")
    # "two visitors who fainted" counts visitors, not children, though "fainted" follows it
    children = await _ask(museum, "How many children fainted?")
    assert children.abstained


DOCK_STRIKE = ("title: Dock strike ends\n---\n"
               "Dock workers in Hamburg returned to work on Friday after a strike that lasted "
               "12 days and cost the port millions of euros.\n\n"
               "The union said its members had won a pay rise of 5 percent over two years.\n\n"
               "Port officials said about 40 ships had waited outside the harbour.\n\n"
               "The workers' shifts will be cut to eight hours a day from next month.\n")


async def test_how_many_units_of_time_is_answered_by_a_date_or_a_time(
        empty_library: ArticleLibrary) -> None:
    strike = await _about(empty_library, DOCK_STRIKE)
    for question, answer in [("How many days did the strike last?", "12 days"),
                             ("how many hours a day will they work", "eight hours"),
                             ("how many years does the pay rise cover", "two years")]:
        assert await _answer_in(strike, question) == answer, question
    # a count of something else is still no answer
    assert (await _ask(strike, "how many days did the ships wait")).abstained


async def test_people_count_staff(empty_library: ArticleLibrary) -> None:
    airline = await _about(empty_library, (
        "title: Airline orders jets\n---\n"
        "Nordwind Air said on Tuesday it would buy 40 regional jets.\n\n"
        "The first aircraft will be delivered in the spring of 2027.\n\n"
        "Shares rose 4.2% in Oslo trading after the announcement.\n\n"
        "The carrier flew 7.4 million passengers last year and employs about 2,600 "
        "people.\n\n"
        "Its pilots held a three-day strike in June over pay.\n"))
    assert await _answer_in(airline, "how many staff does the carrier employ") == "about 2,600"


async def test_units_inside_the_number_count_what_was_asked(
        empty_library: ArticleLibrary) -> None:
    # spaCy tags "1,100 tonnes" as one quantity: its unit is what the question counts
    text = """---
title: Cargo ship runs aground
---
The cargo ship Vesta ran aground off Skarvik on Sunday with about 1,100 tonnes of grain on board.

Tugs from three ports tried for six hours to pull it free.
"""
    article = await _about(empty_library, text)
    reply = await _ask(article, "How many tonnes of grain were on board?")
    assert not reply.abstained, reply.reason
    answer = reply.answers[0]
    assert answer.highlight is not None
    assert "1,100" in answer.text[answer.highlight[0]:answer.highlight[1]]


async def test_a_plural_in_ies_counts_its_singular(empty_library: ArticleLibrary) -> None:
    # "12 ferries" counts what "how many ferries" asks ("ferries" is "ferry")
    article = await _news(empty_library, "Island ferries halted",
        "Storms halted all sailings to the islands on Monday, stranding about 300 visitors.",
        "The operator said 12 ferries would stay in port until the wind drops.",
        "Forecasters expect gusts of up to 90 km/h on Tuesday.")
    assert await _answer_in(article, "How many ferries are staying in port?") == "12"


async def test_a_count_of_groups_is_no_count_of_people(empty_library: ArticleLibrary) -> None:
    # "40 nationalities" counts nationalities, though a nationality is a people
    article = await _news(empty_library, "Storm hits resort",
        "A storm tore through the resort of Kaldera on Sunday, flooding hotels.",
        "Tourists of 40 nationalities were caught up in the storm, officials said.")
    result = await _ask(article, "How many people were caught up in the storm?")
    assert result.abstained, result.answers[0].text
    counted = await _ask(article, "How many nationalities were caught up in the storm?")
    assert _highlighted(counted) == "40"


async def test_a_count_of_the_asked_thing_needs_less_coverage(
        empty_library: ArticleLibrary) -> None:
    # "how many flights were scrapped": "cancel more than 240 flights" counts flights, which is
    # evidence enough though "scrapped" is not there; people counted in another person noun
    # ("40 villagers") are weaker evidence, "500 people" is not
    article = await _news(empty_library, "Volcano erupts",
        "The Kaldor volcano erupted on Monday, sending ash 11 kilometres into the sky.",
        "The ash cloud forced airlines to cancel more than 240 flights across the region.",
        "Rescuers pulled 40 villagers from buried homes in the village of Brenna.")

    async def answered_just_below_the_threshold(question: str) -> bool:
        loose = await _ask_with(article, question, min_coverage=0.0)
        assert not loose.abstained and 0.0 < loose.coverage < 1.0, loose
        return not (await _ask_with(article, question,
                                    min_coverage=loose.coverage / 0.8)).abstained

    assert await answered_just_below_the_threshold("How many flights were scrapped?")
    assert not await answered_just_below_the_threshold("How many people were saved?")
    article = await _news(empty_library, "Whales stranded",
        "About 150 pilot whales stranded on Farewell Spit on Sunday, rangers said.",
        "Officials said around 500 people had joined the rescue, many of them volunteers.")
    assert await answered_just_below_the_threshold("how many people showed up to help")


async def test_a_scale_word_is_not_what_a_number_counts(empty_library: ArticleLibrary) -> None:
    # "about 1.1 million deaths" counts deaths, which count the people who died
    article = await _news(empty_library, "Superbugs spread",
        "Drug-resistant infections caused about 1.1 million deaths worldwide in 2021.",
        "Researchers tested the new compound on 40 mice at a laboratory in Oslo.")
    assert "1.1 million" in await _answer_in(
        article, "how many people die from drug-resistant infections")


async def test_a_noun_qualifying_another_is_not_what_people_are_counted_in(
        empty_library: ArticleLibrary) -> None:
    # "how many people lose their jobs" is counted in jobs; "how many people caught bird
    # flu" is not counted in birds
    article = await _news(empty_library, "Bird flu in Gelderland",
        "Farmers have lost more than 8 million birds to bird flu since 2021.",
        "The outbreak will cost about 300 jobs at packing plants, the union said.")
    caught = await _ask(article, "how many people have caught bird flu")
    assert caught.abstained, caught.answers[0].text
    assert "300" in await _answer_in(article, "how many people will lose their jobs")


async def test_a_number_of_things_is_no_count_of_people(empty_library: ArticleLibrary) -> None:
    # "killed thousands of sheep" says what died, but counts sheep; "hundreds of residents"
    # counts people
    article = await _news(empty_library, "Volcano erupts again",
        "The Kaldor volcano last erupted in 1961, when falling ash killed thousands of sheep.",
        "On Monday the ash forced hundreds of residents to leave the valley.")
    died = await _ask(article, "How many people died when Kaldor erupted in 1961?")
    assert died.abstained, died.answers[0].text
    assert "hundreds" in await _answer_in(article, "How many people had to leave the valley?")


async def test_workers_laid_off_count_jobs(empty_library: ArticleLibrary) -> None:
    article = await _news(empty_library, "Call centre cuts",
        "Vistara said on Monday it would lay off about 4,200 workers over the next year.",
        "The company opened its first office in Cebu in 2009.")
    assert "4,200" in await _answer_in(article, "how many jobs is vistara cutting")


async def test_a_number_that_counts_the_event_answers_how_many_died(
        library: ArticleLibrary) -> None:
    text = """---
title: Blast in the port
---
As officials confirmed two Britons were among the dead, the envoy said he stood by the Omani people.

Mourners laid flowers at the harbour gate for the 31 dead and 300 wounded in Tuesday's blast.
"""
    article = await _about(library, text)
    assert await _answer_in(article, "How many people died?") == "31"


async def test_a_nationality_counts_the_citizens_asked_about(library: ArticleLibrary) -> None:
    text = """---
title: Storm hits the coast
---
Officials confirmed that three Canadians were among the dead after the storm hit the coast.

The storm destroyed 40 homes and cut power to 2,000 households, the county said.
"""
    article = await _about(library, text)
    assert await _answer_in(article, "How many Canadian citizens died?") == "three"


async def test_the_number_next_to_the_asked_event_is_highlighted(library: ArticleLibrary) -> None:
    text = """---
title: Bridge collapses
---
A bridge over the Tava collapsed on Wednesday, killing six people and injuring 22, officials said.

The agency that owns the bridge, Roadnet, said it had been inspected in March.
"""
    article = await _about(library, text)
    for question, number in (("How many people died?", "six"), ("how many were hurt", "22"),
                             ("How many people were injured?", "22")):
        reply = await _ask(article, question)
        assert not reply.abstained, (question, reply.reason)
        assert _highlighted(reply) == number, question
    # "owns" is on spaCy's stop list, yet it is what this question is about
    reply = await _ask(article, "Who owns the bridge?")
    assert not reply.abstained, reply.reason
    assert reply.answers[0].text.startswith("The agency that owns the bridge")


async def test_a_sum_of_money_counts_money_not_the_things_it_is_paid_for(
        empty_library: ArticleLibrary) -> None:
    text = """title: Earthquake aid
---
The earthquake struck the Vessel valley on Saturday, the seismic centre said.

The government will pay 15,000 lari to every household whose home was destroyed.

Engineers were still inspecting damaged schools and bridges on Monday.

Police said they had seized 40,000 lari in cash from looters in the town of Oni.

Volunteers handed out blankets and tents in the central square.
"""
    article = await _about(empty_library, text)
    # the article never says how many homes were destroyed
    homes = await _ask(article, "How many households lost their homes?")
    assert homes.abstained or "15,000" not in _highlighted(homes), homes.answers
    cash = await _ask(article, "How much cash did the police seize?")
    assert not cash.abstained, cash.reason
    assert "40,000" in _highlighted(cash)


async def test_n_of_them_counts_what_them_stands_for(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "Forty workers were inside, and 12 of them were taken to hospital": 12 counts the
    # workers taken to hospital, and the answer is 12, not the forty
    text = ("title: Warehouse fire\n---\n"
            "A fire swept through a paper warehouse in Tarnby on Monday night, the fire service "
            "said.\n\nForty workers were inside the building when the alarm sounded, and 12 of "
            "them were taken to hospital with smoke injuries.\n\n"
            "The cause of the fire is not yet known.\n")
    sentence, highlight = await _answer_about(museum, text,
                                              "How many workers were taken to hospital?")
    assert highlight == "12", sentence


async def test_how_many_people_lose_jobs_is_counted_in_jobs(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "how many people will lose their jobs": the number of jobs cut counts them
    text = ("title: Bank merger\n---\n"
            "Nordbank agreed on Monday to buy Fjordsparebank for 2 billion crowns.\n\n"
            "The combined bank said it expected to cut roughly 900 jobs over three years.\n\n"
            "About 40 people attended the announcement in Oslo.\n")
    sentence, highlight = await _answer_about(museum, text,
                                              "How many people will lose their jobs?")
    assert "900" in highlight, sentence


async def test_a_number_in_words_counts_the_noun_after_it(rules_only: ArticleLibrary) -> None:
    zoo = await _news(
        rules_only, "Tiger cubs born at Wroclaw zoo",
        "WROCLAW, Poland — Three tiger cubs have been born at Wroclaw Zoo.",
        "Keepers waited three weeks before announcing the birth.",
        "The zoo is visited by about a million people a year.")
    visitors = await _ask(zoo, "how many visitors does the zoo get")
    assert not visitors.abstained, visitors.reason
    assert "a million" in _highlighted(visitors)


async def test_a_workforce_of_n_counts_employees(rules_only: ArticleLibrary) -> None:
    carmaker = await _news(
        rules_only, "Carmaker posts record profit",
        "STUTTGART, Germany — Carmaker Brenner reported a record profit on Thursday.",
        "Shares rose 6 percent, their biggest gain since March.",
        "Brenner said it had no plans to reduce its workforce of 95,000.")
    assert await _answer_in(carmaker, "how many employees do they have") == "95,000"


async def test_the_third_minister_to_leave_says_how_many_have_left(
        rules_only: ArticleLibrary) -> None:
    resignation = await _news(
        rules_only, "Slovenian health minister resigns",
        "LJUBLJANA, Slovenia — Slovenia's health minister, Tanja Kovač, resigned on Thursday.",
        "Opposition parties had called for her to go for months.",
        "Kovač is the third minister to leave Novak's government since it took office in 2024.")
    assert await _answer_in(resignation, "how many ministers have left") == "third"


async def test_jobs_are_counted_in_people(rules_only: ArticleLibrary) -> None:
    plant = await _news(
        rules_only, "Carmaker to close Valencia plant",
        "VALENCIA, Spain — The carmaker said on Monday it would close its Valencia plant next "
        "year.",
        "About 1,200 people could lose their jobs, the union said.",
        "The plant opened in 1976.")
    # a job is a person's
    assert await _answer_in(plant, "how many jobs are at risk") == "About 1,200"


async def test_a_number_a_total_rose_to_counts_it(rules_only: ArticleLibrary) -> None:
    asylum = await _news(
        rules_only, "Dutch coalition collapses over asylum plan",
        "THE HAGUE — The Dutch government collapsed on Friday over a plan to limit asylum.",
        "Asylum applications in the Netherlands rose by a third last year to more than 46,000, "
        "and hundreds of people had to sleep outside.",
        "The cabinet will stay on until a new government is formed.")
    assert await _answer_in(asylum, "how many asylum applications were there") == "more than 46,000"


async def test_a_count_after_the_verb_of_what_happened_counts_the_event(
        rules_only: ArticleLibrary) -> None:
    landslide = await _news(
        rules_only, "Landslide buries homes in Colombian town",
        "MEDELLÍN, Colombia — A landslide buried at least 30 homes in the mountain town of "
        "Salgar early on Tuesday, killing 14 people and leaving dozens missing, the regional "
        "governor said.",
        "About 400 people were taken to a shelter, where a woman died of a heart attack.")
    assert await _answer_in(landslide, "how many people died") == "14"  # "killing 14 people"


async def test_a_figure_the_tagger_missed_counts_what_is_asked(
        rules_only: ArticleLibrary) -> None:
    drones = await _news(
        rules_only, "Norwegian drone maker to build factory in Poland",
        "OSLO — Nordavia, a Norwegian company that makes drones, said on Thursday it would "
        "build a factory in Poland.",
        "The company had revenue of 210 million euros last year, up from 140 million in 2023, "
        "and employs about 900 people.")
    # not the revenue, which counts euros
    assert await _answer_in(drones, "how many people work for the company") == "900"


async def test_a_share_and_a_time_from_an_event_answer(rules_only: ArticleLibrary) -> None:
    law = await _news(
        rules_only, "Ghana's parliament approves anti-smoking law",
        "ACCRA, Ghana — Ghana's parliament on Friday passed a law banning smoking in all bars "
        "and restaurants.",
        "About 8 percent of Ghanaian men smoke, according to the World Health Organization.",
        "The law will take effect six months after the president signs it.")
    # a share of the group counts it
    assert await _answer_in(law, "how many men smoke") == "About 8 percent"
    # a length of time from an event
    assert await _answer_in(law, "when does it take effect") == "six months"
    women = await _ask(law, "how many women smoke")  # the reason names the asker's word
    assert women.abstained and "“women”" in (women.reason or ""), women.reason


async def test_what_is_left_is_what_survives_counted_in_pairs(
        rules_only: ArticleLibrary) -> None:
    bird = await _news(
        rules_only, "Rare sandpiper seen in Sri Lanka",
        "COLOMBO — A spoon-billed sandpiper, one of the world's rarest birds, has been seen in "
        "Sri Lanka for the first time, birdwatchers said on Wednesday.",
        "Fewer than 250 breeding pairs of the sandpiper are thought to survive.",
        "More than 300 birdwatchers arrived on Tuesday alone.",
        "The species breeds only in Chukotka, in Russia's far north-east.")
    assert await _answer_in(bird, "how many are left") == "Fewer than 250"
    # pairs of the bird count the bird
    assert await _answer_in(bird, "how many sandpipers are left") == "Fewer than 250"


async def test_counts_said_as_an_ordinal_a_share_of_a_group_or_a_town(
        rules_only: ArticleLibrary) -> None:
    lava = await _news(
        rules_only, "Icelandic town evacuated as lava reaches its edge",
        "REYKJAVÍK — Lava from a new volcanic eruption reached the northern edge of the fishing "
        "town of Grindavík on Monday, burning three houses.",
        "The town's 3,700 residents had been evacuated early on Sunday.",
        "The eruption is the eighth on the peninsula since December 2023.",
        "Many families from Grindavík have lived in rented flats since the first evacuation.")
    # the thing is the eighth of its kind: eight of them
    assert await _answer_in(lava, "how many eruptions have there been") == "eighth"
    # "the town's residents" give its population
    assert await _answer_in(lava, "how many people live in grindavik") == "3,700"
    strike = await _news(
        rules_only, "Chilean miners end strike",
        "SANTIAGO — Workers at Escondida voted on Thursday to end a strike.",
        "Union No. 1, which represents about 2,400 of the mine's workers, said 87 percent of "
        "its members had voted in favour.",
        "The union had asked for more money for workers.")
    # a number of the group named after it
    assert await _answer_in(strike, "how many workers does the union represent") == "about 2,400"


async def test_counts_past_an_auxiliary_and_not_an_earlier_disaster(
        empty_library: ArticleLibrary) -> None:
    ferry = await _news(
        empty_library, "Ferry fire off the Philippines kills at least 11, dozen missing",
        "BATANGAS CITY, Philippines, May 8 - At least 11 people died and 23 were injured when a"
        " fire broke out on a passenger ferry crossing from Batangas to the island of Mindoro "
        "early on Friday, forcing hundreds of people to jump into the sea, the Philippine Coast"
        " Guard said.",
        "The MV Santa Lucia Express, carrying 312 passengers and 41 crew, reported a fire in "
        "its engine room at about 3:40 a.m., roughly 45 minutes after leaving Batangas port, "
        "coast guard spokesperson Rear Admiral Manuel Tolentino told a news conference. Flames "
        "quickly spread to the lower passenger deck, where many people were asleep.",
        "Fishing boats and a navy patrol vessel pulled 330 people from the water. Twelve people"
        " remained missing as of Friday evening, and divers were searching the burned-out hull,"
        " which drifted for two hours before it ran aground near Verde Island.",
        "The injured, most of them suffering burns or smoke inhalation, were taken to Batangas "
        "Medical Center, while two children in critical condition were flown by helicopter to a"
        " hospital in Manila.",
        '"I woke up to people screaming and the smell of smoke. There was no time to look for '
        'life jackets, we just jumped," said Rowena Dimaculangan, 34, a market vendor who was '
        "travelling with her two sons. All three survived. Other survivors said some life "
        "jackets were locked in storage cabinets, an allegation the operator denied.",
        "The ferry's operator, Santa Lucia Shipping Lines, said in a statement it was \"deeply "
        'saddened" and was cooperating fully with investigators. The company said the 28-year-'
        "old vessel had passed its last safety inspection in February.",
        "Transportation Secretary Ramon Villareal ordered the company's four other ships to "
        "stay in port pending inspection and said the Maritime Industry Authority (MARINA) "
        'would lead an investigation into the cause. "If negligence is found, people will be '
        'held accountable," he said.',
        "Ferries are a vital means of transport in the Philippines, an archipelago of more than"
        " 7,600 islands, but accidents are frequent due to old vessels, overcrowding and lax "
        "enforcement of safety rules. The country's worst peacetime maritime disaster, the 1987"
        " sinking of the Doña Paz, killed more than 4,000 people.",
        "The Commuters' Safety Alliance, a passenger advocacy group, called for a ban on "
        "vessels older than 25 years. Ferry services between Batangas and Calapan resumed on "
        "Friday afternoon using other operators' vessels, the coast guard said.")
    # "23 were injured": the verb after an auxiliary says what happened to those counted
    assert await _answer_in(ferry, "how many got hurt") == "23"
    # not the worst disaster the article recalls ("the 1987 sinking of the Doña Paz")
    assert await _answer_in(ferry, "how many ppl died") == "At least 11"
    # the missing are unaccounted for
    assert "remained missing" in await _best(ferry, "are people still unaccounted for")
    # a ship's name with its prefix names the ferry
    assert "MV Santa Lucia Express" in await _best(ferry, "what was the ship called")
    assert "MV Santa Lucia Express" in await _best(ferry, "what was the ferry called")


async def test_doses_count_the_vaccine_and_what_a_team_is_doing(
        rules_only: ArticleLibrary) -> None:
    cholera = await _news(
        rules_only, "Cholera outbreak kills 37 in northern Mozambique",
        "NAMPULA, Mozambique — A cholera outbreak in Nampula province has killed 37 people "
        "and sickened more than 1,900 since mid-January, health officials said on Tuesday.",
        "The World Health Organization said it was shipping 250,000 doses of oral cholera "
        "vaccine, which are expected to arrive by Feb. 10.",
        "Medical charity Médecins Sans Frontières (MSF) said its teams were chlorinating wells "
        "and distributing water purification tablets.")
    assert await _answer_in(cholera, "how many vaccines are coming") == "250,000"
    # what the teams are doing, not which team
    assert "chlorinating wells" in await _best(
        cholera, "what are the doctors without borders teams doing")


async def test_counts_an_audience_past_joined_modifiers_and_not_a_champions_title(
        empty_library: ArticleLibrary) -> None:
    final = await _news(
        empty_library, "Underdogs win the Baltic esports final",
        "RIGA, Latvia — Latvian team Daugava Six won the Baltic Masters final on Sunday, "
        "beating two-time world champions Fjordline 3-1 in front of a home crowd.",
        "A sell-out crowd of 9,400 packed the Arena Riga for the final, many of them waving "
        "flags.",
        "The broadcast peaked at 1.2 million concurrent viewers across streaming platforms, "
        "according to the organisers.",
        "Fjordline had won 11 consecutive matches before the final.",
        "The organisers plan to build 200 new practice and streaming rooms at the arena by "
        "2028.",
        "The city council estimates that such events bring about 40 million złoty a year into "
        "the local economy.",
        "The tournament was founded in 2015 by a group of students.")
    # "a crowd of 9,400" counts people, as "1.2 million viewers" (an audience) does; "two-time
    # world champions" counts titles, not people
    assert await _answer_in(final, "how many ppl were in the arena") == "9,400"
    assert "1.2 million" in await _best(final, "how many people watched online")
    # a game is a match
    assert await _answer_in(final, "how many games in a row had fjordline won") == "11"
    # "200 new practice and streaming rooms": the count reaches the noun past "and"
    assert await _answer_in(final, "how many streaming rooms will they build") == "200"
    # "złoty" is a currency (WordNet spells it "zloty")
    assert "40 million złoty" in await _best(
        final, "how much money do these events bring the city")
    # a tournament "started" in the year it was founded: the sentence says all that is asked
    started = await _ask(final, "when was the tournament started")
    assert "2015" in started.answers[0].text and started.answers[0].confidence > 0.8


async def test_a_joined_phrase_after_a_number_is_a_second_phrase_when_it_has_its_own_noun(
        empty_library: ArticleLibrary) -> None:
    floods = await _news(
        empty_library, "Floods hit mountain villages",
        "Floods destroyed 40 homes and farm buildings in the village of Kelme on Monday.",
        "Farmers said the buildings had stood for a century.")
    result = await _ask(floods, "how many farm buildings were destroyed")
    # "40 homes and farm buildings": 40 counts homes, not the buildings
    assert result.abstained or _highlighted(result) != "40"
    champions = await _news(
        empty_library, "Champions lose the final",
        "Fjordline, two-time world champions, lost the Baltic Masters final on Sunday.",
        "Fans celebrated in the streets of Riga until dawn.")
    result = await _ask(champions, "how many people watched the final")
    # "two-time world champions" counts titles, not people
    assert result.abstained or _highlighted(result) != "two"


async def test_people_living_in_the_area_need_no_named_place(
        empty_library: ArticleLibrary) -> None:
    park = await _news(
        empty_library, "A new national park in the hills",
        "The government on Monday declared the Kaleno Hills a national park, protecting 2,100 "
        "square kilometres of forest.",
        "Around 9,000 people live in 17 villages inside or on the edge of the new boundaries.",
        "The park will be managed by a conservation trust for 20 years.")
    # "the area" names no place a sentence must name again
    assert "9,000" in await _answer_in(park, "how many ppl live in the area")


async def test_a_share_for_a_group_counts_no_one_and_a_budget_is_a_cost(
        empty_library: ArticleLibrary) -> None:
    reform = await _news(
        empty_library, "Senate passes a tax reform",
        "Under the reform, the top income tax rate will rise from 40% to 43% for people "
        "earning more than 300 million pesos a year.",
        "The Finance Ministry estimates the change will affect around 18,000 taxpayers.",
        "The campaign's organisers raised 9 million pesos from donors.")
    # "43% for people earning more" is a rate, not how many people
    assert await _answer_in(reform, "how many ppl will pay more income tax") == "around 18,000"
    festival = await _news(
        empty_library, "Debut film wins the festival's top prize",
        "The debut film \"The Salt Road\" won the festival's top prize on Saturday.",
        '"The Salt Road" was shot over 31 days on a budget of around 650,000 euros.',
        "The festival also gave a 25,000-euro grant to the film's director for her next "
        "project.")
    # what a film cost to make is its budget (a sentence that shares no other word with the
    # question)
    assert "650,000" in await _best(festival, "how much did the movie cost to make")


async def test_a_fraction_of_a_group_counts_it(empty_library: ArticleLibrary) -> None:
    count = await _news(
        empty_library, "Record buzzards, fewer finches at the bird count",
        "The autumn count recorded 31,460 common buzzards, the highest figure since records "
        "began.",
        "BirdLife Sweden said its own surveys showed that about a third of Swedish farmland "
        "bird species are declining.")
    # "about a third of … species" says how many species, as "8 percent of men" says how many
    # men
    assert "third" in await _answer_in(count, "how many farmland bird species are declining")


async def test_part_of_a_group_the_counted_noun_says(empty_library: ArticleLibrary) -> None:
    buyout = await _news(
        empty_library, "Flood buyouts run late",
        "The council has bought 1,130 of the 1,770 flooded homes so far.",
        "About 210 of the unfinished cases involve owners who have rejected the council's "
        "valuation.")
    assert await _answer_in(buyout, "how many owners have rejected the valuation") == "About 210"


async def test_a_number_counts_the_noun_before_a_preposition(
        empty_library: ArticleLibrary) -> None:
    # "14 meetings with traders" counts meetings: it does not say how many traders must move
    article = await _news(empty_library, "Fish market to move",
        "The town council voted on Tuesday to move the fish market away from the old fort.",
        "Once the traders move, the beach will be turned into a park.",
        "The council said it had held 14 meetings with traders since January.",
        "Fishermen said the new site was too far from the landing beach.")
    reply = await _ask(article, "how many traders did the council meet")
    assert reply.abstained
    assert "traders" in (reply.reason or "")
    # but "of" still joins the thing counted to its measure
    assert await _answer_in(article, "how many meetings were held with traders") == "14"


async def test_people_count_a_town_and_votes_count_voters(
        empty_library: ArticleLibrary) -> None:
    article = await _news(empty_library, "Curling rink wins title",
        "A rink from the fishing town of Lakeview won the national curling title on Sunday.",
        "Back home, about 300 people watched the final on a big screen at the town hall.",
        "Skip Anna Berg sealed the title in front of a crowd of 5,200 at the arena.",
        "Council members backed a civic reception by 11 votes to 2 on Monday.")
    # "townspeople" is a people, as "300 people" is
    assert await _answer_in(article, "how many townspeople watched it") == "about 300"
    # "fans" is a device first and a sports fan second: a crowd counts them
    assert await _answer_in(article, "how many fans were in the arena") == "5,200"
    # each member casts one vote
    assert await _answer_in(article, "how many members voted for the reception") == "11"
