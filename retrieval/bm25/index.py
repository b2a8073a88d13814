"""The public ``BM25Index``: snapshots published lock-free, writers serialised by a lock."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from retrieval.bm25.params import _Params
from retrieval.bm25.persist import IndexFormatError, _load, _save
from retrieval.bm25.prune import _Query
from retrieval.bm25.ranges import KeyRun, run_term_counts
from retrieval.bm25.search import (
    Hit,
    _exact,
    _group_filter,
    _masks,
    _search_exhaustive,
    _search_pruned,
    _search_ranges,
)
from retrieval.bm25.segment import (
    _build_segment,
    _doc_range_df,
    _merge_segments,
    _postings_from_tokens,
    _Segment,
)
from retrieval.bm25.snapshot import _make_snapshot, _Snapshot

#: Merge the two newest segments while the older one is at most this many times bigger.
MERGE_RATIO = 4
#: Rewrite a segment once this share of its documents belongs to removed groups.
COMPACT_DEAD_FRACTION = 0.25
#: Group-filtered searches over at most this many documents are scored exhaustively.
EXHAUSTIVE_MAX_DOCS = 50_000


class BM25Index:
    """BM25Okapi over groups of documents (articles of sentences), thread-safe for readers.

    Reads (``search``, ``scores``, stats) never block; writers are serialised.
    """

    def __init__(self, k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25) -> None:
        if not k1 > 0 or not 0 <= b <= 1:
            # BM25Okapi itself divides 0 by 0 (NaN scores) with k1 = 0.
            raise ValueError(f"need k1 > 0 and 0 <= b <= 1, got k1={k1}, b={b}")
        self._params = _Params(float(k1), float(b), float(epsilon))
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._lock = threading.Lock()
        self._snap = _make_snapshot((), 0, np.zeros(0, np.int64), self._params.epsilon)

    # ---- properties -----------------------------------------------------------------------

    @property
    def n_docs(self) -> int:
        return self._snap.n_docs

    @property
    def n_groups(self) -> int:
        return len(self._snap.group_seg)

    @property
    def avgdl(self) -> float:
        return self._snap.avgdl

    @property
    def n_segments(self) -> int:
        """How many segments the index currently has (diagnostics)."""
        return len(self._snap.segments)

    def groups(self) -> list[int]:
        return sorted(self._snap.group_seg)

    def term_stats(self, term: str) -> tuple[int, float]:
        snap = self._snap
        tid = self._tid(snap, term)
        if tid < 0 or snap.df[tid] == 0:
            return 0, 0.0
        return int(snap.df[tid]), snap.idf(tid)

    def idf(self, term: str) -> float:
        return self.term_stats(term)[1]

    def memory_bytes(self) -> int:
        """Bytes held by the index arrays plus an estimate for the vocabulary."""
        snap = self._snap
        arrays = sum(seg.nbytes() for seg in snap.segments) + snap.df.nbytes
        vocab = sum(len(t) + 49 + 8 + 50 for t in self._terms)  # str + list slot + dict entry
        groups = len(snap.group_seg) * 100
        return arrays + vocab + groups

    # ---- mutation -------------------------------------------------------------------------

    def add_group(self, group: int, docs: Sequence[Sequence[str]], keys: Sequence[int]) -> None:
        self.add_groups([(group, docs, keys)])

    def add_groups(
        self, items: Iterable[tuple[int, Sequence[Sequence[str]], Sequence[int]]]
    ) -> None:
        """Append groups as one new segment (then merged by size); stats recomputed once."""
        items = list(items)
        if not items:
            return
        with self._lock:
            snap = self._snap
            seen = set()
            for group, docs, keys in items:
                if group in snap.group_seg or group in seen:
                    raise ValueError(f"group {group} is already in the index")
                if len(docs) != len(keys):
                    raise ValueError(f"group {group}: {len(docs)} documents but {len(keys)} keys")
                seen.add(group)
            seg, seg_df_tids = self._segment_from_items(snap, items)
            vocab_size = len(self._terms)
            df = np.zeros(vocab_size, np.int64)
            df[: len(snap.df)] = snap.df
            np.add.at(df, seg_df_tids[0], seg_df_tids[1])
            segments = [*snap.segments, seg]
            self._publish(segments, vocab_size, df)

    def remove_group(self, group: int) -> None:
        with self._lock:
            snap = self._snap
            if group not in snap.group_seg:
                return
            i = snap.group_seg[group]
            seg = snap.segments[i]
            j = int(np.flatnonzero(seg.group_ids == group)[0])
            start, end = int(seg.group_bounds[j]), int(seg.group_bounds[j + 1])
            counts = _doc_range_df(seg, start, end)
            df = snap.df.copy()
            np.subtract.at(df, seg.term_ids.astype(np.int64), counts)
            live = np.ones(seg.n, bool) if seg.live is None else seg.live.copy()
            if end == start:
                # An empty group owns no documents: drop its entry from the group table.
                keep = np.ones(len(seg.group_ids), bool)
                keep[j] = False
                sizes = np.diff(seg.group_bounds)[keep]
                bounds = np.zeros(len(sizes) + 1, np.int64)
                np.cumsum(sizes, out=bounds[1:])
                new = replace(seg, group_ids=seg.group_ids[keep], group_bounds=bounds)
            else:
                live[start:end] = False
                new = replace(
                    seg,
                    live=live,
                    n_live=seg.n_live - (end - start),
                    live_len=seg.live_len - int(seg.dl[start:end].sum()),
                    term_df=seg.term_df - counts,
                )
            segments = list(snap.segments)
            segments[i] = new
            if new.n and new.n_live <= new.n * (1 - COMPACT_DEAD_FRACTION):
                segments[i] = _merge_segments([new], self._avgdl_of(segments), self._params)
            self._publish(segments, snap.vocab_size, df)

    # ---- search ---------------------------------------------------------------------------

    def search(
        self, query: Sequence[str], k: int = 3, groups: Collection[int] | None = None
    ) -> list[Hit]:
        """Top-k documents by BM25Okapi score (exact), best first; only scores > 0.

        Ties are broken by insertion order (earlier first). ``groups`` restricts the search to
        those groups (unknown ids are ignored).
        """
        snap = self._snap
        if k <= 0 or snap.n_docs == 0:
            return []
        q = self._resolve(snap, query, k)
        if len(q.tids) == 0:
            return []
        if groups is not None:
            # (a frozenset is passed through as is: also makes a one-shot iterable reusable)
            found = _group_filter(snap, frozenset(groups))
            if not found.ranges:
                return []
            if found.n_docs <= EXHAUSTIVE_MAX_DOCS:
                return _search_ranges(self._params, snap, q, found.ranges)
            elig = _masks(snap, found)
        else:
            elig = {i: seg.live for i, seg in enumerate(snap.segments)}
        if (q.weights < 1e-30).any():
            # Negative weights (a degenerate corpus) break the pruning bounds, and float32
            # would flush absurdly small ones to zero: score everything instead.
            return _search_exhaustive(self._params, snap, q, elig)
        return _search_pruned(self._params, snap, q, elig)

    def run_term_counts(self, terms: Sequence[str], runs: Sequence[KeyRun]
                        ) -> list[list[int] | None]:
        """Per run of a group's documents (``KeyRun``), in how many of them each term occurs
        (in ``terms`` order); None for a run that does not match the index (an unknown
        group, other keys, another size)."""
        snap = self._snap
        return run_term_counts(snap, [self._tid(snap, term) for term in terms], runs)

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25Okapi scores of every live document, in insertion order (exhaustive, slow)."""
        snap = self._snap
        q = self._resolve(snap, query, 1)
        parts = []
        for seg in snap.segments:
            docs = np.arange(seg.n) if seg.live is None else np.flatnonzero(seg.live)
            parts.append(_exact(self._params, snap, seg, q, docs))
        return np.concatenate(parts) if parts else np.zeros(0)

    # ---- persistence ----------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write the current snapshot under ``directory`` atomically.

        Arrays go to a fresh sub-directory; a small ``CURRENT`` file naming it is then replaced
        in one ``os.replace``, so a reader (or a crash) sees either the old or the new index.
        """
        _save(self._snap, self._terms, self._params, directory)

    @classmethod
    def load(cls, directory: Path, mmap: bool = False) -> BM25Index:
        """Load a saved index. ``mmap=True`` maps the arrays instead of reading them (faster
        start, pages read on first use) and skips the checksums."""
        try:
            return _load(cls, Path(directory), mmap)
        except IndexFormatError:
            raise
        except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError) as exc:
            raise IndexFormatError(f"cannot load BM25 index from {directory}: {exc}") from exc

    # ---- internals: mutation --------------------------------------------------------------

    def _publish(self, segments: list[_Segment], vocab_size: int, df: np.ndarray) -> None:
        segments = self._merge_policy(segments)
        self._snap = _make_snapshot(segments, vocab_size, df, self._params.epsilon)

    def _avgdl_of(self, segments: Sequence[_Segment]) -> float:
        n = sum(s.n_live for s in segments)
        return sum(s.live_len for s in segments) / n if n else 0.0

    def _merge_policy(self, segments: list[_Segment]) -> list[_Segment]:
        """Merge the newest segments while they are of similar size (geometric tiers), so there
        are O(log n) segments and each document is rewritten O(log n) times."""
        segments = [s for s in segments if s.n_live > 0 or len(s.group_ids) > 0]
        while len(segments) >= 2 and segments[-2].n <= MERGE_RATIO * max(segments[-1].n, 1):
            avgdl = self._avgdl_of(segments)
            merged = _merge_segments(segments[-2:], avgdl, self._params)
            segments = [*segments[:-2], merged]
        return segments

    def _segment_from_items(
        self, snap: _Snapshot, items: list[tuple[int, Sequence[Sequence[str]], Sequence[int]]]
    ) -> tuple[_Segment, tuple[np.ndarray, np.ndarray]]:
        lengths, gids, sizes, keys = [], [], [], []
        for group, docs, gkeys in items:
            gids.append(int(group))
            sizes.append(len(docs))
            lengths.extend(len(d) for d in docs)
            keys.extend(int(x) for x in gkeys)
        flat = list(itertools.chain.from_iterable(docs for _, docs, _ in items))
        flat = list(itertools.chain.from_iterable(flat))
        tids = self._intern(flat)
        lengths_arr = np.asarray(lengths, dtype=np.int64)
        t, d, f = _postings_from_tokens(tids, lengths_arr)
        n_new = len(lengths_arr)
        n_docs = snap.n_docs + n_new
        avgdl = (snap.total_len + int(lengths_arr.sum())) / n_docs if n_docs else 0.0
        bounds = np.zeros(len(sizes) + 1, np.int64)
        np.cumsum(sizes, out=bounds[1:])
        seg = _build_segment(
            t,
            d,
            f,
            lengths_arr,
            np.asarray(keys, np.int64),
            np.asarray(gids, np.int64),
            bounds,
            avgdl,
            self._params,
        )
        return seg, (seg.term_ids.astype(np.int64), seg.term_df)

    def _intern(self, tokens: list[str]) -> np.ndarray:
        """Term ids of tokens, adding new terms to the vocabulary (ids are append-only, so a
        concurrent search on an older snapshot simply does not know the new ones)."""
        vocab = self._vocab
        new = [t for t in dict.fromkeys(tokens) if t not in vocab]
        for term in new:
            vocab[term] = len(self._terms)
            self._terms.append(term)
        return np.fromiter(map(vocab.__getitem__, tokens), dtype=np.int64, count=len(tokens))

    # ---- internals: search ----------------------------------------------------------------

    def _tid(self, snap: _Snapshot, term: str) -> int:
        tid = self._vocab.get(term, -1)
        return tid if tid < snap.vocab_size else -1

    def _resolve(self, snap: _Snapshot, query: Sequence[str], k: int) -> _Query:
        counts: dict[int, int] = {}
        token_tids, token_idf = [], []
        for term in query:
            tid = self._tid(snap, term)
            if tid < 0 or snap.df[tid] == 0:
                continue
            token_tids.append(tid)
            token_idf.append(snap.idf(tid))
            counts[tid] = counts.get(tid, 0) + 1
        tids = np.fromiter(counts, dtype=np.int32, count=len(counts))
        weights = np.array([snap.idf(t) * c for t, c in counts.items()], dtype=np.float64)
        nonzero = weights != 0
        return _Query(tids[nonzero], weights[nonzero], token_tids, token_idf, k)
