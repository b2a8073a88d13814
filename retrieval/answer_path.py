"""From an analysed question to the answer: BM25 candidates, the sentences around them, the
reranker's choice.

BM25 finds candidates on the CPU pool; their articles are read partially (the hits and their
neighbours, see ``CONTEXT_READ``) through the bundle cache; a small scope is reranked whole;
the reranker (``answers.choose_answers``) runs on the CPU pool too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from retrieval.answers import (
    MIN_COVERAGE,
    AskResult,
    choose_answers,
    lede_answer,
    precedent_answer,
)
from retrieval.article_catalog import ArticleCatalog
from retrieval.article_words import ArticleCounts, article_words
from retrieval.bm25_index import BM25Index
from retrieval.bundle_cache import BundleCache
from retrieval.index_persistence import PersistentIndex
from retrieval.library_threads import LibraryThreads
from retrieval.paragraph_counts import count_paragraph_terms
from retrieval.precedents import asks_for_precedent
from retrieval.question import SEARCH_RELATIVE_MIN, Question, asks_for_summary
from retrieval.scope import Scope
from retrieval.semantic_rerank import SemanticSimilarity
from retrieval.store import ArticleBundle, StoredSentence

#: BM25 candidates handed to the reranker.
CANDIDATES = 40
#: The sentences read around a BM25 hit, by id offset (an article's sentence ids are
#: consecutive): the one before (what it leans on, the answer's context) and the one after;
#: for the ten strongest hits also the one after that (``_candidates`` adds the following
#: sentence when it leans on the hit). Anything else the reranker reads, it reads then.
CONTEXT_READ = (-1, 0, 1)
CONTEXT_READ_STRONG = (-1, 0, 1, 2)
#: Scopes up to this many sentences are reranked whole (see ``_whole_scope``).
WHOLE_SCOPE_SENTENCES = 200
#: In a larger scope, the articles of the best answers of a first rerank of BM25's candidates
#: whose every sentence is reranked then: BM25 finds only sentences that share the question's
#: words, and the answer often says it in others ("how many died": "31 dead"), which a
#: small scope's whole rerank finds. Dev, every set's article in one library (1,953
#: questions): two articles reread, top-1 +1.2 points over none; +3.0 with the article
#: weight (``answers.ARTICLE_BONUS``) at 0.3, +2.8 at 0.4; at 0.4 one article +2.3, three
#: +2.8. Rescoring every candidate's BM25 with all the question's relatives (as a small
#: scope does) moved top-1 +0.1 and abstention -0.9: not kept. One, not two: over all 210
#: sets, two gave top-1 fresh 0.484 and dev 0.507, one 0.481 and 0.502 (none: 0.461 and
#: 0.479), but two tripled the rules' time at 10k sentences (answer_stages, 7.9 -> 23.0 ms
#: CPU p50) and one doubled it (15.4 ms).
ARTICLES_REREAD = 1
#: Longer articles are not reread (a 2 MB upload can hold thousands of sentences, which
#: would cost seconds to rerank); the next best article is, if any.
REREAD_MAX_SENTENCES = 400
#: Answers of the first rerank whose articles are candidates for rereading.
FIRST_PASS_ANSWERS = 10
#: The reranker weighs a question's words by their idf in the library; a library of fewer
#: sentences than this (a few articles: a new server's) counts as having this many, the
#: others without the word (``_idf``).
IDF_MIN_SENTENCES = 200

Candidate = tuple[ArticleBundle, StoredSentence, float]
#: The question's words each candidate's article holds (``article_words``; None: one article).
ArticleWords = ArticleCounts | None



class AnswerPath:
    """Answers analysed questions from the index, the bundle cache and the catalog."""

    def __init__(self, persistent_index: PersistentIndex, cache: BundleCache,
                 catalog: ArticleCatalog, threads: LibraryThreads,
                 similarity: SemanticSimilarity | None = None) -> None:
        self.persistent_index = persistent_index
        #: The sentence-similarity model's judgement of the best few candidates (None: the
        #: rules alone; ``ARTICLE_BOT_SEMANTIC_RERANK=false``).
        self.similarity = similarity
        self.cache = cache
        self.catalog = catalog
        self.threads = threads

    @property
    def index(self) -> BM25Index:
        """The index as it is now (a reload replaces it)."""
        return self.persistent_index.index

    async def answer(self, analysed: Question, scope: Scope, groups: list[int] | None, *,
                     top_k: int, min_coverage: float | None) -> AskResult:
        """Answer ``analysed`` from the articles ``groups`` (None: all) that ``scope`` sees."""
        if groups is not None and not groups:
            return AskResult(analysed.text, True, "There are no articles to ask about yet.")
        if asks_for_summary(analysed.text):
            return await self._of_one_article(analysed, groups, lede_answer)
        if asks_for_precedent(analysed.text):
            return await self._of_one_article(analysed, groups, precedent_answer)
        small = self._small_scope(groups)
        # (a small scope is reranked whole: BM25 only scores, and every relative helps)
        terms = analysed.search_terms(0.0 if small else SEARCH_RELATIVE_MIN)
        hits = await self.threads.cpu(self.index.search, terms, CANDIDATES,
                                      self.catalog.search_filter(scope, groups))
        candidates = await self._candidates(hits, whole=small)
        threshold = MIN_COVERAGE if min_coverage is None else min_coverage
        if small:
            scope_groups = groups if groups is not None else list(self.catalog.rows)
            candidates = await self._whole_scope(scope_groups, candidates)
            return await self.threads.cpu(self._rerank, analysed, candidates, top_k, threshold)
        seen: dict[int, Any] = {}
        first, held = await self.threads.cpu(self._first_pass, analysed, candidates,
                                             threshold, seen)
        candidates = await self._with_best_articles(first, candidates)
        return await self.threads.cpu(self._rerank, analysed, candidates, top_k, threshold,
                                      seen, held)

    def _first_pass(self, question: Question, candidates: list[Candidate], threshold: float,
                    seen: dict[int, Any]) -> tuple[AskResult, ArticleWords]:
        """A large scope's first rerank, its scoring kept in ``seen`` for the second, and
        the question's words each candidate's article holds: the reread adds no article, so
        the second rerank weighs them by the same counts."""
        held = article_words(self.index, question.terms, candidates)
        return self._rerank(question, candidates, FIRST_PASS_ANSWERS, threshold, seen,
                            held), held

    async def _with_best_articles(self, first: AskResult, candidates: list[Candidate]
                                  ) -> list[Candidate]:
        """``candidates`` with every sentence of the ``ARTICLES_REREAD`` articles of the
        ``first`` rerank's best answers (in place of their BM25 hits, keeping the hits'
        scores), those of at most ``REREAD_MAX_SENTENCES``."""
        ranked = first.answers or first.closest
        best = list(dict.fromkeys(
            answer.article.id for answer in ranked
            if answer.article.sentence_count <= REREAD_MAX_SENTENCES))[:ARTICLES_REREAD]
        if not best:
            return candidates
        reread = set(best)
        return await self._whole_scope(best, candidates) + [
            candidate for candidate in candidates if candidate[0].row.id not in reread]

    def _idf(self, term: str) -> float:
        """A question word's weight in the reranker: its BM25 idf in the library. In a
        library of one article the article's own subject ("the reservoir", "the strike") is in
        a third of its sentences and weighs next to nothing, so an answer that matches it and
        paraphrases the rest fell below the abstention threshold, which was calibrated on a
        library of seventy articles. Below ``IDF_MIN_SENTENCES`` the idf is taken as if the
        library were that large, the sentences it lacks all without the word."""
        df, idf = self.index.term_stats(term)
        n_docs = self.index.n_docs
        if n_docs < IDF_MIN_SENTENCES:
            n_docs = IDF_MIN_SENTENCES
            if df:
                return math.log((n_docs - df + 0.5) / (df + 0.5))
        if df == 0:
            return math.log((n_docs + 0.5) / 0.5 + 1.0)
        return idf

    def _rerank(self, question: Question, candidates: list[Candidate], top_k: int,
                min_coverage: float, seen: dict[int, Any] | None = None,
                held: ArticleWords = None) -> AskResult:
        """The reranker's choice, the candidates' paragraph counts of the question's words
        asked of the index first (in one call: see ``paragraph_counts``); ``held``: the
        question's words each candidate's article holds (``article_words``), when already
        counted (None is counted again: for one article that asks the index nothing)."""
        count_paragraph_terms(self.index, question.terms, candidates)
        if self.similarity is not None and question.vector is not None:
            self.similarity.remember(question.text, question.vector)  # the worker's encoding
        if held is None:
            held = article_words(self.index, question.terms, candidates)
        return choose_answers(question, candidates, self._idf, top_k, min_coverage,
                              self.similarity, held, seen)

    async def _of_one_article(
            self, question: Question, groups: Sequence[int] | None,
            answer: Callable[[Question, ArticleBundle], AskResult]) -> AskResult:
        """``answer`` of the one article in scope, for a question about "the article" as a
        whole ("what happened?", "has this happened before?"); with several, ask which."""
        ids = list(groups) if groups is not None else list(self.catalog.rows)
        if len(ids) != 1:
            return AskResult(
                question.text, True,
                f"I know {len(ids)} articles here: choose one (the article option) and ask "
                "again, or ask about something in them.")
        return answer(question, await self.cache.bundle(ids[0]))

    def _small_scope(self, groups: Sequence[int] | None) -> bool:
        """Whether a scope is small enough to rerank whole (see ``_whole_scope``)."""
        if groups is None:
            return self.index.n_docs <= WHOLE_SCOPE_SENTENCES
        total = 0
        for group in groups:
            row = self.catalog.rows.get(group)
            total += row.sentence_count if row else 0
            if total > WHOLE_SCOPE_SENTENCES:
                return False
        return True

    async def _whole_scope(self, groups: Sequence[int], hits: list[Candidate]
                           ) -> list[Candidate]:
        """Every sentence of a small scope (one article, a few short ones; or the article
        reread in a large one, see ``ARTICLES_REREAD``), with its BM25 score when BM25 found
        it: reranking an article costs a few milliseconds (~0.2 ms a sentence), and BM25's idf is
        unreliable on tiny corpora (a word in half of a two-sentence article scores zero)."""
        scores = {sentence.id: score for _, sentence, score in hits}
        out = []
        bundles = await self.cache.bundles(groups)
        for group in groups:
            bundle = bundles.get(group) or await self.cache.bundle(group)
            out.extend((bundle, s, scores.get(s.id, 0.0)) for s in bundle.sentences)
        return out

    async def _candidates(self, hits: Iterable[Any], *, whole: bool = False
                          ) -> list[Candidate]:
        """BM25 hits as sentences, plus the sentence after each strong hit when it leans on it
        ("The raids came..."). Their articles are read partially (the hits and the
        sentences around them, see ``CONTEXT_READ``) unless ``whole``."""
        seen: set[int] = set()
        out: list[Candidate] = []
        hits = list(hits)
        wanted: dict[int, list[int]] | None = None
        if not whole:
            wanted = {}
            for rank, hit in enumerate(hits):
                wanted.setdefault(hit.group, []).extend(
                    hit.key + offset
                    for offset in (CONTEXT_READ_STRONG if rank < 10 else CONTEXT_READ))
        bundles = await self.cache.bundles((hit.group for hit in hits), wanted=wanted)
        for rank, hit in enumerate(hits):
            bundle = bundles.get(hit.group) or await self.cache.bundle(hit.group)
            # only the hit's own sentence is built (``SentenceRows``), not its article's
            position = bundle.sentences.position_of(hit.key)
            if position is None or hit.key in seen:
                continue
            seen.add(hit.key)
            sentence = bundle.sentences[position]
            out.append((bundle, sentence, float(hit.score)))
            if rank < 10:
                following = sentence.position + 1
                if following < len(bundle.sentences):
                    nxt = bundle.sentences[following]
                    if nxt.anaphoric and nxt.id not in seen:
                        seen.add(nxt.id)
                        out.append((bundle, nxt, 0.0))
        return out
