"""Plain-text articles: front matter, paragraphs with exact offsets, boilerplate rules."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from retrieval.article_text import _CONTROLS, decode_article_bytes, parse_text_article
from retrieval.errors import InvalidArticleError
from tests.conftest import SEED_FILE

BODY = (
    "The river burst its banks on Sunday, flooding the lower town.\n\n"
    "Rescuers said 40 people were taken to safety by boat.\n\n"
    "The mayor, Anna Berg, thanked the volunteers.\n"
)


def test_front_matter_is_metadata_and_offsets_point_into_the_body() -> None:
    text = "title: Floods hit town\nsource: https://example.org/a\nauthor: Jo Reed\n---\n" + BODY
    parsed = parse_text_article(text)
    assert parsed.title == "Floods hit town"
    assert parsed.source == "https://example.org/a"
    assert parsed.author == "Jo Reed"
    assert [parsed.paragraph_text(i) for i in range(3)] == [
        "The river burst its banks on Sunday, flooding the lower town.",
        "Rescuers said 40 people were taken to safety by boat.",
        "The mayor, Anna Berg, thanked the volunteers.",
    ]
    for start, end in parsed.paragraphs:
        assert parsed.body[start:end] in text


def test_one_paragraph_per_line_when_there_are_no_blank_lines() -> None:
    parsed = parse_text_article(BODY.replace("\n\n", "\n"))
    assert len(parsed.paragraphs) == 3


def test_hard_wrapped_paragraph_stays_one_paragraph() -> None:
    text = "First line of a paragraph that\ncontinues on the next line and ends here.\n\n" + BODY
    parsed = parse_text_article(text)
    assert parsed.paragraph_text(0).startswith("First line of a paragraph that\ncontinues")


def test_headline_first_line_becomes_the_title() -> None:
    parsed = parse_text_article("Floods Hit Lower Town\n\n" + BODY)
    assert parsed.title == "Floods Hit Lower Town"
    assert parsed.paragraph_text(0).startswith("The river burst")


def test_first_sentence_is_not_mistaken_for_a_headline() -> None:
    parsed = parse_text_article(BODY)
    assert parsed.title is None
    assert len(parsed.paragraphs) == 3


@pytest.mark.parametrize(
    "junk",
    ["Related Story", "Read more: Floods across Europe", "Share this article", "Advertisement",
     "Share on Facebook", "Image copyright: Getty Images", "Related Stories"],
)
def test_scrape_boilerplate_is_dropped_by_rule(junk: str) -> None:
    parsed = parse_text_article(BODY + "\n" + junk + "\n")
    paragraphs = [parsed.paragraph_text(i) for i in range(len(parsed.paragraphs))]
    assert junk not in paragraphs
    assert len(paragraphs) == 3


def test_byline_is_dropped_and_becomes_the_author() -> None:
    parsed = parse_text_article("By Jane Doe, Reuters\n\n" + BODY)
    assert parsed.author == "Jane Doe, Reuters"
    assert parsed.paragraph_text(0).startswith("The river")


def test_a_real_sentence_starting_with_read_more_is_kept() -> None:
    sentence = ("Read more about the council's flood plan, officials said on Monday, because the "
                "town will vote on new defences next spring.")
    parsed = parse_text_article(BODY + "\n" + sentence + "\n")
    assert parsed.paragraph_text(len(parsed.paragraphs) - 1) == sentence


def test_seed_copy_keeps_the_original_text_unchanged() -> None:
    original = SEED_FILE.parent.parent.parent / "shared" / "seeds" / SEED_FILE.name
    parsed = parse_text_article(SEED_FILE.read_text(encoding="utf-8"))
    assert parsed.title
    if original.exists():
        assert parsed.body == original.read_text(encoding="utf-8")
    assert "Related Story" in parsed.dropped


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9 society is changing fast in the city.".encode("latin-1"), "UTF-8"),
        (b"x" * 2000, "limited"),
        (b"1234 5678 !!!! ???? 0000 1111 ---- ++++ 2222 3333", "prose"),
    ],
)
def test_files_that_are_not_articles_are_refused_politely(data: bytes, message: str) -> None:
    with pytest.raises(InvalidArticleError, match=message):
        decode_article_bytes(data, max_bytes=1000)


def test_text_without_any_running_sentence_is_refused() -> None:
    with pytest.raises(InvalidArticleError):
        parse_text_article("Home\nNews\nSport\n")


def test_the_control_characters_counted_are_category_cc_but_line_breaks_and_tabs() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        expected = unicodedata.category(char) == "Cc" and char not in "\n\r\t\f"
        assert (_CONTROLS.fullmatch(char) is not None) == expected, hex(code)
