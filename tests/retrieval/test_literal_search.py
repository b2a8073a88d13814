"""The literal searches find what the per-name patterns they replace found."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from retrieval.analysis import _names_within, _word_starts_of
from retrieval.literal_search import NO_WORD_AFTER, NO_WORD_BEFORE, matches_of

#: Word characters, hyphens, spaces and capitals: what the lookarounds tell apart.
_TEXT = st.text(alphabet="aAbB- .\t_é1", max_size=40)
_LITERAL = st.text(alphabet="aAbB- .é", min_size=1, max_size=5)

_AROUND = [
    (NO_WORD_BEFORE, NO_WORD_AFTER),
    (re.compile(r"(?<![\w-])"), re.compile(r"(?![\w-])")),
    (NO_WORD_BEFORE, re.compile(r"(?!\w)(?![ \t]+[A-Z&])")),
]


@given(_TEXT, _LITERAL, st.sampled_from(_AROUND))
def test_matches_of_is_the_pattern_around_the_literal(text: str, literal: str, around) -> None:
    before, after = around
    pattern = re.compile(before.pattern + re.escape(literal) + after.pattern)
    expected = [match.start() for match in pattern.finditer(text)]
    assert matches_of(text, literal, before, after) == expected


@given(_TEXT, st.lists(_LITERAL, min_size=1, max_size=4, unique=True), st.data())
def test_names_within_is_the_alternation_longest_first(text: str, names: list[str], data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    names.sort(key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, start, end)]
    found = _word_starts_of(text, names)
    assert list(_names_within(text, found, start, end)) == expected


def test_a_name_inside_a_longer_word_is_no_match() -> None:
    assert matches_of("Korea University, Korean", "Korea", NO_WORD_BEFORE, NO_WORD_AFTER) == [0]
