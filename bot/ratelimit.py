"""One question budget per user, shared by /ask and mentions (so neither path doubles it)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class QuestionBudget:
    """At most ``rate`` questions per ``per`` seconds for each user (a sliding window)."""

    def __init__(self, rate: int, per: float, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.per = per
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}

    def take(self, user_id: int) -> float:
        """Spend one question; 0.0 when allowed, else the seconds until the next one is."""
        now = self._clock()
        stamps = self._asked.setdefault(user_id, deque())
        while stamps and now - stamps[0] >= self.per:
            stamps.popleft()
        if len(stamps) >= self.rate:
            return self.per - (now - stamps[0])
        stamps.append(now)
        if len(self._asked) > 50_000:
            self._forget_idle(now)
        return 0.0

    def _forget_idle(self, now: float) -> None:
        for user_id in [u for u, s in self._asked.items() if not s or now - s[-1] >= self.per]:
            del self._asked[user_id]
