"""Answer-quality rules, one behaviour each, on short articles written for these tests (not
the seed or the evaluation sets): each question is one that plain word overlap gets wrong or
that needs the rule to be answered at all."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from retrieval.analysis import SentenceRecord, _spread_known_names
from retrieval.answers import AskResult, term_weights
from retrieval.entities import Entity
from retrieval.leadership import leads_the_object, object_words
from retrieval.lexicon import related_words
from retrieval.question import analyse_question, answer_labels_for
from retrieval.reasons import asks_for_a_reason, gives_a_reason
from retrieval.references import entity_handles
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.conftest import make_settings

MUSEUM = """---
title: Harbour museum reopens
---
The harbour museum in Tornby reopened on Friday after a two-year renovation.

The museum heads a network of six smaller collections along the coast.

"We wanted a building that the whole town could use," said Anna Berg, the museum's director.

The local daily Nordposten reported that the renovation cost 14 million crowns.

Premier Lars Holt, who opened the new galleries, praised the architects.

Nurses from the regional clinic treated two visitors who fainted in the heat.

Berg joined the museum in 2019 from an art gallery in Bergen.

The gallery closed a year later for lack of money.

She said the museum would stay open late on Thursdays through the summer.

A new wing for the fishing fleet's history will open in May 2027, the council said.

Volunteers handed out 500 free tickets to schoolchildren.

About 200 German tourists arrived by ferry.

Inside the galleries, the temperature reached 31 degrees on the first afternoon.

The new café was a great success in its first week.

Under European Union rules, the town must keep the building's accounts for 10 years.

Visitors queued for an hour, and the museum said more than 3,000 people came on the first day.
"""


@pytest.fixture
async def museum(empty_library: ArticleLibrary) -> tuple[ArticleLibrary, int]:
    result = await empty_library.ingest_text(MUSEUM)
    return empty_library, result.article.id


async def _ask(museum: tuple[ArticleLibrary, int], question: str) -> AskResult:
    library, article_id = museum
    return await library.ask(question, Scope.all(), article_id=article_id)


async def _about(library: ArticleLibrary, text: str) -> tuple[ArticleLibrary, int]:
    """``text`` ingested into ``library``: the (library, article id) pair ``_ask`` takes."""
    result = await library.ingest_text(text)
    return library, result.article.id


async def _news(library: ArticleLibrary, title: str, *paragraphs: str
                ) -> tuple[ArticleLibrary, int]:
    """An article of ``paragraphs`` under ``title``, ingested: what ``_ask`` takes."""
    return await _about(library, f"title: {title}\n---\n" + "\n\n".join(paragraphs) + "\n")


async def _best(museum: tuple[ArticleLibrary, int], question: str) -> str:
    result = await _ask(museum, question)
    assert not result.abstained, result.reason
    return result.answers[0].text


async def test_who_heads_finds_the_title_not_the_same_word(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "heads" also occurs literally; the question asks for a person with a leader's title
    answer = await _best(museum, "Who heads the museum?")
    assert "Anna Berg, the museum's director" in answer
    # "the boss of X" asks the same: a leader's title next to the name stands for "boss"
    assert await _answer_in(museum, "Who is the boss of the museum?") == "Anna Berg"


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


HARBOUR_MUSEUM = ("title: Harbour museum reopens\n---\n"
                  "The Harbour Museum reopened on Monday after a two-year renovation.\n\n"
                  "The Pilots' Guild was founded in 1887 by ship pilots.\n\n"
                  "The lighthouse beside it was built in 1902 and still works.\n\n"
                  "The trawler Nordstjerne, moored at the museum since March, draws the most "
                  "visitors.\n")


async def test_when_was_it_founded_or_built_needs_a_sentence_saying_so(
        empty_library: ArticleLibrary) -> None:
    museum = await _about(empty_library, HARBOUR_MUSEUM)
    assert "1887" in await _best(museum, "When was the Pilots' Guild founded?")
    assert "1902" in await _best(museum, "When was the lighthouse built?")
    assert "1887" in await _best(museum, "what year was the guild established")
    # a date in a sentence about it that says nothing of its beginning is no answer
    result = await _ask(museum, "When was the Harbour Museum founded?")
    assert result.abstained
    assert result.reason == "The article doesn't seem to say when it was founded."


FINE = ("title: Former minister jailed\n---\n"
        "A former minister was jailed for ten years on Monday for taking bribes.\n\n"
        "The judge also fined Mensah 5 million cedis.\n\n"
        "His lawyer said he would appeal.\n")


async def test_a_number_the_tagger_read_into_a_name_still_answers_how_much(
        empty_library: ArticleLibrary) -> None:
    # spaCy reads "Mensah 5 million" as one name (a law): the figure is still a sum of money
    fine = await _about(empty_library, FINE)
    assert await _answer_in(fine, "how much was mensah fined") == "5 million"


async def test_the_name_of_something_must_stand_next_to_it(
        museum: tuple[ArticleLibrary, int]) -> None:
    named = await _ask(museum, "What is the name of the museum's director?")
    assert not named.abstained and "Anna Berg" in named.answers[0].text
    # "Premier Lars Holt ... praised the architects" does not name an architect
    unnamed = await _ask(museum, "What is the name of the architect?")
    assert unnamed.abstained



async def test_names_of_people_asked_with_a_relative_who_need_peoples_names(
        empty_library: ArticleLibrary) -> None:
    # "... the engineers *who* were arrested": that "who" opens a clause; the question still
    # asks for the engineers' names, which the article does not give (a body's name is no
    # answer)
    text = """title: Bridge inquiry
---
The Vossa bridge collapsed on Sunday, killing nine people.

Police said the arrested men were two engineers of the Nordland Roads Agency.

The repairs were carried out by a local contractor in 2025.

The regional government ordered an inquiry led by a retired judge.

