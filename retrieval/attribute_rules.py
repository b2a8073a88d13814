"""spaCy's ``attribute_ruler`` (tag → POS and morphology, lemma exceptions), applied by a
lookup instead of its ``Matcher``.

In the small English pipeline the ruler is 179 one- and two-token patterns over TAG, LOWER,
DEP and IS_SPACE (equal, IN, NOT_IN, REGEX). The ``Matcher`` tries every pattern at every
token and cost as much as the tok2vec layer. Here the rules a token matches are worked out
once per distinct (tag, lower, dep, is_space), so a text costs a dictionary lookup per token.
The patterns, their order and the attribute values are the ruler's own, applied by spaCy's own
``set_token_attrs``: the result is the same (checked token by token on the test articles and
questions). A ruler with any other kind of pattern is not compiled, and the original runs.

Most words are named by no rule: every word that no LOWER test names and no LOWER regex
matches gives every test the same answer, so the rules are worked out once for all of them
(per tag, dep and is_space), not once per word. A forked bulk-ingest worker starts with no
rules worked out and meets ~6,000 new words in 100 articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

#: The token attributes the compiled rules read, as (tag, lower, dep, is_space).
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_Key = tuple[str, str, str, bool]
_Test = Callable[[_Key], bool]
#: One rule: its number (later numbers win), its patterns (tests per token), the index of the
#: token it changes, and the attributes it sets.
_Rule = tuple[int, list[list[list[_Test]]], int, dict[Any, Any]]
_Single = tuple[int, dict[Any, Any]]
_Multi = tuple[int, list[list[_Test]], int, dict[Any, Any]]
_Entry = tuple[dict[Any, Any], list[_Single], list[_Multi], _Key]
#: What the rules read, as ``Doc.to_array`` gives it.
_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
#: What they may set: token attributes only, so each token's result depends on its own rules.
_SETTABLE = {POS, TAG, MORPH, LEMMA, DEP}
#: The LOWER that stands for every word no rule names (no word's lower-case form).
_ANY_WORD = "\x00any word"


def _test(field: int, value: Any) -> _Test | None:
    if isinstance(value, dict):
        if set(value) == {"IN"}:
            allowed = frozenset(value["IN"])
            return lambda key: key[field] in allowed
        if set(value) == {"NOT_IN"}:
            refused = frozenset(value["NOT_IN"])
            return lambda key: key[field] not in refused
        if set(value) == {"REGEX"} and field != _FIELDS["IS_SPACE"]:
            regex = re.compile(value["REGEX"])  # the Matcher's REGEX is a search
            return lambda key: regex.search(key[field]) is not None
        return None
    if isinstance(value, (str, bool)):
        return lambda key: key[field] == value
    return None


def _token_tests(token_pattern: dict[str, Any]) -> list[_Test] | None:
    tests = []
    for name, value in token_pattern.items():
        field = _FIELDS.get(name)
        test = _test(field, value) if field is not None else None
        if test is None:
            return None
        tests.append(test)
    return tests


def _exact_values(token_pattern: dict[str, Any], name: str) -> frozenset[str] | None:
    """The values ``name`` must take for ``token_pattern`` to match, when it says."""
    value = token_pattern.get(name)
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(value["IN"])
    return None


class CompiledAttributeRuler:
    """The rules of one ``AttributeRuler``, applied by lookup (see the module docstring)."""

    #: Distinct (tag, lower, dep, is_space) remembered; past this the memory starts over.
    MAX_ENTRIES = 50_000

    def __init__(self, ruler: AttributeRuler, rules: list[_Rule],
                 first_tokens: list[dict[str, Any]],
                 named_words: tuple[frozenset[str], list[re.Pattern[str]]] | None = None
                 ) -> None:
        self.ruler = ruler
        self.rules = rules
        self._cache: dict[tuple[int, ...], _Entry] = {}
        #: The entries by (tag, lower, dep, is_space), with ``_ANY_WORD`` for the lower of
        #: every word no rule names; without ``named_words`` (what the rules name), by the word.
        self._by_key: dict[_Key, _Entry] = {}
        self._named, self._word_regexes = named_words or (None, [])
        # Each (rule, pattern) filed under the words or tags its first token must have, so a
        # new token is tested against a handful of rules, not all of them.
        self._by_lower: dict[str, list[tuple[int, int]]] = {}
        self._by_tag: dict[str, list[tuple[int, int]]] = {}
        self._always: list[tuple[int, int]] = []
        positions = [(number, i) for number, (_n, patterns, _i, _a) in enumerate(rules)
                     for i in range(len(patterns))]
        for (number, i), first in zip(positions, first_tokens, strict=True):
            lowers, tags = _exact_values(first, "LOWER"), _exact_values(first, "TAG")
            if lowers is not None:
                for value in lowers:
                    self._by_lower.setdefault(value, []).append((number, i))
            elif tags is not None:
                for value in tags:
                    self._by_tag.setdefault(value, []).append((number, i))
            else:
                self._always.append((number, i))

    def _entry(self, doc: Doc, row: tuple[int, ...]) -> _Entry:
        """The entry of a (tag, lower, dep, is_space) row (``_rules_of``), shared by the words
        no rule names."""
        strings = doc.vocab.strings
        lower = strings[row[1]]
        if self._named is not None and lower not in self._named and not any(
                regex.search(lower) for regex in self._word_regexes):
            lower = _ANY_WORD
        key = (strings[row[0]], lower, strings[row[2]], bool(row[3]))
        entry = self._by_key.get(key)
        if entry is None:
            if len(self._by_key) >= self.MAX_ENTRIES:
                self._by_key.clear()
            entry = self._by_key[key] = self._rules_of(key)
        if len(self._cache) >= self.MAX_ENTRIES:
            self._cache.clear()
        self._cache[row] = entry
        return entry

    def _rules_of(self, key: _Key) -> _Entry:
        """For one (tag, lower, dep, is_space): the attributes its one-token rules set, merged
        in rule order; those rules one by one; and the patterns of several tokens whose first
        token it matches."""
        candidates = sorted(self._by_lower.get(key[1], []) + self._by_tag.get(key[0], [])
                            + self._always)
        single: list[_Single] = []
        multi: list[_Multi] = []
        for number, i in candidates:
            _number, patterns, index, attrs = self.rules[number]
            pattern = patterns[i]
            if not all(test(key) for test in pattern[0]):
                continue
            if len(pattern) > 1:
                multi.append((number, pattern, index, attrs))
            elif not single or single[-1][0] != number:
                single.append((number, attrs))
        merged: dict[Any, Any] = {}
        for _number, attrs in single:
            merged.update(attrs)
        return (merged, single, multi, key)

    def __call__(self, doc: Doc) -> Doc:
        rows = [tuple(row) for row in doc.to_array(_ATTRS).tolist()]
        entries = [self._cache.get(row) or self._entry(doc, row) for row in rows]
        # Patterns of several tokens (rare): the tokens they change, with their rule numbers.
        extra: dict[int, list[_Single]] = {}
        for position, (_merged, _single, multi, _key) in enumerate(entries):
            for number, pattern, index, attrs in multi:
                end = position + len(pattern)
                if end <= len(entries) and all(
                    test(entries[position + offset][3])
                    for offset in range(1, len(pattern)) for test in pattern[offset]
                ):
                    target = position + index if index >= 0 else end + index
                    extra.setdefault(target, []).append((number, attrs))
        for position, (merged, single, _multi, _key) in enumerate(entries):
            more = extra.get(position)
            if more is None:
                if merged:
                    set_token_attrs(doc[position], merged)
                continue
            # spaCy applies matches in rule order: later rules overwrite earlier ones.
            for _number, attrs in sorted(single + more, key=lambda match: match[0]):
                set_token_attrs(doc[position], attrs)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@lru_cache(maxsize=4)
def compile_attribute_ruler(ruler: AttributeRuler) -> CompiledAttributeRuler | None:
    """The ruler's rules compiled for lookup, or None when one of them reads or sets an
    attribute, or uses an operator, this does not handle."""
    rules: list[_Rule] = []
    first_tokens: list[dict[str, Any]] = []
    for number, entry in enumerate(ruler.patterns):
        patterns = []
        for pattern in entry["patterns"]:
            tests = [_token_tests(token_pattern) for token_pattern in pattern]
            if not pattern or any(t is None for t in tests):
                return None
            patterns.append([t for t in tests if t is not None])
            first_tokens.append(pattern[0])
        if not set(ruler.attrs[number]) <= _SETTABLE:
            return None
        rules.append((number, patterns, int(entry["index"]), ruler.attrs[number]))
    return CompiledAttributeRuler(ruler, rules, first_tokens, _named_words(ruler.patterns))


def _named_words(patterns: Iterable[dict[str, Any]]
                 ) -> tuple[frozenset[str], list[re.Pattern[str]]] | None:
    """Every word a LOWER test of ``patterns`` names (equal, IN, NOT_IN) and the LOWER
    regexes: a word outside both answers every test as ``_ANY_WORD`` does. None when some
    LOWER test is of another kind, or a regex matches ``_ANY_WORD`` itself."""
    named: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    for entry in patterns:
        for pattern in entry["patterns"]:
            for token_pattern in pattern:
                value = token_pattern.get("LOWER")
                if value is None:
                    continue
                if isinstance(value, str):
                    named.add(value)
                elif isinstance(value, dict) and set(value) in ({"IN"}, {"NOT_IN"}):
                    named.update(next(iter(value.values())))
                elif isinstance(value, dict) and set(value) == {"REGEX"}:
                    regexes.append(re.compile(value["REGEX"]))
                else:
                    return None
    if _ANY_WORD in named or any(regex.search(_ANY_WORD) for regex in regexes):
        return None
    return frozenset(named), regexes
