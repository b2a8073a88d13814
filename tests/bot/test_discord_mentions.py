"""Mentioning the bot, and replying to its answers, through the stand-in."""

from __future__ import annotations

from pathlib import Path

from tests.bot.discord_helpers import (
    buttons,
    field,
    in_article,
    paragraph_number,
    quoted_text,
    running_bot,
    settle,
)
from tests.discord_standin import DiscordStandIn, InteractionReply, StandInGuild

NO_PING = {"parse": [], "replied_user": False}


async def test_mention_then_reply_to_the_answer_are_both_answered_as_quiet_replies(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    bot_id = standin.bot_user.id
    async with running_bot(standin, tmp_path, g.guild) as run:
        question = await standin.send_message(
            g.guild, g.channel, g.member, f"<@{bot_id}> who is the Belgian premier?",
            mentions=[standin.bot_user])
        post = await standin.wait_for_request("POST", rf"/channels/{g.channel.id}/messages")
        assert post.status == 200
        assert post.json["message_reference"]["message_id"] == int(question["id"])
        assert post.json["allowed_mentions"] == NO_PING
        answer = post.response
        (embed,) = answer["embeds"]
        sentence = quoted_text(embed["description"])
        assert "Charles Michel" in sentence and in_article(sentence)
        assert f"paragraph {paragraph_number(sentence)}," in field(embed, "Source")
        assert embed["author"]["name"] == "❓ who is the Belgian premier?"
        assert {"Context", "👍", "👎"} <= set(buttons(answer["components"]))

        # A reply to the bot's answer (Discord mentions the replied-to author) is a follow-up.
        since = standin.mark()
        follow_up = await standin.send_message(
            g.guild, g.channel, g.member,
            "Who did French police say they foiled a terror strike by?", reference=answer)
        post = await standin.wait_for_request("POST", rf"/channels/{g.channel.id}/messages",
                                              since=since)
        assert post.json["message_reference"]["message_id"] == int(follow_up["id"])
        assert post.json["allowed_mentions"] == NO_PING
        (embed,) = post.response["embeds"]
        sentence = quoted_text(embed["description"])
        assert "Reda Kriket" in sentence and in_article(sentence)

        # The answer's buttons work on a mention answer too: the asker's vote is stored.
        vote = await standin.send_component(
            buttons(post.response["components"])["👍"]["custom_id"], g.member,
            message_id=int(post.response["id"]))
        reply: InteractionReply = await standin.wait_for_interaction_response(vote)
        assert reply.ephemeral
        assert await run.library.store.feedback_for(int(post.response["id"])) == [
            (g.member.id, 1)]


async def test_messages_not_addressed_to_the_bot_get_no_answer(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    bot_id = standin.bot_user.id
    async with running_bot(standin, tmp_path, g.guild):
        await standin.send_message(g.guild, g.channel, g.member, "who is the Belgian premier?")
        await standin.send_message(g.guild, g.channel, g.mod,
                                   "@everyone who is the Belgian premier?")
        hello = await standin.send_message(g.guild, g.channel, g.member, f"<@{bot_id}>",
                                           mentions=[standin.bot_user])
        post = await standin.wait_for_request("POST", rf"/channels/{g.channel.id}/messages")
        # Only the bare mention was answered, with a hint on how to ask.
        assert post.json["message_reference"]["message_id"] == int(hello["id"])
        assert "Ask me a question" in post.json["content"]
        assert post.json["allowed_mentions"] == NO_PING
        since = standin.mark()
        await standin.send_message(g.guild, g.channel, g.member, f"<@{bot_id}> thanks",
                                   mentions=[standin.bot_user])
        await standin.wait_for_request("POST", rf"/channels/{g.channel.id}/messages",
                                       since=since)
        await settle()
        posts = [r for r in standin.requests
                 if r.method == "POST" and r.path == f"/channels/{g.channel.id}/messages"]
        assert len(posts) == 2
