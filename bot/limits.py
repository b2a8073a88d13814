"""Discord's size limits, and clean truncation to fit them."""

from __future__ import annotations

import discord

MESSAGE = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
EMBED_TOTAL = 6000
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
BUTTON_LABEL = 80
ELLIPSIS = "…"


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, at a word boundary when one is near, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def embed_size(embed: discord.Embed) -> int:
    """What Discord counts towards the 6,000-character total."""
    total = len(embed.title or "") + len(embed.description or "")
    total += len(embed.footer.text or "") if embed.footer else 0
    total += len(embed.author.name or "") if embed.author else 0
    for field in embed.fields:
        total += len(field.name or "") + len(field.value or "")
    return total


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Trim every part of ``embed`` to its limit, then the description until the total fits."""
    if embed.title:
        embed.title = truncate(embed.title, EMBED_TITLE)
    if embed.description:
        embed.description = truncate(embed.description, EMBED_DESCRIPTION)
    if embed.author and embed.author.name:
        embed.set_author(name=truncate(embed.author.name, EMBED_AUTHOR),
                         url=embed.author.url, icon_url=embed.author.icon_url)
    if embed.footer and embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, EMBED_FOOTER),
                         icon_url=embed.footer.icon_url)
    for index, field in enumerate(list(embed.fields)[:25]):
        embed.set_field_at(index, name=truncate(field.name or "\u200b", EMBED_FIELD_NAME),
                           value=truncate(field.value or "\u200b", EMBED_FIELD_VALUE),
                           inline=field.inline)
    while len(embed.fields) > 25:
        embed.remove_field(25)
    overflow = embed_size(embed) - EMBED_TOTAL
    if overflow > 0 and embed.description:
        embed.description = truncate(embed.description,
                                     max(1, len(embed.description) - overflow))
    return embed
