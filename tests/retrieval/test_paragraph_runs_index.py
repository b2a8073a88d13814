"""Migration 3's covering index for the paragraph runs: a database made before it gets the
index on its next open, the runs query reads it alone, and every answer stays the same."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import retrieval.store as store_module
from retrieval import answer_path
from retrieval.migrations import MIGRATIONS
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from retrieval.stored_bundles import PARAGRAPH_RUNS_SQL
from tests.conftest import EVAL_ARTICLES, make_settings
from tests.retrieval.test_partial_bundles import _answers

ARTICLES = EVAL_ARTICLES[:3]
INDEX = "sentences_paragraph_runs"


def _questions() -> list[str]:
    out = []
    for path in ARTICLES:
        data = json.loads(path.with_suffix(".questions.json").read_text())
        out.extend(item["q"] for item in data["questions"])
    return out


def _runs_and_plan(db: Path) -> tuple[list[tuple[object, ...]], str]:
    """Every article's paragraph runs as the answer path reads them, and the query plan."""
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id")]
        sql = PARAGRAPH_RUNS_SQL.format(marks=", ".join("?" * len(ids)))
        runs = connection.execute(sql, ids).fetchall()
        plan = " ".join(row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", ids))
    return runs, plan


def _indexes(db: Path) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}


async def _ask_all(library: ArticleLibrary) -> list[tuple[object, ...]]:
    library._bundle_cache.clear()  # read every candidate's runs from this database
    return [_answers(await library.ask(q, Scope.all())) for q in _questions()]


async def test_an_old_database_gets_the_index_and_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MIGRATIONS[2][0] == 3 and INDEX in MIGRATIONS[2][2]
    # partial bundles (which read the runs) for every scope, however small
    monkeypatch.setattr(answer_path, "WHOLE_SCOPE_SENTENCES", 0)
    settings = make_settings(tmp_path)
    with monkeypatch.context() as before:
        before.setattr(store_module, "MIGRATIONS", MIGRATIONS[:2])
        library = await ArticleLibrary.open(settings, ingest_seeds=False)
        try:
            for path in ARTICLES:
                await library.ingest_path(path)
            old_answers = await _ask_all(library)
            assert await library.store.schema_version() == 2
        finally:
            await library.close()
    db = Path(settings.db_path)
    assert INDEX not in _indexes(db)
    old_runs, old_plan = _runs_and_plan(db)
    assert "COVERING" not in old_plan

    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    try:
        assert await library.store.schema_version() == MIGRATIONS[-1][0]
        new_answers = await _ask_all(library)
    finally:
        await library.close()
    assert INDEX in _indexes(db)
    new_runs, new_plan = _runs_and_plan(db)
    assert f"COVERING INDEX {INDEX}" in new_plan
    assert new_runs == old_runs
    assert new_answers == old_answers
