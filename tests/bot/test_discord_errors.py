"""The one error handler, through the stand-in: an unexpected failure in a command or a
button is an ephemeral apology with an error id (logged), never the internals."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from tests.bot.discord_helpers import running_bot
from tests.discord_standin import DiscordStandIn, InteractionReply, StandInGuild

SECRET = "sqlite3 at /srv/secret/db.sqlite3 exploded"


def apology(reply: InteractionReply) -> str:
    """The error id of the ephemeral "something went wrong" reply."""
    assert reply.ephemeral
    (embed,) = reply.embeds
    text = embed["description"]
    assert SECRET not in text and "Traceback" not in text
    match = re.fullmatch(r"Sorry, something went wrong on my side \(error id ([0-9a-f]{8})\)\. "
                         r"It has been logged; please try again\.", text)
    assert match, text
    return match[1]


async def test_unexpected_errors_are_private_apologies_with_a_logged_error_id(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    g = standin_guild

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(SECRET)

    caplog.set_level(logging.ERROR, logger="bot")
    async with running_bot(standin, tmp_path, g.guild) as run:
        _, answer = await run.command(g.guild, g.member, "ask",
                                      {"question": "Who is the Belgian premier?"})
        assert answer.embeds and not answer.ephemeral

        run.library.entities = broken  # type: ignore[method-assign]
        _, reply = await run.command(g.guild, g.member, "entities", {"type": "person"})
        command_error = apology(reply)

        run.library.record_feedback = broken  # type: ignore[method-assign]
        vote = await run.click(answer, "👍", g.member)  # the view's own error path
        button_error = apology(vote)

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"error {command_error} in entities" in logged
    assert f"error {button_error} in component" in logged
