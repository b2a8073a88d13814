"""``DiscordStandIn``: the one object tests talk to.

It wires state, gateway, REST and server together and offers three kinds of methods:
build the world (``add_guild``, ``add_user``...), act as Discord users and as Discord itself
(``send_slash_command``, ``drop_connection``, ``fail_next``...), and await what the bot did
(``wait_for_request``, ``wait_for_interaction_response``...).

Pointing discord.py here (see ``bot.discord_endpoints``)::

    configure_discord_endpoints(standin.api_base, standin.gateway_url)
    bot = commands.Bot(..., guild_ready_timeout=0.1)   # on_ready waits this long after the
    await bot.start(standin.token)                     # last GUILD_CREATE (default 2 s)
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Self

from . import intents, payloads
from .gateway import Gateway
from .interactions import InteractionFactory, Options
from .models import Attachment, Channel, Guild, Member, User, new_snowflake
from .records import (
    GatewayFrame,
    InteractionRecord,
    InteractionReply,
    RecordedRequest,
    iter_custom_ids,
)
from .rest import RestApi
from .routes_app import AppRoutes
from .routes_interactions import InteractionRoutes
from .routes_messages import MessageRoutes
from .server import API_PREFIX, StandInServer
from .state import DEFAULT_APPLICATION_FLAGS, StandInState

JSON = dict[str, Any]
GuildRef = Guild | int
ChannelRef = Channel | int


class DiscordStandIn:
    """A local Discord (gateway + REST v10) for one test; see the module docstring.

    ``bot_name``/``owner_name`` name the bot user and the application owner; ``token`` is the
    only token accepted (a realistic one is made up by default); ``heartbeat_interval`` (ms) goes
    in HELLO; ``shard_count`` is what ``GET /gateway/bot`` recommends;
    ``interaction_ack_timeout`` is Discord's 3 s callback deadline; ``application_flags``
    decide which privileged intents IDENTIFY may ask for (else close 4014).
    """

    def __init__(
        self,
        *,
        bot_name: str = "article-bot",
        owner_name: str = "owner",
        token: str | None = None,
        heartbeat_interval: int = 41_250,
        shard_count: int = 1,
        interaction_ack_timeout: float = 3.0,
        application_flags: int = DEFAULT_APPLICATION_FLAGS,
    ) -> None:
        self.state = StandInState.create(bot_name=bot_name, owner_name=owner_name, token=token)
        self.state.application_flags = application_flags
        self.shard_count = shard_count
        self.gateway = Gateway(self.state, url=lambda: self.gateway_url,
                               heartbeat_interval=heartbeat_interval)
        self.rest = RestApi(self.state, [
            AppRoutes(self.state, self._echo, gateway_url=lambda: self.gateway_url,
                      shard_count=lambda: self.shard_count),
            InteractionRoutes(self.state, self._echo, ack_timeout=interaction_ack_timeout),
            MessageRoutes(self.state, self._echo),
        ])
        self._factory = InteractionFactory(self.state)
        self._server = StandInServer(self.state, self.gateway, self.rest)
        self._tasks: set[asyncio.Task[None]] = set()

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> Self:
        """Bind 127.0.0.1 on a free port and serve."""
        await self._server.start()
        self.state.base_url = self._server.base_url
        for attachment in self.state.attachments.values():  # added before start: fix URLs
            self.state.register_attachment(attachment)
        return self

    async def stop(self) -> None:
        """Close bot connections, the server and background tasks. Idempotent."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.stop()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.stop()

    # -- addresses and identity ------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return self._server.base_url

    @property
    def api_base(self) -> str:
        """REST base for ``configure_discord_endpoints`` (``.../api/v10``)."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """Gateway URL for ``configure_discord_endpoints`` (``ws://127.0.0.1:PORT/``)."""
        return f"ws://127.0.0.1:{self._server.port}/"

    @property
    def token(self) -> str:
        """The only bot token this stand-in accepts."""
        return self.state.token

    @property
    def bot_user(self) -> User:
        return self.state.bot_user

    @property
    def owner(self) -> User:
        """The application owner (``application_info().owner``, so ``bot.is_owner``)."""
        return self.state.owner

    @owner.setter
    def owner(self, user: User) -> None:
        self.state.owner = user

    @property
    def application_id(self) -> int:
        return self.state.application_id

    # -- world -----------------------------------------------------------------------------

    def add_user(self, username: str, *, bot: bool = False) -> User:
        """A new user (not yet a member of any guild)."""
        return self.state.add_user(username, bot=bot)

    def add_guild(self, name: str = "Test Guild", *, owner: User | None = None) -> Guild:
        """A guild with #general, @everyone, the owner and the bot (with its managed role).

        Add guilds before the bot connects; each becomes a GUILD_CREATE after READY.
        """
        return self.state.add_guild(name, owner)

    def add_attachment(self, filename: str, data: bytes,
                       content_type: str | None = None) -> Attachment:
        """A file a user "uploads"; pass it as a slash command option value."""
        attachment = Attachment.create(filename, data, content_type)
        self.state.register_attachment(attachment)
        return attachment

    def guild_create_payload(self, guild: Guild) -> JSON:
        """GUILD_CREATE data for ``guild`` (to ``dispatch`` when a guild is added later)."""
        return payloads.guild_create_payload(guild)

    # -- records ---------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every REST request, in arrival order."""
        return self.state.requests.items

    @property
    def unknown_requests(self) -> list[RecordedRequest]:
        """Requests no route matched (answered 404): gaps in the stand-in or bot bugs."""
        return self.state.unknown_requests

    @property
    def messages(self) -> dict[int, JSON]:
        """Current state of every message (users' and the bot's) by id."""
        return self.state.messages

    @property
    def bot_messages(self) -> list[JSON]:
        """Snapshots of the bot's messages, one per creation and per edit."""
        return self.state.bot_messages.items

    @property
    def interactions(self) -> dict[int, InteractionRecord]:
        """Every interaction the stand-in sent, by id, with what the bot answered."""
        return self.state.interactions

    @property
    def identifies(self) -> list[JSON]:
        """Every IDENTIFY ``d`` the bot sent (token, intents, shard, properties...)."""
        return [f.d for f in self.gateway.frames if f.op == 2]

    @property
    def resumes(self) -> list[JSON]:
        """Every RESUME ``d`` the bot sent."""
        return [f.d for f in self.gateway.frames if f.op == 6]

    def commands(self, guild: GuildRef | None = None) -> list[JSON]:
        """Registered application commands: global, or of ``guild``."""
        if guild is None:
            return self.state.global_commands
        return self.state.guild_commands.get(_id(guild), [])

    def mark(self) -> int:
        """Current request count, for ``wait_for_request(..., since=mark)``."""
        return len(self.state.requests)

    # -- being Discord: gateway ------------------------------------------------------------

    async def wait_ready(self, timeout: float = 5.0, *, shard_id: int = 0) -> None:
        """Until the bot is connected and got READY + GUILD_CREATEs (or RESUMED).

        discord.py fires ``on_ready`` ``guild_ready_timeout`` later; use
        ``bot.wait_until_ready()`` for that.
        """
        await self.gateway.wait_live(shard_id, timeout)

    async def dispatch(self, event: str, data: JSON, *, shard_id: int | None = None,
                       wait_connected: bool = True, timeout: float = 5.0) -> int:
        """Send a raw gateway dispatch; returns its sequence number."""
        return await self.gateway.dispatch(event, data, shard_id=shard_id,
                                           wait_connected=wait_connected, timeout=timeout)

    async def drop_connection(self, close_code: int | None = 4000, *, shard_id: int = 0) -> None:
        """Close the bot's websocket with ``close_code`` (None: drop TCP, no close frame).

        1000/4000/None leave the session resumable; 4009 (and 4007) end it, so the bot's
        RESUME gets INVALID_SESSION and it IDENTIFYs afresh.
        """
        await self.gateway.drop_connection(close_code, shard_id)

    async def request_reconnect(self, *, shard_id: int = 0) -> None:
        """Send op 7 RECONNECT."""
        await self.gateway.reconnect_request(shard_id)

    async def wait_for_gateway_frame(self, op: int | Sequence[int], *, since: int = 0,
                                     timeout: float = 5.0) -> GatewayFrame:
        """A frame the bot sent with opcode ``op`` (e.g. 2 IDENTIFY, 6 RESUME)."""
        ops = {op} if isinstance(op, int) else set(op)
        return await self.gateway.frames.wait_for(
            lambda f: f.op in ops, timeout=timeout, since=since, what=f"gateway op in {ops}")

    # -- being Discord: REST ---------------------------------------------------------------

    def fail_next(self, route_pattern: str, status: int, retry_after: float | None = None,
                  times: int = 1, *, method: str | None = None) -> None:
        """Answer the next ``times`` requests whose path matches ``route_pattern`` (regex,
        searched in the path below ``/api/v10``) with ``status`` instead.

        429 comes with ``Retry-After``, ``Via`` and Discord's JSON body (``retry_after``
        defaults to 1 s); anything else with a JSON error body.
        """
        self.rest.fail_next(route_pattern, status, retry_after=retry_after, times=times,
                            method=method)

    # -- being users -----------------------------------------------------------------------

    async def send_slash_command(
        self, guild: GuildRef, channel: ChannelRef, user: User | Member, name: str,
        options: Options = None, *, locale: str = "en-US", wait_connected: bool = True,
    ) -> InteractionRecord:
        """``user`` runs ``/name`` (``"group sub"`` for subcommands) in ``channel``.

        ``options`` maps option names to values (str/int/float/bool, ``User``/``Member``,
        ``Role``, ``Channel``, ``Attachment``), or is a list of raw option payloads.
        ``wait_connected=False`` sends even while the bot is disconnected (replayed on RESUME).
        """
        g = self.state.guild(guild)
        record = self._factory.application_command(
            g, self.state.channel(g, channel), user, name, options, locale=locale)
        await self.dispatch("INTERACTION_CREATE", record.payload, wait_connected=wait_connected)
        return record

    async def send_autocomplete(
        self, guild: GuildRef, channel: ChannelRef, user: User | Member, name: str,
        options: Mapping[str, Any], focused: str, *, locale: str = "en-US",
    ) -> InteractionRecord:
        """``user`` is typing in option ``focused`` of ``/name``; ``options`` as typed so far."""
        g = self.state.guild(guild)
        record = self._factory.autocomplete(
            g, self.state.channel(g, channel), user, name, options, focused, locale=locale)
        await self.dispatch("INTERACTION_CREATE", record.payload)
        return record

    async def send_component(
        self, custom_id: str, user: User | Member, *, message_id: int | None = None,
        values: Sequence[str] | None = None, component_type: int | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """``user`` clicks the button (or picks ``values`` in the select) ``custom_id`` on
        message ``message_id`` (default: the newest message carrying that ``custom_id``)."""
        message = self._message_with_component(custom_id, message_id)
        record = self._factory.component(message, custom_id, user, values=values,
                                         component_type=component_type, locale=locale)
        await self.dispatch("INTERACTION_CREATE", record.payload)
        return record

    async def send_modal_submit(
        self, interaction: InteractionRecord, values: Mapping[str, str | Sequence[str]], *,
        user: User | Member | None = None, locale: str = "en-US",
    ) -> InteractionRecord:
        """Submit the modal the bot opened in answer to ``interaction``; ``values`` by
        ``custom_id`` (text inputs: str; selects: list of str)."""
        record = self._factory.modal_submit(interaction, values, user, locale=locale)
        await self.dispatch("INTERACTION_CREATE", record.payload)
        return record

    async def send_message(
        self, guild: GuildRef, channel: ChannelRef, author: User | Member, content: str, *,
        mentions: Sequence[User | Member] | None = None, reference: JSON | int | None = None,
        mention_author: bool = True, attachments: Sequence[Attachment] = (),
    ) -> JSON:
        """``author`` posts ``content``; the bot gets MESSAGE_CREATE as its intents allow.

        ``mentions`` default to the ``<@id>`` in ``content``; replying (``reference``: a
        message or its id) also mentions the replied-to author unless ``mention_author=False``.
        """
        g = self.state.guild(guild)
        ch = self.state.channel(g, channel)
        member = g.member(author)
        mentioned = (self.state.mentions_in(content, g) if mentions is None
                     else [(m.user if isinstance(m, Member) else m,
                            g.members.get(m.id)) for m in mentions])
        ref_json = referenced = None
        if reference is not None:
            ref_id = int(reference["id"]) if isinstance(reference, dict) else int(reference)
            referenced = self.state.messages.get(ref_id)
            ref_json = {"type": 0, "message_id": str(ref_id), "channel_id": str(ch.id),
                        "guild_id": str(g.id)}
            if referenced is not None and mention_author:
                replied_to = self.state.users.get(int(referenced["author"]["id"]))
                if replied_to and all(u.id != replied_to.id for u, _ in mentioned):
                    mentioned.append((replied_to, g.members.get(replied_to.id)))
        for attachment in attachments:
            self.state.register_attachment(attachment, ch.id)
        message = payloads.message_payload(
            message_id=new_snowflake(), channel_id=ch.id, guild_id=g.id, author=member.user,
            member=member, content=content, attachments=attachments, mentions=mentioned,
            mention_roles=self.state.role_mentions_in(content), reference=ref_json,
            referenced_message=referenced,
            type=payloads.MESSAGE_REPLY if reference is not None else payloads.MESSAGE_DEFAULT,
        )
        self.state.store_message(message, by_bot=False)
        await self._deliver("MESSAGE_CREATE", message, wait_connected=True)
        return message

    # -- awaiting the bot ------------------------------------------------------------------

    async def wait_for_request(
        self, method: str, path_regex: str, timeout: float = 5.0, *, since: int = 0,
        status: int | None = None, predicate: Callable[[RecordedRequest], bool] | None = None,
    ) -> RecordedRequest:
        """The first request from index ``since`` on with ``method`` whose path fully matches
        ``path_regex`` (and ``status``/``predicate`` if given), waiting if needed."""
        pattern = re.compile(path_regex)

        def matches(r: RecordedRequest) -> bool:
            return (r.method == method.upper() and bool(pattern.fullmatch(r.path))
                    and (status is None or r.status == status)
                    and (predicate is None or predicate(r)))

        return await self.state.requests.wait_for(
            matches, timeout=timeout, since=since, what=f"{method} {path_regex}")

    async def wait_for_interaction_response(
        self, interaction: InteractionRecord, timeout: float = 5.0, *, final: bool = True,
    ) -> InteractionReply:
        """The bot's answer to ``interaction``.

        With ``final`` a defer (callback 5 or 6) waits further for the first PATCH
        ``@original`` or followup, and the reply's ``message`` is that message. Use
        ``final=False`` for bots that only defer.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        events = interaction.events
        callback = await events.wait_for(lambda e: e.kind == "callback", timeout=timeout,
                                         what=f"a callback to interaction {interaction.id}")
        kind = callback.body.get("type")
        message = callback.message
        if final and kind in (5, 6):
            later = await events.wait_for(
                lambda e: e.kind in ("edit_original", "followup"),
                timeout=max(deadline - loop.time(), 0.01),
                since=events.items.index(callback) + 1,
                what=f"an edit or followup after the defer of interaction {interaction.id}")
            message = later.message
        return InteractionReply(interaction, kind, callback.body, message)

    async def wait_for_bot_message(
        self, *, channel: ChannelRef | None = None,
        predicate: Callable[[JSON], bool] | None = None, since: int = 0, timeout: float = 5.0,
    ) -> JSON:
        """A snapshot of a bot message created or edited (from index ``since`` of
        ``bot_messages``), optionally in ``channel`` and matching ``predicate``."""
        channel_id = None if channel is None else str(_id(channel))

        def matches(m: JSON) -> bool:
            return ((channel_id is None or m["channel_id"] == channel_id)
                    and (predicate is None or predicate(m)))

        return await self.state.bot_messages.wait_for(
            matches, timeout=timeout, since=since, what="a bot message")

    # -- internals -------------------------------------------------------------------------

    def _message_with_component(self, custom_id: str, message_id: int | None) -> JSON:
        if message_id is not None:
            message = self.state.messages.get(message_id)
            if message is None:
                raise LookupError(f"no message {message_id}")
            return message
        for message in reversed(self.state.messages.values()):
            if custom_id in iter_custom_ids(message.get("components")):
                return message
        raise LookupError(f"no stored message has a component with custom_id {custom_id!r}")

    async def _deliver(self, event: str, data: JSON, *, wait_connected: bool) -> None:
        """Dispatch as the bot's intents allow (message events are filtered)."""
        shard = self.gateway.shard_for(data)
        if wait_connected:
            await self.gateway.wait_live(shard)
        session = self.gateway.session(shard)
        if session is None:
            return  # never connected: nothing to tell
        visible = intents.message_event_for(event, data, intents=session.intents,
                                            bot_id=self.bot_user.id)
        if visible is not None:
            await self.gateway.dispatch(event, visible, shard_id=shard, wait_connected=False)

    def _echo(self, event: str, data: JSON) -> None:
        """Gateway echo of the bot's own REST actions (MESSAGE_CREATE etc.), in background."""
        task = asyncio.get_running_loop().create_task(
            self._deliver(event, data, wait_connected=False))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _id(obj: Guild | Channel | int) -> int:
    return obj if isinstance(obj, int) else obj.id
