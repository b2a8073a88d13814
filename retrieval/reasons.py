"""Questions that ask why, and sentences that give a reason.

"Why…", "what caused / led to / set off…", "how come…" ask for a reason; a sentence gives one
in recognisable words ("because", "blamed", "triggered by", "which is why", "for fear of", "in
order to"). The reranker (``answers``) gives such a sentence its reason bonus — unless the
words after "because" / "triggered by" are the very thing whose cause is asked: for "what is
causing the drought", "the canal cut crossings because a drought has left the lake low" gives
the drought as a cause, not the drought's.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from retrieval.question import Question
from retrieval.tokens import plain_words
from retrieval.word_match import is_framing

#: "Why…", "what caused / led to / set off…", "how come…": the question asks for a reason.
_ASKS_REASON = re.compile(
    r"\s*(?:why\b|how come\b|what(?:'s|’s)?\s+(?:\w+\s+){0,3}?(?:caus\w*|led|lead|trigger\w*|"
    r"spark\w*|"
    r"set\s+(?:\w+\s+){0,3}?off|made|makes|explain\w*)\b|(?:for\s+)?what\s+reason)",
    re.IGNORECASE)
#: Words with which a sentence gives a reason or a cause ("because the system was running
#: close to its limits", "blamed a slow-moving low-pressure system", "fanned by strong winds",
#: "in a row over a tax", "credited the decline to a dehorning programme", "traced the
#: infections to a water tank", "which is why the order stays", "for fear of helping
#: poachers"), or a purpose ("designed to return homes to local people", "to avoid…").
_GIVES_A_REASON = re.compile(
    r"\b(?:because|due to|owing to|thanks to|caus\w+|blam\w+|trigger\w*|spark\w*|"
    r"result\w*|reason\w*|fanned|led to|so that|in order to|as a sign|in a row over|"
    r"in protest|meant|means|designed to|aim\w* to|intended to|in a bid to|"
    # "after" and "since" give a cause ("after a drilling crew broke into old workings"),
    # but not after a length of time ("52 hours after they were trapped")
    r"(?<!hours\s)(?<!days\s)(?<!weeks\s)(?<!months\s)(?<!years\s)(?<!minutes\s)"
    r"(?:after|since)|(?:which|that)\s+"
    r"is\s+why|for\s+fear|so\s+as\s+to|to\s+(?:avoid|prevent)|"
    r"(?:credit\w*|attribut\w*|put\s+(?:it|this|that))\s+(?:\w+\s+){0,4}?(?:down\s+)?to|"
    # "traced many of the early infections to a village water tank", "stemmed from"
    r"traced\s+(?:[\w-]+\s+){0,6}?(?:back\s+)?to|stem(?:s|med)?\s+from)\b",
    re.IGNORECASE)


def asks_for_a_reason(text: str) -> bool:
    """Whether a question asks why, or what caused something."""
    return _ASKS_REASON.match(text) is not None


def gives_a_reason(text: str, caused: Collection[str] = ()) -> bool:
    """Whether a sentence gives a reason, a cause or a purpose (``_GIVES_A_REASON``) — not
    one that is what the question asks the cause of (``caused``): for "what is causing the
    drought", "because a drought has left the lake low" gives the drought as a cause."""
    for match in _GIVES_A_REASON.finditer(text):
        by = _BY.match(text, match.end()) if match.group().lower().endswith("ed") else None
        if not (by or _CAUSE_FOLLOWS.match(match.group())):
            return True  # "which is why the order stays": what follows is the effect
        start = by.end() if by else match.end()
        after = plain_words(text[start:start + 60])[:CAUSE_REACH]
        if not any(word.startswith(term) for word in after for term in caused):
            return True
    return False


#: Words after which the cause itself follows ("because a drought…", "triggered by two days
#: of torrential rain"), unlike "which is why" or "led to", after which the effect does.
_CAUSE_FOLLOWS = re.compile(r"because|due|owing|thanks|after|since|blam|fanned|in\s+a\s+row|"
                            r"in\s+protest", re.IGNORECASE)
#: "caused *by*", "triggered *by*": a passive whose agent, the cause, follows.
_BY = re.compile(r"\s+by\b", re.IGNORECASE)


#: How many words after "because" / "triggered by" may name the cause ("two days of
#: torrential *rain*").
CAUSE_REACH = 5


def caused_words(question: Question) -> list[str]:
    """The question's content words that a "why" / "what caused" question asks the cause
    of: its terms but the cause words and the framing ones."""
    return [term for term in question.terms if "_" not in term and len(term) > 2
            and not _CAUSE_WORDS.match(term) and not is_framing(question, term)]


_CAUSE_WORDS = re.compile(r"caus|led|lead|trigger|spark|set|make|made|explain|reason")
