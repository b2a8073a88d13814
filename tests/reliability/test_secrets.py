"""The Discord token never leaks: not in logs (even at DEBUG, even with a traceback), not in a
settings repr or dump, not in anything sent to Discord, not in the database; a wrong or missing
token stops the bot with a clear message that does not repeat it. And the bot writes nothing
outside its data directory (what running on a read-only root filesystem needs).

The bot runs as a real ``python -m bot run`` subprocess against the stand-in (created with the
fake token); the test's event loop keeps serving the stand-in meanwhile. A ``sitecustomize``
module on the subprocess's PYTHONPATH makes one question fail inside the library, so the run
includes an unexpected error with its traceback.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from config.settings import PROJECT_ROOT, Settings
from tests.conftest import make_settings
from tests.discord_standin import DiscordStandIn, Guild, InteractionReply, User
from tests.reliability._helpers import APOLOGY, reply_text

TOKEN = "FAKE.TOKEN.do-not-leak-123"
WRONG_TOKEN = "WRONG.TOKEN.do-not-leak-456"
PIECES = ("do-not-leak", "FAKE.TOKEN", "WRONG.TOKEN")
SITECUSTOMIZE = '''
"""Test hook for test_secrets.py: a question containing "explode" fails in the library."""
from retrieval import service

_real_ask = service.ArticleLibrary.ask


async def _ask(self, question, scope, **kwargs):
    if "explode" in question:
        raise RuntimeError("the retrieval layer exploded on purpose")
    return await _real_ask(self, question, scope, **kwargs)


service.ArticleLibrary.ask = _ask
'''


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    data_dir: Path
    home: Path
    cwd: Path

    async def finish(self, *, interrupt: bool = True, timeout: float = 20.0) -> tuple[str, str]:
        """Stop the bot (SIGINT, as Ctrl-C or ``docker stop`` would) and return its output."""
        if interrupt and self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, err = await asyncio.wait_for(self.process.communicate(), timeout=timeout)
        except TimeoutError:
            self.process.kill()
            out, err = await asyncio.wait_for(self.process.communicate(), timeout=10)
        return out.decode(errors="replace"), err.decode(errors="replace")


async def start_bot(tmp_path: Path, standin: DiscordStandIn, token: str | None,
                    guild: Guild | None = None) -> BotProcess:
    hooks = tmp_path / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE)
    data_dir, home, cwd = tmp_path / "data", tmp_path / "home", tmp_path / "cwd"
    for directory in (data_dir, home, cwd, tmp_path / "tmp"):
        directory.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TMPDIR": str(tmp_path / "tmp"),
        "PYTHONPATH": os.pathsep.join([str(hooks), str(PROJECT_ROOT)]),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "ARTICLE_BOT_DISCORD_API_BASE": standin.api_base,
        "ARTICLE_BOT_DISCORD_GATEWAY_URL": standin.gateway_url,
        "ARTICLE_BOT_DB_PATH": str(data_dir / "bot.sqlite3"),
        "ARTICLE_BOT_LOG_LEVEL": "DEBUG",
    }
    if token is not None:
        env["ARTICLE_BOT_DISCORD_TOKEN"] = token
    if guild is not None:
        env["ARTICLE_BOT_DEV_GUILD_ID"] = str(guild.id)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    return BotProcess(process, data_dir, home, cwd)


async def until_ready(standin: DiscordStandIn, bot: BotProcess, guild: Guild,
                      timeout: float = 60.0) -> None:
    """Until the bot is connected and has registered its commands in ``guild``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (standin.gateway.session(0) is not None and standin.commands(guild)):
        if bot.process.returncode is not None:
            out, err = await bot.finish(interrupt=False)
            raise AssertionError(f"bot exited {bot.process.returncode}:\n{out}\n{err}")
        assert loop.time() < deadline, "bot not ready in time"
        await asyncio.sleep(0.1)
    await standin.wait_ready(timeout=max(deadline - loop.time(), 0.1))


def assert_no_token(text: str, where: str) -> None:
    for piece in PIECES:
        assert piece not in text, f"{piece!r} found in {where}"


