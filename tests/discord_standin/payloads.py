"""Turn the stand-in's models into Discord API v10 JSON objects.

Every builder returns the full object shape Discord sends (ids as strings, permission bitfields
as strings, ISO timestamps), so discord.py parses it through its normal code paths. Keep
discord.py-specific knowledge out of here: these are Discord's shapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from .models import Attachment, Channel, Guild, Member, Role, User

JSON = dict[str, Any]

#: Message flags the stand-in sets itself.
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7

#: Message types (Discord's numbering).
MESSAGE_DEFAULT = 0
MESSAGE_REPLY = 19
MESSAGE_CHAT_INPUT_COMMAND = 20


def iso(dt: datetime | None = None) -> str:
    return (dt or datetime.now(UTC)).isoformat()


def user_payload(user: User) -> JSON:
    data: JSON = {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": user.avatar,
        "avatar_decoration_data": None,
        "banner": None,
        "accent_color": None,
        "public_flags": 0,
        "flags": 0,
        "primary_guild": None,
        "collectibles": None,
    }
    if user.bot:
        data["bot"] = True
    return data


def client_user_payload(user: User) -> JSON:
    """The bot's own user, as in ``GET /users/@me`` and READY."""
    return {**user_payload(user), "verified": True, "mfa_enabled": False, "email": None,
            "locale": "en-US", "premium_type": 0}


def role_payload(role: Role) -> JSON:
    data: JSON = {
        "id": str(role.id),
        "name": role.name,
        "color": role.color,
        "colors": {"primary_color": role.color, "secondary_color": None, "tertiary_color": None},
        "hoist": role.hoist,
        "icon": None,
        "unicode_emoji": None,
        "position": role.position,
        "permissions": str(role.permissions),
        "managed": role.managed,
        "mentionable": role.mentionable,
        "flags": 0,
    }
    if role.bot_id is not None:
        data["tags"] = {"bot_id": str(role.bot_id)}
    return data


def channel_payload(channel: Channel, *, permissions: int | None = None) -> JSON:
    """A guild channel; ``permissions`` is added the way interaction payloads carry it."""
    data: JSON = {
        "id": str(channel.id),
        "type": int(channel.type),
        "guild_id": str(channel.guild_id),
        "name": channel.name,
        "position": channel.position,
        "parent_id": str(channel.parent_id) if channel.parent_id else None,
        "topic": channel.topic,
        "nsfw": channel.nsfw,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "flags": 0,
        "permission_overwrites": [
            {"id": str(ow.id), "type": ow.type, "allow": str(ow.allow), "deny": str(ow.deny)}
            for ow in channel.overwrites
        ],
    }
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def member_payload(
    member: Member, *, with_user: bool = True, permissions: int | None = None
) -> JSON:
    """A guild member; MESSAGE_CREATE omits ``user``, interactions add ``permissions``."""
    data: JSON = {
        "roles": [str(r.id) for r in member.roles],
        "nick": member.nick,
        "avatar": None,
        "banner": None,
        "joined_at": iso(member.joined_at),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
        "unusual_dm_activity_until": None,
    }
    if with_user:
        data["user"] = user_payload(member.user)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def guild_create_payload(guild: Guild) -> JSON:
    """The GUILD_CREATE a bot gets for an available guild right after READY."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": guild.locale,
        "system_channel_id": next((str(c.id) for c in guild.channels if c.type == 0), None),
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "application_id": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "features": [],
        "roles": [role_payload(r) for r in guild.roles],
        "emojis": [],
        "stickers": [],
        "joined_at": iso(),
        "large": False,
        "unavailable": False,
        "lazy": True,
        "member_count": len(guild.members),
        "members": [member_payload(m) for m in guild.members.values()],
        "channels": [channel_payload(c) for c in guild.channels],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "embedded_activities": [],
    }


def attachment_payload(attachment: Attachment) -> JSON:
    return {
        "id": str(attachment.id),
        "filename": attachment.filename,
        "description": attachment.description,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "url": attachment.url,
        "proxy_url": attachment.url,
        "flags": 0,
    }


def application_payload(
    *, application_id: int, bot: User, owner: User, flags: int, description: str = ""
) -> JSON:
    """``GET /oauth2/applications/@me`` (and ``/applications/@me``), no team."""
    return {
        "id": str(application_id),
        "name": bot.username,
        "icon": None,
        "description": description,
        "summary": "",
        "type": None,
        "hook": True,
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "flags": flags,
        "owner": user_payload(owner),
        "team": None,
        "bot": user_payload(bot),
        "approximate_guild_count": 1,
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "tags": [],
        "integration_types_config": {"0": {}, "1": {}},
        "is_monetized": False,
        "event_webhooks_status": 1,
    }


def message_payload(
    *,
    message_id: int,
    channel_id: int,
    author: User,
    guild_id: int | None = None,
    member: Member | None = None,
    content: str = "",
    embeds: Iterable[JSON] = (),
    components: Iterable[JSON] = (),
    attachments: Iterable[Attachment] = (),
    flags: int = 0,
    type: int = MESSAGE_DEFAULT,
    mentions: Iterable[tuple[User, Member | None]] = (),
    mention_roles: Iterable[int] = (),
    reference: JSON | None = None,
    referenced_message: JSON | None = None,
    webhook_id: int | None = None,
    application_id: int | None = None,
    interaction_metadata: JSON | None = None,
    tts: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> JSON:
    """A complete message object (what MESSAGE_CREATE and the REST message routes return)."""
    data: JSON = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": user_payload(author),
        "content": content,
        "timestamp": iso(),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": False,
        "mentions": [
            {**user_payload(u), **({"member": member_payload(m, with_user=False)} if m else {})}
            for u, m in mentions
        ],
        "mention_roles": [str(r) for r in mention_roles],
        "attachments": [attachment_payload(a) for a in attachments],
        "embeds": list(embeds),
        "components": list(components),
        "reactions": [],
        "pinned": False,
        "type": type,
        "flags": flags,
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    if member is not None:
        data["member"] = member_payload(member, with_user=False)
    if reference is not None:
        data["message_reference"] = reference
        data["referenced_message"] = referenced_message
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if application_id is not None:
        data["application_id"] = str(application_id)
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    if extra:
        data.update(extra)
    return data


def error_body(message: str, code: int = 0) -> JSON:
    """Discord's JSON error body."""
    return {"message": message, "code": code}
