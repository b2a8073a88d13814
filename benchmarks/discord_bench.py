"""The product bot end to end through the local Discord stand-in (127.0.0.1 only).

(a) **/ask latency** at 1, 10 and 50 concurrent askers (distinct users, a cooldown too
    generous to trigger): from ``send_slash_command`` to the moment the stand-in records the
    final answer (the callback message, or the edit/followup after a defer), closed loop; and
    the event-loop lag meanwhile (a task sleeping 5 ms in a loop records its overshoot).
    Bot, stand-in and library share one event loop and process, as in the tests; with
    ``--bot-process`` the bot runs alone in a process of its own
    (``benchmarks.discord_bot_child``), as it does in production, and the loop lag and the
    bot's CPU are measured there.
(b) **Reliability load**: 200 interactions from 50 users in 3 servers, pushed within a few
    seconds — /ask, button clicks (👍/👎 votes by the askers, votes by others, Another match,
    Context), /entities, and one user flooding /ask — with the product's cooldown (5 per
    30 s). Recorded and checked: every interaction acknowledged (reply or defer) inside
    Discord's 3 s, every one given a final answer, no unexpected error, the flood cut off by
    the cooldown with a polite ephemeral reply while nobody else is, and every vote stored
    (rows in the feedback table vs votes sent).

(c) **Bot cold start** (``--cold-start N``): ``python -m bot run`` as a fresh process on a
    copy of the same library, configured through the environment like a deployment: the time
    from spawn to the commands synced, to the gateway session live (ready), to the first
    /ask answered, and to the question worker's "ready" log line.

All run with the product's ``question_processes`` setting (default 1: questions read in a
worker process once it is ready; the benchmark waits for it before warming the caches), or
the one given with ``--question-processes N`` (0: in the bot process, as before issue #6).
The JSON records the setting, how many question batches each side read, the CPU time per
answer of this process and of the worker, and their memory.

Run: ``python -m benchmarks.discord_bench [--smoke] [--question-processes N] [--bot-process]
[--cold-start N] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import (
    Deadline,
    bench_settings,
    copy_database,
    histogram_ms,
    load_question_sets,
    loop_lag_probe,
    ms_per_answer,
    peak_rss_mb,
    process_cpu_s,
    process_rss_mb,
    real_library_db,
    summarise_ms,
    write_json,
)
from config.settings import PROJECT_ROOT, Settings
from retrieval.scope import Scope

#: Discord's deadline for the first response to an interaction.
ACK_DEADLINE_S = 3.0
#: Names of the tasks discord.py runs commands, views and events in (awaited before closing).
_BOT_TASK_PREFIXES = ("CommandTree-invoker", "discord-ui-view-dispatch", "discord.py: ")
ENTITY_TYPES = ("person", "place", "organization", "all", "group", "date")


# -- timing what the stand-in records ----------------------------------------------------------


@dataclass
class Timed:
    """One interaction sent, with when the stand-in recorded each thing the bot did."""

    kind: str
    user_id: int
    sent_at: float
    record: Any = None
    events: list[tuple[str, int | None, float]] = field(default_factory=list)
    reply: Any = None
    error: str | None = None

    @property
    def initial(self) -> float | None:
        for kind, _type, at in self.events:
            if kind == "callback":
                return at - self.sent_at
        return None

    @property
    def final(self) -> float | None:
        deferred = False
        for kind, callback_type, at in self.events:
            if kind == "callback":
                if callback_type in (5, 6):
                    deferred = True
                    continue
                return at - self.sent_at
            if deferred and kind in ("edit_original", "followup"):
                return at - self.sent_at
        return None

    @property
    def deferred(self) -> bool:
        return any(kind == "callback" and t in (5, 6) for kind, t, _ in self.events)

    def text(self) -> str:
        if self.reply is None:
            return ""
        parts = [self.reply.content or ""]
        for embed in self.reply.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
        return "\n".join(parts)


def _stamp(timed: Timed, record: Any) -> None:
    """Record the loop time of every event the stand-in appends to this interaction."""
    loop = asyncio.get_running_loop()
    timed.record = record
    journal = record.events
    for event in list(journal.items):  # already there (rare): stamp now, an upper bound
        timed.events.append((event.kind, event.body.get("type"), loop.time()))
    original = journal.append

    def append(event: Any) -> None:
        timed.events.append((event.kind, event.body.get("type"), loop.time()))
        original(event)

    journal.append = append


#: The settings a bot child takes from this process's environment, so that the reranker
#: can be measured with and without the sentence-similarity model, and the model with float32
#: or int8 weights.
PASSED_SETTINGS = ("ARTICLE_BOT_SEMANTIC_RERANK", "ARTICLE_BOT_ENCODER_PRECISION")


def _child_environment() -> dict[str, str]:
    """This process's environment without the developer's bot settings and token (the
    children are configured explicitly), ``PASSED_SETTINGS`` excepted."""
    return {key: value for key, value in os.environ.items()
            if (not key.startswith("ARTICLE_BOT_") or key in PASSED_SETTINGS)
            and key != "DISCORD_TOKEN"}


async def _send(standin: Any, timed: Timed, make: Callable[[], Any], timeout: float) -> Timed:
    """Send one interaction (``make`` returns the stand-in coroutine) and await its answer."""
    timed.sent_at = asyncio.get_running_loop().time()
    try:
        record = await make()
        _stamp(timed, record)
        timed.reply = await standin.wait_for_interaction_response(record, timeout=timeout)
    except (AssertionError, LookupError) as error:
        timed.error = str(error).splitlines()[0][:200]
    return timed


def _buttons(components: list[dict[str, Any]]) -> dict[str, str]:
    """custom_id of every button by label, or by emoji when it has no label."""
    found = {}
    for row in components or []:
        for item in row.get("components", []):
            if item.get("type") == 2 and "custom_id" in item:
                key = item.get("label") or (item.get("emoji") or {}).get("name", "")
                found[key] = item["custom_id"]
    return found


async def _settle(timeout: float = 10.0) -> None:
    current = asyncio.current_task()
    pending = [
        t
        for t in asyncio.all_tasks()
        if t is not current and not t.done() and t.get_name().startswith(_BOT_TASK_PREFIXES)
    ]
    if pending:
        await asyncio.wait(pending, timeout=timeout)


# -- the world ---------------------------------------------------------------------------------


@dataclass
class World:
    standin: Any
    guilds: list[Any]
    users: list[Any]


@contextlib.asynccontextmanager
async def stand_in(n_users: int, n_guilds: int) -> AsyncIterator[World]:
    """A stand-in with ``n_guilds`` guilds; every user is a plain member of every guild."""
    from bot.discord_endpoints import configure_discord_endpoints, current_discord_endpoints
    from tests.discord_standin import DiscordStandIn

    previous = current_discord_endpoints()
    async with DiscordStandIn() as standin:
        configure_discord_endpoints(standin.api_base, standin.gateway_url)
        try:
            guilds = [standin.add_guild(f"Bench Guild {n + 1}") for n in range(n_guilds)]
            users = [standin.add_user(f"asker{n:02d}") for n in range(n_users)]
            for guild in guilds:
                for user in users:
                    guild.add_plain_member(user)
            yield World(standin, guilds, users)
        finally:
            configure_discord_endpoints(*previous)


@contextlib.asynccontextmanager
async def running_bot(world: World, db: Path, **overrides: Any) -> AsyncIterator[Any]:
    """The product bot on a library at ``db``, logged in to the stand-in, synced to guild 1."""
    from bot.client import create_bot
    from retrieval.service import ArticleLibrary
    from tests.discord_standin import run_client

    settings = bench_settings(
        db.parent,
        db_path=db,
        dev_guild_id=world.guilds[0].id,
        discord_token=world.standin.token,
        **overrides,
    )
    library = await ArticleLibrary.open(settings)
    try:
        bot = create_bot(settings, library, guild_ready_timeout=0.1)
        async with run_client(bot, world.standin.token, ready_timeout=30.0):
            worker = library.question_worker
            if worker is not None and not await worker.wait_ready(60.0):
                raise RuntimeError("the question worker did not start")
            try:
                yield bot
            finally:
                await _settle()
    finally:
        await library.close()


def bench_questions(limit: int | None = None) -> list[str]:
    questions = [q for qset in load_question_sets() for q in qset.questions]
    return questions[:limit] if limit else questions


async def prewarm(library: Any, questions: list[str], deadline: Deadline) -> float:
    """Ask every question once directly, so WordNet caches are warm for every level."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    for question in questions:
        if deadline.expired:
            break
        await library.ask(question, Scope.all())
    return loop.time() - start


