"""An article's sentences as stored rows, turned into ``StoredSentence`` objects only when
read, and its paragraphs' term counts answered without splitting every sentence.

Why: at scale a question's ~40 candidate sentences come from ~40 articles, and the reranker
reads a few sentences of each (the candidate, its neighbours) plus, per paragraph, in how
many sentences each question word occurs. Building every sentence of every candidate
article (1,600 a question, 35k term strings) and counting their paragraphs' terms was most
of an answer's time at 1M sentences.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from retrieval.store import StoredSentence

#: Column order of a sentence row (as ``Store`` selects it).
ID, PARAGRAPH, INDEX, POSITION, START, END, TOKENS, SPANS, ANAPHORIC, ARTICLE = range(10)
_NO_SPANS: tuple[tuple[int, int, str], ...] = ()


def _evenly_spaced(texts: list[str]) -> bool:
    """Whether ``" term " in f" {text} "`` is ``term in text.split()`` for every text: no
    whitespace but single spaces between terms. (Whitespace other than the space is not
    printable; "|" joins the texts so that a text's leading or trailing space shows; a
    "|" inside a term can only make this say no, which is safe.) All in C: a regex over
    the paragraph cost more than the counting it saves."""
    joined = "|".join(texts)
    return (joined.isprintable() and "  " not in joined and "| " not in joined
            and " |" not in joined and not joined.startswith(" ")
            and not joined.endswith(" "))


def make_sentence(row: Sequence[object]) -> StoredSentence:
    """One stored sentence from its row (exactly what ``Store`` always built)."""
    from retrieval.store import StoredSentence

    spans = row[SPANS]
    return StoredSentence(
        id=row[ID], paragraph=row[PARAGRAPH], index=row[INDEX],  # type: ignore[arg-type]
        position=row[POSITION], start=row[START], end=row[END],  # type: ignore[arg-type]
        terms=tuple(row[TOKENS].split()),  # type: ignore[union-attr]
        spans=_NO_SPANS if spans == "[]" else tuple(
            (int(a), int(b), str(c)) for a, b, c in json.loads(spans)),  # type: ignore[arg-type]
        anaphoric=bool(row[ANAPHORIC]),
    )


def rows_by_article(rows: Iterable[Sequence[object]]) -> dict[object, list[Sequence[object]]]:
    """Sentence rows grouped by their article, in their order: a partial bundle takes only
    its own rows (``SentenceRows.add_rows`` ignores the others), so that handing each of a
    question's ~40 bundles the ~150 rows read for all of them is not ~6,000 row checks."""
    grouped: dict[object, list[Sequence[object]]] = {}
    for row in rows:
        grouped.setdefault(row[ARTICLE], []).append(row)
    return grouped


#: A paragraph's sentences by position: (paragraph, start, stop, first id, last id, size
#: of the article), as ``SentenceRows.paragraph_runs`` lists them.
ParagraphRun = tuple[int, int, int, int, int, int]


