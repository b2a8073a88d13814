"""The Discord stand-in runs a real discord.py bot end to end.

The bot here is a tiny ``commands.Bot`` defined in this file (not the product bot): it proves
the stand-in speaks enough of the gateway and REST API for discord.py's own code paths.
The ``standin`` and ``standin_guild`` fixtures come from ``tests/discord_standin/fixtures.py``
via ``tests/conftest.py``.
"""

import asyncio
import io
from collections.abc import AsyncIterator, Awaitable, Callable

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.discord_endpoints import configure_discord_endpoints, current_discord_endpoints
from tests.discord_standin import DiscordStandIn, StandInGuild, permissions, run_client
from tests.waiting import until

TOPICS = [f"topic {n:02d}" for n in range(40)]


class PingView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Again", custom_id="ping:again", style=discord.ButtonStyle.primary)
    async def again(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content=f"pong again, {interaction.user.name}",
                                                view=None)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text = discord.ui.TextInput(label="Your feedback", custom_id="feedback:text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class TinyBot(commands.Bot):
    """Records what it saw so tests can assert on the bot side too."""

    def __init__(self) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents.default(),
                         guild_ready_timeout=0.1)
        self.seen_messages: list[discord.Message] = []
        self.ready_count = 0
        self._define_commands()

    async def on_ready(self) -> None:
        self.ready_count += 1

    async def on_message(self, message: discord.Message) -> None:
        if message.author != self.user:
            self.seen_messages.append(message)

    def _define_commands(self) -> None:
        tree = self.tree

        @tree.command(description="Replies with an embed and a button")
        async def ping(interaction: discord.Interaction) -> None:
            embed = discord.Embed(title="Pong", description="The stand-in answered.")
            await interaction.response.send_message(embed=embed, view=PingView())

        @tree.command(description="Defers, then sends a followup")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await asyncio.sleep(0.05)
            await interaction.followup.send("slow answer")

        @tree.command(description="Defers, then edits the original response")
        async def later(interaction: discord.Interaction) -> None:
            await interaction.response.defer()
            await interaction.edit_original_response(content="edited answer")

        @tree.command(description="Autocompletes a topic")
        async def search(interaction: discord.Interaction, topic: str) -> None:
            await interaction.response.send_message(f"searching {topic}")

        @search.autocomplete("topic")
        async def topic_choices(interaction: discord.Interaction, current: str
                                ) -> list[app_commands.Choice[str]]:
            matches = [t for t in TOPICS if current in t]
            return [app_commands.Choice(name=t, value=t) for t in matches[:25]]

        @tree.command(description="Reads an uploaded file")
        async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
            data = await file.read()
            await interaction.response.send_message(f"{file.filename}:{data.decode()}")

        @tree.command(description="Says whether the caller can manage the guild")
        @app_commands.default_permissions(manage_guild=True)
        async def whoami(interaction: discord.Interaction) -> None:
            can = interaction.permissions.manage_guild
            await interaction.response.send_message(f"manage_guild={can}", ephemeral=True)

        @tree.command(description="Opens a modal")
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(FeedbackModal())


@pytest.fixture
async def bot(standin: DiscordStandIn, standin_guild: StandInGuild) -> AsyncIterator[TinyBot]:
    async with run_client(TinyBot(), standin.token) as running:
        yield running


# -- login and setup ---------------------------------------------------------------------------


async def test_configure_endpoints_points_discord_py_at_the_standin(
    standin: DiscordStandIn,
) -> None:
    configure_discord_endpoints(standin.api_base + "/", standin.gateway_url)  # idempotent
    assert current_discord_endpoints() == (standin.api_base, standin.gateway_url)
    with pytest.raises(ValueError):
        configure_discord_endpoints("ftp://127.0.0.1/api", standin.gateway_url)


