"""REST routes about the bot itself: its user, application, gateway URL and slash commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import payloads
from .models import new_snowflake
from .rest import MISSING_ACCESS, Call, Emit, Endpoint, Reply, RouteGroup, endpoints, error
from .state import StandInState

JSON = dict[str, Any]


class AppRoutes(RouteGroup):
    """``/users``, ``/applications``, ``/gateway`` and command registration."""

    def __init__(self, state: StandInState, emit: Emit, *, gateway_url: Callable[[], str],
                 shard_count: Callable[[], int]) -> None:
        super().__init__(state, emit)
        self._gateway_url = gateway_url
        self._shard_count = shard_count

    def endpoints(self) -> list[Endpoint]:
        app = r"/applications/(?P<app>\d+)"
        guild = r"/guilds/(?P<guild>\d+)"
        return endpoints([
            ("GET", r"/users/@me", self._me, True),
            ("GET", r"/users/(?P<user>\d+)", self._user, True),
            ("GET", guild + r"/members/(?P<user>\d+)", self._member, True),
            ("GET", r"/oauth2/applications/@me", self._application, True),
            ("GET", r"/applications/@me", self._application, True),
            ("GET", r"/gateway", self._gateway, False),
            ("GET", r"/gateway/bot", self._gateway_bot, True),
            ("GET", app + r"/commands", self._get_commands, True),
            ("PUT", app + r"/commands", self._put_commands, True),
            ("POST", app + r"/commands", self._post_command, True),
            ("GET", app + guild + r"/commands", self._get_commands, True),
            ("PUT", app + guild + r"/commands", self._put_commands, True),
            ("POST", app + guild + r"/commands", self._post_command, True),
        ])

    # -- identity --------------------------------------------------------------------------

    async def _me(self, call: Call) -> Reply:
        return Reply(200, payloads.client_user_payload(self.state.bot_user))

    async def _user(self, call: Call) -> Reply:
        user = self.state.users.get(int(call.params["user"]))
        if user is None:
            return error(404, "Unknown User", 10013)
        return Reply(200, payloads.user_payload(user))

    async def _member(self, call: Call) -> Reply:
        guild = self.state.guilds.get(int(call.params["guild"]))
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        member = guild.members.get(int(call.params["user"]))
        if member is None:
            return error(404, "Unknown Member", 10007)
        return Reply(200, payloads.member_payload(member))

    async def _application(self, call: Call) -> Reply:
        return Reply(200, payloads.application_payload(
            application_id=self.state.application_id, bot=self.state.bot_user,
            owner=self.state.owner, flags=self.state.application_flags))

    async def _gateway(self, call: Call) -> Reply:
        return Reply(200, {"url": self._gateway_url()})

    async def _gateway_bot(self, call: Call) -> Reply:
        return Reply(200, {
            "url": self._gateway_url(),
            "shards": self._shard_count(),
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 86_400_000,
                                    "max_concurrency": 1},
        })

    # -- application commands --------------------------------------------------------------

    def _command_scope(self, call: Call) -> list[JSON] | None:
        """The command list the route addresses (None: another app, or a guild the bot is
        not in, where Discord answers 403 Missing Access)."""
        if int(call.params["app"]) != self.state.application_id:
            return None
        guild = call.params.get("guild")
        if guild is None:
            return self.state.global_commands
        if int(guild) not in self.state.guilds:
            return None
        return self.state.guild_commands.setdefault(int(guild), [])

    async def _get_commands(self, call: Call) -> Reply:
        scope = self._command_scope(call)
        return MISSING_ACCESS if scope is None else Reply(200, scope)

    async def _put_commands(self, call: Call) -> Reply:
        """Bulk overwrite, as ``tree.sync()`` does."""
        scope = self._command_scope(call)
        if scope is None:
            return MISSING_ACCESS
        new = [self._stored_command(c, scope, call.params.get("guild")) for c in call.body]
        scope[:] = new
        return Reply(200, new)

    async def _post_command(self, call: Call) -> Reply:
        scope = self._command_scope(call)
        if scope is None:
            return MISSING_ACCESS
        command = self._stored_command(call.body, scope, call.params.get("guild"))
        scope[:] = [c for c in scope if c["id"] != command["id"]] + [command]
        return Reply(200, command)

    def _stored_command(self, body: JSON, scope: list[JSON], guild_id: str | None) -> JSON:
        """A command as Discord returns it; ids survive re-registration under the same name."""
        kind = body.get("type", 1)
        perms = body.get("default_member_permissions")
        same = next((c for c in scope if c["name"] == body["name"] and c["type"] == kind), None)
        command: JSON = {
            "id": same["id"] if same else str(new_snowflake()),
            "application_id": str(self.state.application_id),
            "version": str(new_snowflake()),
            "type": kind,
            "name": body["name"],
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description", ""),
            "description_localizations": body.get("description_localizations"),
            "options": body.get("options", []),
            "default_member_permissions": None if perms is None else str(perms),
            "nsfw": body.get("nsfw", False),
            "contexts": body.get("contexts"),
            "integration_types": body.get("integration_types") or [0],
        }
        if guild_id is None:
            command["dm_permission"] = body.get("dm_permission", True)
        else:
            command["guild_id"] = guild_id
        return command