Divers searched the river for a second day on Tuesday.
"""
    article = await _about(empty_library, text)
    unnamed = await _ask(article, "What are the names of the engineers who were arrested?")
    assert unnamed.abstained, unnamed.answers
    assert not (await _ask(article, "Which agency did the arrested engineers work for?")
                ).abstained


async def test_who_is_the_role_needs_a_name_next_to_the_role(
        museum: tuple[ArticleLibrary, int]) -> None:
    named = await _ask(museum, "Who is the museum's director?")
    assert not named.abstained and "Anna Berg" in named.answers[0].text
    # "Premier Lars Holt, who opened the new galleries, praised the architects": no architect
    # is named
    unnamed = await _ask(museum, "Who is the architect of the new galleries?")
    assert unnamed.abstained


async def test_when_will_needs_a_sentence_that_looks_ahead(
        museum: tuple[ArticleLibrary, int]) -> None:
    ahead = await _ask(museum, "When will the new wing open?")
    assert not ahead.abstained and "May 2027" in ahead.answers[0].text
    # "reopened on Friday" is a past date: it does not say when something *will* happen
    past = await _ask(museum, "When will the harbour museum in Tornby reopen?")
    assert past.abstained


async def test_a_name_from_elsewhere_in_the_article_must_be_near_the_answer(
        museum: tuple[ArticleLibrary, int]) -> None:
    # Tornby is where the whole story happens (the opening paragraph): it can be asked about
    scene = await _ask(museum, "How many visitors fainted in Tornby?")
    assert not scene.abstained and "two visitors" in scene.answers[0].text
    # Nordposten is named only in another paragraph, about the cost
    elsewhere = await _ask(museum, "How many visitors did Nordposten say fainted?")
    assert elsewhere.abstained
    assert "Nordposten" in (elsewhere.reason or "")


async def test_a_person_may_be_named_a_few_sentences_before_the_pronoun(
        museum: tuple[ArticleLibrary, int]) -> None:
    answer = await _best(museum, "What did Berg say about Thursdays?")
    assert answer.startswith("She said the museum would stay open late on Thursdays")


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


async def test_how_hot_asks_for_a_temperature(museum: tuple[ArticleLibrary, int]) -> None:
    # WordNet's attribute link: "hot" is a value of "temperature"
    answer = await _best(museum, "How hot did it get in the galleries?")
    assert answer.startswith("Inside the galleries, the temperature reached 31 degrees")


async def test_an_adjective_is_not_a_person(museum: tuple[ArticleLibrary, int]) -> None:
    # "a great success": "great" is also a WordNet noun for a person, but not here
    result = await _ask(museum, "Who ran the new café in its first week?")
    assert result.abstained


async def test_question_about_something_absent_abstains(
        museum: tuple[ArticleLibrary, int]) -> None:
    result = await _ask(museum, "Who won the football match in Oslo?")
    assert result.abstained
    assert result.reason


def test_which_noun_sets_the_answer_type_even_after_an_adjective() -> None:
    assert answer_labels_for("Which hospital treated the guard?")[1] >= {"ORG", "FAC"}
    assert answer_labels_for("Which regional newspaper said so?")[1] == {"ORG"}
    assert answer_labels_for("Which city did she visit?")[1] >= {"GPE"}


async def test_how_many_kinds_of_x_counts_x(empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    assert analyse_question(nlp, "how many kinds of bacteria did it kill").counted == "bacteria"
    assert analyse_question(nlp, "How many types of cancer were studied?").counted == "cancer"
    assert analyse_question(nlp, "how many people were hurt").counted == "people"


async def test_ceo_is_read_as_news_writes_it(empty_library: ArticleLibrary) -> None:
    airline = await _about(empty_library, (
        "title: Airline orders jets\n---\n"
        "Nordwind Air said on Tuesday it would buy 40 regional jets.\n\n"
        "The new jets will cut fuel use by a quarter, chief executive Ingrid Solberg said.\n"))
    for question in ("who is the ceo", "Who is Nordwind's CEO?"):
        assert await _answer_in(airline, question) == "Ingrid Solberg", question


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


MINE = (
    "title: Six miners rescued in Asturias\n---\n"
    "OVIEDO, Spain — Rescuers freed six miners trapped in a coal mine in the northern region "
    "of Asturias on Tuesday, after a roof collapse cut them off for two days.\n\n"
    "The roof of the gallery gave way at about 11:20 p.m. on Sunday, the mine's owner said.\n\n"
    "The Carbonar mine lies near the village of Tuilla, about 15 kilometres east of Oviedo.\n\n"
    "More of the roof came down on Monday morning as rescuers dug towards the men.\n\n"
    "Families waited through the night at the mine, and the men were brought out on Tuesday "
    "morning.\n")


async def test_where_is_it_prefers_the_sentence_that_says_precisely_where(
        empty_library: ArticleLibrary) -> None:
    mine = await _about(empty_library, MINE)
    # the lede names the region; "near the village of Tuilla, 15 km east of Oviedo" pins it
    assert "Tuilla" in await _best(mine, "where is the mine?")
    assert "Tuilla" in await _best(mine, "Where exactly is the Carbonar mine?")


async def test_what_time_prefers_a_clock_time(empty_library: ArticleLibrary) -> None:
    mine = await _about(empty_library, MINE)
    # "on Monday morning" is when more of it came down, not a time of day; the clock answers
    assert await _answer_in(mine, "what time did the roof come down") == "about 11:20 p.m."


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


async def test_what_time_takes_the_clock_time_spacy_cut_from_the_morning(
        empty_library: ArticleLibrary) -> None:
    lock = await _about(empty_library, (
        "title: Ship hits lock gate\n---\n"
        "A cargo ship struck a lock gate at about 4:40 in the morning as it entered the "
        "canal.\n\n"
        "The canal will stay closed for three weeks.\n"))
    assert await _answer_in(lock, "what time did the crash happen") == "4:40"


@pytest.fixture
async def rules_only(tmp_path: Path) -> AsyncIterator[ArticleLibrary]:
    """A library without the sentence model: what the rules alone choose."""
    library = await ArticleLibrary.open(make_settings(tmp_path, semantic_rerank=False),
                                        ingest_seeds=False)
    try:
        yield library
    finally:
        await library.close()


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


async def test_advice_is_answered_only_by_a_sentence_about_the_very_thing(
        empty_library: ArticleLibrary) -> None:
    spill = await _about(empty_library, (
        "title: Containers wash up on beaches\n---\n"
        "Dozens of shipping containers lost from a cargo ship washed up on beaches near the "
        "port city on Monday, and some held home cooking gas.\n\n"
        "Anyone who finds a container on the beach should keep away and call the police, the "
        "maritime authority said.\n\n"
        "A training plan for the city's half marathon, held at the port, was changed to avoid "
        "the beaches.\n"))
    for question in ("how do I make ceviche at home",
                     "what's a good beginner training plan for a half marathon"):
        assert (await _ask(spill, question)).abstained, question
    # advice the article gives itself is still quoted
    found = await _ask(spill, "what should I do if I find a container on the beach")
    assert not found.abstained and "call the police" in found.answers[0].text, found


async def test_the_name_of_a_thing_is_not_where_it_is_nor_a_common_noun(
        empty_library: ArticleLibrary) -> None:
    farms = await _about(empty_library, (
        "title: Bird flu at two farms\n---\n"
        "The virus was found at a laying-hen farm in Utrecht with 90,000 birds and a broiler "
        "farm in nearby Zeist, officials said on Friday.\n\n"
        "All the hens were culled on Saturday.\n"))
    # "Utrecht" is where the other farm is, and "a laying-hen farm" is no name
    result = await _ask(farms, "what's the name of the farm in zeist")
    assert result.abstained and "farm's name" in (result.reason or ""), result


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


async def test_how_long_is_answered_by_a_length_of_time_without_the_word(
        empty_library: ArticleLibrary) -> None:
    storm = await _about(empty_library, (
        "title: Storm closes ports\n---\n"
        "Storm Elin swept across southern Sweden on Thursday, knocking out power to 250,000 "
        "homes.\n\n"
        "Ferries between Trelleborg and Rostock were suspended for 14 hours.\n\n"
        "Two people were killed when trees fell on their cars, police said.\n\n"
        "Rail services resumed on Friday morning.\n"))
    # "for 14 hours" is how long, though the sentence never says "long"
    assert await _answer_in(storm, "how long were the ferries stopped") == "14 hours"


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


def test_a_name_tagged_once_keeps_its_kind_in_other_sentences() -> None:
    body = "Ewa Nowak spoke first. Later Nowak and Ewa Nowak left the Hall."
    first = SentenceRecord(0, 0, 0, 0, 22, ["ewa", "nowak", "speak"], [(0, 9, "PERSON")])
    second = SentenceRecord(0, 1, 1, 23, len(body), ["nowak", "ewa", "leave", "hall"], [])
    entity = Entity("Ewa Nowak", "person", aliases=["Nowak"])
    _spread_known_names(body, [first, second], [entity])
    labelled = [(body[s:e], label) for s, e, label in second.spans]
    assert labelled == [("Nowak", "PERSON"), ("Ewa Nowak", "PERSON")]
    assert first.spans == [(0, 9, "PERSON")]  # already labelled: unchanged
    # and each occurrence spaCy missed is one more mention of her, in its own sentence
    assert [(m.text, m.sentence) for m in entity.mentions] == [("Nowak", 1), ("Ewa Nowak", 1)]


def test_news_paraphrases_named_in_the_issue_are_related() -> None:
    from retrieval.lexicon import related_words

    # "die" reaches "dead" through its synonym "decease" → "deceased"/"dead person"
    assert {"dead", "death"} <= set(related_words("die", "VERB"))
    assert {"apprehend", "collar"} <= set(related_words("arrest", "VERB"))
    assert {"wound", "injury"} <= set(related_words("injure", "VERB"))


async def test_the_dateline_is_not_where_the_story_happened(
        empty_library: ArticleLibrary) -> None:
    result = await empty_library.ingest_text(
        "title: Ship aground\n---\nKALMAR, Sweden — A cargo ship ran aground in fog off the "
        "island of Öland on Sunday, the coastguard said.\n\nNobody was hurt, and tugs freed the "
        "ship on Monday.\n")
    answer = await empty_library.ask("Where did the cargo ship run aground?", Scope.all(),
                                     article_id=result.article.id)
    assert _highlighted(answer) == "Öland"


PLANT = (
    "title: Town votes to close coal plant\n---\n"
    "Councillors in the town of Eastholm voted on Wednesday to close the Greyfield coal plant "
    "by 2030.\n\n"
    "The plant, owned by the energy company Voltmark, employs 240 people.\n\n"
    '"This is a hard day for the town," said council leader Margaret Hollin.\n'
)


async def test_names_after_role_nouns_and_people_counts(empty_library: ArticleLibrary) -> None:
    article = (await empty_library.ingest_text(PLANT)).article.id

    async def best(question: str) -> tuple[str, str]:
        result = await empty_library.ask(question, Scope.all(), article_id=article)
        assert not result.abstained, result.reason
        answer = result.answers[0]
        assert answer.highlight is not None
        return answer.text, answer.text[answer.highlight[0]:answer.highlight[1]]

    # one capitalised word after an organisation noun is the organisation
    assert (await best("Which company owns the plant?"))[1] == "Voltmark"
    # "240 people" counts employees
    assert (await best("How many employees does the plant have?"))[1] == "240"
    # "council leader X" is a person, though "council" is an organisation noun
    entities = await empty_library.entities(Scope.all(), article_id=article)
    assert "Margaret Hollin" in {e.name for e in entities.get("person", [])}


STRIKE = """---
title: Ferry crews walk out
---
Crews at the ferry operator Baltline struck on Monday, called out by the Ferry Workers Union (FWU).

Transport Minister Eva Lind, who visited the port of Rostby on Monday, urged both sides to talk.

"We have been patient for two years," said Jonas Ek, the chair of the FWU.

Karin Dahl, the operator's chief executive, said the walkout would cost millions.

Shares in Baltline fell 3 percent on Monday.
"""


@pytest.fixture
async def strike(empty_library: ArticleLibrary) -> tuple[ArticleLibrary, int]:
    result = await empty_library.ingest_text(STRIKE)
    return empty_library, result.article.id


async def test_an_acronym_stands_for_its_long_form(strike: tuple[ArticleLibrary, int]) -> None:
    # the answer says "the FWU"; the question spells the union's name out
    answer = await _best(strike, "Who leads the ferry workers union?")
    assert "Jonas Ek, the chair of the FWU" in answer


async def test_a_description_refers_to_the_one_entity_it_introduced(
        strike: tuple[ArticleLibrary, int]) -> None:
    # "the operator" is Baltline ("ferry operator Baltline"); the minister leads no Baltline
    answer = await _best(strike, "Who runs Baltline?")
    assert answer.startswith("Karin Dahl, the operator's chief executive")


async def test_a_description_shared_by_two_entities_refers_to_neither(
        empty_library: ArticleLibrary) -> None:
    from retrieval.references import referenced_words

    text = STRIKE.replace("Shares in Baltline",
                          "The rival operator Nordsund said shares in Baltline")
    result = await empty_library.ingest_text(text)
    bundle = await empty_library.bundle(result.article.id)
    position = next(s.position for s in bundle.sentences
                    if bundle.text(s).startswith("Karin Dahl"))
    assert "baltline" not in referenced_words(bundle, position)
    assert "dahl" in referenced_words(bundle, position)


async def _references_of(library: ArticleLibrary, text: str, opening: str) -> frozenset[str]:
    """The name words the sentence of ``text`` that starts with ``opening`` refers to."""
    from retrieval.references import referenced_words

    bundle = await library.bundle((await library.ingest_text(text)).article.id)
    position = next(s.position for s in bundle.sentences if bundle.text(s).startswith(opening))
    return referenced_words(bundle, position)


async def test_a_description_refers_to_its_entity_before_any_word(
        empty_library: ArticleLibrary) -> None:
    # "the operator said": the description followed by a lower-case word, not only by "'s"
    text = STRIKE.replace("Shares in Baltline fell", "Shares fell, the operator said, by")
    assert "baltline" in await _references_of(empty_library, text, "Shares fell")


NORDLYS = """---
title: Nordlys cuts jobs
---
Nordlys Foods will cut 120 jobs at its plant in Bodø, the Norwegian broadcaster NRK reported on \
Monday.

Nordlys Foods, which employs about 900 people in Bergen and Oslo, blamed fish prices.

