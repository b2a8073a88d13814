"""Crash safety: SIGKILL a process while it writes, then reopen what it left.

``_crash_worker.py`` opens the library and ingests ~3,000-sentence articles and/or writes
votes from concurrent tasks, printing a line after every committed write. The test kills it
(``SIGKILL``: no cleanup, no atexit), then checks the files: SQLite's integrity check passes,
every article reported committed is wholly there, no article is partly there, every vote
reported committed is present, and the library opens and answers with an index that matches
the database (rebuilt when the saved one is stale).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import signal
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from config.settings import Settings
from retrieval.bm25_index import BM25Index
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.conftest import EVAL_ARTICLES, make_settings
from tests.reliability._helpers import consistency_problems

WORKER = Path(__file__).with_name("_crash_worker.py")
ROOT = Path(__file__).resolve().parents[2]
WORKER_SECONDS = 45.0


@dataclass
class Report:
    """What the worker said it committed before it died."""

    lines: list[str] = field(default_factory=list)
    articles: dict[int, tuple[int, str]] = field(default_factory=dict)  # id → (sentences, marker)
    votes: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # pair → values
    paused: bool = False

    def add(self, line: str) -> None:
        self.lines.append(line)
        parts = line.split()
        if parts[:1] == ["ARTICLE"]:
            self.articles[int(parts[1])] = (int(parts[2]), parts[3])
        elif parts[:1] == ["VOTE"]:
            self.votes.setdefault((int(parts[1]), int(parts[2])), []).append(int(parts[3]))
        elif parts[:1] == ["PAUSED"]:
            self.paused = True

    @property
    def n_votes(self) -> int:
        return sum(len(v) for v in self.votes.values())


async def run_and_kill(db_path: Path, mode: str, until: Callable[[Report], bool], *,
                       pause: str | None = None, extra_delay: float = 0.0,
                       timeout: float = 40.0) -> Report:
    """Start the worker, read its reports until ``until(report)``, wait ``extra_delay``
    (still reading), then SIGKILL it."""
    args = [sys.executable, str(WORKER), str(db_path), mode, "--seconds", str(WORKER_SECONDS)]
    if pause:
        args += ["--pause", pause]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    process = await asyncio.create_subprocess_exec(
        *args, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    report = Report()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    killed = False
    try:
        while not until(report):
            line = await asyncio.wait_for(process.stdout.readline(),
                                          timeout=max(deadline - loop.time(), 0.01))
            if not line:
                err = await process.stderr.read()
                raise AssertionError(f"worker ended early: {report.lines[-5:]}\n{err.decode()}")
            report.add(line.decode().strip())
        stop = loop.time() + extra_delay
        while loop.time() < stop:
            try:
                line = await asyncio.wait_for(process.stdout.readline(),
                                              timeout=max(stop - loop.time(), 0.001))
            except TimeoutError:
                break
            if line:
                report.add(line.decode().strip())
        os.kill(process.pid, signal.SIGKILL)
        killed = True
        # what was written to the pipe before the kill was committed before it was printed
        rest = await asyncio.wait_for(process.stdout.read(), timeout=10)
        for line in rest.decode().splitlines():
            report.add(line.strip())
    finally:
        if not killed:  # (Popen.kill() after our SIGKILL would reap the child itself)
            os.kill(process.pid, signal.SIGKILL)
        await asyncio.wait_for(process.wait(), timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert "DONE" not in report.lines
    return report


def check_committed(db_path: Path, report: Report) -> None:
    problems = consistency_problems(db_path)
    assert not problems, problems
    with sqlite3.connect(db_path) as con:
        for article_id, (sentences, marker) in report.articles.items():
            row = con.execute("SELECT sentence_count, body FROM articles WHERE id = ?",
                              (article_id,)).fetchone()
            assert row is not None, f"article {article_id} was reported committed but is gone"
            assert row[0] == sentences and marker in row[1]
        for (message_id, user_id), values in report.votes.items():
            row = con.execute("SELECT vote FROM feedback WHERE message_id = ? AND user_id = ?",
                              (message_id, user_id)).fetchone()
            assert row is not None, f"vote {message_id}/{user_id} reported committed but is gone"
            # the last reported value, or the change the worker was making when it died
            assert row[0] == values[-1] or (values == [1] and row[0] == -1), (values, row)
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    # at most one more article than reported: the one committed just before the kill
    assert len(report.articles) <= n_articles <= len(report.articles) + 1


def check_saved_index_label(db_path: Path) -> None:
    """A saved index labelled with the database's generation must hold every sentence."""
    generation_file = Path(str(db_path) + ".index.generation")
    index_dir = Path(str(db_path) + ".index")
    if not generation_file.exists() or not index_dir.exists():
        return
    with sqlite3.connect(db_path) as con:
        generation = con.execute(
            "SELECT value FROM meta WHERE key = 'index_generation'").fetchone()[0]
        sentences = con.execute("SELECT count(*) FROM sentences").fetchone()[0]
    if generation_file.read_text().strip() == str(generation):
        assert BM25Index.load(index_dir).n_docs == sentences


