"""pytest fixtures for the Discord stand-in, made available to all tests by
``tests/conftest.py``::

    from tests.discord_standin.fixtures import standin, standin_guild  # noqa: F401

``standin`` is a started ``DiscordStandIn`` with discord.py pointed at it; ``standin_guild``
adds a guild with a moderator (``mod``) and a plain member (``member``) and returns a
``StandInGuild`` bundle. Run a bot with ``run_client(bot, standin.token)``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.discord_endpoints import configure_discord_endpoints

from .models import StandInGuild
from .standin import DiscordStandIn


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    """A running stand-in; discord.py's REST base and gateway point at it for this test."""
    async with DiscordStandIn() as server:
        configure_discord_endpoints(server.api_base, server.gateway_url)
        yield server


@pytest.fixture
def standin_guild(standin: DiscordStandIn) -> StandInGuild:
    """A guild with #general, a moderator and a plain member (add it before the bot starts)."""
    guild = standin.add_guild("Test Guild")
    mod = standin.add_user("mod")
    member = standin.add_user("member")
    guild.add_moderator(mod)
    guild.add_plain_member(member)
    return StandInGuild(guild=guild, channel=guild.text_channel, mod=mod, member=member)
