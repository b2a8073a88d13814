"""Bad input never crashes the retrieval layer: any text as a question, any bytes as a file.

The property tests share ONE opened library (seeds ingested) on a module-level event loop, so
each example costs a question, not a library; they run a bounded number of examples with no
deadline. The explicit cases below them pin the polite message for each kind of bad input.
(URL refusals — private addresses, redirects, timeouts, 404/500, huge bodies — are covered in
``tests/retrieval/test_fetch.py``.)
"""

from __future__ import annotations

import asyncio
import json
import pathlib
import re
import tracemalloc
import unicodedata
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.formatting import answer_embed
from retrieval.article_text import decode_article_bytes, parse_text_article
from retrieval.errors import (
    ArticleNotFoundError,
    InvalidArticleError,
    InvalidQuestionError,
)
from retrieval.question import MAX_QUESTION_CHARS, analyse_question, clean_question
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary
from tests.conftest import EVAL_ARTICLES, SEED_FILE, make_settings
from tests.reliability._helpers import table_counts

T = TypeVar("T")
GUILD_A, GUILD_B, GUILD_C = 1111, 2222, 3333
MENTION = re.compile(r"<@[!&]?\d+>|<#\d+>|@(?:everyone|here)\b")
#: Characters that break naive text handling: zero-width and joiners, BOM, RTL/LTR marks and
#: overrides, combining marks, emoji (with skin tone / flags / ZWJ sequences), controls,
#: a lone surrogate (JSON can carry one), private use, and Discord markup.
TRICKY = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202e", "\u2066",
    "\u0301", "\u0300", "\u20dd", "\U0001F600", "\U0001F44D\U0001F3FD", "\U0001F1E7\U0001F1EA",
    "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\x00", "\x07", "\x1b", "\x7f", "\r", "\n",
    "\t", "\ud800", "\ue000", "\ufffd", "\u3000", "\u00a0", "ﬁ", "Ⅻ", "＠everyone",
    "@everyone", "@here", "<@123>", "<@!123>", "<@&456>", "<#789>", "||", "```", "**", "~~",
    "> ", "# ", "\\", "Who", "is", "the", "Belgian", "premier", "?", " ", "how many", "died",
]
questions = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(TRICKY), max_size=80).map("".join),
    # long strings, up to ~12,000 characters (the limit is 1,000 after cleaning)
    st.builds(lambda part, times: part * times,
              st.text(min_size=1, max_size=40), st.integers(min_value=1, max_value=300)),
)
FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@dataclass
class Shared:
    """One library, opened once for this module, driven from a private event loop."""

    loop: asyncio.AbstractEventLoop
    library: ArticleLibrary
    seed_id: int
    guild_article_id: int

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(asyncio.wait_for(coroutine, timeout=30))


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    loop = asyncio.new_event_loop()
    settings_ = make_settings(tmp_path_factory.mktemp("bad-input"))
    library = loop.run_until_complete(ArticleLibrary.open(settings_))
    try:
        seed_id = loop.run_until_complete(library.articles(Scope.all()))[0].id
        other = loop.run_until_complete(library.ingest_path(EVAL_ARTICLES[0], guild_id=GUILD_A))
        loop.run_until_complete(library.nlp())
        yield Shared(loop, library, seed_id, other.article.id)
    finally:
        loop.run_until_complete(library.close())
        loop.close()


# -- properties: questions ---------------------------------------------------------------------


@FUZZ
@given(text=questions)
def test_clean_question_never_raises_and_leaves_no_pings_or_invisibles(text: str) -> None:
    cleaned = clean_question(text)
    assert isinstance(cleaned, str)
    assert not MENTION.search(cleaned), cleaned
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co"} for ch in cleaned)
    assert cleaned == cleaned.strip()


@FUZZ
@given(text=questions)
def test_analyse_question_raises_only_polite_errors(shared: Shared, text: str) -> None:
    nlp = shared.run(shared.library.nlp())
    try:
        question = analyse_question(nlp, text)
    except InvalidQuestionError as error:
        assert str(error) and "Traceback" not in str(error)
        return
    assert question.text and len(question.text) <= MAX_QUESTION_CHARS
    assert not MENTION.search(question.text)


@FUZZ
@given(text=questions, where=st.sampled_from(["all", "guild A", "guild B", "seed", "article A"]))
def test_ask_raises_only_polite_errors_for_any_text(shared: Shared, text: str,
                                                    where: str) -> None:
    scope = Scope.all() if where == "all" else Scope.guild(GUILD_B if where == "guild B"
                                                           else GUILD_A)
    article_id = {"seed": shared.seed_id, "article A": shared.guild_article_id}.get(where)
    try:
        result = shared.run(shared.library.ask(text, scope, article_id=article_id))
    except InvalidQuestionError as error:
        assert str(error)
        return
    assert not MENTION.search(result.question)
    assert result.abstained or result.answers
    for answer in result.answers:
        if article_id is not None:
            assert answer.article.id == article_id
        elif where == "guild A":
            assert answer.article.guild_id in (None, GUILD_A)
        elif where == "guild B":  # B has no articles of its own: only the seed
            assert answer.article.guild_id is None


