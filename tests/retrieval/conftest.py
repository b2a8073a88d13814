"""Fixtures of the answer-rule tests: the articles they ask about, ingested, and a
library without the sentence model."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from retrieval.service import ArticleLibrary
from tests.conftest import make_settings
from tests.retrieval.answer_helpers import FACTORY, MUSEUM, STRIKE


@pytest.fixture
async def museum(empty_library: ArticleLibrary) -> tuple[ArticleLibrary, int]:
    result = await empty_library.ingest_text(MUSEUM)
    return empty_library, result.article.id


@pytest.fixture
async def rules_only(tmp_path: Path) -> AsyncIterator[ArticleLibrary]:
    """A library without the sentence model: what the rules alone choose."""
    library = await ArticleLibrary.open(make_settings(tmp_path, semantic_rerank=False),
                                        ingest_seeds=False)
    try:
        yield library
    finally:
        await library.close()


@pytest.fixture
async def strike(empty_library: ArticleLibrary) -> tuple[ArticleLibrary, int]:
    result = await empty_library.ingest_text(STRIKE)
    return empty_library, result.article.id


@pytest.fixture
async def factory(empty_library: ArticleLibrary) -> tuple[ArticleLibrary, int]:
    result = await empty_library.ingest_text(FACTORY)
    return empty_library, result.article.id