The firm's chief executive spoke to staff at the company's headquarters in Tromsø.
"""


async def test_the_company_is_the_company_the_article_is_about(
        empty_library: ArticleLibrary) -> None:
    # no description introduced Nordlys Foods, but it is the organisation the article names most
    words = await _references_of(empty_library, NORDLYS, "The firm's")
    assert {"nordlys", "foods"} <= words and "nrk" not in words


async def test_the_company_is_no_one_when_two_companies_lead_alike(
        empty_library: ArticleLibrary) -> None:
    text = NORDLYS.replace("Nordlys Foods, which", "NRK said Nordlys Foods, which")
    words = await _references_of(empty_library, text, "The firm's")
    assert "nordlys" not in words and "nrk" not in words


async def test_the_company_is_the_one_introduced_as_a_company(
        empty_library: ArticleLibrary) -> None:
    # the broadcaster is named as often, but only Nordlys was called a company of some kind
    text = NORDLYS.replace("Nordlys Foods, which", "NRK said Nordlys Foods, which").replace(
        "Nordlys Foods will", "The seafood company Nordlys Foods will")
    words = await _references_of(empty_library, text, "The firm's")
    assert "nordlys" in words and "nrk" not in words



async def test_the_company_is_no_paper_the_article_quotes(empty_library: ArticleLibrary) -> None:
    # "the newspaper Fiskeribladet" is a business of a kind, but news quotes papers as sources
    text = NORDLYS.replace("the Norwegian broadcaster NRK", "the newspaper Fiskeribladet")
    words = await _references_of(empty_library, text, "The firm's")
    assert "nordlys" in words and "fiskeribladet" not in words


FERRY = """---
title: Ferry fire off Brač
---
A fire broke out on Saturday on a car ferry operated by the private company Kvarner Lines.

The harbour authority said 14 ferries had been inspected in the region this year.

Kvarner Lines, which is based in Rijeka, operates eight ferries along the coast of Dalmatia.
"""


async def test_a_sentence_naming_an_entity_speaks_of_its_description(
        empty_library: ArticleLibrary) -> None:
    # "the company" is how the article introduced Kvarner Lines: a sentence naming it speaks
    # of the company too, in the question's word ("how many ferries does the company run")
    assert "company" in await _references_of(empty_library, FERRY, "Kvarner Lines, which")
    ferry = await _about(empty_library, FERRY)
    assert await _answer_in(ferry, "How many ferries does the company run?") == "eight"


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


async def test_who_was_doing_something_asks_who_not_what_a_name_is(
        empty_library: ArticleLibrary) -> None:
    # "who was running Goldwave" is no "who is X" question about "running Goldwave"
    from config.settings import Settings
    from retrieval.nlp import load_pipeline

    nlp = load_pipeline(Settings().spacy_model)
    assert analyse_question(nlp, "who was running goldwave").identity is None
    assert analyse_question(nlp, "Who is Mette Lund?").identity == "Mette Lund"
    article = await _news(empty_library, "Minister jailed",
        "A former fisheries minister was jailed for 12 years on Friday for taking bribes.",
        "Goldwave was controlled by his nephew, Samuel Owusu, who was also convicted.")
    assert await _answer_in(article, "who was running goldwave") == "Samuel Owusu"


async def test_a_year_read_as_a_number_answers_how_long(empty_library: ArticleLibrary) -> None:
    # spaCy tags "at least 2029" after "until" as a number; it is a point in time
    article = await _news(empty_library, "Lunar orbiter finds ice",
        "A European spacecraft orbiting the Moon has found evidence of ice in three craters.",
        "The orbiter has enough fuel to keep operating until at least 2029, its team said.")
    assert "2029" in await _answer_in(article, "How long can the orbiter continue working?")


async def test_workers_laid_off_count_jobs(empty_library: ArticleLibrary) -> None:
    article = await _news(empty_library, "Call centre cuts",
        "Vistara said on Monday it would lay off about 4,200 workers over the next year.",
        "The company opened its first office in Cebu in 2009.")
    assert "4,200" in await _answer_in(article, "how many jobs is vistara cutting")


async def _ask_with(article: tuple[ArticleLibrary, int], question: str,
                    min_coverage: float) -> AskResult:
    library, article_id = article
    return await library.ask(question, Scope.all(), article_id=article_id,
                             min_coverage=min_coverage)


def test_a_common_word_in_a_lower_case_question_is_no_name() -> None:
    # spaCy reads "bin" as a name here; "paris" and "china" are names first, "nesco" no word
    from config.settings import Settings
    from retrieval.nlp import load_pipeline

    nlp = load_pipeline(Settings().spacy_model)
    assert "bin" not in analyse_question(nlp, "How much stock did she have to bin?").entity_names
    for question, name in (("where is paris", "paris"), ("is china involved", "china"),
                           ("how many customers does nesco serve", "nesco")):
        assert name in analyse_question(nlp, question).entity_names, question


async def test_the_question_words_describing_a_role_do_not_part_it_from_the_name(
        empty_library: ArticleLibrary) -> None:
    text = """---
title: Hospital hit by outage
---
"We went back to paper within an hour," said Maria Lind, the hospital's chief medical officer.

Police officers guarded the entrance while technicians worked.
"""
    article = await _about(empty_library, text)
    assert await _answer_in(article, "Who is the hospital's chief medical officer?") == "Maria Lind"


async def test_a_name_introduced_as_the_asked_kind_answers_which(
        empty_library: ArticleLibrary) -> None:
    # "Echo" is a common word the tagger does not take for a name; the apposition says it
    # is a daily, and a daily is a newspaper
    text = """---
title: Mayor resigns
---
Echo, the town's daily, reported that the mayor had resigned over the harbour contract.

The council will meet on Monday to choose a successor.
"""
    article = await _about(empty_library, text)
    assert await _answer_in(article, "Which newspaper reported that the mayor resigned?") == "Echo"


FACTORY = """---
title: Fire closes paint factory
---
A fire closed the Lumo paint factory in Harrow on Tuesday, and its shares fell 4 percent.

The plant's manager, Tom Reed, 58, said repairs would cost about 2 million pounds.

Firefighters needed three hours to put out the flames, which started in a storeroom.

The factory will stay closed for a week while inspectors check the wiring.

The factory, insured by Calder Mutual, lost 40 percent of its stock, Reed said.

Its owner, Ann Moss, has run Lumo since 1998.
"""


@pytest.fixture
async def factory(empty_library: ArticleLibrary) -> tuple[ArticleLibrary, int]:
    result = await empty_library.ingest_text(FACTORY)
    return empty_library, result.article.id


def _highlighted(result: AskResult) -> str:
    answer = result.answers[0]
    assert answer.highlight is not None
    return answer.text[answer.highlight[0]:answer.highlight[1]]


async def _answer_in(article: tuple[ArticleLibrary, int], question: str) -> str:
    """What the best answer to ``question`` highlights (it must not abstain)."""
    result = await _ask(article, question)
    assert not result.abstained, (question, result.reason)
    return _highlighted(result)


async def _weight_of(museum: tuple[ArticleLibrary, int], question: str, term: str) -> float:
    """A term's share of a question when every word is equally rare: 1.0 for a content word,
    less for one that only frames the question."""
    return term_weights(await museum[0].analyse(question), lambda _term: 1.0)[term]


async def _answer_about(museum: tuple[ArticleLibrary, int], text: str, question: str
                        ) -> tuple[str, str]:
    """``question`` asked of ``text`` ingested beside the museum article (so that idf means
    something): the answering sentence and its highlighted part; it must not abstain."""
    reply = await _ask(await _about(museum[0], text), question)
    assert not reply.abstained, reply.reason
    answer = reply.answers[0]
    highlight = answer.text[answer.highlight[0]:answer.highlight[1]] if answer.highlight else ""
    return answer.text, highlight


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


async def test_a_length_of_time_does_not_answer_when(factory: tuple[ArticleLibrary, int]) -> None:
    assert await _answer_in(factory, "When did the fire start?") == "Tuesday"
    assert (await _ask(factory, "When was the wiring last checked?")).abstained


async def test_a_question_about_the_future_needs_a_sentence_that_looks_ahead(
        factory: tuple[ArticleLibrary, int]) -> None:
    # the article says what happened to the stock, not who will replace it
    result = await _ask(factory, "Who will replace the stock Lumo lost?")
    assert result.abstained
    assert "will happen" in (result.reason or "")
    answered = await _ask(factory, "How much will the repairs cost?")
    assert not answered.abstained, answered.reason


async def test_which_person_needs_the_name_next_to_the_person_noun(
        empty_library: ArticleLibrary) -> None:
    text = """---
title: Ministers under pressure
---
Two ministers offered to resign after Turkey said Omar Haddad had been deported.

Interior Minister Jan Peeters said the warnings had not reached him.
"""
    article = await _about(empty_library, text)
    # Haddad is not one of the two ministers
    assert (await _ask(article, "Which two ministers offered to resign?")).abstained
    assert await _answer_in(
        article, "Which minister said the warnings had not reached him?") == "Jan Peeters"


async def test_a_quotation_that_goes_on_keeps_its_speaker(
        empty_library: ArticleLibrary) -> None:
    text = """---
title: Flood victims wait for help
---
"We lost it all. Nobody came," Ana Ruiz said. "I have phoned the council 30 times."

Marta Gil said she had phoned the council 12 times before anyone answered.
"""
    article = await _about(empty_library, text)
    reply = await _ask(article, "How many times has Ana Ruiz called the council?")
    assert not reply.abstained, reply.reason
    assert reply.answers[0].text == '"I have phoned the council 30 times."'


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


async def test_chat_shorthand_is_spelled_out(factory: tuple[ArticleLibrary, int]) -> None:
    from retrieval.question import clean_question

    assert clean_question("how many ppl r hurt, w/ U.S. help?") == (
        "how many people are hurt, with U.S. help?")
    # letters that are part of something else stay as they are
    assert clean_question("did u.s. troops fund r&d") == "did u.s. troops fund r&d"
    result = await _ask(factory, "how old is tom reed, whos the plant's manager")
    assert not result.abstained, result.reason


async def test_what_is_the_article_about_gets_its_opening_sentence(
        factory: tuple[ArticleLibrary, int]) -> None:
    for question in ("What is this article about?", "tl;dr", "summarise it",
                     "when did it happen?", "where did this take place"):
        result = await _ask(factory, question)
        assert not result.abstained, result.reason
        assert result.answers[0].text.startswith("A fire closed the Lumo paint factory")
    # a question about what happened to someone is a question, not a request for a summary
    result = await _ask(factory, "What happened to the wiring?")
    assert not result.answers or "fire closed" not in result.answers[0].text


async def test_a_summary_needs_one_article_to_summarise(factory: tuple[ArticleLibrary, int]
                                                        ) -> None:
    library, _ = factory
    await library.ingest_text(STRIKE)
    result = await library.ask("What is this article about?", Scope.all())
    assert result.abstained
    assert "choose one" in (result.reason or "")


def test_a_toll_or_a_number_of_something_asks_for_a_number() -> None:
    for text in ("What's the death toll?", "What was the number of arrests?"):
        wh, labels = answer_labels_for(text)
        assert wh == "how_many" and "CARDINAL" in labels


async def test_who_is_a_name_is_answered_by_what_the_article_says_they_are(
        strike: tuple[ArticleLibrary, int]) -> None:
    cases = {
        "Who is Karin Dahl?": "the operator's chief executive",  # apposition after
        "who is jonas ek": "the chair of the FWU",  # typed in lower case
        "Who is Lind?": "Transport Minister",  # a title before the full name
    }
    for question, description in cases.items():
        result = await _ask(strike, question)
        assert not result.abstained, (question, result.reason)
        assert _highlighted(result) == description, question


def test_who_is_asks_about_a_name_not_a_role_or_a_deed() -> None:
    from retrieval.question import identity_asked

    assert identity_asked("Who is Mette Lund?") == "Mette Lund"
    assert identity_asked("who's bergström") == "bergström"
    assert identity_asked("What is the SCCU?") == "SCCU"
    for question in ("Who is the mayor?", "Who was behind the attack?", "who is responsible",
                     "What is the fine?", "Who is Ana Ruiz's husband?"):
        assert identity_asked(question) is None, question


async def test_a_common_word_is_not_a_person_who_answers(empty_library: ArticleLibrary) -> None:
    # WordNet files "nobody" and "have" (a wealthy person) under person; they answer no "who"
    text = """---
