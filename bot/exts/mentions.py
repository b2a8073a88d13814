"""Mention the bot with a question, or reply to one of its answers with a follow-up.

Messages that mention the bot carry their content even without the privileged message-content
intent, and a reply to the bot mentions it by default, so none is needed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.exts.errors import log_unexpected
from bot.formatting import answer_embed, error_embed
from bot.views import AnswerView
from retrieval.errors import ArticleBotError
from retrieval.scope import Scope

if TYPE_CHECKING:
    from bot.client import ArticleBot

NO_MENTIONS = discord.AllowedMentions.none()


class Mentions(commands.Cog):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None or message.author.bot or message.webhook_id is not None:
            return
        reference = message.reference
        replied_to_bot = False
        article_id: int | None = None
        if reference is not None and reference.message_id in self.bot.answer_articles:
            replied_to_bot = True
            article_id = self.bot.answer_articles[reference.message_id]
        elif isinstance(reference and reference.resolved, discord.Message):
            replied_to_bot = reference.resolved.author.id == me.id  # type: ignore[union-attr]
        mentioned = any(user.id == me.id for user in message.mentions)
        if not (mentioned or replied_to_bot):
            return
        question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        if not question:
            if mentioned:
                await message.reply(
                    "Ask me a question about the news articles, e.g. "
                    f"“<@{me.id}> who was arrested?” — or use /ask.",
                    mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        wait = self.bot.question_budget.take(message.author.id)
        if wait > 0:
            await message.reply(f"Slow down a little — you can ask again in {wait:.0f} s.",
                                mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        scope = Scope.guild(message.guild.id if message.guild else None)
        try:
            async with message.channel.typing():
                result = await self.bot.library.ask(question, scope, article_id=article_id)
        except ArticleBotError as error:
            await message.reply(embed=error_embed(str(error)), mention_author=False,
                                allowed_mentions=NO_MENTIONS)
            return
        except Exception as error:
            await message.reply(embed=error_embed(log_unexpected(error, "a mention")),
                                mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        view = AnswerView(self.bot, result, message.author.id)
        sent = await message.reply(embed=answer_embed(result), view=view, mention_author=False,
                                   allowed_mentions=NO_MENTIONS)
        view.message = sent
        if result.answers:
            self.bot.remember_answer(sent.id, result.answers[0].article.id)


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(Mentions(bot))
