"""/articles and /article: what this server can ask about."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.entities import send_pages
from bot.formatting import article_embed, articles_embed
from bot.interactions import NO_MENTIONS, article_choices, resolve_article, scope_of, send

if TYPE_CHECKING:
    from bot.client import ArticleBot


class Articles(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="articles", description="List the articles you can ask about")
    async def articles(self, interaction: discord.Interaction) -> None:
        rows = await self.bot.library.articles(scope_of(interaction))
        await send_pages(interaction, articles_embed(rows))

    @app_commands.command(name="article", description="Show an article's title, source, size "
                          "and the names it mentions most")
    @app_commands.describe(article="The article")
    async def article(self, interaction: discord.Interaction, article: str) -> None:
        row = await resolve_article(self.bot, interaction, article)
        assert row is not None
        entities = await self.bot.library.entities(scope_of(interaction), article_id=row.id)
        await send(interaction, embed=article_embed(row, entities), allowed_mentions=NO_MENTIONS)

    @article.autocomplete("article")
    async def article_autocomplete(self, interaction: discord.Interaction, current: str
                                   ) -> list[app_commands.Choice[str]]:
        return await article_choices(self.bot, interaction, current)


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(Articles(bot))
