"""spaCy's rule lemmatiser with every token's lemma remembered by (word, POS, morphology).

spaCy's ``Lemmatizer.rule_lemmatize`` keeps a cache keyed by (orth, pos, morph), but it
returns before reaching it for every token the English ``is_base_form`` accepts (singular
nouns, base adjectives, infinitives: most tokens of news text), and that check builds the
token's morphology dict each time. Bulk ingest spent about as long there as in the
attribute ruler and the sentence records together. The lemma depends on nothing else than
that key and the lemmatiser's tables, so it is worked out once per key by the lemmatiser
itself and then looked up: the same lemmas, token for token.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: The lemmatiser classes whose lemma is a function of (orth, pos, morph) in these modes.
_CLASSES = (Lemmatizer, EnglishLemmatizer)
_MODES = {"rule", "lookup"}
_ATTRS = [ORTH, POS, MORPH, LEMMA]


class CachedLemmatizer:
    """A ``Lemmatizer`` whose lemma per (orth, pos, morph) is remembered (module docstring)."""

    #: Distinct keys remembered; past this the memory starts over.
    MAX_ENTRIES = 200_000

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._cache: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if not getattr(lemmatizer, "_validated", True):
            return lemmatizer(doc)  # its first call checks its tables (and raises if wrong)
        if not len(doc):
            return doc
        overwrite = lemmatizer.overwrite
        cache = self._cache
        error_handler = lemmatizer.get_error_handler()
        try:
            for position, (orth, pos, morph, lemma) in enumerate(
                    doc.to_array(_ATTRS).tolist()):
                if not overwrite and lemma != 0:
                    continue
                key = (orth, pos, morph)
                token = doc[position]
                found = cache.get(key)
                if found is None:
                    if len(cache) >= self.MAX_ENTRIES:
                        cache.clear()
                    found = cache[key] = lemmatizer.lemmatize(token)[0]
                token.lemma_ = found
            return doc
        except Exception as error:  # as Lemmatizer.__call__ does
            error_handler(lemmatizer.name, lemmatizer, [doc], error)
            return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@lru_cache(maxsize=4)
def cached_lemmatizer(lemmatizer: Lemmatizer) -> CachedLemmatizer | None:
    """The lemmatiser with its lemmas remembered, or None when it is of a kind (a subclass
    with its own rules, another mode) whose lemma may depend on more than the key."""
    if type(lemmatizer) not in _CLASSES or lemmatizer.mode not in _MODES:
        return None
    return CachedLemmatizer(lemmatizer)
