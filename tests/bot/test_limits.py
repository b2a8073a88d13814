"""Discord's size limits: whatever the article or question, embeds fit."""

from __future__ import annotations

import discord

from bot.formatting import answer_embed, entity_pages
from bot.limits import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, EMBED_TOTAL, embed_size, truncate
from retrieval.answers import Answer, AskResult
from retrieval.service import EntityInfo, MentionInfo
from retrieval.store import ArticleRow, StoredSentence


def _answer(text: str, title: str) -> Answer:
    row = ArticleRow(id=1, title=title, source="https://example.org/" + "a" * 3000,
                     author=None, published=None, guild_id=None, kind="user",
                     sentence_count=1, paragraph_count=1, characters=len(text), created_at="")
    sentence = StoredSentence(id=1, paragraph=0, index=0, position=0, start=0, end=len(text),
                              terms=(), spans=(), anaphoric=False)
    return Answer(article=row, sentence=sentence, text=text, score=1.0, confidence=1.0,
                  before="b" * 5000, after="a" * 5000, highlight=(0, 5))


def test_truncate_cuts_cleanly_with_an_ellipsis() -> None:
    assert truncate("short", 10) == "short"
    cut = truncate("word " * 100, 50)
    assert len(cut) <= 50 and cut.endswith("…")


def test_huge_answer_and_question_fit_every_embed_limit() -> None:
    text = "*Bold* claim @everyone " * 800
    result = AskResult(question="q" * 5000, abstained=False, reason=None,
                       answers=[_answer(text, "T" * 3000)])
    embed = answer_embed(result)
    assert len(embed.description or "") <= EMBED_DESCRIPTION
    assert all(len(f.value or "") <= EMBED_FIELD_VALUE for f in embed.fields)
    assert embed_size(embed) <= EMBED_TOTAL
    assert "@everyone" not in (embed.description or "").replace("@\u200beveryone", "")


def test_entity_pages_each_fit() -> None:
    entities = {"person": [
        EntityInfo(name=f"Person {i} " + "x" * 300, kind="person", count=i,
                   aliases=["alias " * 50], mentions=[MentionInfo(1, 1, 1, "text")])
        for i in range(200)
    ]}
    pages = entity_pages(entities)
    assert len(pages) > 1
    for page in pages:
        assert isinstance(page, discord.Embed)
        assert embed_size(page) <= EMBED_TOTAL
        assert len(page.description or "") <= EMBED_DESCRIPTION


def test_who_a_pronoun_is_shows_beside_the_answer_escaped() -> None:
    answer = _answer("He blamed the disaster on the clearing of forests.", "Landslide")
    answer.refers_to = "*Gustavo* @everyone"
    embed = answer_embed(AskResult(question="who blamed it", abstained=False, reason=None,
                                   answers=[answer]))
    field = next(f for f in embed.fields if f.name == "Who that is")
    assert "\\*Gustavo\\*" in (field.value or "") and "@everyone" not in (field.value or "")
