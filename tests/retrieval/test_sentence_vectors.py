"""Sentence vectors kept in the database: a sentence is encoded once, across restarts; a
long-lived bot encodes a new article's sentences before anyone asks; removing an article
removes its vectors; a broken cache never breaks an answer; a bot switched to the other
precision (float32 / int8 weights) never reads the first's vectors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from config.settings import Settings
from retrieval.scope import Scope
from retrieval.semantic_rerank import SemanticSimilarity, load_model
from retrieval.sentence_encoder import locate_model, vector_variant
from retrieval.sentence_vectors import StoredVectors, rounded
from retrieval.service import ArticleLibrary
from retrieval.store import Store
from tests.conftest import make_settings
from tests.retrieval.test_semantic_rerank import COUNCIL

#: The precision a library uses unless told otherwise (``make_settings``).
DEFAULT_PRECISION: str = Settings.model_fields["encoder_precision"].default

SENTENCES = ["The town council closed the old bridge on Monday.",
             "Engineers will inspect the bridge next spring."]


class EncodedTexts:
    """Records every text the process's model encodes (and forgets what it kept in memory
    first, so that only the database can spare it the work)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, precision: str = "float32") -> None:
        self.precision = precision
        model = load_model(locate_model(None), precision)
        model.sentences.items.clear()
        model.questions.items.clear()
        self.texts: list[str] = []
        real = model.encoder.encode

        def encode(texts: list[str]) -> np.ndarray:
            self.texts.extend(texts)
            return real(texts)

        monkeypatch.setattr(model.encoder, "encode", encode)

    def forget_memory(self) -> None:
        model = load_model(locate_model(None), self.precision)
        model.sentences.items.clear()
        model.questions.items.clear()


@pytest.fixture
async def database(tmp_path: Path) -> Path:
    path = tmp_path / "vectors.sqlite3"
    store = await Store.open(path)  # (its migrations make the table)
    await store.close()
    return path


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> Iterator[EncodedTexts]:
    """What ``SemanticSimilarity``'s default (float32) model encodes."""
    recorder = EncodedTexts(monkeypatch)
    yield recorder
    recorder.forget_memory()  # nothing this test computed (or stubbed) outlives it


@pytest.fixture
def encoded_by_library(monkeypatch: pytest.MonkeyPatch) -> Iterator[EncodedTexts]:
    """What a library's model (the default precision's) encodes."""
    recorder = EncodedTexts(monkeypatch, DEFAULT_PRECISION)
    yield recorder
    recorder.forget_memory()


def _stored_count(stored: StoredVectors, texts: list[str]) -> int:
    return len(stored.get_many(texts))


async def test_a_sentence_is_encoded_once_across_restarts(database: Path,
                                                          encoded: EncodedTexts) -> None:
    first = StoredVectors(database)
    cosines = SemanticSimilarity(None, first)("Who closed the bridge?", SENTENCES)
    first.close()  # the writes queued for the background thread are done
    assert sorted(encoded.texts) == sorted(["Who closed the bridge?", *SENTENCES])

    encoded.forget_memory()  # a new process
    encoded.texts.clear()
    second = StoredVectors(database)
    try:
        again = SemanticSimilarity(None, second)("Who closed the bridge?", SENTENCES)
    finally:
        second.close()
    assert encoded.texts == ["Who closed the bridge?"]  # the sentences came from the database
    # the same cosines whether a vector was just computed or read back (both kept rounded;
    # the question's own vector may differ in float32's last bits, alone or in a batch)
    assert again == pytest.approx(cosines, abs=1e-6)


async def test_precompute_encodes_only_what_is_not_kept(database: Path,
                                                        encoded: EncodedTexts) -> None:
    stored = StoredVectors(database)
    similarity = SemanticSimilarity(None, stored)
    try:
        assert similarity.precompute(SENTENCES) == 2
        assert similarity.precompute(SENTENCES) == 0
        assert _stored_count(stored, SENTENCES) == 2  # written at once, not queued
        encoded.texts.clear()
        similarity("Who inspects it?", SENTENCES)
        assert encoded.texts == ["Who inspects it?"]
    finally:
        stored.close()


async def test_an_unreadable_cache_does_not_stop_an_answer(tmp_path: Path,
                                                           encoded: EncodedTexts) -> None:
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("this is not SQLite\n" * 100)
    stored = StoredVectors(not_a_database)
    try:
        assert stored.get_many(SENTENCES) == {}
        cosines = SemanticSimilarity(None, stored)("Who closed the bridge?", SENTENCES)
        stored.in_background(lambda: None).result()  # its failed write is behind us
    finally:
        stored.close()
    assert cosines[0] > cosines[1]
    assert not_a_database.read_text() == "this is not SQLite\n" * 100  # left as it was


