"""Which of a question's words each candidate's article holds anywhere, asked of the BM25 index.

Why: asked of a whole library, a question's words are spread over its article — the place
in the lede, the detail in the answering sentence — and a sentence of another article that
shares the detail's words outranked the right one. The reranker weighs each candidate by
the share of the question its article holds (``answers.ARTICLE_BONUS``). The index's
postings answer it for all the candidates' articles in one call (``run_term_counts`` over
each article's whole run of sentences), so no article is read for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from retrieval.bm25_index import BM25Index, KeyRun

if TYPE_CHECKING:
    from retrieval.store import ArticleBundle, StoredSentence


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
                  ) -> dict[int, frozenset[str]] | None:
    """The question's ``terms`` each candidate article holds, by article id; None when the
    candidates come from one article (nothing to weigh it against). An article the index
    does not match exactly (mid-update) is left out: it gets no such part."""
    runs = article_runs(candidates)
    words = list(dict.fromkeys(terms))
    if len(runs) < 2 or not words:
        return None
    found = index.run_term_counts(words, list(runs.values()))
    held: dict[int, frozenset[str]] = {}
    for article, counts in zip(runs, found, strict=True):
        if counts is not None:
            held[article] = frozenset(
                word for word, count in zip(words, counts, strict=True) if count)
    return held
