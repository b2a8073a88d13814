"""Helpers for the Discord tests: start the real product bot against the stand-in, act as
users, and read what a user would see (embeds, fields, buttons) back as plain text."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.client import ArticleBot, ShardedArticleBot, create_bot
from config.settings import Settings
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.conftest import SEED_FILE, make_settings
from tests.discord_standin import (
    DiscordStandIn,
    Guild,
    InteractionRecord,
    InteractionReply,
    RecordedRequest,
    User,
    run_client,
)

JSON = dict[str, Any]

#: Names of the tasks discord.py runs commands, views and events in; awaited before closing.
_BOT_TASK_PREFIXES = ("CommandTree-invoker", "discord-ui-view-dispatch", "discord.py: ")

#: The exact slash commands (and their options, in order) the bot must register.
EXPECTED_COMMANDS = {
    "ask": ["question", "article"],
    "entities": ["type", "article"],
    "entity": ["name"],
    "articles": [],
    "article": ["article"],
    "ingest": ["url", "file"],
    "forget": ["article"],
    "sync": [],
}

# -- the articles ------------------------------------------------------------------------------


def article_paragraphs(path: Path = SEED_FILE) -> list[str]:
    """The body paragraphs of an article file, straight from the file (front matter dropped).

    Paragraphs are blank-line separated blocks; a block whose every line ends a sentence (the
    seed) is one paragraph per line.
    """
    text = path.read_text(encoding="utf-8")
    if "\n---\n" in text:
        text = text.split("\n---\n", 1)[1]
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if len(lines) > 1 and all(line[-1] in ".!?\"”’" for line in lines):
            paragraphs.extend(lines)
        elif lines:
            paragraphs.append(" ".join(lines))
    return [" ".join(p.split()) for p in paragraphs]


def article_title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("title:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"{path} has no title line")


def paragraph_number(sentence: str, path: Path = SEED_FILE) -> int:
    """The 1-based paragraph of ``path`` that contains ``sentence`` (exactly)."""
    wanted = " ".join(sentence.split())
    for number, paragraph in enumerate(article_paragraphs(path), 1):
        if wanted in paragraph:
            return number
    raise AssertionError(f"{sentence!r} is not a sentence of {path.name}")


def in_article(sentence: str, path: Path = SEED_FILE) -> bool:
    wanted = " ".join(sentence.split())
    return bool(wanted) and any(wanted in p for p in article_paragraphs(path))


# -- reading what the bot sent -----------------------------------------------------------------


def unescape(text: str) -> str:
    """What a reader sees: markdown escapes removed as Discord renders them (a backslash hides
    only before ASCII punctuation; before anything else, e.g. a space, it shows), and the
    invisible zero-width space that ``escape_mentions`` puts after ``@`` dropped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("@\u200b", "@")


def quoted_text(value: str) -> str:
    """The sentence inside a "> " quote block, with the bold highlight (``**``) and markdown
    escapes removed. Escaped asterisks (``\\*``) stay asterisks."""
    lines = value.splitlines()
    assert lines and all(line.startswith("> ") for line in lines), f"not a quote: {value!r}"
    body = " ".join(line[2:] for line in lines)
    body = re.sub(r"(?<!\\)\*\*", "", body)
    return unescape(body)


def field(embed: JSON, name: str) -> str | None:
    """The value of the embed field called ``name`` (None if absent)."""
    for item in embed.get("fields", []):
        if item["name"] == name:
            return item["value"]
    return None


def buttons(components: Iterable[JSON]) -> dict[str, JSON]:
    """Every button by its label, or by its emoji when it has no label."""
    found: dict[str, JSON] = {}
    for row in components:
        for item in row.get("components", []):
            if item.get("type") == 2:
                key = item.get("label") or (item.get("emoji") or {}).get("name", "")
                found[key] = item
    return found


def all_text(embed: JSON) -> list[str]:
    """The parts of an embed where Discord renders markdown and mentions."""
    parts = [embed.get("description") or ""]
    for item in embed.get("fields", []):
        parts += [item["name"], item["value"]]
    return parts


async def callback_request(standin: DiscordStandIn, interaction: InteractionRecord
                           ) -> RecordedRequest:
    """The recorded POST of the interaction callback (its JSON is what the bot sent)."""
    return await standin.wait_for_request(
        "POST", rf"/interactions/{interaction.id}/[^/]+/callback")


