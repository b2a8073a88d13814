"""REST routes for channels and channel messages (what ``channel.send`` and friends call).

The bot must hold VIEW_CHANNEL and SEND_MESSAGES in the channel to post, and may only edit its
own messages; Discord's limits (2000 characters, 10 embeds...) are enforced.
"""

from __future__ import annotations

from typing import Any

from . import limits, payloads
from .permissions import SEND_MESSAGES, VIEW_CHANNEL
from .rest import (
    NO_CONTENT,
    UNKNOWN_CHANNEL,
    UNKNOWN_MESSAGE,
    Call,
    Endpoint,
    Refused,
    Reply,
    RouteGroup,
    check,
    endpoints,
    error,
)

JSON = dict[str, Any]


class MessageRoutes(RouteGroup):
    """``/channels/{id}`` and ``/channels/{id}/messages...``."""

    def endpoints(self) -> list[Endpoint]:
        channel = r"/channels/(?P<channel>\d+)"
        message = channel + r"/messages/(?P<message>\d+)"
        return endpoints([
            ("GET", channel, self._get_channel, True),
            ("POST", channel + r"/messages", self._create, True),
            ("POST", channel + r"/typing", self._no_content, True),
            ("GET", message, self._get, True),
            ("PATCH", message, self._edit, True),
            ("DELETE", message, self._delete, True),
            ("PUT", message + r"/reactions/[^/]+/@me", self._no_content, True),
            ("DELETE", message + r"/reactions/[^/]+/@me", self._no_content, True),
        ])

    async def _get_channel(self, call: Call) -> Reply:
        located = self.state.locate_channel(int(call.params["channel"]))
        if located is None:
            return UNKNOWN_CHANNEL
        return Reply(200, payloads.channel_payload(located[1]))

    async def _create(self, call: Call) -> Reply:
        channel_id = int(call.params["channel"])
        located = self.state.locate_channel(channel_id)
        if located is None:
            return UNKNOWN_CHANNEL
        guild, channel = located
        needed = VIEW_CHANNEL | SEND_MESSAGES
        if guild.permissions_for(self.state.bot_user, channel) & needed != needed:
            return error(403, "Missing Permissions", 50013)
        check(limits.validate_message(call.body, has_files=bool(call.files)))
        message = self.state.bot_message(channel_id, call.body or {},
                                         attachments=self.uploaded(call, channel_id))
        self.state.store_message(message, by_bot=True)
        self.announce("MESSAGE_CREATE", message)
        return Reply(200, message)

    def _message(self, call: Call) -> JSON:
        message = self.state.messages.get(int(call.params["message"]))
        if message is None or message["channel_id"] != call.params["channel"]:
            raise Refused(UNKNOWN_MESSAGE)
        return message

    async def _get(self, call: Call) -> Reply:
        return Reply(200, self._message(call))

    async def _edit(self, call: Call) -> Reply:
        message = self._message(call)
        if int(message["author"]["id"]) != self.state.bot_user.id:
            return error(403, "Cannot edit a message authored by another user", 50005)
        check(limits.validate_message(call.body, edit=True))
        attachments = self.uploaded(call, int(call.params["channel"]))
        self.state.edit_message(message, call.body or {}, attachments)
        self.announce("MESSAGE_UPDATE", message)
        return Reply(200, message)

    async def _delete(self, call: Call) -> Reply:
        self.delete(self._message(call))
        return NO_CONTENT

    async def _no_content(self, call: Call) -> Reply:
        return NO_CONTENT
