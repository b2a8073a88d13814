"""Numbered schema migrations. Append new ones; never edit one that has shipped."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            guild_id INTEGER,                       -- NULL: visible everywhere (seeds, CLI)
            scope_key INTEGER NOT NULL DEFAULT 0,   -- guild_id or 0, for the uniqueness rule
            kind TEXT NOT NULL DEFAULT 'user',      -- 'seed' or 'user'
            title TEXT NOT NULL,
            source TEXT,
            author TEXT,
            published TEXT,
            body TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            title_terms TEXT NOT NULL DEFAULT '',
            paragraph_count INTEGER NOT NULL,
            sentence_count INTEGER NOT NULL,
            added_by INTEGER,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (content_hash, scope_key)
        );
        CREATE INDEX articles_guild ON articles (guild_id);
        CREATE TABLE paragraphs (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        ) WITHOUT ROWID;
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            paragraph INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            position INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            tokens TEXT NOT NULL,                   -- index terms, space separated
            spans TEXT NOT NULL DEFAULT '[]',       -- NER spans [[start, end, label], ...]
            anaphoric INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sentences_article ON sentences (article_id, position);
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            count INTEGER NOT NULL
        );
        CREATE INDEX entities_article ON entities (article_id, kind);
        CREATE TABLE mentions (
            entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
            sentence_id INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        );
        CREATE INDEX mentions_entity ON mentions (entity_id);
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL,
            guild_id INTEGER,
            user_id INTEGER NOT NULL,
            sentence_id INTEGER,
            question TEXT NOT NULL,
            vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (message_id, user_id)
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('index_generation', '0');
        """,
    ),
    (
        2,
        "sentence vectors of the similarity model",
        """
        -- key: blake2b(model identity, sentence text); vector: 384 float16
        -- (retrieval/sentence_vectors.py). A cache: deleting its rows loses nothing.
        CREATE TABLE sentence_vectors (
            key BLOB PRIMARY KEY,
            vector BLOB NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    (
        3,
        "paragraph runs from an index",
        """
        -- The answer path's PARAGRAPH_RUNS_SQL (retrieval/stored_bundles.py) groups a
        -- question's ~40 candidate articles' sentences by paragraph. With this index (the
        -- rowid is in it) it reads the index alone, already in group order, instead of
        -- every sentence row and a temporary B-tree: ~1.0 -> ~0.6 ms at 1M sentences, for
        -- ~14 MB (3.5 %) more file and ~1.5 s to build on the first open.
        CREATE INDEX sentences_paragraph_runs ON sentences (article_id, paragraph, position);
        """,
    ),
]
