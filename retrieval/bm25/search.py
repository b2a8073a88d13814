"""Search paths over a snapshot: pruned, exhaustive and group ranges, each ending in exact
float64 rescoring of the candidates and the top-k hits."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from retrieval.bm25.params import _Params
from retrieval.bm25.prune import (
    _SCRATCH,
    _Bounds,
    _kth_largest,
    _Query,
    _segment_candidates,
    _segment_terms,
    _select,
)
from retrieval.bm25.segment import _Segment
from retrieval.bm25.snapshot import _Snapshot


@dataclass(frozen=True, slots=True)
class Hit:
    key: int  # caller's document key (e.g. sentence id)
    group: int  # caller's group id (e.g. article id)
    score: float  # exact BM25Okapi score (float64)


def _exact(
    params: _Params, snap: _Snapshot, seg: _Segment, q: _Query, docs: np.ndarray
) -> np.ndarray:
    """BM25Okapi's float64 arithmetic, in its order, for some documents of a segment."""
    p = params
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
    params: _Params, snap: _Snapshot, q: _Query, elig: dict[int, np.ndarray | None]
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
    return _finish(params, snap, q, found)


def _finish(
    params: _Params,
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
            rows.append((i, docs, _exact(params, snap, seg, q, docs)))
    return _top_hits(snap, q.k, rows)


def _top_hits(snap: _Snapshot, k: int, rows: list[tuple[int, np.ndarray, np.ndarray]]) -> list[Hit]:
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
    params: _Params, snap: _Snapshot, q: _Query, elig: dict[int, np.ndarray | None]
) -> list[Hit]:
    """Score every eligible document (only used when some weight is negative, which needs
    a corpus where most terms are in more than half of the documents)."""
    rows = []
    for i, mask in elig.items():
        seg = snap.segments[i]
        docs = np.arange(seg.n) if mask is None else np.flatnonzero(mask)
        rows.append((i, docs, _exact(params, snap, seg, q, docs)))
    return _top_hits(snap, q.k, rows)


def _ranges(snap: _Snapshot, groups: Collection[int]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
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


@dataclass(slots=True, eq=False)
class _GroupFilter:
    """What a groups filter resolves to in one snapshot: its document ranges per segment,
    how many documents they hold, and (made on first use) the eligibility masks."""

    ranges: dict[int, tuple[np.ndarray, np.ndarray]]
    n_docs: int
    masks: dict[int, np.ndarray | None] | None = None


#: Filters kept per snapshot (a server's view is one filter; they go with the snapshot).
MAX_CACHED_FILTERS = 16


def _group_filter(snap: _Snapshot, groups: frozenset[int]) -> _GroupFilter:
    """The filter for ``groups``, cached on the snapshot: resolving a server's view (every
    global article: tens of thousands of groups) took ~10 ms a question at 1M sentences, and
    the same view is asked again and again. Callers that pass the same frozenset object each
    time also skip hashing it (a frozenset keeps its hash)."""
    cached = snap.masks.get(groups)
    if cached is None:
        ranges = _ranges(snap, groups)
        total = sum(int((e - s).sum()) for s, e in ranges.values())
        cached = _GroupFilter(ranges, total)
        if len(snap.masks) >= MAX_CACHED_FILTERS:
            snap.masks.clear()
        snap.masks[groups] = cached
    return cached


def _masks(snap: _Snapshot, found: _GroupFilter) -> dict[int, np.ndarray | None]:
    """Per segment, which documents belong to the filter's groups (made once per filter).

    A filter that holds every live document of a segment (a server that sees every article
    there: the usual case) gets the segment's own live mask, as an unfiltered search does, so
    it costs no mask to build and no mask lookups while searching.
    """
    if found.masks is not None:
        return found.masks
    out: dict[int, np.ndarray | None] = {}
    for i, (starts, ends) in found.ranges.items():
        seg = snap.segments[i]
        sizes = ends - starts
        if int(sizes.sum()) == seg.n_live:  # ranges hold live documents only
            out[i] = seg.live
            continue
        # Ranges are sorted and disjoint: the mask is runs of False (gaps) and True (ranges).
        gaps = starts - np.r_[0, ends[:-1]]
        runs = np.column_stack((gaps, sizes)).ravel()
        values = np.tile(np.array([False, True]), len(starts))
        mask = np.zeros(seg.n, bool)
        mask[: int(ends[-1])] = np.repeat(values, runs)
        out[i] = mask
    found.masks = out
    return out


def _search_ranges(
    params: _Params, snap: _Snapshot, q: _Query, ranges: dict[int, tuple[np.ndarray, np.ndarray]]
) -> list[Hit]:
    """Exact scores for the documents of a few groups, found through postings ranges."""
    rows = []
    for i, (starts, ends) in ranges.items():
        seg = snap.segments[i]
        docs = _docs_with_terms(seg, q, starts, ends)
        if len(docs):
            rows.append((i, docs, _exact(params, snap, seg, q, docs)))
    return _top_hits(snap, q.k, rows)


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
    if not parts or len(starts) == 0:
        return np.zeros(0, np.int64)
    # marking a mask over the ranges' span beats ``np.unique`` of the concatenation (a sort
    # or hash of every posting: ~3 ms for a server's 15k sentences, ~0.15 ms this way)
    lo, hi = int(starts[0]), int(ends[-1])
    mask = np.zeros(hi - lo, bool)
    for part in parts:
        mask[part - lo] = True
    return np.flatnonzero(mask) + lo


def _ragged_arange(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(lo[i], hi[i])`` for all i, vectorised."""
    lengths = hi - lo
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.repeat(lo - (ends - lengths), lengths) + np.arange(total)