title: Ferry delayed
---
There was nobody at the quay when the ferry docked, the harbour office said.

"We have waited three hours," a passenger said.
"""
    article = await _about(empty_library, text)
    reply = await _ask(article, "Who was waiting at the quay?")
    for answer in reply.answers or reply.closest:
        if answer.highlight:
            assert answer.text[answer.highlight[0]:answer.highlight[1]].lower() not in {
                "nobody", "have"}


async def test_a_time_of_day_the_tagger_missed_answers_what_time(
        empty_library: ArticleLibrary) -> None:
    text = """---
title: Tremor shakes valley
---
The tremor hit at 3:42 local time near the village of Ostra, the seismic office said.

Rescue teams reached the village at sunset.
"""
    article = await _about(empty_library, text)
    reply = await _ask(article, "what time did the tremor hit")
    assert not reply.abstained, reply.reason
    assert _highlighted(reply).startswith("3:42")
    assert await _answer_in(article, "When did rescue teams reach the village?") == "at sunset"


async def test_bundles_read_for_answering_carry_what_references_need(
        empty_library: ArticleLibrary) -> None:
    # at scale the candidates' bundles come from the answer path's own reader: it must bring
    # the entities the references are made of ("the FWU" is the Ferry Workers Union)
    from retrieval.references import referenced_words

    article = (await empty_library.ingest_text(STRIKE)).article
    empty_library._bundle_cache.clear()
    bundle = (await empty_library.bundles([article.id]))[article.id]
    assert bundle.entities_loaded and bundle.entities
    position = next(s.position for s in bundle.sentences if "Jonas Ek" in bundle.text(s))
    assert {"ferry", "workers", "union"} <= referenced_words(bundle, position)


async def test_an_answer_that_names_the_asked_noun_needs_less_of_the_rest(
        library: ArticleLibrary) -> None:
    # nothing in the article says "overflowed"; the answer names a river, as asked (the seed
    # article is in the library too, so that word weights are those of a real library)
    text = """---
title: Floods in the north
---
The Tava river burst its banks before dawn near the town of Holm, officials said.

Schools in the region stayed closed on Monday, and trains between Holm and Vik were cancelled.
"""
    article = await _about(library, text)
    reply = await _ask(article, "Which river overflowed?")
    assert not reply.abstained, reply.reason
    assert "Tava" in _highlighted(reply)


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


async def test_a_question_about_the_future_prefers_the_sentence_that_looks_ahead(
        empty_library: ArticleLibrary) -> None:
    # both sentences name a court and the appeal; only one speaks of what comes next
    text = """---
title: Court upholds fine
---
The District Court of Holm rejected all five grounds of the appeal by the firm Vexa on Thursday.

Vexa said it might appeal again, to the Supreme Court of Holm, next year.
"""
    article = await _about(empty_library, text)
    reply = await _ask(article, "Which court will Vexa appeal to next?")
    assert not reply.abstained, reply.reason
    assert reply.answers[0].text.startswith("Vexa said it might appeal again")


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


async def test_an_announced_payment_answers_what_someone_will_get(
        empty_library: ArticleLibrary) -> None:
    # a decision reported in the past tense ("announced", "ordered") is about what will come
    text = """---
title: Ferry sinks off Vela
---
A ferry sank off the island of Vela on Monday, and 14 passengers drowned.

The regional council announced compensation of 9,000 euros for the family of each victim.

Divers searched the wreck for a second day on Tuesday.
"""
    article = await _about(empty_library, text)
    reply = await _ask(article, "How much money will the victims' families get?")
    assert not reply.abstained, reply.reason
    assert "9,000" in _highlighted(reply)


async def test_a_named_place_is_not_found_in_the_city_it_is_named_after(
        empty_library: ArticleLibrary) -> None:
    # "Vestby Airport" is not mentioned where only the dateline's "VESTBY" is: the opening
    # paragraph gives the storm's total, not the airport's
    text = """---
title: Storm grounds flights
---
VESTBY — A storm grounded 120 flights on Monday, stranding 9,000 passengers, officials said.

Vestby Airport reopened its runway on Tuesday, and its manager Anna Holt said it was calm.

Ferries to the islands stayed in port for a second day.
"""
    article = await _about(empty_library, text)
    stranded = await _ask(article, "How many passengers were stranded at Vestby Airport?")
    assert stranded.abstained, stranded.answers
    assert "Vestby Airport" in (stranded.reason or "")
    reopened = await _ask(article, "When did Vestby Airport reopen its runway?")
    assert not reopened.abstained, reopened.reason


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



def test_which_country_or_town_is_never_a_building() -> None:
    # "the psychotherapy centre" must not answer "which country are the hackers based in"
    for question in ("Which country are the hackers based in?", "In which town did it start?",
                     "What city is the club from?"):
        _, labels = answer_labels_for(question)
        assert labels and "FAC" not in labels, (question, labels)
    _, labels = answer_labels_for("Which hospital treated the injured?")
    assert "FAC" in labels


async def test_what_a_thing_will_be_called_is_the_name_after_called(
        museum: tuple[ArticleLibrary, int]) -> None:
    library = museum[0]  # another article beside it, so that idf means something
    text = """title: Harbour wing
---
The town's new wing will cost 3 million crowns, Mayor Lars Holt said.

The new wing, to be named the Harbour Gallery after the town's fishermen, will open in May.

Builders started work on the new wing in March.
"""
    article = await _about(library, text)
    reply = await _ask(article, "What will the new wing be called?")
    assert not reply.abstained, reply.reason
    assert "Harbour Gallery" in _highlighted(reply)


def test_the_question_word_is_the_first_one() -> None:
    # a later "when", "where" or "who" opens a clause: it does not make the question ask it
    assert answer_labels_for("What was going on with the reactor when it blew up?")[0] is None
    assert answer_labels_for("How did they find out where he was hiding?")[0] is None
    assert answer_labels_for("When did the reactor blow up?")[0] == "when"
    assert answer_labels_for("And where did the fire start?")[0] == "where"
    assert answer_labels_for("To whom did the court send the file?")[0] == "who"
    # "the number of" makes a question count only when it asks what: "why" asks a reason
    assert answer_labels_for("What was the number of dead?")[0] == "how_many"
    assert answer_labels_for("Why do doctors expect the number of cases to rise?")[0] is None


def test_the_subject_of_what_is_no_kind_of_answer() -> None:
    # "what were residents advised to do": residents are who was advised, not the answer;
    # "what is the cause" and "what was the company called" still ask for their noun
    from config.settings import Settings
    from retrieval.nlp import load_pipeline

    nlp = load_pipeline(Settings().spacy_model)
    subject = analyse_question(nlp, "What were residents advised to do?")
    assert subject.focus is None and not subject.answer_labels
    assert analyse_question(nlp, "What are cull workers being given?").focus is None
    assert analyse_question(nlp, "What is the main cause of the fire?").focus == "cause"
    assert analyse_question(nlp, "What alarming discovery did police make?").focus == "discovery"
    named = analyse_question(nlp, "What was the company called?")
    assert named.focus == "company" and "ORG" in named.answer_labels


async def test_an_age_never_answers_when(museum: tuple[ArticleLibrary, int]) -> None:
    library = museum[0]  # another article beside it, so that idf means something
    text = """title: Plant blast
---
Gary Lund, 71, who lives six blocks from the plant, said the explosion shook his house.

Firefighters kept the flames away from two storage tanks, the fire chief said.

