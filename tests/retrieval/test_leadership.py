"""Who runs what (``retrieval.leadership``): a leader's title, or a verb such as "heads",
that belongs to what the question asks about, and not to someone merely mentioned beside it."""

from __future__ import annotations

import pytest

from retrieval.leadership import leads_the_object, object_words
from retrieval.question import analyse_question
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import FERRY, _about, _answer_in, _ask, _best, _news


async def test_who_heads_finds_the_title_not_the_same_word(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "heads" also occurs literally; the question asks for a person with a leader's title
    answer = await _best(museum, "Who heads the museum?")
    assert "Anna Berg, the museum's director" in answer
    # "the boss of X" asks the same: a leader's title next to the name stands for "boss"
    assert await _answer_in(museum, "Who is the boss of the museum?") == "Anna Berg"


async def test_who_is_in_charge_of_asks_for_the_leaders_title(
        empty_library: ArticleLibrary) -> None:
    resort = await _about(empty_library, (
        "title: Avalanche at ski resort\n---\n"
        "NAGANO, Japan — An avalanche swept through a closed slope next to a ski resort on "
        "Saturday, killing two skiers, police said.\n\n"
        "The skiers were guided by Kenji Sato, a mountain guide from Hakuba.\n\n"
        "Haruto Mori, the resort's general manager, said the slope had been closed since "
        "Thursday.\n"))
    assert await _answer_in(resort, "who's in charge of the ski resort") == "Haruto Mori"
    nlp = await empty_library.nlp()
    assert "charge" not in analyse_question(nlp, "who was charged with murder").leadership


async def test_leadership_verbs_are_read_as_asking_for_a_title(
        empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    question = analyse_question(nlp, "Who runs the airline?")
    assert "run" in question.leadership
    other = analyse_question(nlp, "Where did the runner finish?")
    assert not other.leadership
    from retrieval.lexicon import is_kind_of
    from retrieval.question import leadership_categories

    leaders = leadership_categories()
    assert is_kind_of("director", leaders) and is_kind_of("chairman", leaders)
    # "began" → "begin": a verb, not Menachem Begin (proper-name senses are not kinds)
    assert not is_kind_of("begin", leaders)


async def test_a_compound_title_leads_what_it_belongs_to(rules_only: ArticleLibrary) -> None:
    # "the company's managing director": "managing" does not part the title from its company
    article = await _about(rules_only, FERRY + (
        "\nMinister Ivo Kralj said the ministry had opened an investigation with the harbour "
        "master and that all ferries operated by Kvarner Lines would be checked before they "
        "sailed again.\n\n"
        '"We will cooperate fully with the investigation," said Vesna Horvat, the company\'s '
        "managing director.\n"))
    assert await _answer_in(article, "Who is the boss of Kvarner Lines?") == "Vesna Horvat"


async def test_a_leader_title_must_belong_to_what_was_asked_about(
        empty_library: ArticleLibrary) -> None:
    # both sentences have a leader's title and mention the museum; only one title is its
    text = """---
title: Museum reopens
---
Mayor Per Holm, who toured the Tornby museum on Friday, praised the builders.

Lena Vik, director of the Tornby museum, thanked the town.
"""
    article = await _about(empty_library, text)
    answer = await _best(article, "Who runs the Tornby museum?")
    assert answer.startswith("Lena Vik")


async def test_a_country_is_led_by_the_title_its_adjective_qualifies(
        library: ArticleLibrary) -> None:
    text = """---
title: Summit talks
---
French Interior Minister Paul Morel said the plot foiled in France had been at an advanced stage.

French President Claire Dumas said the network behind the attacks was being destroyed.
"""
    article = await _about(library, text)
    reply = await _ask(article, "Who leads France?")
    assert not reply.abstained, reply.reason
    assert reply.answers[0].text.startswith("French President Claire Dumas")
    # "French" before the title is France itself, however much a library weighs "France"
    # (the other sentence's literal "in France" won in a library of seventy articles)
    assert reply.coverage == pytest.approx(1.0)


async def test_who_is_in_charge_meets_the_verb_heads(empty_library: ArticleLibrary) -> None:
    clinic = await _about(empty_library, (
        "title: Clinic under strain\n---\n"
        "The regional clinic in Dorval opened a new wing on Monday.\n\n"
        "\"Patients wait for hours,\" said Dr. Ana Mirel, 51, who heads the clinic's "
        "casualty department.\n\n"
        "The regional health minister, Paul Vane, visited the clinic on Tuesday.\n"))
    # "heads" says who is in charge as a title would; the minister only visited
    assert await _answer_in(clinic, "who's in charge of the casualty department at the clinic"
                            ) == "Ana Mirel"


async def test_the_head_of_a_body_named_by_its_initials_is_who_is_in_charge_of_it(
        rules_only: ArticleLibrary) -> None:
    outbreak = await _news(
        rules_only, "Measles in Cluj",
        "CLUJ-NAPOCA, Romania — The Cluj County Public Health Directorate (DSP Cluj) said "
        "148 measles patients were under five.",
        "\"These cases could have been prevented,\" said Ioana Mureșan, the head of DSP Cluj.",
        "Schools will check vaccination records.")
    assert "Ioana Mureșan" in await _best(
        outbreak, "Who is in charge of the county public health directorate?")


async def test_a_leader_of_a_body_whose_name_holds_the_asked_words_leads_it(
        rules_only: ArticleLibrary) -> None:
    tomb = await _news(
        rules_only, "Tomb found near Larissa",
        "LARISSA, Greece — Archaeologists found a tomb on land guarded by the local antiquities "
        "office, whose staff have kept the site secret.",
        "\"We saw gold on the floor,\" said Anastasia Georgiou, director of the Ephorate of "
        "Antiquities of Larissa.",
        "The finds will go on show next year.")
    assert "Anastasia Georgiou" in await _best(
        tomb, "who's in charge of the local antiquities office")


async def test_a_head_office_is_no_head(rules_only: ArticleLibrary) -> None:
    library, article_id = await _news(
        rules_only, "Copper takeover bid",
        "VANCOUVER — Dunmore Resources offered on Monday to buy Tamarack Copper.",
        "Caldwell said Dunmore would keep Tamarack's head office in Vancouver.",
        "Ruth Ames, the head of Tamarack, said the board had not been consulted.")
    question_text = "Who is in charge of Tamarack?"
    await library.ask(question_text, Scope.all(), article_id=article_id)  # weighs the words
    question = await library.analyse(question_text)
    bundle = await library.bundle(article_id)
    objects = object_words(question, bundle)
    office, head = bundle.sentences[1], bundle.sentences[2]
    assert not leads_the_object(question, objects, bundle, office)
    assert leads_the_object(question, objects, bundle, head)


async def test_its_leader_leads_what_the_sentence_before_names(
        rules_only: ArticleLibrary) -> None:
    week = await _news(
        rules_only, "Chile cuts the working week",
        "SANTIAGO, Chile — Chile's Congress approved a law that will cut the working week, a "
        "promise of President Elena Rojas.",
        "The country's largest business group, the Confederation of Production and Commerce "
        "(CPC), warned that the shorter week could cost jobs.",
        "Its president, Ana María Torres, said employers would push for flexible shifts.")
    assert "Ana María Torres" in await _best(week, "who leads the CPC")


async def test_the_union_leader_is_its_president(rules_only: ArticleLibrary) -> None:
    deal = await _news(
        rules_only, "Quebec teachers end strike",
        "MONTREAL — Teachers in Quebec will return to classrooms on Monday after a 22-day "
        "strike.",
        "Union president Josée Scalabrini said she would recommend the deal.",
        "Premier François Legault apologised to parents.")
    # "X leader" like "leader of X"
    assert await _answer_in(deal, "who is the union leader") == "Josée Scalabrini"


async def test_a_place_is_run_by_its_operator(rules_only: ArticleLibrary) -> None:
    lava = await _news(
        rules_only, "Icelandic town evacuated as lava reaches its edge",
        "REYKJAVÍK — Lava from a new volcanic eruption reached the edge of the town of "
        "Grindavík on Monday.",
        "Flights at Keflavík International Airport were not affected, the airport operator "
        "Isavia said, because the wind carried the gas away from the runways.",
        "Prime Minister Kristrún Frostadóttir visited the evacuation centre in Reykjanesbær.")
    assert await _answer_in(lava, "who runs the airport") == "Isavia"


async def test_a_body_asked_to_run_something_is_its_operator_not_its_leader(
        rules_only: ArticleLibrary) -> None:
    metro = await _news(
        rules_only, "Bogotá opens its first metro line",
        "BOGOTÁ, Colombia — Colombia's capital opened the first line of its metro on Saturday.",
        "The line is run by the Andean Metro Consortium (AMC), a group of Spanish and Chinese "
        "construction firms, for the city's Bogotá Metro Company (EMB).",
        "EMB general manager Rocío Villamizar said engineers had traced a fault in the train "
        "control system.")
    # "which company runs": a company operates the trains; a general manager heads nothing
    # the question asks about
    assert "Andean Metro Consortium" in await _answer_in(metro, "which company runs the trains")


async def test_the_guy_who_runs_it_asks_for_a_person_by_the_clause(
        empty_library: ArticleLibrary) -> None:
    mine = await _news(
        empty_library, "Record gem found at a desert mine",
        "A mining company said on Wednesday it had recovered a 1,800-carat rough diamond at "
        "its Tsodilo mine.",
        '"The night supervisor called me at home and said the machine had stopped because '
        'something was too big for the chute," chief executive Grace Mokoena told reporters.',
        "The company said the stone was roughly the size of a tennis ball.")
    # no sentence calls her "the guy": the name of whoever runs the company answers
    assert await _answer_in(
        mine, "whats the name of the guy who runs the company") == "Grace Mokoena"
