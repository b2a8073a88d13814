"""Discord permission bits and the permission arithmetic Discord does server-side.

Values are Discord's documented bit positions (not read from discord.py, so a bug there cannot
hide behind the stand-in agreeing with it). The computation follows Discord's documented
algorithm: owner and ADMINISTRATOR get everything; otherwise @everyone | roles, then channel
overwrites in the order @everyone, roles, member.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CREATE_INSTANT_INVITE = 1 << 0
KICK_MEMBERS = 1 << 1
BAN_MEMBERS = 1 << 2
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_AUDIT_LOG = 1 << 7
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CONNECT = 1 << 20
SPEAK = 1 << 21
CHANGE_NICKNAME = 1 << 26
MANAGE_ROLES = 1 << 28
MANAGE_WEBHOOKS = 1 << 29
USE_APPLICATION_COMMANDS = 1 << 31
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
MODERATE_MEMBERS = 1 << 40

#: Every permission Discord currently defines (bits 0..50); what owners/admins get.
ALL_PERMISSIONS = (1 << 51) - 1

#: What @everyone gets in a freshly created guild (the interesting part of Discord's default).
DEFAULT_EVERYONE = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | MENTION_EVERYONE
    | USE_EXTERNAL_EMOJIS
    | CONNECT
    | SPEAK
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)

#: What a bot typically asks for in its invite link; given to the bot's managed role.
DEFAULT_BOT = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | SEND_MESSAGES_IN_THREADS
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_EXTERNAL_EMOJIS
    | USE_APPLICATION_COMMANDS
)

#: What the "Moderator" role made by ``Guild.add_moderator`` carries.
MODERATOR = MANAGE_GUILD | MANAGE_MESSAGES | KICK_MEMBERS | MODERATE_MEMBERS


@dataclass
class Overwrite:
    """A channel permission overwrite (``type`` 0 = role, 1 = member)."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0


def base_permissions(*, is_owner: bool, everyone: int, roles: Iterable[int]) -> int:
    """Guild-level permissions of a member."""
    if is_owner:
        return ALL_PERMISSIONS
    perms = everyone
    for role_perms in roles:
        perms |= role_perms
    return ALL_PERMISSIONS if perms & ADMINISTRATOR else perms


def apply_overwrites(
    base: int,
    *,
    guild_id: int,
    member_id: int,
    role_ids: Iterable[int],
    overwrites: Iterable[Overwrite],
) -> int:
    """Channel-level permissions: ``base`` with the channel's overwrites applied."""
    if base & ADMINISTRATOR:
        return ALL_PERMISSIONS
    by_target = {(ow.type, ow.id): ow for ow in overwrites}
    perms = base
    everyone = by_target.get((0, guild_id))
    if everyone:
        perms = (perms & ~everyone.deny) | everyone.allow
    allow = deny = 0
    for role_id in role_ids:
        ow = by_target.get((0, role_id))
        if ow:
            allow |= ow.allow
            deny |= ow.deny
    perms = (perms & ~deny) | allow
    member = by_target.get((1, member_id))
    if member:
        perms = (perms & ~member.deny) | member.allow
    return perms
