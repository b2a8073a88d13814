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

from retrieval.entity_kinds import SHIP_PREFIXES
from retrieval.entity_kinds import VESSEL_NOUNS as SHIP_NOUNS
from retrieval.lexicon import is_noun, is_person_noun

#: "what's the ferry called", "what will the merged bank be called", "what is the
#: captain's name": the noun whose name is asked.
_ASKS_NAME = re.compile(
    r"^\s*what(?!\s+(?:time|day|date|year)\b)(?:'s|’s|s|\s+(?:is|was|are|were|will|would))?\b"
    r".*?\b(?P<thing>[^\W\d_]+)"
    r"(?:\s+(?:(?:will|would)\s+)?be|\s+(?:is|was|are|were|'s|’s))?\s+(?:called|named)\s*\??\s*$|"
    r"^\s*what(?:'s|’s|s|\s+(?:is|was))\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?P<owner>[^\W\d_]+)"
    r"(?:'s|’s)\s+name\s*\??\s*$",
    re.IGNORECASE)
#: "what is the name of the glacier above the lake", "what's the name of Bulawayo's largest
#: dam": the phrase after "name of", whose head noun comes before a preposition or a clause.
_NAME_OF = re.compile(
    r"^\s*what(?:'s|’s|s|\s+(?:is|was|are|were|will\s+be))\s+the\s+names?\s+of\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<phrase>.+?)\s*\??\s*$",
    re.IGNORECASE)
_PHRASE_ENDS = re.compile(
    r"\s+(?:that|who|whom|whose|which|where|when|above|below|under|over|in|on|at|near|"
    r"from|for|with|to|of|by|behind|outside|inside|along|across|between)\b.*$",
    re.IGNORECASE)
#: Words with which a sentence gives something its name.
SAYS_NAME = re.compile(r"\b(?:called|named|names?|known\s+as|dubbed|titled|christened)\b",
                        re.IGNORECASE)


def name_asked_of(question: str) -> str | None:
    """The noun whose name the question asks ("ferry" for "what's the ferry called"), or
    None when it asks no such thing."""
    match = _ASKS_NAME.match(question)
    if match is not None:
        return (match["thing"] or match["owner"]).lower()
    return _head_of_name_of(question)


def _head_of_name_of(question: str) -> str | None:
    """"glacier" for "what is the name of the glacier above the lake". A person's name is
    left to the answer type: "the name of the courier who was killed" is answered by "a
    rider, Huang Chih-wei", a person by another word."""
    match = _NAME_OF.match(question)
    if match is None:
        return None
    words = _PHRASE_ENDS.sub("", match["phrase"]).split()
    if not words:
        return None
    head = words[-1].lower().strip("?.,!")
    if head.endswith("s") and not head.endswith("ss") and is_noun(head[:-1]):
        head = head[:-1]  # "the names of the two stolen portraits": a portrait's name
    if not head.isalpha() or not is_noun(head) or is_person_noun(head):
        return None
    return head


#: Nouns that ask for a ship's name, and a ship's name with its prefix ("the *MV Santa Lucia
#: Express*"), which the entity rules leave out of the entity lists.
VESSEL_NOUNS = SHIP_NOUNS | {"boat"}
VESSEL_NAME = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(SHIP_PREFIXES))) +
                         r")\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}")


def says_the_name(sentence: str, thing: str) -> bool:
    """Whether ``sentence`` gives the name of ``thing``: in so many words, or a capitalised
    name right beside the noun."""
    if SAYS_NAME.search(sentence):
        return True
    if thing in VESSEL_NOUNS and VESSEL_NAME.search(sentence):
        return True  # "the MV Santa Lucia Express": a ship's prefix names it
    noun = rf"(?i:{re.escape(thing)}s?)"
    name = r"(?!(?:The|A|An|This|That|Its|His|Her|Their|Our)\b)[A-Z][\w’'-]*"
    beside = (rf"\b{noun}\b,?\s+(?:the\s+)?{name}|"
              rf"\b{name}(?:\s+[A-Z][\w’'-]*)*\s+{noun}\b")
    return re.search(beside, sentence) is not None
