"""A bundle's article row takes its length from the body it reads (``sqlite_length``), not
from SQLite's ``length(body)``: the same number, so the same row as the catalog's."""

from __future__ import annotations

import sqlite3

import pytest

from retrieval.service import ArticleLibrary
from retrieval.stored_bundles import sqlite_length
from tests.conftest import EVAL_ARTICLES


@pytest.mark.parametrize("text", [
    "", "plain", "Zürich – São Paulo “quoted”", "emoji 🙂 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a\x00b", "\x00",
    "tab\tand\nlines\x01\x7f\x9f", "é" * 5000 + "\x00" + "x" * 10,
])
def test_sqlite_length_is_sqlites_length(text: str) -> None:
    with sqlite3.connect(":memory:") as connection:
        connection.execute("CREATE TABLE t (body TEXT NOT NULL)")
        connection.execute("INSERT INTO t VALUES (?)", (text,))
        (expected,) = connection.execute("SELECT length(body) FROM t").fetchone()
    assert sqlite_length(text) == expected


async def test_bundle_rows_equal_the_catalogs(empty_library: ArticleLibrary) -> None:
    library = empty_library
    ids = [(await library.ingest_path(path)).article.id for path in EVAL_ARTICLES[:3]]
    reader = library._bundle_cache.reader
    assert reader is not None
    whole = reader.read(ids)
    partial, _ = reader.read_partial(ids, [])
    stored = await library.store.load_bundles(ids)
    for article_id in ids:
        row = await library.store.get_article(article_id)
        assert row is not None and row.characters > 0
        assert whole[article_id].row == partial[article_id].row == stored[article_id].row == row
