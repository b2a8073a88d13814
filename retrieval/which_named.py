"""Questions that ask which body, publication or event, and sentences that name one.

"Which journal published the study?" asks for a name. A sentence that speaks of the study's
publishing but names nothing ("It was published on Wednesday after review by independent
scientists") covers the question's words, and coverage alone would answer with it; "which
online forum was the data posted on" is not answered by "offered for sale on an online
forum". Bodies, publications, documents and events are known by their names, so a sentence
that answers "which X" for such an X names something the question does not: a capitalised
name that is not the sentence's first word, a month or a weekday. Other kinds of X are
answered by plain words often enough ("which gas": "hydrogen chloride", "which operations":
"cancer and heart surgery") and are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.lexicon import is_kind_of, noun_categories

#: "which journal", "in which stage race", "which online forum": up to three words after
#: "which", before the question's verb.
_WHICH = re.compile(r"\bwhich\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.IGNORECASE)
_VERBS = frozenset({
    "is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must"})
_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][\w’'&.-]*")
_NOT_NAMES = frozenset({
    "I", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan", "Feb", "Aug", "Sept", "Oct",
    "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday"})


@lru_cache(maxsize=1)
def _named_kinds() -> frozenset[int]:
    """Kinds of thing known by a name: bodies, institutions, publications, documents,
    contests and gatherings."""
    return noun_categories("organization", "institution", "publication", "written_document",
                           "contest", "gathering", senses=1)


def named_kind_asked(question: str) -> str | None:
    """The noun of a "which X" question whose answer is a name ("journal" for "which journal
    published the study"), or None when the question asks no such thing."""
    match = _WHICH.search(question)
    if match is None:
        return None
    asked = None
    for word in match[1].lower().split():
        if word in _VERBS:
            break
        if is_kind_of(word, _named_kinds()):
            asked = word
    return asked


def names_something_new(sentence: str, question: str) -> bool:
    """Whether ``sentence`` has a capitalised name the question does not already use."""
    asked = {_bare(word).lower() for word in re.findall(r"[\w’'-]+", question)}
    for match in _CAPITALISED.finditer(sentence):
        word = _bare(match.group())
        if match.start() == 0 and not _CAPITALISED.match(sentence, match.end() + 1):
            continue  # "It was published…": a sentence's first word, alone, is no name
        if word in _NOT_NAMES or word.lower() in asked or len(word) < 2:
            continue
        return True
    return False


def _bare(word: str) -> str:
    """A word without trailing punctuation or a possessive ending ("Bulawayo’s" → "Bulawayo")."""
    return re.sub(r"[’']s?$", "", word.rstrip(".,"))
