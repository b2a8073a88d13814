"""The reranker's data handed over ready (``answer_data``, ``sentence_rows``) equals what the
reranker would compute itself, so that answers cannot change with it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import chain

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import sentence_context
from retrieval.answer_data import PARAGRAPH_KEY
from retrieval.paragraph_counts import IndexedParagraphCounts, count_paragraph_terms
from retrieval.scope import Scope
from retrieval.sentence_rows import ParagraphTermCounts, SentenceRows
from retrieval.service import ArticleLibrary
from retrieval.store import ArticleBundle
from tests.conftest import EVAL_ARTICLES


def _reference(texts: list[str]) -> Counter[str]:
    return Counter(chain.from_iterable(set(text.split()) for text in texts))


async def test_prefilled_paragraph_counts_are_the_rerankers_own(
    library: ArticleLibrary,
) -> None:
    for path in EVAL_ARTICLES[:3]:
        await library.ingest_path(path)
    for row in await library.articles(Scope.all()):
        bundle = await library.bundle(row.id)
        # a copy without the prefilled data: the reranker computes the counts itself
        plain = replace(bundle, derived={})
        first_of = {}
        for sentence in bundle.sentences:
            first_of.setdefault(sentence.paragraph, sentence)
        words = sorted({t for s in bundle.sentences for t in s.terms}
                       | {"zzz", "", "a b", "the"})
        for paragraph, sentence in first_of.items():
            key = (PARAGRAPH_KEY, paragraph)
            assert key in bundle.derived, "sentence_context._paragraph_counts changed its key"
            own = sentence_context._paragraph_counts(plain, paragraph)
            ready = bundle.derived[key]
            assert isinstance(ready, IndexedParagraphCounts)
            # first from the rows, then the index's counts of the same words
            for word in words:
                assert ready.get(word, 0) == own.get(word, 0), word
            count_paragraph_terms(library.index, words, [(bundle, sentence, 0.0)])
            assert not ready.unknown(words), "the index did not count the paragraph"
            for word in words:
                assert ready.get(word, 0) == own.get(word, 0), word
                assert ready.get(word) == own.get(word), word
                assert (word in ready) == (word in own), word
            assert dict(ready) == dict(own)


async def test_sentence_rows_read_like_a_list(library: ArticleLibrary) -> None:
    result = await library.ask("How many people were wounded in Tuesday's attacks?",
                               Scope.all())
    assert result.answers
    bundle = await library.bundle(result.answers[0].article.id)
    assert isinstance(bundle, ArticleBundle) and isinstance(bundle.sentences, SentenceRows)
    listed = list(bundle.sentences)
    assert [s.position for s in listed] == list(range(len(listed)))
    assert bundle.sentences[-1] is listed[-1] and bundle.sentences[1:3] == listed[1:3]
    for sentence in listed:
        assert bundle.sentences.position_of(sentence.id) == sentence.position
    assert bundle.sentences.position_of(-5) is None


_TERM = st.text(st.sampled_from("ab|\t\u00a0 \n"), min_size=0, max_size=4)


@given(st.lists(st.text(st.sampled_from("ab| \t\u00a0\n"), max_size=12), min_size=1,
                max_size=5), _TERM)
def test_counts_by_substring_equal_counts_by_split(texts: list[str], term: str) -> None:
    counts = ParagraphTermCounts(texts)
    reference = _reference(texts)
    for word in [term, *reference]:
        assert counts.get(word, 0) == reference.get(word, 0), (texts, word)
        assert counts.get(word) == reference.get(word)
    assert dict(counts) == dict(reference)


@pytest.mark.parametrize("texts", [["police say attack"], ["a b", "b c", "c"], [""]])
def test_counts_of_simple_paragraphs(texts: list[str]) -> None:
    counts = ParagraphTermCounts(texts)
    reference = _reference(texts)
    for word in ["a", "b", "c", "police", "attack", "x", "", " a", "a b"]:
        assert counts.get(word, 0) == reference.get(word, 0)


async def test_bundles_loaded_for_answering_get_the_same_entities_later(
    library: ArticleLibrary,
) -> None:
    row = (await library.articles(Scope.all()))[0]
    full = await library.store.load_bundle(row.id)
    light = (await library.store.load_bundles([row.id], entities=False))[row.id]
    assert full is not None and full.entities and not light.entities
    assert not light.entities_loaded
    await library.store.load_entities([light])
    assert light.entities_loaded and light.entities == full.entities
    # the library's cache: an answer loads it with its entities (the reranker reads what
    # sentences call them), the same ones the entity list shows
    library._bundle_cache.clear()
    await library.ask("How many people were wounded?", Scope.all())
    assert library._bundle_cache.cached(row.id).entities_loaded
    assert library._bundle_cache.cached(row.id).entities == full.entities
    assert (await library.bundle(row.id)).entities == full.entities
    found = await library.entities(Scope.all(), article_id=row.id)
    assert sum(len(items) for items in found.values()) > 0
