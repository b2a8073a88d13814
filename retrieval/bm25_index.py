"""The BM25 index (the ``retrieval.bm25`` package) under the name the rest of the project uses."""

from retrieval.bm25 import BM25Index, Hit, IndexFormatError, KeyRun

__all__ = ["BM25Index", "Hit", "IndexFormatError", "KeyRun"]
