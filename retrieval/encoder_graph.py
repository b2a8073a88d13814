"""The sentence encoder's forward pass as an ONNX Runtime session, built from its own weights.

``sentence_encoder.SentenceEncoder._forward`` is the model in numpy: a question's ~12 word
pieces against six layers of weights, 24 products of a dozen rows by a weight matrix. numpy
hands each to OpenBLAS, whose ``sgemm`` copies ("packs") the weight matrix into its own
layout on every call: a product of ten rows costs as much as ten products of one row.
ONNX Runtime packs a constant weight matrix once, when the session is made, and its products
read the packed copy: ~2x less CPU a question (docs/performance.md, session 17).

The graph is written here with the ``onnx`` helpers, node by node after ``_forward`` (no
export from a deep-learning framework), and its weights are the encoder's own numpy arrays,
handed to the session as external initializers: the model's bytes hold no weights, so no
90 MB protobuf is built (ONNX Runtime 1.32 copies the arrays and packs the products' own
copy: ~110 MB more per process; the arrays are kept alive all the same, as its API asks).
One thread: the batches are a question or a few sentences, and the bot's other thread has
work of its own.

With ``precision="int8"`` each product but ``INT8_FLOAT_PRODUCTS`` is one
``DynamicQuantizeMatMul`` (ONNX Runtime's own operator, what its ``quantize_dynamic`` fuses
to): the weights int8, one scale per output column (``quantize_columns``), the input
quantized to uint8 per call, the bias added in the same node. A question's products then read
~12 MB of weights instead of 42 MB and run as int8 dot products (AVX-512 VNNI on this
project's machine: four multiply-adds where float32 does one): ~1.9 ms a question instead of
~4.1 (docs/performance.md).
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any

import numpy as np

# ONNX Runtime 1.2x+ on Linux keeps a device id under ~/.cache/Microsoft and sends usage
# events to Microsoft unless told not to: a bot writes only to its data directory and sends
# nothing anywhere but Discord (tests/reliability/test_secrets.py checks the first). Read
# when onnxruntime is imported, so it is set before any import of it.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

if TYPE_CHECKING:
    from retrieval.sentence_encoder import SentenceEncoder

#: The ONNX operator set (18: the reductions take their axes as an input).
OPSET = 18
#: The int8 graph's products left in float32: the first layer's feed-forward output. Its
#: input (the first layer's GELU, 1536 wide) has the largest peak against its spread of any
#: product's input (~100 standard deviations in a news sentence, as the second layer's), so
#: one uint8 scale for all of it (``DynamicQuantizeMatMul`` quantizes its input per tensor)
#: loses the most; of the six ``down`` products it is the one whose float32 helps most. Kept
#: in float32 it lifts the share of vectors within cosine 0.99 of float32's from 95.5% to
#: 99.4% (the evaluation articles' questions and sentences) for ~0.2 ms a question
#: (docs/performance.md).
INT8_FLOAT_PRODUCTS: frozenset[str] = frozenset({"layer0.down"})
#: Changes whenever the int8 graph's vectors would (the products above, the rounding in
#: ``quantize_columns``): stored vectors are keyed by it (``sentence_vectors.vector_key``).
INT8_SCHEME = "int8.1"


def runtime_available() -> bool:
    """Whether ``onnx`` and ``onnxruntime`` can be imported."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class _Graph:
    """Nodes and initializers, named as they are added."""

    def __init__(self, precision: str = "float32",
                 float_products: frozenset[str] = frozenset()) -> None:
        self.precision = precision
        #: products kept in float32 when ``precision`` is "int8" (e.g. "layer0.down")
        self.float_products = float_products
        self.nodes: list[Any] = []
        self.weights: dict[str, np.ndarray] = {}
        self.constants: dict[str, np.ndarray] = {}
        self.count = 0

    def weight(self, name: str, array: np.ndarray) -> str:
        self.weights[name] = np.ascontiguousarray(array)
        return name

    def constant(self, name: str, value: Any, dtype: type) -> str:
        if name not in self.constants:
            self.constants[name] = np.array(value, dtype=dtype)
        return name

    def node(self, op: str, inputs: list[str], outputs: int = 1, **attributes: Any) -> Any:
        from onnx import helper

        self.count += 1
        names = [f"{op.lower()}_{self.count}_{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(op, inputs, names, **attributes))
        return names[0] if outputs == 1 else names

    def layer_norm(self, x: str, norm: tuple[np.ndarray, np.ndarray], name: str,
                   eps: float) -> str:
        return self.node("LayerNormalization", [x, self.weight(name + ".gain", norm[0]),
                                                self.weight(name + ".bias", norm[1])],
                         axis=-1, epsilon=eps)

    def dense(self, x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        if self.precision == "int8" and name not in self.float_products:
            quantized, scale = quantize_columns(weight)
            return self.node("DynamicQuantizeMatMul",
                             [x, self.weight(name + ".weight", quantized),
                              self.weight(name + ".scale", scale),
                              self.weight(name + ".zero", np.zeros(scale.shape, np.int8)),
                              self.weight(name + ".bias", bias)], domain="com.microsoft")
        product = self.node("MatMul", [x, self.weight(name + ".weight", weight)])
        return self.node("Add", [product, self.weight(name + ".bias", bias)])


def quantize_columns(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``weight`` (inputs x outputs) as int8 and one float32 scale per output column:
    symmetric, the column's largest magnitude maps to 127."""
    peak = np.abs(weight).max(axis=0)
    scale = (np.where(peak > 0, peak, 1.0) / 127.0).astype(np.float32)
    quantized = np.clip(np.rint(weight / scale), -127, 127).astype(np.int8)
    return quantized, scale


class OnnxForward:
    """``encoder._forward`` in ONNX Runtime: ``forward(ids, mask)`` with ``ids`` int64 (texts ×
    pieces, padded) and ``mask`` float32 (1 for a piece, 0 for padding) gives the texts' unit
    vectors (float32, texts × dimension)."""

    def __init__(self, encoder: SentenceEncoder, layer_norm_eps: float,
                 precision: str = "float32",
                 float_products: frozenset[str] = INT8_FLOAT_PRODUCTS) -> None:
        import onnxruntime

        model, weights = _model(encoder, layer_norm_eps, precision, float_products)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3  # errors only
        # external initializers must outlive the session (ONNX Runtime's API), so they are
        # kept here with it
        self._weights = weights
        self._values = [onnxruntime.OrtValue.ortvalue_from_numpy(array)
                        for array in weights.values()]
        options.add_external_initializers(list(weights), self._values)
        self._session = onnxruntime.InferenceSession(model, options,
                                                     providers=["CPUExecutionProvider"])

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self._session.run(["vectors"], {"ids": ids, "mask": mask})[0]


def _model(encoder: SentenceEncoder, layer_norm_eps: float, precision: str = "float32",
           float_products: frozenset[str] = INT8_FLOAT_PRODUCTS
           ) -> tuple[bytes, dict[str, np.ndarray]]:
    """The serialised ONNX model (without its weights) and the weights by name."""
    from onnx import TensorProto, helper, numpy_helper

    g = _Graph(precision, float_products)
    hidden = encoder.dimension
    heads = encoder.heads
    width = hidden // heads
    f32, i64 = np.float32, np.int64

    # embeddings: word piece + position + token type 0, then a layer norm
    length = g.node("Shape", ["ids"], start=1, end=2)
    zero = g.constant("zero", [0], i64)
    positions = g.node("Slice", [g.weight("position", encoder._position), zero, length, zero])
    x = g.node("Gather", [g.weight("word", encoder._word), "ids"])
    x = g.node("Add", [g.node("Add", [x, positions]),
                       g.weight("token_type", encoder._token_type)])
    x = g.layer_norm(x, encoder._norm, "embeddings", layer_norm_eps)

    # padding is never attended to: (1 - mask) * -1e9 added to the scores, (texts, 1, 1, pieces)
    mask4 = g.node("Unsqueeze", ["mask", g.constant("axes_1_2", [1, 2], i64)])
    one = g.constant("one", 1.0, f32)
    attention_bias = g.node("Mul", [g.node("Sub", [one, mask4]),
                                    g.constant("minus_1e9", -1e9, f32)])
    split_heads = g.constant("split_heads", [0, 0, heads, width], i64)
    join_heads = g.constant("join_heads", [0, 0, hidden], i64)
    scale = g.constant("scale", 1.0 / math.sqrt(width), f32)
    half = g.constant("half", 0.5, f32)
    root2 = g.constant("sqrt2", math.sqrt(2.0), f32)
    thirds = g.constant("qkv_split", [hidden, hidden, hidden], i64)

    for index, layer in enumerate(encoder._layers):
        name = f"layer{index}"
        qkv = g.dense(x, layer.qkv, layer.qkv_bias, name + ".qkv")
        query, key, value = g.node("Split", [qkv, thirds], outputs=3, axis=-1)
        query = g.node("Transpose", [g.node("Reshape", [query, split_heads])],
                       perm=[0, 2, 1, 3])
        key = g.node("Transpose", [g.node("Reshape", [key, split_heads])], perm=[0, 2, 3, 1])
        value = g.node("Transpose", [g.node("Reshape", [value, split_heads])],
                       perm=[0, 2, 1, 3])
        scores = g.node("Add", [g.node("Mul", [g.node("MatMul", [query, key]), scale]),
                                attention_bias])
        scores = g.node("Softmax", [scores], axis=-1)
        context = g.node("Reshape", [g.node("Transpose", [g.node("MatMul", [scores, value])],
                                            perm=[0, 2, 1, 3]), join_heads])
        attended = g.dense(context, layer.out, layer.out_bias, name + ".out")
        x = g.layer_norm(g.node("Add", [attended, x]), layer.norm1, name + ".norm1",
                         layer_norm_eps)
        up = g.dense(x, layer.up, layer.up_bias, name + ".up")
        # exact GELU: 0.5 * u * (1 + erf(u / sqrt 2))
        gelu = g.node("Mul", [g.node("Mul", [up, half]),
                              g.node("Add", [g.node("Erf", [g.node("Div", [up, root2])]), one])])
        down = g.dense(gelu, layer.down, layer.down_bias, name + ".down")
        x = g.layer_norm(g.node("Add", [down, x]), layer.norm2, name + ".norm2",
                         layer_norm_eps)

    # mean over the text's pieces, then unit length
    axis1 = g.constant("axis_1", [1], i64)
    mask3 = g.node("Unsqueeze", ["mask", g.constant("axis_2", [2], i64)])
    summed = g.node("ReduceSum", [g.node("Mul", [x, mask3]), axis1], keepdims=0)
    pooled = g.node("Div", [summed, g.node("ReduceSum", ["mask", axis1], keepdims=1)])
    norm = g.node("ReduceL2", [pooled, axis1], keepdims=1)
    floor = g.constant("norm_floor", 1e-12, f32)
    g.nodes.append(helper.make_node("Div", [pooled, g.node("Max", [norm, floor])], ["vectors"]))

    # the constants (shapes, axes, scalars) are in the model; every weight is declared as
    # stored outside it, and handed over below
    declared = [numpy_helper.from_array(array, name) for name, array in g.constants.items()]
    for name, array in g.weights.items():
        tensor = TensorProto(name=name, dims=array.shape,
                             data_type=helper.np_dtype_to_tensor_dtype(array.dtype),
                             data_location=TensorProto.EXTERNAL)
        entry = tensor.external_data.add()
        entry.key, entry.value = "location", "article-bot-encoder"
        declared.append(tensor)
    graph = helper.make_graph(
        g.nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["texts", "pieces"]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["texts", "pieces"])],
        [helper.make_tensor_value_info("vectors", TensorProto.FLOAT, ["texts", hidden])],
        declared)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                    helper.make_opsetid("com.microsoft", 1)])

    return model.SerializeToString(), g.weights
