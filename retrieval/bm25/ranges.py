"""In how many documents of a run of one group's documents each of a few terms occurs.

Why: the reranker counts a question word found in another sentence of a candidate's
paragraph. Counting it from the stored sentences meant reading and splitting every sentence
of every candidate article (the largest part of an answer at 1M sentences); the postings
already hold the answer, and one binary search per term and segment answers it for all the
candidates' paragraphs at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from retrieval.bm25.search import _ragged_arange
from retrieval.bm25.snapshot import _Snapshot


class KeyRun(NamedTuple):
    """Documents ``start..stop-1`` (by position in their group) of ``group``, which must hold
    ``size`` documents and whose first and last have keys ``first_key`` and ``last_key``:
    a run that does not match the index exactly is not counted (None), never miscounted."""

    group: int
    start: int
    stop: int
    first_key: int
    last_key: int
    size: int


def _group_rows(snap: _Snapshot, segment: int) -> dict[int, int]:
    """Group id → its row in the segment's group table, made once per snapshot and segment."""
    rows = snap.group_rows.get(segment)
    if rows is None:
        ids = snap.segments[segment].group_ids.tolist()
        rows = snap.group_rows[segment] = dict(zip(ids, range(len(ids)), strict=True))
    return rows


def run_term_counts(snap: _Snapshot, tids: Sequence[int], runs: Sequence[KeyRun]
                    ) -> list[list[int] | None]:
    """Per run, per term id (-1: unknown term, counted 0), how many of the run's documents
    contain the term; None for a run whose group is not in the index or does not match it."""
    out: list[list[int] | None] = [None] * len(runs)
    by_segment: dict[int, list[tuple[int, int, int]]] = {}
    for number, run in enumerate(runs):
        segment = snap.group_seg.get(run.group)
        if segment is None or not 0 <= run.start < run.stop <= run.size:
            continue
        seg = snap.segments[segment]
        row = _group_rows(snap, segment).get(run.group)
        if row is None:
            continue
        first, end = int(seg.group_bounds[row]), int(seg.group_bounds[row + 1])
        a, b = first + run.start, first + run.stop
        if (end - first != run.size or int(seg.keys[a]) != run.first_key
                or int(seg.keys[b - 1]) != run.last_key):
            continue
        by_segment.setdefault(segment, []).append((number, a, b))
    query = np.asarray(tids, dtype=np.int64)
    for segment, items in by_segment.items():
        seg = snap.segments[segment]
        starts = np.fromiter((a for _, a, _ in items), np.int64, len(items))
        stops = np.fromiter((b for _, _, b in items), np.int64, len(items))
        counts = np.zeros((len(items), len(query)), dtype=np.int64)
        known = query >= 0
        slots = np.full(len(query), -1, dtype=np.int64)
        if known.any():
            slots[known] = seg.locate(query[known].astype(np.int32))
        for column, slot in enumerate(slots.tolist()):
            if slot < 0:
                continue
            dense = int(seg.term_dense[slot])
            if dense >= 0:
                present = (seg.g_dense[dense][_ragged_arange(starts, stops)] > 0).astype(np.int64)
                offsets = np.concatenate(([0], np.cumsum(stops - starts)[:-1]))
                counts[:, column] = np.add.reduceat(present, offsets)
            else:
                postings = seg.docs[int(seg.indptr[slot]):int(seg.indptr[slot + 1])]
                counts[:, column] = (np.searchsorted(postings, stops)
                                     - np.searchsorted(postings, starts))
        for (number, _, _), values in zip(items, counts.tolist(), strict=True):
            out[number] = values
    return out