# -- properties: files -------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(data=st.one_of(
    st.binary(max_size=4000),
    st.text(max_size=2000).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(TRICKY), max_size=300).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
))
def test_decode_and_parse_raise_only_invalid_article(data: bytes) -> None:
    try:
        text = decode_article_bytes(data, 2_000_000)
        parsed = parse_text_article(text)
        parse_text_article(text, markdown=True)
    except InvalidArticleError as error:
        assert str(error)
        return
    for start, end in parsed.paragraphs:
        assert 0 <= start < end <= len(parsed.body)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=3000),
                      st.lists(st.sampled_from(TRICKY), max_size=400).map("".join)),
       markdown=st.booleans())
def test_parse_text_article_raises_only_invalid_article(text: str, markdown: bool) -> None:
    try:
        parsed = parse_text_article(text, markdown=markdown)
    except InvalidArticleError:
        return
    assert parsed.paragraphs
    for start, end in parsed.paragraphs:
        assert 0 <= start < end <= len(parsed.body)


_html_parts = st.sampled_from([
    "<html>", "<body>", "<article>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->",
    "<![CDATA[", "&amp;", "&#0;", "&#xD800;", "<meta charset='utf-16'>", "<title>", "</title>",
    "<?xml version='1.0' encoding='ebcdic'?>", "\x00", "<nav>Home</nav>", "<div>",
])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.one_of(
    st.lists(st.one_of(_html_parts, st.text(max_size=40)), max_size=60).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    st.binary(max_size=2000),
), filename=st.sampled_from(["a.html", "a.txt", "a.md", "a.bin", "noext", "a.HTM"]))
def test_uploaded_bytes_raise_only_invalid_article(shared: Shared, data: bytes,
                                                   filename: str) -> None:
    """What /ingest does with an attachment, for any bytes and name (HTML included)."""
    try:
        shared.run(shared.library.ingest_bytes(data, filename=filename, guild_id=GUILD_C))
    except InvalidArticleError as error:
        assert str(error)


# -- explicit cases: questions -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t ", "\u200b\u200d\ufeff", "???!!", "<@123>",
                                  "@everyone @here", "\x00\x01", "🙂🙂"])
async def test_empty_questions_get_a_polite_error(library: ArticleLibrary, text: str) -> None:
    with pytest.raises(InvalidQuestionError, match="Please ask a question in words"):
        await library.ask(text, Scope.all())


async def test_ten_kilobyte_question_gets_a_polite_error(library: ArticleLibrary) -> None:
    question = "Who is the Belgian premier? " * 400
    assert len(question.encode()) > 10_000
    with pytest.raises(InvalidQuestionError, match="too long") as caught:
        await library.ask(question, Scope.all())
    assert "Belgian" not in str(caught.value)  # the question is not echoed back


async def test_pings_in_questions_are_stripped_and_never_echoed(library: ArticleLibrary) -> None:
    result = await library.ask("@everyone <@123> <@!124> <@&456> <#789> @here who is the "
                               "Belgian premier?", Scope.all())
    assert result.question == "who is the Belgian premier?"
    assert "Charles Michel" in result.answers[0].text
    shown = json.dumps(answer_embed(result).to_dict(), ensure_ascii=False)
    assert not MENTION.search(shown), shown


@pytest.mark.parametrize("question", [
    "**Who** is the _Belgian_ premier?",
    "```Who is the Belgian premier?```",
    "```\nWho is the Belgian premier?\n```",
    "`Who` is the Belgian premier?",
    "> Who is the Belgian premier?",
    "# Who is the Belgian premier?",
    "||Who is the Belgian premier?||",
    "Who is the ||Belgian|| premier?",
    "~~Who~~ is the Belgian premier?",
])
async def test_markdown_questions_are_answered(library: ArticleLibrary, question: str) -> None:
    result = await library.ask(question, Scope.all())
    assert not result.abstained, result.reason
    assert "Charles Michel" in result.answers[0].text


@pytest.mark.parametrize("question", [
    "||How many|| people were wounded in Tuesday's attacks?",
    "How many people were **wounded** in `Tuesday's` attacks?",
])
async def test_markdown_number_questions_are_answered(library: ArticleLibrary,
                                                      question: str) -> None:
    result = await library.ask(question, Scope.all())
    assert not result.abstained, result.reason
    assert "300 wounded" in result.answers[0].text


