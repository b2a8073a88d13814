"""Which name answers "who", "which X" and "what is it called" (``retrieval.answer_type``):
the name next to the asked role or noun, what the article says someone is, a body or a kind of
people, and not a common word, a speaker or the person the role acts on."""

from __future__ import annotations

from retrieval.scope import Scope
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


async def test_an_adjective_is_not_a_person(museum: tuple[ArticleLibrary, int]) -> None:
    # "a great success": "great" is also a WordNet noun for a person, but not here
    result = await _ask(museum, "Who ran the new café in its first week?")
    assert result.abstained


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


async def test_what_a_thing_was_called_is_the_name_beside_it(
        empty_library: ArticleLibrary) -> None:
    scheme = await _about(empty_library, SCHEME)
    # no "called" or "named" before the name: it stands beside "firm"
    assert await _answer_in(scheme, "what was the firm called") == "Golden Reed Holdings"
    # a name to come is only the one given after "to be called"
    assert (await _ask(scheme, "what will the firm be called")).abstained


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


async def test_a_body_of_people_at_the_head_of_the_sentence_answers_who(
        rules_only: ArticleLibrary) -> None:
    attack = await _news(
        rules_only, "Hackers shut down hospital computers",
        "BRNO, Czech Republic — A cyberattack forced a hospital to postpone 70 operations.",
        "The hospital treats about 90,000 patients a year.",
        "Police have opened a criminal investigation.")
    assert await _answer_in(attack, "who is investigating") == "Police"


async def test_known_as_gives_the_name_even_in_quotes(rules_only: ArticleLibrary) -> None:
    violin = await _news(
        rules_only, "Police recover stolen Stradivarius violin",
        "MILAN, Italy — Italian police have recovered a Stradivarius violin that was stolen "
        "from a concert hall in Cremona three weeks ago.",
        "The violin, made in 1715 and known as the \"Aurora\", was found in the boot of a car.",
        "An expert from Cremona's violin museum said it was not damaged.")
    assert await _answer_in(violin, "what is the violin called") == "Aurora"


async def test_a_speaker_is_not_the_person_asked_about(rules_only: ArticleLibrary) -> None:
    violin = await _news(
        rules_only, "Police recover stolen Stradivarius violin",
        "MILAN, Italy — Italian police have recovered a stolen Stradivarius violin and arrested "
        "two men.",
        "A third suspect is still being sought.",
        "Colonel Marco Bellini said officers tracked the suspects through phone records.")
    third = await _ask(violin, "who was the third suspect")
    assert third.abstained, third.answers[0].text if third.answers else None


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


async def test_who_is_the_role_prefers_the_person_the_role_is_set_off_after(
        empty_library: ArticleLibrary) -> None:
    fraud = await _news(
        empty_library, "Bordeaux merchants charged over fake grand cru",
        "BORDEAUX, France — Police raided a wine merchant near Bordeaux on Tuesday over "
        "table wine sold as grand cru.",
        '"This is not a few barrels topped up in a cellar. It is an industrial operation that '
        'deceived buyers on three continents," said Frédéric Lamarque, the public prosecutor '
        "of Bordeaux, at a news conference at the city's courthouse.",
        "A national appellations body said it would join the case as a civil party.")
    # the quotation's first sentence speaks of the case; the name the role is set off after
    # answers
    reply = await _ask(fraud, "who is the prosecutor on the case")
    assert not reply.abstained, reply.reason
    assert _highlighted(reply) == "Frédéric Lamarque"


async def test_who_is_a_name_is_answered_by_a_role_without_an_article_after_an_age(
        empty_library: ArticleLibrary) -> None:
    # wire copy drops the article before a role ("Lea Vogt, 17, co-founder of ...") and a
    # later sentence naming her does not say who she is
    text = """---
title: Voters reject lower voting age
---
Voters in the canton rejected the proposal on Sunday, with 58 percent against.

"We will be back," said Lea Vogt, 17, co-founder of the youth campaign Vote Sixteen.

Vogt said campaigners would now push for a vote at city level instead.

The city council will debate the idea in March, a spokesman for the mayor said.
"""
    article = await _about(empty_library, text)
    reply = await _ask(article, "Who is Lea Vogt?")
    assert not reply.abstained, reply.reason
    assert _highlighted(reply) == "co-founder of the youth campaign Vote Sixteen"
    # a lower-case word that is no kind of person describes nothing
    text = """---
title: Harbour reopens
---
The harbour reopened on Monday, said Ivo Rask, adding that ferries would run hourly.

Rask has worked at the port for twenty years, the company said.
"""
    article = await _about(empty_library, text)
    reply = await _ask(article, "Who is Ivo Rask?")
    for answer in reply.answers or reply.closest:
        if answer.highlight:
            assert "adding" not in answer.text[answer.highlight[0]:answer.highlight[1]]



async def test_who_is_a_places_role_is_the_person_called_by_the_role(
        empty_library: ArticleLibrary) -> None:
    # "who is Harlow's mayor": the role after an owner's name is what is asked, and a person
    # holds it — not the company in the sentence that names the town
    drought = await _news(
        empty_library, "Tap water limited to four days a week as reservoirs run low",
        "HARLOW, England — The town will supply tap water for only four days a week from "
        "Monday after a dry winter left its reservoirs a quarter full.",
        "Brennan Breweries said it had cut production at its Harlow plant by a third.",
        "The mayor's office said the cuts would last until the autumn.",
        "Residents were asked to report leaks to the mayor's office.",
        '"We are not doing this lightly," said Mayor Edith Brannigan.')
    assert await _answer_in(drought, "Who is Harlow's mayor?") == "Edith Brannigan"


async def test_a_deputy_does_not_hold_the_role_asked_about(
        empty_library: ArticleLibrary) -> None:
    council = await _news(
        empty_library, "Council approves budget",
        "HARLOW, England — The town council approved a budget of 90 million pounds on "
        "Tuesday.",
        "Deputy Mayor Tom Quill backed it.",
        "Mayor Edith Brannigan said the council had made hard choices to protect libraries "
        "and buses.")
    assert await _answer_in(council, "who is the mayor") == "Edith Brannigan"



async def test_a_role_named_in_another_countrys_article_does_not_answer_whose_it_is(
        empty_library: ArticleLibrary) -> None:
    # asked of the whole library: "Prime Minister X" in an article about another country is
    # no answer to "who is Norway's prime minister", though the role is word for word
    await _news(
        empty_library, "Tonga's prime minister survives no-confidence vote",
        "NUKU'ALOFA, Tonga — Tonga's Prime Minister Viliami Taufa survived a motion of no "
        "confidence in parliament on Thursday.",
        "Taufa said his government would now turn to the budget.")
    await _news(
        empty_library, "Norway tightens border checks after attacks",
        "OSLO, Norway — Norway tightened checks at its borders on Tuesday.",
        "Police chiefs said police would stay on the streets, after meeting "
        "Norwegian Premier Carl Mikkelsen.")
    reply = await empty_library.ask("Who is Norway's prime minister?", Scope.all())
    assert not reply.abstained, reply.reason
    assert "Carl Mikkelsen" in reply.answers[0].text, reply.answers
