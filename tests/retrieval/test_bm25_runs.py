"""``BM25Index.run_term_counts``: in how many documents of a run of a group each term occurs,
checked against counting the documents themselves, across segments, merges and removals."""

from __future__ import annotations

import random

from retrieval.bm25.segment import DENSE_MIN_DOCS
from retrieval.bm25_index import BM25Index, KeyRun


def _corpus(rng: random.Random, groups: int, first_group: int, first_key: int
            ) -> list[tuple[int, list[list[str]], list[int]]]:
    vocabulary = [f"t{i}" for i in range(40)]
    out = []
    key = first_key
    for group in range(first_group, first_group + groups):
        docs = [[rng.choice(vocabulary[: 3 + i % 37]) for _ in range(rng.randint(0, 8))]
                for i in range(rng.randint(1, 12))]
        out.append((group, docs, list(range(key, key + len(docs)))))
        key += len(docs) + rng.randint(0, 2)
    return out


def _check(index: BM25Index, live: dict[int, tuple[list[list[str]], list[int]]],
           rng: random.Random) -> None:
    terms = ["t0", "t1", "t5", "t20", "t39", "nowhere"]
    runs, expected = [], []
    for group in rng.sample(sorted(live), min(60, len(live))):
        docs, keys = live[group]
        start = rng.randrange(len(docs))
        stop = rng.randint(start + 1, len(docs))
        runs.append(KeyRun(group, start, stop, keys[start], keys[stop - 1], len(docs)))
        expected.append([sum(term in doc for doc in docs[start:stop]) for term in terms])
    assert index.run_term_counts(terms, runs) == expected


def test_run_counts_equal_counting_the_documents() -> None:
    rng = random.Random(7)
    index = BM25Index()
    live: dict[int, tuple[list[list[str]], list[int]]] = {}
    # one big segment (dense rows for frequent terms), then small appended ones
    base = _corpus(rng, DENSE_MIN_DOCS // 5, 1, 1)
    index.add_groups(base)
    live.update({group: (docs, keys) for group, docs, keys in base})
    _check(index, live, rng)
    next_key = max(keys[-1] for _, _, keys in base) + 1
    for batch in range(6):
        items = _corpus(rng, 5, 100_000 + batch * 10, next_key)
        next_key = max(keys[-1] for _, _, keys in items) + 1
        index.add_groups(items)
        live.update({group: (docs, keys) for group, docs, keys in items})
        for group in rng.sample(sorted(live), 3):
            index.remove_group(group)
            del live[group]
        _check(index, live, rng)
    assert index.n_segments >= 1


def test_runs_that_do_not_match_the_index_are_not_counted() -> None:
    index = BM25Index()
    index.add_group(1, [["a", "b"], ["a"], ["c"]], [10, 11, 12])
    good = KeyRun(1, 0, 2, 10, 11, 3)
    assert index.run_term_counts(["a", "c"], [good]) == [[2, 0]]
    assert index.run_term_counts(["a"], [
        KeyRun(2, 0, 1, 10, 10, 3),    # unknown group
        KeyRun(1, 0, 2, 10, 12, 3),    # other keys
        KeyRun(1, 0, 2, 10, 11, 4),    # another size
        KeyRun(1, 2, 2, 12, 12, 3),    # empty run
    ]) == [None, None, None, None]
    index.remove_group(1)
    assert index.run_term_counts(["a"], [good]) == [None]
