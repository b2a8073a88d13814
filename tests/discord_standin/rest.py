"""The REST half's core: routing, recording, fault injection, Discord's error conventions.

Every request is recorded (``StandInState.requests``) with what was answered. Routes are plain
regexes over the path below the API base, contributed by the ``routes_*`` modules; a request
no route matches is recorded in ``unknown_requests`` and answered 404, so gaps in the
stand-in are visible, not silent.

Discord details that discord.py depends on and that are easy to get wrong:
* JSON bodies are sent with ``Content-Type: application/json`` exactly (no charset): discord.py
  only parses a body as JSON when the header is exactly that.
* A 429 carries ``Retry-After``, ``Via`` and a JSON body with ``retry_after``: without ``Via``
  discord.py takes a 429 for a Cloudflare ban and raises instead of retrying.
* Interaction callbacks and ``/webhooks/{app}/{token}`` routes are authorised by the token in
  the URL; every other route needs ``Authorization: Bot <token>``.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import math
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from . import limits, payloads
from .models import Attachment
from .records import RecordedRequest, UploadedFile, snapshot
from .state import StandInState

JSON = dict[str, Any]
Emit = Callable[[str, JSON], None]
log = logging.getLogger(__name__)


@dataclass
class Reply:
    """An answer before it becomes an aiohttp response (so it can be recorded as data)."""

    status: int
    data: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def to_response(self) -> web.Response:
        if self.status == 204 or self.data is None:
            return web.Response(status=self.status, headers=self.headers)
        # body=bytes keeps the header exactly "application/json" (text= would add a charset)
        return web.Response(status=self.status, body=json.dumps(self.data).encode(),
                            content_type="application/json", headers=self.headers)


def error(status: int, message: str, code: int = 0) -> Reply:
    """Discord's JSON error reply (``code`` is Discord's numeric error code)."""
    return Reply(status, payloads.error_body(message, code))


NO_CONTENT = Reply(204)
UNKNOWN_MESSAGE = error(404, "Unknown Message", 10008)
UNKNOWN_CHANNEL = error(404, "Unknown Channel", 10003)
UNKNOWN_WEBHOOK = error(404, "Unknown Webhook", 10015)
UNKNOWN_INTERACTION = error(404, "Unknown interaction", 10062)
MISSING_ACCESS = error(403, "Missing Access", 50001)


class Refused(Exception):
    """Raised by a handler to answer with ``reply`` (an error) instead."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.data)
        self.reply = reply


def check(rejection: limits.Rejection | None) -> None:
    """Refuse with Discord's 400 if a payload broke a limit."""
    if rejection is not None:
        raise Refused(Reply(400, rejection.body()))


@dataclass
class Call:
    """One request as handlers see it."""

    request: web.Request
    params: dict[str, str]
    body: Any
    files: list[UploadedFile]

    def flag(self, name: str) -> bool:
        """A boolean query parameter (``?wait=1``, ``?with_response=true``)."""
        return self.request.query.get(name, "").lower() in ("1", "true")


Handler = Callable[[Call], Awaitable[Reply]]


@dataclass
class Endpoint:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    auth: bool = True  # needs "Authorization: Bot <token>"


def endpoints(table: Iterable[tuple[str, str, Handler, bool]]) -> list[Endpoint]:
    """Endpoints from ``(method, path regex, handler, needs auth)`` rows."""
    return [Endpoint(m, re.compile(p), h, a) for m, p, h, a in table]


