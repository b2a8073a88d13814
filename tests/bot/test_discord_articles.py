"""/articles and /article through the stand-in, and server isolation: one server's own
articles are invisible from another server."""

from __future__ import annotations

import re
from pathlib import Path

from tests.bot.discord_helpers import (
    article_paragraphs,
    article_title,
    assert_polite_ephemeral,
    field,
    in_article,
    quoted_text,
    running_bot,
    unescape,
)
from tests.conftest import DATA_DIR, SEED_FILE
from tests.discord_standin import DiscordStandIn, StandInGuild

LYRA = DATA_DIR / "articles" / "lyra-lunar-ice.txt"
LYRA_QUESTION = "How much water ice do the three craters hold?"
SEED_TITLE = article_title(SEED_FILE)


async def test_articles_and_article_describe_what_this_server_can_ask_about(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        seed_id = (await run.article_ids(g.guild.id))[SEED_TITLE]
        _, listing = await run.command(g.guild, g.member, "articles")
        (embed,) = listing.embeds
        assert embed["title"] == "Articles you can ask about"
        lines = unescape(embed["description"]).replace("**", "").splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(f"#{seed_id} {SEED_TITLE} (")
        assert "built in" in lines[0]

        _, detail = await run.command(g.guild, g.member, "article", {"article": str(seed_id)})
        (embed,) = detail.embeds
        assert embed["title"] == SEED_TITLE
        size = re.fullmatch(r"(\d+) paragraphs · (\d+) sentences · [\d,]+ characters",
                            field(embed, "Size"))
        assert size, field(embed, "Size")
        # "Related Story" at the end of the file is page furniture, not a paragraph.
        assert int(size[1]) == len(article_paragraphs(SEED_FILE)) - 1
        assert f"({size[2]} sentences · built in)" in lines[0]
        assert "John Kerry ×2" in unescape(field(embed, "Top people"))
        assert embed["footer"]["text"] == f"Article #{seed_id} · built in"


async def test_an_article_added_in_one_server_is_invisible_from_another(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    a = standin_guild
    b = standin.add_guild("Guild B")
    b_member = standin.add_user("b-member")
    b.add_plain_member(b_member)
    title = article_title(LYRA)
    upload = standin.add_attachment("lyra.txt", LYRA.read_bytes())
    async with running_bot(standin, tmp_path, a.guild) as run:
        _, added = await run.command(a.guild, a.mod, "ingest", {"file": upload}, timeout=15)
        assert "Added" in added.content
        lyra_id = (await run.article_ids(a.guild.id))[title]

        # Guild A sees it everywhere (so the checks on B below can fail).
        _, listing = await run.command(a.guild, a.member, "articles")
        assert title in unescape(listing.embeds[0]["description"])
        offered = await run.autocomplete(a.guild, a.member, "ask", {"article": "lunar"},
                                         "article")
        assert [c["value"] for c in offered] == [str(lyra_id)]
        _, answer = await run.command(a.guild, a.member, "ask", {"question": LYRA_QUESTION})
        assert in_article(quoted_text(answer.embeds[0]["description"]), LYRA)

        # Guild B: not listed, not offered, never quoted, not reachable by id.
        _, listing = await run.command(b, b_member, "articles")
        text = unescape(listing.embeds[0]["description"])
        assert title not in text and SEED_TITLE in text
        for typed in ("lunar", "", str(lyra_id)):
            offered = await run.autocomplete(b, b_member, "ask", {"article": typed}, "article")
            assert str(lyra_id) not in [c["value"] for c in offered]
            assert all(title not in c["name"] for c in offered)
        names = await run.autocomplete(b, b_member, "entity", {"name": "Solberg"}, "name")
        assert names == []

        for question in (LYRA_QUESTION, "Which journal published the Lyra findings?",
                         "Who is Lyra's project scientist at ESA?"):
            _, reply = await run.command(b, b_member, "ask", {"question": question})
            (embed,) = reply.embeds
            quoted = [quoted_text(embed["description"])] if embed.get("title") is None else []
            closest = field(embed, "Closest I found (not an answer)")
            quoted += [quoted_text(closest)] if closest else []
            for sentence in quoted:
                assert not in_article(sentence, LYRA) and in_article(sentence, SEED_FILE)
            assert title not in unescape(str(embed))

        _, refused = await run.command(b, b_member, "ask",
                                       {"question": LYRA_QUESTION, "article": str(lyra_id)})
        assert_polite_ephemeral(refused, f"There is no article #{lyra_id} here")
        _, refused = await run.command(b, b_member, "article", {"article": str(lyra_id)})
        assert_polite_ephemeral(refused, f"There is no article #{lyra_id} here")
        _, people = await run.command(b, b_member, "entities", {"type": "person"})
        assert "Solberg" not in people.embeds[0]["description"]
