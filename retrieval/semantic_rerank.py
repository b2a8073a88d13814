"""How close in meaning a question is to each of a few sentences, for the reranker.

The reranker (``answers.choose_answers``) hands its best few candidates here; their cosine
similarity to the question, from ``sentence_encoder``, is added to their scores. Only those
few are encoded (about 12 ms a sentence on one core), and every sentence's vector is kept, in
memory and (with ``StoredVectors``) in the database, so a sentence is encoded once however
often it is asked about and however often the bot restarts; ``precompute`` encodes a new
article's sentences in the background before anyone asks.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from retrieval.sentence_encoder import SentenceEncoder, locate_model
from retrieval.sentence_vectors import StoredVectors, rounded

#: Sentence vectors kept in memory (384 float16 each and the text: ~1 KB; 50,000 is ~50 MB).
SENTENCE_CACHE = 50_000
#: Sentences encoded at a time by ``precompute`` (~100 ms: the background thread lets go of
#: the model between batches).
PRECOMPUTE_BATCH = 8
#: Question vectors kept ("Another match" asks again within seconds; new questions, most of
#: them, are encoded anyway).
QUESTION_CACHE = 256


class _LRU:
    """A small least-recently-used map (callers hold the lock)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, np.ndarray] = OrderedDict()

    def get(self, key: str) -> np.ndarray | None:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: str, value: np.ndarray) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)


class _Model:
    """One model directory's encoder in one precision and the vectors it has computed, shared
    by every library of the process (a vector depends only on the text and the precision)."""

    def __init__(self, directory: Path, precision: str) -> None:
        self.encoder = SentenceEncoder(directory, precision=precision)
        self.lock = threading.Lock()
        self.sentences = _LRU(SENTENCE_CACHE)
        self.questions = _LRU(QUESTION_CACHE)


_load_lock = threading.Lock()


@lru_cache(maxsize=2)
def _cached_model(directory: Path, precision: str) -> _Model:
    return _Model(directory, precision)


def load_model(directory: Path, precision: str = "float32") -> _Model:
    """The model of ``directory`` in ``precision`` ("float32" or "int8"), loaded once per
    process (~0.2 s: the weights, ~90 MB, are read and their hash checked)."""
    with _load_lock:
        return _cached_model(directory, precision)


class SemanticSimilarity:
    """``similarity(question, sentences)`` → one cosine per sentence. The model loads on
    first use (or in ``load``, which the library's warm-up calls); safe to call from several
    threads."""

    def __init__(self, model_dir: Path | None = None,
                 stored: StoredVectors | None = None, precision: str = "float32") -> None:
        self.model_dir = model_dir
        self.stored = stored
        self.precision = precision
        self._model: _Model | None = None

    def load(self) -> _Model:
        if self._model is None:
            model = load_model(locate_model(self.model_dir), self.precision)
            if self.stored is not None and self.stored.variant != model.encoder.vector_variant:
                # a precision's vectors must never be read as another's
                raise ValueError(
                    f"stored vectors of variant {self.stored.variant!r} for an encoder "
                    f"computing {model.encoder.vector_variant!r}")
            self._model = model
        return self._model

    def remember(self, question: str, vector: np.ndarray) -> None:
        """Keep ``question``'s vector, computed elsewhere (the question worker process), for
        the call that follows (on the same CPU thread: it may load the model)."""
        model = self.load()
        with model.lock:
            model.questions.put(question, vector)

    def __call__(self, question: str, sentences: Sequence[str]) -> list[float]:
        model = self.load()
        with model.lock:
            question_vector = model.questions.get(question)
        known = self._known(model, sentences)
        missing = [text for text in dict.fromkeys(sentences) if text not in known]
        to_encode = missing if question_vector is not None else [question, *missing]
        if to_encode:
            encoded = dict(zip(to_encode, model.encoder.encode(to_encode), strict=True))
            if question_vector is None:
                question_vector = encoded[question]
                if question not in missing:  # (a question may be a sentence, word for word)
                    del encoded[question]
                with model.lock:
                    model.questions.put(question, question_vector)
            new = self._keep(model, encoded)
            known.update(new)
            if self.stored is not None:
                self.stored.save(new)
        assert question_vector is not None
        return [float(np.dot(question_vector, known[text])) for text in sentences]

    def precompute(self, sentences: Sequence[str]) -> int:
        """Encode and store the vectors of ``sentences`` not stored yet, a few at a time (on
        ``StoredVectors``' background thread, for an article just added); returns how many
        were encoded. Vectors this process already holds are stored without encoding."""
        model = self.load()
        texts = list(dict.fromkeys(sentences))
        stored = self.stored.get_many(texts) if self.stored is not None else {}
        with model.lock:
            in_memory = {text: vector for text in texts if text not in stored
                         and (vector := model.sentences.get(text)) is not None}
        if in_memory and self.stored is not None:
            self.stored.write(in_memory)
        missing = [text for text in texts if text not in stored and text not in in_memory]
        done = 0
        for start in range(0, len(missing), PRECOMPUTE_BATCH):
            if self.stored is not None and self.stored.closing:
                break
            batch = missing[start:start + PRECOMPUTE_BATCH]
            new = self._keep(model, dict(zip(batch, model.encoder.encode(batch), strict=True)))
            if self.stored is not None:
                self.stored.write(new)
            done += len(batch)
        return done

    def _known(self, model: _Model, sentences: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors of ``sentences`` kept in memory or stored."""
        with model.lock:
            known = {text: vector for text in sentences
                     if (vector := model.sentences.get(text)) is not None}
        if self.stored is not None and len(known) < len(set(sentences)):
            stored = self.stored.get_many(text for text in sentences if text not in known)
            if stored:
                with model.lock:
                    for text, vector in stored.items():
                        model.sentences.put(text, vector)
                known.update(stored)
        return known

    @staticmethod
    def _keep(model: _Model, encoded: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Newly encoded sentence vectors, rounded as they are kept (so that an answer does
        not depend on whether a vector was just computed or read back), now in memory."""
        kept = {text: rounded(vector) for text, vector in encoded.items()}
        with model.lock:
            for text, vector in kept.items():
                model.sentences.put(text, vector)
        return kept
