"""/sync through the stand-in: only the application owner (or a configured owner id) may
publish the commands globally; nobody else, and never at start-up."""

from __future__ import annotations

from pathlib import Path

from tests.bot.discord_helpers import EXPECTED_COMMANDS, assert_polite_ephemeral, running_bot
from tests.discord_standin import DiscordStandIn, StandInGuild


def global_puts(standin: DiscordStandIn) -> list[str]:
    path = f"/applications/{standin.application_id}/commands"
    return [r.path for r in standin.requests if r.method == "PUT" and r.path == path]


async def test_only_the_owner_can_sync_the_commands_globally(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild):
        for user in (g.member, g.mod):
            _, refused = await run_sync(standin, g, user)
            assert_polite_ephemeral(refused, "Only the bot's owner can do that.")
        assert global_puts(standin) == [] and standin.commands() == []

        _, reply = await run_sync(standin, g, standin.owner)
        assert reply.callback_type == 5 and reply.ephemeral
        assert reply.content.startswith(f"Synced {len(EXPECTED_COMMANDS)} commands globally")
        assert len(global_puts(standin)) == 1
        assert {c["name"] for c in standin.commands()} == set(EXPECTED_COMMANDS)


async def test_a_configured_owner_id_may_sync_too(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild, owner_ids=[g.mod.id]):
        _, reply = await run_sync(standin, g, g.mod)
        assert reply.ephemeral and reply.content.startswith("Synced")
        assert len(global_puts(standin)) == 1
        _, refused = await run_sync(standin, g, g.member)
        assert_polite_ephemeral(refused, "Only the bot's owner can do that.")


async def run_sync(standin: DiscordStandIn, g: StandInGuild, user):
    interaction = await standin.send_slash_command(g.guild, g.channel, user, "sync")
    return interaction, await standin.wait_for_interaction_response(interaction, timeout=8)