class RouteGroup:
    """Base of the ``routes_*`` classes: shared state and the helpers they all need."""

    def __init__(self, state: StandInState, emit: Emit) -> None:
        self.state = state
        self._emit = emit

    def endpoints(self) -> list[Endpoint]:
        raise NotImplementedError

    def announce(self, event: str, data: JSON, *, ephemeral: bool | None = None) -> None:
        """Tell the bot over the gateway, as Discord does (never for ephemeral messages)."""
        if ephemeral is None:
            ephemeral = bool(data.get("flags", 0) & payloads.FLAG_EPHEMERAL)
        if not ephemeral:
            self._emit(event, snapshot(data) or {})

    def uploaded(self, call: Call, channel_id: int | None) -> list[Attachment]:
        """Files uploaded with this request, registered so the stand-in serves them."""
        described = {str(a.get("id")): a for a in (call.body or {}).get("attachments") or []}
        result = []
        for index, upload in enumerate(call.files):
            attachment = Attachment.create(upload.filename, upload.data, upload.content_type)
            attachment.description = described.get(str(index), {}).get("description")
            self.state.register_attachment(attachment, channel_id)
            result.append(attachment)
        return result

    def delete(self, message: JSON) -> None:
        self.state.messages.pop(int(message["id"]), None)
        event = {"id": message["id"], "channel_id": message["channel_id"]}
        if "guild_id" in message:
            event["guild_id"] = message["guild_id"]
        ephemeral = bool(message.get("flags", 0) & payloads.FLAG_EPHEMERAL)
        self.announce("MESSAGE_DELETE", event, ephemeral=ephemeral)


@dataclass
class Fault:
    """A scripted failure for the next ``times`` matching requests (see ``fail_next``)."""

    pattern: re.Pattern[str]
    method: str | None
    status: int
    retry_after: float | None
    times: int

    def matches(self, method: str, path: str) -> bool:
        return (self.times > 0 and self.method in (None, method)
                and self.pattern.search(path) is not None)

    def reply(self) -> Reply:
        self.times -= 1
        if self.status == 429:
            retry_after = 1.0 if self.retry_after is None else self.retry_after
            return Reply(429, {"message": "You are being rate limited.",
                               "retry_after": retry_after, "global": False},
                         {"Retry-After": str(math.ceil(retry_after)), "Via": "1.1 google",
                          "X-RateLimit-Scope": "user"})
        return error(self.status, f"{self.status}: stand-in injected failure")


class RestApi:
    """Routes requests to the groups' endpoints, records them, injects faults."""

    def __init__(self, state: StandInState, groups: Iterable[RouteGroup]) -> None:
        self.state = state
        self.faults: list[Fault] = []
        self.endpoints = [e for group in groups for e in group.endpoints()]

    def fail_next(self, pattern: str, status: int, *, retry_after: float | None = None,
                  times: int = 1, method: str | None = None) -> None:
        verb = method.upper() if method else None
        self.faults.append(Fault(re.compile(pattern), verb, status, retry_after, times))

    async def handle(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body, files = await _read_body(request)
        auth = request.headers.get("Authorization")
        record = RecordedRequest(
            method=request.method, path=path, query=dict(request.query), json=body, files=files,
            had_auth=auth is not None, time=asyncio.get_running_loop().time(),
        )
        try:
            reply = await self._answer(Call(request, {}, body, files), path, auth, record)
        except Exception:  # a stand-in bug: answer 500 and make it loud in the test log
            log.exception("discord stand-in failed on %s %s", request.method, path)
            reply = error(500, "stand-in internal error")
        record.status, record.response = reply.status, copy.deepcopy(reply.data)
        self.state.requests.append(record)
        return reply.to_response()

    async def _answer(self, call: Call, path: str, auth: str | None,
                      record: RecordedRequest) -> Reply:
        method = call.request.method
        fault = next((f for f in self.faults if f.matches(method, path)), None)
        if fault is not None:
            return fault.reply()
        for endpoint in self.endpoints:
            match = endpoint.pattern.fullmatch(path)
            if match is None or endpoint.method != method:
                continue
            if endpoint.auth and auth != f"Bot {self.state.token}":
                return error(401, "401: Unauthorized")
            call.params = match.groupdict()
            try:
                return await endpoint.handler(call)
            except Refused as refused:
                return refused.reply
        self.state.unknown_requests.append(record)
        return error(404, "404: Not Found")


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """JSON body, or for multipart: ``payload_json`` plus the ``files[n]`` parts."""
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files: list[UploadedFile] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            data = await part.read()
            if part.name == "payload_json":
                body = json.loads(bytes(data))
            elif part.filename:
                files.append(UploadedFile(part.name or "", part.filename,
                                          part.headers.get("Content-Type"), bytes(data)))
        return body, files
    if not request.can_read_body:
        return None, []
    text = await request.text()
    return (json.loads(text) if text else None), []
