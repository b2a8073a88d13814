"""Run a real discord.py client against the stand-in for the length of an ``async with``.

``Client.start`` blocks for the client's whole life, so it runs as a task; leaving the block
closes the client and awaits that task, so no test leaks a connection or a pending task.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import TypeVar

import discord

ClientT = TypeVar("ClientT", bound=discord.Client)


@asynccontextmanager
async def run_client(
    client: ClientT, token: str, *, ready_timeout: float = 5.0, skip_identify_delay: bool = True
) -> AsyncIterator[ClientT]:
    """Start ``client`` with ``token``, wait for ``on_ready``, close it on exit.

    Construct the client with a small ``guild_ready_timeout`` (e.g. 0.1): discord.py waits
    that long after the last GUILD_CREATE before ``on_ready`` (default 2 s).

    ``skip_identify_delay`` replaces ``before_identify_hook`` on this instance: discord.py's
    default sleeps 5 s before every non-initial IDENTIFY (after INVALID_SESSION, and for every
    shard but the first) to respect Discord's identify rate limit, which the stand-in lacks.
    """
    if skip_identify_delay:
        client.before_identify_hook = _no_identify_delay  # type: ignore[method-assign]
    task = asyncio.create_task(client.start(token), name=f"run_client({client!r})")
    try:
        await _until_ready(client, task, ready_timeout)
        yield client
    finally:
        await client.close()
        with suppress(discord.ConnectionClosed):
            await asyncio.wait_for(task, timeout=5.0)
        await _finish_event_tasks()


async def _finish_event_tasks(timeout: float = 5.0) -> None:
    """Let the event handlers discord.py scheduled while closing ("discord.py: on_...") run:
    a task the test's loop cancels before it starts leaves a never-awaited coroutine behind
    (a RuntimeWarning at garbage collection)."""
    pending = [t for t in asyncio.all_tasks()
               if not t.done() and t.get_name().startswith("discord.py: ")]
    if pending:
        await asyncio.wait(pending, timeout=timeout)


async def _until_ready(client: discord.Client, task: asyncio.Task[None], timeout: float) -> None:
    # wait_until_ready() cannot be awaited before login has set the client up, so poll.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not client.is_ready():
        if task.done():
            task.result()  # re-raise the login/connect failure
            raise AssertionError("client stopped before becoming ready")
        if loop.time() > deadline:
            raise AssertionError(f"client not ready within {timeout}s")
        await asyncio.sleep(0.01)


async def _no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
    return None
