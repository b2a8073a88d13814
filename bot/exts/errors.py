"""One place that turns any slash-command failure into a polite, ephemeral reply."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.formatting import error_embed
from retrieval.errors import ArticleBotError

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)
#: Discord's names for the permissions we check (the API calls Manage Server "manage_guild").
PERMISSION_NAMES = {"manage_guild": "Manage Server"}


def describe(error: BaseException) -> tuple[str, bool]:
    """The sentence to show for ``error`` and whether it was unexpected (to be logged)."""
    if isinstance(error, app_commands.CommandInvokeError | commands.CommandInvokeError):
        error = error.original
    if isinstance(error, app_commands.CommandOnCooldown):
        return (f"Slow down a little — you can ask again in {error.retry_after:.0f} s.", False)
    if isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(_permission_name(p) for p in error.missing_permissions)
        return f"You need the {needed} permission to do that.", False
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = ", ".join(_permission_name(p) for p in error.missing_permissions)
        return f"I need the {needed} permission in this channel to do that.", False
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works in a server.", False
    if isinstance(error, app_commands.TransformerError):
        return f"That value doesn't work for this option: {error.value!r}.", False
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use that command here.", False
    if isinstance(error, ArticleBotError):
        return str(error), False
    return "", True


def _permission_name(permission: str) -> str:
    return PERMISSION_NAMES.get(permission, permission.replace("_", " ").title())


def log_unexpected(error: BaseException, where: str) -> str:
    """Log ``error`` with a short id and return the apology that quotes the id."""
    error_id = uuid.uuid4().hex[:8]
    log.error("error %s in %s", error_id, where, exc_info=error)
    return (f"Sorry, something went wrong on my side (error id {error_id}). It has been "
            "logged; please try again.")


async def reply_with_error(interaction: discord.Interaction, error: BaseException) -> None:
    message, unexpected = describe(error)
    if unexpected:
        command = interaction.command.qualified_name if interaction.command else "component"
        message = log_unexpected(error, command)
    try:
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            # The first followup after a defer fills in the public "thinking…" message, and
            # its ephemeral flag is ignored: remove that message so the error stays private.
            # (Every command sends its result last, so this is still the loading message.)
            try:
                await interaction.delete_original_response()
            except discord.HTTPException:
                log.debug("could not delete the deferred response", exc_info=True)
        if interaction.response.is_done():
            await interaction.followup.send(embed=error_embed(message), ephemeral=True,
                                            allowed_mentions=discord.AllowedMentions.none())
        else:
            await interaction.response.send_message(
                embed=error_embed(message), ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException:
        log.warning("could not deliver an error reply", exc_info=True)


async def setup(bot: ArticleBot) -> None:
    async def on_error(interaction: discord.Interaction,
                       error: app_commands.AppCommandError) -> None:
        await reply_with_error(interaction, error)

    bot.tree.on_error = on_error  # type: ignore[method-assign]