async def _answering(library: Any, questions: list[str], deadline: Deadline) -> list[str]:
    """The questions the library answers (does not abstain on) from a server."""
    out = []
    for question in questions:
        if deadline.expired:
            break
        result = await library.ask(question, Scope.guild(1))
        if not result.abstained and len(result.answers) >= 2:
            out.append(question)
    return out


# -- (a) /ask latency under concurrency ----------------------------------------------------------


async def _run_askers(
    world: World, concurrency: int, per_user: int, questions: list[str], deadline: Deadline,
) -> tuple[list[Timed], float]:
    """``concurrency`` users ask ``per_user`` questions each, one after another (closed
    loop); every interaction sent, and the wall time they took."""
    guild = world.guilds[0]
    results: list[Timed] = []

    async def asker(number: int) -> None:
        user = world.users[number]
        for k in range(per_user):
            if deadline.expired:
                return
            question = questions[(number * 7 + k * 13) % len(questions)]
            timed = Timed("ask", user.id, 0.0)
            results.append(timed)
            await _send(
                world.standin,
                timed,
                lambda u=user, q=question: world.standin.send_slash_command(
                    guild, guild.text_channel, u, "ask", {"question": q}
                ),
                timeout=30.0,
            )

    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(*(asker(n) for n in range(concurrency)))
    return results, loop.time() - start


