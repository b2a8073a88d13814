"""``python -m bot run`` as a real process against the stand-in: configured only through the
environment, it logs in, syncs to the dev guild, answers /ask, never prints its token, and
leaves no process behind (its question worker, started by default, stops with it)."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

from config.settings import PROJECT_ROOT
from tests.bot.discord_helpers import field, in_article, quoted_text
from tests.discord_standin import DiscordStandIn, StandInGuild
from tests.processes import alive, children, cmdline

START_TIMEOUT = 60.0  # importing spaCy and opening the library on a slow CI machine


def bot_environment(standin: DiscordStandIn, guild_id: int, db_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("ARTICLE_BOT_") and key != "DISCORD_TOKEN"}
    env.update({
        "ARTICLE_BOT_DISCORD_TOKEN": standin.token,
        "ARTICLE_BOT_DISCORD_API_BASE": standin.api_base,
        "ARTICLE_BOT_DISCORD_GATEWAY_URL": standin.gateway_url,
        "ARTICLE_BOT_DEV_GUILD_ID": str(guild_id),
        "ARTICLE_BOT_DB_PATH": str(db_path),
    })
    return env


async def test_python_m_bot_run_answers_through_the_standin_and_never_prints_the_token(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=PROJECT_ROOT,
        env=bot_environment(standin, g.guild.id, tmp_path / "bot.sqlite3"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    output = asyncio.gather(process.stdout.read(), process.stderr.read())
    try:
        sync = standin.wait_for_request(
            "PUT", rf"/applications/{standin.application_id}/guilds/{g.guild.id}/commands",
            timeout=START_TIMEOUT)
        started = asyncio.ensure_future(sync)
        done, _ = await asyncio.wait({started, output}, return_when=asyncio.FIRST_COMPLETED)
        assert started in done, f"the bot exited early: {await output}"
        assert (await started).had_auth
        await standin.wait_ready(timeout=START_TIMEOUT)
        assert standin.identifies[0]["token"] == standin.token

        interaction = await standin.send_slash_command(
            g.guild, g.channel, g.member, "ask",
            {"question": "Who did French police say they foiled a terror strike by?"})
        reply = await standin.wait_for_interaction_response(interaction, timeout=10)
        (embed,) = reply.embeds
        sentence = quoted_text(embed["description"])
        assert "Reda Kriket" in sentence and in_article(sentence)
        assert "paragraph 8" in field(embed, "Source")
        assert (tmp_path / "bot.sqlite3").exists()
        # The command ends with its reply: the message comes back with the callback's answer
        # (``?with_response``), so nothing fetches ``@original`` afterwards.
        await standin.wait_for_request(
            "POST", rf"/interactions/{interaction.id}/{re.escape(interaction.token)}/callback",
            timeout=10)
        # the question worker (question_processes defaults to 1) and multiprocessing's helper
        spawned: set[int] = set()
        for _ in range(300):
            spawned = children(process.pid)
            if any("spawn_main" in cmdline(pid) for pid in spawned):
                break
            await asyncio.sleep(0.1)
        assert any("spawn_main" in cmdline(pid) for pid in spawned), spawned
    finally:
        if process.returncode is None:
            process.terminate()  # SIGTERM, as docker stop or systemd send it
            try:
                await asyncio.wait_for(process.wait(), timeout=15)
            except TimeoutError:
                process.kill()
                await process.wait()
    stdout, stderr = (part.decode(errors="replace") for part in await output)
    assert process.returncode == 0, stderr[-3000:]
    for _ in range(100):  # the resource tracker exits once nothing holds its pipe
        if not any(alive(pid) for pid in spawned):
            break
        await asyncio.sleep(0.1)
    assert not [pid for pid in spawned if alive(pid)], "processes left behind"
    assert f"synced 8 commands to the dev guild {g.guild.id}" in stderr  # it does log
    assert "Traceback" not in stderr, stderr[-3000:]  # and shuts down cleanly
    secret = standin.token.rsplit(".", 1)[-1]
    for text in (stdout, stderr):
        assert standin.token not in text
        assert secret not in text
