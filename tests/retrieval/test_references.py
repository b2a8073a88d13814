"""Whom a sentence refers to beyond the words it spells out (``retrieval.references``,
``retrieval.sentence_context``): a description, an acronym or a surname for a name the article
gave before, a pronoun for the person of the sentence before, a quotation's speaker."""

from __future__ import annotations

from retrieval.analysis import SentenceRecord, _spread_known_names
from retrieval.entities import Entity
from retrieval.references import entity_handles
from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import FERRY, STRIKE, _about, _answer_in, _ask, _best, _news


async def test_a_person_may_be_named_a_few_sentences_before_the_pronoun(
        museum: tuple[ArticleLibrary, int]) -> None:
    answer = await _best(museum, "What did Berg say about Thursdays?")
    assert answer.startswith("She said the museum would stay open late on Thursdays")


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


async def test_a_sentence_naming_an_entity_speaks_of_its_description(
        empty_library: ArticleLibrary) -> None:
    # "the company" is how the article introduced Kvarner Lines: a sentence naming it speaks
    # of the company too, in the question's word ("how many ferries does the company run")
    assert "company" in await _references_of(empty_library, FERRY, "Kvarner Lines, which")
    ferry = await _about(empty_library, FERRY)
    assert await _answer_in(ferry, "How many ferries does the company run?") == "eight"


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


async def test_a_deputy_is_not_the_office_holder(empty_library: ArticleLibrary) -> None:
    vote = await _news(
        empty_library, "Nakuru assembly votes to impeach its governor",
        "NAKURU, Kenya — The county assembly voted on Wednesday to impeach Governor Joseph "
        "Karanja over missing hospital funds.",
        "If the Senate upholds a charge, Deputy Governor Esther Owino will be sworn in.",
        "The vote was held in a packed chamber.")
    library, article_id = vote
    bundle = await library.bundle(article_id)
    handles = {entity.name: handle for entity, handle in zip(
        bundle.entities, entity_handles(bundle), strict=True)}
    # "Deputy Governor Esther Owino" is not "the governor": the title stays Karanja's alone
    assert "governor" in handles["Joseph Karanja"]
    assert "governor" not in handles["Esther Owino"]
