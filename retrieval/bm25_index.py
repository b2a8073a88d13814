"""An inverted BM25 index whose scores equal ``rank_bm25.BM25Okapi`` but that answers a top-k
question over a million sentences in about a millisecond.

Why not BM25Okapi itself: it scores every document for every query term in Python (≈1 s per
question at 1M sentences) and has to be rebuilt from scratch when an article is added.

Design (each point is there because the naive version failed a target):

* **Exact by construction.** Reported scores are recomputed in float64 with BM25Okapi's own
  formula and operation order (``idf * (tf*(k1+1) / (tf + k1*(1-b+b*dl/avgdl)))`` summed over
  the query tokens, duplicates included). Float32 scores only *select* candidates, and every
  pruning step uses proven bounds, so the top-k scores equal brute force; ties are broken by
  insertion order (earlier first), brute force may break them otherwise. Hits have score > 0.
* **Segments.** Documents live in immutable segments (one big base plus small appended ones,
  merged geometrically, ratio 4), so adding an article builds a tiny segment instead of
  re-indexing; ``N``, ``df``, ``idf`` and the epsilon floor are global and recomputed on every
  change (O(vocabulary)).
* **Stale weights with bounds.** Each segment stores ``g = tf*(k1+1)/(tf+K)`` per posting at
  the ``avgdl`` current when it was built. Later drift of ``avgdl`` scales every ``g`` by a
  factor inside ``[min(1, r), max(1, r)]`` (``r`` = avgdl now / then), so bounds just widen a
  little instead of forcing a rebuild. ``tf`` itself is recovered from ``g`` exactly (checked
  for every posting at build time; stored instead when float32 cannot guarantee it).
* **Head terms dense.** Terms in at least 1/16 of a big segment's documents are dense float32
  rows: a lookup is a gather and a full pass one vectorised multiply-add, where postings would
  cost a scatter or a binary search per document.
* **Pruning.** A threshold is seeded from each term's champion documents (its best weights)
  and the rarest term's list. Terms whose bounds sum below it may be skipped; the skipped set
  is chosen to skip the most postings (a small knapsack, better than MaxScore's prefix when a
  rare pair stands in for a head term). Essential terms are accumulated term-at-a-time, the
  rest looked up only for candidates whose bound still reaches the threshold; when a head
  term is essential, the segment is scored in vectorised full passes instead.
* **Groups** are contiguous document ranges: a few groups are scored exhaustively through
  postings ranges; many groups use a cached per-segment mask with the pruned search.
* **Lock-free reads.** A search reads one immutable snapshot; writers (serialised by a lock)
  build a new snapshot and publish it with one reference assignment.
* **Deletion** marks a group's documents dead (and updates the statistics exactly); a segment
  is rewritten once a quarter of it is dead.
* **Persistence**: one ``.npy`` per array plus a JSON header (format version, CRC32s) in a
  fresh directory, published by atomically replacing a small ``CURRENT`` pointer file.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import shutil
import threading
import uuid
import zlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

__all__ = ["BM25Index", "Hit", "IndexFormatError"]

FORMAT_NAME = "article-bot-bm25"
FORMAT_VERSION = 1

#: A term is stored densely in a segment when it occurs in at least this share of its documents.
DENSE_FRACTION = 1 / 16
#: Score the whole segment once the essential postings exceed this share of its documents
#: (enumerating them and looking up the other terms per document would then cost more).
FULL_PASS_FRACTION = 1 / 32
#: A full pass adds skippable head terms until a sample predicts at most this many candidates
#: (each remaining candidate costs a random lookup per head term left out).
DENSE_MAX_CANDIDATES = 16384
#: Candidate sets larger than this first complete their PRECOMPLETE_TOP best partial scores,
#: to raise the threshold before the bulk of the lookups.
PRECOMPLETE_MIN = 1024
PRECOMPLETE_TOP = 256
#: Look documents up in a postings list by binary search when the list is this many times
#: longer than the lookup; otherwise scatter the list into a dense scratch row and gather.
LOOKUP_SEARCH_RATIO = 6
#: Segments with at most this many documents are scored without pruning.
SMALL_SEGMENT = 2048
#: Segments smaller than this keep every term as postings (dense arrays would not pay off).
DENSE_MIN_DOCS = 4096
#: Each term with more documents keeps its this-many best-weighted ones for a first threshold.
CHAMPIONS = 128
#: How many of them a search uses to seed its threshold.
SEED_CHAMPIONS = 64
#: The rarest query term's whole list joins the seed when it is at most this long: the best
#: documents nearly always contain the rarest term, so this threshold is close to final.
SEED_RARE_LIST = 1024
#: Merge the two newest segments while the older one is at most this many times bigger.
MERGE_RATIO = 4
#: Rewrite a segment once this share of its documents belongs to removed groups.
COMPACT_DEAD_FRACTION = 0.25
#: Group-filtered searches over at most this many documents are scored exhaustively.
EXHAUSTIVE_MAX_DOCS = 50_000
#: Recover term frequencies from the stored g instead of storing them (checked per segment).
RECOVER_TF = True
#: Float32 rounding per operation, with a safety factor (see ``_Bounds``).
_ROUNDING = 2.5e-7


class IndexFormatError(Exception):
    """A saved index is missing, damaged or written by an incompatible version."""


@dataclass(frozen=True, slots=True)
class Hit:
    key: int  # caller's document key (e.g. sentence id)
    group: int  # caller's group id (e.g. article id)
    score: float  # exact BM25Okapi score (float64)


# --------------------------------------------------------------------------------------------
# Segments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class _Segment:
    """Immutable documents ``0..n-1`` of one segment and their postings.

    Term table (sorted by global term id): ``term_ids``, live document frequency ``term_df``,
    ``term_gmax`` (max stored ``g``, an upper bound for pruning) and ``term_dense`` (row in the
    dense arrays, or -1 when the term has postings ``indptr[i]:indptr[i+1]``).
    """

    dl: np.ndarray  # int32 [n] document lengths
    keys: np.ndarray  # int64 [n]
    group_ids: np.ndarray  # int64 [G]
    group_bounds: np.ndarray  # int64 [G+1], group j owns documents bounds[j]:bounds[j+1]
    live: np.ndarray | None  # bool [n]; None when every document is live
    n_live: int
    live_len: int  # total length of live documents
    ref_avgdl: float  # avgdl used for the stored g
    params: _Params
    tf_stored: bool  # False: tf / tf_dense are empty and recovered exactly from g (see _tf_of)
    term_ids: np.ndarray  # int32 [U] sorted
    term_df: np.ndarray  # int64 [U] live document frequency
    term_gmax: np.ndarray  # float32 [U]
    term_dense: np.ndarray  # int32 [U]
    indptr: np.ndarray  # int64 [U+1]
    docs: np.ndarray  # int32 [P] sorted within each term
    tf: np.ndarray  # uint8/16/32 [P] (or empty, see tf_stored)
    g: np.ndarray  # float32 [P]
    g_dense: np.ndarray  # float32 [D, n]
    tf_dense: np.ndarray  # uint8/16/32 [D, n] (or empty, see tf_stored)
    champ_ptr: np.ndarray  # int64 [U+1], champions of term i: champ_docs[ptr[i]:ptr[i+1]]
    champ_docs: np.ndarray  # int32, the CHAMPIONS best-weighted documents of frequent terms,
    # best first

    @property
    def n(self) -> int:
        return len(self.dl)

    def arrays(self) -> dict[str, np.ndarray]:
        out = {name: getattr(self, name) for name in _SEGMENT_ARRAYS}
        if self.live is not None:
            out["live"] = self.live
        return out

    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.arrays().values())

    def locate(self, query_tids: np.ndarray) -> np.ndarray:
        """Index in the term table of each query term, -1 where the segment lacks it."""
        pos = np.searchsorted(self.term_ids, query_tids)
        pos[pos >= len(self.term_ids)] = 0
        found = self.term_ids[pos] == query_tids if len(self.term_ids) else pos < 0
        return np.where(found, pos, -1)

    def term_tf(self, slot: int, docs: np.ndarray, norm: np.ndarray | None = None) -> np.ndarray:
        """Term frequencies of one term (term-table index) in the given documents (``norm``:
        ``self.norm(docs)`` when the caller has it already)."""
        row = int(self.term_dense[slot])
        if row >= 0:
            if self.tf_stored:
                return self.tf_dense[row][docs].astype(np.int64)
            norm = self.norm(docs) if norm is None else norm
            return _tf_of(self.g_dense[row][docs], norm, self.params)
        lo, hi = int(self.indptr[slot]), int(self.indptr[slot + 1])
        plist = self.docs[lo:hi]
        pos = np.searchsorted(plist, docs)
        pos[pos >= len(plist)] = 0
        hit = plist[pos] == docs
        if self.tf_stored:
            return np.where(hit, self.tf[lo:hi][pos], 0).astype(np.int64)
        g = np.where(hit, self.g[lo:hi][pos], np.float32(0))
        return _tf_of(g, self.norm(docs) if norm is None else norm, self.params)

    def norm(self, docs: np.ndarray) -> np.ndarray:
        """``K = k1*(1-b+b*dl/avgdl)`` at the reference avgdl, exactly as when g was stored."""
        return _norm(self.dl[docs], self.ref_avgdl, self.params)

    def term_g(self, slot: int, docs: np.ndarray, bufs: _Scratch) -> np.ndarray:
        """Stored ``g`` of one term for the given documents (0 where absent)."""
        row = int(self.term_dense[slot])
        if row >= 0:
            return self.g_dense[row][docs]
        lo, hi = int(self.indptr[slot]), int(self.indptr[slot + 1])
        plist = self.docs[lo:hi]
        if len(docs) * LOOKUP_SEARCH_RATIO < hi - lo:
            pos = np.searchsorted(plist, docs)
            pos[pos >= len(plist)] = 0
            return np.where(plist[pos] == docs, self.g[lo:hi][pos], np.float32(0))
        lk = bufs.lk
        lk[plist] = self.g[lo:hi]
        out = lk[docs]
        lk[plist] = 0
        return out

    def doc_groups(self, docs: np.ndarray) -> np.ndarray:
        return self.group_ids[np.searchsorted(self.group_bounds, docs, side="right") - 1]


_SEGMENT_ARRAYS = (
    "dl",
    "keys",
    "group_ids",
    "group_bounds",
    "term_ids",
    "term_df",
    "term_gmax",
    "term_dense",
    "indptr",
    "docs",
    "tf",
    "g",
    "g_dense",
    "tf_dense",
    "champ_ptr",
    "champ_docs",
)


def _build_segment(
    tids: np.ndarray,
    docs: np.ndarray,
    tf: np.ndarray,
    dl: np.ndarray,
    keys: np.ndarray,
    group_ids: np.ndarray,
    group_bounds: np.ndarray,
    avgdl: float,
    params: _Params,
) -> _Segment:
    """A segment from postings sorted by (term, doc); ``g`` is computed at ``avgdl``."""
    n = len(dl)
    top = int(tf.max()) if len(tf) else 0
    tf_dtype = np.uint8 if top <= 255 else np.uint16 if top <= 65535 else np.uint32
    starts = np.flatnonzero(np.r_[True, tids[1:] != tids[:-1]]) if len(tids) else np.zeros(0, int)
    term_ids = tids[starts].astype(np.int32)
    term_df = np.diff(np.r_[starts, len(tids)]).astype(np.int64)
    ref = avgdl if avgdl > 0 else 1.0
    norm = _norm(dl, ref, params)[docs]
    g = (tf * (params.k1 + 1) / (tf + norm)).astype(np.float32)
    with np.errstate(all="ignore"):
        tf_stored = not (RECOVER_TF and np.array_equal(_tf_of(g, norm, params), tf))
    del norm
    gmax = np.maximum.reduceat(g, starts) if len(g) else np.zeros(0, np.float32)
    champ_ptr, champ_docs = _champions(starts, term_df, docs, g)
    dense = np.flatnonzero(term_df >= n * DENSE_FRACTION) if n >= DENSE_MIN_DOCS else []
    term_dense = np.full(len(term_ids), -1, dtype=np.int32)
    g_dense = np.zeros((len(dense), n), dtype=np.float32)
    tf_dense = np.zeros((len(dense) if tf_stored else 0, n), dtype=tf_dtype)
    keep = np.ones(len(docs), dtype=bool)
    for row, slot in enumerate(dense):
        lo, hi = starts[slot], starts[slot] + term_df[slot]
        g_dense[row, docs[lo:hi]] = g[lo:hi]
        if tf_stored:
            tf_dense[row, docs[lo:hi]] = tf[lo:hi]
        keep[lo:hi] = False
        term_dense[slot] = row
    counts = np.where(term_dense >= 0, 0, term_df)
    indptr = np.zeros(len(term_ids) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return _Segment(
        dl=dl.astype(np.int32),
        keys=keys.astype(np.int64),
        group_ids=group_ids.astype(np.int64),
        group_bounds=group_bounds.astype(np.int64),
        live=None,
        n_live=n,
        live_len=int(dl.sum()),
        ref_avgdl=float(ref),
        params=params,
        tf_stored=tf_stored,
        term_ids=term_ids,
        term_df=term_df,
        term_gmax=gmax.astype(np.float32),
        term_dense=term_dense,
        indptr=indptr,
        docs=docs[keep].astype(np.int32),
        tf=tf[keep].astype(tf_dtype) if tf_stored else np.zeros(0, tf_dtype),
        g=g[keep],
        g_dense=g_dense,
        tf_dense=tf_dense,
        champ_ptr=champ_ptr,
        champ_docs=champ_docs,
    )


def _norm(dl: np.ndarray, avgdl: float, params: _Params) -> np.ndarray:
    return params.k1 * (1 - params.b + params.b * dl.astype(np.float64) / avgdl)


def _tf_of(g: np.ndarray, norm: np.ndarray, params: _Params) -> np.ndarray:
    """Invert ``g = tf*(k1+1)/(tf+K)``: ``tf = g*K/(k1+1-g)``, rounded.

    Storing tf next to g would cost a byte per posting and per head-term document; the
    inversion is exact whenever float32 keeps enough digits, which the builder checks for
    every posting (and stores tf when it does not hold, e.g. k1 = 0)."""
    g = g.astype(np.float64)
    return np.rint(g * norm / (params.k1 + 1 - g)).astype(np.int64)


def _champions(
    starts: np.ndarray, term_df: np.ndarray, docs: np.ndarray, g: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per term with more than CHAMPIONS documents, its CHAMPIONS highest-``g`` documents,
    best first (so a search may use a prefix)."""
    big = np.flatnonzero(term_df > CHAMPIONS)
    counts = np.zeros(len(term_df), np.int64)
    counts[big] = CHAMPIONS
    ptr = np.zeros(len(term_df) + 1, np.int64)
    np.cumsum(counts, out=ptr[1:])
    out = np.empty(int(ptr[-1]), np.int32)
    for slot in big.tolist():
        lo, df = int(starts[slot]), int(term_df[slot])
        top = np.argpartition(g[lo : lo + df], df - CHAMPIONS)[df - CHAMPIONS :]
        top = top[np.argsort(-g[lo + top], kind="stable")]
        out[ptr[slot] : ptr[slot + 1]] = docs[lo + top]
    return ptr, out


