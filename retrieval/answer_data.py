"""What the reranker (``answers``) would derive from a whole article, handed to it ready.

``sentence_context._paragraph_counts`` counts, once per paragraph, in how many of its
sentences each term occurs, and keeps the result on the bundle (``bundle.derived``). Made from
every sentence of every candidate article, that was the largest part of reranking at scale;
``SentenceRows.paragraph_counts`` gives the same mapping lazily (a question looks up only
its own words). ``tests/retrieval/test_answer_data.py`` checks that the two agree, so a
change to the reranker's key or counting shows up there.
"""

from __future__ import annotations

from retrieval.store import ArticleBundle

#: ``sentence_context._paragraph_counts``'s key in ``ArticleBundle.derived``.
PARAGRAPH_KEY = "paragraph"


def prepare_for_reranking(bundle: ArticleBundle) -> None:
    """Put the lazy paragraph term counts where the reranker looks for its own."""
    for paragraph, counts in bundle.sentences.paragraph_counts().items():
        bundle.derived.setdefault((PARAGRAPH_KEY, paragraph), counts)