async def check_reopens_and_answers(db_path: Path, report: Report) -> None:
    check_saved_index_label(db_path)
    settings = Settings(_env_file=None, db_path=db_path,  # type: ignore[call-arg]
                        seeds_dir=db_path.parent / "no-seeds")
    async with await ArticleLibrary.open(settings, ingest_seeds=False) as library:
        assert await library.store.integrity_check() == "ok"
        rows = await library.articles(Scope.all())
        with sqlite3.connect(db_path) as con:
            sentences = con.execute("SELECT count(*) FROM sentences").fetchone()[0]
        assert library.index.n_docs == sentences
        assert sorted(library.index.groups()) == [row.id for row in rows]
        for article_id, (_, marker) in list(report.articles.items())[-2:]:
            result = await library.ask(f"Which turbine passed the {marker} test?", Scope.all())
            assert result.answers, result.reason
            assert result.answers[0].article.id == article_id
            assert marker in result.answers[0].text
        await library.wait_saved()
        generation = await library.store.index_generation()
        assert Path(str(db_path) + ".index.generation").read_text().strip() == str(generation)
        # and the database still takes writes
        await library.record_feedback(message_id=1, guild_id=None, user_id=1, sentence_id=None,
                                      question="q", vote=1)


# -- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("pause", ["midway", "commit"])
async def test_kill_inside_a_large_article_transaction(tmp_path: Path, pause: str) -> None:
    """Killed with the third 3,000-sentence article half inserted / about to commit."""
    db_path = tmp_path / "crash.sqlite3"
    report = await run_and_kill(db_path, "ingest", lambda r: r.paused, pause=pause)
    assert len(report.articles) == 2
    check_committed(db_path, report)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    await check_reopens_and_answers(db_path, report)


async def test_kill_while_concurrent_tasks_vote(tmp_path: Path) -> None:
    db_path = tmp_path / "votes.sqlite3"
    delay = random.Random().uniform(0.0, 0.3)
    report = await run_and_kill(db_path, "votes", lambda r: r.n_votes >= 300,
                                extra_delay=delay)
    assert report.n_votes >= 300
    check_committed(db_path, report)
    await check_reopens_and_answers(db_path, report)


async def test_kill_while_votes_arrive_during_an_article_transaction(tmp_path: Path) -> None:
    """Votes keep coming (other tasks, same connection) while an article's transaction is
    open; a kill then must not leave half of that article committed by a vote's COMMIT."""
    db_path = tmp_path / "mixed.sqlite3"
    report = await run_and_kill(db_path, "mixed", lambda r: r.paused, pause="midway",
                                extra_delay=0.5)
    assert len(report.articles) == 2 and report.n_votes > 0
    check_committed(db_path, report)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    await check_reopens_and_answers(db_path, report)


async def test_kill_at_a_random_moment_of_mixed_writes(tmp_path: Path) -> None:
    db_path = tmp_path / "random.sqlite3"
    delay = random.Random().uniform(0.0, 1.5)
    report = await run_and_kill(db_path, "mixed", lambda r: len(r.articles) >= 1,
                                extra_delay=delay)
    check_committed(db_path, report)
    await check_reopens_and_answers(db_path, report)


# -- the saved index after a crash, deterministically ------------------------------------------


def crash_image(settings: Settings, into: Path) -> Settings:
    """Copy the database (with its WAL) and the saved index as they are on disk now: what a
    process killed at this moment leaves behind."""
    into.mkdir()
    db = Path(settings.db_path)
    for suffix in ("", "-wal", ".index.generation"):
        source = Path(str(db) + suffix)
        if source.exists():
            shutil.copy2(source, into / (db.name + suffix))
    index_dir = Path(str(db) + ".index")
    if index_dir.exists():
        shutil.copytree(index_dir, into / (db.name + ".index"))
    return make_settings(into, db_path=into / db.name)


async def test_index_saved_mid_ingest_is_not_taken_for_the_new_generation(
    tmp_path: Path,
) -> None:
    """The background save of the index may run after an article is committed but before it
    is added to the index. A crash right then must not leave a saved index that claims the new
    generation without holding the new article (it would be loaded, not rebuilt, and the
    article could never be found)."""
    settings = make_settings(tmp_path / "live")
    library = await ArticleLibrary.open(settings)  # seeds: generation 1, index saved
    try:
        await library.wait_saved()
        load_bundle = library.store.load_bundle
        images: list[Settings] = []

        async def after_commit_before_index(article_id: int) -> Any:
            if not images:  # only for the new article, right after its commit
                library._index.schedule_save()  # the save queued earlier gets its turn now
                await library.wait_saved()
                images.append(crash_image(settings, tmp_path / "crash"))
            return await load_bundle(article_id)

        library.store.load_bundle = after_commit_before_index  # type: ignore[method-assign]
        added = await library.ingest_path(EVAL_ARTICLES[1])
        library.store.load_bundle = load_bundle  # type: ignore[method-assign]
    finally:
        await library.close()
    check_saved_index_label(images[0].db_path)
    async with await ArticleLibrary.open(images[0]) as reopened:
        rows = await reopened.articles(Scope.all())
        assert added.article.id in [row.id for row in rows]
        assert added.article.id in reopened.index.groups()
        with sqlite3.connect(images[0].db_path) as con:
            assert reopened.index.n_docs == con.execute(
                "SELECT count(*) FROM sentences").fetchone()[0]
        title_words = re.findall(r"[A-Za-z]{5,}", added.article.title)[:3]
        result = await reopened.ask(" ".join(title_words), Scope.all(),
                                    article_id=added.article.id)
        assert result.answers or result.closest
