"""Stored articles are analysed again when the analysis rules change (ANALYSIS_VERSION), and
only then: an upgrade improves old articles, a plain restart does not re-run spaCy."""

from __future__ import annotations

import sqlite3

from config.settings import Settings
from retrieval.analysis import ANALYSIS_VERSION
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary

ARTICLE = """---
title: Harbour bridge reopens
---
The harbour bridge in Tornby reopened on Friday after a year of repairs.

A neighbour called the police when a lorry blocked the front entrance, the council said.
"""


def _damage(settings: Settings, version: int) -> None:
    """Make the stored analysis look like the work of other rules: no terms, no entities."""
    with sqlite3.connect(settings.db_path) as db:
        db.execute("UPDATE sentences SET tokens = 'stale'")
        db.execute("DELETE FROM entities")
        db.execute("UPDATE meta SET value = ? WHERE key = 'analysis_version'", (str(version),))


async def test_articles_are_analysed_again_after_the_rules_change(settings: Settings) -> None:
    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    article = (await library.ingest_text(ARTICLE)).article
    await library.close()
    _damage(settings, ANALYSIS_VERSION - 1)

    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    try:
        assert await library.store.analysis_version() == ANALYSIS_VERSION
        bundle = await library.bundle(article.id)  # same id: feedback and scopes still hold
        assert all("stale" not in s.terms for s in bundle.sentences)
        assert any("call" in s.terms for s in bundle.sentences)
        assert bundle.entities
        result = await library.ask("Who called the police?", Scope.all(), article_id=article.id)
        assert not result.abstained, result.reason
        assert "neighbour called the police" in result.answers[0].text
    finally:
        await library.close()


async def test_a_restart_with_current_rules_keeps_the_stored_analysis(
        settings: Settings) -> None:
    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    await library.ingest_text(ARTICLE)
    await library.close()
    _damage(settings, ANALYSIS_VERSION)

    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    try:
        with sqlite3.connect(settings.db_path) as db:
            tokens = {row[0] for row in db.execute("SELECT tokens FROM sentences")}
        assert tokens == {"stale"}
    finally:
        await library.close()


async def test_a_new_database_starts_at_the_current_rules(settings: Settings) -> None:
    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    try:
        assert await library.store.analysis_version() == ANALYSIS_VERSION
    finally:
        await library.close()


async def test_a_big_library_waits_for_the_operator_to_ask(
        settings: Settings, monkeypatch) -> None:
    import retrieval.reanalysis as reanalysis

    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    article = (await library.ingest_text(ARTICLE)).article
    await library.close()
    _damage(settings, ANALYSIS_VERSION - 1)
    # more stored sentences than a start may take the time to analyse
    monkeypatch.setattr(reanalysis, "REANALYSE_AT_START_SENTENCES", 1)

    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    try:
        assert await library.store.analysis_version() == ANALYSIS_VERSION - 1
        assert await library.reanalyse() == 1
        assert await library.store.analysis_version() == ANALYSIS_VERSION
        result = await library.ask("Who called the police?", Scope.all(), article_id=article.id)
        assert not result.abstained, result.reason
    finally:
        await library.close()


def test_the_reanalyse_command_reports_what_it_did(settings: Settings, capsys) -> None:
    import asyncio

    from bot.cli import main

    async def prepare() -> None:
        library = await ArticleLibrary.open(settings, ingest_seeds=False)
        await library.ingest_text(ARTICLE)
        await library.close()

    asyncio.run(prepare())
    _damage(settings, ANALYSIS_VERSION)
    assert main(["--db", str(settings.db_path), "reanalyse"]) == 0
    assert "Analysed 1 article again" in capsys.readouterr().out
    with sqlite3.connect(settings.db_path) as db:
        tokens = {row[0] for row in db.execute("SELECT tokens FROM sentences")}
    assert "stale" not in tokens
