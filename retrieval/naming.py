"""Questions that ask what something is called, and sentences that say its name.

"What's the ferry called?" asks for the ferry's name. A sentence about the ferry that names
something else ("The ferry, operated by the private company Adria Trajekt, …") has a name of
the asked kind, and the question's words, but not the ferry's name. A sentence that gives it
says so ("to be called the Joaquim Barros Stadium", "The animal, named Altansaurus") or puts
the name beside the noun ("Villaraza's company, Bayanihan Harvest Investments", "the ferry
Marjan", "the Marjan ferry").
"""

from __future__ import annotations

import re

#: "what's the ferry called", "what will the merged bank be called", "what is the
#: captain's name": the noun whose name is asked.
_ASKS_NAME = re.compile(
    r"^\s*what(?!\s+(?:time|day|date|year)\b)(?:'s|’s|s|\s+(?:is|was|are|were|will|would))?\b"
    r".*?\b(?P<thing>[^\W\d_]+)"
    r"(?:\s+(?:(?:will|would)\s+)?be|\s+(?:is|was|are|were|'s|’s))?\s+(?:called|named)\s*\??\s*$|"
    r"^\s*what(?:'s|’s|s|\s+(?:is|was))\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?P<owner>[^\W\d_]+)"
    r"(?:'s|’s)\s+name\s*\??\s*$",
    re.IGNORECASE)
_SAYS_NAME = re.compile(r"\b(?:called|named|names?|known\s+as|dubbed|titled|christened)\b",
                        re.IGNORECASE)


def name_asked_of(question: str) -> str | None:
    """The noun whose name the question asks ("ferry" for "what's the ferry called"), or
    None when it asks no such thing."""
    match = _ASKS_NAME.match(question)
    if match is None:
        return None
    return (match["thing"] or match["owner"]).lower()


def says_the_name(sentence: str, thing: str) -> bool:
    """Whether ``sentence`` gives the name of ``thing``: in so many words, or a capitalised
    name right beside the noun."""
    if _SAYS_NAME.search(sentence):
        return True
    noun = rf"(?i:{re.escape(thing)}s?)"
    name = r"(?!(?:The|A|An|This|That|Its|His|Her|Their|Our)\b)[A-Z][\w’'-]*"
    beside = (rf"\b{noun}\b,?\s+(?:the\s+)?{name}|"
              rf"\b{name}(?:\s+[A-Z][\w’'-]*)*\s+{noun}\b")
    return re.search(beside, sentence) is not None
