"""The per-user question budget shared by /ask and mentions."""

from __future__ import annotations

from bot.ratelimit import QuestionBudget


def test_budget_allows_rate_then_says_how_long_to_wait() -> None:
    now = [100.0]
    budget = QuestionBudget(2, 30.0, clock=lambda: now[0])
    assert budget.take(1) == 0.0
    assert budget.take(1) == 0.0
    assert budget.take(1) == 30.0
    assert budget.take(2) == 0.0  # other users are unaffected
    now[0] += 10
    assert budget.take(1) == 20.0
    now[0] += 20
    assert budget.take(1) == 0.0