def _level_summary(concurrency: int, results: list[Timed], wall: float) -> dict[str, Any]:
    finals = [t.final for t in results if t.final is not None]
    return {
        "concurrency": concurrency,
        "asks": len(results),
        "answered": len(finals),
        "failed": len(results) - len(finals),
        "deferred": sum(t.deferred for t in results),
        "wall_s": round(wall, 3),
        "throughput_per_s": round(len(finals) / wall, 2) if wall else 0.0,
        "end_to_end": summarise_ms(finals),
        "initial_response": summarise_ms([t.initial for t in results if t.initial is not None]),
    }


async def ask_level(
    world: World, library: Any, concurrency: int, per_user: int, questions: list[str],
    deadline: Deadline,
) -> dict[str, Any]:
    batches_before = dict(library.question_batches)
    worker = library.question_worker
    worker_pids = [worker.pid] if worker is not None and worker.pid is not None else []
    cpu_before = process_cpu_s(os.getpid()), [process_cpu_s(pid) for pid in worker_pids]
    async with loop_lag_probe(0.005) as lag:
        results, wall = await _run_askers(world, concurrency, per_user, questions, deadline)
    cpu_after = process_cpu_s(os.getpid()), [process_cpu_s(pid) for pid in worker_pids]
    level = _level_summary(concurrency, results, wall)
    answered = level["answered"]
    level.update(
        # CPU per answer: this process (bot, library, stand-in and askers together, every
        # thread) and the question worker(s)
        cpu_ms_per_answer={
            "bot_process": ms_per_answer(cpu_after[0] - cpu_before[0], answered),
            "question_workers": ms_per_answer(sum(cpu_after[1]) - sum(cpu_before[1]), answered),
        },
        question_batches={k: v - batches_before.get(k, 0)
                          for k, v in library.question_batches.items()},
        loop_lag=lag.summary(),
    )
    return level


async def bench_ask_latency(
    world: World,
    template: Path,
    workdir: Path,
    *,
    smoke: bool,
    deadline: Deadline,
    log: Callable[[str], None],
    question_processes: int,
    bot_process: bool = False,
) -> dict[str, Any]:
    """(a) at 1, 10 and 50 askers; with ``bot_process`` the bot runs in a process of its own
    (``_ask_latency_in_child``)."""
    limit = 20 if smoke else None
    questions = bench_questions(limit)
    plan = [(1, 5 if smoke else 40), (10, 1 if smoke else 8), (50, 1 if smoke else 4)]
    if bot_process:
        return await _ask_latency_in_child(world, template, workdir, questions, limit, plan,
                                           deadline, log, question_processes)
    db = copy_database(template, workdir / "latency")
    async with running_bot(world, db, ask_cooldown_rate=100_000, ask_cooldown_seconds=1.0,
                           question_processes=question_processes) as bot:
        prewarm_s = await prewarm(bot.library, questions, deadline)
        levels = []
        for concurrency, per_user in plan:
            level = await ask_level(world, bot.library, concurrency, per_user, questions,
                                    deadline)
            levels.append(level)
            log(
                f"  discord: {concurrency} askers: p50 {level['end_to_end']['p50_ms']} ms, "
                f"p99 {level['end_to_end']['p99_ms']} ms, lag max "
                f"{level['loop_lag']['max_ms']} ms"
            )
        worker = bot.library.question_worker
        memory = {"bot_rss_mb": process_rss_mb(os.getpid()),
                  "bot_peak_rss_mb": peak_rss_mb()}
        if worker is not None and worker.pid is not None:
            memory.update(
                worker_pid=worker.pid,
                worker_rss_mb=process_rss_mb(worker.pid),
                worker_peak_rss_mb=process_rss_mb(worker.pid, "VmHWM"),
                worker_failures=worker.failures,
            )
    return {"questions": len(questions), "prewarm_s": round(prewarm_s, 3), "levels": levels,
            "memory": memory}


