"""The little world the stand-in serves: users, guilds, roles, channels, members, attachments.

Plain dataclasses that tests create and mutate before (or while) a bot runs. They know nothing
about JSON; ``payloads.py`` turns them into Discord API objects.
"""

from __future__ import annotations

import itertools
import mimetypes
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum

from discord.utils import time_snowflake

from . import permissions as perm
from .permissions import Overwrite

_snowflake_lock = threading.Lock()
_last_snowflake = 0
_increment = itertools.count()


def new_snowflake() -> int:
    """A unique, realistic snowflake for *now* (timestamp bits first, so ids sort by time)."""
    global _last_snowflake
    with _snowflake_lock:
        value = time_snowflake(datetime.now(UTC)) | (next(_increment) & 0xFFF)
        if value <= _last_snowflake:
            value = _last_snowflake + 1
        _last_snowflake = value
        return value


class ChannelType(IntEnum):
    """The channel types the stand-in knows how to describe."""

    TEXT = 0
    DM = 1
    VOICE = 2
    CATEGORY = 4
    NEWS = 5
    PUBLIC_THREAD = 11
    FORUM = 15


@dataclass(eq=False)
class User:
    """A Discord user (a person or a bot)."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    avatar: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass(eq=False)
class Role:
    """A guild role; ``permissions`` is the raw bitfield (see ``permissions.py``)."""

    id: int
    name: str
    permissions: int = 0
    position: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    managed: bool = False
    bot_id: int | None = None

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"


@dataclass(eq=False)
class Channel:
    """A guild channel."""

    id: int
    guild_id: int
    name: str
    type: ChannelType = ChannelType.TEXT
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    nsfw: bool = False
    overwrites: list[Overwrite] = field(default_factory=list)

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"


@dataclass(eq=False)
class Member:
    """A user's membership of a guild (roles exclude @everyone, as in Discord's payloads)."""

    user: User
    roles: list[Role] = field(default_factory=list)
    nick: str | None = None
    joined_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def id(self) -> int:
        return self.user.id


@dataclass(eq=False)
class Attachment:
    """An uploaded file; the stand-in serves ``data`` at ``url`` once registered."""

    id: int
    filename: str
    data: bytes
    content_type: str | None = None
    description: str | None = None
    url: str = ""

    @property
    def size(self) -> int:
        return len(self.data)

    @classmethod
    def create(cls, filename: str, data: bytes, content_type: str | None = None) -> Attachment:
        guessed = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        return cls(id=new_snowflake(), filename=filename, data=data, content_type=guessed)


@dataclass(eq=False)
class Guild:
    """A guild with its roles (``roles[0]`` is @everyone, id == guild id), channels, members."""

    id: int
    name: str
    owner_id: int
    roles: list[Role] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)
    locale: str = "en-US"

    @classmethod
    def create(cls, name: str, owner: User, everyone_permissions: int) -> Guild:
        guild_id = new_snowflake()
        guild = cls(id=guild_id, name=name, owner_id=owner.id)
        guild.roles.append(Role(id=guild_id, name="@everyone", permissions=everyone_permissions))
        guild.add_channel("general")
        guild.add_member(owner)
        return guild

    # -- lookups ---------------------------------------------------------------------------

    @property
    def everyone(self) -> Role:
        return self.roles[0]

    @property
    def text_channel(self) -> Channel:
        """The first text channel (``#general`` unless the test removed it)."""
        channel = next((c for c in self.channels if c.type == ChannelType.TEXT), None)
        if channel is None:
            raise LookupError(f"guild {self.name!r} has no text channel")
        return channel

    def channel(self, channel_id: int) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def role(self, role_id: int) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def role_named(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)

    def member(self, user: User | Member | int) -> Member:
        """The membership of ``user``; raises with a hint if the test forgot ``add_member``."""
        user_id = user if isinstance(user, int) else user.id
        try:
            return self.members[user_id]
        except KeyError:
            raise LookupError(
                f"user {user_id} is not a member of guild {self.name!r}; "
                "call guild.add_member(user) first"
            ) from None

    # -- building --------------------------------------------------------------------------

    def add_role(
        self, name: str, permissions: int = 0, *, managed: bool = False,
        bot_id: int | None = None, mentionable: bool = False,
    ) -> Role:
        """A role above the existing ones; ``permissions`` from ``permissions.py`` constants."""
        role = Role(id=new_snowflake(), name=name, permissions=permissions,
                    position=len(self.roles), managed=managed, bot_id=bot_id,
                    mentionable=mentionable)
        self.roles.append(role)
        return role

    def add_channel(
        self,
        name: str,
        type: ChannelType = ChannelType.TEXT,
        *,
        overwrites: Iterable[Overwrite] = (),
        parent_id: int | None = None,
        topic: str | None = None,
    ) -> Channel:
        channel = Channel(
            id=new_snowflake(), guild_id=self.id, name=name, type=type,
            position=len(self.channels), overwrites=list(overwrites), parent_id=parent_id,
            topic=topic,
        )
        self.channels.append(channel)
        return channel

    def add_member(
        self, user: User, roles: Iterable[Role] = (), *, nick: str | None = None
    ) -> Member:
        """Add (or update) ``user``'s membership with extra ``roles``."""
        member = self.members.get(user.id)
        if member is None:
            member = self.members[user.id] = Member(user=user, nick=nick)
        for role in roles:
            if role not in member.roles and role is not self.everyone:
                member.roles.append(role)
        return member

    def moderator_role(self) -> Role:
        """The guild's "Moderator" role (MANAGE_GUILD and friends), created on first use."""
        return self.role_named("Moderator") or self.add_role("Moderator", perm.MODERATOR)

    def add_moderator(self, user: User) -> Member:
        """Make ``user`` a member holding the Moderator role (has MANAGE_GUILD)."""
        return self.add_member(user, [self.moderator_role()])

    def add_plain_member(self, user: User) -> Member:
        """Make ``user`` a member with only @everyone's permissions."""
        return self.add_member(user)

    # -- permissions -----------------------------------------------------------------------

    def permissions_for(self, user: User | Member | int, channel: Channel | None = None) -> int:
        """What Discord would put in ``member.permissions`` (channel-level if ``channel``)."""
        member = self.member(user)
        base = perm.base_permissions(
            is_owner=member.id == self.owner_id,
            everyone=self.everyone.permissions,
            roles=(r.permissions for r in member.roles),
        )
        if channel is None:
            return base
        return perm.apply_overwrites(
            base,
            guild_id=self.id,
            member_id=member.id,
            role_ids=[r.id for r in member.roles],
            overwrites=channel.overwrites,
        )


@dataclass
class StandInGuild:
    """A ready-made guild (see the ``standin_guild`` fixture): ``mod`` holds MANAGE_GUILD via
    the Moderator role, ``member`` only @everyone's permissions."""

    guild: Guild
    channel: Channel
    mod: User
    member: User
