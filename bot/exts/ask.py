"""/ask: the article's own sentence, quoted, with its source and buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.formatting import answer_embed
from bot.interactions import (
    NO_MENTIONS,
    article_choices,
    reply_message,
    resolve_article,
    scope_of,
    send,
    within_deadline,
)
from bot.views import AnswerView
from retrieval.answers import AskResult

if TYPE_CHECKING:
    from bot.client import ArticleBot


def within_question_budget(interaction: discord.Interaction) -> bool:
    """Per-user cooldown, shared with questions asked by mentioning the bot."""
    bot = interaction.client
    wait = bot.question_budget.take(interaction.user.id)  # type: ignore[attr-defined]
    if wait > 0:
        budget = bot.question_budget  # type: ignore[attr-defined]
        raise app_commands.CommandOnCooldown(app_commands.Cooldown(budget.rate, budget.per),
                                             wait)
    return True


class Ask(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask a question about the news articles")
    @app_commands.describe(question="Your question, e.g. “Who was arrested?”",
                           article="Only this article (default: all articles here)")
    @app_commands.check(within_question_budget)
    async def ask(self, interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, 1000],
                  article: str | None = None) -> None:
        row = await resolve_article(self.bot, interaction, article)

        async def work() -> AskResult:
            return await self.bot.library.ask(question, scope_of(interaction),
                                              article_id=row.id if row else None)

        result = await within_deadline(interaction, work())
        await send_answer(self.bot, interaction, result)

    @ask.autocomplete("article")
    async def ask_article_autocomplete(self, interaction: discord.Interaction, current: str
                                       ) -> list[app_commands.Choice[str]]:
        return await article_choices(self.bot, interaction, current)


async def send_answer(bot: ArticleBot, interaction: discord.Interaction,
                      result: AskResult) -> None:
    view = AnswerView(bot, result, interaction.user.id)
    embed = answer_embed(result)
    sent = await send(interaction, embed=embed, view=view, allowed_mentions=NO_MENTIONS)
    view.message = await reply_message(interaction, sent)
    if view.message is not None and result.answers:
        bot.remember_answer(view.message.id, result.answers[0].article.id)


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(Ask(bot))
