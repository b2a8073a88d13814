"""How often each candidate's article holds each of a question's words, asked of the BM25 index.

Why: asked of a whole library, a question's words are spread over its article — the place
in the lede, the detail in the answering sentence — and a sentence of another article that
shares the detail's words outranked the right one. The reranker weighs each candidate by
its article's BM25 score for the question (``article_scores``, ``answers.ARTICLE_BONUS``),
with the article's sentences as its "words": how many of them hold each question word, out
of how many it has. The index's postings count them for all the candidates' articles in one
call (``run_term_counts`` over each article's whole run of sentences), so no article is read
for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from retrieval.bm25_index import BM25Index, KeyRun

if TYPE_CHECKING:
    from retrieval.store import ArticleBundle, StoredSentence

#: BM25's term-frequency saturation and length normalisation for whole articles (their
#: sentences holding a word for its frequency, their number of sentences for their length):
#: the usual values. Dev (every set's article in one library): k1 0.6 / 1.2 / 2.0 and b 0.3 /
#: 0.75 / 1.0 moved top-1 by at most 0.3 points.
ARTICLE_K1 = 1.2
ARTICLE_B = 0.75

#: Per article id, each question word it holds and in how many of its sentences.
ArticleCounts = dict[int, dict[str, int]]


def article_runs(candidates: Iterable[tuple[ArticleBundle, StoredSentence, float]]
                 ) -> dict[int, KeyRun]:
    """Each candidate article's whole run of sentences, by article id: its ids are
    consecutive, so any of its sentences gives the first (id minus position)."""
    runs: dict[int, KeyRun] = {}
    for bundle, sentence, _ in candidates:
        article = bundle.row.id
        if article not in runs:
            size = bundle.row.sentence_count
            first = sentence.id - sentence.position
            runs[article] = KeyRun(article, 0, size, first, first + size - 1, size)
    return runs


def article_words(index: BM25Index, terms: Sequence[str],
                  candidates: Sequence[tuple[ArticleBundle, StoredSentence, float]]
                  ) -> ArticleCounts | None:
    """The question's ``terms`` each candidate article holds, with how many of its sentences
    hold each, by article id; None when the candidates come from one article (nothing to
    weigh it against). An article the index does not match exactly (mid-update) is left
    out: it gets no such part."""
    runs = article_runs(candidates)
    words = list(dict.fromkeys(terms))
    if len(runs) < 2 or not words:
        return None
    found = index.run_term_counts(words, list(runs.values()))
    held: ArticleCounts = {}
    for article, counts in zip(runs, found, strict=True):
        if counts is not None:
            held[article] = {word: count for word, count in zip(words, counts, strict=True)
                             if count}
    return held


def article_scores(weights: Mapping[str, float], held: ArticleCounts,
                   sizes: Mapping[int, int]) -> dict[int, float]:
    """Each article's BM25 score for the question, the best one's being 1: ``weights`` are
    the question words' weights (their idf), ``held`` their counts (``article_words``) and
    ``sizes`` the articles' numbers of sentences, whose mean is the average length."""
    known = [article for article in held if sizes.get(article)]
    if not known:
        return {}
    average = sum(sizes[article] for article in known) / len(known)
    raw = {}
    for article in known:
        norm = ARTICLE_K1 * (1.0 - ARTICLE_B + ARTICLE_B * sizes[article] / average)
        counts = held[article]
        raw[article] = sum(weight * count * (ARTICLE_K1 + 1.0) / (count + norm)
                           for word, weight in weights.items() if (count := counts.get(word)))
    best = max(raw.values()) or 1.0
    return {article: score / best for article, score in raw.items()}
