"""bot/client.py through the stand-in: log in, sync the commands to the dev guild only, and
read /ask questions in a worker process when ``question_processes`` asks for one."""

from __future__ import annotations

import asyncio
from pathlib import Path

from retrieval.scope import Scope
from tests.bot.discord_helpers import EXPECTED_COMMANDS, quoted_text, running_bot
from tests.discord_standin import DiscordStandIn, StandInGuild
from tests.processes import children, children_but_the_tracker

ASK_QUESTION = "Who did French police say they foiled a terror strike by?"
ASK_ANSWER_START = "French police said they had foiled a terror strike by 34-year-old Reda"


async def test_logs_in_and_syncs_exactly_the_commands_to_the_dev_guild_only(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    other = standin.add_guild("Other Guild")
    async with running_bot(standin, tmp_path, g.guild) as run:
        assert run.bot.user is not None and run.bot.user.id == standin.bot_user.id
        assert {guild.id for guild in run.bot.guilds} == {g.guild.id, other.id}
        app = standin.application_id
        put = await standin.wait_for_request("PUT", rf"/applications/{app}/guilds/{g.guild.id}"
                                             "/commands")
        assert put.had_auth and put.status == 200

        puts = [r for r in standin.requests if r.method in {"PUT", "POST"}
                and r.path.startswith(f"/applications/{app}/")]
        assert [r.path for r in puts] == [put.path]  # no global sync, no other guild
        assert standin.commands() == []
        assert standin.commands(other) == []

        registered = {c["name"]: [o["name"] for o in c.get("options", [])]
                      for c in standin.commands(g.guild)}
        assert registered == EXPECTED_COMMANDS
        by_name = {c["name"]: c for c in standin.commands(g.guild)}
        ask_options = {o["name"]: o for o in by_name["ask"]["options"]}
        assert ask_options["question"]["required"] and ask_options["question"]["max_length"] == 1000
        assert ask_options["article"].get("autocomplete") is True
        # Moderator commands are hidden from plain members in the client (and checked again).
        manage_guild = 1 << 5
        for name in ("ingest", "forget"):
            assert int(by_name[name]["default_member_permissions"]) == manage_guild
        identify = standin.identifies[0]
        message_content = 1 << 15
        assert not identify["intents"] & message_content  # no privileged intent needed
    assert not standin.unknown_requests


async def test_with_question_processes_the_bot_reads_ask_questions_in_a_worker_process(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    before = children_but_the_tracker()
    async with running_bot(standin, tmp_path, g.guild, question_processes=1) as run:
        worker = run.library.question_worker
        assert worker is not None  # started by setup_hook, without delaying the login
        assert await worker.wait_ready(60.0)
        assert worker.pid in children()
        _, reply = await run.command(g.guild, g.member, "ask", {"question": ASK_QUESTION})
        (embed,) = reply.embeds
        assert quoted_text(embed["description"]).startswith(ASK_ANSWER_START)
        assert "**Reda Kriket**" in embed["description"]
        assert run.library.question_batches["process"] == 1
    assert children_but_the_tracker() == before  # the library's close stopped it


async def test_with_no_question_processes_the_bot_starts_no_process(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    before = children()
    async with running_bot(standin, tmp_path, g.guild, question_processes=0) as run:
        _, reply = await run.command(g.guild, g.member, "ask", {"question": ASK_QUESTION})
        assert quoted_text(reply.embeds[0]["description"]).startswith(ASK_ANSWER_START)
        assert run.library.question_worker is None
        assert run.library.question_batches == {"process": 0, "thread": 1}
        assert children() == before


async def test_once_ready_the_bot_encodes_the_seed_sentences_for_the_model(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild, question_processes=0) as run:
        (seed,) = await run.library.articles(Scope.all())
        bundle = await run.library.bundle(seed.id)
        texts = [bundle.text(sentence) for sentence in bundle.sentences]

        async def stored() -> int:
            await run.library.wait_vectors_stored()
            return run.library.stored_vectors(texts)

        # in the background after the login (on_ready), so the first questions find them
        for _ in range(100):
            if await stored() == len(set(texts)):
                break
            await asyncio.sleep(0.05)
        assert await stored() == len(set(texts))
