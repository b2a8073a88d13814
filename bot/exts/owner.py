"""/sync: the application owner publishes the commands globally (never done at start-up)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)


async def is_owner(interaction: discord.Interaction) -> bool:
    """Checked on every call against the application's owner (or ARTICLE_BOT_OWNER_IDS)."""
    if await interaction.client.is_owner(interaction.user):  # type: ignore[attr-defined]
        return True
    raise app_commands.CheckFailure("Only the bot's owner can do that.")


class Owner(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="sync", description="Owner only: publish the slash commands "
                          "to every server")
    @app_commands.default_permissions(administrator=True)
    @app_commands.check(is_owner)
    async def sync(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        synced = await self.bot.tree.sync()
        log.info("synced %d commands globally (asked by %s)", len(synced), interaction.user.id)
        await interaction.followup.send(
            f"Synced {len(synced)} commands globally; clients may take a while to show them.",
            ephemeral=True)


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(Owner(bot))
