"""Candidate selection for one segment with proven bounds: threshold seeding, MaxScore-style
term skipping, dense full passes and completion by lookup."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.bm25.scratch import _SCRATCH, _Scratch
from retrieval.bm25.segment import _Segment

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
#: Segments with at most this many documents are scored without pruning.
SMALL_SEGMENT = 2048
#: How many of a term's champions (``segment.CHAMPIONS``) a search uses to seed its threshold.
SEED_CHAMPIONS = 64
#: The rarest query term's whole list joins the seed when it is at most this long: the best
#: documents nearly always contain the rarest term, so this threshold is close to final.
SEED_RARE_LIST = 1024
#: Float32 rounding per operation, with a safety factor (see ``_Bounds``).
_ROUNDING = 2.5e-7


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
    package docstring); rounding adds a relative error of at most ``_ROUNDING`` per term.
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
