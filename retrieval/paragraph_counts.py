"""The reranker's paragraph term counts ("in how many sentences of this paragraph does
'flood' occur?") answered from the BM25 index for the question's own words.

Why: counting them from the stored sentences meant reading and splitting every sentence of
every candidate article — at 1M sentences the largest part of an answer. The index's postings
hold the same counts (a sentence's index terms are its stored tokens), so before reranking
``count_paragraph_terms`` asks the index once for all the candidates' paragraphs and the
question's words. Any other word, or a paragraph the index does not match exactly (see
``KeyRun``), is counted from the paragraph's rows, as before: the mapping is always exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from retrieval.bm25_index import BM25Index, KeyRun

if TYPE_CHECKING:
    from retrieval.store import ArticleBundle, StoredSentence

#: ``sentence_context._paragraph_counts``'s key in ``ArticleBundle.derived``.
PARAGRAPH_KEY = "paragraph"
#: Words whose counts a paragraph keeps (a cached article's paragraph meets many questions).
MAX_KNOWN = 256


class IndexedParagraphCounts(Mapping[str, int]):
    """The same mapping as ``Counter(chain.from_iterable(set(s.terms) for s in paragraph))``:
    words counted by the index (``learn``) are answered from those counts, anything else
    from the paragraph's rows (``rows``, made on first need)."""

    __slots__ = ("_known", "_rows", "_rows_counts", "run")

    def __init__(self, run: KeyRun, rows: Callable[[], Mapping[str, int]]) -> None:
        self.run = run
        self._known: dict[str, int] = {}
        self._rows = rows
        self._rows_counts: Mapping[str, int] | None = None

    def _from_rows(self) -> Mapping[str, int]:
        if self._rows_counts is None:
            self._rows_counts = self._rows()
        return self._rows_counts

    def unknown(self, terms: Iterable[str]) -> bool:
        """Whether any of ``terms`` has not been counted by the index yet."""
        known = self._known
        return any(term not in known for term in terms)

    def learn(self, terms: Sequence[str], counts: Sequence[int]) -> None:
        """Keep the index's counts of ``terms`` (published in one assignment: two worker
        threads may rerank with the same cached paragraph)."""
        known = dict(self._known) if len(self._known) < MAX_KNOWN else {}
        known.update(zip(terms, counts, strict=True))
        self._known = known

    def get(self, term: object, default: object = None) -> object:  # type: ignore[override]
        count = self._known.get(term)  # type: ignore[call-overload]
        if count is None:
            return self._from_rows().get(term, default)  # type: ignore[call-overload]
        return count if count else default

    def __getitem__(self, term: str) -> int:
        count = self.get(term, 0)
        if not count:
            raise KeyError(term)
        return count  # type: ignore[return-value]

    def __contains__(self, term: object) -> bool:
        return self.get(term) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._from_rows())

    def __len__(self) -> int:
        return len(self._from_rows())


def prepare_paragraph_counts(bundle: ArticleBundle) -> None:
    """Put an index-backed counter where the reranker looks for each paragraph's counts."""
    sentences = bundle.sentences
    for paragraph, start, stop, first, last, size in sentences.paragraph_runs():
        run = KeyRun(bundle.row.id, start, stop, first, last, size)
        rows = partial(sentences.paragraph_term_counts, paragraph)
        bundle.derived.setdefault((PARAGRAPH_KEY, paragraph), IndexedParagraphCounts(run, rows))


def count_paragraph_terms(index: BM25Index, terms: Iterable[str],
                          candidates: Iterable[tuple[ArticleBundle, StoredSentence, float]]
                          ) -> None:
    """Have the index count the question's words in the candidates' paragraphs, all in one
    call, before the reranker asks about them one by one."""
    words = list(dict.fromkeys(terms))
    if not words:
        return
    wanted: dict[int, IndexedParagraphCounts] = {}
    for bundle, sentence, _ in candidates:
        counts = bundle.derived.get((PARAGRAPH_KEY, sentence.paragraph))
        if (isinstance(counts, IndexedParagraphCounts) and id(counts) not in wanted
                and counts.unknown(words)):
            wanted[id(counts)] = counts
    if not wanted:
        return
    found = index.run_term_counts(words, [counts.run for counts in wanted.values()])
    for counts, values in zip(wanted.values(), found, strict=True):
        if values is not None:
            counts.learn(words, values)
