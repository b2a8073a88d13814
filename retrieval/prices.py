"""Questions that ask for a price or a sum paid, and sentences that state a sum of money.

"How much were the hackers asking for the data?" asks for money; so do "how much does a dozen
eggs cost" and "how much is Kinabalu Air paying for the jets". A sentence about the data or
the jets with some other number in it ("the first seven digits", "7 billion eggs a year")
covers the question's words and has a number, so coverage and the answer type let it through.
A sentence that answers says a sum: a currency sign or a monetary unit ("1.2 billion euros",
"15,000 lari", "$75"; ``answer_spans.states_a_sum``, beside the other tests for money).
"""

from __future__ import annotations

import re

#: "how much … cost / pay / charge / asking for / worth / spend / lend / invest / owe":
#: a sum of money is asked. "How much more snow" or "how much water" is not.
_ASKS_PRICE = re.compile(
    r"^\s*how\s+much\s+(?:money\s+)?(?:(?:is|was|are|were|does|did|do|will|would|has|have|"
    r"had|could|can)\b.*?\b)?(?:cost(?:s|ing)?|pa(?:y|ys|id|ying)|charg(?:e|es|ed|ing)|"
    r"ask(?:s|ed|ing)?\s+for|worth|spen(?:d|ds|t|ding)|lend(?:s|ing)?|lent|invest(?:s|ed|ing)?|"
    r"owe(?:s|d)?|earn(?:s|ed|ing)?|sel(?:l|ls|ling)\s+for|sold\s+for|fetch(?:ed)?)\b",
    re.IGNORECASE)


def price_asked(question: str) -> bool:
    """Whether the question asks how much money something costs, is paid or is worth."""
    return _ASKS_PRICE.search(question) is not None
