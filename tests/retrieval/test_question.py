"""Reading a question for the answer rules (``retrieval.question``, ``answers.term_weights``):
its wh-word and answer labels, the noun it asks about, what it counts, the names it mentions,
chat shorthand, a request for a summary, and the words that only frame it."""

from __future__ import annotations

from retrieval.question import SEARCH_RELATIVE_MIN, analyse_question, answer_labels_for
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.retrieval.answer_helpers import (
    SCHEME,
    STRIKE,
    _about,
    _answer_in,
    _ask,
    _best,
    _news,
    _weight_of,
)


def test_which_noun_sets_the_answer_type_even_after_an_adjective() -> None:
    assert answer_labels_for("Which hospital treated the guard?")[1] >= {"ORG", "FAC"}
    assert answer_labels_for("Which regional newspaper said so?")[1] == {"ORG"}
    assert answer_labels_for("Which city did she visit?")[1] >= {"GPE"}


async def test_how_many_kinds_of_x_counts_x(empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    assert analyse_question(nlp, "how many kinds of bacteria did it kill").counted == "bacteria"
    assert analyse_question(nlp, "How many types of cancer were studied?").counted == "cancer"
    assert analyse_question(nlp, "how many people were hurt").counted == "people"


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


def test_a_common_word_in_a_lower_case_question_is_no_name() -> None:
    # spaCy reads "bin" as a name here; "paris" and "china" are names first, "nesco" no word
    from config.settings import Settings
    from retrieval.nlp import load_pipeline

    nlp = load_pipeline(Settings().spacy_model)
    assert "bin" not in analyse_question(nlp, "How much stock did she have to bin?").entity_names
    for question, name in (("where is paris", "paris"), ("is china involved", "china"),
                           ("how many customers does nesco serve", "nesco")):
        assert name in analyse_question(nlp, question).entity_names, question


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


def test_who_is_asks_about_a_name_not_a_role_or_a_deed() -> None:
    from retrieval.question import identity_asked

    assert identity_asked("Who is Mette Lund?") == "Mette Lund"
    assert identity_asked("who's bergström") == "bergström"
    assert identity_asked("What is the SCCU?") == "SCCU"
    for question in ("Who is the mayor?", "Who was behind the attack?", "who is responsible",
                     "What is the fine?", "Who is Ana Ruiz's husband?"):
        assert identity_asked(question) is None, question


def test_which_country_or_town_is_never_a_building() -> None:
    # "the psychotherapy centre" must not answer "which country are the hackers based in"
    for question in ("Which country are the hackers based in?", "In which town did it start?",
                     "What city is the club from?"):
        _, labels = answer_labels_for(question)
        assert labels and "FAC" not in labels, (question, labels)
    _, labels = answer_labels_for("Which hospital treated the injured?")
    assert "FAC" in labels


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


def test_who_is_an_owners_role_asks_for_a_person_holding_the_role() -> None:
    # "who is Kosovo's education minister": the role after the owner's name, as in "who is the
    # minister"; a minister is a person, so no company or nationality answers it
    from config.settings import Settings
    from retrieval.nlp import load_pipeline

    nlp = load_pipeline(Settings().spacy_model)
    owned = analyse_question(nlp, "who is Kosovo's education minister")
    assert owned.focus == "minister" and owned.answer_labels == frozenset({"PERSON"})
    assert analyse_question(nlp, "Who is their coach?").focus == "coach"
    assert analyse_question(nlp, "Who is Ana Torres's lawyer?").focus == "lawyer"
    # a name alone asks what the article says of that person, not for a role
    assert analyse_question(nlp, "who is Hollande").focus is None


async def test_call_with_an_object_is_content_not_framing(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "what is X called" asks for a name, so "call" only frames it; "which union called the
    # strike" asks who did the calling, so "called" weighs as much as any content word
    assert await _weight_of(museum, "What is the new ferry called?", "call") < 0.5
    assert await _weight_of(museum, "Which union called the strike?", "call") == 1.0


async def test_which_asks_for_the_head_of_a_noun_compound(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "which police unit" asks for a unit, "which state-owned agency" for an agency: the last
    # noun of the compound, over a hyphenated modifier, not its first word
    library = museum[0]
    assert (await library.analyse("Which police unit is leading the inquiry?")).focus == "unit"
    assert (await library.analyse("Which state-owned agency ran the rescue?")).focus == "agency"
    assert (await library.analyse("Which union called the strike?")).focus == "union"


async def test_a_catenative_verb_only_frames_the_verb_after_it(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "how many miners managed to get out" asks about getting out; "who manages the mine"
    # asks about managing
    assert await _weight_of(museum, "How many miners managed to get out?", "manage") < 0.5
    assert await _weight_of(museum, "Who manages the mine?", "manage") == 1.0


async def test_what_did_someone_call_it_does_not_ask_for_a_person(
        empty_library: ArticleLibrary) -> None:
    # the noun after "what did" is the subject of the question, not the kind of answer
    assert answer_labels_for("what did prosecutors call it")[1] == frozenset()
    assert answer_labels_for("which local hospital treated them")[1]  # "which X" still does
    scheme = await _about(empty_library, SCHEME)
    result = await _ask(scheme, "what did the savings authority call it")
    assert not result.abstained, result.reason
    assert "largest fraud" in result.answers[0].text


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


async def test_able_to_and_stressing_adverbs_only_frame_the_question(
        museum: tuple[ArticleLibrary, int]) -> None:
    # "be able to see" asks when one can see; "actually" only stresses
    assert await _weight_of(museum, "when will people be able to see the galleries",
                            "able") < 1.0
    assert await _weight_of(museum, "how does the museum actually pay for it", "actually") < 1.0
    assert await _weight_of(museum, "when will people be able to see the galleries",
                            "gallery") == 1.0


async def test_what_about_x_asks_what_the_article_says_of_it(rules_only: ArticleLibrary) -> None:
    week = await _news(
        rules_only, "Chile cuts the working week",
        "SANTIAGO, Chile — Chile's Congress approved a law that will cut the working week "
        "from 45 to 40 hours over five years.",
        "Small businesses with fewer than 10 employees will have an extra year to comply.",
        "The Labour Minister said workers would not lose pay.")
    assert "extra year" in await _best(week, "what about small firms")


async def test_how_much_profit_asks_for_a_sum_of_money(empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    assert analyse_question(nlp, "how much profit did they make last year").money
    assert analyse_question(nlp, "how much revenue did the company report").money
    assert not analyse_question(nlp, "how much rain fell").money


async def test_the_first_stage_query_keeps_close_relatives_not_every_kind(
        empty_library: ArticleLibrary) -> None:
    nlp = await empty_library.nlp()
    question = analyse_question(nlp, "How did the rules change?")
    terms = question.search_terms(SEARCH_RELATIVE_MIN)
    assert {"rule", "change", "alter", "modify", "regulation"} <= set(terms)
    # WordNet's hundreds of kinds of change stay with the reranker, out of a large scope's
    # BM25 query
    assert "opalize" in question.expansions["change"] and "opalize" not in terms
    assert len(terms) < 30
    assert "opalize" in question.search_terms()
