"""The groups filter cached on a snapshot (``bm25.search._group_filter``): a cached filter must
find exactly what a freshly resolved one finds, must not outlive the snapshot it was resolved
in (an addition, a removal or a merge publishes a new one), and must stay bounded."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from retrieval.bm25 import search as search_module
from retrieval.bm25_index import BM25Index, Hit
from tests.retrieval.test_bm25_index import (
    build,
    check_search,
    small_thresholds,
    zipf_groups,
    zipf_queries,
)


def _uncached(index: BM25Index, query: list[str], k: int, groups: frozenset[int]) -> list[Hit]:
    """The same search on a copy of the snapshot whose filter cache is empty."""
    live = index._snap
    index._snap = replace(live, masks={})
    try:
        return index.search(query, k, groups)
    finally:
        index._snap = live


def test_cached_filter_finds_what_a_fresh_one_finds() -> None:
    groups = zipf_groups(60, seed=5, size=12)
    probes = zipf_queries(25, seed=6)
    with small_thresholds(exhaustive=0):  # every filtered search takes the masks path
        index = build(groups, bulk=True)
        for chosen in (frozenset(range(0, 60, 3)), frozenset(g for g, _, _ in groups)):
            for query in probes:
                first = index.search(query, 5, chosen)
                assert chosen in index._snap.masks
                assert index.search(query, 5, chosen) == first  # from the cache
                assert _uncached(index, query, 5, chosen) == first
                check_search(index, groups, query, 5, set(chosen))


def test_any_change_publishes_a_snapshot_without_the_old_filters() -> None:
    groups = zipf_groups(40, seed=7, size=12)
    extra = zipf_groups(45, seed=8, size=12)[40:]
    probe = ["w0", "w3", "w17"]
    with small_thresholds(exhaustive=0):
        index = build(groups, bulk=True)
        scope = frozenset(range(50))  # includes ids not added yet
        live = list(groups)
        index.search(probe, 5, scope)
        for group in extra:  # additions, then merges as small segments pile up
            before = index._snap
            index.add_group(*group)
            live.append(group)
            assert index._snap is not before and scope not in index._snap.masks
            check_search(index, live, probe, 5, set(scope))
        merged_before = index.n_segments
        bulk = zipf_groups(90, seed=9, size=12)[45:90]
        index.add_groups(bulk)
        live.extend(bulk)
        assert index.n_segments <= merged_before + 1
        assert scope not in index._snap.masks
        check_search(index, live, probe, 5, set(scope))
        for victim in (3, 41, 0):  # removals: each publishes a new snapshot too
            index.search(probe, 5, scope)
            index.remove_group(victim)
            live = [g for g in live if g[0] != victim]
            assert scope not in index._snap.masks
            check_search(index, live, probe, 5, set(scope))
            assert all(hit.group != victim for hit in index.search(probe, 40, scope))


def test_filter_cache_stays_bounded() -> None:
    groups = zipf_groups(30, seed=10, size=10)
    with small_thresholds(exhaustive=0):
        index = build(groups, bulk=True)
        for start in range(3 * search_module.MAX_CACHED_FILTERS):
            index.search(["w1", "w4"], 3, frozenset(range(start % 30, 30)) | {1000 + start})
            assert len(index._snap.masks) <= search_module.MAX_CACHED_FILTERS


def test_masks_mark_exactly_the_filter_documents() -> None:
    """Partial filters get a mask of their groups' documents; a filter holding every live
    document of a segment gets the segment's live mask (None when nothing was removed)."""
    groups = zipf_groups(30, seed=11, size=9)
    groups[4] = (4, [], [])  # an empty group: a zero-length range
    index = build(groups, bulk=True)
    index.remove_group(7)
    snap = index._snap
    everything = frozenset(g for g, _, _ in groups)
    for chosen in (frozenset({0, 4, 5, 6, 29}), frozenset(range(1, 30, 2)), everything):
        found = search_module._group_filter(snap, chosen)
        masks = search_module._masks(snap, found)
        for i, mask in masks.items():
            seg = snap.segments[i]
            owners = seg.doc_groups(np.arange(seg.n))
            want = np.isin(owners, list(chosen - {7}))
            got = np.ones(seg.n, bool) if mask is None else mask
            assert np.array_equal(got, want)
            if chosen == everything:
                assert mask is seg.live