def _postings_from_tokens(tids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, ...]:
    """(term, doc, tf) triples sorted by (term, doc) from concatenated token ids."""
    n = max(len(lengths), 1)
    if len(tids) == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    key = tids.astype(np.int64) * n
    key += np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    key.sort()
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    tf = np.diff(np.r_[starts, len(key)])
    uk = key[starts]
    t = uk // n
    return t, uk - t * n, tf


def _merge_runs(
    parts: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Merge (term, doc, tf) triples of consecutive segments into (term, doc) order, no sort.

    In each part every term's postings are one contiguous run in document order, and the
    parts come in document order, so a posting's place is its term's start, plus the postings
    of that term in earlier parts, plus its rank in its run: a counting sort, O(postings).
    """
    parts = [p for p in parts if len(p[0])]
    if not parts:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    vocab = max(int(t.max()) for t, _, _ in parts) + 1
    counts = np.zeros(vocab, np.int64)
    for t, _, _ in parts:
        counts += np.bincount(t, minlength=vocab)
    cursor = np.zeros(vocab, np.int64)
    np.cumsum(counts[:-1], out=cursor[1:])
    total = int(counts.sum())
    out_t, out_d, out_f = (np.empty(total, np.int64) for _ in range(3))
    for t, d, f in parts:
        starts = np.flatnonzero(np.r_[True, t[1:] != t[:-1]])
        lengths = np.diff(np.r_[starts, len(t)])
        run_terms = t[starts]
        dest = np.repeat(cursor[run_terms] - starts, lengths) + np.arange(len(t))
        out_t[dest], out_d[dest], out_f[dest] = t, d, f
        cursor[run_terms] += lengths
    return out_t, out_d, out_f


def _segment_triples(seg: _Segment) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All live (term, doc, tf) of a segment, docs renumbered to skip dead ones."""
    sparse_t = np.repeat(seg.term_ids.astype(np.int64), np.diff(seg.indptr))
    if seg.tf_stored:
        sparse_f = seg.tf.astype(np.int64)
    else:
        sparse_f = _tf_of(seg.g, seg.norm(seg.docs), seg.params)
    parts_t, parts_d, parts_f = [sparse_t], [seg.docs.astype(np.int64)], [sparse_f]
    for slot in np.flatnonzero(seg.term_dense >= 0):
        d = np.flatnonzero(seg.g_dense[seg.term_dense[slot]])
        parts_t.append(np.full(len(d), seg.term_ids[slot], np.int64))
        parts_d.append(d)
        parts_f.append(seg.term_tf(int(slot), d))
    t, d, f = np.concatenate(parts_t), np.concatenate(parts_d), np.concatenate(parts_f)
    if seg.live is not None:
        keep = seg.live[d]
        newpos = np.cumsum(seg.live) - 1
        t, d, f = t[keep], newpos[d[keep]], f[keep]
    return t, d, f


def _merge_segments(segs: Sequence[_Segment], avgdl: float, params: _Params) -> _Segment:
    """One segment with the live documents of ``segs`` (in order), ``g`` at ``avgdl``."""
    ts, ds, fs, dls, keys, gids, gbounds = [], [], [], [], [], [], []
    offset = 0
    for seg in segs:
        t, d, f = _segment_triples(seg)
        ts.append(t)
        ds.append(d + offset)
        fs.append(f)
        live = seg.live if seg.live is not None else np.ones(seg.n, dtype=bool)
        dls.append(seg.dl[live])
        keys.append(seg.keys[live])
        sizes = np.diff(seg.group_bounds)
        alive = _alive_groups(seg)
        gids.append(seg.group_ids[alive])
        gbounds.append(sizes[alive])
        offset += int(live.sum())
    t, d, f = _merge_runs(list(zip(ts, ds, fs, strict=True)))
    sizes = np.concatenate(gbounds)
    bounds = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=bounds[1:])
    return _build_segment(
        t,
        d,
        f,
        np.concatenate(dls),
        np.concatenate(keys),
        np.concatenate(gids),
        bounds,
        avgdl,
        params,
    )


