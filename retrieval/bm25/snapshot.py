"""Published snapshots: segments plus the global statistics (N, df, avgdl, idf floor)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from retrieval.bm25.segment import _alive_groups, _Segment


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
    masks: dict = field(default_factory=dict)  # groups filter -> its ranges and masks (search)
    group_rows: dict = field(default_factory=dict)  # segment -> {group id: row} (ranges)

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
