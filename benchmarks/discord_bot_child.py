"""The product bot in a process of its own, for ``discord_bench --bot-process``.

In production Discord's servers are not in the bot's process; in the default benchmark the
stand-in and the simulated askers share the bot's process and GIL (a fifth of it at 50
askers). This child runs only what a deployment runs — the library, the discord.py client
logged in to the parent's stand-in (127.0.0.1), the question worker — plus the loop-lag probe,
and takes orders from the parent one line at a time on stdin:

- ``PREWARM`` — ask every benchmark question once directly (warm WordNet and caches);
- ``START`` — start measuring: loop lag, CPU of this process and of the question worker,
  question batches;
- ``STOP`` — stop, and print the measurements;
- ``QUIT`` — close the bot and the library and exit.

Every answer is one line ``<WORD> <json>`` on stdout (``READY`` once the bot is logged in and
its question worker is ready). Run as ``python -m benchmarks.discord_bot_child --db PATH
--api-base URL --gateway-url URL --guild-id ID --question-processes N`` with the stand-in's
token in the environment variable ``STANDIN_TOKEN`` (not on the command line, where ``ps``
shows it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import (
    Deadline,
    bench_settings,
    loop_lag_probe,
    ms_per_answer,
    peak_rss_mb,
    process_cpu_s,
    process_rss_mb,
)
from benchmarks.discord_bench import bench_questions, prewarm


def _say(word: str, payload: dict[str, Any]) -> None:
    print(word, json.dumps(payload), flush=True)


async def _serve(args: argparse.Namespace) -> None:
    from bot.client import create_bot
    from bot.discord_endpoints import configure_discord_endpoints
    from retrieval.service import ArticleLibrary
    from tests.discord_standin import run_client

    token = os.environ["STANDIN_TOKEN"]
    configure_discord_endpoints(args.api_base, args.gateway_url)
    settings = bench_settings(
        args.db.parent, db_path=args.db, dev_guild_id=args.guild_id,
        discord_token=token, discord_api_base=args.api_base,
        discord_gateway_url=args.gateway_url, ask_cooldown_rate=100_000,
        ask_cooldown_seconds=1.0, question_processes=args.question_processes,
    )
    library = await ArticleLibrary.open(settings)
    try:
        bot = create_bot(settings, library, guild_ready_timeout=0.1)
        async with run_client(bot, token, ready_timeout=30.0):
            worker = library.question_worker
            if worker is not None and not await worker.wait_ready(60.0):
                raise RuntimeError("the question worker did not start")
            _say("READY", {"pid": os.getpid(),
                           "worker_pid": worker.pid if worker is not None else None})
            await _obey(library, args.questions)
    finally:
        await library.close()


async def _obey(library: Any, limit: int | None) -> None:
    """Follow the parent's orders until ``QUIT`` (or stdin closes)."""
    questions = bench_questions(limit)
    measuring: contextlib.AsyncExitStack | None = None
    lag: Any = None
    before: tuple[float, float, dict[str, int]] = (0.0, 0.0, {})

    def worker_cpu() -> float:
        worker = library.question_worker
        return process_cpu_s(worker.pid) if worker is not None and worker.pid is not None else 0.0

    while True:
        line = (await asyncio.to_thread(sys.stdin.readline)).strip()
        if line in ("", "QUIT"):
            return
        order, _, argument = line.partition(" ")
        if order == "PREWARM":
            seconds = await prewarm(library, questions, Deadline(600.0))
            _say("PREWARMED", {"seconds": round(seconds, 3), "questions": len(questions)})
        elif order == "START":
            measuring = contextlib.AsyncExitStack()
            lag = await measuring.enter_async_context(loop_lag_probe(0.005))
            before = (process_cpu_s(os.getpid()), worker_cpu(), dict(library.question_batches))
            _say("STARTED", {})
        elif order == "STOP" and measuring is not None:
            answers = int(argument or 0)
            await measuring.aclose()
            measuring = None
            worker = library.question_worker
            _say("STOPPED", {
                "loop_lag": lag.summary(),
                "cpu_ms_per_answer": {
                    "bot_process": ms_per_answer(process_cpu_s(os.getpid()) - before[0], answers),
                    "question_workers": ms_per_answer(worker_cpu() - before[1], answers),
                },
                "question_batches": {k: v - before[2].get(k, 0)
                                     for k, v in library.question_batches.items()},
                "memory": {
                    "bot_rss_mb": process_rss_mb(os.getpid()),
                    "bot_peak_rss_mb": peak_rss_mb(),
                    "worker_rss_mb": process_rss_mb(worker.pid) if worker and worker.pid else None,
                },
            })
        else:
            _say("ERROR", {"order": line})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--api-base", required=True)
    parser.add_argument("--gateway-url", required=True)
    parser.add_argument("--guild-id", type=int, required=True)
    parser.add_argument("--question-processes", type=int, default=1)
    parser.add_argument("--questions", type=int, default=None,
                        help="only the first N benchmark questions (smoke runs)")
    args = parser.parse_args(argv)
    for address in (args.api_base, args.gateway_url):
        if "127.0.0.1" not in address:
            raise SystemExit("the benchmark bot only ever talks to the local stand-in")
    asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
