"""Discord faults, through the stand-in, with the real bot (``create_bot``): the gateway drops,
REST calls are rate limited or fail once, and the retrieval layer blows up on one question.
The bot must come back, deliver every reply, and keep one user's failure private and logged.
"""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

import pytest

import bot.interactions
from retrieval.scope import Scope
from tests.bot.discord_helpers import Running, running_bot
from tests.discord_standin import DiscordStandIn, InteractionReply, StandInGuild
from tests.reliability._helpers import APOLOGY, reply_text

QUESTION = "Who is the Belgian premier?"
ANSWER = "Charles Michel"
SECRET = "sqlite exploded at /srv/article-bot/secret.db"


def assert_answer(reply: InteractionReply) -> None:
    assert not reply.ephemeral, reply.callback
    assert ANSWER in reply_text(reply), reply_text(reply)


async def ask(run: Running, g: StandInGuild, question: str = QUESTION, *,
              user: str = "member") -> InteractionReply:
    _, reply = await run.command(g.guild, getattr(g, user), "ask", {"question": question})
    return reply


# -- the gateway ---------------------------------------------------------------------------------


@pytest.mark.parametrize("close_code", [1000, 4000, 4009, None],
                         ids=["1000", "4000", "4009-session-invalid", "tcp-drop"])
async def test_bot_comes_back_after_the_gateway_drops(
    close_code: int | None, standin: DiscordStandIn, standin_guild: StandInGuild,
    tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        assert_answer(await ask(run, g))
        since = len(standin.gateway.frames)
        await standin.drop_connection(close_code)
        resumable = close_code != 4009
        missed = None
        if resumable:  # asked while the bot is away: replayed on RESUME
            missed = await standin.send_slash_command(
                g.guild, g.channel, g.member, "ask", {"question": QUESTION},
                wait_connected=False)
        await standin.wait_for_gateway_frame(6, since=since, timeout=10)  # RESUME
        if close_code == 4009:
            await standin.wait_for_gateway_frame(2, since=since, timeout=10)  # fresh IDENTIFY
            assert len(standin.identifies) == 2
        else:
            assert len(standin.identifies) == 1
        await standin.wait_ready(timeout=10)
        if missed is not None:
            assert_answer(await standin.wait_for_interaction_response(missed, timeout=10))
        assert_answer(await ask(run, g, user="mod"))
        assert not standin.unknown_requests


async def test_bot_survives_repeated_drops_and_a_reconnect_request(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        for close_code in (None, 4000, 4009, None, 1000):
            await standin.drop_connection(close_code)
            await standin.wait_ready(timeout=10)
        await standin.request_reconnect()
        await standin.wait_ready(timeout=10)
        replies = await asyncio.gather(*(ask(run, g, user=u) for u in ("member", "mod")))
        for reply in replies:
            assert_answer(reply)
        assert run.bot.is_ready() and not run.bot.is_closed()


# -- REST failures -------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "retry_after"), [(429, 0.3), (500, None), (502, None)],
                         ids=["429", "500", "502"])
async def test_followup_after_defer_is_retried(
    status: int, retry_after: float | None, standin: DiscordStandIn,
    standin_guild: StandInGuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A slow answer is deferred, then sent as a followup (webhook route); that call fails once
    and discord.py sends it again."""
    monkeypatch.setattr(bot.interactions, "DEFER_AFTER_SECONDS", 0.0)  # always defer
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild):
        mark = standin.mark()
        standin.fail_next(r"/webhooks/\d+/[^/]+$", status, retry_after=retry_after,
                          method="POST")
        interaction = await standin.send_slash_command(g.guild, g.channel, g.member, "ask",
                                                       {"question": QUESTION})
        reply = await standin.wait_for_interaction_response(interaction, timeout=10)
        assert reply.callback_type == 5  # deferred
        assert_answer(reply)
        posts = [r for r in standin.requests[mark:]
                 if r.method == "POST" and r.path.startswith("/webhooks/")]
        assert [r.status for r in posts] == [status, 200]
        if retry_after:
            assert posts[1].time - posts[0].time >= retry_after


@pytest.mark.parametrize(("status", "retry_after"), [(429, 0.3), (500, None)],
                         ids=["429", "500"])
async def test_channel_message_reply_is_retried(
    status: int, retry_after: float | None, standin: DiscordStandIn,
    standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    """A question by @mention is answered with a channel message; that POST fails once."""
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild):
        mark = standin.mark()
        sent = len(standin.bot_messages)
        standin.fail_next(r"/channels/\d+/messages$", status, retry_after=retry_after,
                          method="POST")
        await standin.send_message(g.guild, g.channel, g.member,
                                   f"{standin.bot_user.mention} {QUESTION}")
        message = await standin.wait_for_bot_message(
            channel=g.channel, since=sent, timeout=10,
            predicate=lambda m: bool(m.get("embeds")))
        assert ANSWER in message["embeds"][0]["description"]
        posts = [r for r in standin.requests[mark:]
                 if r.method == "POST" and re.fullmatch(r"/channels/\d+/messages", r.path)]
        assert [r.status for r in posts] == [status, 200]


# -- an exception inside the library -------------------------------------------------------------


@pytest.mark.parametrize("deferred", [False, True], ids=["immediate", "deferred"])
async def test_one_failing_question_is_a_private_apology_and_others_are_answered(
    deferred: bool, standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    if deferred:
        monkeypatch.setattr(bot.interactions, "DEFER_AFTER_SECONDS", 0.0)
    caplog.set_level(logging.ERROR, logger="bot")
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        real_ask = run.library.ask

        async def flaky(question: str, scope: Scope, **kwargs: object) -> object:
            if "turbine" in question:
                await asyncio.sleep(0.05)  # fails after some work, like a real failure
                raise RuntimeError(SECRET)
            return await real_ask(question, scope, **kwargs)  # type: ignore[arg-type]

        run.library.ask = flaky  # type: ignore[method-assign]
        broken_reply, other_reply = await asyncio.gather(
            ask(run, g, "Why did the turbine stop?", user="member"),
            ask(run, g, QUESTION, user="mod"))
        later = await ask(run, g, QUESTION, user="member")

    assert broken_reply.ephemeral
    text = reply_text(broken_reply)
    match = APOLOGY.search(text)
    assert match, text
    assert SECRET not in text and "RuntimeError" not in text and "Traceback" not in text
    error_id = match[1]
    if deferred:  # the public "thinking…" message was removed, the apology sent privately
        assert broken_reply.callback_type == 5
        assert any(r.method == "DELETE" and r.path.endswith("/messages/@original")
                   for r in standin.requests)
    assert_answer(other_reply)
    assert_answer(later)

    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert len(logged) == 1, [r.getMessage() for r in caplog.records]
    assert logged[0].levelno == logging.ERROR and logged[0].exc_info
    assert "in ask" in logged[0].getMessage()
    assert f"RuntimeError: {SECRET}" in caplog.text  # the traceback is in the log
