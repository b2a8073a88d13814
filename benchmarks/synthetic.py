"""Reproducible synthetic corpora and questions for the retrieval benchmarks.

Real news text is not shippable in bulk, so the benchmark uses a corpus with the statistics that
matter for BM25 speed: a Zipf vocabulary (s≈1.07 over 60k lemma types, i.e. text *after*
stop-word removal), sentences of ~24 terms and articles of ~40 sentences. Everything is derived
from one seed, so every run (and every machine) sees the same corpus and questions.

Question model (documented because it decides how hard pruning is):

* ``"sentence"`` questions paraphrase one corpus sentence: 2–6 of its terms (a question about
  a fact reuses the words of the sentence that states it), and with probability 0.3 one of them
  is swapped for a random vocabulary term (a word the sentence does not use). Term frequencies
  therefore follow the corpus Zipf law, head terms included.
* ``"random"`` questions draw 2–6 terms independently from the corpus Zipf law: no sentence
  shares most of them, so top scores are low and close together — the hard case for top-k
  pruning. With probability 0.1 a term is unknown to the index (misspelling, new entity).

The default mix is half of each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

VOCAB_SIZE = 60_000
ZIPF_S = 1.07
MEAN_LEN = 24
MEAN_GROUP = 40


@dataclass(frozen=True, slots=True)
class SyntheticCorpus:
    """Sentences as token-id runs (compact) with helpers that produce the string form."""

    vocab: list[str]
    token_ids: np.ndarray  # int32, all sentences concatenated
    offsets: np.ndarray  # int64, sentence i is token_ids[offsets[i]:offsets[i + 1]]
    group_offsets: np.ndarray  # int64, group j is sentences group_offsets[j]:group_offsets[j + 1]
    cdf: np.ndarray  # float64 Zipf CDF over vocab ranks, for question sampling

    @property
    def n_docs(self) -> int:
        return len(self.offsets) - 1

    @property
    def n_groups(self) -> int:
        return len(self.group_offsets) - 1

    def doc(self, i: int) -> list[str]:
        vocab = self.vocab
        return [vocab[t] for t in self.token_ids[self.offsets[i] : self.offsets[i + 1]].tolist()]

    def docs(self) -> list[list[str]]:
        """All sentences as lists of strings (what BM25Okapi and BM25Index consume)."""
        vocab = self.vocab
        flat = [vocab[t] for t in self.token_ids.tolist()]
        bounds = self.offsets.tolist()
        return [flat[bounds[i] : bounds[i + 1]] for i in range(self.n_docs)]

    def groups(
        self, docs: list[list[str]] | None = None
    ) -> Iterator[tuple[int, list[list[str]], list[int]]]:
        """``(group id, sentences, sentence keys)`` per article, as ``BM25Index.add_groups``
        takes them. Group ids start at 1 and sentence keys are the sentence positions."""
        docs = self.docs() if docs is None else docs
        g = self.group_offsets.tolist()
        for j in range(self.n_groups):
            yield j + 1, docs[g[j] : g[j + 1]], list(range(g[j], g[j + 1]))


def zipf_cdf(vocab_size: int = VOCAB_SIZE, s: float = ZIPF_S) -> np.ndarray:
    weights = np.arange(1, vocab_size + 1, dtype=np.float64) ** -s
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


def _sample_terms(rng: np.random.Generator, cdf: np.ndarray, n: int) -> np.ndarray:
    ids = np.searchsorted(cdf, rng.random(n), side="right")
    return np.minimum(ids, len(cdf) - 1).astype(np.int32)


def make_corpus(
    n_docs: int,
    seed: int = 1234,
    vocab_size: int = VOCAB_SIZE,
    s: float = ZIPF_S,
    mean_len: int = MEAN_LEN,
    mean_group: int = MEAN_GROUP,
) -> SyntheticCorpus:
    """Sentence lengths are negative-binomial (mean 24, sd ≈ 10, a rare empty sentence — as
    after stop-word removal); article sizes are uniform on [mean/4, 7·mean/4]."""
    rng = np.random.default_rng(seed)
    cdf = zipf_cdf(vocab_size, s)
    dispersion = 8.0
    lengths = rng.negative_binomial(dispersion, dispersion / (dispersion + mean_len), n_docs)
    offsets = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    token_ids = _sample_terms(rng, cdf, int(offsets[-1]))
    sizes = []
    total = 0
    lo, hi = max(1, mean_group // 4), max(2, 7 * mean_group // 4)
    while total < n_docs:
        size = min(int(rng.integers(lo, hi + 1)), n_docs - total)
        sizes.append(size)
        total += size
    group_offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=group_offsets[1:])
    vocab = [f"w{r}" for r in range(vocab_size)]
    return SyntheticCorpus(vocab, token_ids, offsets, group_offsets, cdf)


def make_queries(
    corpus: SyntheticCorpus, n: int, seed: int = 99, mix: str = "mixed"
) -> list[list[str]]:
    """``n`` questions of 2–6 terms; ``mix`` is ``"sentence"``, ``"random"`` or ``"mixed"``."""
    rng = np.random.default_rng(seed)
    queries = []
    for i in range(n):
        kind = mix if mix != "mixed" else ("sentence" if i % 2 == 0 else "random")
        length = int(rng.integers(2, 7))
        if kind == "sentence":
            queries.append(_sentence_query(corpus, rng, length))
        elif kind == "random":
            queries.append(_random_query(corpus, rng, length))
        else:
            raise ValueError(f"unknown question mix {mix!r}")
    return queries


def _sentence_query(corpus: SyntheticCorpus, rng: np.random.Generator, length: int) -> list[str]:
    while True:
        doc = corpus.doc(int(rng.integers(corpus.n_docs)))
        if len(doc) >= 2:
            break
    picks = rng.choice(len(doc), size=min(length, len(doc)), replace=False)
    terms = [doc[p] for p in sorted(picks.tolist())]
    if rng.random() < 0.3:
        terms[int(rng.integers(len(terms)))] = corpus.vocab[
            int(_sample_terms(rng, corpus.cdf, 1)[0])
        ]
    return terms


def _random_query(corpus: SyntheticCorpus, rng: np.random.Generator, length: int) -> list[str]:
    ids = _sample_terms(rng, corpus.cdf, length).tolist()
    terms = [corpus.vocab[t] for t in ids]
    if rng.random() < 0.1:
        terms[int(rng.integers(length))] = f"unknown{int(rng.integers(1_000_000))}"
    return terms
