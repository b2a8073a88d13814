"""A process for ``test_crash_safety.py`` to SIGKILL while it writes to the library.

    python tests/reliability/_crash_worker.py DB_PATH MODE [--pause WHERE] [--seconds N]

MODE is ``ingest`` (large generated articles, one after another), ``votes`` (feedback votes
from concurrent tasks) or ``mixed`` (both at once). Every committed write is reported on stdout,
one line each, flushed, *after* the call that committed it returned:

    READY
    ARTICLE <id> <sentence_count> <marker>
    VOTE <message_id> <user_id> <vote>
    PAUSED <where>

``--pause midway`` stops (sleeps, keeping the event loop running) once the third article's
sentence rows are written and before its entities, inside its transaction; ``--pause commit``
stops just before that transaction's COMMIT. The test kills the process while it is paused, so
the kill lands inside an open write transaction every time. Every loop here is bounded in count
and in time (``--seconds``, default 60): the worker exits on its own if nobody kills it.

Only spaCy's paragraph analysis is cached (each article repeats a few dozen distinct
paragraphs, analysed once), so a 3,000-sentence article takes about a second, not twenty; what
is stored, and how, is the library's own code path.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config.settings import Settings  # noqa: E402
from retrieval import library_ingest  # noqa: E402
from retrieval.analysis import analyse_docs  # noqa: E402
from retrieval.service import ArticleLibrary  # noqa: E402

#: Article 3 (1-based) is the one paused in; articles 1 and 2 are committed before it.
PAUSE_ARTICLE = 3
PARAGRAPHS = 300
SENTENCES_PER_PARAGRAPH = 10
MAX_ARTICLES = 40
VOTE_TASKS = 6
MAX_VOTES_PER_TASK = 20_000
PEOPLE = ["Lena Holm", "Karl Aune", "Maria Lund", "Omar Said", "Ivo Berg", "Ana Petrov"]
PLACES = ["Varde", "Bergen", "Tromso", "Lyon", "Porto", "Gdansk"]
ORGS = ["the Nordic Power Company", "the Red Cross", "Reuters", "the city council"]


def emit(line: str) -> None:
    print(line, flush=True)


def marker(number: int) -> str:
    """A word that occurs in article ``number`` only (in its first paragraph)."""
    return f"zorblax{number:03d}"


def template_paragraph(index: int) -> str:
    sentences = []
    for j in range(SENTENCES_PER_PARAGRAPH):
        person = PEOPLE[(index + j) % len(PEOPLE)]
        place = PLACES[(index * 3 + j) % len(PLACES)]
        org = ORGS[(index + 2 * j) % len(ORGS)]
        sentences.append(
            f"{person} of {org} said that {index * 10 + j + 12} workers in {place} finished "
            f"section {index}-{j} of the new bridge on Tuesday."
        )
    return " ".join(sentences)


TEMPLATES = [template_paragraph(i) for i in range(30)]


def article_text(number: int) -> str:
    """~3,000 sentences: a unique first paragraph, then the templates repeated."""
    first = (
        f"The inspector confirmed that the {marker(number)} turbine in Varde passed its final "
        f"test on Monday, article {number} reported."
    )
    paragraphs = [first] + [TEMPLATES[i % len(TEMPLATES)] for i in range(PARAGRAPHS - 1)]
    return f"Bridge report number {number}\n\n" + "\n\n".join(paragraphs) + "\n"


_docs: dict[str, object] = {}


def cached_analyse_article(nlp, parsed):  # type: ignore[no-untyped-def]
    """``analysis.analyse_article`` with each distinct paragraph run through spaCy once."""
    texts = [parsed.paragraph_text(i) for i in range(len(parsed.paragraphs))]
    missing = [t for t in dict.fromkeys(texts) if t not in _docs]
    for text, doc in zip(missing, nlp.pipe(missing, batch_size=64), strict=True):
        _docs[text] = doc
    title_doc = nlp(parsed.title) if parsed.title else None
    return analyse_docs(parsed, [_docs[t] for t in texts], title_doc)


def install_pause(library: ArticleLibrary, where: str, number: list[int]) -> None:
    """Stop inside the write transaction of article ``PAUSE_ARTICLE``."""
    db = library.store._db
    original_execute = db.execute
    original_executemany = db.executemany
    original_commit = db.commit
    state = {"in_article": False}

    async def pause() -> None:
        emit(f"PAUSED {where}")
        await asyncio.sleep(60)

    def execute(sql: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if sql.startswith("INSERT INTO articles"):
            state["in_article"] = number[0] == PAUSE_ARTICLE
        return original_execute(sql, *args, **kwargs)

    def executemany(sql: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if state["in_article"] and where == "midway" and sql.startswith(
            "INSERT INTO entities"  # sentences written, entities not yet
        ):
            state["in_article"] = False  # once
            async def paused_then_execute():  # type: ignore[no-untyped-def]
                await pause()
                return await original_executemany(sql, *args, **kwargs)

            return paused_then_execute()
        return original_executemany(sql, *args, **kwargs)

    async def commit() -> None:
        if state["in_article"] and where == "commit":
            state["in_article"] = False
            await pause()
        await original_commit()

    db.execute = execute  # type: ignore[method-assign]
    db.executemany = executemany  # type: ignore[method-assign]
    db.commit = commit  # type: ignore[method-assign]


async def ingest_loop(library: ArticleLibrary, deadline: float, number: list[int]) -> None:
    for n in range(1, MAX_ARTICLES + 1):
        if time.monotonic() > deadline:
            return
        number[0] = n
        result = await library.ingest_text(article_text(n))
        emit(f"ARTICLE {result.article.id} {result.article.sentence_count} {marker(n)}")


async def vote_loop(library: ArticleLibrary, task: int, deadline: float) -> None:
    """Each pair (message, user) is voted up, then changed to down: both are reported."""
    for i in range(MAX_VOTES_PER_TASK):
        if time.monotonic() > deadline:
            return
        message_id, user_id = 10_000_000 * (task + 1) + i, 1000 + task
        for vote in (1, -1):
            await library.record_feedback(message_id=message_id, guild_id=42, user_id=user_id,
                                          sentence_id=None, question=f"q{task}-{i}", vote=vote)
            emit(f"VOTE {message_id} {user_id} {vote}")
        await asyncio.sleep(0)


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db_path", type=Path)
    parser.add_argument("mode", choices=["ingest", "votes", "mixed"])
    parser.add_argument("--pause", choices=["midway", "commit"])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds
    library_ingest.analyse_article = cached_analyse_article  # type: ignore[assignment]
    settings = Settings(_env_file=None, db_path=args.db_path,  # type: ignore[call-arg]
                        seeds_dir=args.db_path.parent / "no-seeds")
    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    number = [0]
    if args.pause:
        install_pause(library, args.pause, number)
    await library.nlp()
    emit("READY")
    jobs = []
    if args.mode in ("ingest", "mixed"):
        jobs.append(ingest_loop(library, deadline, number))
    if args.mode in ("votes", "mixed"):
        jobs.extend(vote_loop(library, task, deadline) for task in range(VOTE_TASKS))
    try:
        await asyncio.wait_for(asyncio.gather(*jobs), timeout=args.seconds + 5)
    finally:
        await library.close()
    emit("DONE")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
