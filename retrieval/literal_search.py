"""Where a name occurs as a whole word in an article, without a regular expression per name.

The entity rules ask where each name of an article stands alone in its text. A pattern built
around each name is new for nearly every name of every article, so ``re`` compiles it each
time (in Python, slower than the search itself). Here ``str.find`` finds the name and fixed,
compiled zero-width patterns test what stands around it: the same matches as the pattern
``before + re.escape(name) + after`` (the tests compare them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: No word character right before, or right after.
NO_WORD_BEFORE = re.compile(r"(?<!\w)")
NO_WORD_AFTER = re.compile(r"(?!\w)")


def starts_of(text: str, literal: str) -> Iterator[int]:
    """Every index where ``literal`` (not empty) starts in ``text``, overlapping ones too."""
    at = text.find(literal)
    while at >= 0:
        yield at
        at = text.find(literal, at + 1)


def matches_of(
    text: str, literal: str, before: re.Pattern[str], after: re.Pattern[str]
) -> list[int]:
    """The starts of the matches ``re.finditer`` gives for ``before + re.escape(literal) +
    after``, where ``before`` and ``after`` match only the empty string (lookarounds): left to
    right, not overlapping."""
    found: list[int] = []
    free = 0  # where the match after the last one may start
    for at in starts_of(text, literal):
        end = at + len(literal)
        if at >= free and before.match(text, at) and after.match(text, end):
            found.append(at)
            free = end
    return found
