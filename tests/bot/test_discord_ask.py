"""/ask through the stand-in: the quoted sentence and its source, the buttons, autocomplete,
abstentions, the cooldown, hostile input and the 1.2 s defer."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from retrieval.scope import Scope
from tests.bot.discord_helpers import (
    all_text,
    article_title,
    assert_polite_ephemeral,
    buttons,
    callback_request,
    field,
    in_article,
    paragraph_number,
    quoted_text,
    reply_request,
    running_bot,
    unescape,
)
from tests.conftest import SEED_FILE
from tests.discord_standin import DiscordStandIn, InteractionReply, StandInGuild

QUESTION = "Who did French police say they foiled a terror strike by?"
ANSWER = ("French police said they had foiled a terror strike by 34-year-old Reda Kriket - a man "
          "previously convicted in Belgium in a terror case alongside Paris attacks ringleader "
          "Abdelhamid Abaaoud - after arresting him and discovering explosives at his home.")
SEED_TITLE = article_title(SEED_FILE)
VOTES = ("👍", "👎")


def assert_answer(reply: InteractionReply) -> str:
    """A public answer embed quoting a seed sentence, with a correct Source; returns it."""
    assert not reply.ephemeral
    (embed,) = reply.embeds
    sentence = quoted_text(embed["description"])
    assert in_article(sentence), sentence
    source = field(embed, "Source")
    assert source is not None
    assert unescape(source).startswith(SEED_TITLE)
    paragraph = re.search(r"paragraph (\d+)", source)
    assert paragraph and int(paragraph.group(1)) == paragraph_number(sentence)
    return sentence


async def test_ask_quotes_the_exact_sentence_with_its_source_and_buttons(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        interaction, reply = await run.command(g.guild, g.member, "ask", {"question": QUESTION})
        assert reply.callback_type == 4
        (embed,) = reply.embeds
        assert quoted_text(embed["description"]) == ANSWER
        assert "**Reda Kriket**" in embed["description"]  # the part that answers, in bold
        assert assert_answer(reply) == ANSWER
        assert f"paragraph {paragraph_number(ANSWER)}," in field(embed, "Source")
        assert embed["author"]["name"] == f"❓ {QUESTION}"
        assert embed["footer"]["text"].startswith("Answer 1 of 3")
        callback = await callback_request(standin, interaction)
        assert callback.json["data"]["allowed_mentions"] == {"parse": []}
        assert set(buttons(reply.components)) == {"Another match", "Context", *VOTES}


async def test_another_match_by_the_asker_edits_the_message_to_answer_two(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        _, reply = await run.command(g.guild, g.member, "ask", {"question": QUESTION})
        first = assert_answer(reply)
        message_id = int(reply.message["id"])

        # Someone else gets the other match privately; the asker's message stays as it was.
        peek = await run.click(reply, "Another match", g.mod)
        assert peek.callback_type == 4 and peek.ephemeral
        assert peek.embeds[0]["footer"]["text"].startswith("Answer 2 of 3")
        assert quoted_text(standin.messages[message_id]["embeds"][0]["description"]) == first

        edited = await run.click(reply, "Another match", g.member)
        assert edited.callback_type == 7  # UPDATE_MESSAGE: the same message, edited
        assert int(edited.message["id"]) == message_id
        second = assert_answer(edited)
        assert second != first
        assert edited.embeds[0]["footer"]["text"].startswith("Answer 2 of 3")
        assert quoted_text(standin.messages[message_id]["embeds"][0]["description"]) == second
        assert set(buttons(edited.components)) == {"Another match", "Context", *VOTES}


async def test_context_replies_privately_with_the_sentences_around_the_answer(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        _, reply = await run.command(g.guild, g.member, "ask", {"question": QUESTION})
        context = await run.click(reply, "Context", g.member)
        assert context.ephemeral
        (embed,) = context.embeds
        assert embed["title"] == "Context"
        before, answer, after = embed["description"].split("\n\n")
        assert answer.startswith("**") and answer.endswith("**")
        assert unescape(answer[2:-2]) == ANSWER
        assert unescape(before).startswith("French President Francois Hollande said")
        assert unescape(after).startswith("French Interior Minister Bernard Cazeneuve said")
        number = paragraph_number(ANSWER)
        assert paragraph_number(unescape(before)) == number - 1
        assert paragraph_number(unescape(after)) == number + 1
        assert f"paragraph {number}," in field(embed, "Source")


async def test_only_the_askers_votes_are_stored(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        _, reply = await run.command(g.guild, g.member, "ask", {"question": QUESTION})
        message_id = int(reply.message["id"])

        other = await run.click(reply, "👍", g.mod)
        assert other.ephemeral and other.content == "Only the asker can rate this answer."
        assert await run.library.store.feedback_for(message_id) == []

        thanks = await run.click(reply, "👍", g.member)
        assert thanks.ephemeral and "Thanks" in thanks.content
        assert await run.library.store.feedback_for(message_id) == [(g.member.id, 1)]

        changed = await run.click(reply, "👎", g.member)  # a changed mind replaces the vote
        assert changed.ephemeral
        assert await run.library.store.feedback_for(message_id) == [(g.member.id, -1)]

        other_down = await run.click(reply, "👎", g.mod)
        assert other_down.content == "Only the asker can rate this answer."
        assert await run.library.store.feedback_for(message_id) == [(g.member.id, -1)]


async def test_article_autocomplete_offers_at_most_25_and_a_typed_unknown_is_refused(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        for n in range(30):
            await run.library.ingest_text(
                f"title: Town hall story {n:02d}\n---\nThe council of Rivertown {n} met on "
                f"Monday to discuss the new bridge. It approved a budget of {n + 2} million "
                "euros for the work.\n", guild_id=g.guild.id)
        assert len(await run.article_ids(g.guild.id)) == 31

        everything = await run.autocomplete(g.guild, g.member, "ask", {"article": ""}, "article")
        assert len(everything) == 25
        assert all(len(c["name"]) <= 100 for c in everything)

        narrowed = await run.autocomplete(
            g.guild, g.member, "ask", {"question": "x", "article": "story 1"}, "article")
        assert sorted(c["name"].split(" ", 1)[1] for c in narrowed) == [
            f"Town hall story {n}" for n in range(10, 20)]

        seed = await run.autocomplete(g.guild, g.member, "ask", {"article": "belgian"},
                                      "article")
        assert [c["name"] for c in seed] == [f"#{c['value']} {SEED_TITLE}" for c in seed]
        _, answer = await run.command(g.guild, g.member, "ask",
                                      {"question": QUESTION, "article": seed[0]["value"]})
        assert assert_answer(answer) == ANSWER

        _, refused = await run.command(
            g.guild, g.member, "ask", {"question": QUESTION, "article": "no such article"})
        assert_polite_ephemeral(refused, "I don't know that article here")
        _, refused = await run.command(
            g.guild, g.member, "ask", {"question": QUESTION, "article": "#987654"})
        assert_polite_ephemeral(refused, "There is no article #987654 here")


async def test_a_question_the_articles_do_not_answer_abstains_without_votes(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    lyra = Path(__file__).parents[1] / "data" / "articles" / "lyra-lunar-ice.txt"
    async with running_bot(standin, tmp_path, g.guild) as run:
        question = "What is the best recipe for banana bread?"
        _, reply = await run.command(g.guild, g.member, "ask", {"question": question})
        (embed,) = reply.embeds
        assert not reply.ephemeral
        assert embed["title"] == "Not in the article"
        assert embed["description"]  # the reason
        assert embed["author"]["name"] == f"❓ {question}"
        closest = field(embed, "Closest I found (not an answer)")
        if closest is None:
            assert field(embed, "Source") is None
        else:  # labelled as not an answer, with where it is from
            assert in_article(quoted_text(closest))
            assert unescape(field(embed, "Source")).startswith(SEED_TITLE)
        assert not set(VOTES) & set(buttons(reply.components))
        assert "Another match" not in buttons(reply.components)

        await run.library.ingest_path(lyra, guild_id=g.guild.id)
        _, reply = await run.command(g.guild, g.member, "ask", {"question": question})
        (embed,) = reply.embeds
        assert embed["title"] == "Not in the article"
        assert "banana" in embed["description"]  # says what it looked for
        closest = field(embed, "Closest I found (not an answer)")
        if closest is not None:
            assert quoted_text(closest)
            assert field(embed, "Source") is not None
        assert not set(VOTES) & set(buttons(reply.components))


async def test_a_flood_from_one_user_hits_the_cooldown_and_others_are_unaffected(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild, ask_cooldown_rate=2,
                           ask_cooldown_seconds=60) as run:
        replies = [(await run.command(g.guild, g.member, "ask", {"question": QUESTION}))[1]
                   for _ in range(4)]
        for reply in replies[:2]:
            assert assert_answer(reply) == ANSWER
        for reply in replies[2:]:
            text = assert_polite_ephemeral(reply, "Slow down a little")
            seconds = re.search(r"again in (\d+) s", text)
            assert seconds and 0 < int(seconds.group(1)) <= 60, text
            assert field(reply.embeds[0], "Source") is None

        _, other = await run.command(g.guild, g.mod, "ask", {"question": QUESTION})
        assert assert_answer(other) == ANSWER


async def test_hostile_markdown_and_mentions_are_shown_as_typed_and_ping_nobody(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    role = g.guild.moderator_role()
    question = (f"@everyone <@&{role.id}> @here **bold** __under__ ||spoiler|| `code` "
                "who is the Belgian premier?")
    async with running_bot(standin, tmp_path, g.guild) as run:
        interaction, reply = await run.command(g.guild, g.member, "ask", {"question": question})
        assert not reply.ephemeral and reply.embeds, reply.callback
        (embed,) = reply.embeds
        assert not reply.content
        request = await callback_request(standin, interaction)
        assert request.json["data"]["allowed_mentions"] == {"parse": []}
        # The author line is plain text in Discord (no markdown, no pings).
        assert embed["author"]["name"].startswith("❓ ")
        assert embed["author"]["name"].endswith("who is the Belgian premier?")
        for text in all_text(embed):  # where Discord renders markdown and mentions
            assert "@everyone" not in text and "@here" not in text
            assert f"<@&{role.id}>" not in text
            for raw in ("**bold**", "||spoiler||", "__under__", "`code`"):
                assert raw not in text
        if embed.get("title") != "Not in the article":
            assert_answer(reply)
        elif "spoiler" in embed["description"]:
            assert "||" not in embed["description"].replace("\\|", "")


async def test_a_1000_character_question_works_and_1001_is_refused_politely(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    padding = " Please answer from the article about the Belgian police and the arrests."
    long_question = (QUESTION + padding * 20)[:1000]
    assert len(long_question) == 1000
    async with running_bot(standin, tmp_path, g.guild) as run:
        interaction, reply = await run.command(g.guild, g.member, "ask",
                                               {"question": long_question})
        assert not reply.ephemeral
        (embed,) = reply.embeds
        assert embed["author"]["name"].startswith(f"❓ {QUESTION}")
        assert len(embed["author"]["name"]) <= 256
        if embed.get("title") != "Not in the article":
            assert_answer(reply)
        request = await reply_request(standin, interaction)
        assert request.status == 200

        _, refused = await run.command(g.guild, g.member, "ask",
                                       {"question": long_question + "?"})
        assert_polite_ephemeral(refused, "too long")


def _slow_down_answers(run: Any, seconds: float = 1.6) -> None:
    """Make every answer take ``seconds`` longer, past the point where the bot defers its reply
    (Discord wants a first response within 3 s)."""
    real_ask = run.library.ask

    async def slow_ask(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(seconds)
        return await real_ask(*args, **kwargs)

    run.library.ask = slow_ask


async def test_a_slow_answer_is_deferred_then_delivered(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        _slow_down_answers(run)
        interaction = await standin.send_slash_command(
            g.guild, g.channel, g.member, "ask", {"question": QUESTION})
        reply = await standin.wait_for_interaction_response(interaction, timeout=8)
        assert reply.callback_type == 5  # "thinking…" within Discord's 3 s
        callback = await callback_request(standin, interaction)
        assert callback.time - interaction.created_at < 3.0
        assert assert_answer(reply) == ANSWER
        followup = await reply_request(standin, interaction)
        assert followup.json["allowed_mentions"] == {"parse": []}
        voted = await run.click(reply, "👍", g.member)
        assert voted.ephemeral and "Thanks" in voted.content
        assert await run.library.store.feedback_for(int(reply.message["id"])) == [
            (g.member.id, 1)]


async def test_who_is_and_summary_questions_answer_in_discord(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        # "who is X": the sentence that says what X is, with that description in bold
        _, reply = await run.command(g.guild, g.member, "ask",
                                     {"question": "Who is Francois Hollande?"})
        (embed,) = reply.embeds
        assert "**French President**" in embed["description"]
        assert_answer(reply)
        # "tl;dr" with one article in scope: its opening sentence
        _, reply = await run.command(g.guild, g.member, "ask", {"question": "tl;dr"})
        sentence = assert_answer(reply)
        assert paragraph_number(sentence) == 1


def _original_fetches(standin: DiscordStandIn) -> list[str]:
    """The bot's GETs of an interaction's ``@original`` message."""
    return [request.path for request in standin.requests
            if request.method == "GET" and request.path.endswith("/messages/@original")]


async def test_a_direct_answer_keeps_the_message_discord_sent_back_without_fetching_it(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    """The callback's reply carries the message (``?with_response``), so the answer's view and
    the bot's answer map take it from there; only after a defer is ``@original`` fetched."""
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild, view_timeout_seconds=0.5) as run:
        _, reply = await run.command(g.guild, g.member, "ask", {"question": QUESTION})
        assert reply.callback_type == 4
        message_id = int(reply.message["id"])
        for _ in range(50):  # the view's message is set after the reply is sent
            if message_id in run.bot.answer_articles:
                break
            await asyncio.sleep(0.02)
        (seed,) = await run.library.articles(Scope.guild(g.guild.id))
        assert run.bot.answer_articles[message_id] == seed.id
        assert _original_fetches(standin) == []
        # the view edits that message when it times out (its buttons disabled)
        for _ in range(50):
            await asyncio.sleep(0.1)
            if all(c.get("disabled") for c in _buttons_of(standin, message_id)):
                break
        assert all(c.get("disabled") for c in _buttons_of(standin, message_id))

        _slow_down_answers(run)
        interaction = await standin.send_slash_command(
            g.guild, g.channel, g.member, "ask", {"question": QUESTION})
        deferred = await standin.wait_for_interaction_response(interaction, timeout=8)
        assert deferred.callback_type == 5
        deferred_id = int(deferred.message["id"])
        for _ in range(100):
            if deferred_id in run.bot.answer_articles:
                break
            await asyncio.sleep(0.02)
        assert run.bot.answer_articles[deferred_id] == seed.id
        assert len(_original_fetches(standin)) == 1


def _buttons_of(standin: DiscordStandIn, message_id: int) -> list[dict]:
    return [component for row in standin.messages[message_id].get("components", [])
            for component in row.get("components", [])]