# --------------------------------------------------------------------------------------------
# Snapshots and statistics
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Params:
    k1: float
    b: float
    epsilon: float


@dataclass(frozen=True, slots=True, eq=False)
class _Snapshot:
    """Everything a search needs, never mutated after publication."""

    segments: tuple[_Segment, ...]
    vocab_size: int
    df: np.ndarray  # int64 [vocab_size], live document frequency
    n_docs: int
    total_len: int
    avgdl: float
    eps: float  # idf given to terms whose idf is negative (epsilon * average idf)
    group_seg: dict[int, int]  # group id -> index in segments
    masks: dict = field(default_factory=dict)  # cached eligibility masks per groups filter

    def raw_idf(self, df: int) -> float:
        return math.log(self.n_docs - df + 0.5) - math.log(df + 0.5)

    def idf(self, tid: int) -> float:
        """BM25Okapi's idf (after the epsilon floor) of a term id; 0 when absent."""
        if tid < 0 or tid >= self.vocab_size or self.df[tid] == 0:
            return 0.0
        idf = self.raw_idf(int(self.df[tid]))
        return self.eps if idf < 0 else idf


def _make_snapshot(
    segments: Sequence[_Segment], vocab_size: int, df: np.ndarray, epsilon: float
) -> _Snapshot:
    n_docs = sum(s.n_live for s in segments)
    total = sum(s.live_len for s in segments)
    avgdl = total / n_docs if n_docs else 0.0
    present = df > 0
    eps = 0.0
    if n_docs and present.any():
        pdf = df[present].astype(np.float64)
        raw = np.log(n_docs - pdf + 0.5) - np.log(pdf + 0.5)
        eps = epsilon * (float(raw.sum()) / len(raw))
    group_seg = {}
    for i, seg in enumerate(segments):
        alive = _alive_groups(seg)
        group_seg.update(dict.fromkeys(seg.group_ids[alive].tolist(), i))
    return _Snapshot(tuple(segments), vocab_size, df, n_docs, total, avgdl, eps, group_seg)


