"""Shared fixtures: settings on a temporary database, an opened library, the seed article."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from config.settings import PROJECT_ROOT, Settings
from tests.discord_standin.fixtures import standin, standin_guild  # noqa: F401

if TYPE_CHECKING:
    from retrieval.service import ArticleLibrary

SEED_DIR = PROJECT_ROOT / "seeds"
SEED_FILE = sorted(SEED_DIR.glob("*.txt"))[0]
DATA_DIR = PROJECT_ROOT / "tests" / "data"
EVAL_ARTICLES = sorted((DATA_DIR / "articles").glob("*.txt"))


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings isolated from the developer's environment and .env file."""
    # No question worker process unless a test asks for one: spawning one costs ~2 s.
    values: dict[str, object] = {"db_path": tmp_path / "test.sqlite3", "seeds_dir": SEED_DIR,
                                 "question_processes": 0}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
async def library(settings: Settings) -> AsyncIterator[ArticleLibrary]:
    from retrieval.service import ArticleLibrary

    lib = await ArticleLibrary.open(settings)
    try:
        yield lib
    finally:
        await lib.close()


@pytest.fixture
async def empty_library(settings: Settings) -> AsyncIterator[ArticleLibrary]:
    from retrieval.service import ArticleLibrary

    lib = await ArticleLibrary.open(settings, ingest_seeds=False)
    try:
        yield lib
    finally:
        await lib.close()
