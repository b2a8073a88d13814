"""What a stored article reads back as (rows, sentences, entities, bundles), the SQL that
reads it and the code that builds bundles from the rows.

Shared by the two readers of the database: the aiosqlite ``Store`` and the answer path's
plain ``BundleReader`` (its own connection, on the CPU pool); keeping the queries and the
construction here, apart from either connection, is what makes both read the same bundles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from retrieval.sentence_rows import ParagraphRun, SentenceRows, rows_by_article


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article's metadata, as listed by ``articles``."""

    id: int
    title: str
    source: str | None
    author: str | None
    published: str | None
    guild_id: int | None
    kind: str
    sentence_count: int
    paragraph_count: int
    characters: int
    created_at: str


@dataclass(frozen=True, slots=True)
class StoredSentence:
    id: int
    paragraph: int
    index: int
    position: int
    start: int
    end: int
    terms: tuple[str, ...]
    spans: tuple[tuple[int, int, str], ...]
    anaphoric: bool


@dataclass(frozen=True, slots=True)
class StoredEntity:
    id: int
    kind: str
    name: str
    aliases: tuple[str, ...]
    count: int
    mentions: tuple[tuple[int, int, int], ...]  # (sentence position, start, end)


@dataclass(slots=True)
class ArticleBundle:
    """Everything about one article that answering needs, loaded in one go."""

    row: ArticleRow
    body: str
    title_terms: tuple[str, ...]
    sentences: SentenceRows
    entities: list[StoredEntity] = field(default_factory=list)
    #: What the reranker derives from a sentence and its neighbours (its word sets, its
    #: context words), by key; computed on first use and kept as long as the bundle is cached,
    #: so a sentence that is a candidate again costs nothing to prepare.
    derived: dict[object, object] = field(default_factory=dict, repr=False, compare=False)
    #: False for a bundle loaded for answering only (``entities`` is empty until
    #: ``Store.load_entities``).
    entities_loaded: bool = field(default=True, compare=False)

    def text(self, sentence: StoredSentence) -> str:
        return self.body[sentence.start : sentence.end]


#: The columns of an ``ArticleRow``, in the order ``article_row`` reads them.
ARTICLE_COLUMNS = (
    "id, title, source, author, published, guild_id, kind, sentence_count, paragraph_count, "
    "length(body), created_at"
)


#: What a bundle is made of (``make_bundles``), for ``marks`` placeholders of article ids:
#: ``ARTICLE_COLUMNS`` with the length left to ``sqlite_length`` of the body read anyway.
#: SQLite's ``length(body)`` walked each body's overflow pages a second time, decoding it:
#: ~0.2 ms of the ~0.5 ms this read of a question's ~40 articles took at 1M sentences.
BUNDLE_ARTICLES_SQL = (
    f"SELECT {ARTICLE_COLUMNS.replace('length(body)', 'NULL')}, body, title_terms "
    "FROM articles WHERE id IN ({marks})"
)
BUNDLE_SENTENCES_SQL = (
    'SELECT id, paragraph, idx, position, start, "end", tokens, spans, anaphoric, '
    "article_id FROM sentences WHERE article_id IN ({marks}) ORDER BY article_id, position"
)


#: The answer path's partial bundles (``make_partial_bundles``): each paragraph's run of
#: positions and ids, and sentence rows by id (the BM25 candidates and their neighbours).
PARAGRAPH_RUNS_SQL = (
    "SELECT article_id, paragraph, min(position), max(position) + 1, min(id), max(id), "
    "count(*) FROM sentences WHERE article_id IN ({marks}) GROUP BY article_id, paragraph"
)
SENTENCES_BY_ID_SQL = (
    'SELECT id, paragraph, idx, position, start, "end", tokens, spans, anaphoric, '
    "article_id FROM sentences WHERE id IN ({marks})"
)
ARTICLE_SENTENCES_SQL = BUNDLE_SENTENCES_SQL.format(marks="?")
#: Mentions with their sentence's position (a partial bundle cannot map ids to positions).
ENTITY_MENTION_POSITIONS_SQL = (
    'SELECT m.entity_id, s.position, m.start, m."end" FROM mentions m '
    "JOIN entities e ON e.id = m.entity_id JOIN sentences s ON s.id = m.sentence_id "
    "WHERE e.article_id IN ({marks}) ORDER BY m.start"
)
ENTITY_MENTIONS_SQL = (
    'SELECT m.entity_id, m.sentence_id, m.start, m."end" FROM mentions m '
    "JOIN entities e ON e.id = m.entity_id WHERE e.article_id IN ({marks}) ORDER BY m.start"
)
ENTITIES_SQL = (
    "SELECT id, kind, name, aliases, count, article_id FROM entities "
    "WHERE article_id IN ({marks}) ORDER BY article_id, count DESC, name COLLATE NOCASE"
)


