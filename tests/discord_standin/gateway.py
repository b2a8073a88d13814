"""The gateway half: a websocket endpoint speaking Discord's gateway v10 protocol.

Per connection: HELLO, then IDENTIFY (-> READY + one GUILD_CREATE per guild) or RESUME
(-> replay of missed dispatches + RESUMED, or INVALID_SESSION if the session is gone).
Frames are sent as plain JSON text even though discord.py asks for ``compress=zlib-stream``:
its reader only inflates *binary* frames, so text frames keep every frame readable in logs.

Sessions outlive connections, like Discord's: dispatches emitted while the bot is disconnected
are logged with their sequence numbers and replayed on RESUME.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from . import payloads
from .records import GatewayFrame, Journal
from .state import StandInState

JSON = dict[str, Any]

# Opcodes
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE_UPDATE, VOICE_STATE_UPDATE = 0, 1, 2, 3, 4
RESUME, RECONNECT, REQUEST_GUILD_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = (
    6, 7, 8, 9, 10, 11,
)

#: Close codes after which Discord refuses a RESUME ("reconnect and start a new session").
SESSION_ENDING_CLOSE_CODES = frozenset({4007, 4009})

#: privileged intent bit -> application flags that allow it (full or "limited" variant).
PRIVILEGED_INTENTS = {
    1 << 1: (1 << 14) | (1 << 15),  # GUILD_MEMBERS
    1 << 8: (1 << 12) | (1 << 13),  # GUILD_PRESENCES
    1 << 15: (1 << 18) | (1 << 19),  # MESSAGE_CONTENT
}

#: How long a server-side close waits for the client's close frame.
CLOSE_TIMEOUT = 2.0


@dataclass(eq=False)
class Connection:
    """One websocket connection from the bot."""

    number: int
    ws: web.WebSocketResponse
    request: web.Request
    query: dict[str, str]
    session: Session | None = None
    closed_by_server: bool = False

    async def send(self, payload: JSON) -> bool:
        """Send one frame; ``False`` if the socket is already gone (the frame stays logged)."""
        if self.ws.closed:
            return False
        try:
            await self.ws.send_str(json.dumps(payload))
        except (ConnectionError, RuntimeError):
            return False
        return True

    async def close(self, code: int, reason: str = "") -> None:
        self.closed_by_server = True
        await self.ws.close(code=code, message=reason.encode())

    def abort(self) -> None:
        """Drop TCP without a close frame, like a network failure."""
        self.closed_by_server = True
        transport = self.request.transport
        if transport is not None:
            transport.abort()


@dataclass(eq=False)
class Session:
    """A gateway session: sequence numbers and the dispatch log, across reconnects."""

    id: str
    shard_id: int
    shard_count: int
    intents: int
    identify: JSON
    seq: int = 0
    log: list[JSON] = field(default_factory=list)
    connection: Connection | None = None
    valid: bool = True
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def emit(self, event: str, data: JSON) -> None:
        async with self.lock:
            await self.emit_locked(event, data)

    async def emit_locked(self, event: str, data: JSON) -> None:
        """Number, log and (if connected) send a dispatch. Caller holds ``lock``."""
        self.seq += 1
        frame = {"op": DISPATCH, "t": event, "s": self.seq, "d": data}
        self.log.append(frame)
        if self.connection is not None:
            await self.connection.send(frame)


class Gateway:
    """Accepts the bot's websocket connections and drives the protocol."""

    def __init__(
        self,
        state: StandInState,
        *,
        url: Callable[[], str],
        heartbeat_interval: int,
    ) -> None:
        self.state = state
        self.heartbeat_interval = heartbeat_interval
        self._url = url
        self.frames: Journal[GatewayFrame] = Journal(GatewayFrame.describe)
        self.connections: list[Connection] = []
        self._open: set[Connection] = set()
        self._sessions: dict[str, Session] = {}
        self._shards: dict[int, Session] = {}
        self._live: dict[int, asyncio.Event] = {}

    # -- test-facing -----------------------------------------------------------------------

    def session(self, shard_id: int = 0) -> Session | None:
        """The current session of ``shard_id`` (None before the first IDENTIFY)."""
        return self._shards.get(shard_id)

    def live(self, shard_id: int = 0) -> asyncio.Event:
        """Set while ``shard_id`` is connected and past READY/RESUMED."""
        return self._live.setdefault(shard_id, asyncio.Event())

    def shard_for(self, data: JSON) -> int:
        """The shard Discord would route ``data`` to (by its ``guild_id``)."""
        session = self._shards.get(0)
        count = session.shard_count if session else 1
        guild_id = data.get("guild_id") if isinstance(data, dict) else None
        return (int(guild_id) >> 22) % count if guild_id else 0

    async def dispatch(
        self, event: str, data: JSON, *, shard_id: int | None = None,
        wait_connected: bool = True, timeout: float = 5.0,
    ) -> int:
        """Emit a dispatch and return its sequence number.

        With ``wait_connected`` it first waits until the shard is live (e.g. after a drop);
        without it the event is logged and replayed if the bot RESUMEs.
        """
        shard = self.shard_for(data) if shard_id is None else shard_id
        if wait_connected:
            await self.wait_live(shard, timeout)
        session = self._shards.get(shard)
        if session is None:
            raise RuntimeError(f"no gateway session for shard {shard}: has the bot connected?")
        await session.emit(event, data)
        return session.seq

    async def wait_live(self, shard_id: int = 0, timeout: float = 5.0) -> None:
        try:
            await asyncio.wait_for(self.live(shard_id).wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"gateway shard {shard_id} not connected within {timeout}s "
                f"({len(self.connections)} connection(s) so far)"
            ) from None

    async def drop_connection(self, close_code: int | None = 4000, shard_id: int = 0) -> None:
        """Close the shard's websocket with ``close_code``, or drop TCP if ``None``.

        4007 and 4009 also end the session, so the bot's RESUME gets INVALID_SESSION.
        """
        session, conn = await self._take_connection(shard_id)
        if close_code in SESSION_ENDING_CLOSE_CODES:
            session.valid = False
        if close_code is None:
            conn.abort()
        else:
            await conn.close(close_code, "stand-in fault injection")

    async def reconnect_request(self, shard_id: int = 0) -> None:
        """Send op 7 RECONNECT, asking the bot to reconnect and RESUME."""
        _, conn = await self._take_connection(shard_id)
        await conn.send({"op": RECONNECT, "d": None})

    async def _take_connection(self, shard_id: int) -> tuple[Session, Connection]:
        """Detach the shard's live connection: later dispatches are only logged."""
        session = self._shards.get(shard_id)
        conn = session.connection if session else None
        if session is None or conn is None:
            raise RuntimeError(f"shard {shard_id} is not connected")
        self.live(shard_id).clear()
        async with session.lock:
            session.connection = None
        return session, conn

    async def close_all(self) -> None:
        for conn in list(self._open):
            await conn.close(1001, "stand-in stopping")

    # -- protocol --------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, compress=False, timeout=CLOSE_TIMEOUT,
                                   max_msg_size=0)
        await ws.prepare(request)
        conn = Connection(len(self.connections) + 1, ws, request, dict(request.query))
        self.connections.append(conn)
        self._open.add(conn)
        try:
            await conn.send({"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_interval,
                                                "_trace": ["[\"discord-standin\"]"]}})
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    continue
                try:
                    frame = json.loads(message.data)
                except ValueError:
                    await conn.close(4002, "Error while decoding payload.")
                    break
                await self._on_frame(conn, frame)
        finally:
            self._open.discard(conn)
            self._detach(conn)
        return ws

    def _detach(self, conn: Connection) -> None:
        session = conn.session
        if session is None or session.connection is not conn:
            return
        session.connection = None
        self.live(session.shard_id).clear()
        if not conn.closed_by_server and conn.ws.close_code in (1000, 1001):
            session.valid = False  # a clean client close ends the session, as on Discord

    async def _on_frame(self, conn: Connection, frame: JSON) -> None:
        op, d = frame.get("op"), frame.get("d")
        shard = conn.session.shard_id if conn.session else None
        self.frames.append(GatewayFrame(op=op, d=d, connection=conn.number, shard_id=shard))
        if op == HEARTBEAT:
            await conn.send({"op": HEARTBEAT_ACK})
        elif op == IDENTIFY:
            await self._identify(conn, d)
        elif op == RESUME:
            await self._resume(conn, d)
        elif op == REQUEST_GUILD_MEMBERS and conn.session is not None:
            await self._member_chunk(conn.session, d)
        elif op not in (PRESENCE_UPDATE, VOICE_STATE_UPDATE, REQUEST_GUILD_MEMBERS):
            await conn.close(4001, "Unknown opcode.")

    async def _identify(self, conn: Connection, d: JSON) -> None:
        if d.get("token") != self.state.token:
            await conn.close(4004, "Authentication failed.")
            return
        if conn.session is not None:
            await conn.close(4005, "Already authenticated.")
            return
        intents = int(d.get("intents", 0))
        for intent, allowed_by in PRIVILEGED_INTENTS.items():
            if intents & intent and not self.state.application_flags & allowed_by:
                await conn.close(4014, "Disallowed intent(s).")
                return
        shard_id, shard_count = d.get("shard") or (0, 1)
        if not 0 <= shard_id < shard_count:
            await conn.close(4010, "Invalid shard.")
            return
        session = Session(id=secrets.token_hex(16), shard_id=shard_id, shard_count=shard_count,
                          intents=intents, identify=d)
        previous = self._shards.get(shard_id)
        if previous is not None:
            previous.valid = False
        self._sessions[session.id] = session
        self._shards[shard_id] = session
        guilds = [g for g in self.state.guilds.values()
                  if (g.id >> 22) % shard_count == shard_id]
        async with session.lock:
            session.connection, conn.session = conn, session
            await session.emit_locked("READY", self._ready(session, guilds))
            for guild in guilds:
                await session.emit_locked("GUILD_CREATE", payloads.guild_create_payload(guild))
        self.live(shard_id).set()

    async def _resume(self, conn: Connection, d: JSON) -> None:
        session = self._sessions.get(d.get("session_id", ""))
        if (
            session is None
            or not session.valid
            or d.get("token") != self.state.token
            or self._shards.get(session.shard_id) is not session
        ):
            await conn.send({"op": INVALID_SESSION, "d": False})
            return
        seq = d.get("seq") or 0
        async with session.lock:
            for frame in session.log:
                if frame["s"] > seq:
                    await conn.send(frame)
            session.connection, conn.session = conn, session
            await session.emit_locked("RESUMED", {"_trace": ["[\"discord-standin\"]"]})
        self.live(session.shard_id).set()

    async def _member_chunk(self, session: Session, d: JSON) -> None:
        guild = self.state.guilds.get(int(d["guild_id"]))
        if guild is None:
            return
        members = list(guild.members.values())
        if d.get("user_ids"):
            wanted = {int(u) for u in d["user_ids"]}
            members = [m for m in members if m.id in wanted]
        elif d.get("query"):
            members = [m for m in members if m.user.username.startswith(d["query"])]
        limit = d.get("limit") or 0
        members = members[:limit] if limit else members
        chunk: JSON = {
            "guild_id": str(guild.id),
            "members": [payloads.member_payload(m) for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if d.get("nonce"):
            chunk["nonce"] = d["nonce"]
        await session.emit("GUILD_MEMBERS_CHUNK", chunk)

    def _ready(self, session: Session, guilds: list) -> JSON:
        ready: JSON = {
            "v": 10,
            "user": payloads.client_user_payload(self.state.bot_user),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self._url(),
            "application": {"id": str(self.state.application_id),
                            "flags": self.state.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["local"],
            "user_settings": {},
            "_trace": ["[\"discord-standin\"]"],
        }
        if "shard" in session.identify:
            ready["shard"] = [session.shard_id, session.shard_count]
        return ready
