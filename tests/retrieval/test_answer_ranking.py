"""Ranking by the question's words said in other words (``retrieval.lexicon``,
``retrieval.word_match``): WordNet synonyms, kinds and phrasal verbs, news equivalents WordNet
does not link, acronyms, titles spelled out, spellings without accents or the other side of the
Atlantic, and word senses too distant to count."""

from __future__ import annotations

from retrieval.lexicon import related_words
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


async def test_a_kind_of_the_asked_noun_answers_it(museum: tuple[ArticleLibrary, int]) -> None:
    # a "daily" is a newspaper (WordNet hypernym), though the word "newspaper" is absent
    answer = await _best(museum, "Which newspaper reported the cost of the renovation?")
    assert answer.startswith("The local daily Nordposten")


async def test_compound_words_bring_their_synonyms(museum: tuple[ArticleLibrary, int]) -> None:
    # "prime minister" is one WordNet noun whose synonyms include "premier"
    answer = await _best(museum, "Which prime minister opened the galleries?")
    assert answer.startswith("Premier Lars Holt")


async def test_verb_with_preposition_matches_its_synonym(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "care for" is a WordNet verb whose synonyms include "treat"
    answer = await _best(museum, "Who cared for the visitors who fainted?")
    assert answer.startswith("Nurses from the regional clinic")


async def test_acronyms_match_the_words_they_stand_for(
        museum: tuple[ArticleLibrary, int]) -> None:
    # not "the article doesn't mention EU": it says "European Union"
    answer = await _best(museum, "How long must the accounts be kept under EU rules?")
    assert answer.startswith("Under European Union rules")


async def test_sentence_phrasal_verbs_meet_their_synonyms(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "handed out" is WordNet's "hand_out", a synonym of "distribute"
    answer = await _best(museum, "How many tickets were distributed?")
    assert answer.startswith("Volunteers handed out 500 free tickets")


async def test_a_country_is_mentioned_by_its_adjective(
        museum: tuple[ArticleLibrary, int]) -> None:
    # not "the article doesn't mention Germany": it says "German tourists"
    answer = await _best(museum, "How many tourists from Germany arrived?")
    assert "200 German tourists" in answer


async def test_ceo_is_read_as_news_writes_it(empty_library: ArticleLibrary) -> None:
    airline = await _about(empty_library, (
        "title: Airline orders jets\n---\n"
        "Nordwind Air said on Tuesday it would buy 40 regional jets.\n\n"
        "The new jets will cut fuel use by a quarter, chief executive Ingrid Solberg said.\n"))
    for question in ("who is the ceo", "Who is Nordwind's CEO?"):
        assert await _answer_in(airline, question) == "Ingrid Solberg", question


async def test_a_question_met_only_by_distant_word_senses_is_not_answered(
        empty_library: ArticleLibrary) -> None:
    mining = await _about(empty_library, (
        "title: Coal town mourns\n---\n"
        "Rescuers searched on Friday for two miners trapped by a flood.\n\n"
        "The town has been the centre of the country's hard coal industry for a century, "
        "and mining employs most people in the province.\n\n"
        "The app shared its users' location as GPS coordinates accurate to within about 10 "
        "metres.\n"))
    # "hard" for "tall", "centre" for "building", "people" for "world": rare senses only
    off_topic = await _ask(mining, "What's the tallest building in the world?")
    assert off_topic.abstained
    assert "“tallest”" in (off_topic.reason or "")
    # a synonym in the word's second sense still anchors ("precise" / "accurate")
    precise = await _ask(mining, "how precise was it")
    assert not precise.abstained, precise.reason
    assert "accurate" in precise.answers[0].text


async def test_yes_no_questions_about_the_hurt_and_culled_meet_news_words(
        empty_library: ArticleLibrary) -> None:
    farm = await _about(empty_library, (
        "title: Bird flu at three farms\n---\n"
        "Officials ordered the culling of about 90,000 hens at three farms on Friday.\n\n"
        "A barn roof collapsed during the storm, but no one was injured, the owner said.\n\n"
        "Egg prices have risen 4% since September.\n"))
    # WordNet ranks "hurt" as "injure" fourth among its senses, and has no "kill" for "cull"
    hurt = await _ask(farm, "was anyone hurt")
    assert not hurt.abstained and "no one was injured" in hurt.answers[0].text, hurt
    assert await _answer_in(farm, "how many chickens are being killed") == "about 90,000"


async def test_reporters_are_journalists_and_a_ruling_is_appealed_as_challenged(
        empty_library: ArticleLibrary) -> None:
    summit = await _about(empty_library, (
        "title: Dushanbe hosts water summit\n---\n"
        "Delegates from 118 countries arrived in Dushanbe on Monday for a UN water conference.\n\n"
        "Organisers said about 600 journalists had been accredited to cover the meeting.\n\n"
        "The city closed a 9-kilometre stretch of Rudaki Avenue to make room for motorcades.\n"))
    assert await _answer_in(summit, "how many reporters are there") == "about 600"
    ruling = await _about(empty_library, (
        "title: Shipyard must pay asbestos victims\n---\n"
        "A court in Gdańsk ordered the shipbuilder Baltia Yards to pay 68 million zlotys to "
        "143 former workers on Wednesday.\n\n"
        "The company's chief legal officer said Baltia Yards would challenge the verdict.\n\n"
        "Outside the courtroom, former workers and their families applauded.\n"))
    reply = await _ask(ruling, "are they going to appeal")
    assert not reply.abstained and "challenge" in reply.answers[0].text, reply


async def test_a_name_typed_without_its_accents_finds_the_article(
        empty_library: ArticleLibrary) -> None:
    final = await _about(empty_library, (
        "title: Grêmio reach the final\n---\n"
        "Grêmio beat Nacional 3-1 in São Paulo on Wednesday to reach the final.\n\n"
        "Grêmio will face Racing Club in the final in Asunción on Nov. 29.\n\n"
        "Mayor Carla Mendes of São Paulo watched from the stands.\n"))
    for question, answer in [("who will gremio face in the final", "Racing Club"),
                             ("Who will Gremio face in the final?", "Racing Club"),
                             ("who is the mayor of sao paulo", "Carla Mendes")]:
        assert await _answer_in(final, question) == answer, question
    # and with them, as before
    assert _highlighted(await _ask(final, "Who will Grêmio face in the final?")) == "Racing Club"


SHIPYARD = ("title: Ministry orders patrol boats\n---\n"
            "The Defence Ministry has ordered six patrol boats for 480 million pounds from a "
            "shipyard in Glasgow, the ministry said on Monday.\n\n"
            "The programme will create about 900 jobs at the yard, according to the Labour MP "
            "for the area, Sarah Whitlock.\n\n"
            "The boats will be based at a harbour in Portsmouth from 2028.\n\n"
            "The company that runs the yard said the first hull would be laid down in the "
            "autumn.\n")


async def test_british_and_american_spellings_and_an_untagged_season(
        empty_library: ArticleLibrary) -> None:
    yard = await _about(empty_library, SHIPYARD)
    # the name as an American writes it is the article's name
    assert await _answer_in(yard, "how much did the defense ministry pay") == "480 million pounds"
    # "Labour" spelt "labor" is the question's own word, not the answer
    assert "Labour" not in await _answer_in(yard, "who is the labor mp")
    # a season spaCy did not tag as a date answers "when"
    assert await _answer_in(yard, "when will the first hull be laid down") == "the autumn"


def test_news_paraphrases_named_in_the_issue_are_related() -> None:
    from retrieval.lexicon import related_words

    # "die" reaches "dead" through its synonym "decease" → "deceased"/"dead person"
    assert {"dead", "death"} <= set(related_words("die", "VERB"))
    assert {"apprehend", "collar"} <= set(related_words("arrest", "VERB"))
    assert {"wound", "injury"} <= set(related_words("injure", "VERB"))


def test_a_more_general_word_stands_for_the_asked_noun_in_part() -> None:
    from retrieval.question import Question
    from retrieval.word_match import GENERAL_WEIGHT, term_match

    question = Question(text="How many passengers was the ferry carrying?",
                        terms=["passenger", "ferry", "carry"],
                        pos={"passenger": "NOUN", "ferry": "NOUN", "carry": "VERB"})
    # "the vessel" is how an article names the ferry the second time; "harbour" is not it
    assert term_match(question, "ferry", frozenset({"vessel"})) == GENERAL_WEIGHT
    assert term_match(question, "ferry", frozenset({"harbour"})) < GENERAL_WEIGHT


def test_content_words_on_spacys_stop_list_are_index_terms() -> None:
    from config.settings import Settings
    from retrieval.nlp import load_pipeline
    from retrieval.tokens import normalise_token

    nlp = load_pipeline(Settings().spacy_model)
    doc = nlp("A neighbour called the police and took the children to the front door.")
    terms = [normalise_token(token) for token in doc]
    assert {"call", "take", "front"} <= set(terms)
    assert "the" not in terms and "and" not in terms


async def test_what_a_verb_causes_stands_for_it(empty_library: ArticleLibrary) -> None:
    # "killed" causes death: "the death toll rose to 14" answers how many were killed
    text = """---
title: Landslide buries village
---
A landslide buried part of the hill village of Orvel on Monday after a week of heavy rain.

Rescuers worked through the night, and by Tuesday the death toll had risen to 14.

The regional governor visited the site and promised new housing for the survivors.
"""
    article = await _about(empty_library, text)
    assert await _answer_in(article, "How many people were killed?") == "14"


async def test_news_words_wordnet_does_not_link_count_as_synonyms(
        museum: tuple[ArticleLibrary, int]) -> None:
    # a "blast" is an explosion, a "firm" a company, "jail" prison (lexicon.NEWS_EQUIVALENTS)
    library = museum[0]  # another article beside it, so that idf means something
    text = """title: Fertiliser plant
---
Residents of Halden said on Monday they had complained about the fertiliser plant for years.

The blast tore through the plant's storage hall at 6:15 a.m. on Sunday.

Police said the explosion had been heard 20 km away.

The firm that owns the plant, Nordgrav, is based in Oslo.
"""
    article = await _about(library, text)
    reply = await _ask(article, "What time did the explosion happen?")
    assert not reply.abstained, reply.reason
    assert "6:15" in _highlighted(reply), reply.answers[0].text
    # both ways round, whichever word the question uses
    assert related_words("firm")["company"] >= 0.8 and related_words("company")["firm"] >= 0.8


async def test_verbs_spacy_cannot_lemmatise_get_wordnets_lemma() -> None:
    from config.settings import Settings
    from retrieval.nlp import load_pipeline
    from retrieval.tokens import normalise_token

    nlp = load_pipeline(Settings().spacy_model)
    doc = nlp("They said they were scammed and that the hoped-for money was gone.")
    terms = {normalise_token(token) for token in doc}
    assert "scam" in terms and "scamme" not in terms  # spaCy's own lemma is "scamme"


async def test_a_scammed_question_meets_a_swindled_article(
        empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    assert await _answer_in(scheme, "how many families got scammed") == "more than 9,000"


async def test_arrested_and_detained_are_the_same_news(empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    assert await _answer_in(scheme, "how many arrests were there") == "23"


async def test_work_is_employ_and_an_evacuee_was_evacuated(rules_only: ArticleLibrary) -> None:
    fire = await _news(
        rules_only, "Warehouse fire in Porto",
        "PORTO, Portugal — A fire destroyed a textile warehouse on Monday night.",
        "The warehouse belonged to Tecidos Vilar, a family-owned company that makes curtains "
        "and employs 85 people.",
        "\"Forty years of work went up in smoke,\" the owner said.",
        "The evacuated residents spent the night at a sports hall run by the parish council.")
    workers = await _ask(fire, "how many people work there")
    assert not workers.abstained, workers.reason
    assert _highlighted(workers).startswith("85")
    assert "sports hall" in await _best(fire, "where did the evacuees sleep")


async def test_died_and_killed_say_the_same_thing(rules_only: ArticleLibrary) -> None:
    storm = await _news(
        rules_only, "Storm in western Norway",
        "BERGEN, Norway — A storm cut power to 45,000 homes in western Norway on Saturday.",
        "Two people were taken to hospital after a tree fell on their car.",
        "No one was killed.",
        "Ferries to the islands were cancelled for most of the day.")
    assert await _best(storm, "did anyone die") == "No one was killed."


async def test_a_plural_the_tagger_left_unlemmatised_is_still_the_articles_word(
        empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    assert "frog" in analyse_question(nlp, "how do the frogs reproduce").terms


async def test_cfo_is_spelled_out_as_news_writes_the_title(rules_only: ArticleLibrary) -> None:
    carmaker = await _news(
        rules_only, "Carmaker posts record profit",
        "STUTTGART, Germany — Carmaker Brenner reported a record profit on Thursday.",
        "Chief financial officer Lukas Hartmann said margins would improve.",
        "Shares rose 6 percent, their biggest gain since March.")
    assert "Lukas Hartmann" in await _best(carmaker, "who is the cfo")


async def test_leaving_home_is_being_evacuated(rules_only: ArticleLibrary) -> None:
    lake = await _news(
        rules_only, "Glacial lake threatens valley",
        "BISHKEK, Kyrgyzstan — Officials on Thursday warned that a glacial lake above the "
        "Alamedin valley could burst.",
        "The government ordered the evacuation of about 2,300 people from villages below it.",
        "Engineers will dig a drainage channel through the moraine that holds the lake back.")
    left = await _ask(lake, "how many people had to leave their homes")
    assert not left.abstained, left.reason
    assert "2,300" in _highlighted(left)


async def test_holding_a_record_is_having_set_it(empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    assert "set" in analyse_question(nlp, "who held the record before her").expansions["hold"]
    assert "set" not in analyse_question(nlp, "who held the meeting").expansions.get("hold", {})
    # the pair is said as a whole: "sworn in" stands for "take office", both words
    office = analyse_question(nlp, "when does she take office").expansions
    assert "swear" in office["take"] and "swear" in office["office"]


async def test_taking_office_is_being_sworn_in_and_a_ban_starts_when_it_takes_effect(
        rules_only: ArticleLibrary) -> None:
    election = await _news(
        rules_only, "Opposition wins mayoral race in Kraków",
        "KRAKOW, Poland — Marta Zielinska, who has never held public office, was declared the "
        "winner of Kraków's mayoral election on Monday.",
        "Zielinska will be sworn in on June 1.",
        "A ban on coal heating in the city centre takes effect in January.")
    assert "sworn in" in await _best(election, "when does she take office")
    assert "takes effect" in await _best(election, "when does the coal ban start")


async def test_fighting_a_fine_is_appealing_it(rules_only: ArticleLibrary) -> None:
    airline = await _news(
        rules_only, "Airline fined over delays",
        "LISBON, Portugal — Portugal's aviation authority fined budget airline AeroLus 2.4 "
        "million euros on Monday for leaving travellers without food or hotel rooms.",
        "More than 1,900 flights were delayed or cancelled in August.",
        "The airline carried 9 million passengers last year.",
        "AeroLus said it would appeal.")
    assert "appeal" in await _best(airline, "will the airline fight the fine")


async def test_courts_and_companies_say_it_in_other_words(rules_only: ArticleLibrary) -> None:
    trial = await _news(
        rules_only, "Lagos court jails former bank chief",
        "LAGOS, Nigeria — A Lagos court on Thursday jailed the former chief executive of "
        "Crestline Bank, Adebayo Ogunleye, for 12 years.",
        "Justice Folake Adeyemi found Ogunleye guilty of fraud and money laundering.",
        "Investigators traced some of the money to a villa in Dubai.",
        "The judge ordered Ogunleye to pay the bank 9 billion naira.",
        "Crestline's losses from the loans reached 14 billion naira, the bank said.",
        "The bank's 2,000 workers were moved to Zenith Bank after the takeover.",
        "They have demanded an apology from the former board.")
    # convicted = found guilty
    assert "guilty" in await _best(trial, "what was he convicted of")
    # a loss is what was lost
    assert "losses" in await _best(trial, "how much did the bank lose")
    # wants are demands
    assert "demanded" in await _best(trial, "what do the workers want")


async def test_a_shop_was_founded_when_it_opened(rules_only: ArticleLibrary) -> None:
    robbery = await _news(
        rules_only, "Gang steals watches from Geneva shop",
        "GENEVA — Four masked men smashed their way into a watch shop on Saturday.",
        "The shop's owner, Claudine Perrin, whose grandfather opened the business in 1931, said "
        "the watches were rare.",
        "Police arrested a 28-year-old man on Monday.")
    assert await _answer_in(robbery, "when was the shop founded") == "1931"


async def test_a_verb_only_tried_is_not_done(rules_only: ArticleLibrary) -> None:
    transfer = await _news(
        rules_only, "Toney joins Arsenal",
        "LONDON — Arsenal signed striker Ivan Toney from Brentford on Monday for 40 million "
        "pounds after a medical at the club's training ground in north London.",
        "Manchester United tried to sign Toney in January.",
        "Toney scored 20 goals last season.")
    assert (await _best(transfer, "who signed toney")).startswith("LONDON")
    # a question about trying is answered by the attempt
    assert "tried" in await _best(transfer, "who tried to sign toney")


async def test_news_words_for_kidnapping_and_for_moving_people(
        rules_only: ArticleLibrary) -> None:
    rescue = await _news(
        rules_only, "Soldiers free aid workers held by rebels",
        "BOGOTÁ — Colombian soldiers on Monday freed four aid workers who had been held for 40 "
        "days by a rebel group in Guaviare province.",
        "The four worked for the medical charity Salud Sin Fronteras. They were seized on April "
        "2 near the village of Puerto Cachicamo.",
        "The captives were flown to a military base in San José del Guaviare, where doctors "
        "examined them.",
        "The charity suspended its work in Guaviare after the kidnapping and will decide next "
        "month whether to return.")
    # kidnapped = seized
    assert await _answer_in(rescue, "when were they kidnapped") == "April 2"
    # taken somewhere = flown, carried, moved there
    assert "flown" in await _best(rescue, "where were the aid workers taken after")


async def test_a_refund_is_money_back(rules_only: ArticleLibrary) -> None:
    festival = await _news(
        rules_only, "Storm cuts short lakeside festival",
        "SIÓFOK, Hungary — Organisers cancelled the last two days of the Sound Waves music "
        "festival on Saturday after a storm tore down its main stage.",
        "Festival director Gábor Horváth said the site was no longer safe.",
        "Ticket holders will get their money back within 30 days, he said.")
    assert "money back" in await _best(festival, "will people get a refund")


async def test_news_words_for_stopping_and_selling_and_nicknames(
        empty_library: ArticleLibrary) -> None:
    airline = await _news(
        empty_library, "Kenyan court halts sale of airline stake",
        "NAIROBI — Kenya's High Court on Tuesday suspended the government's sale of a 40 "
        "percent stake in Kenya Airways to a Gulf investment fund, saying the deal had been "
        "agreed without a public tender.",
        "Justice Mary Wanjiku ordered the Treasury to freeze the sale until she rules on a "
        "challenge brought by the Law Society of Kenya, which argues that the 310 million "
        "dollar price was far below the stake's value.",
        "The buyer, Abu Dhabi-based Falcon Aviation Holdings, had agreed to pay the money in "
        "two instalments and to keep the airline's hub at Jomo Kenyatta International Airport "
        "for at least 15 years.",
        "Treasury Secretary John Mbadi said the government would appeal. He told reporters the "
        "airline lost 22 billion shillings last year and could not survive without a partner. "
        '"Every month we wait costs taxpayers money," he said.',
        "Kenya Airways, known as the Pride of Africa, flies to 43 destinations with a fleet of "
        "39 aircraft. The government owns 48.9 percent of the carrier and a group of banks owns"
        " 38.1 percent.",
        "The pilots' union, the Kenya Airline Pilots Association, welcomed the ruling. Its "
        "secretary general, Murithi Nyagah, said pilots feared the new owner would move jobs "
        "abroad.",
        "The court will hear the case again on July 14. Shares in the airline, which trade on "
        "the Nairobi Securities Exchange, fell 6 percent after the ruling.",
        "It is the second time a sale of the stake has been blocked. In 2023 a parliamentary "
        "committee rejected a plan to merge the airline with the Kenya Airports Authority.")
    # a court that suspends a sale stops it
    assert await _answer_in(airline, "who stopped the sale") == "High Court"
    # what it is sold for is a price; "sold" is the verb of "sale"
    assert await _answer_in(airline, "how much is the stake being sold for") == \
        "310 million dollar"
    # a nickname is what it is known as
    assert "Pride of Africa" in await _best(airline, "what is the airline's nickname")


async def test_news_words_for_owning_and_for_strikes(empty_library: ArticleLibrary) -> None:
    hospital = await _news(
        empty_library, "Montevideo hospital cancels surgeries as nurses walk out",
        "MONTEVIDEO — The Hospital de Clínicas, Uruguay's largest public hospital, cancelled "
        "all planned surgeries on Tuesday after about 900 nurses walked out over overtime they "
        "say has not been paid for six months.",
        "Only emergency operations and cancer treatment went ahead, the hospital's director, "
        "Álvaro Villar, said. About 120 operations were postponed on the first day of the "
        "48-hour stoppage.",
        "The nurses' union, FUS, said each nurse was owed an average of 45,000 pesos for extra "
        "shifts worked during a wave of respiratory infections last winter. Its general "
        "secretary, Graciela Duarte, said staff had been forced to work double shifts because "
        "the hospital could not hire enough nurses.",
        '"We have been patient for half a year. Our members are exhausted and they have bills '
        'to pay," Duarte said at a rally outside the hospital.',
        "The hospital, which belongs to the University of the Republic, said the money had been"
        " held up by a dispute with the Ministry of Economy over the university's budget. The "
        "ministry said it had transferred the funds in September.",
        "Patients' groups criticised both sides. Rosa Méndez, whose husband's hip replacement "
        "was cancelled for the second time, said he had waited 14 months for the operation.",
        "The union said it would call a longer strike next week if the money was not paid by "
        "Friday. Health Minister Cristina Lustemberg called both sides to a meeting on "
        "Wednesday.")
    # what something belongs to owns it
    assert "belongs to" in await _best(hospital, "who owns the hospital")
    # a stoppage is a strike, and its own length answers how long
    assert await _answer_in(hospital, "how long is the strike") == "48-hour"


async def test_more_news_words_sought_moved_grounded(
        rules_only: ArticleLibrary) -> None:
    theft = await _news(
        rules_only, "Greek police arrest two over monastery icon theft",
        "THESSALONIKI, Greece — Greek police on Monday arrested two men suspected of stealing "
        "three Byzantine icons from a monastery.",
        "The icons, valued by experts at about 1.2 million euros, disappeared on Jan. 18.",
        "Police spokesperson Eleni Kaltsa said a third person was being sought.")
    # sought = wanted
    assert "being sought" in await _best(theft, "is anyone else wanted")
    rhinos = await _news(
        rules_only, "Nepal counts 812 rhinos",
        "CHITWAN, Nepal — Nepal is home to 812 greater one-horned rhinoceroses, up from 752 in "
        "the previous count in 2021, officials said on Wednesday.",
        "The government plans to move up to 10 rhinos from Chitwan to Shuklaphanta over the "
        "next two years to ease pressure on the park's core.")
    # relocating them is moving them
    assert "to ease pressure" in await _best(rhinos, "why relocate them")
    strike = await _news(
        rules_only, "Pilots' strike grounds Argentine flights",
        "BUENOS AIRES — A 24-hour strike by pilots at Aerovía Austral grounded 312 flights on "
        "Monday.",
        "Passengers whose flights were cancelled can rebook free of charge within 30 days.")
    # grounded flights were cancelled
    assert await _answer_in(strike, "how many flights got cancelled") == "312"


async def test_sickened_people_got_sick(empty_library: ArticleLibrary) -> None:
    recall = await _news(
        empty_library, "Pierogi maker recalls frozen dumplings over listeria",
        "WINNIPEG, Manitoba — A Manitoba food maker is recalling more than 200,000 bags of "
        "frozen pierogies sold nationwide after federal health officials linked the dumplings "
        "to a listeria outbreak that has sickened 11 people in three provinces.",
        "The Canadian Food Inspection Agency said late Wednesday that Prairie Table Foods Ltd. "
        "was pulling all potato-and-cheddar and potato-and-onion pierogies with best-before "
        "dates between Jan. 5 and Aug. 30, 2026. The products were sold in 907-gram bags under "
        "the Prairie Table and Harvest Baba brands at major grocery chains and independent "
        "stores.",
        "According to the Public Health Agency of Canada, the illnesses were reported in "
        "Manitoba, Saskatchewan and Ontario between November and early February. Four people "
        "have been admitted to hospital. No deaths have been reported.",
        "Dr. Helen Szabo, the agency's deputy chief public health officer, urged Canadians to "
        'check their freezers. "Do not eat these products, even if you plan to cook them," she '
        'said. "Listeria can survive in the freezer, and people often undercook pierogies by '
        'pan-frying them quickly."',
        "Inspectors found the bacteria during routine sampling at the company's plant in "
        "Steinbach, about 60 kilometres southeast of Winnipeg. Genetic testing later matched "
        "the strain to samples taken from patients.",
        "Listeria infections can cause fever, muscle aches, nausea and diarrhea, and symptoms "
        "may take up to 70 days to appear. Pregnant women, adults over 60 and people with "
        "weakened immune systems face the greatest risk of serious illness.",
        "Prairie Table chief executive Mark Hrynchuk said the company had halted production and"
        ' brought in an outside sanitation firm to deep-clean the facility. "We are a family '
        'business that has made pierogies the same way for 41 years, and we are heartbroken," '
        'he said in a statement. "We will not reopen until the agency tells us it is safe."',
        "The firm employs about 180 people. Hrynchuk said staff would continue to be paid "
        "during the shutdown.",
        "Customers can return the bags to the store where they bought them for a full refund, "
        "or throw them away. The inspection agency said no other Prairie Table products, "
        "including its frozen cabbage rolls, are affected.",
        "Consumer group Food Safety Canada said the case raised questions about how quickly "
        'recalls are announced. "The first patient fell ill in November, and the public is only'
        ' hearing about it now," said spokesperson Claire Dubois. The inspection agency said '
        "investigators needed time to confirm the source before naming a product.")
    assert await _answer_in(recall, "how many ppl got sick") == "11"


async def test_news_words_for_spotting_and_going_bust(
        empty_library: ArticleLibrary) -> None:
    airport = await _news(
        empty_library, "Drone halts flights as airline folds",
        "Flights at Kelby Airport were suspended for two hours on Friday evening after air "
        "traffic controllers received reports of a drone near the runway.",
        "The first sighting was reported by the crew of an inbound flight at 6:42 p.m.",
        "A counter-drone law had been stalled in parliament since March, when an earlier "
        "version was rejected by three votes.",
        "Separately, the regional carrier Nordair announced its collapse on Friday, leaving "
        "4,000 passengers stranded.")
    # what someone spotted was sighted
    assert await _answer_in(airport, "when was the drone spotted") == "6:42 p.m."
    # a firm that went bust collapsed
    assert "Nordair" in await _best(airport, "which airline went bust")


async def test_news_calls_electricity_power_and_a_fire_a_blaze(
        empty_library: ArticleLibrary) -> None:
    durban = await _news(
        empty_library, "Council raises tariffs",
        "DURBAN — The city council approved its budget on Thursday.",
        "Household electricity tariffs will rise by 12.7 percent from July.",
        "Water tariffs will go up by 9 percent.")
    assert "12.7 percent" in await _best(durban, "how much are power bills going up")
    sardinia = await _news(
        empty_library, "Wildfire forces evacuations",
        "About 1,200 people were evacuated from villages in western Sardinia on Sunday.",
        "Firefighters brought the blaze under control on Monday evening.")
    assert "under control" in await _best(sardinia, "when was the fire put out")


def test_more_news_equivalents() -> None:
    assert related_words("cop").get("police", 0) >= 0.8
    assert related_words("cash").get("money", 0) >= 0.8
    assert related_words("plane").get("aircraft", 0) >= 0.8
