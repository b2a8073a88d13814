"""/ingest and /forget: moderators add and remove this server's own articles.

``default_permissions`` only hides the commands in the client; the permission is checked again
here, on every call, from what Discord says the member may do in this channel.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.formatting import escape
from bot.interactions import NO_MENTIONS, article_choices, resolve_article, scope_of, send
from bot.limits import truncate
from retrieval.article_text import check_article_size
from retrieval.errors import ArticleBotError

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)


def is_moderator(interaction: discord.Interaction) -> bool:
    """Manage Server, as Discord computed it for this member in this channel."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if not interaction.permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])
    return True


class Moderation(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="ingest", description="Add an article for this server "
                          "(a link, or a .txt/.md/.html file)")
    @app_commands.describe(url="Link to a news article", file="A .txt, .md or .html file")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.check(is_moderator)
    async def ingest(self, interaction: discord.Interaction, url: str | None = None,
                     file: discord.Attachment | None = None) -> None:
        if (url is None) == (file is None):
            raise ArticleBotError("Give me either a link or a file (one of them).")
        await interaction.response.defer(thinking=True)
        library = self.bot.library
        if url is not None:
            result = await library.ingest_url(url.strip(), guild_id=interaction.guild_id,
                                              added_by=interaction.user.id)
        else:
            assert file is not None
            check_article_size(file.size, self.bot.settings.max_article_bytes)
            try:
                data = await file.read()
            except discord.HTTPException as error:
                raise ArticleBotError("I couldn't download that file from Discord; please try "
                                      "again.") from error
            result = await library.ingest_bytes(
                data, filename=file.filename, content_type=file.content_type or "",
                guild_id=interaction.guild_id, added_by=interaction.user.id)
        row = result.article
        if result.created:
            text = (f"Added **#{row.id} {escape(truncate(row.title, 200))}** "
                    f"({row.sentence_count} sentences). Ask about it with /ask.")
            log.info("guild %s added article %s", interaction.guild_id, row.id)
        else:
            text = (f"That article is already here as **#{row.id} "
                    f"{escape(truncate(row.title, 200))}**.")
        await send(interaction, content=text, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="forget", description="Remove one of this server's articles")
    @app_commands.describe(article="The article to remove")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.check(is_moderator)
    async def forget(self, interaction: discord.Interaction, article: str) -> None:
        row = await resolve_article(self.bot, interaction, article)
        assert row is not None
        removed = await self.bot.library.forget(row.id, scope_of(interaction))
        await send(interaction, content=f"Removed **#{removed.id} "
                   f"{escape(truncate(removed.title, 200))}** from this server.",
                   allowed_mentions=NO_MENTIONS)

    @forget.autocomplete("article")
    async def forget_autocomplete(self, interaction: discord.Interaction, current: str
                                  ) -> list[app_commands.Choice[str]]:
        return await article_choices(self.bot, interaction, current, own_only=True)


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(Moderation(bot))