async def test_bot_logs_in_and_gets_ready(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    await until(lambda: bot.ready_count == 1)  # on_ready runs as a task after is_ready()
    assert bot.user is not None and bot.user.id == standin.bot_user.id
    assert bot.application_id == standin.application_id
    (identify,) = standin.identifies
    assert identify["token"] == standin.token
    assert identify["intents"] == discord.Intents.default().value
    for path in ("/users/@me", "/oauth2/applications/@me"):
        request = await standin.wait_for_request("GET", path)
        assert request.had_auth and request.status == 200
    guild = bot.get_guild(standin_guild.guild.id)
    assert guild is not None and guild.me is not None
    assert guild.me.guild_permissions.embed_links
    assert await bot.is_owner(discord.Object(standin.owner.id))
    assert not standin.unknown_requests


async def test_wrong_token_is_rejected(standin: DiscordStandIn) -> None:
    client = discord.Client(intents=discord.Intents.default())
    with pytest.raises(discord.LoginFailure):
        await client.login("not-the-token")
    await client.close()
    request = await standin.wait_for_request("GET", "/users/@me")
    assert request.status == 401 and request.had_auth


async def test_sync_to_guild_is_recorded(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    guild = discord.Object(standin_guild.guild.id)
    bot.tree.copy_global_to(guild=guild)
    synced = await bot.tree.sync(guild=guild)
    path = rf"/applications/{standin.application_id}/guilds/{guild.id}/commands"
    request = await standin.wait_for_request("PUT", path)
    assert request.had_auth
    sent = {c["name"]: c for c in request.json}
    assert set(sent) == {"ping", "slow", "later", "search", "upload", "whoami", "feedback"}
    assert int(sent["whoami"]["default_member_permissions"]) == permissions.MANAGE_GUILD
    stored = {c["name"]: c for c in standin.commands(guild.id)}
    assert stored["whoami"]["default_member_permissions"] == str(permissions.MANAGE_GUILD)
    assert {c.name: str(c.id) for c in synced} == {n: c["id"] for n, c in stored.items()}


# -- interactions ------------------------------------------------------------------------------


async def test_slash_command_gets_embed_reply(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    interaction = await standin.send_slash_command(g.guild, g.channel, g.member, "ping")
    reply = await standin.wait_for_interaction_response(interaction)
    assert reply.callback_type == 4
    assert reply.embeds[0]["title"] == "Pong"
    assert reply.custom_ids == ["ping:again"]
    path = rf"/interactions/{interaction.id}/[^/]+/callback"
    callback = await standin.wait_for_request("POST", path)
    assert not callback.had_auth and callback.query.get("with_response") == "1"


async def test_button_click_reaches_the_view(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    command = await standin.send_slash_command(g.guild, g.channel, g.member, "ping")
    await standin.wait_for_interaction_response(command)
    click = await standin.send_component("ping:again", g.mod)
    reply = await standin.wait_for_interaction_response(click)
    assert reply.callback_type == 7
    assert reply.content == "pong again, mod"
    assert reply.message is not None and reply.message["id"] == str(command.original_message_id)
    assert reply.components == []


@pytest.mark.parametrize("command", ["slow", "later"])
async def test_deferred_command_final_content_arrives(
    command: str, bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    interaction = await standin.send_slash_command(g.guild, g.channel, g.member, command)
    reply = await standin.wait_for_interaction_response(interaction)
    assert reply.callback_type == 5
    assert reply.content == {"slow": "slow answer", "later": "edited answer"}[command]
    assert reply.message is not None and not reply.message["flags"] & 128  # no longer loading


async def test_autocomplete_offers_at_most_25_choices(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    interaction = await standin.send_autocomplete(
        g.guild, g.channel, g.member, "search", {"topic": "topic"}, focused="topic")
    reply = await standin.wait_for_interaction_response(interaction)
    assert reply.callback_type == 8
    assert len(reply.choices) == 25
    assert reply.choices[0] == {"name": "topic 00", "value": "topic 00"}


async def test_uploaded_attachment_can_be_downloaded(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    file = standin.add_attachment("article.txt", b"All the news.")
    interaction = await standin.send_slash_command(
        g.guild, g.channel, g.member, "upload", {"file": file})
    reply = await standin.wait_for_interaction_response(interaction)
    assert reply.content == "article.txt:All the news."


async def test_member_permissions_come_from_roles(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    for user, expected in ((g.mod, True), (g.member, False)):
        interaction = await standin.send_slash_command(g.guild, g.channel, user, "whoami")
        reply = await standin.wait_for_interaction_response(interaction)
        assert reply.content == f"manage_guild={expected}"
        assert reply.ephemeral


async def test_modal_submit_reaches_on_submit(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    opened = await standin.send_slash_command(g.guild, g.channel, g.member, "feedback")
    assert (await standin.wait_for_interaction_response(opened)).callback_type == 9
    submit = await standin.send_modal_submit(opened, {"feedback:text": "great bot"})
    reply = await standin.wait_for_interaction_response(submit)
    assert reply.content == "thanks: great bot"


# -- messages ----------------------------------------------------------------------------------


async def test_mention_reaches_on_message_with_content(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    await standin.send_message(g.guild, g.channel, g.member, "no mention here")
    sent = await standin.send_message(
        g.guild, g.channel, g.member, f"{standin.bot_user.mention} what is new?")
    await until(lambda: len(bot.seen_messages) == 2)
    plain, mention = bot.seen_messages
    assert plain.content == ""  # no MESSAGE_CONTENT intent: Discord blanks it
    assert mention.content == f"<@{standin.bot_user.id}> what is new?"
    assert mention.id == int(sent["id"]) and bot.user in mention.mentions
    assert mention.author.id == g.member.id


async def test_bot_upload_is_parsed_and_served(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    channel = bot.get_channel(standin_guild.channel.id)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send("report", file=discord.File(io.BytesIO(b"a,b\n1,2\n"), "r.csv"))
    request = await standin.wait_for_request("POST", rf"/channels/{channel.id}/messages")
    assert request.json["content"] == "report"  # multipart payload_json
    assert [(f.filename, f.data) for f in request.files] == [("r.csv", b"a,b\n1,2\n")]
    assert await sent.attachments[0].read() == b"a,b\n1,2\n"  # served on 127.0.0.1


async def test_oversize_message_is_rejected_like_discord(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    channel = bot.get_channel(standin_guild.channel.id)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as raised:
        await channel.send("x" * 2001)
    assert raised.value.status == 400 and raised.value.code == 50035


async def test_unknown_route_is_recorded(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    with pytest.raises(discord.NotFound):
        await bot.http.get_bans(standin_guild.guild.id, limit=10, before=None, after=None)
    assert [r.path for r in standin.unknown_requests] == [
        f"/guilds/{standin_guild.guild.id}/bans"]


# -- faults ------------------------------------------------------------------------------------


@pytest.mark.parametrize("close_code", [1000, 4000, 4009, None], ids=str)
async def test_bot_reconnects_after_gateway_drop(
    close_code: int | None, bot: TinyBot, standin: DiscordStandIn,
    standin_guild: StandInGuild,
) -> None:
    since = len(standin.gateway.frames)
    await standin.drop_connection(close_code)
    resume = await standin.wait_for_gateway_frame(6, since=since)  # discord.py always RESUMEs
    assert resume.d["token"] == standin.token and resume.d["seq"] > 0
    if close_code == 4009:  # session timed out: INVALID_SESSION, then a fresh IDENTIFY,
        await standin.wait_for_gateway_frame(2, since=since)  # sent to DEFAULT_GATEWAY
        assert len(standin.identifies) == 2
    else:
        assert len(standin.identifies) == 1
    await standin.wait_ready()

    g = standin_guild
    interaction = await standin.send_slash_command(g.guild, g.channel, g.member, "ping")
    reply = await standin.wait_for_interaction_response(interaction)
    assert reply.embeds[0]["title"] == "Pong"


async def test_reconnect_opcode_makes_the_bot_resume(
    bot: TinyBot, standin: DiscordStandIn,
) -> None:
    since = len(standin.gateway.frames)
    await standin.request_reconnect()
    await standin.wait_for_gateway_frame(6, since=since)
    await standin.wait_ready()
    assert len(standin.identifies) == 1


async def test_heartbeats_are_acknowledged() -> None:
    async with DiscordStandIn(heartbeat_interval=50) as server:
        configure_discord_endpoints(server.api_base, server.gateway_url)
        server.add_guild()
        async with run_client(TinyBot(), server.token) as running:
            await asyncio.sleep(0.3)
            assert running.latency < 0.25  # the bot got its HEARTBEAT_ACKs
        heartbeats = [f for f in server.gateway.frames if f.op == 1]
        assert len(heartbeats) >= 3 and len(server.gateway.connections) == 1


async def test_sharded_client_uses_gateway_bot_and_routes_by_guild() -> None:
    async with DiscordStandIn(shard_count=2) as server:
        configure_discord_endpoints(server.api_base, server.gateway_url)
        guilds = [server.add_guild("guild 0")]
        while len({(g.id >> 22) % 2 for g in guilds}) < 2:  # shard = (id >> 22) % count
            await asyncio.sleep(0.001)
            guilds.append(server.add_guild(f"guild {len(guilds)}"))
        client = discord.AutoShardedClient(intents=discord.Intents.default(),
                                           guild_ready_timeout=0.1)
        heard: list[int | None] = []
        client.event(_record_shard_of(heard))
        async with run_client(client, server.token):
            assert sorted(i["shard"] for i in server.identifies) == [[0, 2], [1, 2]]
            assert {g.id for g in client.guilds} == {g.id for g in guilds}
            for guild in guilds[-2:]:
                await server.send_message(guild, guild.text_channel, server.owner,
                                          f"{server.bot_user.mention} hi")
            await until(lambda: len(heard) == 2)
            assert sorted(heard) == [0, 1]
        assert await server.wait_for_request("GET", "/gateway/bot")


def _record_shard_of(heard: list[int | None]) -> Callable[[discord.Message], Awaitable[None]]:
    async def on_message(message: discord.Message) -> None:
        heard.append(message.guild.shard_id if message.guild else None)

    return on_message


async def test_events_missed_while_disconnected_are_replayed_on_resume(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    g = standin_guild
    await standin.drop_connection(4000)
    interaction = await standin.send_slash_command(
        g.guild, g.channel, g.member, "ping", wait_connected=False)  # sent while the bot is away
    reply = await standin.wait_for_interaction_response(interaction)
    assert reply.embeds[0]["title"] == "Pong"
    assert len(standin.resumes) == 1


async def test_rate_limited_followup_is_retried(
    bot: TinyBot, standin: DiscordStandIn, standin_guild: StandInGuild,
) -> None:
    # Not the callback itself: it must land within 3 s, so Discord never rate-limits it.
    standin.fail_next(r"/webhooks/\d+/[^/]+", 429, retry_after=0.2, method="POST")
    g = standin_guild
    interaction = await standin.send_slash_command(g.guild, g.channel, g.member, "slow")
    reply = await standin.wait_for_interaction_response(interaction)
    assert reply.content == "slow answer"
    limited, retried = [r for r in standin.requests if r.path.startswith("/webhooks/")]
    assert (limited.status, retried.status) == (429, 200)
    assert retried.time - limited.time >= 0.2


@pytest.mark.parametrize(("status", "retry_after"), [(429, 0.2), (500, None)])
async def test_failed_channel_message_is_retried(
    status: int, retry_after: float | None, bot: TinyBot, standin: DiscordStandIn,
    standin_guild: StandInGuild,
) -> None:
    standin.fail_next(r"/channels/\d+/messages", status, retry_after=retry_after,
                      method="POST")
    channel = bot.get_channel(standin_guild.channel.id)
    assert isinstance(channel, discord.TextChannel)
    message = await channel.send("hello after a failure")
    assert standin.messages[message.id]["content"] == "hello after a failure"
    path = rf"/channels/{channel.id}/messages"
    first = await standin.wait_for_request("POST", path)
    second = await standin.wait_for_request("POST", path, status=200)
    assert first.status == status and second.had_auth
