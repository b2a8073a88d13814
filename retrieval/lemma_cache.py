"""spaCy's rule lemmatiser with every token's lemma remembered by (word, POS, morphology).

spaCy's ``Lemmatizer.rule_lemmatize`` keeps a cache keyed by (orth, pos, morph), but it
returns before reaching it for every token the English ``is_base_form`` accepts (singular
nouns, base adjectives, infinitives: most tokens of news text), and that check builds the
token's morphology dict each time. Bulk ingest spent about as long there as in the
attribute ruler and the sentence records together. The lemma depends on nothing else than
that key and the lemmatiser's tables, so it is worked out once per key by the lemmatiser
itself and then looked up: the same lemmas, token for token.

A key seen for the first time still costs: ``rule_lemmatize`` tests each candidate form with
``form in index``, and the English index is a list (57,528 nouns), scanned from the start.
Each new key is worked out by a copy of the lemmatiser whose index lists are sets (same
members, so the same answers); in forked bulk-ingest workers, whose memory starts cold, the
scans were ~8 % of their time.

Many new keys are base forms (``is_base_form``: a singular noun, a base adjective, an
infinitive) or of a part of speech the lemmatiser has no tables for (proper nouns, numbers,
punctuation), whose lemma ``rule_lemmatize`` gives as the word itself or in lower case before
reading any table; which of these a (POS, morphology) is, is remembered, so such a word costs
no call of the lemmatiser (which builds the morphology's dict each time).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
        #: the lemmatiser's own function, bound to the copy with sets (made when first used)
        self._work_out: Callable[[Token], list[str]] | None = None
        #: what ``rule_lemmatize`` answers without its tables, by (pos, morph): the word in
        #: lower case (_LOWER), the word itself (_AS_IS), or nothing it can tell (_RULES)
        self._answer: dict[tuple[int, int], int] | None = (
            {} if lemmatizer.mode == "rule" else None)

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
                    found = cache[key] = self._lemmatize(token, pos, morph)
                token.lemma_ = found
            return doc
        except Exception as error:  # as Lemmatizer.__call__ does
            error_handler(lemmatizer.name, lemmatizer, [doc], error)
            return doc

    def _lemmatize(self, token: Token, pos: int, morph: int) -> str:
        """The lemmatiser's own lemma of ``token`` (whose POS and morphology are ``pos`` and
        ``morph``), with its index lists as sets."""
        if self._answer is not None:
            answer = self._answer.get((pos, morph))
            if answer is None:
                answer = self._answer[(pos, morph)] = self._answer_without_tables(token)
            if answer == _LOWER:
                return token.text.lower()
            if answer == _AS_IS:
                return token.text
        if self._work_out is None:
            lemmatizer = self.lemmatizer
            # (``lemmatize`` itself is bound to the original at its creation: the method of
            # the copy is taken by its mode's name)
            self._work_out = (_with_index_sets(lemmatizer).rule_lemmatize
                              if lemmatizer.mode == "rule" else lemmatizer.lemmatize)
        return self._work_out(token)[0]

    def _answer_without_tables(self, token: Token) -> int:
        """What ``rule_lemmatize`` answers for every word of ``token``'s POS and morphology
        before it reads a word's rules, in its order: a base form is the word in lower case; a
        part of speech with no tables is the word itself (a proper noun) or in lower case.
        No POS (which warns), "eol" and "space" are left to it."""
        lemmatizer = self.lemmatizer
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return _RULES
        if lemmatizer.is_base_form(token):
            return _LOWER
        lookups = lemmatizer.lookups
        if not any(lookups.get_table(name, {}).get(univ_pos)
                   for name in ("lemma_index", "lemma_exc", "lemma_rules")):
            return _AS_IS if univ_pos == "propn" else _LOWER
        return _RULES

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


_RULES, _LOWER, _AS_IS = 0, 1, 2


def _with_index_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A shallow copy of ``lemmatizer`` (its cache, vocabulary and rules shared) whose
    "lemma_index" table holds sets where it held lists: ``rule_lemmatize`` only asks
    ``form in index`` of them (and whether they are empty)."""
    tables = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table(name, {pos: frozenset(words) if isinstance(words, list) else words
                                 for pos, words in table.items()})
        tables.set_table(name, table)
    indexed = copy.copy(lemmatizer)
    indexed.lookups = tables
    return indexed


@lru_cache(maxsize=4)
def cached_lemmatizer(lemmatizer: Lemmatizer) -> CachedLemmatizer | None:
    """The lemmatiser with its lemmas remembered, or None when it is of a kind (a subclass
    with its own rules, another mode) whose lemma may depend on more than the key."""
    if type(lemmatizer) not in _CLASSES or lemmatizer.mode not in _MODES:
        return None
    return CachedLemmatizer(lemmatizer)