class SentenceRows(Sequence["StoredSentence"]):
    """An article's sentences in position order, made from their rows on first access.

    A *partial* one (``SentenceRows.partial``) holds only some rows — the answer path reads
    the BM25 candidates and their neighbours, not every sentence of every candidate article
    — and reads the rest of the article through ``loader`` the first time anything else is
    asked of it, so that whatever reads it sees exactly the whole article."""

    __slots__ = ("_article", "_count", "_ids", "_loader", "_made", "_positions", "_rows",
                 "_runs")

    def __init__(self, rows: Sequence[Sequence[object]]) -> None:
        self._rows: Sequence[Sequence[object] | None] = rows
        self._count = len(rows)
        self._made: list[StoredSentence | None] = [None] * len(rows)
        self._positions: dict[int, int] | None = None
        #: id → position of the rows a partial one holds (None: it is whole)
        self._ids: dict[int, int] | None = None
        self._loader: Callable[[], Sequence[Sequence[object]]] | None = None
        self._runs: list[ParagraphRun] | None = None
        self._article: object = None

    @classmethod
    def partial(cls, article_id: int, count: int, rows: Collection[Sequence[object]],
                runs: list[ParagraphRun], loader: Callable[[], Sequence[Sequence[object]]]
                ) -> SentenceRows:
        """Some of the ``count`` rows of an article (rows of other articles are ignored)
        whose paragraphs that are one run of positions are ``runs``; ``loader`` returns all
        its rows in position order."""
        made = cls([])
        made._article = article_id
        made._count = count
        made._made = [None] * count
        made._loader = loader
        made._runs = runs
        # what ``add_rows`` does, without copying the new (unshared) list and map
        held: list[Sequence[object] | None] = [None] * count
        known: dict[int, int] = {}
        for row in rows:
            position = row[POSITION]
            if (row[ARTICLE] == article_id and isinstance(position, int)
                    and 0 <= position < count and held[position] is None):
                held[position] = row
                known[row[ID]] = position  # type: ignore[index]
        made._rows = held
        made._ids = known
        return made

    @property
    def whole(self) -> bool:
        """Whether every row is here (nothing is read on access)."""
        return self._ids is None

    def add_rows(self, rows: Collection[Sequence[object]]) -> None:
        """Rows of this article read later (other articles' rows are ignored: the answer path
        asks for a candidate's neighbours by id)."""
        ids = self._ids
        if ids is None or not rows:
            return
        held = list(self._rows)
        known = dict(ids)
        for row in rows:
            position = row[POSITION]
            if (row[ARTICLE] == self._article and isinstance(position, int)
                    and 0 <= position < self._count and held[position] is None):
                held[position] = row
                known[row[ID]] = position  # type: ignore[index]
        # published in this order: a reader on another thread sees a row before its id
        self._rows = held
        self._ids = known

    def _complete(self) -> Sequence[Sequence[object]]:
        """Every row, read through the loader the first time one is missing."""
        rows = self._rows
        if self._ids is None:
            return rows  # type: ignore[return-value]
        assert self._loader is not None
        loaded = self._loader()
        if len(loaded) != self._count:
            from retrieval.errors import ArticleNotFoundError

            raise ArticleNotFoundError("That article was removed while answering.")
        self._rows = loaded
        self._ids = None
        return loaded

    def holds(self, sentence_id: int) -> bool:
        """Whether the row of this sentence id is here already (a whole one: every row)."""
        ids = self._ids
        return ids is None or sentence_id in ids

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> StoredSentence: ...

    @overload
    def __getitem__(self, index: slice) -> list[StoredSentence]: ...

    def __getitem__(self, index: int | slice) -> StoredSentence | list[StoredSentence]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        made = self._made[index]
        if made is None:
            if index < 0:
                index += self._count
            row = self._rows[index]
            if row is None:
                row = self._complete()[index]
            made = self._made[index] = make_sentence(row)
        return made

    def __iter__(self) -> Iterator[StoredSentence]:
        return (self[i] for i in range(self._count))

    def position_of(self, sentence_id: int) -> int | None:
        """The position of the sentence with this id, None when it is not this article's."""
        ids = self._ids
        if ids is not None:
            found = ids.get(sentence_id)
            if found is not None:
                return found
        rows = self._complete()
        if rows:  # an article's sentences are written together: their ids are consecutive
            guess = sentence_id - rows[0][ID]  # type: ignore[operator]
            if 0 <= guess < len(rows) and rows[guess][ID] == sentence_id:
                return guess
        if self._positions is None:
            self._positions = {row[ID]: i for i, row in enumerate(rows)}  # type: ignore[misc]
        return self._positions.get(sentence_id)

    def bounds(self) -> list[tuple[int, int, int]]:
        """(position, start, end) of every sentence, in position order, from the rows: what
        a ``StoredSentence`` of each would hold, without building them (their terms and
        spans are most of that cost)."""
        return [(row[POSITION], row[START], row[END])  # type: ignore[misc]
                for row in self._complete()]

    def id_positions(self) -> Iterator[tuple[int, int]]:
        """(sentence id, position) of every sentence, without building them."""
        return ((row[ID], row[POSITION]) for row in self._complete())  # type: ignore[misc]

    def paragraph_runs(self) -> list[ParagraphRun]:
        """Each paragraph whose sentences are consecutive, as (paragraph, start, stop, first
        id, last id, the article's sentence count): what the index needs to count a term in
        it (``retrieval.paragraph_counts``). A paragraph that is not one run is left out."""
        if self._runs is not None:
            return self._runs
        rows = self._rows
        runs: list[ParagraphRun] = []
        seen: set[object] = set()
        start = 0
        for position in range(1, len(rows) + 1):
            if position == len(rows) or rows[position][PARAGRAPH] != rows[start][PARAGRAPH]:  # type: ignore[index]
                paragraph = rows[start][PARAGRAPH]  # type: ignore[index]
                if paragraph in seen:  # split in two: count it from its rows
                    runs = [run for run in runs if run[0] != paragraph]
                else:
                    seen.add(paragraph)
                    runs.append((paragraph, start, position, rows[start][ID],  # type: ignore[arg-type, index]
                                 rows[position - 1][ID], len(rows)))  # type: ignore[index]
                start = position
        self._runs = runs
        return runs

    def paragraph_term_counts(self, paragraph: int) -> ParagraphTermCounts:
        """The term counts of one paragraph, from its rows (read if missing)."""
        texts = [row[TOKENS] for row in self._complete() if row[PARAGRAPH] == paragraph]
        return ParagraphTermCounts(texts)  # type: ignore[arg-type]

    def paragraph_counts(self) -> dict[int, ParagraphTermCounts]:
        """Per paragraph, its term counts (see ``ParagraphTermCounts``)."""
        rows = self._complete()
        if not rows:
            return {}
        paragraphs = [row[PARAGRAPH] for row in rows]
        texts = [row[TOKENS] for row in rows]
        if paragraphs.count(paragraphs[0]) == len(paragraphs):  # one paragraph
            return {paragraphs[0]: ParagraphTermCounts(texts)}  # type: ignore[dict-item, arg-type]
        grouped: dict[int, list[str]] = {}
        for paragraph, text in zip(paragraphs, texts, strict=True):
            grouped.setdefault(paragraph, []).append(text)  # type: ignore[arg-type]
        return {paragraph: ParagraphTermCounts(group) for paragraph, group in grouped.items()}


