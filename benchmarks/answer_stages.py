"""Per-stage cost of ``ArticleLibrary.ask`` at scale, in CPU time as well as wall time.

The machine is shared, so wall times are noisy: every stage is also timed in CPU time of
this process (``time.process_time``) with the library's executors run inline, so spaCy,
BM25 and the reranker run on the asking thread and the only other busy thread is
aiosqlite's (whose SQLite work is part of "load"). The scale library (the real articles plus
N synthetic sentences, as in ``answer_bench``) is kept under ``--workdir`` and reused by
later runs, because building the 1M one takes minutes. The "gc" row is the garbage
collector's pauses during each ask (also counted in whichever stage allocated at the time).
Within "rerank", "rules" is the reranker's scoring of every candidate (``score_candidates``)
and "semantic" the sentence model's judgement of the close ones (mostly encoding the
question; zero in asks that need none).

Run: ``python -m benchmarks.answer_stages [--size 1000000] [--workdir DIR] [--passes 2]
[--precision float32|int8] [--profile] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import json
import pstats
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.answer_bench import (
    _InlineExecutor,
    populate_synthetic,
    question_plan,
    real_terms_by_frequency,
    scope_for,
)
from benchmarks.common import (
    bench_settings,
    copy_database,
    load_question_sets,
    percentile,
    real_library_db,
)

STAGES = ("analyse", "bm25", "candidates", "  load", "  remember", "whole_scope", "rerank",
          "  rules", "  semantic", "gc", "total")


async def scale_db(workdir: Path, size: int) -> Path:
    """The scale library's database under ``workdir``, built on first use."""
    directory = workdir / f"scale-{size}"
    db = directory / "bench.sqlite3"
    if (directory / "READY").exists():
        return db
    template, _ = await real_library_db(workdir)
    db = copy_database(template, directory)
    populate_synthetic(db, size, real_terms_by_frequency(template))
    (directory / "READY").write_text("ok\n")
    return db


class _Timer:
    """Wraps callables and adds their wall and CPU time to a per-stage tally."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.cpu: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self._gc_start: tuple[float, float] | None = None

    def reset(self) -> None:
        for stage in STAGES:
            self.wall[stage] = self.cpu[stage] = 0.0

    def gc_callback(self, phase: str, info: dict[str, int]) -> None:
        """For ``gc.callbacks``: the garbage collector's pauses, as stage "gc" (they fall
        inside whichever stage allocated, so they are counted there too)."""
        if phase == "start":
            self._gc_start = (time.perf_counter(), time.process_time())
        elif self._gc_start is not None:
            wall, cpu = self._gc_start
            self.wall["gc"] += time.perf_counter() - wall
            self.cpu["gc"] += time.process_time() - cpu
            self._gc_start = None

    def wrap_sync(self, stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.wall[stage] += time.perf_counter() - wall
                self.cpu[stage] += time.process_time() - cpu

        return timed

    def wrap_async(self, stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return await func(*args, **kwargs)
            finally:
                self.wall[stage] += time.perf_counter() - wall
                self.cpu[stage] += time.process_time() - cpu

        return timed


def _instrument(library: Any, timer: _Timer) -> Callable[[], None]:
    """Time the library's stages into ``timer``; returns what undoes the one change made
    outside the library (the reranker's rules, a module function)."""
    from retrieval import answers as answers_module

    threads, answers, cache = library._threads, library._answers, library._bundle_cache
    inline = _InlineExecutor()
    threads.nlp_executor = threads.cpu_executor = inline
    library.analyse = timer.wrap_async("analyse", library.analyse)
    answers._candidates = timer.wrap_async("candidates", answers._candidates)
    answers._whole_scope = timer.wrap_async("whole_scope", answers._whole_scope)
    library.index.search = timer.wrap_sync("bm25", library.index.search)
    # SQLite reads of the candidates' bundles
    cache.load_for_answers = timer.wrap_async("  load", cache.load_for_answers)
    cache.remember = timer.wrap_sync("  remember", cache.remember)
    # the paragraph counts asked of the index, then choosing
    answers._rerank = timer.wrap_sync("rerank", answers._rerank)
    # within it, the rules' scores of every candidate and the sentence model's judgement of
    # the close ones (encoding the question, in most asks)
    score_candidates = answers_module.score_candidates
    answers_module.score_candidates = timer.wrap_sync("  rules", score_candidates)
    if answers.similarity is not None:
        answers.similarity = _TimedSimilarity(answers.similarity, timer)

    def undo() -> None:
        answers_module.score_candidates = score_candidates

    return undo


class _TimedSimilarity:
    """A ``SemanticSimilarity`` whose calls count as stage "  semantic"."""

    def __init__(self, similarity: Any, timer: _Timer) -> None:
        self._similarity = similarity
        self._call = timer.wrap_sync("  semantic", similarity.__call__)

    def __call__(self, question: str, sentences: list[str]) -> list[float]:
        return self._call(question, sentences)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._similarity, name)


