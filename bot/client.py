"""The Discord client: settings, the article library, one extension per feature."""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.ratelimit import QuestionBudget
from config.settings import Settings
from retrieval.service import ArticleLibrary

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.exts.errors",
    "bot.exts.ask",
    "bot.exts.entities",
    "bot.exts.articles",
    "bot.exts.moderation",
    "bot.exts.owner",
    "bot.exts.mentions",
)
#: What the bot needs in a channel: read it, answer, embed, and reply to messages.
REQUIRED_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, send_messages_in_threads=True, embed_links=True,
    read_message_history=True,
)


def bot_intents() -> discord.Intents:
    """No privileged intents: mentions and replies to the bot carry their content anyway."""
    intents = discord.Intents.default()
    intents.message_content = False
    intents.members = False
    intents.presences = False
    return intents


class ArticleBotMixin:
    """What both the plain and the sharded bot share."""

    settings: Settings
    library: ArticleLibrary

    def _init_article_bot(self, settings: Settings, library: ArticleLibrary | None) -> None:
        self.settings = settings
        self._given_library = library
        self.answer_articles: dict[int, int] = {}  # bot message id → article id, for follow-ups
        self.question_budget = QuestionBudget(settings.ask_cooldown_rate,
                                              settings.ask_cooldown_seconds)

    async def setup_hook(self) -> None:
        bot: commands.Bot = self  # type: ignore[assignment]
        if self._given_library is not None:
            self.library = self._given_library
        else:
            self.library = await ArticleLibrary.open(self.settings)
        for extension in EXTENSIONS:
            await bot.load_extension(extension)
        await self.library.warm_up()
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
            log.info("synced %d commands to the dev guild %s", len(synced),
                     self.settings.dev_guild_id)
        else:
            log.info("no dev guild set: commands not synced at start (owner: use /sync)")

    async def on_ready(self) -> None:
        bot: commands.Bot = self  # type: ignore[assignment]
        if self.settings.question_processes > 0:
            # Once the bot is ready (commands synced, gateway session live), so that the
            # worker's start (~2.5 s of CPU: spaCy's import, the pipeline, the sentence model)
            # does not compete with the bot's own; questions are read in this process until
            # the worker is ready. Starting again on a reconnect is a no-op.
            await self.library.start_question_worker()
        # a new article's sentences are encoded for the similarity model as it is added
        # (and the seeds' once, on the first start), in the background
        await self.library.start_precomputing()
        user = bot.user
        if user is None:
            return
        log.info("logged in as %s (id %s) in %d server(s)", user, user.id, len(bot.guilds))
        log.info("invite: %s", discord.utils.oauth_url(
            user.id, permissions=REQUIRED_PERMISSIONS, scopes=("bot", "applications.commands")))

    async def is_owner(self, user: discord.abc.User) -> bool:
        if user.id in self.settings.owner_ids:
            return True
        return await super().is_owner(user)  # type: ignore[misc]

    async def close(self) -> None:
        await super().close()  # type: ignore[misc]
        if getattr(self, "library", None) is not None and self._given_library is None:
            await self.library.close()

    def remember_answer(self, message_id: int, article_id: int) -> None:
        self.answer_articles[message_id] = article_id
        if len(self.answer_articles) > 10_000:
            for key in list(self.answer_articles)[:1000]:
                del self.answer_articles[key]


def _bot_options(settings: Settings) -> dict[str, object]:
    return {
        "command_prefix": commands.when_mentioned,
        "intents": bot_intents(),
        "allowed_mentions": discord.AllowedMentions.none(),
        "help_command": None,
        "owner_ids": set(settings.owner_ids) or None,
    }


class ArticleBot(ArticleBotMixin, commands.Bot):
    def __init__(self, settings: Settings, library: ArticleLibrary | None = None,
                 **options: object) -> None:
        merged = {**_bot_options(settings), **options}
        if merged.get("owner_ids") is None:
            merged.pop("owner_ids")
        super().__init__(**merged)  # type: ignore[arg-type]
        self._init_article_bot(settings, library)


class ShardedArticleBot(ArticleBotMixin, commands.AutoShardedBot):
    def __init__(self, settings: Settings, library: ArticleLibrary | None = None,
                 **options: object) -> None:
        merged = {**_bot_options(settings), "shard_count": settings.shard_count,
                  "shard_ids": settings.shard_ids, **options}
        if merged.get("owner_ids") is None:
            merged.pop("owner_ids")
        super().__init__(**merged)  # type: ignore[arg-type]
        self._init_article_bot(settings, library)


def create_bot(settings: Settings, library: ArticleLibrary | None = None,
               **options: object) -> ArticleBot | ShardedArticleBot:
    """A sharded bot when shard settings are given, a plain one otherwise."""
    if settings.shard_count or settings.shard_ids:
        return ShardedArticleBot(settings, library, **options)
    return ArticleBot(settings, library, **options)
