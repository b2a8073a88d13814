"""The one normalisation both the index and the questions use: lower-cased lemmas, no stop
words, no punctuation. Index and question must agree exactly, so it lives in one place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

_STOP = frozenset(STOP_WORDS) | {"'s", "’s", "n't", "n’t", "’", "'"}
_STRIP = "'’\"“”‘-–—_.,:;!?()[]{}«»*#|/\\"


def normalise_token(token: Token) -> str | None:
    """The index term for one spaCy token, or None when it carries no content."""
    if token.is_punct or token.is_space or token.like_url or token.is_stop:
        return None
    lemma = token.lemma_.lower().strip(_STRIP)
    text = token.lower_.strip(_STRIP)
    if not lemma or lemma in _STOP or text in _STOP:
        return None
    if not any(ch.isalnum() for ch in lemma):
        return None
    return lemma


def normalise_tokens(tokens: Iterable[Token]) -> list[str]:
    """Index terms for a run of tokens, in order (duplicates kept: BM25 counts them)."""
    terms = []
    for token in tokens:
        term = normalise_token(token)
        if term is not None:
            terms.append(term)
    return terms


def is_stop_word(word: str) -> bool:
    return word.lower() in _STOP
