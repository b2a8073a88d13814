"""Point discord.py at a Discord API base and gateway other than discord.com's.

Used by the bot's ``run`` command (settings ``ARTICLE_BOT_DISCORD_API_BASE`` /
``ARTICLE_BOT_DISCORD_GATEWAY_URL``) and by tests that run a real bot against the local
stand-in in ``tests/discord_standin``.

Why these two class attributes, and nothing else (checked against discord.py 2.7.1):

* ``discord.http.Route.BASE`` is the prefix of every REST URL: ``Route.__init__`` builds
  ``self.url = self.BASE + path``. That covers ``HTTPClient`` *and* the webhook adapter in
  ``discord/webhook/async_.py``, which builds interaction callbacks
  (``/interactions/{id}/{token}/callback``), followups and ``@original`` edits with the same
  ``Route``. (``Webhook.url`` and ``Invite.url`` are display strings, never requested, so
  they are left alone.) ``discord.http._set_api_version`` rewrites ``Route.BASE`` to
  discord.com: call this function after it, if it is used at all.
* ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` is where ``Client.connect`` goes first
  (it passes no gateway on the initial connect) and where it goes back after an
  INVALID_SESSION. Resumes go to READY's ``resume_gateway_url``, which the server sends, and
  ``AutoShardedClient`` takes its URL from ``GET /gateway/bot``, which lives under
  ``Route.BASE``; both follow without further changes.

Both are documented class attributes that discord.py reads at call time, so setting them is
the least invasive option: no subclass, no monkeypatched function, and it affects clients
created before or after the call. Calling again with the same values changes nothing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"


def configure_discord_endpoints(api_base: str, gateway_url: str) -> None:
    """Make discord.py send REST calls to ``api_base`` and connect to ``gateway_url``.

    ``api_base`` is the versioned REST root (``http://127.0.0.1:PORT/api/v10``); a trailing
    slash is dropped because discord.py's route paths start with ``/``. ``gateway_url`` is a
    ``ws://`` or ``wss://`` URL; discord.py appends ``?v=10&encoding=json&compress=...``.
    Idempotent; affects the whole process.
    """
    api = _checked(api_base, ("http", "https"), "api_base").rstrip("/")
    gateway = _checked(gateway_url, ("ws", "wss"), "gateway_url")
    Route.BASE = api
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


def current_discord_endpoints() -> tuple[str, str]:
    """The ``(api_base, gateway_url)`` discord.py will use now."""
    return Route.BASE, str(DiscordWebSocket.DEFAULT_GATEWAY)


def _checked(url: str, schemes: tuple[str, ...], name: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in schemes or not parts.netloc:
        raise ValueError(f"{name} must be an absolute {'/'.join(schemes)} URL, got {url!r}")
    return url
