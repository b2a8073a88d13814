"""Build realistic v10 INTERACTION_CREATE payloads from what a test asks for.

Option values may be given as a plain mapping (``{"question": "why?", "user": some_user}``);
types come from the command the bot registered (so an ``int`` for a NUMBER option is sent as
type 10) or, for unregistered commands, from the Python value. Users, members, roles, channels
and attachments go into ``data.resolved`` exactly as Discord does.
"""

from __future__ import annotations

import asyncio
import copy
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from . import payloads
from .models import Attachment, Channel, Guild, Member, Role, User, new_snowflake
from .records import InteractionRecord, find_component
from .state import StandInState

JSON = dict[str, Any]
Options = Mapping[str, Any] | Sequence[JSON] | None

# Interaction types
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5

# Application command option types
SUB_COMMAND, SUB_COMMAND_GROUP, STRING, INTEGER, BOOLEAN = 1, 2, 3, 4, 5
USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 6, 7, 8, 9, 10, 11

#: What Discord reports as the upload limit for an unboosted guild (10 MiB).
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


class InteractionFactory:
    """Creates interaction payloads and their ``InteractionRecord``s."""

    def __init__(self, state: StandInState) -> None:
        self.state = state

    # -- public builders -------------------------------------------------------------------

    def application_command(
        self, guild: Guild, channel: Channel, user: User | Member, name: str,
        options: Options, *, locale: str,
    ) -> InteractionRecord:
        data = self._command_data(guild, name, options, focused=None)
        return self._record(APPLICATION_COMMAND, guild, channel, user, data, locale=locale)

    def autocomplete(
        self, guild: Guild, channel: Channel, user: User | Member, name: str,
        options: Options, focused: str, *, locale: str,
    ) -> InteractionRecord:
        data = self._command_data(guild, name, options, focused=focused)
        data.pop("resolved", None)  # Discord does not resolve options while the user types
        return self._record(AUTOCOMPLETE, guild, channel, user, data, locale=locale)

    def component(
        self, message: JSON, custom_id: str, user: User | Member, *,
        values: Sequence[str] | None, component_type: int | None, locale: str,
    ) -> InteractionRecord:
        guild, channel = self._message_location(message)
        if component_type is None:
            component = find_component(message.get("components"), custom_id)
            component_type = component["type"] if component else 2
        data: JSON = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        record = self._record(
            MESSAGE_COMPONENT, guild, channel, user, data, locale=locale,
            message=copy.deepcopy(message),
        )
        record.message_id = int(message["id"])
        return record

    def modal_submit(
        self, source: InteractionRecord, values: Mapping[str, str | Sequence[str]],
        user: User | Member | None, *, locale: str,
    ) -> InteractionRecord:
        """The submit of the modal the bot opened (callback type 9) on ``source``."""
        callback = source.callback
        if not callback or callback.get("type") != 9:
            raise ValueError("the bot has not answered this interaction with a modal (type 9)")
        modal = callback["data"]
        guild = self.state.guild(source.guild_id) if source.guild_id else None
        if guild is None:
            raise ValueError("modal submits are only supported in guilds")
        channel = self.state.channel(guild, source.channel_id)
        data = {
            "custom_id": modal["custom_id"],
            "components": [_submitted(c, values) for c in modal.get("components", [])],
        }
        message = self.state.messages.get(source.message_id) if source.message_id else None
        return self._record(
            MODAL_SUBMIT, guild, channel, user or source.user, data, locale=locale,
            message=copy.deepcopy(message) if message else None,
        )

    # -- pieces ----------------------------------------------------------------------------

    def _record(
        self, type: int, guild: Guild, channel: Channel, user: User | Member, data: JSON, *,
        locale: str, message: JSON | None = None,
    ) -> InteractionRecord:
        member = guild.member(user)
        perms = guild.permissions_for(member, channel)
        interaction_id = new_snowflake()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(96)
        payload: JSON = {
            "id": str(interaction_id),
            "application_id": str(self.state.application_id),
            "type": type,
            "data": data,
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": guild.locale, "features": []},
            "channel_id": str(channel.id),
            "channel": payloads.channel_payload(channel, permissions=perms),
            "member": payloads.member_payload(member, permissions=perms),
            "token": token,
            "version": 1,
            "app_permissions": str(self.state.app_permissions(guild, channel)),
            "locale": locale,
            "guild_locale": guild.locale,
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        }
        if message is not None:
            payload["message"] = message
        record = InteractionRecord(
            id=interaction_id, token=token, type=type, payload=payload, user=member.user,
            guild_id=guild.id, channel_id=channel.id,
            created_at=asyncio.get_running_loop().time(),
        )
        self.state.interactions[interaction_id] = record
        return record

    def _message_location(self, message: JSON) -> tuple[Guild, Channel]:
        located = self.state.locate_channel(int(message["channel_id"]))
        if located is None:
            raise ValueError("component interactions are only supported on guild messages")
        return located

    def _command_data(
        self, guild: Guild, name: str, options: Options, *, focused: str | None
    ) -> JSON:
        """``data`` of a chat-input command; ``name`` may be "group sub" for subcommands."""
        top, *path = name.split()
        command = self.state.find_command(top, guild.id)
        resolved: JSON = {}
        schema = command.get("options", []) if command else None
        nested: list[JSON] = []
        holder = nested
        for depth, part in enumerate(path, start=1):  # descend into groups / subcommands
            option = _schema_option(schema, part)
            schema = option.get("options", []) if option else None
            is_leaf = depth == len(path)
            child: JSON = {"name": part, "type": SUB_COMMAND if is_leaf else SUB_COMMAND_GROUP,
                           "options": []}
            holder.append(child)
            holder = child["options"]
        holder.extend(self._options(guild, options, schema, resolved, focused))
        data: JSON = {
            "id": str(command["id"]) if command else str(new_snowflake()),
            "name": top,
            "type": 1,
            "options": nested,
        }
        if command and command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    def _options(
        self, guild: Guild, options: Options, schema: list[JSON] | None, resolved: JSON,
        focused: str | None,
    ) -> list[JSON]:
        if options is None:
            return []
        if not isinstance(options, Mapping):
            return [dict(o) for o in options]  # raw option payloads, sent as given
        built = []
        for name, value in options.items():
            declared = _schema_option(schema, name)
            kind, wire = self._option_value(guild, value, declared, resolved)
            option: JSON = {"name": name, "type": kind, "value": wire}
            if name == focused:
                option["focused"] = True
            built.append(option)
        return built

    def _option_value(
        self, guild: Guild, value: Any, declared: JSON | None, resolved: JSON
    ) -> tuple[int, Any]:
        declared_type = declared["type"] if declared else None
        if isinstance(value, User | Member):
            user = value.user if isinstance(value, Member) else value
            _resolve(resolved, "users", user.id, payloads.user_payload(user))
            member = guild.members.get(user.id)
            if member is not None:
                perms = guild.permissions_for(member)
                _resolve(resolved, "members", user.id,
                         payloads.member_payload(member, with_user=False, permissions=perms))
            return declared_type or USER, str(user.id)
        if isinstance(value, Role):
            _resolve(resolved, "roles", value.id, payloads.role_payload(value))
            return declared_type or ROLE, str(value.id)
        if isinstance(value, Channel):
            perms = guild.permissions_for(guild.member(self.state.bot_user), value)
            _resolve(resolved, "channels", value.id,
                     payloads.channel_payload(value, permissions=perms))
            return CHANNEL, str(value.id)
        if isinstance(value, Attachment):
            if value.id not in self.state.attachments:
                self.state.register_attachment(value)
            _resolve(resolved, "attachments", value.id, payloads.attachment_payload(value))
            return ATTACHMENT, str(value.id)
        if isinstance(value, bool):
            return BOOLEAN, value
        if isinstance(value, int):
            return (declared_type if declared_type in (INTEGER, NUMBER) else INTEGER), value
        if isinstance(value, float):
            return NUMBER, value
        return declared_type or STRING, value


def _schema_option(schema: list[JSON] | None, name: str) -> JSON | None:
    return next((o for o in schema or [] if o.get("name") == name), None)


def _resolve(resolved: JSON, kind: str, object_id: int, payload: JSON) -> None:
    resolved.setdefault(kind, {})[str(object_id)] = payload


def _submitted(component: JSON, values: Mapping[str, str | Sequence[str]]) -> JSON:
    """What a modal submit carries back for one component of the modal the bot sent."""
    kind = component.get("type")
    if kind == 1:
        return {"type": 1, "components": [_submitted(c, values) for c in component["components"]]}
    if kind == 18:
        return {"type": 18, "id": component.get("id", 0),
                "component": _submitted(component["component"], values)}
    custom_id = component.get("custom_id")
    submitted: JSON = {"type": kind, "id": component.get("id", 0)}
    if custom_id is None:
        return submitted
    submitted["custom_id"] = custom_id
    value = values.get(custom_id, component.get("value", ""))
    if kind == 4:
        submitted["value"] = value
    else:
        submitted["values"] = [value] if isinstance(value, str) else list(value)
    return submitted
