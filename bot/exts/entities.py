"""/entities and /entity: who and what the articles name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.formatting import entity_pages, mention_pages
from bot.interactions import (
    NO_MENTIONS,
    article_choices,
    reply_message,
    resolve_article,
    scope_of,
    send,
    within_deadline,
)
from bot.limits import CHOICE_NAME, CHOICES, truncate
from bot.views import PagedView
from retrieval.errors import ArticleBotError

if TYPE_CHECKING:
    from bot.client import ArticleBot

TYPE_CHOICES = [
    app_commands.Choice(name="people", value="person"),
    app_commands.Choice(name="places", value="place"),
    app_commands.Choice(name="organisations", value="organization"),
    app_commands.Choice(name="groups and nationalities", value="group"),
    app_commands.Choice(name="events", value="event"),
    app_commands.Choice(name="dates", value="date"),
    app_commands.Choice(name="people, places and organisations", value="all"),
]


async def send_pages(interaction: discord.Interaction, pages: list[discord.Embed]) -> None:
    if len(pages) == 1:
        await send(interaction, embed=pages[0], allowed_mentions=NO_MENTIONS)
        return
    settings = getattr(interaction.client, "settings", None)
    view = PagedView(pages, timeout=settings.view_timeout_seconds if settings else 300.0)
    sent = await send(interaction, embed=pages[0], view=view, allowed_mentions=NO_MENTIONS)
    view.message = await reply_message(interaction, sent)


class Entities(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="entities",
                          description="List the people, places or organisations named")
    @app_commands.describe(type="What kind of names to list",
                           article="Only this article (default: all articles here)")
    @app_commands.choices(type=TYPE_CHOICES)
    async def entities(self, interaction: discord.Interaction, type: app_commands.Choice[str],
                       article: str | None = None) -> None:
        row = await resolve_article(self.bot, interaction, article)
        kind = None if type.value == "all" else type.value
        found = await within_deadline(interaction, self.bot.library.entities(
            scope_of(interaction), article_id=row.id if row else None, kind=kind))
        if kind is None:
            found = {k: v for k, v in found.items() if k in {"person", "place", "organization"}}
        await send_pages(interaction, entity_pages(found))

    @entities.autocomplete("article")
    async def entities_article_autocomplete(self, interaction: discord.Interaction, current: str
                                            ) -> list[app_commands.Choice[str]]:
        return await article_choices(self.bot, interaction, current)

    @app_commands.command(name="entity", description="Show the sentences that mention a name")
    @app_commands.describe(name="A person, place or organisation from the articles")
    async def entity(self, interaction: discord.Interaction,
                     name: app_commands.Range[str, 1, 200]) -> None:
        scope = scope_of(interaction)
        found = await self.bot.library.entities(scope)
        wanted = name.strip().lower()
        match = None
        for items in found.values():
            for item in items:
                if item.name.lower() == wanted or wanted in (a.lower() for a in item.aliases):
                    match = item
                    break
            if match:
                break
        if match is None:
            raise ArticleBotError(f"I couldn't find “{truncate(name, 80)}” in the articles "
                                  "here. Pick a name from the list.")
        titles = {row.id: row.title for row in await self.bot.library.articles(scope)}
        await send_pages(interaction, mention_pages(match, titles))

    @entity.autocomplete("name")
    async def entity_name_autocomplete(self, interaction: discord.Interaction, current: str
                                       ) -> list[app_commands.Choice[str]]:
        found = await self.bot.library.entities(scope_of(interaction))
        needle = current.strip().lower()
        choices: list[app_commands.Choice[str]] = []
        seen: set[str] = set()
        for kind in ("person", "place", "organization", "group", "event"):
            for item in found.get(kind, []):
                if item.name in seen:
                    continue
                if needle and needle not in item.name.lower() and not any(
                        needle in alias.lower() for alias in item.aliases):
                    continue
                seen.add(item.name)
                choices.append(app_commands.Choice(
                    name=truncate(f"{item.name} ({kind}, ×{item.count})", CHOICE_NAME),
                    value=truncate(item.name, 100)))
        choices.sort(key=lambda c: (not c.value.lower().startswith(needle), c.name.lower()))
        return choices[:CHOICES]


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(Entities(bot))