def _alive_groups(seg: _Segment) -> np.ndarray:
    if seg.live is None or seg.n == 0:
        return np.ones(len(seg.group_ids), dtype=bool)
    starts = seg.group_bounds[:-1]
    empty = seg.group_bounds[1:] == starts
    return empty | seg.live[np.minimum(starts, seg.n - 1)]


# --------------------------------------------------------------------------------------------
# Search helpers
# --------------------------------------------------------------------------------------------


class _Scratch(threading.local):
    """Per-thread work arrays so a search allocates nothing big. ``acc`` and ``lk`` are kept
    all-zero between uses (they are written sparsely); ``dacc`` and ``tmp`` are overwritten."""

    def __init__(self) -> None:
        self.size = 0
        self.acc = np.zeros(0, np.float32)
        self.lk = np.zeros(0, np.float32)
        self.tmp = np.zeros(0, np.float32)
        self.dacc = np.zeros(0, np.float32)

    def ensure(self, n: int) -> _Scratch:
        if n > self.size:
            self.size = n
            self.acc = np.zeros(n, np.float32)
            self.lk = np.zeros(n, np.float32)
            self.tmp = np.zeros(n, np.float32)
            self.dacc = np.zeros(n, np.float32)
        return self


_SCRATCH = _Scratch()


@dataclass(slots=True)
class _Query:
    """A question resolved against one snapshot."""

    tids: np.ndarray  # int32, distinct known terms with non-zero weight
    weights: np.ndarray  # float64, idf * occurrences in the question
    token_tids: list[int]  # known query tokens in question order (duplicates kept)
    token_idf: list[float]  # their idf
    k: int
    theta: float = 0.0  # proven lower bound of the k-th best true score so far


@dataclass(frozen=True, slots=True)
class _Bounds:
    """True score of a document lies in [lo * approx, hi * approx] for one segment.

    ``approx`` sums stored ``g`` (computed at the segment's reference avgdl) times the weights,
    in float32. Changing avgdl scales each ``g`` by a factor between 1 and r = avgdl/ref (see
    module docstring); rounding adds a relative error of at most ``_ROUNDING`` per term.
    """

    lo: float
    hi: float

    @classmethod
    def of(cls, seg: _Segment, avgdl: float, n_terms: int) -> _Bounds:
        r = avgdl / seg.ref_avgdl if seg.ref_avgdl > 0 else 1.0
        slack = (n_terms + 8) * _ROUNDING
        return cls(min(1.0, r) * (1 - slack), max(1.0, r) * (1 + slack))


def _kth_largest(vals: np.ndarray, k: int) -> float:
    """The k-th largest value (0 when there are fewer than k), without sorting everything."""
    if len(vals) < k:
        return 0.0
    if len(vals) > 4096:
        top = float(vals.max())
        for frac in (0.8, 0.5):
            (sub,) = _select(vals >= top * frac, vals)
            if len(sub) >= k:
                return float(np.partition(sub, len(sub) - k)[len(sub) - k])
    return float(np.partition(vals, len(vals) - k)[len(vals) - k])


