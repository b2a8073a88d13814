"""/ingest and /forget through the stand-in: moderators add a link or a file, which is then
askable here; plain members are refused before anything is fetched or stored."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from retrieval.scope import Scope
from tests.bot.discord_helpers import (
    article_paragraphs,
    article_title,
    assert_polite_ephemeral,
    in_article,
    quoted_text,
    running_bot,
    unescape,
)
from tests.bot.discord_helpers import field as embed_field
from tests.conftest import DATA_DIR, SEED_FILE
from tests.discord_standin import DiscordStandIn, StandInGuild

ESTONIA = DATA_DIR / "articles" / "estonia-snap-election.txt"
STYRIA = DATA_DIR / "articles" / "styria-floods-rescue.txt"
REFUSAL = "You need the Manage Server permission to do that."


@dataclass
class NewsSite:
    """A news site on 127.0.0.1 serving one article page; counts the requests it gets."""

    url: str
    hits: list[str] = field(default_factory=list)


def article_page(path: Path) -> bytes:
    title = html.escape(article_title(path))
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in article_paragraphs(path))
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
            "<footer>© Example News</footer></body></html>").encode()


@pytest.fixture
async def news_site() -> AsyncIterator[NewsSite]:
    page = article_page(ESTONIA)
    site = NewsSite(url="")

    async def article(request: web.Request) -> web.Response:
        site.hits.append(request.path)
        return web.Response(body=page, content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/news/estonia-election.html", article)
    runner = web.AppRunner(app)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = runner.addresses[0][1]
    site.url = f"http://127.0.0.1:{port}/news/estonia-election.html"
    try:
        yield site
    finally:
        await runner.cleanup()


def added(content: str | None, title: str) -> int:
    """The article id from the "Added **#N title** (...)" confirmation."""
    assert content is not None
    match = re.fullmatch(r"Added #(\d+) (.+) \((\d+) sentences\)\. Ask about it with /ask\.",
                         unescape(content).replace("**", ""))
    assert match, content
    assert match[2] == title
    return int(match[1])


async def test_moderator_ingests_a_link_and_it_becomes_askable_here(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path, news_site: NewsSite,
) -> None:
    g = standin_guild
    title = article_title(ESTONIA)
    async with running_bot(standin, tmp_path, g.guild, allow_private_urls=True) as run:
        _, reply = await run.command(g.guild, g.mod, "ingest", {"url": news_site.url},
                                     timeout=15)
        assert reply.callback_type == 5  # "thinking…" while it downloads
        assert not reply.ephemeral
        article_id = added(reply.content, title)
        assert news_site.hits == ["/news/estonia-election.html"]
        assert (await run.article_ids(g.guild.id))[title] == article_id

        _, answer = await run.command(
            g.guild, g.member, "ask", {"question": "Which party won Sunday's snap election?"})
        (embed,) = answer.embeds
        sentence = quoted_text(embed["description"])
        assert in_article(sentence, ESTONIA) and "Future Estonia" in sentence
        source = unescape(embed_field(embed, "Source"))
        assert source.startswith(f"[{title}]({news_site.url})")

        # The same link again is recognised, not stored twice.
        _, again = await run.command(g.guild, g.mod, "ingest", {"url": news_site.url},
                                     timeout=15)
        assert unescape(again.content).replace("**", "") == (
            f"That article is already here as #{article_id} {title}.")
        assert len(await run.article_ids(g.guild.id)) == 2


async def test_moderator_ingests_an_uploaded_file_and_can_forget_it(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    title = article_title(STYRIA)
    upload = standin.add_attachment("styria-floods.txt", STYRIA.read_bytes())
    async with running_bot(standin, tmp_path, g.guild) as run:
        _, reply = await run.command(g.guild, g.mod, "ingest", {"file": upload}, timeout=15)
        article_id = added(reply.content, title)

        _, answer = await run.command(g.guild, g.member, "ask",
                                      {"question": "Which river burst its banks?"})
        sentence = quoted_text(answer.embeds[0]["description"])
        assert in_article(sentence, STYRIA) and "Mur" in sentence
        assert unescape(embed_field(answer.embeds[0], "Source")).startswith(f"[{title}](")

        # /forget offers only this server's own articles, then removes the chosen one.
        choices = await run.autocomplete(g.guild, g.mod, "forget", {"article": ""}, "article")
        assert choices == [{"name": f"#{article_id} {title}", "value": str(article_id)}]
        _, removed = await run.command(g.guild, g.mod, "forget", {"article": str(article_id)})
        assert unescape(removed.content).replace("**", "") == (
            f"Removed #{article_id} {title} from this server.")
        assert title not in await run.article_ids(g.guild.id)
        _, gone = await run.command(g.guild, g.member, "ask", {
            "question": "Which river burst its banks?", "article": str(article_id)})
        assert_polite_ephemeral(gone, f"There is no article #{article_id} here")


async def test_plain_members_are_refused_and_nothing_is_fetched_or_stored(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path, news_site: NewsSite,
) -> None:
    g = standin_guild
    upload = standin.add_attachment("styria-floods.txt", STYRIA.read_bytes())
    async with running_bot(standin, tmp_path, g.guild, allow_private_urls=True) as run:
        before = await run.article_ids(g.guild.id)
        seed_id = before[article_title(SEED_FILE)]
        for options in ({"url": news_site.url}, {"file": upload}):
            _, refused = await run.command(g.guild, g.member, "ingest", options)
            assert refused.callback_type == 4
            assert_polite_ephemeral(refused, REFUSAL)
        _, refused = await run.command(g.guild, g.member, "forget", {"article": str(seed_id)})
        assert_polite_ephemeral(refused, REFUSAL)
        assert news_site.hits == []
        assert await run.article_ids(g.guild.id) == before
        attachment_downloads = [r for r in standin.requests if "attachments" in r.path]
        assert attachment_downloads == []


async def test_moderator_mistakes_get_polite_refusals(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path, news_site: NewsSite,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:  # private links not allowed
        seed_id = (await run.article_ids(g.guild.id))[article_title(SEED_FILE)]
        _, refused = await run.command(g.guild, g.mod, "forget", {"article": str(seed_id)})
        assert_polite_ephemeral(refused, "Built-in articles can't be removed")
        assert seed_id in (await run.article_ids(g.guild.id)).values()
        assert await run.library.article(seed_id, Scope.guild(g.guild.id))

        _, refused = await run.command(g.guild, g.mod, "ingest", {})
        assert_polite_ephemeral(refused, "Give me either a link or a file")

        interaction, refused = await run.command(g.guild, g.mod, "ingest",
                                                 {"url": news_site.url}, timeout=15)
        assert refused.callback_type == 5  # it had started ("thinking…") before it failed
        assert_polite_ephemeral(refused, "private or local network address")
        assert interaction.original_message_id not in standin.messages  # no public leftover
        assert news_site.hits == []

        _, refused = await run.command(g.guild, g.mod, "ingest", {"url": "ftp://example.com/a"})
        assert_polite_ephemeral(refused, "Only http and https links")
        assert len(await run.article_ids(g.guild.id)) == 1
