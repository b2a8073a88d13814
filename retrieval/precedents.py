"""Questions that ask whether it has happened before, and the sentence that says so.

"Has this happened before?", "is this the first time?" name nothing but the article's own
event, so the reranker has no word to look up ("happen" only frames the question). News
answers them in recognisable words, usually near the end: "It is the second strike at Metro
Trans this year", "A similar attack on the same hospital in March 2020…", "In 2019 a
freighter damaged a gate at the same site". The first such sentence after the opening one is
the answer; an article without one does not say.
"""

from __future__ import annotations

import re

from retrieval.close_candidates import RECALLS_THE_PAST
from retrieval.store import ArticleBundle, StoredSentence

#: "Has this (ever) happened before?", "has anything like this happened before", "is this
#: the first time?", "was it the first one?": the article's own event, asked about the past.
_ASKS_PRECEDENT = re.compile(
    r"^\W*(?:(?:has|had|did)\s+(?:this|that|it|something\s+like\s+(?:this|that)|anything\s+"
    r"like\s+(?:this|that))\s+(?:ever\s+)?happen(?:ed)?(?:\s+(?:before|previously))?|"
    r"(?:is|was)\s+(?:this|that|it)\s+the\s+first\s+(?:time|one)(?:\s+\w+){0,4})\W*$",
    re.IGNORECASE)
#: A sentence that speaks of an earlier event of the kind: "the second strike … this year",
#: "a similar attack", "the previous record", "In 2019 a freighter…", "the first time since
#: 2019".
_SPEAKS_OF_AN_EARLIER_ONE = re.compile(
    # (not "the second largest", "the second day", "the third quarter")
    r"\b(?:second|third|fourth|fifth)\s+(?!(?:\w+est|most|day|week|month|half|quarter|round|"
    r"stage|leg|phase|floor|division)\b)(?:[\w-]+\s+){1,4}?(?:in|this|since|after)\b|"
    r"\b(?:similar|previous|earlier|prior)\b|\blast\s+time\b|"
    # ("for the first time since 2019", not "since the attacks": that is no earlier one)
    r"\bfirst\s+time\s+since\s+(?:\w+\s+)?(?:1[89]\d\d|20\d\d)\b|"
    r"^\W*In\s+(?:(?:early|late|mid)[\s-]+)?(?:\w+\s+)?(?:1[89]\d\d|20\d\d)\b",
    re.IGNORECASE)


def asks_for_precedent(text: str) -> bool:
    """Whether a question asks if the article's event has happened before."""
    return _ASKS_PRECEDENT.match(text) is not None


def precedent_sentence(bundle: ArticleBundle) -> StoredSentence | None:
    """The first sentence after the opening one that speaks of an earlier event, if any (or
    recalls one to compare: "The last major strike there, in 2021, lasted nine days")."""
    for sentence in bundle.sentences[1:]:
        text = bundle.text(sentence)
        if _SPEAKS_OF_AN_EARLIER_ONE.search(text) or RECALLS_THE_PAST.search(text):
            return sentence
    return None
