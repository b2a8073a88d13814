"""BM25 parameters and the per-document weight formula shared by building and scoring."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class _Params:
    k1: float
    b: float
    epsilon: float


def _norm(dl: np.ndarray, avgdl: float, params: _Params) -> np.ndarray:
    return params.k1 * (1 - params.b + params.b * dl.astype(np.float64) / avgdl)


def _tf_of(g: np.ndarray, norm: np.ndarray, params: _Params) -> np.ndarray:
    """Invert ``g = tf*(k1+1)/(tf+K)``: ``tf = g*K/(k1+1-g)``, rounded.

    Storing tf next to g would cost a byte per posting and per head-term document; the
    inversion is exact whenever float32 keeps enough digits, which the builder checks for
    every posting (and stores tf when it does not hold, e.g. k1 = 0)."""
    g = g.astype(np.float64)
    return np.rint(g * norm / (params.k1 + 1 - g)).astype(np.int64)
