"""Immutable segments: their arrays, building from postings, merging, liveness."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from retrieval.bm25.params import _norm, _Params, _tf_of

if TYPE_CHECKING:
    from retrieval.bm25.scratch import _Scratch

#: A term is stored densely in a segment when it occurs in at least this share of its documents.
DENSE_FRACTION = 1 / 16
#: Look documents up in a postings list by binary search when the list is this many times
#: longer than the lookup; otherwise scatter the list into a dense scratch row and gather.
LOOKUP_SEARCH_RATIO = 6
#: Segments smaller than this keep every term as postings (dense arrays would not pay off).
DENSE_MIN_DOCS = 4096
#: Each term with more documents keeps its this-many best-weighted ones for a first threshold.
CHAMPIONS = 128
#: Recover term frequencies from the stored g instead of storing them (checked per segment).
RECOVER_TF = True


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


def _alive_groups(seg: _Segment) -> np.ndarray:
    if seg.live is None or seg.n == 0:
        return np.ones(len(seg.group_ids), dtype=bool)
    starts = seg.group_bounds[:-1]
    empty = seg.group_bounds[1:] == starts
    return empty | seg.live[np.minimum(starts, seg.n - 1)]


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