class _BotProcess:
    """``benchmarks.discord_bot_child`` (the bot alone in a process) and its order lines."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.log_tail: list[str] = []
        self._stderr = asyncio.ensure_future(self._read_stderr())

    async def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            self.log_tail[:] = [*self.log_tail[-30:], raw.decode(errors="replace")]

    async def reply(self, expected: str, timeout: float = 120.0) -> dict[str, Any]:
        """The next ``<expected> <json>`` line (other stdout lines are skipped)."""
        assert self.process.stdout is not None
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            try:
                raw = await asyncio.wait_for(self.process.stdout.readline(),
                                             max(0.1, end - loop.time()))
            except TimeoutError:
                raw = b""
            if not raw:
                raise RuntimeError(f"the bot process gave no {expected}: "
                                   + "".join(self.log_tail))
            word, _, payload = raw.decode().strip().partition(" ")
            if word == expected:
                return json.loads(payload or "{}")

    async def order(self, line: str, expected: str, timeout: float = 120.0) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        return await self.reply(expected, timeout)

    async def close(self) -> None:
        if self.process.returncode is None and self.process.stdin is not None:
            with contextlib.suppress(ConnectionError):
                self.process.stdin.write(b"QUIT\n")
                await self.process.stdin.drain()
        try:
            await asyncio.wait_for(self.process.wait(), timeout=30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
        self._stderr.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._stderr


async def _ask_latency_in_child(
    world: World, template: Path, workdir: Path, questions: list[str], limit: int | None,
    plan: list[tuple[int, int]], deadline: Deadline, log: Callable[[str], None],
    question_processes: int,
) -> dict[str, Any]:
    """(a), with the bot in a process of its own (``benchmarks.discord_bot_child``), as in
    production, where Discord is not in the bot's process: the loop lag and the bot's CPU
    are measured there; the stand-in and the askers stay in this process."""
    db = copy_database(template, workdir / "latency-process")
    standin, guild = world.standin, world.guilds[0]
    env = _child_environment()
    env.update(PYTHONPATH=str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
               STANDIN_TOKEN=standin.token)
    command = [sys.executable, "-m", "benchmarks.discord_bot_child", "--db", str(db),
               "--api-base", standin.api_base, "--gateway-url", standin.gateway_url,
               "--guild-id", str(guild.id), "--question-processes", str(question_processes)]
    if limit:
        command += ["--questions", str(limit)]
    bot = _BotProcess(await asyncio.create_subprocess_exec(
        *command, cwd=PROJECT_ROOT, env=env, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE))
    try:
        pids = await bot.reply("READY")
        prewarm = await bot.order("PREWARM", "PREWARMED", timeout=max(60.0, deadline.left()))
        levels: list[dict[str, Any]] = []
        memory: dict[str, Any] = {}
        for concurrency, per_user in plan:
            await bot.order("START", "STARTED")
            standin_before = process_cpu_s(os.getpid())
            results, wall = await _run_askers(world, concurrency, per_user, questions, deadline)
            standin_cpu = process_cpu_s(os.getpid()) - standin_before
            level = _level_summary(concurrency, results, wall)
            measured = await bot.order(f"STOP {level['answered']}", "STOPPED")
            memory = measured.pop("memory")
            measured["cpu_ms_per_answer"]["standin_and_askers"] = ms_per_answer(
                standin_cpu, level["answered"])
            level.update(measured)
            levels.append(level)
            log(
                f"  discord (bot process): {concurrency} askers: p50 "
                f"{level['end_to_end']['p50_ms']} ms, p99 {level['end_to_end']['p99_ms']} ms, "
                f"lag max {level['loop_lag']['max_ms']} ms"
            )
    finally:
        await bot.close()
    memory.update(bot_pid=pids.get("pid"), worker_pid=pids.get("worker_pid"))
    return {"questions": len(questions), "prewarm_s": prewarm["seconds"], "levels": levels,
            "memory": memory, "bot_in_own_process": True}


# -- (b) reliability load ------------------------------------------------------------------------


@dataclass
class Mix:
    total: int
    flood: int
    asks: int
    votes: int
    another: int
    context: int
    other_votes: int
    entities: int

    @classmethod
    def of(cls, total: int, flood: int) -> Mix:
        rest = total - flood
        asks = round(rest * 0.46)
        votes = min(asks, round(rest * 0.243))
        clicks = round(rest * 0.108)
        other_votes = max(1, clicks // 5)
        another = (clicks - other_votes) // 2
        context = clicks - other_votes - another
        entities = rest - asks - votes - clicks
        return cls(total, flood, asks, votes, another, context, other_votes, entities)


async def bench_reliability(
    world: World,
    template: Path,
    workdir: Path,
    *,
    total: int,
    flood: int,
    spread_s: float,
    cooldown_rate: int,
    deadline: Deadline,
    question_processes: int,
    seed: int = 11,
) -> dict[str, Any]:
    rng = random.Random(seed)
    mix = Mix.of(total, flood)
    standin = world.standin
    questions = bench_questions()
    screen = 30 if total <= 80 else len(questions)
    answering: list[str] = []
    flooder = world.users[-1]
    ordinary = world.users[:-1]
    home = {user.id: world.guilds[n % len(world.guilds)] for n, user in enumerate(world.users)}
    sent: list[Timed] = []
    votes_sent: list[tuple[int, int, int]] = []  # (message id, user id, vote)
    fallbacks = Counter[str]()
    db = copy_database(template, workdir / "reliability")
    loop = asyncio.get_running_loop()

    def send_command(user: Any, name: str, options: dict[str, Any], kind: str) -> Any:
        guild = home[user.id]
        timed = Timed(kind, user.id, 0.0)
        sent.append(timed)
        return _send(
            standin,
            timed,
            lambda: standin.send_slash_command(guild, guild.text_channel, user, name, options),
            timeout=30.0,
        )

    def click(custom_id: str, user: Any, message_id: int, kind: str) -> Any:
        timed = Timed(kind, user.id, 0.0)
        sent.append(timed)
        return _send(
            standin,
            timed,
            lambda: standin.send_component(custom_id, user, message_id=message_id),
            timeout=30.0,
        )

    async def session(number: int, follow_up: str | None, delay: float) -> None:
        await asyncio.sleep(delay)
        user = ordinary[number % len(ordinary)]
        pool = answering if follow_up is not None and answering else questions
        asked = await send_command(user, "ask", {"question": rng.choice(pool)}, "ask")
        if follow_up is None or deadline.expired:
            return
        await asyncio.sleep(rng.uniform(0.05, 0.4))
        reply = asked.reply
        if reply is None or reply.message is None:
            fallbacks["no answer to click on"] += 1
            return
        message_id = int(reply.message["id"])
        buttons = _buttons(reply.components)
        wanted = {
            "vote": rng.choice(("👍", "👍", "👎")),
            "other_vote": "👍",
            "another": "Another match",
            "context": "Context",
        }[follow_up]
        if wanted not in buttons:  # an abstention has no votes; one answer, no "Another"
            fallbacks[f"{follow_up}: no {wanted} button"] += 1
            if "Context" in buttons:
                await click(buttons["Context"], user, message_id, "context")
            else:
                await send_command(user, "entities", {"type": "person"}, "entities")
            return
        clicker = user
        if follow_up == "other_vote":
            clicker = ordinary[(number + 3) % len(ordinary)]
        if follow_up == "vote":
            votes_sent.append((message_id, user.id, 1 if wanted == "👍" else -1))
        await click(buttons[wanted], clicker, message_id, follow_up)

    async def entities(delay: float) -> None:
        await asyncio.sleep(delay)
        user = rng.choice(ordinary)
        await send_command(user, "entities", {"type": rng.choice(ENTITY_TYPES)}, "entities")

    async def flood_burst(delay: float) -> None:
        await asyncio.sleep(delay)
        guild = home[flooder.id]
        tasks = []
        for number in range(mix.flood):
            question = questions[number % len(questions)]
            timed = Timed("flood", flooder.id, 0.0)
            sent.append(timed)
            tasks.append(
                asyncio.ensure_future(
                    _send(
                        standin,
                        timed,
                        lambda q=question: standin.send_slash_command(
                            guild, guild.text_channel, flooder, "ask", {"question": q}
                        ),
                        timeout=30.0,
                    )
                )
            )
            await asyncio.sleep(0.04)
        await asyncio.gather(*tasks)

    follow_ups: list[str | None] = (
        ["vote"] * mix.votes
        + ["another"] * mix.another
        + ["context"] * mix.context
        + ["other_vote"] * mix.other_votes
    )
    follow_ups += [None] * (mix.asks - len(follow_ups))
    rng.shuffle(follow_ups)
    async with running_bot(
        world, db, ask_cooldown_rate=cooldown_rate, ask_cooldown_seconds=30.0,
        question_processes=question_processes,
    ) as bot:
        # Votes need an answer (an abstention has no vote buttons): sessions with a follow-up
        # ask questions the library answers. Screening also warms the caches, as in a bot
        # that has been running for a while.
        answering = await _answering(bot.library, questions[:screen], deadline)
        mark = len(standin.requests)
        start = loop.time()
        jobs = [session(n, follow_ups[n], rng.uniform(0, spread_s)) for n in range(mix.asks)]
        jobs += [entities(rng.uniform(0, spread_s)) for _ in range(mix.entities)]
        jobs.append(flood_burst(min(0.3, spread_s / 4)))
        async with loop_lag_probe(0.005) as lag:
            await asyncio.wait_for(asyncio.gather(*jobs), timeout=max(60.0, deadline.left()))
        wall = loop.time() - start
        last_send = max(t.sent_at for t in sent) - start
        await _settle()
        failed_requests = [
            r for r in list(standin.requests)[mark:] if r.status is not None and r.status >= 400
        ]
        del bot
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT message_id, user_id, vote FROM feedback").fetchall()
    shutil.rmtree(db.parent, ignore_errors=True)
    return _reliability_result(
        mix,
        sent,
        votes_sent,
        rows,
        flooder.id,
        cooldown_rate,
        wall,
        last_send,
        lag.summary(),
        failed_requests,
        fallbacks,
    )


def _reliability_result(
    mix: Mix,
    sent: list[Timed],
    votes_sent: list[tuple[int, int, int]],
    rows: list[tuple[int, int, int]],
    flooder_id: int,
    cooldown_rate: int,
    wall: float,
    last_send: float,
    lag: dict[str, Any],
    failed_requests: list[Any],
    fallbacks: Counter[str],
) -> dict[str, Any]:
    def cooled(t: Timed) -> bool:
        return "Slow down a little" in t.text()

    unacknowledged = [t for t in sent if t.initial is None]
    late = [t for t in sent if t.initial is not None and t.initial > ACK_DEADLINE_S]
    unfinished = [t for t in sent if t.final is None]
    crashed = [t for t in sent if "something went wrong" in t.text()]
    floods = [t for t in sent if t.kind == "flood"]
    flood_cooled = [t for t in floods if cooled(t)]
    flood_polite = all(t.reply is not None and t.reply.ephemeral for t in flood_cooled)
    others_cooled = [t for t in sent if t.user_id != flooder_id and cooled(t)]
    stored = {(m, u): v for m, u, v in rows}
    expected = {(m, u): v for m, u, v in votes_sent}
    lost = [key for key, vote in expected.items() if stored.get(key) != vote]
    extra = [key for key in stored if key not in expected]
    other_votes = [t for t in sent if t.kind == "other_vote"]
    refused = [t for t in other_votes if "Only the asker" in t.text()]
    by_kind: dict[str, Any] = {}
    for kind in sorted({t.kind for t in sent}):
        group = [t for t in sent if t.kind == kind]
        by_kind[kind] = {
            "n": len(group),
            "initial": summarise_ms([t.initial for t in group if t.initial is not None]),
            "final": summarise_ms([t.final for t in group if t.final is not None]),
            "deferred": sum(t.deferred for t in group),
        }
    checks = {
        "all_acknowledged_within_3s": not unacknowledged and not late,
        "all_got_final_answer": not unfinished,
        "no_unexpected_errors": not crashed,
        "flood_hit_cooldown_politely": (
            len(flood_cooled) == max(0, mix.flood - cooldown_rate) and flood_polite
        ),
        "nobody_else_hit_cooldown": not others_cooled,
        "no_vote_lost": not lost and not extra,
        "other_users_votes_refused": len(refused) == len(other_votes),
        "no_failed_http_requests": not failed_requests,
    }
    return {
        "planned": mix.__dict__,
        "interactions": len(sent),
        "kinds": dict(Counter(t.kind for t in sent)),
        "wall_s": round(wall, 3),
        "last_send_after_s": round(last_send, 3),
        "unacknowledged": len(unacknowledged),
        "acknowledged_late": len(late),
        "unfinished": len(unfinished),
        "unexpected_errors": len(crashed),
        "send_errors": [t.error for t in sent if t.error][:5],
        "deferred": sum(t.deferred for t in sent),
        "flood": {
            "sent": len(floods),
            "cooldown_replies": len(flood_cooled),
            "answered": len(floods) - len(flood_cooled),
            "rate": cooldown_rate,
            "all_polite_ephemeral": flood_polite,
        },
        "others_cooled": len(others_cooled),
        "votes": {
            "sent": len(votes_sent),
            "distinct": len(expected),
            "rows": len(rows),
            "lost": len(lost),
            "unexpected_rows": len(extra),
            "other_user_votes": len(other_votes),
            "refused": len(refused),
        },
        "fallbacks": dict(fallbacks),
        "failed_http_requests": [f"{r.method} {r.path} {r.status}" for r in failed_requests][:5],
        "initial_response": summarise_ms([t.initial for t in sent if t.initial is not None]),
        "final_answer": summarise_ms([t.final for t in sent if t.final is not None]),
        "initial_histogram": histogram_ms(t.initial for t in sent if t.initial is not None),
        "final_histogram": histogram_ms(t.final for t in sent if t.final is not None),
        "by_kind": by_kind,
        "loop_lag": lag,
        "checks": checks,
        "passed": all(checks.values()),
    }


# -- (c) cold start of the real bot process ---------------------------------------------------

#: The bot's log line when its question worker is ready (``retrieval.question_worker``).
WORKER_READY_LOG = "question analysis runs in worker process"


async def _bot_cold_start_once(
    world: World, db: Path, question_processes: int, timeout: float
) -> dict[str, float | None]:
    standin, guild = world.standin, world.guilds[0]
    env = _child_environment()
    env.update({
        "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        "ARTICLE_BOT_DISCORD_TOKEN": standin.token,
        "ARTICLE_BOT_DISCORD_API_BASE": standin.api_base,
        "ARTICLE_BOT_DISCORD_GATEWAY_URL": standin.gateway_url,
        "ARTICLE_BOT_DEV_GUILD_ID": str(guild.id),
        "ARTICLE_BOT_DB_PATH": str(db),
        "ARTICLE_BOT_QUESTION_PROCESSES": str(question_processes),
        "ARTICLE_BOT_LOG_LEVEL": "INFO",
    })
    loop = asyncio.get_running_loop()
    mark, sessions = len(standin.requests), len(standin.identifies)
    start = loop.time()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=PROJECT_ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    worker_ready: list[float] = []
    log_tail: list[str] = []

    async def read_log() -> None:
        assert process.stderr is not None
        async for raw in process.stderr:
            line = raw.decode(errors="replace")
            log_tail[:] = [*log_tail[-20:], line]
            if WORKER_READY_LOG in line and not worker_ready:
                worker_ready.append(loop.time() - start)

    reader = asyncio.ensure_future(read_log())
    out: dict[str, float | None] = {}
    try:
        await standin.wait_for_request(
            "PUT", rf"/applications/{standin.application_id}/guilds/{guild.id}/commands",
            timeout=timeout, since=mark)
        out["commands_synced_s"] = loop.time() - start
        while len(standin.identifies) <= sessions:
            if loop.time() - start > timeout or process.returncode is not None:
                raise RuntimeError("the bot did not connect: " + "".join(log_tail))
            await asyncio.sleep(0.005)
        await standin.wait_ready(timeout=timeout)
        out["ready_s"] = loop.time() - start
        user = world.users[0]
        interaction = await standin.send_slash_command(
            guild, guild.text_channel, user, "ask",
            {"question": "How many people died in Tuesday's attacks in Brussels?"})
        await standin.wait_for_interaction_response(interaction, timeout=timeout)
        out["first_answer_s"] = loop.time() - start
        if question_processes:
            while not worker_ready and loop.time() - start < timeout:
                await asyncio.sleep(0.01)
        out["worker_ready_s"] = worker_ready[0] if worker_ready else None
    finally:
        if process.returncode is None:
            process.terminate()  # SIGTERM, as docker stop sends
        stop = loop.time()
        try:
            await asyncio.wait_for(process.wait(), timeout=20)
        except TimeoutError:
            process.kill()
            await process.wait()
        out["stop_s"] = loop.time() - stop
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
    return {k: round(v, 3) if v is not None else None for k, v in out.items()}


async def bench_bot_cold_start(
    template: Path, workdir: Path, *, runs: int, question_processes: int,
    deadline: Deadline,
) -> dict[str, Any]:
    """``runs`` fresh ``python -m bot run`` processes, each on a copy of ``template``."""
    samples = []
    async with stand_in(n_users=1, n_guilds=1) as world:
        for number in range(runs):
            if deadline.expired and samples:
                break
            db = copy_database(template, workdir / f"cold-{number}")
            samples.append(await _bot_cold_start_once(
                world, db, question_processes, timeout=max(30.0, deadline.left())))
            shutil.rmtree(db.parent, ignore_errors=True)
    keys = samples[0].keys()
    median = {}
    for key in keys:
        values = sorted(v for s in samples if (v := s[key]) is not None)
        median[key] = values[len(values) // 2] if values else None
    return {"runs": len(samples), "question_processes": question_processes,
            "median": median, "samples": samples}


# -- entry points ------------------------------------------------------------------------------


async def run_async(
    *,
    smoke: bool = False,
    workdir: Path | None = None,
    budget_s: float | None = None,
    interactions: int | None = None,
    question_processes: int | None = None,
    cold_start_runs: int = 0,
    bot_process: bool = False,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """(a) and (b), and (c) when ``cold_start_runs``; ``question_processes`` None uses the
    product's default setting."""
    if question_processes is None:
        question_processes = Settings.model_fields["question_processes"].default
    deadline = Deadline(budget_s or (40.0 if smoke else 600.0))
    owned = workdir is None
    base = Path(tempfile.mkdtemp(prefix="discord-bench-")) if owned else workdir
    assert base is not None
    try:
        template, _ = await real_library_db(base)
        async with stand_in(n_users=50, n_guilds=3) as world:
            latency = await bench_ask_latency(
                world, template, base, smoke=smoke, deadline=deadline, log=log,
                question_processes=question_processes, bot_process=bot_process,
            )
        total = interactions or (60 if smoke else 200)
        async with stand_in(n_users=50, n_guilds=3) as world:
            reliability = await bench_reliability(
                world,
                template,
                base,
                total=total,
                flood=8 if smoke else 15,
                spread_s=1.5 if smoke else 3.0,
                cooldown_rate=5,
                deadline=deadline,
                question_processes=question_processes,
            )
        log(
            f"  discord: reliability {reliability['interactions']} interactions, "
            f"{'PASS' if reliability['passed'] else 'FAIL'}"
        )
        out = {
            "question_processes": question_processes,
            "ask_latency": latency,
            "reliability": reliability,
            "peak_rss_mb": peak_rss_mb(),
        }
        if cold_start_runs:
            out["bot_cold_start"] = await bench_bot_cold_start(
                template, base, runs=cold_start_runs, question_processes=question_processes,
                deadline=deadline)
            log(f"  discord: bot cold start {out['bot_cold_start']['median']}")
        return out
    finally:
        if owned:
            shutil.rmtree(base, ignore_errors=True)


