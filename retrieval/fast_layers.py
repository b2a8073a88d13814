"""thinc's ``Maxout``, ``LayerNorm`` and ``HashEmbed`` layers, as spaCy's tok2vec runs them to
predict, with the same floats at less CPU.

The layers compute what their backward pass needs even when no backward pass follows, or use
a kernel that is slow for their shapes: the maxout kernel writes the index of each winning
piece beside its value, one element at a time (about a third of the cost of the matrix
product before it); the layer norm computes each row's mean twice and ``X - mean`` twice; the
embedding adds each token's four table rows by a call to BLIS's generic ``axpy`` per row.
When ``is_train`` is false these forwards compute the values only:

* maxout: the largest piece by ``numpy.maximum`` over the pieces, which are the same floats
  thinc's kernel picks from. Ties go to the earlier piece, as in thinc's kernel (numpy returns
  its second argument on equal values, so the later piece is passed first): a tie between
  ``0.0`` and ``-0.0`` gives the same zero. Only NaN pieces would be treated otherwise
  (numpy keeps a NaN; thinc's ``>`` passes over it), and a pipeline with NaN activations
  gives no useful output either way.
* layer norm: numpy's own ``mean`` and ``var`` operations, step by step in the same order
  (``numpy._core._methods._var``), keeping ``X - mean`` for the normalisation instead of
  computing it again; then the same scale and shift.
* hash embedding: the same keys, and the rows added by numpy from zeros in the same order.

When ``is_train`` is true they call thinc's own forward, so training is unchanged. The tests
compare each with thinc's on random and real input, bit for bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy
from thinc.layers import hashembed as thinc_hashembed
from thinc.layers import layernorm as thinc_layernorm
from thinc.layers import maxout as thinc_maxout

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from thinc.model import Model


def _no_backprop(_d: Any) -> Any:
    raise RuntimeError("a fast_layers forward was called with is_train=False: no backprop")


def maxout_forward(model: Model, X: Any, is_train: bool) -> tuple[Any, Callable]:
    """thinc's ``maxout.forward`` without the winners' indices when not training."""
    if is_train or not isinstance(X, numpy.ndarray) or X.dtype != numpy.float32:
        return thinc_maxout.forward(model, X, is_train)
    nO = model.get_dim("nO")
    nP = model.get_dim("nP")
    nI = model.get_dim("nI")
    b = model.get_param("b")
    W = model.ops.reshape2f(model.get_param("W"), nO * nP, nI)
    Y = model.ops.gemm(X, W, trans2=True)
    Y += model.ops.reshape1f(b, nO * nP)
    return max_of_pieces(Y.reshape((Y.shape[0], nO, nP))), _no_backprop


def max_of_pieces(Z: numpy.ndarray) -> numpy.ndarray:
    """``ops.maxout(Z)[0]`` for ``Z`` of shape (rows, outputs, pieces): the largest piece.
    thinc's kernel keeps the earlier piece unless a later one is greater; ``numpy.maximum(a,
    b)`` returns ``b`` when they are equal, so the later piece goes first."""
    pieces = Z.shape[2]
    best = numpy.array(Z[:, :, pieces - 1])
    for piece in range(pieces - 2, -1, -1):
        numpy.maximum(best, Z[:, :, piece], out=best)
    return best


def layernorm_forward(model: Model, X: Any, is_train: bool) -> tuple[Any, Callable]:
    """thinc's ``layernorm.forward`` (``(X - mu) * var ** -0.5 * G + b``) when not training,
    with ``X - mu`` computed once; each step is the numpy operation thinc's reaches."""
    if (is_train or not isinstance(X, numpy.ndarray) or X.dtype != numpy.float32
            or X.ndim != 2):
        return thinc_layernorm.forward(model, X, is_train)
    # X.mean(axis=1, keepdims=True): a sum, then a division by the count (a numpy intp)
    count = numpy.intp(X.shape[1])
    mu = numpy.add.reduce(X, axis=1, keepdims=True)
    mu = numpy.true_divide(mu, count, out=mu, casting="unsafe", subok=False)
    # X.var(axis=1, keepdims=True): the mean as above, then the mean of the squared deviations
    dist = numpy.subtract(X, mu)
    squares = numpy.square(dist)
    var = numpy.add.reduce(squares, axis=1, keepdims=True)
    var = numpy.true_divide(var, numpy.maximum(count - 0, 0), out=var, casting="unsafe",
                            subok=False)
    var = var + 1e-08
    # Xhat = (X - mu) * var ** (-1.0 / 2.0); Y = Xhat * G; Y += b
    dist *= var ** (-1.0 / 2.0)
    dist *= model.get_param("G")
    dist += model.get_param("b")
    return dist, _no_backprop


def hashembed_forward(model: Model, ids: Any, is_train: bool) -> tuple[Any, Callable]:
    """thinc's ``hashembed.forward`` when not training, with the rows of each hashed key
    added by numpy instead of one BLAS ``axpy`` call per row and key (thinc's ``gather_add``,
    which starts from zeros and adds a token's rows in key order, as here)."""
    vectors = model.get_param("E")
    if is_train or not isinstance(vectors, numpy.ndarray) or not len(ids):
        return thinc_hashembed.forward(model, ids, is_train)
    ids = model.ops.as_contig(ids, dtype="uint64")
    keys = model.ops.hash(ids, model.attrs["seed"]) % vectors.shape[0]
    output = numpy.zeros((keys.shape[0], vectors.shape[1]), dtype=vectors.dtype)
    for column in range(keys.shape[1]):
        output += vectors.take(keys[:, column], axis=0)
    return output, _no_backprop


#: thinc's forwards and the ones above that replace them.
_FORWARDS = {
    thinc_maxout.forward: maxout_forward,
    thinc_layernorm.forward: layernorm_forward,
    thinc_hashembed.forward: hashembed_forward,
}


def use_fast_layers(nlp: Language) -> int:
    """Give every thinc ``Maxout``, ``LayerNorm`` and ``HashEmbed`` layer in ``nlp``'s models
    the forwards above; the number of layers changed."""
    changed = 0
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            fast = _FORWARDS.get(node._func)
            if fast is not None:
                node._func = fast
                changed += 1
    return changed
