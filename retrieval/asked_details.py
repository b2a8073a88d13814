"""Questions that ask for one particular detail, and whether the best sentence states it.

Coverage measures how much of the question a sentence speaks of, not whether it says the
one thing asked. For a few kinds of question, news English says that thing in recognisable
words, and a sentence without them is no answer however well it covers the rest: a court's
sentence ("what sentence did X get": "sentenced to", "in prison", "fined"), a name ("what's
the ferry called": ``naming``), which body or publication ("which journal":
``which_named``), a sum of money ("how much did it cost": ``prices``), a rate ("how many a
year": ``rates``), a population ("how many people live in X": ``population``).
``answers.choose_answers`` abstains with the reason given here.
"""

from __future__ import annotations

import re

from retrieval.answer_spans import states_a_sum
from retrieval.naming import name_asked_of, says_the_name
from retrieval.population import population_place, states_population
from retrieval.prices import price_asked
from retrieval.rates import rate_asked, states_rate
from retrieval.which_named import named_kind_asked, names_something_new

#: "What sentence did X get / receive", "what jail term…": a court's sentence, which a
#: sentence of the article states in these words ("was sentenced to five years", "six years
#: in prison", "fined", "acquitted", "a suspended term").
_ASKS_SENTENCE = re.compile(r"\bwhat\s+(?:sentence|(?:jail|prison)\s+term)\b", re.IGNORECASE)
_STATES_A_SENTENCE = re.compile(
    r"\b(?:sentenc\w*|prison|jail\w*|imprison\w*|custod\w*|probation|acquit\w*|fined?|"
    r"suspended|community\s+service|life\s+term|(?:years?|months?)\s+(?:in|behind)\b)",
    re.IGNORECASE)


def unstated_detail(question: str, sentence: str,
                    answer_labels: frozenset[str] = frozenset()) -> str | None:
    """Why ``sentence`` does not answer ``question``, when the question asks for a detail of
    one of these kinds and the sentence does not state it; None otherwise. ``answer_labels``
    are the entity labels the question's answer type wants, if any."""
    if _ASKS_SENTENCE.search(question) and not _STATES_A_SENTENCE.search(sentence):
        # "what sentence did Angelov get": "Angelov is being tried separately"
        return "The article doesn't seem to say what sentence was given."
    if (thing := name_asked_of(question)) and not says_the_name(sentence, thing):
        # "what's the ferry called": "The ferry, operated by the company Adria Trajekt, …"
        return f"The article doesn't seem to say what the {thing} is called."
    if not answer_labels and (kind := named_kind_asked(question)) and not names_something_new(
            sentence, question):
        # an X with entity labels ("which union": ORG) is the answer type's to check;
        # "which journal published the study": "It was published on Wednesday after review"
        return f"The article doesn't seem to say which {kind}."
    if (unit := rate_asked(question)) and not states_rate(sentence, unit):
        # "how many containers does Hamburg handle a year": "31 vessels were at anchor"
        return f"The article doesn't seem to say how many or how much a {unit}."
    if price_asked(question) and not states_a_sum(sentence):
        # "how much were the hackers asking for the data": "the first seven digits of…"
        return "The article doesn't seem to say how much money."
    if (place := population_place(question)) and not states_population(sentence, place):
        # "how many people live in Recife": "leaving 19 million people without power"
        return "The article doesn't seem to say how many live there."
    return None
