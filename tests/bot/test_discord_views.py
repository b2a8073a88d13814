"""Answer buttons stop working, visibly, when their view times out."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.bot.discord_helpers import running_bot
from tests.discord_standin import DiscordStandIn, StandInGuild


def _disabled(components: list[dict]) -> list[bool]:
    return [button.get("disabled", False) for row in components
            for button in row.get("components", [])]


async def test_answer_buttons_are_disabled_when_the_view_times_out(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild, view_timeout_seconds=0.5) as run:
        _, reply = await run.command(g.guild, g.member, "ask",
                                     {"question": "Who is the Belgian premier?"})
        message_id = int(reply.message["id"])
        assert _disabled(reply.components) and not any(_disabled(reply.components))
        for _ in range(50):
            await asyncio.sleep(0.1)
            current = standin.messages[message_id].get("components", [])
            if current and all(_disabled(current)):
                break
        assert all(_disabled(standin.messages[message_id]["components"]))
