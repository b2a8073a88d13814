"""REST routes answering interactions: the callback, followups and ``@original`` edits.

Behaviours copied from Discord because bots depend on them:
* a callback after ``interaction_ack_timeout`` (3 s) gets 404 Unknown interaction (10062),
  a second callback 400 "already acknowledged" (40060);
* type 5 creates a "thinking" message (flag LOADING); the first PATCH ``@original`` *or the
  first followup* replaces it, and LOADING is cleared;
* discord.py 2.7.1 always asks ``?with_response=1`` and reads ``interaction.
  response_message_id`` from the answer to attach the response's View to its message.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from . import limits, payloads
from .records import InteractionEvent, InteractionRecord, snapshot
from .rest import (
    NO_CONTENT,
    UNKNOWN_INTERACTION,
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
    Call,
    Emit,
    Endpoint,
    Refused,
    Reply,
    RouteGroup,
    check,
    endpoints,
    error,
)
from .state import StandInState

JSON = dict[str, Any]
log = logging.getLogger(__name__)

# Interaction callback types
PONG, CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 1, 4, 5, 6, 7
AUTOCOMPLETE_RESULT, MODAL = 8, 9


class InteractionRoutes(RouteGroup):
    """``/interactions/{id}/{token}/callback`` and ``/webhooks/{app}/{token}...``."""

    def __init__(self, state: StandInState, emit: Emit, *, ack_timeout: float) -> None:
        super().__init__(state, emit)
        self.ack_timeout = ack_timeout

    def endpoints(self) -> list[Endpoint]:
        hook = r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)"
        message = hook + r"/messages/(?P<message>@original|\d+)"
        return endpoints([
            ("POST", r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback", self._callback,
             False),
            ("POST", hook, self._followup, False),
            ("GET", message, self._get_message, False),
            ("PATCH", message, self._edit_message, False),
            ("DELETE", message, self._delete_message, False),
        ])

    # -- the callback ----------------------------------------------------------------------

    async def _callback(self, call: Call) -> Reply:
        record = self.state.interactions.get(int(call.params["id"]))
        if record is None or record.token != call.params["token"]:
            return UNKNOWN_INTERACTION
        age = asyncio.get_running_loop().time() - record.created_at
        if age > self.ack_timeout:
            log.warning("interaction %s acknowledged after %.2fs (limit %.1fs)",
                        record.id, age, self.ack_timeout)
            return UNKNOWN_INTERACTION
        if record.callback is not None:
            return error(400, "Interaction has already been acknowledged.", 40060)
        body = call.body or {}
        message = self._apply(record, body.get("type"), body.get("data") or {}, call)
        record.events.append(InteractionEvent("callback", body, snapshot(message)))
        if not call.flag("with_response"):
            return NO_CONTENT
        return Reply(200, _callback_response(record, body["type"], message))

    def _apply(self, record: InteractionRecord, kind: Any, data: JSON, call: Call
               ) -> JSON | None:
        """Do what callback ``kind`` does; returns the message it created or changed."""
        if kind == CHANNEL_MESSAGE:
            check(limits.validate_message(data, has_files=bool(call.files)))
            return self._new_message(record, data, call)
        if kind == DEFERRED_CHANNEL_MESSAGE:
            loading = {"flags": (data.get("flags") or 0) & payloads.FLAG_EPHEMERAL}
            return self._new_message(record, loading, call, extra_flags=payloads.FLAG_LOADING)
        if kind in (DEFERRED_UPDATE, UPDATE_MESSAGE):  # both act on the clicked message
            message = self.state.messages.get(record.message_id or 0)
            if message is None:
                raise Refused(error(400, "Interaction callback type not allowed here", 50035))
            record.original_message_id = record.message_id
            if kind == UPDATE_MESSAGE:
                check(limits.validate_message(data, edit=True))
                self.state.edit_message(message, data, self.uploaded(call, record.channel_id))
                self.announce("MESSAGE_UPDATE", message)
            return message
        if kind == AUTOCOMPLETE_RESULT:
            check(limits.validate_choices(data))
            return None
        if kind in (PONG, MODAL):
            return None
        raise Refused(error(400, "Invalid Form Body", 50035))

    def _new_message(self, record: InteractionRecord, data: JSON, call: Call,
                     extra_flags: int = 0) -> JSON:
        kind = payloads.MESSAGE_CHAT_INPUT_COMMAND if record.type == 2 else 0
        message = self.state.bot_message(
            record.channel_id, data, attachments=self.uploaded(call, record.channel_id),
            type=kind, interaction=record, extra_flags=extra_flags)
        self.state.store_message(message, by_bot=True)
        record.original_message_id = int(message["id"])
        self.announce("MESSAGE_CREATE", message)
        return message

    # -- the interaction webhook -----------------------------------------------------------

    def _interaction(self, call: Call) -> InteractionRecord:
        """The acknowledged interaction whose token this webhook route carries."""
        token = call.params["token"]
        record = next((r for r in self.state.interactions.values() if r.token == token), None)
        if (int(call.params["app"]) != self.state.application_id or record is None
                or record.callback is None):
            raise Refused(UNKNOWN_WEBHOOK)
        return record

    def _message(self, call: Call, record: InteractionRecord) -> JSON:
        ref = call.params["message"]
        if ref == "@original":
            message_id = record.original_message_id
        else:
            message_id = int(ref)
            if message_id not in {record.original_message_id, *record.followup_message_ids}:
                raise Refused(UNKNOWN_MESSAGE)
        message = self.state.messages.get(message_id or 0)
        if message is None:
            raise Refused(UNKNOWN_MESSAGE)
        return message

    async def _followup(self, call: Call) -> Reply:
        record = self._interaction(call)
        body = call.body or {}
        check(limits.validate_message(body, has_files=bool(call.files)))
        original = self.state.messages.get(record.original_message_id or 0)
        attachments = self.uploaded(call, record.channel_id)
        if original is not None and original["flags"] & payloads.FLAG_LOADING:
            message = self.state.edit_message(original, {**body, "flags": None}, attachments)
            self.announce("MESSAGE_UPDATE", message)
        else:
            message = self.state.bot_message(record.channel_id, body, attachments=attachments,
                                             interaction=record)
            self.state.store_message(message, by_bot=True)
            self.announce("MESSAGE_CREATE", message)
        record.followup_message_ids.append(int(message["id"]))
        record.events.append(InteractionEvent("followup", body, snapshot(message)))
        return Reply(200, message) if call.flag("wait") else NO_CONTENT

    async def _get_message(self, call: Call) -> Reply:
        return Reply(200, self._message(call, self._interaction(call)))

    async def _edit_message(self, call: Call) -> Reply:
        record = self._interaction(call)
        message = self._message(call, record)
        check(limits.validate_message(call.body, edit=True))
        self.state.edit_message(message, call.body or {}, self.uploaded(call, record.channel_id))
        kind = "edit_original" if call.params["message"] == "@original" else "edit_followup"
        record.events.append(InteractionEvent(kind, call.body or {}, snapshot(message)))
        self.announce("MESSAGE_UPDATE", message)
        return Reply(200, message)

    async def _delete_message(self, call: Call) -> Reply:
        record = self._interaction(call)
        message = self._message(call, record)
        self.delete(message)
        kind = "delete_original" if call.params["message"] == "@original" else "delete_followup"
        record.events.append(InteractionEvent(kind, {}, snapshot(message)))
        return NO_CONTENT


def _callback_response(record: InteractionRecord, kind: int, message: JSON | None) -> JSON:
    """The ``InteractionCallbackResponse`` Discord returns for ``?with_response=true``."""
    flags = message.get("flags", 0) if message else 0
    resource: JSON = {"type": kind}
    if message is not None and kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE,
                                        UPDATE_MESSAGE):
        resource["message"] = message
    return {
        "interaction": {
            "id": str(record.id),
            "type": record.type,
            "response_message_id": message["id"] if message else None,
            "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
            "response_message_ephemeral": bool(flags & payloads.FLAG_EPHEMERAL),
        },
        "resource": resource,
    }
