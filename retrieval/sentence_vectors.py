"""Sentence vectors kept in the database, so that the sentence-similarity model encodes a
sentence once, not once per process.

Why: encoding a sentence costs ~13 ms of CPU, and the first question about an article
encodes its best few candidates (first-pass p99 ~160 ms against ~17 ms warm). The process
keeps vectors in memory (``semantic_rerank``), but a restart lost them all; and a long-lived
bot can encode a new article's sentences in the background as soon as it is added
(``SemanticSimilarity.precompute``), before anyone asks.

A vector is keyed by a hash of the model's identity, the precision it was computed in
(float32 or int8 weights: ``SentenceEncoder.vector_variant``; float32 keys are those of the
vectors stored before int8 existed, which stay valid) and the sentence's text (a vector
depends on nothing else), so a bot switched between precisions never reads the other's
vectors. Stored as float16 (768 bytes; the reranker uses the same rounded vectors whether
they were just computed or read back, so answers do not depend on the cache).
Reads happen on the answer path's own thread through a read-only connection; every write
goes to one background thread, so an answer never waits for SQLite's write lock.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from retrieval.sentence_encoder import MODEL_SHA256, PRECISIONS, vector_variant
from retrieval.store import BUSY_TIMEOUT_SECONDS, LOAD_CHUNK, connect_read_only

log = logging.getLogger(__name__)

T = TypeVar("T")

#: How a vector is kept, here and in the process's memory.
VECTOR_DTYPE = np.float16


def vector_key(text: str, variant: str = "") -> bytes:
    """16 bytes naming (model, precision variant, sentence text); ``variant`` "" is float32."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16,
                           key=MODEL_SHA256.encode("ascii")[:64],
                           person=variant.encode("ascii")).digest()


def rounded(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` as they are kept (float16)."""
    return np.asarray(vectors, dtype=VECTOR_DTYPE)


class StoredVectors:
    """``get_many`` from any thread; ``save`` and ``forget`` queue the write for the
    background thread, which ``in_background`` also lends to the model's precomputing.
    Reads and writes the vectors of one ``variant`` (the encoder's ``vector_variant``)."""

    def __init__(self, path: Path, variant: str = "") -> None:
        self._path = path
        self.variant = variant
        self._lock = threading.Lock()
        self._reader: sqlite3.Connection | None = None
        self._writer: sqlite3.Connection | None = None
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vectors")
        #: Set when closing: long background work (``precompute``) stops between batches.
        self.closing = False
        self._closed = False

    # ------------------------------------------------------------------ reading

    def get_many(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those ``texts`` that have one."""
        by_key = {vector_key(text, self.variant): text for text in dict.fromkeys(texts)}
        if not by_key:
            return {}
        keys = list(by_key)
        found: dict[str, np.ndarray] = {}
        with self._lock:
            if self._closed:
                return {}
            try:
                connection = self._read_connection()
                for start in range(0, len(keys), LOAD_CHUNK):
                    chunk = keys[start:start + LOAD_CHUNK]
                    rows = connection.execute(
                        "SELECT key, vector FROM sentence_vectors WHERE key IN "
                        f"({', '.join('?' * len(chunk))})", chunk).fetchall()
                    for key, blob in rows:
                        found[by_key[key]] = np.frombuffer(blob, dtype=VECTOR_DTYPE)
            except sqlite3.Error as error:
                # a cache: answering goes on and the model encodes what it must
                log.warning("could not read stored sentence vectors: %s", error)
                return {}
        return found

    def _read_connection(self) -> sqlite3.Connection:
        if self._reader is None:
            self._reader = connect_read_only(self._path)
        return self._reader

    # ------------------------------------------------------------------ writing

    def in_background(self, func: Callable[..., T], *args: Any) -> Future[T] | None:
        """``func(*args)`` on the background thread (None once closed)."""
        if self._closed:
            return None
        try:
            return self._background.submit(func, *args)
        except RuntimeError:  # shut down between the check and the submit
            return None

    def save(self, vectors: dict[str, np.ndarray]) -> None:
        """Keep ``vectors`` (text → vector), later, on the background thread."""
        if vectors:
            self.in_background(self.write, dict(vectors))

    def forget(self, texts: Iterable[str]) -> None:
        """Drop the vectors of ``texts`` (an article removed), later: every precision's, so
        none outlives its article after a switch of precision."""
        variants = dict.fromkeys(vector_variant(precision) for precision in PRECISIONS)
        keys = [vector_key(text, variant) for text in dict.fromkeys(texts)
                for variant in variants]
        if keys:
            self.in_background(self._delete, keys)

    def write(self, vectors: dict[str, np.ndarray]) -> None:
        """Keep ``vectors`` now (on the background thread)."""
        rows = [(vector_key(text, self.variant), rounded(vector).tobytes())
                for text, vector in vectors.items()]
        self._execute_write("INSERT OR REPLACE INTO sentence_vectors (key, vector) VALUES (?, ?)",
                            rows)

    def _delete(self, keys: list[bytes]) -> None:
        self._execute_write("DELETE FROM sentence_vectors WHERE key = ?", [(k,) for k in keys])

    def _execute_write(self, sql: str, rows: list[tuple[bytes, ...]]) -> None:
        if self._closed or not rows:
            return
        try:
            if self._writer is None:
                self._writer = sqlite3.connect(str(self._path), timeout=BUSY_TIMEOUT_SECONDS,
                                               check_same_thread=False)
                self._writer.execute("PRAGMA synchronous=NORMAL")
            with self._writer:
                self._writer.executemany(sql, rows)
        except sqlite3.Error as error:
            log.warning("could not store sentence vectors: %s", error)

    # ------------------------------------------------------------------ closing

    def close(self, wait: bool = True) -> None:
        """Finish the queued writes (``wait``; precomputing stops at its next batch) or drop
        them, and close both connections."""
        self.closing = True
        self._background.shutdown(wait=wait, cancel_futures=not wait)
        with self._lock:
            self._closed = True
            for connection in (self._reader, self._writer):
                if connection is not None:
                    connection.close()
            self._reader = self._writer = None