async def reply_request(standin: DiscordStandIn, interaction: InteractionRecord
                        ) -> RecordedRequest:
    """The request that carried the visible answer: the callback for an immediate reply,
    the followup after a defer."""
    callback = await callback_request(standin, interaction)
    if callback.json.get("type") not in (5, 6):
        return callback
    return await standin.wait_for_request(
        "POST", rf"/webhooks/\d+/{re.escape(interaction.token)}")


def assert_polite_ephemeral(reply: InteractionReply, *needles: str) -> str:
    """An ephemeral error: one embed whose description contains every needle, no crash."""
    assert reply.ephemeral, f"not ephemeral: {reply.callback}"
    text = reply.content or ""
    for embed in reply.embeds:
        text += "\n" + unescape(embed.get("description") or "")
    assert "something went wrong" not in text, text
    for needle in needles:
        assert needle in text, f"{needle!r} not in {text!r}"
    return text


# -- running the bot ---------------------------------------------------------------------------


@dataclass
class Running:
    """A running product bot, its library and the stand-in it talks to."""

    standin: DiscordStandIn
    bot: ArticleBot | ShardedArticleBot
    library: ArticleLibrary
    settings: Settings

    async def command(self, guild: Guild, user: User, name: str,
                      options: dict[str, Any] | None = None, *, timeout: float = 8.0
                      ) -> tuple[InteractionRecord, InteractionReply]:
        """``user`` runs ``/name`` in ``guild``'s #general; returns the final reply."""
        interaction = await self.standin.send_slash_command(
            guild, guild.text_channel, user, name, options or {})
        reply = await self.standin.wait_for_interaction_response(interaction, timeout=timeout)
        return interaction, reply

    async def autocomplete(self, guild: Guild, user: User, name: str,
                           options: dict[str, Any], focused: str) -> list[JSON]:
        interaction = await self.standin.send_autocomplete(
            guild, guild.text_channel, user, name, options, focused=focused)
        reply = await self.standin.wait_for_interaction_response(interaction)
        assert reply.callback_type == 8, reply.callback
        return reply.choices

    choices = autocomplete

    async def click(self, reply: InteractionReply, button: str, user: User
                    ) -> InteractionReply:
        """``user`` clicks the button labelled ``button`` (or with that emoji) on the
        message of ``reply``."""
        assert reply.message is not None
        item = buttons(reply.components).get(button)
        assert item is not None, f"no {button!r} button in {list(buttons(reply.components))}"
        click = await self.standin.send_component(
            item["custom_id"], user, message_id=int(reply.message["id"]))
        return await self.standin.wait_for_interaction_response(click)

    async def article_ids(self, guild_id: int | None) -> dict[str, int]:
        return {row.title: row.id for row in await self.library.articles(Scope.guild(guild_id))}


def bot_settings(tmp_path: Path, standin: DiscordStandIn, dev_guild: Guild,
                 **overrides: object) -> Settings:
    return make_settings(tmp_path, dev_guild_id=dev_guild.id, discord_token=standin.token,
                         **overrides)


@asynccontextmanager
async def running_bot(standin: DiscordStandIn, tmp_path: Path, dev_guild: Guild, *,
                      library: ArticleLibrary | None = None, **overrides: object
                      ) -> AsyncIterator[Running]:
    """The product bot (``create_bot``) logged in to the stand-in and synced to
    ``dev_guild``, on ``library`` or a fresh one on a temporary database. Add guilds/users
    before."""
    settings = bot_settings(tmp_path, standin, dev_guild, **overrides)
    own = library is None
    lib = library if library is not None else await ArticleLibrary.open(settings)
    try:
        bot = create_bot(settings, lib, guild_ready_timeout=0.1)
        async with run_client(bot, standin.token, ready_timeout=15.0):
            try:
                yield Running(standin, bot, lib, settings)
            finally:
                await settle()
    finally:
        if own:
            await lib.close()


async def settle(timeout: float = 5.0) -> None:
    """Let commands, button callbacks and event handlers the bot is still running finish
    (e.g. the ``original_response()`` fetch after a reply) before it is closed."""
    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()
               and t.get_name().startswith(_BOT_TASK_PREFIXES)]
    if pending:
        await asyncio.wait(pending, timeout=timeout)
