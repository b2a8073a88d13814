"""Ingest and start-up benchmarks.

* **Bulk ingest** (what ``article-bot ingest DIR`` does): ``ArticleLibrary.ingest_many`` over
  a generated set of realistic, unique articles (``benchmarks.corpus``), with ``n_process`` 1
  and 2, into a fresh library. Throughput in sentences/s, spaCy already loaded (its load time
  is reported apart); the background index save is timed too. Each of the two passes runs in
  a process of its own (``spawn``), as a CLI ingest always does: run in this process, the
  2-worker pass came after the 1-process pass over the same articles and forked its workers
  with every cache (lemmas, WordNet) warm, ~10-15 % less worker CPU than the CLI pays.
  ``--in-process`` keeps the old way; the JSON says which (``bulk_isolation``).
* **Single-article latency**: ``ingest_path`` of one new article into the bulk-built library
  (what /ingest does), and that plus the index save it schedules.
* **Cold start**: a fresh ``python`` process that imports, opens the library on an existing
  database (seed only, then the bulk library) and warms up; wall time from spawn to ready.
* **Index load**: ``BM25Index.load`` of the bulk library's saved index, and the rebuild from
  the database that happens when no saved index matches.

Run: ``python -m benchmarks.ingest_bench [--articles 200] [--smoke] [--in-process]
[--json PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import (
    Deadline,
    bench_settings,
    copy_database,
    peak_rss_mb,
    summarise_ms,
    write_json,
)
from benchmarks.corpus import write_articles
from config.settings import PROJECT_ROOT

COLD_START_QUESTION = "How many people died in Tuesday's attacks in Brussels?"


def _cpu_seconds(reap: bool = False) -> tuple[float, float]:
    """CPU time (user + system) of this process and of its exited children; with ``reap``,
    after waiting for the worker processes, which bulk ingest leaves to exit on their own."""
    deadline = time.monotonic() + 10
    while reap and multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.01)
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


async def bench_bulk(paths: list[Path], n_process: int, directory: Path) -> dict[str, Any]:
    """Bulk ingest of ``paths`` into a fresh library under ``directory`` (left closed there)."""
    from retrieval.service import ArticleLibrary

    settings = bench_settings(directory)
    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    try:
        start = time.perf_counter()
        await library.warm_up()
        pipeline_s = time.perf_counter() - start
        stamps: list[float] = []
        counted = [0]

        def progress(sentences: int) -> None:
            counted[0] += sentences
            stamps.append(time.perf_counter())

        start = time.perf_counter()
        own_before, workers_before = _cpu_seconds()
        results = await library.ingest_many(paths, n_process=n_process, progress=progress)
        ingest_s = time.perf_counter() - start
        own_after, _ = _cpu_seconds()
        await library.wait_saved()
        saved_s = time.perf_counter() - start
        _, workers_after = _cpu_seconds(reap=True)  # after the timings: the wait is not ingest
        created = [r for r in results if not isinstance(r, Exception) and r.created]
        errors = [str(r) for r in results if isinstance(r, Exception)]
        sentences = sum(r.article.sentence_count for r in created)
        characters = sum(r.article.characters for r in created)
        return {
            "n_process": n_process,
            "articles": len(created),
            "errors": len(errors),
            "sentences": sentences,
            "characters": characters,
            "pipeline_load_s": round(pipeline_s, 3),
            "ingest_s": round(ingest_s, 3),
            "ingest_and_save_s": round(saved_s, 3),
            "first_article_s": round(stamps[0] - start, 3) if stamps else 0.0,
            "sentences_per_s": round(sentences / ingest_s, 1) if ingest_s else 0.0,
            # CPU time per 1,000 sentences, steadier than wall time on a shared machine
            "cpu_ms_per_1000_sentences": {
                "process": round(1e6 * (own_after - own_before) / max(sentences, 1)),
                "workers": round(1e6 * (workers_after - workers_before) / max(sentences, 1)),
            },
            "articles_per_s": round(len(created) / ingest_s, 2) if ingest_s else 0.0,
            "index_docs": library.index.n_docs,
            "index_memory_mb": round(library.index.memory_bytes() / 1e6, 2),
        }
    finally:
        await library.close()


def _bench_bulk_in_process_of_its_own(
    paths: list[Path], n_process: int, directory: Path
) -> dict[str, Any]:
    """``bench_bulk`` in this (spawned) process, as ``asyncio.run`` of it."""
    return asyncio.run(bench_bulk(paths, n_process, directory))


async def bench_bulk_isolated(paths: list[Path], n_process: int, directory: Path) -> dict[str, Any]:
    """``bench_bulk`` in a new process (``spawn``: nothing inherited, every cache cold, as in
    ``article-bot ingest``); its CPU figures are that process's and its workers'."""
    context = multiprocessing.get_context("spawn")
    _, before = _cpu_seconds()
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            pool, _bench_bulk_in_process_of_its_own, paths, n_process, directory
        )
    _, after = _cpu_seconds()  # the process has been joined, so its CPU is counted
    # the whole process, as `time` reports a CLI ingest: interpreter, imports, spaCy load,
    # warm-up, ingest, index save, and its workers
    result["whole_process_cpu_s"] = round(after - before, 3)
    return result


async def bench_single(db: Path, paths: list[Path], deadline: Deadline) -> dict[str, Any]:
    """One new article at a time into the existing library at ``db``."""
    from retrieval.service import ArticleLibrary

    settings = bench_settings(db.parent, db_path=db)
    library = await ArticleLibrary.open(settings, ingest_seeds=False)
    try:
        await library.warm_up()
        before = library.index.n_docs
        latencies: list[float] = []
        with_save: list[float] = []
        sentences: list[int] = []
        for path in paths:
            if deadline.expired:
                break
            start = time.perf_counter()
            result = await library.ingest_path(path)
            latencies.append(time.perf_counter() - start)
            await library.wait_saved()
            with_save.append(time.perf_counter() - start)
            sentences.append(result.article.sentence_count)
        return {
            "library_docs_before": before,
            "articles": len(latencies),
            "mean_sentences": round(sum(sentences) / len(sentences), 1) if sentences else 0.0,
            "latency": summarise_ms(latencies),
            "latency_with_index_save": summarise_ms(with_save),
        }
    finally:
        await library.close()


def _cold_start_once(db: Path, timeout: float) -> dict[str, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    t0 = time.time()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.coldstart_child",
            "--db",
            str(db),
            "--t0",
            str(t0),
            "--ask",
            COLD_START_QUESTION,
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    exit_s = time.time() - t0
    for line in completed.stdout.splitlines():
        if line.startswith("READY "):
            out = json.loads(line[6:])
            out["process_exit_s"] = exit_s
            return {k: round(v, 3) for k, v in out.items()}
    raise RuntimeError(
        f"cold-start child failed ({completed.returncode}): {completed.stderr[-2000:]}"
    )


def bench_cold_start(db: Path, runs: int, deadline: Deadline) -> dict[str, Any]:
    """``runs`` fresh processes opening ``db`` (a copy per run, so nothing is written back)."""
    samples = []
    for number in range(runs):
        if deadline.expired and samples:
            break
        with tempfile.TemporaryDirectory(prefix="coldstart-") as tmp:
            copy = copy_database(db, Path(tmp) / f"run{number}")
            samples.append(_cold_start_once(copy, timeout=max(30.0, deadline.left())))
    keys = samples[0].keys()
    best = {k: min(s[k] for s in samples) for k in keys}
    median = {k: sorted(s[k] for s in samples)[len(samples) // 2] for k in keys}
    return {"runs": len(samples), "median": median, "best": best}


async def bench_index_load(db: Path, repeats: int, directory: Path) -> dict[str, Any]:
    """Load the saved index of the library at ``db``; and rebuild it from the database."""
    from retrieval.bm25_index import BM25Index
    from retrieval.service import ArticleLibrary

    index_dir = Path(str(db) + ".index")
    size = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file())
    loads = []
    index = None
    for _ in range(repeats):
        start = time.perf_counter()
        index = BM25Index.load(index_dir)
        loads.append(time.perf_counter() - start)
    docs = index.n_docs if index is not None else 0
    # Rebuild path: the same database without its saved index.
    copy = copy_database(db, directory / "rebuild")
    shutil.rmtree(Path(str(copy) + ".index"), ignore_errors=True)
    Path(str(copy) + ".index.generation").unlink(missing_ok=True)
    start = time.perf_counter()
    library = await ArticleLibrary.open(
        bench_settings(copy.parent, db_path=copy), ingest_seeds=False
    )
    rebuild_s = time.perf_counter() - start
    await library.close()
    start = time.perf_counter()
    library = await ArticleLibrary.open(
        bench_settings(copy.parent, db_path=copy), ingest_seeds=False
    )
    reopen_s = time.perf_counter() - start
    await library.close()
    return {
        "index_docs": docs,
        "index_files_mb": round(size / 1e6, 2),
        "load": summarise_ms(loads),
        "open_with_rebuild_s": round(rebuild_s, 3),
        "open_with_saved_index_s": round(reopen_s, 3),
    }


async def run_async(
    *,
    smoke: bool = False,
    articles: int | None = None,
    workdir: Path | None = None,
    budget_s: float | None = None,
    log: Any = print,
    in_process: bool = False,
) -> dict[str, Any]:
    """Every ingest and start-up figure as one dict (see the module docstring); with
    ``in_process`` the bulk passes run in this process (warm caches for the second)."""
    n_articles = articles or (16 if smoke else 200)
    n_single = 3 if smoke else 10
    cold_runs = 1 if smoke else 3
    deadline = Deadline(budget_s or (60.0 if smoke else 900.0))
    owned = workdir is None
    base = Path(tempfile.mkdtemp(prefix="ingest-bench-")) if owned else workdir
    assert base is not None
    try:
        start = time.perf_counter()
        paths = write_articles(base / "articles", n_articles)
        extra = write_articles(base / "extra", n_single, start=100_000)
        generate_s = time.perf_counter() - start
        log(f"  ingest: generated {len(paths)}+{len(extra)} articles in {generate_s:.1f}s")
        bulk = []
        measure = bench_bulk if in_process else bench_bulk_isolated
        for n_process in (1, 2):
            result = await measure(paths, n_process, base / f"bulk-{n_process}")
            bulk.append(result)
            log(f"  ingest: n_process={n_process}: {result['sentences_per_s']} sentences/s")
        bulk_db = base / "bulk-2" / "bench.sqlite3"
        single = await bench_single(copy_database(bulk_db, base / "single"), extra, deadline)
        log(f"  ingest: single article p50 {single['latency']['p50_ms']} ms")

        seed_dir = base / "seed-only"
        from retrieval.service import ArticleLibrary

        seed_library = await ArticleLibrary.open(bench_settings(seed_dir), ingest_seeds=True)
        await seed_library.wait_saved()
        await seed_library.close()
        cold_seed = bench_cold_start(seed_dir / "bench.sqlite3", cold_runs, deadline)
        log(f"  ingest: cold start (seed db) {cold_seed['median']['since_spawn_s']} s")
        cold_bulk = bench_cold_start(bulk_db, cold_runs, deadline)
        log(
            f"  ingest: cold start ({n_articles}-article db) "
            f"{cold_bulk['median']['since_spawn_s']} s"
        )
        index_load = await bench_index_load(bulk_db, 3 if smoke else 10, base)
        return {
            "articles_generated": len(paths),
            "generate_s": round(generate_s, 3),
            # "spawn": each bulk pass in a new process (the CLI's cold caches); "in-process":
            # both in this one, the 2-worker pass after the 1-process one (warm caches)
            "bulk_isolation": "in-process" if in_process else "spawn",
            "bulk": bulk,
            "single": single,
            "cold_start_seed_db": cold_seed,
            "cold_start_bulk_db": cold_bulk,
            "index_load": index_load,
            "peak_rss_mb": peak_rss_mb(),
        }
    finally:
        if owned:
            shutil.rmtree(base, ignore_errors=True)


def run(**kwargs: Any) -> dict[str, Any]:
    return asyncio.run(run_async(**kwargs))


def report_lines(result: dict[str, Any]) -> list[str]:
    lines = [f"INGEST (bulk passes: {result.get('bulk_isolation', 'in-process')})"]
    for bulk in result["bulk"]:
        lines.append(
            f"  bulk ingest_many n_process={bulk['n_process']}: {bulk['articles']} articles, "
            f"{bulk['sentences']} sentences in {bulk['ingest_s']:.2f} s = "
            f"{bulk['sentences_per_s']:.0f} sentences/s ({bulk['articles_per_s']:.1f} "
            f"articles/s); first article after {bulk['first_article_s']:.2f} s; + index save "
            f"{bulk['ingest_and_save_s'] - bulk['ingest_s']:.2f} s; spaCy load "
            f"{bulk['pipeline_load_s']:.2f} s (not included); CPU per 1,000 sentences "
            f"{bulk['cpu_ms_per_1000_sentences']['process']} ms this process + "
            f"{bulk['cpu_ms_per_1000_sentences']['workers']} ms workers"
        )
    single = result["single"]
    lines.append(
        f"  single article into a {single['library_docs_before']}-sentence library: "
        f"p50 {single['latency']['p50_ms']:.0f} ms, max {single['latency']['max_ms']:.0f} ms "
        f"(n={single['articles']}, ~{single['mean_sentences']:.0f} sentences each); with the "
        f"index save: p50 {single['latency_with_index_save']['p50_ms']:.0f} ms"
    )
    lines.append("COLD START (fresh process -> library open + warm_up done; median of runs)")
    for name, key in (
        ("seed database", "cold_start_seed_db"),
        (f"{result['articles_generated']}-article database", "cold_start_bulk_db"),
    ):
        med = result[key]["median"]
        lines.append(
            f"  {name}: {med['since_spawn_s']:.2f} s to ready (interpreter "
            f"{med['interpreter_s']:.2f} + imports {med['imports_s']:.2f} + open "
            f"{med['open_s']:.2f} + warm_up {med['warm_up_s']:.2f}); first ask after that "
            f"{med.get('first_ask_s', 0) * 1000:.0f} ms; runs={result[key]['runs']}"
        )
    load = result["index_load"]
    lines.append(
        f"  saved index of the {result['articles_generated']}-article library "
        f"({load['index_docs']} sentences, {load['index_files_mb']} MB on disk): load p50 "
        f"{load['load']['p50_ms']:.1f} ms; open with rebuild from the database "
        f"{load['open_with_rebuild_s'] * 1000:.0f} ms, open with saved index "
        f"{load['open_with_saved_index_s'] * 1000:.0f} ms"
    )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the bulk passes in this process (the 2-worker one then forks warm caches)",
    )
    args = parser.parse_args(argv)
    result = run(smoke=args.smoke, articles=args.articles, in_process=args.in_process)
    print("\n".join(report_lines(result)))
    if args.json:
        write_json(args.json, {"ingest": result})


if __name__ == "__main__":
    main()
