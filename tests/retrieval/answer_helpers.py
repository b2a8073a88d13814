"""Articles and helpers shared by the answer-rule tests (``test_question``,
``test_answer_ranking``, ``test_answer_counts``, ``test_answer_amounts``,
``test_answer_places_and_times``, ``test_answer_names``, ``test_leadership``,
``test_references``, ``test_close_candidates``, ``test_abstention``, ``test_reasons``): short
articles written for these tests (not the seed or the evaluation sets), and asking an ingested
article a question to read its best answer or the part it highlights. Their fixtures (the
articles ingested, a library without the sentence model) are in ``conftest.py``."""

from __future__ import annotations

from retrieval.answers import AskResult, term_weights
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary

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


STRIKE = """---
title: Ferry crews walk out
---
Crews at the ferry operator Baltline struck on Monday, called out by the Ferry Workers Union (FWU).

Transport Minister Eva Lind, who visited the port of Rostby on Monday, urged both sides to talk.

"We have been patient for two years," said Jonas Ek, the chair of the FWU.

Karin Dahl, the operator's chief executive, said the walkout would cost millions.

Shares in Baltline fell 3 percent on Monday.
"""


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


MINE = (
    "title: Six miners rescued in Asturias\n---\n"
    "OVIEDO, Spain — Rescuers freed six miners trapped in a coal mine in the northern region "
    "of Asturias on Tuesday, after a roof collapse cut them off for two days.\n\n"
    "The roof of the gallery gave way at about 11:20 p.m. on Sunday, the mine's owner said.\n\n"
    "The Carbonar mine lies near the village of Tuilla, about 15 kilometres east of Oviedo.\n\n"
    "More of the roof came down on Monday morning as rescuers dug towards the men.\n\n"
    "Families waited through the night at the mine, and the men were brought out on Tuesday "
    "morning.\n")


FERRY = """---
title: Ferry fire off Brač
---
A fire broke out on Saturday on a car ferry operated by the private company Kvarner Lines.

The harbour authority said 14 ferries had been inspected in the region this year.

Kvarner Lines, which is based in Rijeka, operates eight ferries along the coast of Dalmatia.
"""


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


async def _ask_with(article: tuple[ArticleLibrary, int], question: str,
                    min_coverage: float) -> AskResult:
    library, article_id = article
    return await library.ask(question, Scope.all(), article_id=article_id,
                             min_coverage=min_coverage)


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
