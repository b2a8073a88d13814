"""Which span answers "where", "when", "what time" and "how long" (``retrieval.answer_type``):
the place a thing is in, a date or a clock time, a length of time, each and not some other
place or time the sentence gives."""

from __future__ import annotations

from retrieval.question import analyse_question
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import (
    MINE,
    _about,
    _answer_about,
    _answer_in,
    _ask,
    _highlighted,
    _news,
)


async def test_what_time_prefers_a_clock_time(empty_library: ArticleLibrary) -> None:
    mine = await _about(empty_library, MINE)
    # "on Monday morning" is when more of it came down, not a time of day; the clock answers
    assert await _answer_in(mine, "what time did the roof come down") == "about 11:20 p.m."


async def test_what_time_takes_the_clock_time_spacy_cut_from_the_morning(
        empty_library: ArticleLibrary) -> None:
    lock = await _about(empty_library, (
        "title: Ship hits lock gate\n---\n"
        "A cargo ship struck a lock gate at about 4:40 in the morning as it entered the "
        "canal.\n\n"
        "The canal will stay closed for three weeks.\n"))
    assert await _answer_in(lock, "what time did the crash happen") == "4:40"


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


async def test_the_dateline_is_not_where_the_story_happened(
        empty_library: ArticleLibrary) -> None:
    result = await empty_library.ingest_text(
        "title: Ship aground\n---\nKALMAR, Sweden — A cargo ship ran aground in fog off the "
        "island of Öland on Sunday, the coastguard said.\n\nNobody was hurt, and tugs freed the "
        "ship on Monday.\n")
    answer = await empty_library.ask("Where did the cargo ship run aground?", Scope.all(),
                                     article_id=result.article.id)
    assert _highlighted(answer) == "Öland"


async def test_a_year_read_as_a_number_answers_how_long(empty_library: ArticleLibrary) -> None:
    # spaCy tags "at least 2029" after "until" as a number; it is a point in time
    article = await _news(empty_library, "Lunar orbiter finds ice",
        "A European spacecraft orbiting the Moon has found evidence of ice in three craters.",
        "The orbiter has enough fuel to keep operating until at least 2029, its team said.")
    assert "2029" in await _answer_in(article, "How long can the orbiter continue working?")


async def test_a_length_of_time_does_not_answer_when(factory: tuple[ArticleLibrary, int]) -> None:
    assert await _answer_in(factory, "When did the fire start?") == "Tuesday"
    assert (await _ask(factory, "When was the wiring last checked?")).abstained


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


async def test_a_building_above_below_or_along_something_says_where(
        rules_only: ArticleLibrary) -> None:
    # prepositions of place beyond "in" and "at" place a thing too
    outbreak = await _news(
        rules_only, "Hepatitis outbreak traced",
        "SAN MARCOS, Guatemala — Health officials traced a hepatitis outbreak on Monday.",
        "A cracked pipe ran above the village's old pumping station, inspectors said.",
        "Traders set up their stalls beneath the town's main bridge every morning.")
    assert "pumping station" in await _answer_in(outbreak, "where was the cracked pipe")
    assert "bridge" in await _answer_in(outbreak, "where do traders set up their stalls")


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


async def test_how_much_notice_is_a_length_of_time(rules_only: ArticleLibrary) -> None:
    market = await _news(
        rules_only, "Lagos demolishes market stalls",
        "LAGOS, Nigeria — Bulldozers tore down about 600 market stalls along the lagoon on "
        "Monday.",
        "Traders said they had been given only 48 hours' notice.")
    assert await _answer_in(market, "how much notice were they given") == "48 hours'"


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


async def test_a_time_from_now_says_when(rules_only: ArticleLibrary) -> None:
    satellite = await _news(
        rules_only, "Vietnam launches observation satellite",
        "HANOI — Vietnam on Thursday launched its most advanced satellite, an Earth observation "
        "craft.",
        "The first images are expected within three weeks, once the camera has been "
        "calibrated.")
    # a length of time from now says when
    assert await _answer_in(satellite, "when will we see pictures") == "three weeks"


async def test_a_time_after_now_says_when(empty_library: ArticleLibrary) -> None:
    fines = await _news(
        empty_library, "Kyoto to fine tourists in Gion's private lanes",
        "KYOTO, Japan — Kyoto's city assembly on Thursday approved an ordinance that will let "
        "the city fine tourists who enter private lanes in Gion.",
        "The rules take effect on April 1, in time for the cherry blossom season, when the "
        "historic districts draw their biggest crowds of the year.",
        "Under the new rules, 60 wardens will patrol the two districts.",
        "The city plans to review the rules after one year.")
    # "after one year" is a time from now, as "within three weeks" is
    assert await _answer_in(fines, "when will they review the rules") == "one year"
    # but not for what happened: "when did they review the rules" is not answered by it
    assert (await _ask(fines, "when did they review the rules")).abstained
