"""Isolation between servers and between roles, through the stand-in with two guilds.

An article a moderator adds on guild A is never listed, offered, searched, quoted or
removable on guild B (not even by a user who is in both); moderator commands check the
caller's permission on every call, so a role given and then taken away takes effect at once;
``/sync`` is for the application owner only.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import discord
import pytest

from retrieval.scope import Scope
from tests.bot.discord_helpers import Running, running_bot, unescape
from tests.conftest import DATA_DIR
from tests.discord_standin import DiscordStandIn, Guild, InteractionReply, User
from tests.reliability._helpers import reply_text

ARTICLE = DATA_DIR / "articles" / "krakow-museum-painting-theft.txt"
A_QUESTION = "Who painted Storks at Dusk?"
A_ONLY = ("Chełmoński", "Storks at Dusk", "Wróbel", "Kraków", "Brandt")
SEED_QUESTION = "Who is the Belgian premier?"
NEED_MANAGE = "You need the Manage Server permission to do that."


@dataclass
class World:
    run: Running
    a: Guild
    b: Guild
    mod_a: User  # moderator on A, plain member on B
    mod_b: User
    member_a: User
    member_b: User

    async def command(self, guild: Guild, user: User, name: str,
                      options: dict[str, object] | None = None) -> InteractionReply:
        _, reply = await self.run.command(guild, user, name, options or {})
        return reply


@pytest.fixture
async def world(standin: DiscordStandIn, tmp_path: Path) -> AsyncIterator[World]:
    # the guilds belong to users who are not the bot's (application's) owner
    a = standin.add_guild("Guild A", owner=standin.add_user("owner-a"))
    b = standin.add_guild("Guild B", owner=standin.add_user("owner-b"))
    mod_a, mod_b = standin.add_user("mod-a"), standin.add_user("mod-b")
    member_a, member_b = standin.add_user("member-a"), standin.add_user("member-b")
    a.add_moderator(mod_a)
    a.add_plain_member(member_a)
    b.add_moderator(mod_b)
    b.add_plain_member(member_b)
    b.add_plain_member(mod_a)
    async with running_bot(standin, tmp_path, a) as run:
        # as after a global /sync: B has the commands too
        run.bot.tree.copy_global_to(guild=discord.Object(id=b.id))
        await run.bot.tree.sync(guild=discord.Object(id=b.id))
        yield World(run, a, b, mod_a, mod_b, member_a, member_b)


def plain(text: str) -> str:
    return unicodedata.normalize("NFC", unescape(text))


def assert_nothing_from_a(text: str, where: str) -> None:
    for needle in (*A_ONLY, "Thieves cut three"):
        assert needle not in plain(text), f"{needle!r} from guild A's article shown {where}"


def quoted(embeds: list[dict[str, object]]) -> str:
    """What an answer shows from the articles: quoted lines and sources (not the echoed
    question in the embed's author line, which is the user's own words)."""
    parts = []
    for embed in embeds:
        for text in [str(embed.get("description") or "")] + [
                str(f["value"]) for f in embed.get("fields", [])]:  # type: ignore[attr-defined]
            parts += [line for line in text.splitlines()
                      if line.startswith("> ") or " · paragraph " in line]
        parts.append(str(embed.get("title") or ""))
    return "\n".join(parts)


async def ingest_on_a(world: World) -> int:
    upload = world.run.standin.add_attachment(ARTICLE.name, ARTICLE.read_bytes())
    reply = await world.command(world.a, world.mod_a, "ingest", {"file": upload})
    assert "Added **#" in reply_text(reply), reply_text(reply)
    rows = await world.run.library.articles(Scope.guild(world.a.id))
    (row,) = [r for r in rows if r.guild_id == world.a.id]
    return row.id


async def test_an_article_added_on_one_guild_never_reaches_another(world: World) -> None:
    a_id = await ingest_on_a(world)
    run, a, b = world.run, world.a, world.b

    # positive controls on A: listed, offered, answered
    assert "Kraków museum" in plain(reply_text(await world.command(a, world.member_a, "articles")))
    answer_a = await world.command(a, world.member_a, "ask", {"question": A_QUESTION})
    assert "Chełmoński" in plain(reply_text(answer_a))
    choices_a = await run.choices(a, world.mod_a, "forget", {"article": ""}, "article")
    assert [c["value"] for c in choices_a] == [str(a_id)]

    for user in (world.member_b, world.mod_b, world.mod_a):  # mod_a: in both guilds
        listed = await world.command(b, user, "articles")
        assert_nothing_from_a(reply_text(listed), "in /articles on B")
        assert "Belgian police" in plain(reply_text(listed))
        for typed in ("", "Kra", "Storks", str(a_id), f"#{a_id}", "thieves"):
            for name in ("ask", "article", "entities", "forget"):
                options = {"article": typed}
                if name == "ask":
                    options["question"] = A_QUESTION
                if name == "entities":
                    options["type"] = "person"
                choices = await run.choices(b, user, name, options, "article")
                assert str(a_id) not in [c["value"] for c in choices], (name, typed)
                assert_nothing_from_a(json.dumps(choices, ensure_ascii=False),
                                      f"in /{name} autocomplete on B")
        answer = await world.command(b, user, "ask", {"question": A_QUESTION})
        assert quoted(answer.embeds), reply_text(answer)  # it does show something...
        assert_nothing_from_a(quoted(answer.embeds), "in an /ask answer on B")  # ...not A's
        pinned = await world.command(b, user, "ask", {"question": A_QUESTION,
                                                      "article": str(a_id)})
        assert pinned.ephemeral and "There is no article" in reply_text(pinned)
        assert_nothing_from_a(reply_text(pinned), "when asked about A's article on B")
        shown = await world.command(b, user, "article", {"article": str(a_id)})
        assert shown.ephemeral
        assert_nothing_from_a(reply_text(shown), "by /article on B")
        people = await world.command(b, user, "entities", {"type": "person"})
        assert_nothing_from_a(reply_text(people), "by /entities on B")
        entity = await world.command(b, user, "entity", {"name": "Aniela Wróbel"})
        assert_nothing_from_a(reply_text(entity).replace("Aniela Wróbel", ""),
                              "by /entity on B")

    # an @mention on B is answered from B's articles only
    sent = len(run.standin.bot_messages)
    await run.standin.send_message(b, b.text_channel, world.member_b,
                                   f"{run.standin.bot_user.mention} {A_QUESTION}")
    message = await run.standin.wait_for_bot_message(channel=b.text_channel, since=sent,
                                                     timeout=10)
    assert quoted(message["embeds"])
    assert_nothing_from_a(quoted(message["embeds"]), "in a mention reply on B")

    # /forget of A's article from B refuses, even for B's moderator; the article stays
    for value in (str(a_id), f"#{a_id}", "Thieves cut three"):
        refused = await world.command(b, world.mod_b, "forget", {"article": value})
        assert refused.ephemeral, reply_text(refused)
        assert "Removed" not in reply_text(refused)
    assert a_id in [r.id for r in await run.library.articles(Scope.guild(a.id))]
    still = await world.command(a, world.member_a, "ask", {"question": A_QUESTION})
    assert "Chełmoński" in plain(reply_text(still))


async def test_moderator_commands_check_the_permission_on_every_call(world: World) -> None:
    run, a = world.run, world.a
    member = a.member(world.member_a)
    moderator = a.moderator_role()
    articles_before = await run.library.articles(Scope.all())

    async def ingest(user: User, name: str) -> InteractionReply:
        text = ARTICLE.read_text(encoding="utf-8").replace("Kraków", name)
        upload = run.standin.add_attachment(f"{name}.txt", text.encode())
        return await world.command(a, user, "ingest", {"file": upload})

    refused = await ingest(world.member_a, "Lublin")
    assert refused.ephemeral and NEED_MANAGE in reply_text(refused)
    assert await run.library.articles(Scope.all()) == articles_before

    member.roles.append(moderator)  # promoted: the next call works
    added = await ingest(world.member_a, "Gdańsk")
    assert "Added **#" in reply_text(added), reply_text(added)
    new_id = max(r.id for r in await run.library.articles(Scope.all()))

    member.roles.remove(moderator)  # demoted: refused again, on every moderator command
    for reply in (await ingest(world.member_a, "Poznań"),
                  await world.command(a, world.member_a, "forget", {"article": str(new_id)})):
        assert reply.ephemeral and NEED_MANAGE in reply_text(reply), reply_text(reply)
    assert new_id in [r.id for r in await run.library.articles(Scope.all())]

    # another guild's moderator role counts for nothing here
    for user in (world.mod_b, world.member_b):
        a.add_plain_member(user)
        reply = await world.command(a, user, "forget", {"article": str(new_id)})
        assert reply.ephemeral and NEED_MANAGE in reply_text(reply)
    # and a plain member of B cannot manage B either
    upload = run.standin.add_attachment("wroclaw.txt", ARTICLE.read_bytes())
    reply = await world.command(world.b, world.member_b, "ingest", {"file": upload})
    assert reply.ephemeral and NEED_MANAGE in reply_text(reply)
    assert len(await run.library.articles(Scope.all())) == len(articles_before) + 1


async def test_sync_is_for_the_application_owner_only(world: World) -> None:
    run, a = world.run, world.a
    guild_owner = run.standin.state.users[a.owner_id]  # every permission, but not the app owner
    for user in (world.member_a, world.mod_a, guild_owner):
        mark = run.standin.mark()
        reply = await world.command(a, user, "sync")
        assert reply.ephemeral
        assert "Only the bot's owner can do that." in reply_text(reply)
        assert not [r for r in run.standin.requests[mark:] if r.method == "PUT"]
    assert run.standin.commands() == []  # nothing was published globally

    owner = run.standin.owner
    a.add_plain_member(owner)
    reply = await world.command(a, owner, "sync")
    assert reply.ephemeral and "Synced" in reply_text(reply)
    assert {c["name"] for c in run.standin.commands()} >= {"ask", "ingest", "sync"}