def _ragged_arange(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(lo[i], hi[i])`` for all i, vectorised."""
    lengths = hi - lo
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.repeat(lo - (ends - lengths), lengths) + np.arange(total)


@dataclass(slots=True)
class _Terms:
    """The query terms present in one segment, with their bounds in approx units."""

    slots: np.ndarray  # term-table indices
    weights: np.ndarray  # float64
    ub: np.ndarray  # float64, weight * max g (slightly inflated)
    df: np.ndarray  # int64
    dense: np.ndarray  # bool


def _segment_terms(seg: _Segment, query: _Query) -> _Terms:
    slots = seg.locate(query.tids)
    found = slots >= 0
    slots = slots[found]
    weights = query.weights[found]
    gmax = seg.term_gmax[slots].astype(np.float64) * (1 + 1e-6)
    return _Terms(slots, weights, weights * gmax, seg.term_df[slots], seg.term_dense[slots] >= 0)


def _segment_candidates(
    seg: _Segment, terms: _Terms, query: _Query, bounds: _Bounds, elig: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Documents of one segment that may reach the top k, with complete approx scores.

    Term-at-a-time MaxScore: while the unprocessed terms could together lift an untouched
    document over the threshold, accumulate the rarest *essential* term (``_Skipper``)
    and raise the threshold; then complete the touched documents by looking up the remaining
    terms. Documents left out provably score below ``query.theta``.
    """
    bufs = _SCRATCH.ensure(seg.n)
    if seg.n <= SMALL_SEGMENT and not terms.dense.any():
        return _all_candidates(seg, terms, query, bounds, elig, bufs)
    _seed_theta(seg, terms, query, bounds, elig)
    skipper = _Skipper(terms, bounds)
    done: list[int] = []
    try:
        while True:
            ess = skipper.essential(query.theta, done)
            if not ess:
                break
            if terms.dense[ess].any() or terms.df[ess].sum() > seg.n * FULL_PASS_FRACTION:
                return _dense_block(seg, terms, query, bounds, elig, ess, done, bufs)
            e = min(ess, key=lambda i: terms.df[i])
            docs, g = _plist(seg, terms, e)
            np.add.at(bufs.acc, docs, g * np.float32(terms.weights[e]))
            done.append(e)
            _raise_theta(query, bufs.acc[docs], bounds, elig, docs)
        cands, approx = _collect_touched(seg, terms, done, bufs)
    except BaseException:
        bufs.acc[: seg.n] = 0  # never leave a dirty accumulator behind
        raise
    if elig is not None:
        cands, approx = _select(elig[cands], cands, approx)
    rest = [i for i in range(len(terms.slots)) if i not in done]
    return _complete(seg, terms, query, bounds, cands, approx, rest, bufs)


def _all_candidates(
    seg: _Segment,
    terms: _Terms,
    query: _Query,
    bounds: _Bounds,
    elig: np.ndarray | None,
    bufs: _Scratch,
) -> tuple[np.ndarray, np.ndarray]:
    """Every document of a small segment that has a query term: cheaper than pruning."""
    done = list(range(len(terms.slots)))
    try:
        for i in done:
            docs, g = _plist(seg, terms, i)
            np.add.at(bufs.acc, docs, g * np.float32(terms.weights[i]))
        cands, approx = _collect_touched(seg, terms, done, bufs)
    except BaseException:
        bufs.acc[: seg.n] = 0
        raise
    if elig is not None:
        cands, approx = _select(elig[cands], cands, approx)
    query.theta = max(query.theta, _kth_largest(approx, query.k) * bounds.lo)
    return _select(approx >= query.theta / bounds.hi, cands, approx)


def _raise_theta(
    query: _Query, approx: np.ndarray, bounds: _Bounds, elig: np.ndarray | None, docs: np.ndarray
) -> None:
    """Raise the threshold with the k-th best lower bound among distinct documents."""
    if elig is not None:
        (approx,) = _select(elig[docs], approx)
    query.theta = max(query.theta, _kth_largest(approx, query.k) * bounds.lo)


def _select(mask: np.ndarray, *arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    """``a[mask]`` for each array; index arrays are much faster than boolean masks in numpy."""
    idx = np.flatnonzero(mask)
    return tuple(a[idx] for a in arrays)


def _collect_touched(
    seg: _Segment, terms: _Terms, done: list[int], bufs: _Scratch
) -> tuple[np.ndarray, np.ndarray]:
    """Each touched document once with its accumulated score, leaving the accumulator zero.

    Reading a list's scores and then zeroing them both resets the accumulator and makes a
    document seen again in a later list read as 0 (every accumulated score is > 0)."""
    cands, approx = [], []
    for n, i in enumerate(done):
        docs = _plist(seg, terms, i)[0]
        vals = bufs.acc[docs]
        bufs.acc[docs] = 0
        if n:
            docs, vals = _select(vals > 0, docs, vals)
        cands.append(docs)
        approx.append(vals)
    if not cands:
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    return np.concatenate(cands), np.concatenate(approx)


class _Skipper:
    """Chooses which unprocessed terms may be skipped (see ``essential``) for one segment.

    Subset sums are computed once per question; each call is then a few vector operations
    over the 2**m subsets (m = distinct terms, at most ``_EXACT_TERMS``; a greedy choice above).
    """

    def __init__(self, terms: _Terms, bounds: _Bounds) -> None:
        m = len(terms.slots)
        self.m = m
        self.ub = terms.ub * bounds.hi
        self.cost = np.where(terms.dense, float(1 << 40), terms.df.astype(np.float64))
        if m <= _EXACT_TERMS:
            masks = _subset_masks(m)
            self.ids = np.arange(1 << m)
            self.sum_ub = masks @ self.ub
            self.sum_cost = masks @ self.cost

    def essential(self, theta: float, processed: list[int]) -> list[int]:
        """Unprocessed terms of which a new candidate must contain one.

        A document whose query terms all lie in a set S with ``sum(ub[S]) * hi < theta``
        cannot qualify, so only documents containing a term outside S need enumerating.
        MaxScore takes S as the cheapest-bound prefix; choosing S to skip the most postings (a
        small knapsack) lets a rare pair of terms stand in for a head term.
        """
        rest = [i for i in range(self.m) if i not in processed]
        if not rest:
            return []
        if self.m <= _EXACT_TERMS:
            done = sum(1 << i for i in processed)
            ok = ((self.ids & done) == 0) & (self.sum_ub < theta)
            skip = int(np.argmax(np.where(ok, self.sum_cost, -1.0)))  # subset 0 is always ok
            return [i for i in rest if not (skip >> i) & 1]
        skipped, total = set(), 0.0
        for i in sorted(rest, key=lambda i: -self.cost[i] / max(self.ub[i], 1e-300)):
            if total + self.ub[i] < theta:
                skipped.add(i)
                total += self.ub[i]
        return [i for i in rest if i not in skipped]


_EXACT_TERMS = 10
_SUBSETS: dict[int, np.ndarray] = {}


def _subset_masks(m: int) -> np.ndarray:
    masks = _SUBSETS.get(m)
    if masks is None:
        bits = np.arange(1 << m)[:, None] >> np.arange(m)[None, :]
        masks = _SUBSETS.setdefault(m, (bits & 1).astype(np.float64))
    return masks


def _top_indices(vals: np.ndarray, m: int) -> np.ndarray:
    """Indices of roughly the m largest values (a sample quantile, then one pass)."""
    step = max(1, len(vals) // 2048)
    sample = vals[::step]
    r = max(1, min(len(sample), m // step))
    cut = np.partition(sample, len(sample) - r)[len(sample) - r]
    return np.flatnonzero(vals >= cut)


def _plist(seg: _Segment, terms: _Terms, i: int) -> tuple[np.ndarray, np.ndarray]:
    slot = int(terms.slots[i])
    lo, hi = int(seg.indptr[slot]), int(seg.indptr[slot + 1])
    return seg.docs[lo:hi], seg.g[lo:hi]


def _seed_theta(
    seg: _Segment, terms: _Terms, query: _Query, bounds: _Bounds, elig: np.ndarray | None
) -> None:
    """A first threshold from each term's champions (its best-weighted documents) and the
    rarest term's documents, scored in full: top documents usually weigh heavily on some query
    term, so this lands close to the final k-th score and lets MaxScore skip the common terms
    from the start."""
    parts = []
    rarest = int(np.argmin(np.where(terms.dense, np.iinfo(np.int64).max, terms.df)))
    for i, slot in enumerate(terms.slots.tolist()):
        lo, hi = int(seg.champ_ptr[slot]), int(seg.champ_ptr[slot + 1])
        size = int(seg.indptr[slot + 1] - seg.indptr[slot])
        if terms.dense[i] or (size > SEED_CHAMPIONS and (i != rarest or size > SEED_RARE_LIST)):
            parts.append(seg.champ_docs[lo : min(hi, lo + SEED_CHAMPIONS)])
        else:
            parts.append(seg.docs[seg.indptr[slot] : seg.indptr[slot + 1]])
    if not parts:
        return
    docs = np.sort(np.concatenate(parts))
    if len(docs) > 1:
        docs = docs[np.r_[True, docs[1:] != docs[:-1]]]
    if elig is not None:
        docs = docs[elig[docs]]
    if len(docs) < query.k:
        return
    approx = np.zeros(len(docs))
    for i, slot in enumerate(terms.slots.tolist()):
        approx += terms.weights[i] * seg.term_g(slot, docs, _SCRATCH)
    query.theta = max(query.theta, _kth_largest(approx, query.k) * bounds.lo)


def _dense_block(
    seg: _Segment,
    terms: _Terms,
    query: _Query,
    bounds: _Bounds,
    elig: np.ndarray | None,
    ess: list[int],
    processed: list[int],
    bufs: _Scratch,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidates when an essential term is a head term or the essential postings are long:
    scoring the whole segment with vectorised passes is then cheaper than enumerating
    documents. ``acc`` already holds the partial scores of the ``processed`` terms.

    Every remaining postings term is accumulated too (each is shorter than one dense pass);
    skippable head terms are added only while a sample says too many documents would remain.
    """
    n = seg.n
    acc, tmp = bufs.dacc[:n], bufs.tmp[:n]
    dense = sorted((i for i in ess if terms.dense[i]), key=lambda i: -terms.ub[i])
    for j, i in enumerate(dense):
        _dense_fma(seg, terms, i, acc, tmp, first=j == 0)
    if not dense:
        acc[:] = 0
    if processed:
        np.add(acc, bufs.acc[:n], out=acc)
        for i in processed:
            bufs.acc[_plist(seg, terms, i)[0]] = 0
    for i in range(len(terms.slots)):
        if not terms.dense[i] and i not in processed:
            docs, g = _plist(seg, terms, i)
            np.add.at(acc, docs, g * np.float32(terms.weights[i]))
    step = max(1, n // 4096)
    sample = np.arange(0, n, step)
    if elig is not None:
        sample = sample[elig[sample]]
    query.theta = max(query.theta, _kth_largest(acc[sample], query.k) * bounds.lo)
    rest = [i for i in range(len(terms.slots)) if terms.dense[i] and i not in ess]
    optional = sorted(rest, key=lambda i: -terms.ub[i])
    while True:
        floor = query.theta / bounds.hi - float(terms.ub[rest].sum())
        estimate = int(np.count_nonzero(acc[sample] >= floor)) * step
        if estimate <= DENSE_MAX_CANDIDATES or not optional:
            break
        i = optional.pop(0)
        _dense_fma(seg, terms, i, acc, tmp, first=False)
        rest.remove(i)
    cands = np.flatnonzero(acc >= max(floor, np.finfo(np.float32).tiny))
    approx = acc[cands]
    if elig is not None:
        cands, approx = _select(elig[cands], cands, approx)
    return _complete(seg, terms, query, bounds, cands, approx, rest, bufs)


def _dense_fma(
    seg: _Segment, terms: _Terms, i: int, acc: np.ndarray, tmp: np.ndarray, first: bool
) -> None:
    row = seg.g_dense[int(seg.term_dense[terms.slots[i]])]
    if first:
        np.multiply(row, np.float32(terms.weights[i]), out=acc)
    else:
        np.multiply(row, np.float32(terms.weights[i]), out=tmp)
        np.add(acc, tmp, out=acc)


def _complete(
    seg: _Segment,
    terms: _Terms,
    query: _Query,
    bounds: _Bounds,
    cands: np.ndarray,
    approx: np.ndarray,
    add: list[int],
    bufs: _Scratch,
) -> tuple[np.ndarray, np.ndarray]:
    """Add the ``add`` terms by lookup, pruning with the bound before each one."""
    add = sorted(add, key=lambda i: (not terms.dense[i], -terms.ub[i]))  # cheap lookups first
    if len(cands) > PRECOMPLETE_MIN and add:
        # Complete the most promising few first: a better threshold prunes the rest sooner.
        top = _top_indices(approx, PRECOMPLETE_TOP)
        _complete(seg, terms, query, bounds, cands[top], approx[top], add, bufs)
    for j, i in enumerate(add):
        floor = query.theta / bounds.hi - float(terms.ub[add[j:]].sum())
        if floor > 0:
            cands, approx = _select(approx >= floor, cands, approx)
        if len(cands) == 0:
            return cands, approx
        g = seg.term_g(int(terms.slots[i]), cands, bufs)
        approx = approx + np.float32(terms.weights[i]) * g
    query.theta = max(query.theta, _kth_largest(approx, query.k) * bounds.lo)
    floor = max(query.theta / bounds.hi, np.finfo(np.float32).tiny)
    return _select(approx >= floor, cands, approx)


# --------------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------------


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
            groups = frozenset(groups)  # also makes a one-shot iterable safe to reuse
            ranges = self._ranges(snap, groups)
            if not ranges:
                return []
            if sum(int((e - s).sum()) for s, e in ranges.values()) <= EXHAUSTIVE_MAX_DOCS:
                return self._search_ranges(snap, q, ranges)
            elig = self._masks(snap, groups, ranges)
        else:
            elig = {i: seg.live for i, seg in enumerate(snap.segments)}
        if (q.weights < 1e-30).any():
            # Negative weights (a degenerate corpus) break the pruning bounds, and float32
            # would flush absurdly small ones to zero: score everything instead.
            return self._search_exhaustive(snap, q, elig)
        return self._search_pruned(snap, q, elig)

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25Okapi scores of every live document, in insertion order (exhaustive, slow)."""
        snap = self._snap
        q = self._resolve(snap, query, 1)
        parts = []
        for seg in snap.segments:
            docs = np.arange(seg.n) if seg.live is None else np.flatnonzero(seg.live)
            parts.append(self._exact(snap, seg, q, docs))
        return np.concatenate(parts) if parts else np.zeros(0)

    # ---- persistence ----------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write the current snapshot under ``directory`` atomically.

        Arrays go to a fresh sub-directory; a small ``CURRENT`` file naming it is then replaced
        in one ``os.replace``, so a reader (or a crash) sees either the old or the new index.
        """
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        snap = self._snap
        name = f"snap-{uuid.uuid4().hex}"
        tmp = directory / f".tmp-{name}"
        tmp.mkdir()
        try:
            header = self._write_arrays(snap, tmp)
            (tmp / "header.json").write_text(json.dumps(header))
            _fsync_dir(tmp)
            os.replace(tmp, directory / name)
            pointer = directory / f".CURRENT-{name}"
            pointer.write_text(
                json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION, "snapshot": name})
            )
            with open(pointer, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(pointer, directory / "CURRENT")
            _fsync_dir(directory)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        for old in directory.glob("snap-*"):
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path, mmap: bool = False) -> BM25Index:
        """Load a saved index. ``mmap=True`` maps the arrays instead of reading them (faster
        start, pages read on first use) and skips the checksums."""
        try:
            return cls._load(Path(directory), mmap)
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

    def _exact(self, snap: _Snapshot, seg: _Segment, q: _Query, docs: np.ndarray) -> np.ndarray:
        """BM25Okapi's float64 arithmetic, in its order, for some documents of a segment."""
        p = self._params
        docs = np.asarray(docs, dtype=np.int64)
        score = np.zeros(len(docs))
        if len(docs) == 0 or not q.token_tids:
            return score
        doc_len = seg.dl[docs].astype(np.int64)
        norm = p.k1 * (1 - p.b + p.b * doc_len / snap.avgdl)
        tids = np.asarray(q.token_tids, dtype=np.int32)
        slots = seg.locate(tids)
        ref_norm = None if seg.tf_stored else seg.norm(docs)
        tf_cache: dict[int, np.ndarray] = {}
        with np.errstate(invalid="ignore", divide="ignore"):  # b = 1: empty docs give 0/0
            for tid, slot, idf in zip(q.token_tids, slots.tolist(), q.token_idf, strict=True):
                if slot < 0:
                    continue
                if tid not in tf_cache:
                    tf_cache[tid] = seg.term_tf(slot, docs, ref_norm)
                q_freq = tf_cache[tid]
                score += idf * (q_freq * (p.k1 + 1) / (q_freq + norm))
        return score

    def _search_pruned(
        self, snap: _Snapshot, q: _Query, elig: dict[int, np.ndarray | None]
    ) -> list[Hit]:
        found: list[tuple[int, np.ndarray, np.ndarray, _Bounds]] = []
        order = sorted(elig, key=lambda i: snap.segments[i].n)  # small segments seed theta
        for i in order:
            seg = snap.segments[i]
            terms = _segment_terms(seg, q)
            if len(terms.slots) == 0:
                continue
            bounds = _Bounds.of(seg, snap.avgdl, len(q.tids))
            try:
                cands, approx = _segment_candidates(seg, terms, q, bounds, elig[i])
            except BaseException:
                _SCRATCH.acc[:] = 0  # never leave a dirty accumulator behind
                _SCRATCH.lk[:] = 0
                raise
            if len(cands):
                found.append((i, cands, approx, bounds))
        return self._finish(snap, q, found)

    def _finish(
        self,
        snap: _Snapshot,
        q: _Query,
        found: list[tuple[int, np.ndarray, np.ndarray, _Bounds]],
    ) -> list[Hit]:
        """Exact scores for every candidate whose upper bound reaches the k-th lower bound."""
        if not found:
            return []
        lows = np.concatenate([a * b.lo for _, _, a, b in found])
        floor = max(_kth_largest(lows, q.k), q.theta)
        rows = []
        for i, cands, approx, bounds in found:
            (docs,) = _select(approx * bounds.hi >= floor, cands)
            if len(docs):
                seg = snap.segments[i]
                docs = np.sort(docs)
                rows.append((i, docs, self._exact(snap, seg, q, docs)))
        return self._top_hits(snap, q.k, rows)

    def _top_hits(
        self, snap: _Snapshot, k: int, rows: list[tuple[int, np.ndarray, np.ndarray]]
    ) -> list[Hit]:
        best: list[tuple[float, int, int, int]] = []
        for i, docs, score in rows:
            pos = np.flatnonzero(score > 0)
            if len(pos) > k:
                pos = pos[np.argsort(-score[pos], kind="stable")[:k]]
            best.extend((-float(score[p]), i, int(docs[p]), 0) for p in pos.tolist())
        best.sort()
        hits = []
        for neg, i, doc, _ in best[:k]:
            seg = snap.segments[i]
            group = int(seg.doc_groups(np.asarray([doc]))[0])
            hits.append(Hit(int(seg.keys[doc]), group, -neg))
        return hits

    def _search_exhaustive(
        self, snap: _Snapshot, q: _Query, elig: dict[int, np.ndarray | None]
    ) -> list[Hit]:
        """Score every eligible document (only used when some weight is negative, which needs
        a corpus where most terms are in more than half of the documents)."""
        rows = []
        for i, mask in elig.items():
            seg = snap.segments[i]
            docs = np.arange(seg.n) if mask is None else np.flatnonzero(mask)
            rows.append((i, docs, self._exact(snap, seg, q, docs)))
        return self._top_hits(snap, q.k, rows)

    def _ranges(
        self, snap: _Snapshot, groups: Collection[int]
    ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Per segment, the sorted [start, end) document ranges of the requested groups."""
        per_seg: dict[int, list[int]] = {}
        for group in groups:
            i = snap.group_seg.get(group)
            if i is not None:
                per_seg.setdefault(i, []).append(group)
        out = {}
        for i, gs in per_seg.items():
            seg = snap.segments[i]
            idx = np.flatnonzero(np.isin(seg.group_ids, np.asarray(gs, dtype=np.int64)))
            out[i] = (seg.group_bounds[idx], seg.group_bounds[idx + 1])
        return out

    def _masks(
        self,
        snap: _Snapshot,
        groups: Collection[int],
        ranges: dict[int, tuple[np.ndarray, np.ndarray]],
    ) -> dict[int, np.ndarray | None]:
        key = groups if isinstance(groups, frozenset) else frozenset(groups)
        cached = snap.masks.get(key)
        if cached is not None:
            return cached
        out = {}
        for i, (starts, ends) in ranges.items():
            seg = snap.segments[i]
            delta = np.zeros(seg.n + 1, np.int32)
            np.add.at(delta, starts, 1)
            np.add.at(delta, ends, -1)
            out[i] = np.cumsum(delta[:-1]) > 0
        if len(snap.masks) >= 16:
            snap.masks.clear()
        snap.masks[key] = out
        return out

    def _search_ranges(
        self, snap: _Snapshot, q: _Query, ranges: dict[int, tuple[np.ndarray, np.ndarray]]
    ) -> list[Hit]:
        """Exact scores for the documents of a few groups, found through postings ranges."""
        rows = []
        for i, (starts, ends) in ranges.items():
            seg = snap.segments[i]
            docs = _docs_with_terms(seg, q, starts, ends)
            if len(docs):
                rows.append((i, docs, self._exact(snap, seg, q, docs)))
        return self._top_hits(snap, q.k, rows)

    # ---- internals: persistence -----------------------------------------------------------

    def _write_arrays(self, snap: _Snapshot, tmp: Path) -> dict:
        files = {}

        def put(name: str, arr: np.ndarray) -> None:
            path = tmp / f"{name}.npy"
            with open(path, "wb") as fh:
                np.save(fh, np.ascontiguousarray(arr), allow_pickle=False)
                fh.flush()
                os.fsync(fh.fileno())
            files[name] = {"crc32": _crc32(path), "bytes": path.stat().st_size}

        put("df", snap.df)
        terms = self._terms[: snap.vocab_size]
        encoded = [t.encode("utf-8") for t in terms]
        put("vocab_bytes", np.frombuffer(b"".join(encoded), dtype=np.uint8))
        put("vocab_offsets", np.cumsum([0, *map(len, encoded)], dtype=np.int64))
        segs = []
        for j, seg in enumerate(snap.segments):
            for name, arr in seg.arrays().items():
                put(f"s{j}_{name}", arr)
            segs.append(
                {
                    "tf_stored": seg.tf_stored,
                    "ref_avgdl": seg.ref_avgdl,
                    "n_live": seg.n_live,
                    "live_len": seg.live_len,
                    "has_live": seg.live is not None,
                }
            )
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "params": {"k1": self._params.k1, "b": self._params.b, "epsilon": self._params.epsilon},
            "vocab_size": snap.vocab_size,
            "segments": segs,
            "files": files,
        }

    @classmethod
    def _load(cls, directory: Path, mmap: bool) -> BM25Index:
        pointer = json.loads((directory / "CURRENT").read_text())
        _check_format(pointer)
        root = directory / str(pointer["snapshot"])
        header = json.loads((root / "header.json").read_text())
        _check_format(header)
        files = header["files"]

        def get(name: str) -> np.ndarray:
            path = root / f"{name}.npy"
            info = files[name]
            if path.stat().st_size != info["bytes"]:
                raise IndexFormatError(f"{path.name} has the wrong size")
            if not mmap and _crc32(path) != info["crc32"]:
                raise IndexFormatError(f"{path.name} is corrupt (checksum mismatch)")
            return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)

        params = header["params"]
        index = cls(params["k1"], params["b"], params["epsilon"])
        blob = get("vocab_bytes").tobytes()
        offsets = get("vocab_offsets").tolist()
        terms = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(len(offsets) - 1)]
        if len(terms) != header["vocab_size"]:
            raise IndexFormatError("vocabulary size mismatch")
        index._terms = terms
        index._vocab = {t: i for i, t in enumerate(terms)}
        segments = []
        for j, meta in enumerate(header["segments"]):
            arrays = {name: get(f"s{j}_{name}") for name in _SEGMENT_ARRAYS}
            live = get(f"s{j}_live") if meta["has_live"] else None
            seg = _Segment(
                live=live,
                n_live=int(meta["n_live"]),
                live_len=int(meta["live_len"]),
                ref_avgdl=float(meta["ref_avgdl"]),
                params=index._params,
                tf_stored=bool(meta["tf_stored"]),
                **arrays,
            )
            _validate_segment(seg, len(terms))
            segments.append(seg)
        df = np.array(get("df"), dtype=np.int64)
        if len(df) != len(terms):
            raise IndexFormatError("document frequency table size mismatch")
        index._snap = _make_snapshot(segments, len(terms), df, index._params.epsilon)
        return index


def _docs_with_terms(seg: _Segment, q: _Query, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sorted documents inside the ranges that contain at least one query term."""
    parts = []
    for slot in seg.locate(q.tids).tolist():
        if slot < 0:
            continue
        row = int(seg.term_dense[slot])
        if row >= 0:
            idx = _ragged_arange(starts, ends)
            parts.append(idx[seg.g_dense[row][idx] > 0])
            continue
        lo, hi = int(seg.indptr[slot]), int(seg.indptr[slot + 1])
        plist = seg.docs[lo:hi]
        a = np.searchsorted(plist, starts)
        b = np.searchsorted(plist, ends)
        parts.append(plist[_ragged_arange(a, b)])
    if not parts:
        return np.zeros(0, np.int64)
    return np.unique(np.concatenate(parts).astype(np.int64))


def _doc_range_df(seg: _Segment, start: int, end: int) -> np.ndarray:
    """Per term-table entry, how many documents of [start, end) contain the term."""
    counts = np.zeros(len(seg.term_ids), np.int64)
    if end <= start:
        return counts
    inside = np.flatnonzero((seg.docs >= start) & (seg.docs < end))
    slots = np.searchsorted(seg.indptr, inside, side="right") - 1
    np.add.at(counts, slots, 1)
    dense_slots = np.flatnonzero(seg.term_dense >= 0)
    if len(dense_slots):
        rows = seg.term_dense[dense_slots]
        counts[dense_slots] = (seg.g_dense[rows, start:end] > 0).sum(axis=1)
    return counts


def _check_format(meta: dict) -> None:
    if meta.get("format") != FORMAT_NAME:
        raise IndexFormatError(f"not a BM25 index (format {meta.get('format')!r})")
    if meta.get("version") != FORMAT_VERSION:
        raise IndexFormatError(
            f"BM25 index format version {meta.get('version')!r}, expected {FORMAT_VERSION}"
        )


def _validate_segment(seg: _Segment, vocab_size: int) -> None:
    """Cheap structural checks, so a damaged index fails at load and not inside a search."""
    n, u = seg.n, len(seg.term_ids)
    ok = (
        len(seg.keys) == n
        and len(seg.term_df) == u
        and len(seg.term_gmax) == u
        and len(seg.term_dense) == u
        and len(seg.indptr) == u + 1
        and (u == 0 or (int(seg.term_ids[-1]) < vocab_size and int(seg.term_ids[0]) >= 0))
        and int(seg.indptr[-1]) == len(seg.docs) == len(seg.g)
        and len(seg.tf) == (len(seg.docs) if seg.tf_stored else 0)
        and seg.g_dense.shape[1:] == (n,)
        and seg.tf_dense.shape == (seg.g_dense.shape if seg.tf_stored else (0, n))
        and len(seg.group_bounds) == len(seg.group_ids) + 1
        and (len(seg.group_bounds) == 0 or int(seg.group_bounds[-1]) == n)
        and (seg.live is None or len(seg.live) == n)
        and len(seg.champ_ptr) == u + 1
        and int(seg.champ_ptr[-1]) == len(seg.champ_docs)
        and (len(seg.docs) == 0 or (int(seg.docs.min()) >= 0 and int(seg.docs.max()) < n))
    )
    if not ok:
        raise IndexFormatError("inconsistent segment arrays")


def _crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            crc = zlib.crc32(chunk, crc)
    return crc


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
