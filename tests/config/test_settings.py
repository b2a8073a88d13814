"""Settings read from the environment under the names the README documents."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from config.settings import Settings


def test_question_processes_defaults_to_one_and_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ARTICLE_BOT_QUESTION_PROCESSES", raising=False)
    assert Settings(_env_file=None).question_processes == 1  # type: ignore[call-arg]
    monkeypatch.setenv("ARTICLE_BOT_QUESTION_PROCESSES", "0")
    assert Settings(_env_file=None).question_processes == 0  # type: ignore[call-arg]
    for wrong in ("-1", "2", "many"):
        monkeypatch.setenv("ARTICLE_BOT_QUESTION_PROCESSES", wrong)
        with pytest.raises(ValidationError):
            Settings(_env_file=None)  # type: ignore[call-arg]


def test_encoder_precision_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ARTICLE_BOT_ENCODER_PRECISION", raising=False)
    assert Settings(_env_file=None).encoder_precision == "int8"  # type: ignore[call-arg]
    monkeypatch.setenv("ARTICLE_BOT_ENCODER_PRECISION", "float32")
    assert Settings(_env_file=None).encoder_precision == "float32"  # type: ignore[call-arg]
    for wrong in ("int4", "float16", ""):
        monkeypatch.setenv("ARTICLE_BOT_ENCODER_PRECISION", wrong)
        with pytest.raises(ValidationError):
            Settings(_env_file=None)  # type: ignore[call-arg]
