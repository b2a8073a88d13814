"""Buttons under the bot's messages: another match, context, votes, and paging."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.formatting import answer_embed, context_embed
from retrieval.answers import AskResult
from retrieval.errors import ArticleBotError

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)
NO_MENTIONS = discord.AllowedMentions.none()


class OwnedView(discord.ui.View):
    """A view that remembers its message so it can disable its buttons when it times out."""

    message: discord.Message | discord.InteractionMessage | discord.WebhookMessage | None = None

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:
                log.debug("could not disable buttons on timed-out view", exc_info=True)

    async def on_error(self, interaction: discord.Interaction, error: Exception,
                       item: discord.ui.Item) -> None:  # type: ignore[override]
        from bot.exts.errors import reply_with_error

        await reply_with_error(interaction, error)


class AnswerView(OwnedView):
    """Another match (cycles the top K), Context, and 👍/👎 that only the asker may use."""

    def __init__(self, bot: ArticleBot, result: AskResult, asker_id: int, *,
                 timeout: float | None = None) -> None:
        super().__init__(timeout=timeout if timeout is not None else
                         bot.settings.view_timeout_seconds)
        self.bot = bot
        self.result = result
        self.asker_id = asker_id
        self.index = 0
        candidates = result.answers or result.closest
        if len(result.answers) < 2:
            self.remove_item(self.another)
        if not candidates:
            self.remove_item(self.context)
        if result.abstained:
            self.remove_item(self.vote_up)
            self.remove_item(self.vote_down)

    @property
    def current(self):
        candidates = self.result.answers or self.result.closest
        return candidates[self.index] if candidates else None

    @discord.ui.button(label="Another match", style=discord.ButtonStyle.secondary, emoji="🔁")
    async def another(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.index = (self.index + 1) % len(self.result.answers)
        embed = answer_embed(self.result, self.index)
        if interaction.user.id == self.asker_id:
            await interaction.response.edit_message(embed=embed, view=self)
        else:
            await interaction.response.send_message(embed=embed, ephemeral=True,
                                                    allowed_mentions=NO_MENTIONS)
            self.index = (self.index - 1) % len(self.result.answers)

    @discord.ui.button(label="Context", style=discord.ButtonStyle.secondary, emoji="📄")
    async def context(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        answer = self.current
        if answer is None:
            await interaction.response.send_message("There is no passage to show.",
                                                    ephemeral=True)
            return
        await interaction.response.send_message(embed=context_embed(answer), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)

    @discord.ui.button(emoji="👍", style=discord.ButtonStyle.success)
    async def vote_up(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self._vote(interaction, 1)

    @discord.ui.button(emoji="👎", style=discord.ButtonStyle.danger)
    async def vote_down(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self._vote(interaction, -1)

    async def _vote(self, interaction: discord.Interaction, vote: int) -> None:
        if interaction.user.id != self.asker_id:
            await interaction.response.send_message("Only the asker can rate this answer.",
                                                    ephemeral=True)
            return
        answer = self.current
        message_id = interaction.message.id if interaction.message else 0
        try:
            await self.bot.library.record_feedback(
                message_id=message_id, guild_id=interaction.guild_id,
                user_id=interaction.user.id, sentence_id=answer.sentence.id if answer else None,
                question=self.result.question, vote=vote,
            )
        except ArticleBotError as error:
            await interaction.response.send_message(str(error), ephemeral=True)
            return
        thanks = "Thanks, glad it helped! 👍" if vote > 0 else \
            "Thanks, noted — I'll keep getting better. 👎"
        await interaction.response.send_message(thanks, ephemeral=True)


class PagedView(OwnedView):
    """Previous/next buttons over a list of embeds."""

    def __init__(self, pages: list[discord.Embed], *, timeout: float | None = 300.0) -> None:
        super().__init__(timeout=timeout)
        self.pages = pages
        self.page = 0
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= len(self.pages) - 1

    @discord.ui.button(label="Previous", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.page = max(0, self.page - 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.page], view=self)

    @discord.ui.button(label="Next", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.page = min(len(self.pages) - 1, self.page + 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.page], view=self)
