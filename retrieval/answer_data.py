"""What the reranker (``answers``) would derive from a whole article, handed to it ready.

``sentence_context._paragraph_counts`` counts, once per paragraph, in how many of its
sentences each term occurs, and keeps the result on the bundle (``bundle.derived``). Made from
every sentence of every candidate article, that was the largest part of reranking at scale;
``paragraph_counts.IndexedParagraphCounts`` gives the same mapping, the question's words
counted by the BM25 index. ``tests/retrieval/test_answer_data.py`` checks that the two agree,
so a change to the reranker's key or counting shows up there.
"""

from __future__ import annotations

from retrieval.paragraph_counts import PARAGRAPH_KEY, prepare_paragraph_counts
from retrieval.store import ArticleBundle

__all__ = ["PARAGRAPH_KEY", "prepare_for_reranking"]


def prepare_for_reranking(bundle: ArticleBundle) -> None:
    """Put the paragraph term counts where the reranker looks for its own."""
    prepare_paragraph_counts(bundle)
