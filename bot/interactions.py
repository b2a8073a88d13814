"""Small helpers every command uses: reply or follow up, beat the 3 s deadline, and turn an
autocomplete value back into an article."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.limits import CHOICE_NAME, CHOICES, truncate
from retrieval.errors import ArticleNotFoundError
from retrieval.scope import Scope
from retrieval.store import ArticleRow

if TYPE_CHECKING:
    from bot.client import ArticleBot

T = TypeVar("T")
NO_MENTIONS = discord.AllowedMentions.none()
#: Answer directly if the work finishes within this; otherwise defer first. Discord allows 3 s.
DEFER_AFTER_SECONDS = 1.2


def scope_of(interaction: discord.Interaction) -> Scope:
    return Scope.guild(interaction.guild_id)


async def send(interaction: discord.Interaction, **kwargs: Any
               ) -> discord.InteractionMessage | None:
    """Reply, or follow up when the interaction was already answered or deferred. Returns
    the reply's message when Discord sent it back with the reply (the callback's
    ``resource``: discord.py asks for it), else None."""
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
        return None
    response = await interaction.response.send_message(**kwargs)
    resource = getattr(response, "resource", None)
    return resource if isinstance(resource, discord.InteractionMessage) else None


async def reply_message(interaction: discord.Interaction,
                        sent: discord.InteractionMessage | None
                        ) -> discord.InteractionMessage | None:
    """The message that answered ``interaction``: ``sent`` (what ``send`` returned) when
    Discord gave it back with the reply, else fetched with ``original_response()`` (one more
    request: after a defer, or if the reply came without it); None if that fails."""
    if sent is not None:
        return sent
    try:
        return await interaction.original_response()
    except discord.HTTPException:
        return None


async def within_deadline(interaction: discord.Interaction, work: Awaitable[T], *,
                          ephemeral: bool = False) -> T:
    """Await ``work``; if it is still running after ``DEFER_AFTER_SECONDS``, defer the
    interaction (Discord shows "thinking…") so the 3 s deadline is never missed."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER_SECONDS)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    return await task


async def resolve_article(bot: ArticleBot, interaction: discord.Interaction,
                          value: str | None) -> ArticleRow | None:
    """An article from an autocomplete value: its id, or (typed by hand) its title."""
    if value is None or not value.strip():
        return None
    scope = scope_of(interaction)
    text = value.strip().lstrip("#")
    if text.isdigit():
        return await bot.library.article(int(text), scope)
    lowered = text.lower()
    rows = await bot.library.articles(scope)
    for row in rows:
        if row.title.lower() == lowered:
            return row
    matches = [row for row in rows if lowered in row.title.lower()]
    if len(matches) == 1:
        return matches[0]
    raise ArticleNotFoundError(
        "I don't know that article here. Pick one from the list, or see /articles."
    )


async def article_choices(bot: ArticleBot, interaction: discord.Interaction, current: str,
                          *, own_only: bool = False) -> list[app_commands.Choice[str]]:
    """Up to 25 articles this server can see whose title or id matches what was typed."""
    rows = await bot.library.articles(scope_of(interaction))
    if own_only:
        rows = [row for row in rows if row.guild_id is not None]
    needle = current.strip().lower().lstrip("#")
    matches = [row for row in rows if not needle or needle in row.title.lower()
               or needle == str(row.id)]
    return [
        app_commands.Choice(name=truncate(f"#{row.id} {row.title}", CHOICE_NAME),
                            value=str(row.id))
        for row in matches[:CHOICES]
    ]
