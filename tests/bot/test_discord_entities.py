"""/entities and /entity through the stand-in: names with counts, paging, and the quoted
sentences that mention a name."""

from __future__ import annotations

import re
from pathlib import Path

from retrieval.scope import Scope
from tests.bot.discord_helpers import (
    assert_polite_ephemeral,
    buttons,
    in_article,
    paragraph_number,
    quoted_text,
    running_bot,
    unescape,
)
from tests.conftest import EVAL_ARTICLES, SEED_FILE
from tests.discord_standin import DiscordStandIn, StandInGuild

LINE = re.compile(r"^• (?P<name>.+?) ×(?P<count>\d+)(?: — also .*)?$")


def listed(description: str) -> list[tuple[str, int]]:
    """The "• name ×count" lines of an entity list, as the reader sees them."""
    found = []
    for line in description.splitlines():
        match = LINE.match(line)
        if match:
            found.append((unescape(match["name"]), int(match["count"])))
    return found


async def test_entities_lists_people_with_their_counts(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        _, reply = await run.command(g.guild, g.member, "entities", {"type": "person"})
        assert not reply.ephemeral
        (embed,) = reply.embeds
        assert embed["title"] == "Entities"
        assert embed["description"].startswith("__**People**__\n")
        names = listed(embed["description"])
        assert ("John Kerry", 2) in names
        assert ("Charles Michel", 1) in names
        counts = [count for _, count in names]
        assert counts == sorted(counts, reverse=True)  # most mentioned first
        expected = await run.library.entities(Scope.guild(g.guild.id), kind="person")
        assert names == [(e.name, e.count) for e in expected["person"]]
        assert not buttons(reply.components)  # one page: no paging buttons
        assert "Places" not in embed["description"]


async def test_a_long_entity_list_pages_with_buttons(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        for path in EVAL_ARTICLES:
            await run.library.ingest_path(path, guild_id=g.guild.id)
        _, reply = await run.command(g.guild, g.member, "entities", {"type": "all"})
        (embed,) = reply.embeds
        total = re.fullmatch(r"Page 1 of (\d+)", embed["footer"]["text"])
        assert total and int(total.group(1)) > 1
        pages = int(total.group(1))
        paging = buttons(reply.components)
        assert set(paging) == {"Previous", "Next"}
        assert paging["Previous"]["disabled"] and not paging["Next"]["disabled"]

        seen = listed(embed["description"])
        current = reply
        for number in range(2, pages + 1):
            current = await run.click(current, "Next", g.member)
            assert current.callback_type == 7  # the same message, edited
            assert current.message["id"] == reply.message["id"]
            (page,) = current.embeds
            assert page["footer"]["text"] == f"Page {number} of {pages}"
            seen += listed(page["description"])
            assert not buttons(current.components)["Previous"]["disabled"]
        assert buttons(current.components)["Next"]["disabled"]

        back = await run.click(current, "Previous", g.member)
        assert back.embeds[0]["footer"]["text"] == f"Page {pages - 1} of {pages}"

        found = await run.library.entities(Scope.guild(g.guild.id))
        wanted = [(e.name, e.count) for kind in ("person", "place", "organization")
                  for e in found[kind]]
        assert seen == wanted  # every person, place and organisation, each once, in order
        assert len(seen) > 20


async def test_entity_from_autocomplete_quotes_the_sentences_that_mention_it(
    standin: DiscordStandIn, standin_guild: StandInGuild, tmp_path: Path,
) -> None:
    g = standin_guild
    async with running_bot(standin, tmp_path, g.guild) as run:
        choices = await run.autocomplete(g.guild, g.member, "entity", {"name": "kerr"}, "name")
        assert 1 <= len(choices) <= 25
        assert choices[0]["value"] == "John Kerry"
        assert choices[0]["name"].startswith("John Kerry (person")

        _, reply = await run.command(g.guild, g.member, "entity", {"name": choices[0]["value"]})
        assert not reply.ephemeral
        (embed,) = reply.embeds
        assert unescape(embed["title"]) == "John Kerry — 2 mention(s)"
        assert len(embed["fields"]) == 2
        for item in embed["fields"]:
            sentence = quoted_text(item["value"])
            assert in_article(sentence, SEED_FILE) and "Kerry" in sentence
            number = re.search(r" · paragraph (\d+)$", item["name"])
            assert number and int(number.group(1)) == paragraph_number(sentence)

        everything = await run.autocomplete(g.guild, g.member, "entity", {"name": ""}, "name")
        assert 1 <= len(everything) <= 25

        _, refused = await run.command(g.guild, g.member, "entity", {"name": "Nobody Atall"})
        assert_polite_ephemeral(refused, "I couldn't find “Nobody Atall”")