def files_under(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


async def command(standin: DiscordStandIn, guild: Guild, user: User, name: str,
                  options: dict[str, object]) -> InteractionReply:
    interaction = await standin.send_slash_command(guild, guild.text_channel, user, name,
                                                   options)
    return await standin.wait_for_interaction_response(interaction, timeout=15)


async def test_token_never_appears_in_output_replies_or_files(tmp_path: Path) -> None:
    project_before = files_under(PROJECT_ROOT / "seeds"), (PROJECT_ROOT / "data").exists()
    async with DiscordStandIn(token=TOKEN) as standin:
        guild = standin.add_guild("Guild")
        member = standin.add_user("member")
        guild.add_plain_member(member)
        bot = await start_bot(tmp_path, standin, TOKEN, guild)
        try:
            await until_ready(standin, bot, guild)
            answer = await command(standin, guild, member, "ask",
                                   {"question": "Who is the Belgian premier?"})
            assert "Charles Michel" in reply_text(answer)
            broken = await command(standin, guild, member, "ask",
                                   {"question": "Why did the turbine explode?"})
            unknown = await command(standin, guild, member, "no-such-command", {"x": "y"})
        finally:
            out, err = await bot.finish()
        recorded = json.dumps({
            "requests": [(r.method, r.path, r.query, r.json, r.response)
                          for r in standin.requests],
            "messages": standin.bot_messages,
            "events": [[(e.kind, e.body) for e in record.events]
                       for record in standin.interactions.values()],
        }, default=str)

    assert bot.process.returncode == 0, err[-3000:]
    error_ids = []
    for reply in (broken, unknown):
        assert reply.ephemeral
        match = APOLOGY.search(reply_text(reply))
        assert match, reply_text(reply)
        error_ids.append(match[1])
    # the run really logged at DEBUG, and logged both failures with their tracebacks
    assert "DEBUG" in err and "discord.gateway" in err
    for error_id in error_ids:
        assert f"error {error_id} in" in err
    assert "RuntimeError: the retrieval layer exploded on purpose" in err
    assert "Traceback" in err

    assert_no_token(out, "stdout")
    assert_no_token(err, "stderr")
    assert_no_token(recorded, "what the bot sent to Discord")
    for path in bot.data_dir.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    # only the data directory was written: a read-only root filesystem would do
    assert files_under(bot.data_dir)
    assert files_under(bot.cwd) == [] and files_under(bot.home) == []
    assert (files_under(PROJECT_ROOT / "seeds"), (PROJECT_ROOT / "data").exists()) \
        == project_before


async def test_wrong_token_stops_with_a_clear_message_without_the_token(tmp_path: Path) -> None:
    async with DiscordStandIn(token=TOKEN) as standin:
        standin.add_guild("Guild")
        bot = await start_bot(tmp_path, standin, WRONG_TOKEN)
        out, err = await bot.finish(interrupt=False, timeout=60)
        assert any(r.path == "/users/@me" and r.status == 401 for r in standin.requests)
    assert bot.process.returncode == 1, err[-3000:]
    assert "Discord refused the token (401)" in err
    assert "ARTICLE_BOT_DISCORD_TOKEN" in err
    assert_no_token(out, "stdout")
    assert_no_token(err, "stderr")
    assert "Traceback" not in err


async def test_missing_token_stops_with_instructions(tmp_path: Path) -> None:
    async with DiscordStandIn(token=TOKEN) as standin:
        bot = await start_bot(tmp_path, standin, None)
        out, err = await bot.finish(interrupt=False, timeout=60)
        assert not standin.requests  # it never tried to connect
    assert_no_token(out + err, "the output")
    assert bot.process.returncode == 2
    assert "No Discord token is set" in err and "python -m bot chat" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("token", [TOKEN, "  " + TOKEN + "\n"])
def test_settings_never_show_the_token(tmp_path: Path, token: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    given = make_settings(tmp_path, discord_token=token)
    monkeypatch.setenv("ARTICLE_BOT_DISCORD_TOKEN", token)
    from_env = Settings(_env_file=None)  # type: ignore[call-arg]
    for settings in (given, from_env):
        assert settings.discord_token is not None
        assert TOKEN in settings.discord_token.get_secret_value()  # it is there...
        shown = [repr(settings), str(settings), f"{settings}", settings.model_dump_json(),
                 json.dumps(settings.model_dump(mode="json")), repr(settings.model_dump()),
                 repr(settings.discord_token), str(settings.discord_token)]
        for text in shown:  # ...but never shown
            assert_no_token(text, text[:60])


def test_token_is_not_in_an_exception_about_settings(tmp_path: Path) -> None:
    """A validation error elsewhere in the settings does not print the token back."""
    with pytest.raises(ValueError) as caught:
        make_settings(tmp_path, discord_token=TOKEN, top_k=0)
    assert_no_token(str(caught.value), "the validation error")
    assert_no_token(repr(caught.value), "the validation error")


def test_docker_image_runs_as_non_root_with_a_read_only_root() -> None:
    """The image's promises, read from the Dockerfile: a non-root user (numeric uid), data on
    a volume, and the documented run line with --read-only."""
    text = (PROJECT_ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"useradd[^\n]*--uid\s+[1-9]\d{3,}", text)
    assert "--read-only" in text and 'VOLUME ["/data"]' in text
    assert "ARTICLE_BOT_DB_PATH=/data/" in text
    assert "DISCORD_TOKEN=" not in text.replace("ARTICLE_BOT_DISCORD_TOKEN=...", "")