def run(**kwargs: Any) -> dict[str, Any]:
    return asyncio.run(run_async(**kwargs))


def report_lines(result: dict[str, Any]) -> list[str]:
    latency = result["ask_latency"]
    processes = result.get("question_processes")
    where = ("questions read in a worker process" if processes
             else "questions read in the bot process")
    if latency.get("bot_in_own_process"):
        where += "; the bot in a process of its own, the stand-in and askers in another"
    lines = [
        f"DISCORD /ask end to end through the stand-in (send -> final answer recorded; "
        f"{latency['questions']} questions, caches pre-warmed; {where})"
    ]
    for level in latency["levels"]:
        e2e, lag = level["end_to_end"], level["loop_lag"]
        lines.append(
            f"  {level['concurrency']:>2} concurrent askers: p50 {e2e['p50_ms']:.0f} ms, p99 "
            f"{e2e['p99_ms']:.0f} ms, max {e2e['max_ms']:.0f} ms (n={level['answered']}/"
            f"{level['asks']}, deferred {level['deferred']}, {level['throughput_per_s']:.1f} "
            f"answers/s); loop lag p99 {lag['p99_ms']:.1f} ms, max {lag['max_ms']:.1f} ms"
        )
        cpu = level.get("cpu_ms_per_answer")
        if cpu:
            standin = cpu.get("standin_and_askers")
            lines.append(
                f"      CPU per answer: bot process {cpu['bot_process']:.1f} ms, question "
                f"worker {cpu['question_workers']:.1f} ms"
                + (f", stand-in and askers {standin:.1f} ms" if standin is not None else "")
                + f"; batches {level['question_batches']}"
            )
    memory = latency.get("memory", {})
    if memory.get("worker_pid"):
        lines.append(
            f"  memory: bot process RSS {memory['bot_rss_mb']} MB, question worker RSS "
            f"{memory['worker_rss_mb']} MB (peak {memory.get('worker_peak_rss_mb')} MB); "
            f"worker failures {memory.get('worker_failures', '-')}"
        )
    rel = result["reliability"]
    lines.append(
        f"DISCORD reliability load: {rel['interactions']} interactions "
        f"({', '.join(f'{k} {v}' for k, v in sorted(rel['kinds'].items()))}) from 50 users in "
        f"3 servers; last sent {rel['last_send_after_s']:.1f} s after the first, all done in "
        f"{rel['wall_s']:.1f} s"
    )
    lines.append(
        f"  initial response (reply or defer): p50 {rel['initial_response']['p50_ms']:.0f} ms,"
        f" p99 {rel['initial_response']['p99_ms']:.0f} ms, max "
        f"{rel['initial_response']['max_ms']:.0f} ms; final answer: p50 "
        f"{rel['final_answer']['p50_ms']:.0f} ms, p99 {rel['final_answer']['p99_ms']:.0f} ms, "
        f"max {rel['final_answer']['max_ms']:.0f} ms; deferred {rel['deferred']}; loop lag p99 "
        f"{rel['loop_lag']['p99_ms']:.1f} ms, max {rel['loop_lag']['max_ms']:.1f} ms"
    )
    for name in ("initial", "final"):
        buckets = ", ".join(f"{k} ms: {v}" for k, v in rel[f"{name}_histogram"].items())
        lines.append(f"  {name} histogram: {buckets}")
    for kind, stats in rel["by_kind"].items():
        lines.append(
            f"    {kind:10s} n={stats['n']:<3} initial p50 "
            f"{stats['initial']['p50_ms']:.0f} / p99 {stats['initial']['p99_ms']:.0f}"
            f" ms; final p50 {stats['final']['p50_ms']:.0f} / p99 "
            f"{stats['final']['p99_ms']:.0f} / max {stats['final']['max_ms']:.0f} ms"
        )
    flood, votes = rel["flood"], rel["votes"]
    lines.append(
        f"  flood: {flood['sent']} /ask from one user -> {flood['answered']} answered, "
        f"{flood['cooldown_replies']} polite cooldown replies (rate {flood['rate']}/30 s); "
        f"others hit by the cooldown: {rel['others_cooled']}"
    )
    lines.append(
        f"  votes: {votes['sent']} sent by askers -> {votes['rows']} feedback rows "
        f"(lost {votes['lost']}, unexpected {votes['unexpected_rows']}); "
        f"{votes['refused']}/{votes['other_user_votes']} votes by non-askers refused"
    )
    if rel["fallbacks"]:
        lines.append(f"  follow-ups replaced (answer had no such button): {rel['fallbacks']}")
    checks = ", ".join(f"{name} {'ok' if ok else 'FAIL'}" for name, ok in rel["checks"].items())
    lines.append(f"  checks: {checks}")
    cold = result.get("bot_cold_start")
    if cold:
        med = cold["median"]

        def seconds(key: str) -> str:
            return "-" if med.get(key) is None else f"{med[key]:.2f} s"

        lines.append(
            f"DISCORD bot cold start (python -m bot run, question_processes "
            f"{cold['question_processes']}; median of {cold['runs']}): commands synced "
            f"{seconds('commands_synced_s')}, ready {seconds('ready_s')}, first /ask answered "
            f"{seconds('first_answer_s')}, question worker ready {seconds('worker_ready_s')}; "
            f"SIGTERM to exit {seconds('stop_s')}"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--interactions", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--question-processes", type=int, default=None, metavar="N",
        help="the bot's question_processes setting: 1 (the product default) reads questions "
        "in a worker process, 0 in the bot process",
    )
    parser.add_argument("--cold-start", type=int, default=0, metavar="RUNS",
                        help="also start `python -m bot run` RUNS times and time its start")
    parser.add_argument("--bot-process", action="store_true",
                        help="/ask latency with the bot in a process of its own, apart from "
                        "the stand-in and the askers (as Discord is in production)")
    args = parser.parse_args(argv)
    result = run(smoke=args.smoke, interactions=args.interactions,
                 question_processes=args.question_processes, cold_start_runs=args.cold_start,
                 bot_process=args.bot_process)
    print("\n".join(report_lines(result)))
    if args.json:
        write_json(args.json, {"discord": result})
    raise SystemExit(0 if result["reliability"]["passed"] else 1)


if __name__ == "__main__":
    main()
