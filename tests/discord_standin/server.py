"""The aiohttp application and its socket: 127.0.0.1 only, on a free port chosen by the OS.

URL layout (one port for everything, like one Discord host):
    ws://127.0.0.1:PORT/                   gateway (also the ``resume_gateway_url``)
    http://127.0.0.1:PORT/api/v10/...      REST API
    http://127.0.0.1:PORT/attachments/...  uploaded files (Discord's CDN)
"""

from __future__ import annotations

import socket

from aiohttp import web

from .gateway import Gateway
from .rest import RestApi
from .state import StandInState

HOST = "127.0.0.1"
API_PREFIX = "/api/v10"


class StandInServer:
    """Owns the aiohttp runner; knows nothing about the protocol."""

    def __init__(self, state: StandInState, gateway: Gateway, rest: RestApi) -> None:
        self._state = state
        self._gateway = gateway
        self._rest = rest
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/", self._gateway.handle)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest.handle)
        app.router.add_get("/attachments/{scope}/{id}/{filename}", self._attachment)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None,
                                     shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._gateway.close_all()
            await self._runner.cleanup()
            self._runner = None

    async def _attachment(self, request: web.Request) -> web.Response:
        attachment = self._state.attachments.get(int(request.match_info["id"]))
        if attachment is None or attachment.filename != request.match_info["filename"]:
            return web.Response(status=404, text="Not Found")
        content_type = attachment.content_type or "application/octet-stream"
        return web.Response(body=attachment.data, headers={"Content-Type": content_type})