async def test_unknown_and_foreign_article_ids_are_not_found(library: ArticleLibrary) -> None:
    mine = await library.ingest_path(EVAL_ARTICLES[0], guild_id=GUILD_A)
    a_id = mine.article.id
    seed_id = (await library.articles(Scope.all()))[0].id
    from_b = Scope.guild(GUILD_B)
    for article_id in (999_999, -1, 0, 2**62):
        with pytest.raises(ArticleNotFoundError):
            await library.ask("Who was arrested?", Scope.guild(GUILD_A), article_id=article_id)
        with pytest.raises(ArticleNotFoundError):
            await library.entities(Scope.all(), article_id=article_id)
        with pytest.raises(ArticleNotFoundError):
            await library.forget(article_id, Scope.guild(GUILD_A))
    with pytest.raises(ArticleNotFoundError):
        await library.ask("Who was arrested?", from_b, article_id=a_id)
    with pytest.raises(ArticleNotFoundError):
        await library.entities(from_b, article_id=a_id)
    with pytest.raises(ArticleNotFoundError):
        await library.article(a_id, from_b)
    with pytest.raises(ArticleNotFoundError):
        await library.forget(a_id, from_b)
    with pytest.raises(ArticleNotFoundError):  # seeds belong to everyone: no server removes them
        await library.forget(seed_id, Scope.guild(GUILD_A))
    assert {row.id for row in await library.articles(Scope.all())} == {seed_id, a_id}


# -- explicit cases: files ---------------------------------------------------------------------

NO_TEXT_HTML = {
    "nav.html": b"<!doctype html><html><head><title>Home</title></head><body><nav>"
                b"<a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>",
    "script.html": b"<html><body><script>var a = 1; document.write('hello');</script>"
                   b"</body></html>",
    "empty.html": b"<html><body></body></html>",
    "blank.htm": b"   \n  ",
    "comment.html": b"<html><!-- just a comment --></html>",
}
BAD_FILES = {
    "empty.txt": b"",
    "spaces.txt": b"   \n\n\t  \n",
    "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "random.md": bytes((i * 131 + 7) % 256 for i in range(5000)),
    "latin1.txt": ("Le président a déclaré que la fête aura lieu à Genève. " * 20).encode(
        "latin-1"),
    "utf16.txt": ("The minister said the bridge would open in May. " * 20).encode("utf-16"),
    "controls.txt": ("\x01\x02\x03 a few words \x04\x05\x06 " * 100).encode(),
    "numbers.txt": b"1 2 3 4 5 6 7 8 9 0 " * 200,
    "article.exe": b"MZ\x90\x00" + b"\x00" * 2000,
    **NO_TEXT_HTML,
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
async def test_bad_files_are_refused_politely_and_nothing_is_stored(
    library: ArticleLibrary, tmp_path: Path, name: str,
) -> None:
    before_rows = await library.articles(Scope.all())
    before_counts = table_counts(library.settings.db_path)
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    with pytest.raises(InvalidArticleError) as caught:
        await library.ingest_path(path, guild_id=GUILD_A)
    assert str(caught.value) and "Traceback" not in str(caught.value)
    with pytest.raises(InvalidArticleError):  # the same bytes as a Discord upload
        await library.ingest_bytes(BAD_FILES[name], filename=name, guild_id=GUILD_A)
    assert await library.articles(Scope.all()) == before_rows
    assert table_counts(library.settings.db_path) == before_counts


async def test_fifty_megabyte_file_is_refused_by_size_before_it_is_read(
    empty_library: ArticleLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 50 MB long, nothing written
        handle.truncate(50 * 1024 * 1024)
    assert huge.stat().st_size == 50 * 1024 * 1024
    reads: list[str] = []
    real_read_bytes = pathlib.Path.read_bytes

    def spy_read_bytes(self: Path) -> bytes:
        reads.append(str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", spy_read_bytes)
    tracemalloc.start()
    try:
        with pytest.raises(InvalidArticleError, match=r"52\.4 MB.*limited to 2\.0 MB"):
            await empty_library.ingest_path(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(huge) not in reads
    assert peak < 5_000_000, f"{peak} bytes allocated while refusing a 50 MB file"
    assert await empty_library.articles(Scope.all()) == []


async def test_bulk_ingest_reports_bad_files_one_by_one(empty_library: ArticleLibrary,
                                                        tmp_path: Path) -> None:
    """The CLI's bulk ingest: a page with no article text is one failed file, not a crash of
    the whole batch."""
    paths = []
    for name in ("nav.html", "empty.html"):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(NO_TEXT_HTML[name])
    paths.append(SEED_FILE)
    results = await empty_library.ingest_many(paths)
    assert [type(r).__name__ for r in results] == [
        "InvalidArticleError", "InvalidArticleError", "IngestResult"]
    assert len(await empty_library.articles(Scope.all())) == 1


async def test_failed_seed_does_not_stop_the_library_opening(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_empty.html").write_bytes(NO_TEXT_HTML["nav.html"])
    (seeds / "001_binary.txt").write_bytes(BAD_FILES["image.txt"])
    (seeds / "002_seed.txt").write_bytes(SEED_FILE.read_bytes())
    settings_ = make_settings(tmp_path, seeds_dir=seeds)
    async with await ArticleLibrary.open(settings_) as library:
        rows = await library.articles(Scope.all())
        assert [row.title[:14] for row in rows] == ["Belgian police"]

