"""The sentence encoder alone: a question's vector, and a new article's sentences in batches.

* **Questions**: the evaluation's real questions (``tests/data``), each encoded alone as the
  reranker and the question worker do, by every runtime in turn (interleaved question by
  question, so both see the same machine); CPU time of this process (``time.process_time``:
  all threads, so a BLAS that splits a product across threads pays for both) and wall time.
* **Batches**: the evaluation articles' sentences in article order, in batches of
  ``PRECOMPUTE_BATCH`` (8) as ``SemanticSimilarity.precompute`` encodes a new article;
  sentences per CPU second and per wall second.
* **Same vectors**: the largest absolute difference between each runtime's vectors and
  numpy's (the reference, ``SentenceEncoder._forward``), and the smallest cosine between
  them, over every question and sentence.

A runtime is ``onnx`` or ``numpy``, or ``onnx-int8`` for ONNX Runtime with int8 weights
(``SentenceEncoder(precision="int8")``).

Run: ``python -m benchmarks.encoder_bench [--questions 400] [--sentences 400]
[--runtimes onnx,onnx-int8,numpy] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import load_question_sets, summarise_ms, write_json
from retrieval.semantic_rerank import PRECOMPUTE_BATCH
from retrieval.sentence_encoder import SentenceEncoder, locate_model

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def real_questions(limit: int) -> list[str]:
    """The evaluation's questions, each once, in file order."""
    texts: dict[str, None] = {}
    for question_set in load_question_sets():
        texts.update(dict.fromkeys(question_set.questions + question_set.unanswerable))
    return list(texts)[:limit]


def real_sentences(limit: int) -> list[str]:
    """The evaluation articles' sentences (split at full stops: close enough for timing), in
    article order, each once."""
    texts: dict[str, None] = {}
    for question_set in load_question_sets():
        if question_set.article is None:
            continue
        body = Path(question_set.article).read_text(encoding="utf-8")
        if "\n---\n" in body[:2000]:
            body = body.split("\n---\n", 1)[1]
        for paragraph in body.splitlines():
            texts.update(dict.fromkeys(s for s in SENTENCE_END.split(paragraph.strip())
                                       if len(s) > 3))
    return list(texts)[:limit]


def _timed(encode: Any, texts: list[str]) -> tuple[np.ndarray, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = encode(texts)
    return vectors, time.process_time() - cpu, time.perf_counter() - wall


def run(questions: int, sentences: int, runtimes: list[str]) -> dict[str, Any]:
    directory = locate_model()
    encoders = {name: SentenceEncoder(directory, verify=False, runtime=name.partition("-")[0],
                                      precision=name.partition("-")[2] or "float32")
                for name in runtimes}
    reference = encoders.get("numpy") or SentenceEncoder(directory, verify=False,
                                                         runtime="numpy")
    asked = real_questions(questions)
    said = real_sentences(sentences)
    for encoder in encoders.values():  # first calls are slower (allocation, page faults)
        for text in asked[:20]:
            encoder.encode([text])

    cpu: dict[str, list[float]] = {name: [] for name in encoders}
    wall: dict[str, list[float]] = {name: [] for name in encoders}
    vectors: dict[str, list[np.ndarray]] = {name: [] for name in encoders}
    names = list(encoders)
    for index, text in enumerate(asked):
        for name in names[index % 2:] + names[:index % 2]:  # alternate who goes first
            vector, cpu_s, wall_s = _timed(encoders[name].encode, [text])
            cpu[name].append(cpu_s)
            wall[name].append(wall_s)
            vectors[name].append(vector[0])
    expected_q = (np.stack(vectors["numpy"]) if "numpy" in vectors
                  else reference.encode(asked))

    batches = [said[start:start + PRECOMPUTE_BATCH]
               for start in range(0, len(said), PRECOMPUTE_BATCH)]
    batch_cpu = {name: 0.0 for name in encoders}
    batch_wall = {name: 0.0 for name in encoders}
    batch_vectors: dict[str, list[np.ndarray]] = {name: [] for name in encoders}
    for index, batch in enumerate(batches):
        for name in names[index % 2:] + names[:index % 2]:
            vector, cpu_s, wall_s = _timed(encoders[name].encode, batch)
            batch_cpu[name] += cpu_s
            batch_wall[name] += wall_s
            batch_vectors[name].append(vector)
    expected_s = (np.concatenate(batch_vectors["numpy"]) if "numpy" in batch_vectors
                  else np.concatenate([reference.encode(b) for b in batches]))

    result: dict[str, Any] = {"questions": len(asked), "sentences": len(said),
                              "batch": PRECOMPUTE_BATCH, "runtimes": {}}
    for name in encoders:
        said_vectors = np.concatenate(batch_vectors[name])
        result["runtimes"][name] = {
            "question_cpu": summarise_ms(cpu[name]),
            "question_wall": summarise_ms(wall[name]),
            "batch_sentences_per_cpu_s": round(len(said) / batch_cpu[name], 1),
            "batch_sentences_per_wall_s": round(len(said) / batch_wall[name], 1),
            "max_abs_diff_questions": float(np.abs(np.stack(vectors[name]) - expected_q).max()),
            "max_abs_diff_sentences": float(np.abs(said_vectors - expected_s).max()),
            "min_cosine_questions": float((np.stack(vectors[name]) * expected_q).sum(1).min()),
            "min_cosine_sentences": float((said_vectors * expected_s).sum(1).min()),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument("--runtimes", default="onnx,numpy")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    result = run(args.questions, args.sentences, args.runtimes.split(","))
    print(f"{result['questions']} questions alone, {result['sentences']} sentences in "
          f"batches of {result['batch']}")
    for name, figures in result["runtimes"].items():
        q_cpu, q_wall = figures["question_cpu"], figures["question_wall"]
        print(f"{name:6s} question CPU p50 {q_cpu['p50_ms']:.2f} p99 {q_cpu['p99_ms']:.2f} ms "
              f"(wall {q_wall['p50_ms']:.2f} / {q_wall['p99_ms']:.2f}); batches "
              f"{figures['batch_sentences_per_cpu_s']:.0f} sentences/CPU-s "
              f"({figures['batch_sentences_per_wall_s']:.0f}/wall-s); max |diff| from numpy "
              f"{figures['max_abs_diff_questions']:.1e} / {figures['max_abs_diff_sentences']:.1e}"
              f", min cosine {figures['min_cosine_questions']:.4f} / "
              f"{figures['min_cosine_sentences']:.4f}")
    if args.json is not None:
        write_json(args.json, result)


if __name__ == "__main__":
    main()