The plant reopened in May after repairs.
"""
    article = await _about(library, text)
    reply = await _ask(article, "What time did the explosion shake the house?")
    assert reply.abstained or _highlighted(reply) != "71", reply.answers



async def test_an_abstention_names_the_missing_words_as_the_asker_wrote_them(
        museum: tuple[ArticleLibrary, int]) -> None:
    reply = await _ask(museum, "Why were the dolphins stranded on the beaches?")
    assert reply.abstained
    # the asker's "dolphins" and "stranded", not the index's "dolphin" and "strand"
    assert "“dolphins”" in (reply.reason or "") and "“stranded”" in (reply.reason or ""), reply


async def test_call_with_an_object_is_content_not_framing(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "what is X called" asks for a name, so "call" only frames it; "which union called the
    # strike" asks who did the calling, so "called" weighs as much as any content word
    assert await _weight_of(museum, "What is the new ferry called?", "call") < 0.5
    assert await _weight_of(museum, "Which union called the strike?", "call") == 1.0


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


async def test_which_asks_for_the_head_of_a_noun_compound(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "which police unit" asks for a unit, "which state-owned agency" for an agency: the last
    # noun of the compound, over a hyphenated modifier, not its first word
    library = museum[0]
    assert (await library.analyse("Which police unit is leading the inquiry?")).focus == "unit"
    assert (await library.analyse("Which state-owned agency ran the rescue?")).focus == "agency"
    assert (await library.analyse("Which union called the strike?")).focus == "union"


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


async def test_a_catenative_verb_only_frames_the_verb_after_it(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "how many miners managed to get out" asks about getting out; "who manages the mine"
    # asks about managing
    assert await _weight_of(museum, "How many miners managed to get out?", "manage") < 0.5
    assert await _weight_of(museum, "Who manages the mine?", "manage") == 1.0


async def test_how_long_wants_a_length_of_time(museum: tuple[ArticleLibrary, int]) -> None:
    # a length of time answers "how long" better than a date, and an age never does
    text = ("title: Sprinter banned\n---\n"
            "The athletics federation on Monday banned the sprinter Tom Vale for four years "
            "for doping.\n\n"
            "Vale's ban is backdated to March 3, when he was first suspended.\n\n"
            "Vale will be 30 when the ban ends.\n")
    sentence, highlight = await _answer_about(museum, text, "How long is Vale banned for?")
    assert highlight == "four years", sentence


async def test_what_time_wants_a_time_of_day(museum: tuple[ArticleLibrary, int]) -> None:
    # "what time" is answered by "at about 10:30 a.m.", not by the day around it, and a
    # sentence that gives only a day answers it less
    text = ("title: Mine flooded\n---\n"
            "Rescuers brought 14 miners out of the flooded mine on Thursday.\n\n"
            "Water burst into a gallery at about 10:30 a.m. on Tuesday, flooding the lower "
            "tunnels.\n\n"
            "Pumps were brought in on Wednesday.\n")
    sentence, highlight = await _answer_about(museum, text, "What time did the flooding start?")
    assert "10:30" in highlight, sentence


async def test_where_is_never_answered_by_the_asked_thing_itself(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "where is the mine": "families gathered at the mine" names the mine, not where it is
    text = ("title: Vigil\n---\n"
            "Families gathered at the mine through two cold nights.\n\n"
            "The Tarsk mine lies near the village of Olden, 40 km north of the port.\n")
    sentence, _ = await _answer_about(museum, text, "Where is the mine?")
    assert "Olden" in sentence, sentence


async def test_who_founded_or_owns_needs_a_sentence_that_says_so(
        museum: tuple[ArticleLibrary, int]) -> None:
    # a sentence about the company that says nothing of its founding is no answer to "who
    # founded it" (WordNet's "found" is also "base", as in "based in Oslo")
    library = museum[0]  # another article beside it, so that idf means something
    text = ("title: Fjordlys recall\n---\n"
            "Fjordlys, which is based in Bergen, recalled 40,000 heaters on Monday, chief "
            "executive Kari Dahl said.\n\n"
            "The heaters were sold in Norway and Sweden.\n\n"
            "Its rival Nordvarme was founded in 1998 by the engineer Tor Olsen.\n")
    article = await _about(library, text)
    reply = await _ask(article, "Who founded Fjordlys?")
    assert reply.abstained, reply.answers
    reply = await _ask(article, "Who founded Nordvarme?")
    assert not reply.abstained, reply.reason
    assert "Olsen" in _highlighted(reply), reply.answers[0].text


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


SCHEME = (
    "title: Savings scheme founder on trial\n---\n"
    "KORVA, Lanmark — The founder of a savings club accused of swindling more than 9,000 "
    "families went on trial in Korva on Tuesday.\n\n"
    "Prosecutors say the founder's firm, Golden Reed Holdings, promised savers returns of 8% "
    "a month.\n\n"
    "Police said 23 people were detained outside the court.\n\n"
    "Lanco, the savings club's bank, serves about 60,000 members.\n\n"
    "The court heard that Meri Talvik, 47, the firm's former accountant, had kept two sets "
    "of books.\n\n"
    "Talvik was arrested in March 2024 at the port as she tried to leave the country.\n\n"
    "The Lanmark Savings Authority, which oversees about 4,000 savings clubs, called it the "
    "largest fraud in the country's history.\n\n"
    "The scheme collapsed in January 2024, the authority said.\n\n"
    "The first hearing was held on May 12 in a packed courtroom.\n\n"
    "The next one is scheduled for June 3.\n")


async def test_what_did_someone_call_it_does_not_ask_for_a_person(
        empty_library: ArticleLibrary) -> None:
    # the noun after "what did" is the subject of the question, not the kind of answer
    assert answer_labels_for("what did prosecutors call it")[1] == frozenset()
    assert answer_labels_for("which local hospital treated them")[1]  # "which X" still does
    scheme = await _about(empty_library, SCHEME)
    result = await _ask(scheme, "what did the savings authority call it")
    assert not result.abstained, result.reason
    assert "largest fraud" in result.answers[0].text


async def test_what_a_thing_was_called_is_the_name_beside_it(
        empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    # no "called" or "named" before the name: it stands beside "firm"
    assert await _answer_in(scheme, "what was the firm called") == "Golden Reed Holdings"
    # a name to come is only the one given after "to be called"
    assert (await _ask(scheme, "what will the firm be called")).abstained


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


async def test_chat_shorthand_for_university_and_maximum(empty_library: ArticleLibrary
                                                         ) -> None:
    from retrieval.question import clean_question

    assert clean_question("which uni ran it, whats the max fine") == (
        "which university ran it, what's the maximum fine")
    # a name is a name: "Max" with its capital stays
    assert clean_question("who is Max Berg") == "who is Max Berg"


async def test_a_lower_case_name_does_not_take_the_verb_after_it(
        empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    # spaCy reads "lanco serve" as one name; the article never says that
    question = await empty_library.analyse("how many members does lanco serve")
    assert question.entity_names == ["lanco"]
    assert await _answer_in(scheme, "how many members does lanco serve") == "about 60,000"


async def test_arrested_and_detained_are_the_same_news(empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    assert await _answer_in(scheme, "how many arrests were there") == "23"


async def test_how_old_is_the_person_described_by_their_role(
        empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    # the age follows the name, and the question's "accountant" stands beside them
    assert await _answer_in(scheme, "how old is the accountant who was arrested at the port"
                            ) == "47"


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


async def test_a_phrasal_verb_made_of_common_words_is_a_question_word(
        empty_library: ArticleLibrary) -> None:
    river = await _about(empty_library, (
        "title: River Sava on flood watch\n---\n"
        "About 400 homes along the River Sava were sandbagged on Tuesday.\n\n"
        "The river has risen by 1.8 metres since Sunday, the water agency said.\n\n"
        "The river carries about 900 cubic metres of water a second at this time of year.\n"))
    # "go" and "up" are both too common to be looked up; "go up" is "rise"
    question = await empty_library.analyse("how much has the river gone up")
    assert "go_up" in question.terms
    assert await _answer_in(river, "how much has the river gone up") == "1.8 metres"


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


async def test_able_to_and_stressing_adverbs_only_frame_the_question(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "be able to see" asks when one can see; "actually" only stresses
    assert await _weight_of(museum, "when will people be able to see the galleries",
                            "able") < 1.0
    assert await _weight_of(museum, "how does the museum actually pay for it", "actually") < 1.0
    assert await _weight_of(museum, "when will people be able to see the galleries",
                            "gallery") == 1.0


async def test_a_world_record_question_needs_a_sentence_that_states_a_record(
        museum: tuple[ArticleLibrary, int]) -> None:
    library = museum[0]  # another article beside it, so that idf means something
    tower = await _about(library, (
        "title: Tower opens\n---\n"
        "The new Kestrel Tower in Dorval, 310 metres high, opened on Friday.\n\n"
        "Visitors from around the world queued outside the building for hours.\n"))
    # a building and "the world", but nothing called the tallest: no answer
    result = await _ask(tower, "whats the tallest building in the world")
    assert result.abstained and result.ruled_out, result.answers
    record = await _about(library, (
        "title: Record tower\n---\n"
        "The Vela Spire in Dubai, 828 metres high, is the world's tallest building.\n\n"
        "Visitors from around the world queue at the Vela Spire every day.\n"))
    assert "tallest" in await _best(record, "whats the tallest building in the world")


async def test_which_x_prefers_the_answer_called_x(rules_only: ArticleLibrary) -> None:
    # both sentences name a body; only one of them is called what the question asks for
    ban = await _about(rules_only, (
        "title: Cyclist's doping ban upheld\n---\n"
        "LAUSANNE, Switzerland — A sports court on Monday upheld a four-year doping ban on "
        "the cyclist Marco Feld, who has said he will appeal.\n\n"
        "The rider's samples were tested by the Global Testing Agency (GTA), which runs the "
        "sport's anti-doping programme.\n\n"
        "The panel also heard from Dr. Lina Berg, a pharmacologist at Lund University, who "
        "testified for the rider.\n\n"
        "Feld, 29, won the national title in 2023.\n"))
    assert await _answer_in(ban, "which university does the rider's witness work at") == (
        "Lund University")


async def test_how_many_live_somewhere_needs_a_sentence_that_states_a_population(
        rules_only: ArticleLibrary) -> None:
    # the place and a count of people are there, but that count is not who lives there
    outage = await _news(
        rules_only, "Blackout in Marenca",
        "MARENCA — A fire at a substation cut power across the region on Tuesday, leaving "
        "about 2 million people in Marenca and nearby towns without electricity.",
        "About 4,300 people living near the plant were told to stay indoors.",
        "The grid operator said supplies would be back by Friday.")
    result = await _ask(outage, "How many people live in Marenca?")
    assert result.abstained and result.untyped, result.answers
    census = await _news(
        rules_only, "Floods in Brevik",
        "BREVIK — Floods cut off the river town of Brevik on Monday.",
        "Brevik, a town of about 12,000 people, sits where two rivers meet.",
        "About 300 people were moved to a school.")
    assert "a town of about 12,000 people" in await _best(
        census, "how many people live in brevik")


async def test_how_high_is_a_thing_needs_a_measurement_of_that_dimension(
        rules_only: ArticleLibrary) -> None:
    lake = await _news(
        rules_only, "Glacial lake threatens valley",
        "Authorities ordered the evacuation of 2,300 people below Lake Torva on Thursday.",
        "Lake Torva, which sits at 3,620 metres above sea level, has risen by 2 metres.",
        "The slide struck the upper slopes of Mount Kessel, burying eight people.")
    # an altitude is no depth; a sentence about the mountain with no height is no answer
    deep = await _ask(lake, "how deep is lake torva")
    assert deep.abstained and deep.untyped, deep.answers
    high = await _ask(lake, "How high is Mount Kessel?")
    assert high.abstained and high.untyped, high.answers
    assert "3,620 metres above sea level" in await _best(lake, "how high up is lake torva")


async def test_what_sentence_did_someone_get_needs_a_sentence_given(
        rules_only: ArticleLibrary) -> None:
    trial = await _news(
        rules_only, "Former mayor jailed over road fraud",
        "PLOVDIV, Bulgaria — A court on Tuesday sentenced the former mayor Petar Dimov to six "
        "years in prison for taking bribes over a mountain road that was never finished.",
        "His deputy, Ognyan Vasilev, is being tried separately.",
        "The road was meant to connect three villages.")
    # a sentence about Vasilev and his trial, but no sentence given to him: no answer
    result = await _ask(trial, "what sentence did ognyan vasilev get")
    assert result.abstained and result.untyped, result.answers
    assert "six years in prison" in await _best(trial, "what sentence did petar dimov get")


async def test_a_rate_question_needs_a_sentence_that_gives_a_rate(
        rules_only: ArticleLibrary) -> None:
    port = await _news(
        rules_only, "Dockworkers strike at Harwick",
        "HARWICK — Dockworkers at the port of Harwick walked off the job on Monday.",
        "The port authority said 31 large container ships were waiting off the coast.",
        "The union wants a pay rise of 8 percent.")
    # containers and the port, but no number a year: no answer
    result = await _ask(port, "how many containers does harwick handle a year")
    assert result.abstained and result.untyped, result.answers
    busy = await _news(
        rules_only, "Harwick port traffic",
        "HARWICK — The port of Harwick handled about 8 million containers a year before "
        "the strike.",
        "The union wants a pay rise of 8 percent.")
    assert "8 million containers a year" in await _best(
        busy, "how many containers does harwick handle a year")


async def test_what_is_it_called_needs_a_sentence_that_gives_its_name(
        rules_only: ArticleLibrary) -> None:
    fire = await _news(
        rules_only, "Ferry fire off Brac",
        "SPLIT, Croatia — A fire broke out on a car ferry crossing to the island of Brac on "
        "Saturday.",
        "The ferry, operated by the private company Adria Lines, had left Split at 7:30.",
        "All 210 passengers were rescued.")
    # the ferry and a name, but the operator's: no answer
    result = await _ask(fire, "whats the ferry called")
    assert result.abstained and result.untyped, result.answers
    named = await _news(
        rules_only, "Ferry fire off Hvar",
        "SPLIT, Croatia — A fire broke out on a car ferry crossing to the island of Hvar on "
        "Saturday.",
        "The ferry, named Sveti Duje, had left Split at 7:30.",
        "All 210 passengers were rescued.")
    assert "named Sveti Duje" in await _best(named, "whats the ferry called")


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


async def test_a_room_or_building_named_by_a_common_noun_says_where(
        rules_only: ArticleLibrary) -> None:
    theft = await _news(
        rules_only, "Museum theft",
        "KRAKOW, Poland — Thieves stole three paintings from a museum on Sunday.",
        "The only guard on duty was tied up in a storeroom.",
        "The protesters marched to the governor's residence.")
    assert await _answer_in(theft, "Where was the guard tied up?") == "a storeroom"
    marched = await _ask(theft, "where did the protesters march")
    assert not marched.abstained, marched.reason
    assert "residence" in _highlighted(marched)


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


async def test_what_about_x_asks_what_the_article_says_of_it(rules_only: ArticleLibrary) -> None:
    week = await _news(
        rules_only, "Chile cuts the working week",
        "SANTIAGO, Chile — Chile's Congress approved a law that will cut the working week "
        "from 45 to 40 hours over five years.",
        "Small businesses with fewer than 10 employees will have an extra year to comply.",
        "The Labour Minister said workers would not lose pay.")
    assert "extra year" in await _best(week, "what about small firms")


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


async def test_a_number_in_words_counts_the_noun_after_it(rules_only: ArticleLibrary) -> None:
    zoo = await _news(
        rules_only, "Tiger cubs born at Wroclaw zoo",
        "WROCLAW, Poland — Three tiger cubs have been born at Wroclaw Zoo.",
        "Keepers waited three weeks before announcing the birth.",
        "The zoo is visited by about a million people a year.")
    visitors = await _ask(zoo, "how many visitors does the zoo get")
    assert not visitors.abstained, visitors.reason
    assert "a million" in _highlighted(visitors)


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


async def test_a_body_of_people_at_the_head_of_the_sentence_answers_who(
        rules_only: ArticleLibrary) -> None:
    attack = await _news(
        rules_only, "Hackers shut down hospital computers",
        "BRNO, Czech Republic — A cyberattack forced a hospital to postpone 70 operations.",
        "The hospital treats about 90,000 patients a year.",
        "Police have opened a criminal investigation.")
    assert await _answer_in(attack, "who is investigating") == "Police"


async def test_a_workforce_of_n_counts_employees(rules_only: ArticleLibrary) -> None:
    carmaker = await _news(
        rules_only, "Carmaker posts record profit",
        "STUTTGART, Germany — Carmaker Brenner reported a record profit on Thursday.",
        "Shares rose 6 percent, their biggest gain since March.",
        "Brenner said it had no plans to reduce its workforce of 95,000.")
    assert await _answer_in(carmaker, "how many employees do they have") == "95,000"


async def test_cfo_is_spelled_out_as_news_writes_the_title(rules_only: ArticleLibrary) -> None:
    carmaker = await _news(
        rules_only, "Carmaker posts record profit",
        "STUTTGART, Germany — Carmaker Brenner reported a record profit on Thursday.",
        "Chief financial officer Lukas Hartmann said margins would improve.",
        "Shares rose 6 percent, their biggest gain since March.")
    assert "Lukas Hartmann" in await _best(carmaker, "who is the cfo")


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


async def test_holding_a_record_is_having_set_it(empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    assert "set" in analyse_question(nlp, "who held the record before her").expansions["hold"]
    assert "set" not in analyse_question(nlp, "who held the meeting").expansions.get("hold", {})
    # the pair is said as a whole: "sworn in" stands for "take office", both words
    office = analyse_question(nlp, "when does she take office").expansions
    assert "swear" in office["take"] and "swear" in office["office"]


async def test_how_old_is_she_takes_the_age_of_whom_the_article_is_about(
        rules_only: ArticleLibrary) -> None:
    marathon = await _news(
        rules_only, "Chebet wins Tokyo Marathon in course record",
        "TOKYO, Japan — Kenya's Ruth Chebet won the Tokyo Marathon on Sunday.",
        "Chebet, 27, pulled away from the leading group after about 30 kilometres.",
        "The previous course record was set in 2022.")
    assert await _answer_in(marathon, "how old is she") == "27"


async def test_by_how_much_takes_a_length_of_time(rules_only: ArticleLibrary) -> None:
    marathon = await _news(
        rules_only, "Chebet wins Tokyo Marathon in course record",
        "TOKYO, Japan — Kenya's Ruth Chebet won the Tokyo Marathon on Sunday, breaking the "
        "course record by more than a minute.",
        "About 38,000 runners took part.",
        "She earned 80,000 dollars in prize money.")
    margin = await _ask(marathon, "by how much did she break the record")
    assert not margin.abstained, margin.reason
    assert "minute" in _highlighted(margin)


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


async def test_known_as_gives_the_name_even_in_quotes(rules_only: ArticleLibrary) -> None:
    violin = await _news(
        rules_only, "Police recover stolen Stradivarius violin",
        "MILAN, Italy — Italian police have recovered a Stradivarius violin that was stolen "
        "from a concert hall in Cremona three weeks ago.",
        "The violin, made in 1715 and known as the \"Aurora\", was found in the boot of a car.",
        "An expert from Cremona's violin museum said it was not damaged.")
    assert await _answer_in(violin, "what is the violin called") == "Aurora"


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


async def test_fighting_a_fine_is_appealing_it(rules_only: ArticleLibrary) -> None:
    airline = await _news(
        rules_only, "Airline fined over delays",
        "LISBON, Portugal — Portugal's aviation authority fined budget airline AeroLus 2.4 "
        "million euros on Monday for leaving travellers without food or hotel rooms.",
        "More than 1,900 flights were delayed or cancelled in August.",
        "The airline carried 9 million passengers last year.",
        "AeroLus said it would appeal.")
    assert "appeal" in await _best(airline, "will the airline fight the fine")


async def test_the_third_minister_to_leave_says_how_many_have_left(
        rules_only: ArticleLibrary) -> None:
    resignation = await _news(
        rules_only, "Slovenian health minister resigns",
        "LJUBLJANA, Slovenia — Slovenia's health minister, Tanja Kovač, resigned on Thursday.",
        "Opposition parties had called for her to go for months.",
        "Kovač is the third minister to leave Novak's government since it took office in 2024.")
    assert await _answer_in(resignation, "how many ministers have left") == "third"


async def test_a_month_the_article_never_names_is_not_answered(
        rules_only: ArticleLibrary) -> None:
    airline = await _news(
        rules_only, "Airline fined over delays",
        "LISBON, Portugal — Portugal's aviation authority fined budget airline AeroLus 2.4 "
        "million euros on Monday.",
        "More than 1,900 AeroLus flights were delayed or cancelled between August 1 and "
        "August 31.",
        "The airline was founded in 2014.")
    july = await _ask(airline, "how many flights were cancelled in july")
    assert july.abstained and "July" in (july.reason or "")
    assert "1,900" in _highlighted(await _ask(airline, "how many flights were cancelled in Aug"))
    # "march" the verb is no month
    march = await _ask(airline, "did passengers march on the airport")
    assert "March" not in (march.reason or "")


async def test_how_much_profit_asks_for_a_sum_of_money(empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    assert analyse_question(nlp, "how much profit did they make last year").money
    assert analyse_question(nlp, "how much revenue did the company report").money
    assert not analyse_question(nlp, "how much rain fell").money


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


async def test_a_speaker_is_not_the_person_asked_about(rules_only: ArticleLibrary) -> None:
    violin = await _news(
        rules_only, "Police recover stolen Stradivarius violin",
        "MILAN, Italy — Italian police have recovered a stolen Stradivarius violin and arrested "
        "two men.",
        "A third suspect is still being sought.",
        "Colonel Marco Bellini said officers tracked the suspects through phone records.")
    third = await _ask(violin, "who was the third suspect")
    assert third.abstained, third.answers[0].text if third.answers else None


async def test_the_noun_after_a_name_refers_to_it_later(rules_only: ArticleLibrary) -> None:
    library, article_id = await _news(
        rules_only, "Chilean copper mine to cut 800 jobs",
        "SANTIAGO, Chile — Andes Cobre, the operator of the El Mirador copper mine in northern "
        "Chile, said on Wednesday it would cut about 800 jobs.",
        "El Mirador, which opened in 1998, lies about 90 kilometres east of Antofagasta.")
    bundle = await library.bundle(article_id)
    handles = dict(zip((entity.name for entity in bundle.entities), entity_handles(bundle),
                       strict=True))
    assert "mine" in handles["El Mirador"]  # "the mine" means El Mirador from now on


async def test_who_did_it_prefers_the_sentence_that_names_the_doer_after_by(
        rules_only: ArticleLibrary) -> None:
    road = await _news(
        rules_only, "Vietnam opens expressway section",
        "HANOI, Vietnam — Vietnam on Saturday opened a 98-kilometre section of expressway.",
        "The four-lane road was built in 30 months by a group of state-owned contractors led "
        "by Cienco 4, the Ministry of Transport said.",
        "Engineers built 14 bridges and two tunnels along the road.")
    assert "Cienco 4" in await _best(road, "who built the road")


async def test_a_title_that_is_another_name_for_the_asked_noun_names_it(
        rules_only: ArticleLibrary) -> None:
    trial = await _news(
        rules_only, "Lagos court jails former bank chief",
        "LAGOS, Nigeria — A Lagos court on Thursday jailed the former chief executive of "
        "Crestline Bank, Adebayo Ogunleye, for 12 years.",
        "Justice Folake Adeyemi of the Federal High Court found Ogunleye guilty of fraud.",
        "The judge said the case had taken four years.")
    # "Justice" is another word for a judge
    assert await _answer_in(trial, "who is the judge") == "Folake Adeyemi"


async def test_whos_the_asks_for_the_name_beside_the_role_as_who_is_the_does(
        rules_only: ArticleLibrary) -> None:
    metro = await _news(
        rules_only, "Bogotá opens its first metro line",
        "BOGOTÁ, Colombia — Colombia's capital opened the first line of its metro on Saturday.",
        "Mayor Andrés Felipe Quintero, 48, rode the opening service with the transport "
        "minister.",
        '"For generations, people in the south of Bogotá have spent four hours a day on buses," '
        "Quintero said.")
    # "who's" is "who is" as typed in chat: the mayor is named where he is called mayor, not
    # where he only speaks about Bogotá
    for question in ("who's the mayor of bogota", "whos the mayor of bogota"):
        reply = await _ask(metro, question)
        assert not reply.abstained, reply.reason
        assert reply.answers[0].text.startswith("Mayor Andrés Felipe Quintero"), question


async def test_a_kind_of_the_asked_noun_built_on_its_name_names_it(
        rules_only: ArticleLibrary) -> None:
    slide = await _news(
        rules_only, "Landslide buries houses in West Java",
        "SUMEDANG, Indonesia — A landslide buried at least 23 houses in a village in West Java "
        "on Tuesday.",
        '"The mud came down in a few seconds," said Rina Kusumawardani, a spokeswoman for the '
        "National Disaster Management Agency (BNPB).",
        "Dedi Supriatna, who heads the agency's Bandung office, said teams were digging with "
        "shovels.")
    # a spokeswoman is a spokesperson (WordNet: a kind of it whose name is built on it)
    assert await _answer_in(slide, "who is the spokesperson for BNPB") == "Rina Kusumawardani"


async def test_a_role_typed_in_lower_case_is_the_asked_noun_though_spacy_tags_it_a_verb(
        rules_only: ArticleLibrary) -> None:
    park = await _news(
        rules_only, "Namibia counts its black rhinos",
        "WINDHOEK, Namibia — Namibia's black rhino population has grown for a third year.",
        '"Dehorning does not make a rhino worthless to a poacher," said Petrus Kaulinge, 49, '
        "Etosha's chief park warden.",
        "The ministry recorded 19 rhinos poached inside Etosha in 2025.")
    # spaCy reads "warden" as a participle; the role asked is the warden, not a "head"
    assert await _answer_in(park, "who is the head warden at etosha") == "Petrus Kaulinge"


async def test_whom_the_asked_noun_acts_on_is_not_its_name(rules_only: ArticleLibrary) -> None:
    trial = await _news(
        rules_only, "Lagos court jails former bank chief",
        "LAGOS, Nigeria — A Lagos court on Thursday jailed a former bank chief for 12 years.",
        "The judge ordered Adebayo Ogunleye to pay back 9 billion naira.",
        "His lawyer, Chinedu Eze, said his client would appeal.")
    reply = await _ask(trial, "who is the judge")  # the judge is never named
    assert reply.abstained or "Ogunleye" not in _highlighted(reply), reply.answers[0].text


async def test_a_raise_may_be_a_percentage(rules_only: ArticleLibrary) -> None:
    deal = await _news(
        rules_only, "Quebec teachers end strike",
        "MONTREAL — Teachers in Quebec will return to classrooms on Monday after a 22-day "
        "strike.",
        "The unions said the agreement would give their members a raise of 17.4 percent over "
        "five years.",
        "The strike cost the province about 300 million dollars.")
    assert await _answer_in(deal, "how much of a raise did they get") == "17.4 percent"


async def test_the_union_leader_is_its_president(rules_only: ArticleLibrary) -> None:
    deal = await _news(
        rules_only, "Quebec teachers end strike",
        "MONTREAL — Teachers in Quebec will return to classrooms on Monday after a 22-day "
        "strike.",
        "Union president Josée Scalabrini said she would recommend the deal.",
        "Premier François Legault apologised to parents.")
    # "X leader" like "leader of X"
    assert await _answer_in(deal, "who is the union leader") == "Josée Scalabrini"


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


async def test_jobs_are_counted_in_people(rules_only: ArticleLibrary) -> None:
    plant = await _news(
        rules_only, "Carmaker to close Valencia plant",
        "VALENCIA, Spain — The carmaker said on Monday it would close its Valencia plant next "
        "year.",
        "About 1,200 people could lose their jobs, the union said.",
        "The plant opened in 1976.")
    # a job is a person's
    assert await _answer_in(plant, "how many jobs are at risk") == "About 1,200"


async def test_a_shop_was_founded_when_it_opened(rules_only: ArticleLibrary) -> None:
    robbery = await _news(
        rules_only, "Gang steals watches from Geneva shop",
        "GENEVA — Four masked men smashed their way into a watch shop on Saturday.",
        "The shop's owner, Claudine Perrin, whose grandfather opened the business in 1931, said "
        "the watches were rare.",
        "Police arrested a 28-year-old man on Monday.")
    assert await _answer_in(robbery, "when was the shop founded") == "1931"


async def test_a_number_a_total_rose_to_counts_it(rules_only: ArticleLibrary) -> None:
    asylum = await _news(
        rules_only, "Dutch coalition collapses over asylum plan",
        "THE HAGUE — The Dutch government collapsed on Friday over a plan to limit asylum.",
        "Asylum applications in the Netherlands rose by a third last year to more than 46,000, "
        "and hundreds of people had to sleep outside.",
        "The cabinet will stay on until a new government is formed.")
    assert await _answer_in(asylum, "how many asylum applications were there") == "more than 46,000"


async def test_a_country_that_does_it_answers_who(rules_only: ArticleLibrary) -> None:
    final = await _news(
        rules_only, "Morocco win Africa Cup of Nations",
        "RABAT, Morocco — Morocco won the Africa Cup of Nations on Sunday, beating Senegal "
        "4-2 on penalties after a 1-1 draw.",
        "Thousands of people celebrated in the streets of Rabat until dawn.",
        "Morocco will also co-host the 2030 World Cup with Spain and Portugal.")
    reply = await _ask(final, "who will host the world cup")
    assert not reply.abstained, reply.reason
    assert reply.answers[0].text.startswith("Morocco will also co-host")


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


async def test_where_is_the_thing_prefers_the_place_it_stands_in(
        rules_only: ArticleLibrary) -> None:
    robbery = await _news(
        rules_only, "Gang steals watches from Geneva shop",
        "GENEVA — Four masked men armed with axes smashed their way into a luxury watch shop "
        "on Geneva's Rue du Rhône on Saturday afternoon and escaped with watches worth about "
        "3 million Swiss francs.",
        "The shop's owner said the watches were made in the Vallée de Joux.",
        "Police arrested a 28-year-old man on Monday.")
    # where the shop is, not the watches
    assert await _answer_in(robbery, "where was the shop") == "Rue du Rhône"


async def test_a_count_after_the_verb_of_what_happened_counts_the_event(
        rules_only: ArticleLibrary) -> None:
    landslide = await _news(
        rules_only, "Landslide buries homes in Colombian town",
        "MEDELLÍN, Colombia — A landslide buried at least 30 homes in the mountain town of "
        "Salgar early on Tuesday, killing 14 people and leaving dozens missing, the regional "
        "governor said.",
        "About 400 people were taken to a shelter, where a woman died of a heart attack.")
    assert await _answer_in(landslide, "how many people died") == "14"  # "killing 14 people"



async def test_he_or_she_answers_who_through_the_sentence_before(
        rules_only: ArticleLibrary) -> None:
    landslide = await _news(
        rules_only, "Landslide buries homes in Colombian town",
        "MEDELLÍN, Colombia — A landslide buried at least 30 homes in the town of Salgar on "
        "Tuesday.",
        "President Gustavo Petro said he would travel to Salgar on Wednesday. He blamed the "
        "disaster on the clearing of forests on the hillsides for cattle ranching.")
    reply = await _ask(landslide, "who blamed the forest clearing")
    assert not reply.abstained, reply.reason
    assert reply.answers[0].text.startswith("He blamed")
    assert reply.answers[0].refers_to == "Gustavo Petro"  # said beside the quoted sentence


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



async def test_a_driver_is_a_person_whose_age_is_asked(rules_only: ArticleLibrary) -> None:
    crash = await _news(
        rules_only, "Bus plunges into ravine in Peru",
        "LIMA, Peru — A bus carrying 48 passengers plunged into a ravine in southern Peru on "
        "Monday, killing at least 24 people.",
        "Police said the driver, Julio Mamani, 41, may have fallen asleep.")
    # WordNet files a driver as operator
    assert await _answer_in(crash, "how old was the driver") == "41"



async def test_where_people_are_staying_is_a_roof(rules_only: ArticleLibrary) -> None:
    blast = await _news(
        rules_only, "Chemical plant blast in Iowa",
        "KEOKUK, Iowa — An explosion at a chemical plant in Keokuk killed two workers on "
        "Tuesday, and about 2,000 people who live nearby fled their homes.",
        "Officials told people to stay away from the river, where the smoke was thickest.",
        "About 600 people who fled spent the night at a shelter in the gymnasium of Keokuk High "
        "School.")
    reply = await _ask(blast, "where are the people who fled staying")
    assert not reply.abstained, reply.reason
    assert "gymnasium" in reply.answers[0].text  # a roof, not where they were told to avoid
    # "stay" is met by the roof words, below a synonym's weight (not a spelling of "stay")
    nlp = await rules_only.nlp()
    staying = analyse_question(nlp, "where are the evacuees staying")
    assert 0 < staying.expansions["stay"]["shelter"] < 0.8
    assert "shelter" not in staying.spellings
    assert "shelter" not in analyse_question(nlp, "when did they stay").expansions.get("stay", {})


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


async def test_where_a_thing_is_may_be_a_part_of_a_place(rules_only: ArticleLibrary) -> None:
    festival = await _news(
        rules_only, "Storm cuts short lakeside festival",
        "BUDAPEST — Organisers cancelled the last two days of the Sound Waves music festival "
        "in western Hungary on Saturday after a storm tore down its main stage.",
        "The storm hit the festival grounds on the southern shore of Lake Balaton late on "
        "Friday.")
    # "on the southern shore of" places the festival as "on" would
    assert await _answer_in(festival, "where was the festival") == "Lake Balaton"


async def test_where_a_thing_is_is_not_where_people_come_from_or_go(
        rules_only: ArticleLibrary) -> None:
    festival = await _news(
        rules_only, "Storm cuts short music festival",
        "SIÓFOK, Hungary — Organisers cancelled the last two days of the Sound Waves music "
        "festival on Saturday after a storm tore down its main stage.",
        "The festival, first held in 2009, draws visitors from across Europe.",
        "Extra trains to Budapest took festival-goers home on Saturday.")
    # the places visitors come from and trains go to do not say where the festival is
    assert await _answer_in(festival, "where was the festival") in {"SIÓFOK", "Hungary"}
    # unless that is what is asked
    assert await _answer_in(festival, "where do the visitors come from") == "Europe"


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


async def test_a_refund_is_money_back(rules_only: ArticleLibrary) -> None:
    festival = await _news(
        rules_only, "Storm cuts short lakeside festival",
        "SIÓFOK, Hungary — Organisers cancelled the last two days of the Sound Waves music "
        "festival on Saturday after a storm tore down its main stage.",
        "Festival director Gábor Horváth said the site was no longer safe.",
        "Ticket holders will get their money back within 30 days, he said.")
    assert "money back" in await _best(festival, "will people get a refund")


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


async def test_how_long_prefers_the_length_of_the_asked_thing(
        empty_library: ArticleLibrary) -> None:
    # (with the sentence model, which prefers the sentences that speak of trials and strikes)
    strike = await _news(
        empty_library, "Chilean miners end strike at copper mine",
        "SANTIAGO — Workers at Escondida, the world's largest copper mine, voted on Thursday to "
        "end a 19-day strike after the owner agreed to a pay rise.",
        "The strike cut output at the mine by about a third and pushed copper prices to a "
        "two-year high last week.")
    assert await _answer_in(strike, "how long did the strike last") == "19-day"
    potato = await _news(
        empty_library, "Dutch researchers grow blight-resistant potato",
        "WAGENINGEN, Netherlands — Researchers at Wageningen University have bred a potato that "
        "resists every known strain of late blight, they said on Wednesday, after five years "
        "of field trials in the Netherlands and Kenya.",
        "In the trials, the new plants needed no spraying at all, while plots of the popular "
        "Bintje variety next to them were destroyed within three weeks.")
    assert await _answer_in(potato, "how long were the trials") == "five years"


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


async def test_what_something_sold_for_is_a_sum(rules_only: ArticleLibrary) -> None:
    sale = await _news(
        rules_only, "Government sells airline stake",
        "NAIROBI — The government on Tuesday sold a 40 percent stake in Kenya Airways, which "
        "it bought in 1996.",
        "The buyer will pay 310 million dollars for the stake over two years.")
    assert await _answer_in(sale, "how much was the stake sold for") == "310 million dollars"


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


async def test_when_it_starts_is_the_date_it_runs_from(empty_library: ArticleLibrary) -> None:
    ban = await _news(
        empty_library, "Ghent bans private cars from its medieval centre",
        "GHENT, Belgium — Private cars will be banned from the medieval centre of Ghent from "
        "March 1, the city council decided late on Tuesday, extending a traffic plan that "
        "already keeps through-traffic out of the old town.",
        "The shopkeepers' association said it would challenge the decision in court.",
        "Its chairwoman, Ann De Smet, said sales had fallen by a fifth after the 2017 traffic "
        "plan.",
        "The city says visitor numbers rose after the 2017 plan and that its own survey found "
        "two thirds of residents in favour of the ban.")
    assert await _answer_in(ban, "when does the ban start") == "March 1"


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


async def test_how_much_notice_is_a_length_of_time(rules_only: ArticleLibrary) -> None:
    market = await _news(
        rules_only, "Lagos demolishes market stalls",
        "LAGOS, Nigeria — Bulldozers tore down about 600 market stalls along the lagoon on "
        "Monday.",
        "Traders said they had been given only 48 hours' notice.")
    assert await _answer_in(market, "how much notice were they given") == "48 hours'"


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


async def test_where_someone_works_and_where_a_study_appeared_may_be_a_body(
        rules_only: ArticleLibrary) -> None:
    fraud = await _news(
        rules_only, "Durban water official guilty of tender fraud",
        "DURBAN, South Africa — A former senior water official in the eThekwini municipality "
        "was found guilty on Thursday of fraud and corruption.",
        "Most of the repair work was later subcontracted to other firms at roughly half the "
        "contract price, prosecutors said.",
        "The conviction carries a minimum sentence of 15 years in prison under South Africa's "
        "anti-corruption law.",
        "Mthembu, 54, worked for the Department of Water and Sanitation from 2017 to 2022.")
    # where someone works may be a body
    assert "Department of Water and Sanitation" in await _answer_in(
        fraud, "where did mthembu work")
    # "how much jail time" asks for a length of time
    assert await _answer_in(fraud, "how much jail time is he facing") == "15 years"


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


async def test_a_time_from_now_says_when(rules_only: ArticleLibrary) -> None:
    satellite = await _news(
        rules_only, "Vietnam launches observation satellite",
        "HANOI — Vietnam on Thursday launched its most advanced satellite, an Earth observation "
        "craft.",
        "The first images are expected within three weeks, once the camera has been "
        "calibrated.")
    # a length of time from now says when
    assert await _answer_in(satellite, "when will we see pictures") == "three weeks"


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


async def test_how_expensive_asks_for_a_price(empty_library: ArticleLibrary) -> None:
    cocoa = await _news(
        empty_library, "Chocolate maker shuts its factory",
        '"Cocoa has got far more expensive: prices have risen by 300 percent in three years,"'
        " the chief executive said.",
        "The company blamed the closure on the cost of cocoa beans, which reached a record of "
        "more than $12,000 per tonne in late 2024.")
    # a price answers "how expensive", not "risen by 300 percent"
    assert "$12,000" in await _answer_in(cocoa, "how expensive did cocoa get")


async def test_a_title_before_a_name_goes_with_the_surname_later(
        empty_library: ArticleLibrary) -> None:
    village = await _news(
        empty_library, "Alpine village votes for a visitor fee",
        "HALLSTEIN, Austria — The village of Hallstein will charge day visitors a 10-euro fee "
        "from June 1.",
        "Mayor Franz Gaisbach said the fee would raise about 2 million euros a year.",
        "Shop owners were divided over the plan.",
        '"A village of 750 people cannot be a theme park for a million visitors," Gaisbach '
        "said.",
        "The council was advised by the Minister of Tourism, Anna Kofler, who backed the fee.",
        '"Other villages will follow," Kofler said.')
    # "Mayor Franz Gaisbach": a later "Gaisbach said" is the mayor speaking
    assert "theme park" in await _best(village, "what did the mayor say")
    # "the Minister of Tourism, Anna Kofler": her later words are the minister's
    assert "will follow" in await _best(village, "what did the minister say")


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


async def test_a_body_named_by_a_common_noun_anywhere_answers_who(
        empty_library: ArticleLibrary) -> None:
    buyout = await _news(
        empty_library, "Flood buyouts run two years late",
        "The council has bought 1,130 of the 1,770 flooded homes so far.",
        "The buyout scheme is jointly funded by the council and the central government.",
        "Owners who accept an offer would be paid within 60 working days.")
    # nobody is named: "the central government" pays, late in the sentence
    assert "jointly funded" in await _best(buyout, "who pays for the buyouts")


async def test_a_kind_of_people_answers_who(empty_library: ArticleLibrary) -> None:
    fares = await _news(
        empty_library, "Metro fare goes up",
        "The city council approved a 40 percent rise in the metro fare on Tuesday.",
        "The old discount will still apply to elderly people.")
    assert "elderly people" in await _best(fares, "who still gets the discount")


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


async def test_a_deal_that_commits_a_buyer_looks_ahead(empty_library: ArticleLibrary) -> None:
    deal = await _news(
        empty_library, "Miners sign a deal",
        "A cooperative of small-scale miners signed a three-year deal on Monday.",
        "The agreement commits Osaka-based Mizuiro Jewels to buy at least 2,400 kilograms of "
        "rough stone a year.")
    result = await _ask(deal, "how much stone will they buy each year")
    assert not result.abstained, result.reason


async def test_a_name_shortened_by_its_middle_words_is_mentioned(
        empty_library: ArticleLibrary) -> None:
    monastery = await _news(
        empty_library, "Monastery restored",
        "The restoration cost about $1.4 million.",
        "The European Heritage Rescue Fund contributed a grant of 300,000 euros.")
    result = await _ask(monastery, "how much did the european fund give")
    assert not result.abstained, result.reason
    assert "300,000 euros" in result.answers[0].text


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


def test_traced_to_gives_a_cause() -> None:
    assert gives_a_reason("Investigators traced many of the early infections to a village "
                          "water tank.")
    assert gives_a_reason("The outbreak stemmed from a broken pipe.")
    assert not gives_a_reason("He traced his finger along the map.")


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


async def test_where_something_is_going_follows_to(empty_library: ArticleLibrary) -> None:
    oxygen = await _news(
        empty_library, "Oxygen plant opens",
        "FREETOWN — The country opened its largest medical oxygen plant on Tuesday.",
        "Cylinders will be delivered by a fleet of nine trucks, with the first deliveries to "
        "Bo, Kenema and Makeni scheduled for next week.")
    assert await _answer_in(oxygen, "where are the first deliveries going") == (
        "Bo, Kenema and Makeni")


async def test_part_of_a_group_the_counted_noun_says(empty_library: ArticleLibrary) -> None:
    buyout = await _news(
        empty_library, "Flood buyouts run late",
        "The council has bought 1,130 of the 1,770 flooded homes so far.",
        "About 210 of the unfinished cases involve owners who have rejected the council's "
        "valuation.")
    assert await _answer_in(buyout, "how many owners have rejected the valuation") == "About 210"
