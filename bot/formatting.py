"""Embeds for answers, entity lists and articles: how the bot looks in a channel.

Everything quoted from an article or echoed from a user is escaped (markdown and mentions), so a
sentence with asterisks or a question with ``@everyone`` shows as typed and pings nobody.
"""

from __future__ import annotations

import discord

from bot.limits import EMBED_FIELD_VALUE, fit_embed, truncate
from retrieval.answers import Answer, AskResult
from retrieval.service import EntityInfo
from retrieval.store import ArticleRow

ANSWER_COLOUR = discord.Colour.blurple()
ABSTAIN_COLOUR = discord.Colour.light_grey()
ERROR_COLOUR = discord.Colour.red()
#: Marks where the bold highlight goes while a sentence is escaped (a private-use character).
_BOLD = "\ue000"
KIND_TITLES = {
    "person": "People", "place": "Places", "organization": "Organisations",
    "group": "Groups and nationalities", "event": "Events", "date": "Dates",
}


def escape(text: str) -> str:
    """Markdown and mentions neutralised, for text we did not write."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def quote_block(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines() or [""])


def highlighted(answer: Answer) -> str:
    """The sentence with the part that answers (who/where/when/how many) in bold."""
    text = " ".join(answer.text.split()) if "\n" in answer.text else answer.text
    if answer.highlight and "\n" not in answer.text:
        start, end = answer.highlight
        if 0 <= start < end <= len(text):
            # Escape the sentence in one piece: escaping the parts separately made a part
            # starting " - ..." look like a list item and gain a visible "\ ".
            marked = text[:start] + _BOLD + text[start:end] + _BOLD + text[end:]
            return escape(marked).replace(_BOLD, "**")
    return escape(text)


def source_field(answer: Answer) -> str:
    title = escape(truncate(answer.article.title, 200))
    where = f"paragraph {answer.sentence.paragraph + 1}, sentence {answer.sentence.index + 1}"
    if answer.article.source and answer.article.source.startswith(("http://", "https://")):
        link = answer.article.source.replace(")", "%29").replace(" ", "%20")
        return truncate(f"[{title}]({link}) · {where}", EMBED_FIELD_VALUE)
    return truncate(f"{title} · {where}", EMBED_FIELD_VALUE)


def answer_embed(result: AskResult, index: int = 0, *, asker: str | None = None
                 ) -> discord.Embed:
    """The embed for answer ``index`` of ``result`` (or the abstention with the closest
    passage, clearly labelled as not an answer)."""
    question = truncate(result.question, 240)
    if result.abstained:
        embed = discord.Embed(title="Not in the article", colour=ABSTAIN_COLOUR,
                              description=escape(result.reason or "I couldn't find an answer."))
        embed.set_author(name=f"❓ {question}")
        if result.closest:
            closest = result.closest[min(index, len(result.closest) - 1)]
            embed.add_field(name="Closest I found (not an answer)",
                            value=truncate(quote_block(escape(closest.text)), EMBED_FIELD_VALUE),
                            inline=False)
            embed.add_field(name="Source", value=source_field(closest), inline=False)
        return fit_embed(embed)
    answer = result.answers[index]
    embed = discord.Embed(description=quote_block(highlighted(answer)), colour=ANSWER_COLOUR)
    embed.set_author(name=f"❓ {question}")
    if answer.refers_to:
        # the quoted sentence says "He"/"She"; the sentence before it names the person
        embed.add_field(name="Who that is", value=truncate(
            f"**{escape(answer.refers_to)}**, named in the sentence before", EMBED_FIELD_VALUE),
            inline=False)
    embed.add_field(name="Source", value=source_field(answer), inline=False)
    footer = f"Answer {index + 1} of {len(result.answers)}"
    footer += f" · confidence {answer.confidence:.0%}"
    if asker:
        footer += f" · asked by {asker}"
    embed.set_footer(text=footer)
    return fit_embed(embed)


def context_embed(answer: Answer) -> discord.Embed:
    parts = []
    if answer.before:
        parts.append(escape(answer.before))
    parts.append(f"**{escape(answer.text)}**")
    if answer.after:
        parts.append(escape(answer.after))
    embed = discord.Embed(title="Context", description="\n\n".join(parts), colour=ANSWER_COLOUR)
    embed.add_field(name="Source", value=source_field(answer), inline=False)
    return fit_embed(embed)


def entity_pages(entities: dict[str, list[EntityInfo]], per_page: int = 20
                 ) -> list[discord.Embed]:
    """Entity lists with mention counts, as pages that each fit one embed."""
    lines: list[str] = []
    for kind, items in entities.items():
        if not items:
            continue
        lines.append(f"__**{KIND_TITLES.get(kind, kind.title())}**__")
        for entity in items:
            alias = f" — also {', '.join(escape(a) for a in entity.aliases[:3])}" \
                if entity.aliases else ""
            lines.append(truncate(f"• {escape(entity.name)} ×{entity.count}{alias}", 300))
    if not lines:
        return [discord.Embed(title="Entities", description="I found no names of that kind.",
                              colour=ABSTAIN_COLOUR)]
    pages = []
    for start in range(0, len(lines), per_page):
        chunk = lines[start : start + per_page]
        pages.append(fit_embed(discord.Embed(title="Entities", description="\n".join(chunk),
                                             colour=ANSWER_COLOUR)))
    return _number(pages)


def mention_pages(entity: EntityInfo, titles: dict[int, str], per_page: int = 5
                  ) -> list[discord.Embed]:
    """The sentences that mention an entity, quoted with paragraph numbers."""
    pages = []
    header = f"{escape(entity.name)} — {entity.count} mention(s)"
    for start in range(0, max(1, len(entity.mentions)), per_page):
        embed = discord.Embed(title=truncate(header, 256), colour=ANSWER_COLOUR)
        for mention in entity.mentions[start : start + per_page]:
            title = truncate(titles.get(mention.article_id, f"article #{mention.article_id}"), 150)
            embed.add_field(name=truncate(f"{title} · paragraph {mention.paragraph}", 256),
                            value=truncate(quote_block(escape(mention.text)), EMBED_FIELD_VALUE),
                            inline=False)
        pages.append(fit_embed(embed))
    return _number(pages)


def articles_embed(rows: list[ArticleRow]) -> list[discord.Embed]:
    lines = []
    for row in rows:
        tag = " · built in" if row.kind == "seed" else ""
        lines.append(truncate(f"**#{row.id}** {escape(row.title)} "
                              f"({row.sentence_count} sentences{tag})", 300))
    if not lines:
        return [discord.Embed(title="Articles", description="No articles yet.",
                              colour=ABSTAIN_COLOUR)]
    pages = []
    for start in range(0, len(lines), 15):
        pages.append(fit_embed(discord.Embed(title="Articles you can ask about",
                                             description="\n".join(lines[start : start + 15]),
                                             colour=ANSWER_COLOUR)))
    return _number(pages)


def article_embed(row: ArticleRow, entities: dict[str, list[EntityInfo]]) -> discord.Embed:
    embed = discord.Embed(title=truncate(row.title, 256), colour=ANSWER_COLOUR)
    if row.source and row.source.startswith(("http://", "https://")):
        embed.url = row.source
    embed.add_field(name="Size", value=f"{row.paragraph_count} paragraphs · "
                    f"{row.sentence_count} sentences · {row.characters:,} characters")
    if row.author:
        embed.add_field(name="Author", value=truncate(escape(row.author), 200))
    if row.published:
        embed.add_field(name="Published", value=truncate(escape(row.published), 100))
    for kind in ("person", "place", "organization"):
        items = entities.get(kind) or []
        if items:
            value = ", ".join(f"{escape(e.name)} ×{e.count}" for e in items[:8])
            embed.add_field(name=f"Top {KIND_TITLES[kind].lower()}",
                            value=truncate(value, EMBED_FIELD_VALUE), inline=False)
    embed.set_footer(text=f"Article #{row.id}" + (" · built in" if row.kind == "seed" else ""))
    return fit_embed(embed)


def _number(pages: list[discord.Embed]) -> list[discord.Embed]:
    if len(pages) > 1:
        for number, page in enumerate(pages, 1):
            page.set_footer(text=f"Page {number} of {len(pages)}")
    return pages


def error_embed(message: str) -> discord.Embed:
    return fit_embed(discord.Embed(description=escape(message), colour=ERROR_COLOUR))
