"""A local stand-in for Discord's gateway and REST API v10, for tests of discord.py bots.

A real ``discord.Client``/``commands.Bot`` runs its own code against it unchanged; everything
the bot sends is recorded for assertions. Start with ``DiscordStandIn`` (``standin.py``) and
the pytest fixtures in ``fixtures.py``.
"""

from . import permissions
from .models import (
    Attachment,
    Channel,
    ChannelType,
    Guild,
    Member,
    Role,
    StandInGuild,
    User,
    new_snowflake,
)
from .permissions import Overwrite
from .records import (
    GatewayFrame,
    InteractionEvent,
    InteractionRecord,
    InteractionReply,
    RecordedRequest,
)
from .runner import run_client
from .standin import DiscordStandIn

__all__ = [
    "Attachment",
    "Channel",
    "ChannelType",
    "DiscordStandIn",
    "GatewayFrame",
    "Guild",
    "InteractionEvent",
    "InteractionRecord",
    "InteractionReply",
    "Member",
    "Overwrite",
    "RecordedRequest",
    "Role",
    "StandInGuild",
    "User",
    "new_snowflake",
    "permissions",
    "run_client",
]
