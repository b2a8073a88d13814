"""BM25Index must score exactly like rank_bm25.BM25Okapi and find the same top k, whatever
path a search takes (pruned, dense head terms, group ranges, masks), across additions,
removals, merges, persistence and concurrent readers."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from retrieval.bm25 import index as index_module
from retrieval.bm25 import persist, prune, segment
from retrieval.bm25_index import BM25Index, Hit, IndexFormatError

#: The package modules that own the index's tuning constants.
_CONSTANT_HOMES = (segment, prune, index_module, persist)


def _home(name: str) -> ModuleType:
    return next(module for module in _CONSTANT_HOMES if name in vars(module))


def get_constant(name: str) -> object:
    return getattr(_home(name), name)


def set_constant(name: str, value: object) -> None:
    """Change a tuning constant where the code that uses it reads it."""
    setattr(_home(name), name, value)

RTOL = 1e-9
ATOL = 1e-12

Group = tuple[int, list[list[str]], list[int]]


@contextmanager
def small_thresholds(
    exhaustive: int = index_module.EXHAUSTIVE_MAX_DOCS,
    dense: float = 1 / 16,
    full_pass: float = 1 / 32,
) -> Iterator[None]:
    """Shrink the size thresholds so tiny corpora exercise dense terms, champions, the seed
    lists and the group-mask path, which otherwise only start at thousands of documents."""
    names = {
        "DENSE_MIN_DOCS": 0,
        "DENSE_FRACTION": dense,
        "FULL_PASS_FRACTION": full_pass,
        "CHAMPIONS": 2,
        "SEED_CHAMPIONS": 1,
        "SEED_RARE_LIST": 3,
        "EXHAUSTIVE_MAX_DOCS": exhaustive,
    }
    old = {name: get_constant(name) for name in names}
    for name, value in names.items():
        set_constant(name, value)
    try:
        yield
    finally:
        for name, value in old.items():
            set_constant(name, value)


def build(groups: Sequence[Group], bulk: bool = False, **kwargs: float) -> BM25Index:
    index = BM25Index(**kwargs)
    if bulk:
        index.add_groups(groups)
    else:
        for group, docs, keys in groups:
            index.add_group(group, docs, keys)
    return index


def flatten(groups: Sequence[Group]) -> tuple[list[list[str]], list[int], list[int]]:
    docs = [d for _, ds, _ in groups for d in ds]
    keys = [k for _, _, ks in groups for k in ks]
    owners = [g for g, ds, _ in groups for _ in ds]
    return docs, keys, owners


def brute_top(scores: np.ndarray, eligible: np.ndarray, k: int) -> list[float]:
    allowed = scores[eligible & (scores > 0)]
    return sorted(allowed.tolist(), reverse=True)[:k]


def check_search(
    index: BM25Index,
    groups: Sequence[Group],
    query: list[str],
    k: int,
    subset: set[int] | None = None,
) -> None:
    docs, keys, owners = flatten(groups)
    reference = BM25Okapi(docs).get_scores(query)
    eligible = np.array([subset is None or g in subset for g in owners], dtype=bool)
    hits = index.search(query, k=k, groups=subset)
    expected = brute_top(reference, eligible, k)
    got = [h.score for h in hits]
    assert np.allclose(got, expected, rtol=RTOL, atol=ATOL), (query, k, subset, got, expected)
    assert got == sorted(got, reverse=True)
    by_key = {key: i for i, key in enumerate(keys)}
    for hit in hits:
        i = by_key[hit.key]
        assert hit.group == owners[i]
        assert eligible[i]
        assert np.isclose(hit.score, reference[i], rtol=RTOL, atol=ATOL)
    if len(hits) == k and len(expected) == k:
        # Without a tie at the cut, the documents themselves must be the brute-force ones.
        rest = np.sort(reference[eligible & (reference > 0)])[::-1]
        if len(rest) == k or not np.isclose(rest[k - 1], rest[k], rtol=RTOL, atol=ATOL):
            top = {keys[i] for i in np.flatnonzero(eligible) if reference[i] >= rest[k - 1]}
            assert {h.key for h in hits} == top


# --------------------------------------------------------------------------------------------
# Strategies: small vocabularies (so some terms sit in more than half of the documents and get
# the epsilon-floored idf), empty documents, duplicate terms, unknown query terms.
# --------------------------------------------------------------------------------------------


@st.composite
def corpora(draw: st.DrawFn, max_groups: int = 8) -> list[Group]:
    vocab = [f"t{i}" for i in range(draw(st.integers(1, 9)))]
    n_groups = draw(st.integers(1, max_groups))
    groups, key = [], 0
    for g in range(n_groups):
        n_docs = draw(st.integers(0, 6))
        docs = [draw(st.lists(st.sampled_from(vocab), max_size=9)) for _ in range(n_docs)]
        groups.append((g * 7 + 1, docs, list(range(key, key + n_docs))))
        key += n_docs
    docs = [d for _, ds, _ in groups for d in ds]
    if not any(docs):
        groups.append((10_000, [[vocab[0]]], [key]))
    return groups


def queries(groups: Sequence[Group]) -> st.SearchStrategy[list[str]]:
    vocab = sorted({t for _, ds, _ in groups for d in ds for t in d})
    return st.lists(st.sampled_from([*vocab, "unknown", "t99"]), min_size=1, max_size=6)


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: (dense fraction, full-pass fraction): all terms dense / a mix / none, eager or lazy full pass.
TUNINGS = st.sampled_from([(1 / 16, 1 / 32), (0.4, 10.0), (0.4, 0.0), (10.0, 10.0), (10.0, 0.0)])


@FAST
@given(data=st.data(), small=st.booleans(), bulk=st.booleans(), tuning=TUNINGS)
def test_scores_equal_bm25okapi(
    data: st.DataObject, small: bool, bulk: bool, tuning: tuple[float, float]
) -> None:
    groups = data.draw(corpora())
    docs, _, _ = flatten(groups)
    reference = BM25Okapi(docs)
    with small_thresholds(dense=tuning[0], full_pass=tuning[1]) if small else _nothing():
        index = build(groups, bulk=bulk)
        for _ in range(4):
            query = data.draw(queries(groups))
            got = index.scores(query)
            assert np.allclose(got, reference.get_scores(query), rtol=RTOL, atol=ATOL)
    assert index.n_docs == len(docs)
    assert index.avgdl == pytest.approx(reference.avgdl, rel=1e-12)


@FAST
@given(
    data=st.data(), small=st.booleans(), masks=st.booleans(), k=st.integers(1, 5), tuning=TUNINGS
)
def test_search_equals_brute_force(
    data: st.DataObject, small: bool, masks: bool, k: int, tuning: tuple[float, float]
) -> None:
    groups = data.draw(corpora())
    exhaustive = 0 if masks else 10**9
    tuned = small_thresholds(exhaustive, dense=tuning[0], full_pass=tuning[1])
    with tuned if small else _nothing():
        index = build(groups)
        for _ in range(4):
            query = data.draw(queries(groups))
            subset = None
            if data.draw(st.integers(0, 2)):
                subset = set(data.draw(st.sets(st.sampled_from([g for g, _, _ in groups]))))
                subset.add(-5)  # unknown ids are ignored
            check_search(index, groups, query, k, subset)


@FAST
@given(data=st.data(), small=st.booleans(), tuning=TUNINGS)
def test_add_remove_sequences_match_rebuilt_okapi(
    data: st.DataObject, small: bool, tuning: tuple[float, float]
) -> None:
    pool = data.draw(corpora(max_groups=10))
    live: list[Group] = []
    with small_thresholds(dense=tuning[0], full_pass=tuning[1]) if small else _nothing():
        index = BM25Index()
        for group in pool:
            index.add_group(*group)
            live.append(group)
            if live and data.draw(st.booleans()):
                victim = live.pop(data.draw(st.integers(0, len(live) - 1)))
                index.remove_group(victim[0])
                index.remove_group(victim[0])  # a second removal is a no-op
            assert index.groups() == sorted(g for g, _, _ in live)
            assert index.n_groups == len(live)
            docs, _, _ = flatten(live)
            assert index.n_docs == len(docs)
            if not any(docs):
                assert index.search(["t0"]) == []
                continue
            query = data.draw(queries(live))
            assert np.allclose(
                index.scores(query), BM25Okapi(docs).get_scores(query), rtol=RTOL, atol=ATOL
            )
            check_search(index, live, query, data.draw(st.integers(1, 4)))


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def zipf_groups(n_groups: int, seed: int, size: int = 30, length: int = 12) -> list[Group]:
    """A corpus big enough for the default thresholds (dense head terms, champions)."""
    rng = np.random.default_rng(seed)
    weights = np.arange(1, 801, dtype=float) ** -1.07
    weights /= weights.sum()
    groups, key = [], 0
    for g in range(n_groups):
        docs = [
            [f"w{t}" for t in rng.choice(800, size=int(rng.integers(0, 2 * length)), p=weights)]
            for _ in range(size)
        ]
        groups.append((g, docs, list(range(key, key + size))))
        key += size
    return groups


def zipf_queries(n: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [
        [f"w{min(int(rng.paretovariate(0.7)) - 1, 900)}" for _ in range(rng.randint(1, 6))]
        for _ in range(n)
    ]


def test_default_thresholds_with_merges_and_stale_weights() -> None:
    """Thousands of documents (dense head terms, seeds, merged segments), then long documents
    that move avgdl far from the one the base segment stored its weights at."""
    groups = zipf_groups(200, seed=3)
    index = build(groups[:150], bulk=True)
    for group in groups[150:]:
        index.add_group(*group)
    long_docs = [[f"w{i % 50}" for i in range(j, j + 60)] for j in range(30)]
    groups.append((999, long_docs, list(range(10**6, 10**6 + 30))))
    index.add_group(*groups[-1])
    for g in (3, 77, 160):
        index.remove_group(g)
    live = [grp for grp in groups if grp[0] not in (3, 77, 160)]
    assert index.n_segments >= 2
    assert any(len(seg.g_dense) for seg in index._snap.segments)
    for query in zipf_queries(40, seed=4):
        check_search(index, live, query, 3)
    for query in zipf_queries(10, seed=5):
        check_search(index, live, query, 5, subset={1, 2, 150, 999})
    old = index_module.EXHAUSTIVE_MAX_DOCS
    index_module.EXHAUSTIVE_MAX_DOCS = 0  # force the cached-mask path with pruning and dense terms
    try:
        many = set(range(0, 200, 3)) | {999}
        for query in zipf_queries(15, seed=6):
            check_search(index, live, query, 3, subset=many)
            check_search(index, live, query, 2, subset={5, 151})
    finally:
        index_module.EXHAUSTIVE_MAX_DOCS = old
    docs, _, _ = flatten(live)
    query = ["w0", "w1", "w7", "w0"]
    assert np.allclose(index.scores(query), BM25Okapi(docs).get_scores(query), rtol=RTOL)


def test_stored_term_frequencies_path() -> None:
    """When tf cannot be recovered from g the index stores it; results are the same."""
    groups = zipf_groups(40, seed=8)
    old = segment.RECOVER_TF
    segment.RECOVER_TF = False
    try:
        index = build(groups, bulk=True)
        index.remove_group(5)
    finally:
        segment.RECOVER_TF = old
    assert all(seg.tf_stored for seg in index._snap.segments)
    live = [g for g in groups if g[0] != 5]
    for query in zipf_queries(10, seed=9):
        check_search(index, live, query, 3)


def test_term_stats_and_idf_follow_okapi() -> None:
    groups: list[Group] = [
        (1, [["a", "b"], ["a"], ["a", "c"]], [1, 2, 3]),
        (2, [["a", "b", "b"], []], [4, 5]),
    ]
    index = build(groups)
    okapi = BM25Okapi(flatten(groups)[0])
    for term, df in (("a", 4), ("b", 2), ("c", 1)):
        assert index.term_stats(term) == (df, pytest.approx(okapi.idf[term], rel=1e-12))
        assert index.idf(term) == pytest.approx(okapi.idf[term], rel=1e-12)
    assert okapi.idf["a"] == pytest.approx(okapi.epsilon * okapi.average_idf)  # floored
    assert index.term_stats("zzz") == (0, 0.0)
    assert index.idf("zzz") == 0.0
    index.remove_group(1)
    assert index.term_stats("c") == (0, 0.0)
    assert index.n_docs == 2


def test_validation_and_edge_cases() -> None:
    index = BM25Index()
    assert index.search(["a"]) == []
    assert len(index.scores(["a"])) == 0
    index.add_group(1, [["a", "b"]], [10])
    with pytest.raises(ValueError):
        index.add_group(1, [["c"]], [11])
    with pytest.raises(ValueError):
        index.add_group(2, [["c"], ["d"]], [11])
    with pytest.raises(ValueError):
        index.add_groups([(3, [["c"]], [12]), (3, [["d"]], [13])])
    with pytest.raises(ValueError):
        BM25Index(k1=0)
    index.add_group(4, [], [])  # an article without sentences is a group without documents
    index.add_group(5, [["c"], ["d"]], [20, 21])
    assert index.groups() == [1, 4, 5]
    index.remove_group(12345)
    assert index.search(["a"], k=0) == []
    assert index.search([]) == []
    assert index.search(["a"], groups=[]) == []
    assert index.search(["a"], groups=[4]) == []
    assert index.search(["a"], k=3) == [Hit(10, 1, pytest.approx(index.scores(["a"])[0]))]
    index.remove_group(4)
    assert index.groups() == [1, 5]


def test_negative_epsilon_corpus() -> None:
    """When most terms are in more than half of the documents the average idf, hence the
    floor, is negative; hits are still the positive-score documents, best first."""
    groups: list[Group] = [(1, [["a", "b"], ["a", "b"], ["a", "b", "c"], ["c", "d"]], [1, 2, 3, 4])]
    index = build(groups)
    okapi = BM25Okapi(flatten(groups)[0])
    assert okapi.average_idf < 0
    for query in (["a"], ["c", "d"], ["a", "d"], ["b", "c", "c"]):
        check_search(index, groups, query, 3)


# --------------------------------------------------------------------------------------------
# Persistence
# --------------------------------------------------------------------------------------------


def _persisted(tmp_path: Path) -> tuple[BM25Index, list[Group], Path]:
    groups = zipf_groups(60, seed=11)
    index = build(groups[:50], bulk=True)
    for group in groups[50:]:
        index.add_group(*group)
    index.remove_group(7)
    live = [g for g in groups if g[0] != 7]
    path = tmp_path / "index"
    index.save(path)
    return index, live, path


@pytest.mark.parametrize("mmap", [False, True])
def test_save_load_round_trip(tmp_path: Path, mmap: bool) -> None:
    index, _, path = _persisted(tmp_path)
    loaded = BM25Index.load(path, mmap=mmap)
    assert loaded.groups() == index.groups()
    assert (loaded.n_docs, loaded.n_groups, loaded.avgdl) == (
        index.n_docs,
        index.n_groups,
        index.avgdl,
    )
    for query in zipf_queries(20, seed=12):
        assert loaded.search(query, 3) == index.search(query, 3)
        assert loaded.search(query, 2, groups={1, 55}) == index.search(query, 2, groups={1, 55})
        assert np.array_equal(loaded.scores(query), index.scores(query))
        assert loaded.term_stats(query[0]) == index.term_stats(query[0])
    # The loaded index keeps working as a writable index.
    loaded.add_group(500, [["w1", "w2", "zebra"]], [777])
    loaded.remove_group(1)
    assert loaded.search(["zebra"])[0].key == 777


def test_save_replaces_previous_snapshot(tmp_path: Path) -> None:
    index, _, path = _persisted(tmp_path)
    index.add_group(600, [["fresh", "term"]], [900])
    index.save(path)
    assert len(list(path.glob("snap-*"))) == 1
    assert BM25Index.load(path).search(["fresh"])[0].key == 900


def test_load_rejects_missing_corrupt_and_foreign(tmp_path: Path) -> None:
    with pytest.raises(IndexFormatError):
        BM25Index.load(tmp_path / "nothing-here")
    _, _, path = _persisted(tmp_path)
    current = json.loads((path / "CURRENT").read_text())
    snap = path / current["snapshot"]

    foreign = dict(current, version=999)
    (path / "CURRENT").write_text(json.dumps(foreign))
    with pytest.raises(IndexFormatError, match="version"):
        BM25Index.load(path)
    (path / "CURRENT").write_text(json.dumps(dict(current, format="something-else")))
    with pytest.raises(IndexFormatError):
        BM25Index.load(path)
    (path / "CURRENT").write_text("{not json")
    with pytest.raises(IndexFormatError):
        BM25Index.load(path)
    (path / "CURRENT").write_text(json.dumps(current))

    victim = snap / "s0_docs.npy"
    data = bytearray(victim.read_bytes())
    data[-5] ^= 0xFF
    victim.write_bytes(bytes(data))
    with pytest.raises(IndexFormatError, match="checksum"):
        BM25Index.load(path)
    victim.write_bytes(bytes(data[:-40]))
    for mmap in (False, True):
        with pytest.raises(IndexFormatError):
            BM25Index.load(path, mmap=mmap)
    (snap / "header.json").unlink()
    with pytest.raises(IndexFormatError):
        BM25Index.load(path)


# --------------------------------------------------------------------------------------------
# Concurrency
# --------------------------------------------------------------------------------------------


def test_concurrent_searches_during_additions() -> None:
    """Readers never fail and always see the top k of some state the writer published."""
    groups = zipf_groups(70, seed=21, size=20)
    base, extra = groups[:50], groups[50:]
    probes = zipf_queries(12, seed=22)
    expected: list[list[list[float]]] = []  # [state][query] -> top-3 scores
    for i in range(len(extra) + 1):
        docs = flatten(base + extra[:i])[0]
        okapi = BM25Okapi(docs)
        expected.append(
            [brute_top(okapi.get_scores(q), np.ones(len(docs), bool), 3) for q in probes]
        )

    index = build(base, bulk=True)
    errors: list[BaseException] = []
    seen: list[tuple[int, list[float]]] = []
    done = threading.Event()

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        try:
            while not done.is_set():
                j = rng.randrange(len(probes))
                seen.append((j, [h.score for h in index.search(probes[j], 3)]))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader, args=(s,)) for s in range(3)]
    for t in threads:
        t.start()
    try:
        for group in extra:
            index.add_group(*group)
    finally:
        done.set()
        for t in threads:
            t.join()
    assert not errors
    assert len(seen) > len(extra)
    for j, scores in seen:
        assert any(
            np.allclose(scores, state[j], rtol=RTOL, atol=ATOL)
            for state in expected
            if len(state[j]) == len(scores)
        ), (probes[j], scores)
