"""The stand-in's shared state: who the bot is, the world, and what has happened so far.

Gateway and REST halves both read and write this; tests reach it through ``DiscordStandIn``.
"""

from __future__ import annotations

import base64
import copy
import re
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from . import payloads
from .models import Attachment, Channel, Guild, Member, User, new_snowflake
from .permissions import DEFAULT_BOT, DEFAULT_EVERYONE
from .records import InteractionRecord, Journal, RecordedRequest

JSON = dict[str, Any]

#: GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED |
#: APPLICATION_COMMAND_BADGE: an unverified bot with all three privileged intents toggled on.
DEFAULT_APPLICATION_FLAGS = (1 << 13) | (1 << 15) | (1 << 19) | (1 << 23)

_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


def fake_token(user_id: int) -> str:
    """A token shaped like a real bot token (base64 id . timestamp . hmac)."""
    head = base64.b64encode(str(user_id).encode()).decode().rstrip("=")
    return f"{head}.Gx{secrets.token_urlsafe(4)}.{secrets.token_urlsafe(27)}"


@dataclass
class StandInState:
    """Identity, world and history. Created once per stand-in."""

    bot_user: User
    owner: User
    token: str
    application_flags: int = DEFAULT_APPLICATION_FLAGS
    everyone_permissions: int = DEFAULT_EVERYONE
    bot_permissions: int = DEFAULT_BOT
    guilds: dict[int, Guild] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    messages: dict[int, JSON] = field(default_factory=dict)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    global_commands: list[JSON] = field(default_factory=list)
    guild_commands: dict[int, list[JSON]] = field(default_factory=dict)
    interactions: dict[int, InteractionRecord] = field(default_factory=dict)
    requests: Journal[RecordedRequest] = field(
        default_factory=lambda: Journal(RecordedRequest.describe)
    )
    unknown_requests: list[RecordedRequest] = field(default_factory=list)
    # snapshots of the bot's messages, one per creation and per edit, in order
    bot_messages: Journal[JSON] = field(
        default_factory=lambda: Journal(lambda m: f"#{m['channel_id']}: {m['content'][:60]!r}")
    )
    base_url: str = ""  # http://127.0.0.1:PORT, set when the server is bound

    @classmethod
    def create(cls, *, bot_name: str, owner_name: str, token: str | None = None) -> StandInState:
        bot = User(id=new_snowflake(), username=bot_name, bot=True)
        owner = User(id=new_snowflake(), username=owner_name, global_name=owner_name.title())
        state = cls(bot_user=bot, owner=owner, token=token or fake_token(bot.id))
        state.users[bot.id] = bot
        state.users[owner.id] = owner
        return state

    @property
    def application_id(self) -> int:
        """Like every modern app, the application id equals the bot user's id."""
        return self.bot_user.id

    # -- world -----------------------------------------------------------------------------

    def add_user(self, username: str, *, bot: bool = False) -> User:
        user = User(id=new_snowflake(), username=username, global_name=username.title(), bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str, owner: User | None = None) -> Guild:
        guild = Guild.create(name, owner or self.owner, self.everyone_permissions)
        bot_role = guild.add_role(
            self.bot_user.username, self.bot_permissions, managed=True, bot_id=self.bot_user.id
        )
        guild.add_member(self.bot_user, [bot_role])
        self.guilds[guild.id] = guild
        return guild

    def guild(self, guild: Guild | int) -> Guild:
        return guild if isinstance(guild, Guild) else self.guilds[guild]

    def locate_channel(self, channel_id: int) -> tuple[Guild, Channel] | None:
        for guild in self.guilds.values():
            channel = guild.channel(channel_id)
            if channel is not None:
                return guild, channel
        return None

    def channel(self, guild: Guild, channel: Channel | int) -> Channel:
        if isinstance(channel, Channel):
            return channel
        found = guild.channel(channel)
        if found is None:
            raise LookupError(f"channel {channel} is not in guild {guild.name!r}")
        return found

    def app_permissions(self, guild: Guild, channel: Channel) -> int:
        return guild.permissions_for(self.bot_user, channel)

    def find_command(self, name: str, guild_id: int | None) -> JSON | None:
        """A registered command by top-level name: the guild's first, then global."""
        scopes = [self.guild_commands.get(guild_id, [])] if guild_id else []
        scopes.append(self.global_commands)
        for commands in scopes:
            for command in commands:
                if command["name"] == name and command.get("type", 1) == 1:
                    return command
        return None

    # -- messages --------------------------------------------------------------------------

    def mentions_in(self, content: str, guild: Guild | None) -> list[tuple[User, Member | None]]:
        """Users mentioned by ``<@id>`` in ``content`` that the stand-in knows, as Discord does."""
        found: list[tuple[User, Member | None]] = []
        for user_id in dict.fromkeys(int(m) for m in _MENTION.findall(content)):
            user = self.users.get(user_id)
            if user is not None:
                member = guild.members.get(user_id) if guild else None
                found.append((user, member))
        return found

    @staticmethod
    def role_mentions_in(content: str) -> list[int]:
        return [int(r) for r in dict.fromkeys(_ROLE_MENTION.findall(content))]

    def store_message(self, message: JSON, *, by_bot: bool) -> JSON:
        self.messages[int(message["id"])] = message
        if by_bot:
            self.bot_messages.append(copy.deepcopy(message))
        return message

    def bot_message(
        self,
        channel_id: int,
        body: JSON,
        *,
        attachments: list[Attachment],
        type: int = payloads.MESSAGE_DEFAULT,
        interaction: InteractionRecord | None = None,
        extra_flags: int = 0,
    ) -> JSON:
        """A message authored by the bot from a REST body (channel message or webhook)."""
        located = self.locate_channel(channel_id)
        guild = located[0] if located else None
        content = body.get("content") or ""
        reference = body.get("message_reference")
        referenced = None
        if reference:
            referenced = self.messages.get(int(reference["message_id"]))
            reference = {"type": 0, "channel_id": str(channel_id), **reference}
            type = payloads.MESSAGE_REPLY if type == payloads.MESSAGE_DEFAULT else type
        webhook_id = application_id = metadata = None
        if interaction is not None:
            webhook_id = application_id = self.application_id
            metadata = interaction_metadata(interaction)
        return payloads.message_payload(
            message_id=new_snowflake(),
            channel_id=channel_id,
            guild_id=guild.id if guild else None,
            member=guild.members.get(self.bot_user.id) if guild and not interaction else None,
            author=self.bot_user,
            content=content,
            embeds=body.get("embeds") or [],
            components=body.get("components") or [],
            attachments=attachments,
            flags=(body.get("flags") or 0) | extra_flags,
            type=type,
            mentions=self.mentions_in(content, guild),
            mention_roles=self.role_mentions_in(content),
            reference=reference,
            referenced_message=referenced,
            webhook_id=webhook_id,
            application_id=application_id,
            interaction_metadata=metadata,
            tts=bool(body.get("tts")),
        )

    def edit_message(self, message: JSON, body: JSON, new_attachments: list[Attachment]) -> JSON:
        """Apply a PATCH body to a stored message in place (LOADING is cleared, as Discord does)."""
        for key in ("content", "embeds", "components"):
            if key in body and body[key] is not None:
                message[key] = body[key]
        if "flags" in body and body["flags"] is not None:
            message["flags"] = body["flags"] | (message["flags"] & payloads.FLAG_EPHEMERAL)
        if "attachments" in body and body["attachments"] is not None:
            keep = {str(a.get("id")) for a in body["attachments"]}
            message["attachments"] = [a for a in message["attachments"] if a["id"] in keep]
        message["attachments"] += [payloads.attachment_payload(a) for a in new_attachments]
        message["flags"] &= ~payloads.FLAG_LOADING
        message["edited_timestamp"] = payloads.iso()
        self.bot_messages.append(copy.deepcopy(message))  # only the bot edits its messages
        return message

    # -- attachments -----------------------------------------------------------------------

    def register_attachment(self, attachment: Attachment, channel_id: int | None = None) -> None:
        """Make the stand-in serve ``attachment`` at a 127.0.0.1 URL (like the CDN)."""
        filename = quote(attachment.filename)
        path = f"/attachments/{channel_id or 0}/{attachment.id}/{filename}"
        attachment.url = self.base_url + path
        self.attachments[attachment.id] = attachment


def interaction_metadata(interaction: InteractionRecord) -> JSON:
    """The ``interaction_metadata`` Discord attaches to messages answering an interaction."""
    data: JSON = {
        "id": str(interaction.id),
        "type": interaction.type,
        "user": payloads.user_payload(interaction.user),
        "authorizing_integration_owners": interaction.payload["authorizing_integration_owners"],
    }
    if interaction.type == 2:
        data["name"] = interaction.payload["data"]["name"]
        data["command_type"] = 1
    if interaction.message_id is not None:
        data["interacted_message_id"] = str(interaction.message_id)
    return data