class ParagraphTermCounts(Mapping[str, int]):
    """In how many of a paragraph's sentences each term occurs — the same mapping as
    ``Counter(chain.from_iterable(set(s.terms) for s in paragraph))``, but ``get`` counts
    one term by substring search in the stored token strings instead of splitting and
    counting them all; the full counts are made only if something iterates them."""

    __slots__ = ("_counts", "_search", "_texts")

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        #: (the padded texts joined, each padded text), or () when substring search would
        #: not be exact; made on the first ``get`` and set in one assignment, because two
        #: worker threads may ask about the same cached paragraph at once
        self._search: tuple[str, list[str]] | tuple[()] | None = None
        self._counts: Counter[str] | None = None

    def _full(self) -> Counter[str]:
        if self._counts is None:
            self._counts = Counter(chain.from_iterable(set(t.split()) for t in self._texts))
        return self._counts

    def _prepare(self) -> tuple[str, list[str]] | tuple[()]:
        search = self._search
        if search is None:
            if _evenly_spaced(self._texts):
                padded = [f" {text} " for text in self._texts]
                # one string to rule a term out at once (most question words are not in a
                # given paragraph); a match across two texts is only a false alarm, which
                # the exact count settles
                search = ("|".join(padded), padded)
            else:
                search = ()
            self._search = search
        return search

    def get(self, term: object, default: object = None) -> object:  # type: ignore[override]
        if self._counts is None:
            search = self._prepare()
            if search and isinstance(term, str) and term and term.split() == [term]:
                needle = f" {term} "
                if needle not in search[0]:
                    return default
                # the joined string may match across two texts: then no text has it
                return sum(needle in text for text in search[1]) or default
        return self._full().get(term, default)  # type: ignore[call-overload]

    def __getitem__(self, term: str) -> int:
        return self._full()[term]

    def __contains__(self, term: object) -> bool:
        return self.get(term) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._full())

    def __len__(self) -> int:
        return len(self._full())