async def test_a_running_bot_encodes_a_new_article_before_anyone_asks(
        tmp_path: Path, encoded_by_library: EncodedTexts) -> None:
    encoded = encoded_by_library
    library = await ArticleLibrary.open(make_settings(tmp_path), ingest_seeds=False)
    try:
        quiet = await library.ingest_text(COUNCIL)
        await library.wait_vectors_stored()
        texts = _texts(await library.bundle(quiet.article.id))
        # not started (the CLI): nothing is encoded that nobody asked about
        assert library.stored_vectors(texts) == 0

        await library.start_precomputing()  # the bot, once ready: the waiting article first
        later = await library.ingest_text(COUNCIL.replace("1902", "1899").replace(
            "old bridge", "iron bridge"))
        await library.wait_vectors_stored()
        later_texts = _texts(await library.bundle(later.article.id))
        assert library.stored_vectors(texts) == len(set(texts))
        assert library.stored_vectors(later_texts) == len(set(later_texts))

        encoded.forget_memory()
        encoded.texts.clear()
        result = await library.ask("What did the council decide about the iron bridge?",
                                   Scope.all(), article_id=later.article.id)
        assert not result.abstained
        assert not set(encoded.texts) & set(later_texts)  # no sentence encoded on asking

        await library.forget(later.article.id, Scope.all())
        await library.wait_vectors_stored()
        # its own sentences' vectors are gone (one it shared word for word may go too:
        # it is encoded again when asked about)
        only_its_own = set(later_texts) - set(texts)
        assert only_its_own and library.stored_vectors(sorted(only_its_own)) == 0
    finally:
        await library.close()


async def test_a_switch_of_precision_never_reads_the_other_precisions_vectors(
        database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    question = "Who closed the bridge?"
    float32 = EncodedTexts(monkeypatch, "float32")
    int8 = EncodedTexts(monkeypatch, "int8")
    try:
        stored = StoredVectors(database)
        SemanticSimilarity(None, stored)(question, SENTENCES)
        stored.close()
        float32.forget_memory()  # a new process, now with int8 weights
        switched = StoredVectors(database, vector_variant("int8"))
        try:
            assert _stored_count(switched, SENTENCES) == 0  # float32's are there, not its own
            SemanticSimilarity(None, switched, "int8")(question, SENTENCES)
            assert sorted(int8.texts) == sorted([question, *SENTENCES])
            switched.in_background(lambda: None).result()
            int8_vectors = switched.get_many(SENTENCES)
        finally:
            switched.close()

        back = StoredVectors(database)  # and back to float32: its own vectors, as computed
        try:
            float32_vectors = back.get_many(SENTENCES)
            expected = rounded(load_model(locate_model(None)).encoder.encode(SENTENCES))
            for text, vector in zip(SENTENCES, expected, strict=True):
                assert np.array_equal(float32_vectors[text], vector)
                assert not np.array_equal(int8_vectors[text], vector)
            # an article removed takes both precisions' vectors with it
            back.forget(SENTENCES)
            back.in_background(lambda: None).result()
            assert _stored_count(back, SENTENCES) == 0
        finally:
            back.close()
        again = StoredVectors(database, vector_variant("int8"))
        try:
            assert _stored_count(again, SENTENCES) == 0
        finally:
            again.close()
    finally:
        float32.forget_memory()
        int8.forget_memory()


async def test_stored_vectors_of_another_precision_are_refused(database: Path) -> None:
    stored = StoredVectors(database)  # float32's
    try:
        with pytest.raises(ValueError, match="variant"):
            SemanticSimilarity(None, stored, "int8").load()
    finally:
        stored.close()


async def test_the_library_encodes_reads_and_stores_in_the_configured_precision(
        tmp_path: Path) -> None:
    library = await ArticleLibrary.open(make_settings(tmp_path, encoder_precision="int8"),
                                        ingest_seeds=False)
    try:
        assert library._vectors is not None and library._similarity is not None
        assert library._vectors.variant == vector_variant("int8")
        assert library._similarity.load().encoder.precision == "int8"
        assert library._questions.semantic is not None  # what the question worker loads
        assert library._questions.semantic.precision == "int8"
    finally:
        await library.close()


def _texts(bundle: object) -> list[str]:
    return [bundle.text(sentence) for sentence in bundle.sentences]  # type: ignore[attr-defined]