def attach_entities(bundles: dict[int, ArticleBundle], mention_rows: Iterable[Sequence[Any]],
                    entity_rows: Iterable[Sequence[Any]], *, positions: bool = False) -> None:
    """Give bundles their entities from the rows of ``ENTITY_MENTIONS_SQL`` (or, with
    ``positions``, ``ENTITY_MENTION_POSITIONS_SQL``) and ``ENTITIES_SQL`` (the same for the
    store's connection and the answer path's reader)."""
    position_of = None if positions else {
        sentence_id: position for bundle in bundles.values()
        for sentence_id, position in bundle.sentences.id_positions()}
    mentions: dict[int, list[tuple[int, int, int]]] = {}
    for r in mention_rows:
        position = r[1] if position_of is None else position_of[r[1]]
        mentions.setdefault(r[0], []).append((position, r[2], r[3]))
    entities: dict[int, list[StoredEntity]] = {i: [] for i in bundles}
    for r in entity_rows:
        entities[r[5]].append(StoredEntity(
            id=r[0], kind=r[1], name=r[2], aliases=tuple(json.loads(r[3])), count=r[4],
            mentions=tuple(mentions.get(r[0], ())),
        ))
    for article_id, bundle in bundles.items():
        bundle.entities = entities[article_id]
        bundle.entities_loaded = True


def make_bundles(articles: Iterable[Sequence[object]], sentences: Iterable[Sequence[object]]
                 ) -> dict[int, ArticleBundle]:
    """Bundles (without entities) from the rows of ``BUNDLE_ARTICLES_SQL`` and
    ``BUNDLE_SENTENCES_SQL``. Rows, not sentences: ``SentenceRows`` builds a sentence when it
    is read (the reranker reads a few per article), and its column order is this query's."""
    articles = list(articles)
    sentence_rows: dict[int, list[Sequence[object]]] = {row[0]: [] for row in articles}  # type: ignore[misc]
    for r in sentences:
        sentence_rows[r[9]].append(r)  # type: ignore[index]
    return {
        row[0]: ArticleBundle(  # type: ignore[misc]
            row=article_row(row), body=row[11],  # type: ignore[arg-type]
            title_terms=tuple(row[12].split()),  # type: ignore[union-attr]
            sentences=SentenceRows(sentence_rows[row[0]]), entities_loaded=False,  # type: ignore[index]
        )
        for row in articles
    }


def make_partial_bundles(
    articles: Iterable[Sequence[object]], runs: Iterable[Sequence[Any]],
    sentences: Iterable[Sequence[object]],
    loader: Callable[[int], Sequence[Sequence[object]]],
) -> dict[int, ArticleBundle]:
    """Bundles (without entities) from the rows of ``BUNDLE_ARTICLES_SQL``,
    ``PARAGRAPH_RUNS_SQL`` and ``SENTENCES_BY_ID_SQL``: only the sentences read, the rest
    read by ``loader(article id)`` when something asks for them (``SentenceRows.partial``)."""
    articles = list(articles)
    by_article: dict[int, list[ParagraphRun]] = {row[0]: [] for row in articles}  # type: ignore[misc]
    counts: dict[int, int] = dict.fromkeys(by_article, 0)
    for article_id, paragraph, start, stop, first, last, count in runs:
        counts[article_id] += count
        if stop - start == count:  # consecutive positions (always, as articles are stored)
            by_article[article_id].append((paragraph, start, stop, first, last, 0))
    rows = rows_by_article(sentences)
    return {
        row[0]: ArticleBundle(  # type: ignore[misc]
            row=article_row(row), body=row[11],  # type: ignore[arg-type]
            title_terms=tuple(row[12].split()),  # type: ignore[union-attr]
            sentences=SentenceRows.partial(
                row[0], counts[row[0]], rows.get(row[0], ()),  # type: ignore[index, arg-type]
                [(*run[:5], counts[row[0]]) for run in by_article[row[0]]],  # type: ignore[index, misc]
                partial(loader, row[0])),
            entities_loaded=False,
        )
        for row in articles
    }


def sqlite_length(text: str) -> int:
    """What SQLite's ``length()`` gives for ``text``: its characters before the first NUL."""
    end = text.find("\x00")
    return len(text) if end < 0 else end


def article_row(row: sqlite3.Row | Iterable[object]) -> ArticleRow:
    """An ``ArticleRow`` from the columns ``ARTICLE_COLUMNS`` lists, in that order; from a
    ``BUNDLE_ARTICLES_SQL`` row (no length, the body after the columns) too."""
    values = list(row)
    characters = values[9] if values[9] is not None else sqlite_length(values[11])  # type: ignore[arg-type]
    return ArticleRow(
        id=int(values[0]), title=str(values[1]), source=values[2], author=values[3],
        published=values[4], guild_id=values[5], kind=str(values[6]),
        sentence_count=int(values[7]), paragraph_count=int(values[8]),
        characters=int(characters),  # type: ignore[call-overload]
        created_at=str(values[10]),
    )
