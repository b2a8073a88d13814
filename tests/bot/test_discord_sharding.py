"""Sharding: shard count and ids are settings; two shards against the stand-in both serve."""

from __future__ import annotations

from pathlib import Path

from bot.client import ShardedArticleBot
from tests.bot.discord_helpers import quoted_text, running_bot
from tests.discord_standin import DiscordStandIn


async def test_two_shards_identify_and_answer_on_both(tmp_path: Path) -> None:
    async with DiscordStandIn(shard_count=2) as standin:
        from bot.discord_endpoints import configure_discord_endpoints

        configure_discord_endpoints(standin.api_base, standin.gateway_url)
        guilds = [standin.add_guild("guild 0")]
        while len({(g.id >> 22) % 2 for g in guilds}) < 2:  # shard = (id >> 22) % count
            guilds.append(standin.add_guild(f"guild {len(guilds)}"))
        asker = standin.add_user("asker")
        for guild in guilds:
            guild.add_plain_member(asker)
        async with running_bot(standin, tmp_path, guilds[0], shard_count=2,
                               shard_ids=[0, 1]) as running:
            assert isinstance(running.bot, ShardedArticleBot)
            assert sorted(i["shard"] for i in standin.identifies) == [[0, 2], [1, 2]]
            by_shard = {}
            for guild in guilds:
                by_shard.setdefault((guild.id >> 22) % 2, guild)
            for shard, guild in sorted(by_shard.items()):
                _, reply = await running.command(guild, asker, "ask",
                                                 {"question": "Who is the Belgian premier?"})
                assert "Charles Michel" in quoted_text(reply.embeds[0]["description"]), shard
