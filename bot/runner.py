"""``python -m bot run``: start the bot with the token from the environment."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys

import discord

from config.settings import Settings
from retrieval.errors import ArticleBotError

log = logging.getLogger("article_bot")

NO_TOKEN = """No Discord token is set, so the bot can't connect.
  • To try article-bot offline, run:  python -m bot chat
  • To run it on Discord, set ARTICLE_BOT_DISCORD_TOKEN (or DISCORD_TOKEN) to your bot's token,
    e.g. in a .env file — see README.md, "Running it on your test server"."""


def run_bot(settings: Settings) -> int:
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(NO_TOKEN, file=sys.stderr)
        return 2
    discord.utils.setup_logging(level=getattr(logging, settings.log_level.upper(), logging.INFO))
    from bot.discord_endpoints import configure_discord_endpoints

    configure_discord_endpoints(settings.discord_api_base, settings.discord_gateway_url)
    try:
        asyncio.run(_run(settings))
    except KeyboardInterrupt:
        return 0
    except discord.LoginFailure:
        log.error("Discord refused the token (401). Check ARTICLE_BOT_DISCORD_TOKEN.")
        return 1
    except discord.PrivilegedIntentsRequired:
        log.error("Discord says a privileged intent is required; article-bot needs none.")
        return 1
    except ArticleBotError as error:  # e.g. the spaCy pipeline is missing: say how to fix it
        log.error("%s", error)
        return 1
    return 0


async def _run(settings: Settings) -> None:
    from bot.client import create_bot

    bot = create_bot(settings)
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    # SIGTERM (docker stop, systemd) and SIGINT (Ctrl-C) close the bot cleanly: the library
    # and its database threads are closed before the loop stops, so the process can exit. (As
    # PID 1 in a container SIGTERM would otherwise be ignored until the SIGKILL.)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            loop.add_signal_handler(signum, lambda: loop.create_task(bot.close()))
    async with bot:
        await bot.start(token, reconnect=True)