def _summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"{percentile(ms, 50):6.2f} / {percentile(ms, 99):6.2f}"


def _stage_json(wall: list[float], cpu: list[float]) -> dict[str, float]:
    """A stage's p50 / p99, wall and CPU, in ms (as printed)."""
    out = {}
    for name, values in (("wall", wall), ("cpu", cpu)):
        ms = [v * 1000 for v in values]
        out[f"{name}_p50_ms"] = round(percentile(ms, 50), 3)
        out[f"{name}_p99_ms"] = round(percentile(ms, 99), 3)
    return out


async def run(size: int, workdir: Path, passes: int, profile: bool, modes: list[str],
              dump: Path | None = None, json_path: Path | None = None,
              precision: str | None = None) -> dict[str, Any]:
    from retrieval.service import ArticleLibrary

    db = await scale_db(workdir, size)
    start = time.perf_counter()
    settings = bench_settings(db.parent, db_path=db)
    if precision is not None:
        settings = settings.model_copy(update={"encoder_precision": precision})
    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    print(f"open {time.perf_counter() - start:.2f} s; {library.index.n_docs} sentences")
    timer: _Timer | None = None
    undo: Callable[[], None] | None = None
    report: dict[str, Any] = {"size": size, "sentences": library.index.n_docs,
                              "passes": passes, "encoder_precision": settings.encoder_precision,
                              "modes": {}}
    try:
        await library.warm_up()
        plan = await question_plan(library, load_question_sets())
        timer = _Timer()
        undo = _instrument(library, timer)
        gc.callbacks.append(timer.gc_callback)
        profiler = cProfile.Profile() if profile else None
        for mode in modes:
            wall: dict[str, list[float]] = {s: [] for s in STAGES}
            cpu: dict[str, list[float]] = {s: [] for s in STAGES}
            for number in range(passes + (profiler is not None)):
                for asked in plan:
                    chosen = scope_for(mode, asked.article_id)
                    if chosen is None:
                        continue
                    scope, article_id = chosen
                    timer.reset()
                    profiling = profiler is not None and number == passes
                    if profiling:
                        profiler.enable()
                    w, c = time.perf_counter(), time.process_time()
                    await library.ask(asked.text, scope, article_id=article_id)
                    timer.wall["total"] = time.perf_counter() - w
                    timer.cpu["total"] = time.process_time() - c
                    if profiling:
                        profiler.disable()
                        continue  # an extra pass under the profiler, not timed
                    if number == 0 and passes > 1:
                        continue  # the first pass warms the lexicon caches
                    for stage in STAGES:
                        wall[stage].append(timer.wall[stage])
                        cpu[stage].append(timer.cpu[stage])
            print(f"{mode} (n={len(wall['total'])}), p50 / p99 ms:   wall            cpu")
            for stage in STAGES:
                print(f"  {stage:12s} {_summary(wall[stage])}   {_summary(cpu[stage])}")
            report["modes"][mode] = {"n": len(wall["total"]), "stages": {
                stage.strip(): _stage_json(wall[stage], cpu[stage]) for stage in STAGES}}
        if profiler is not None:
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text)
            stats.sort_stats("tottime").print_stats(35)
            stats.sort_stats("cumulative").print_stats(45)
            print(text.getvalue())
            if dump is not None:
                profiler.dump_stats(str(dump))
    finally:
        if undo is not None:
            undo()
        if timer is not None and timer.gc_callback in gc.callbacks:
            gc.callbacks.remove(timer.gc_callback)
        await library.close()
    if json_path is not None:
        json_path.write_text(json.dumps(report, indent=1) + "\n")
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/answer-stages"))
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--modes", default="guild,article,all")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path, default=None, help="write the cProfile stats here")
    parser.add_argument("--json", type=Path, default=None, dest="json_path",
                        help="write each mode's stage percentiles here")
    parser.add_argument("--precision", choices=["float32", "int8"], default=None,
                        help="the sentence model's weights (default: the setting's)")
    args = parser.parse_args(argv)
    asyncio.run(run(args.size, args.workdir, args.passes, args.profile or args.dump is not None,
                    args.modes.split(","), args.dump, args.json_path, args.precision))


if __name__ == "__main__":
    main()
