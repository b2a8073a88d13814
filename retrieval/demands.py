"""Questions about what people want, and sentences that say what someone wants.

"What do the fishermen want?", "what is the union asking for?": news rarely answers with the
question's verb. It says that someone "called for" a paved road, "called on the government
to" allow vaccination, "asked the city to" spend more, "urged" or "is pressing for" something
— phrasal verbs whose particle is a stop word, so the word match sees only "call" or "ask",
which WordNet does not relate to "want". The reranker (``answers``) counts such a sentence as
saying the question's want-verb.
"""

from __future__ import annotations

import re

from retrieval.question import Question

#: The question's verbs that ask what someone wants (as lemmas).
_WANT_TERMS = frozenset({"want", "demand", "seek", "request", "urge"})
#: "asking for", "calling for": these verbs ask what is wanted only with "for".
_ASK_FOR = re.compile(r"\b(ask|call)(?:s|ed|ing)?\s+for\b", re.IGNORECASE)

#: How a sentence says what someone wants: "called for the pier to be extended", "called on
#: the government to allow", "asked for life imprisonment", "asked the city to spend more",
#: "urged", "is pressing / pushing / lobbying / campaigning for", "appealed for", "insisted
#: on", "demanded", "wants", "is seeking".
_SAYS_A_DEMAND = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+(?:for|on)\b"
    r"|ask(?:s|ed|ing)?\s+(?:for\b|(?!to\b)(?:[\w'’-]+\s+){1,5}?to\s+(?!comment\b)\w)"
    r"|urg(?:e|es|ed|ing)\b"
    r"|(?:press|push|lobby|lobbi|campaign|appeal|clamou?r)(?:s|es|ed|ing)?\s+for\b"
    r"|insist(?:s|ed|ing)?\s+on\b"
    r"|demand(?:s|ed|ing)?\b|want(?:s|ed|ing)?\b|seek(?:s|ing)?\b|sought\b)",
    re.IGNORECASE)


def wanting_terms(question: Question) -> frozenset[str]:
    """The question's terms that ask what someone wants ("want", "demand"; "ask" and
    "call" when the question says "asking for" / "call for")."""
    terms = _WANT_TERMS.intersection(question.terms)
    for match in _ASK_FOR.finditer(question.text):
        if match.group(1).lower() in question.terms:
            terms |= {match.group(1).lower()}
    return terms


def says_a_demand(text: str) -> bool:
    """Whether a sentence says what someone wants, in any of news's words for it."""
    return _SAYS_A_DEMAND.search(text) is not None
