"""The whole answer path (``ArticleLibrary.ask``): question analysis (spaCy), BM25, bundle
loading (SQLite), reranking (WordNet) — p50/p99, on the real corpus and at scale.

* **Real corpus**: the seed and every ``tests/data/articles/*.txt`` (ingested with spaCy), asked
  every question of ``seed_questions.json`` and ``articles/*.questions.json``, scoped to all
  articles and to the question's own article; unanswerable questions too. Pass 1 runs with
  the lexicon caches cleared (as after a restart: every new word costs a WordNet lookup),
  later passes with them warm.
* **At scale**: the same library plus N synthetic sentences (``benchmarks.synthetic``: Zipf
  vocabulary, ~24 terms a sentence, ~40 sentences an article) written straight into the
  store's tables with sqlite3 (spaCy would take hours); ``ArticleLibrary.open`` then rebuilds
  the index from the database as it does when no saved index matches. The synthetic
  vocabulary's most frequent ranks are the real corpus' own terms by frequency, so question
  words such as "police" or "say" have realistic posting lists at every size. The real
  questions are asked scoped to all articles (the CLI), to a server (the bot: every global
  article is visible, so the index filters on thousands of groups) and to one article.

Run: ``python -m benchmarks.answer_bench [--sizes 10000,100000,1000000] [--smoke]
[--profile] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextvars
import cProfile
import io
import math
import pstats
import random
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import (
    Deadline,
    QuestionSet,
    bench_settings,
    copy_database,
    load_question_sets,
    peak_rss_mb,
    real_library_db,
    rss_mb,
    summarise_ms,
    write_json,
)
from retrieval.scope import Scope

DEFAULT_SIZES = (10_000,)
SMOKE_SIZES = (2_000,)
#: The guild the "server" scope asks from (it owns no articles: it sees the global ones).
BENCH_GUILD = 4242


def scope_for(mode: str, article_id: int | None) -> tuple[Scope, int | None] | None:
    """The scope and article a question is asked in for a benchmark mode ("article": its own
    article, None when it has none; "guild": the benchmark server; "all": everything)."""
    if mode == "article":
        return None if article_id is None else (Scope.all(), article_id)
    if mode == "guild":
        return Scope.guild(BENCH_GUILD), None
    return Scope.all(), None


@dataclass(frozen=True)
class Asked:
    """One question with the article it is about (None: the question set had no article)."""

    text: str
    article_id: int | None
    answerable: bool


def clear_lexicon_caches() -> None:
    """Forget WordNet expansions (process-wide ``lru_cache``s), as after a restart."""
    from retrieval import lexicon, tokens, word_match

    for func in (getattr(lexicon, "related_words", None), getattr(tokens, "participle_verb", None)):
        if func is not None and hasattr(func, "cache_clear"):
            func.cache_clear()
    clear = getattr(word_match, "clear_word_facts", None)  # (term_match's copy of them)
    if clear is not None:
        clear()


async def question_plan(
    library: Any, sets: list[QuestionSet], *, limit: int | None = None, seed: int = 7
) -> list[Asked]:
    """The questions of every set, bound to their article's id in ``library`` (by title)."""
    rows = await library.articles(Scope.all())
    by_title = {row.title: row.id for row in rows}
    seed_ids = [row.id for row in rows if row.kind == "seed"]
    plan: list[Asked] = []
    for qset in sets:
        article_id = by_title.get(qset.title) or (
            seed_ids[0] if qset.article is None and seed_ids else None
        )
        plan.extend(Asked(q, article_id, True) for q in qset.questions)
        plan.extend(Asked(q, article_id, False) for q in qset.unanswerable)
    if limit is not None and len(plan) > limit:
        rng = random.Random(seed)
        plan = rng.sample(plan, limit)
    return plan


async def time_asks(
    library: Any,
    plan: Sequence[Asked],
    mode: str,
    deadline: Deadline,
) -> tuple[list[float], int, int]:
    """Ask each question once in ``mode`` (all | guild | article); returns latencies (s),
    how many were answered and how many abstained."""
    latencies: list[float] = []
    answered = abstained = 0
    for asked in plan:
        if deadline.expired and latencies:
            break
        chosen = scope_for(mode, asked.article_id)
        if chosen is None:
            continue
        scope, article_id = chosen
        start = time.perf_counter()
        result = await library.ask(asked.text, scope, article_id=article_id)
        latencies.append(time.perf_counter() - start)
        if result.abstained:
            abstained += 1
        else:
            answered += 1
    return latencies, answered, abstained


async def run_passes(
    library: Any, plan: list[Asked], modes: Sequence[str], passes: int, deadline: Deadline
) -> dict[str, Any]:
    """Pass 1 with cold lexicon caches, later passes warm; per mode and pass."""
    out: dict[str, Any] = {}
    for mode in modes:
        per_mode: dict[str, Any] = {}
        warm: list[float] = []
        for number in range(1, passes + 1):
            if number > 1 and deadline.expired:
                break
            if number == 1:
                clear_lexicon_caches()
            latencies, answered, abstained = await time_asks(library, plan, mode, deadline)
            stats = summarise_ms(latencies)
            stats.update(answered=answered, abstained=abstained)
            per_mode["cold" if number == 1 else f"pass{number}"] = stats
            if number > 1:
                warm.extend(latencies)
        per_mode["warm"] = summarise_ms(warm) if warm else per_mode["cold"]
        out[mode] = per_mode
    return out


# -- the real corpus ---------------------------------------------------------------------------


async def bench_real(
    workdir: Path, *, passes: int, limit: int | None, deadline: Deadline
) -> dict[str, Any]:
    from retrieval.service import ArticleLibrary

    template, build_s = await real_library_db(workdir)
    db = copy_database(template, workdir / "real")
    library = await ArticleLibrary.open(bench_settings(db.parent, db_path=db))
    try:
        await library.warm_up()
        plan = await question_plan(library, load_question_sets(), limit=limit)
        clear_lexicon_caches()
        first_q = next(a for a in plan if a.answerable).text
        start = time.perf_counter()
        await library.ask(first_q, Scope.all())
        first_ask = time.perf_counter() - start
        modes = await run_passes(library, plan, ("all", "article"), passes, deadline)
        vectors = await _first_pass_with_stored_vectors(library, plan, deadline)
        return {
            "articles": len(await library.articles(Scope.all())),
            "sentences": library.index.n_docs,
            "questions": len(plan),
            "answerable_questions": sum(a.answerable for a in plan),
            "library_build_s": round(build_s, 3),
            "first_ask_after_warm_up_ms": round(first_ask * 1000, 3),
            "modes": modes,
            **vectors,
        }
    finally:
        await library.close()


async def _first_pass_with_stored_vectors(library: Any, plan: list[Asked], deadline: Deadline
                                         ) -> dict[str, Any]:
    """Every article's sentence vectors computed and stored (as the bot does in the
    background when an article is added), then the process's memory of them and of the
    lexicon dropped (a restart): the first pass again, over all articles."""
    from retrieval.semantic_rerank import load_model
    from retrieval.sentence_encoder import effective_precision, locate_model

    if not library.settings.semantic_rerank:
        return {}
    model = load_model(locate_model(library.settings.semantic_model_dir),
                       effective_precision(library.settings.encoder_precision))
    model.sentences.items.clear()
    ids = [row.id for row in await library.articles(Scope.all())]
    start = time.perf_counter()
    await library.precompute_articles(ids)
    await library.wait_vectors_stored()
    encode_s = time.perf_counter() - start
    model.sentences.items.clear()
    model.questions.items.clear()
    clear_lexicon_caches()
    latencies, answered, abstained = await time_asks(library, plan, "all", deadline)
    stats = summarise_ms(latencies)
    stats.update(answered=answered, abstained=abstained)
    return {"precompute_all_s": round(encode_s, 3), "cold_with_stored_vectors": stats}


# -- at scale ----------------------------------------------------------------------------------


def _synthetic_token_runs(n_sentences: int, seed: int) -> tuple[Any, list[str]]:
    """(corpus-like object with token_ids/offsets/group_offsets, vocab) for ``n_sentences``."""
    try:
        from benchmarks.synthetic import make_corpus
    except ImportError:  # the shared generator is not there: a small local Zipf generator
        make_corpus = _local_corpus
    corpus = make_corpus(n_sentences, seed=seed)
    return corpus, list(corpus.vocab)


@dataclass
class _LocalCorpus:
    vocab: list[str]
    token_ids: np.ndarray
    offsets: np.ndarray
    group_offsets: np.ndarray


def _local_corpus(n_docs: int, seed: int = 1234) -> _LocalCorpus:
    rng = np.random.default_rng(seed)
    vocab_size = 60_000
    weights = np.arange(1, vocab_size + 1, dtype=np.float64) ** -1.07
    cdf = np.cumsum(weights) / weights.sum()
    lengths = rng.negative_binomial(8.0, 8.0 / 32.0, n_docs)
    offsets = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    ids = np.minimum(
        np.searchsorted(cdf, rng.random(int(offsets[-1])), side="right"), vocab_size - 1
    ).astype(np.int32)
    sizes: list[int] = []
    while sum(sizes) < n_docs:
        sizes.append(min(int(rng.integers(10, 71)), n_docs - sum(sizes)))
    group_offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=group_offsets[1:])
    return _LocalCorpus([f"w{r}" for r in range(vocab_size)], ids, offsets, group_offsets)


def real_terms_by_frequency(db: Path) -> list[str]:
    """The index terms of the real articles in ``db``, most frequent first."""
    counts: Counter[str] = Counter()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        for (tokens,) in connection.execute("SELECT tokens FROM sentences"):
            counts.update(tokens.split())
    return [term for term, _ in counts.most_common()]


def populate_synthetic(
    db: Path,
    n_sentences: int,
    real_terms: Sequence[str],
    *,
    seed: int = 1234,
    chunk_groups: int = 2_000,
) -> dict[str, Any]:
    """Append ``n_sentences`` synthetic sentences (as global articles of ~40 sentences) to the
    store at ``db`` with plain sqlite3 (one transaction), and bump the index generation so the
    next ``ArticleLibrary.open`` rebuilds the index from the database."""
    start = time.perf_counter()
    corpus, vocab = _synthetic_token_runs(n_sentences, seed)
    for rank, term in enumerate(real_terms[: len(vocab)]):
        vocab[rank] = term
    flat = [vocab[t] for t in corpus.token_ids.tolist()]
    bounds = corpus.offsets.tolist()
    groups = corpus.group_offsets.tolist()
    filler = vocab[-1]
    generated_s = time.perf_counter() - start
    connection = sqlite3.connect(str(db), isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN IMMEDIATE")
        next_article = (connection.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1
        articles_rows: list[tuple[Any, ...]] = []
        paragraph_rows: list[tuple[int, int, int, int]] = []
        sentence_rows: list[tuple[Any, ...]] = []

        def flush() -> None:
            connection.executemany(
                "INSERT INTO articles (id, guild_id, scope_key, kind, title, source, body, "
                "content_hash, title_terms, paragraph_count, sentence_count) "
                "VALUES (?, NULL, 0, 'user', ?, ?, ?, ?, '', 1, ?)",
                articles_rows,
            )
            connection.executemany(
                'INSERT INTO paragraphs (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                paragraph_rows,
            )
            connection.executemany(
                'INSERT INTO sentences (article_id, paragraph, idx, position, start, "end", '
                "tokens, spans, anaphoric) VALUES (?, 0, ?, ?, ?, ?, ?, '[]', 0)",
                sentence_rows,
            )
            articles_rows.clear()
            paragraph_rows.clear()
            sentence_rows.clear()

        for j in range(len(groups) - 1):
            article_id = next_article + j
            parts: list[str] = []
            offset = 0
            for position, i in enumerate(range(groups[j], groups[j + 1])):
                tokens = " ".join(flat[bounds[i] : bounds[i + 1]]) or filler
                text = tokens.capitalize() + "."
                sentence_rows.append(
                    (article_id, position, position, offset, offset + len(text), tokens)
                )
                parts.append(text)
                offset += len(text) + 1
            body = " ".join(parts)
            articles_rows.append(
                (
                    article_id,
                    f"Synthetic report {j + 1}",
                    f"synthetic://{seed}/{j + 1}",
                    body,
                    f"synthetic-{seed}-{n_sentences}-{j + 1}",
                    groups[j + 1] - groups[j],
                )
            )
            paragraph_rows.append((article_id, 0, 0, len(body)))
            if len(articles_rows) >= chunk_groups:
                flush()
        flush()
        connection.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'index_generation'"
        )
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return {
        "synthetic_sentences": len(bounds) - 1,
        "synthetic_articles": len(groups) - 1,
        "generate_s": round(generated_s, 3),
        "insert_s": round(time.perf_counter() - start - generated_s, 3),
        "db_mb": round(db.stat().st_size / 1e6, 1),
    }


async def bench_scale(
    workdir: Path,
    size: int,
    *,
    passes: int,
    limit: int | None,
    deadline: Deadline,
    profile: bool = False,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    from retrieval.service import ArticleLibrary

    template, _ = await real_library_db(workdir)
    directory = workdir / f"scale-{size}"
    db = copy_database(template, directory)
    shutil.rmtree(Path(str(db) + ".index"), ignore_errors=True)
    Path(str(db) + ".index.generation").unlink(missing_ok=True)
    rss_before = rss_mb()
    populated = populate_synthetic(db, size, real_terms_by_frequency(template))
    log(
        f"  answer: N={size}: stored {populated['synthetic_sentences']} synthetic sentences "
        f"in {populated['generate_s'] + populated['insert_s']:.1f}s"
    )
    try:
        start = time.perf_counter()
        library = await ArticleLibrary.open(
            bench_settings(directory, db_path=db), ingest_seeds=False
        )
        open_rebuild_s = time.perf_counter() - start
        try:
            await library.warm_up()
            index_docs = library.index.n_docs
            index_mb = library.index.memory_bytes() / 1e6
            rss_open = rss_mb()
            plan = await question_plan(library, load_question_sets(), limit=limit)
            log(
                f"  answer: N={size}: open (index rebuilt) {open_rebuild_s:.1f}s; "
                f"asking {len(plan)} questions"
            )
            modes = await run_passes(library, plan, ("all", "guild", "article"), passes, deadline)
            profile_out = await profile_answer_path(library, plan) if profile else None
        finally:
            await library.close()
        start = time.perf_counter()
        library = await ArticleLibrary.open(
            bench_settings(directory, db_path=db), ingest_seeds=False
        )
        open_saved_s = time.perf_counter() - start
        await library.close()
        out = {
            "size": size,
            **populated,
            "index_docs": index_docs,
            "index_memory_mb": round(index_mb, 1),
            "rss_before_mb": rss_before,
            "rss_after_open_mb": rss_open,
            "open_with_rebuild_s": round(open_rebuild_s, 3),
            "open_with_saved_index_s": round(open_saved_s, 3),
            "questions": len(plan),
            "modes": modes,
        }
        if profile_out is not None:
            out["profile"] = profile_out
        return out
    finally:
        shutil.rmtree(directory, ignore_errors=True)


# -- profile -----------------------------------------------------------------------------------


class _InlineExecutor(concurrent.futures.Executor):
    """Runs submitted work at once in the caller's thread, so cProfile sees all of it. The
    work runs in one context kept from call to call, as on a worker thread: run in each
    task's own context, thinc would set up its ops again for every question (~0.8 ms)."""

    def __init__(self) -> None:
        self._context = contextvars.Context()

    def submit(
        self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any
    ) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        try:
            future.set_result(self._context.run(fn, *args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


#: Stages of ``ask`` by the function that does them (cumulative time of each).
_STAGES = {
    "question analysis (spaCy + WordNet expansions)": ("question.py", "analyse_questions"),
    "BM25 search": ("bm25/index.py", "search"),
    "candidates: bundles from SQLite + neighbours": ("answer_path.py", "_candidates"),
    "whole small scope": ("answer_path.py", "_whole_scope"),
    "rerank (choose_answers)": ("answers.py", "choose_answers"),
    "  of which WordNet related_words": ("lexicon.py", "related_words"),
    "bundle loading (Store.load_bundle)": ("store.py", "load_bundle"),
    "event loop idle (waiting for SQLite on aiosqlite's thread)": ("~", "select.epoll"),
}


async def profile_answer_path(
    library: Any,
    plan: Sequence[Asked],
    *,
    modes: Sequence[str] = ("all", "guild", "article"),
    max_questions: int = 60,
) -> dict[str, Any]:
    """cProfile ``ask`` over some questions (warm caches) with the library's executors run
    inline, so the profile holds spaCy, BM25 and the reranker; SQLite reads stay on
    aiosqlite's thread and show up as waiting."""
    questions = list(plan)[:max_questions]
    threads = library._threads
    saved = threads.nlp_executor, threads.cpu_executor
    inline = _InlineExecutor()
    threads.nlp_executor = threads.cpu_executor = inline
    profiler = cProfile.Profile()
    asks = 0
    try:
        start = time.perf_counter()
        profiler.enable()
        for mode in modes:
            latencies, _, _ = await time_asks(library, questions, mode, Deadline(120.0))
            asks += len(latencies)
        profiler.disable()
        wall = time.perf_counter() - start
    finally:
        threads.nlp_executor, threads.cpu_executor = saved
    stats = pstats.Stats(profiler)
    stages: dict[str, float] = {}
    for label, (filename, name) in _STAGES.items():
        total = 0.0
        for (path, _line, func), row in stats.stats.items():  # type: ignore[attr-defined]
            if filename == "~":  # a built-in: its own time (the selector's poll)
                if path == "~" and name in func and "poll" in func:
                    total += row[2]
            elif func == name and path.endswith(filename):
                total += row[3]
        stages[label] = round(total * 1000 / max(asks, 1), 3)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(20)
    top = [line for line in text.getvalue().splitlines() if line.strip()][-22:]
    return {
        "asks": asks,
        "wall_ms_per_ask": round(wall * 1000 / max(asks, 1), 3),
        "stage_ms_per_ask": stages,
        "top_tottime": top,
    }


# -- entry points ------------------------------------------------------------------------------


async def run_async(
    *,
    smoke: bool = False,
    sizes: Sequence[int] | None = None,
    passes: int | None = None,
    limit: int | None = None,
    profile: bool = False,
    workdir: Path | None = None,
    budget_s: float | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    sizes = list(sizes or (SMOKE_SIZES if smoke else DEFAULT_SIZES))
    passes = passes or (2 if smoke else 3)
    if limit is None and smoke:
        limit = 24
    deadline = Deadline(budget_s or (45.0 if smoke else 3600.0))
    owned = workdir is None
    base = Path(tempfile.mkdtemp(prefix="answer-bench-")) if owned else workdir
    assert base is not None
    try:
        real = await bench_real(base, passes=passes, limit=limit, deadline=deadline)
        log(f"  answer: real corpus all p50 {real['modes']['all']['warm']['p50_ms']} ms")
        scale = []
        for index, size in enumerate(sizes):
            scale.append(
                await bench_scale(
                    base,
                    size,
                    passes=max(2, passes - 1),
                    limit=limit,
                    deadline=deadline,
                    profile=profile and index == len(sizes) - 1,
                    log=log,
                )
            )
        return {"real": real, "scale": scale, "peak_rss_mb": peak_rss_mb()}
    finally:
        if owned:
            shutil.rmtree(base, ignore_errors=True)


def run(**kwargs: Any) -> dict[str, Any]:
    return asyncio.run(run_async(**kwargs))


def _line(label: str, stats: dict[str, Any]) -> str:
    return (
        f"{label}: p50 {stats['p50_ms']:.1f} ms, p99 {stats['p99_ms']:.1f} ms, "
        f"max {stats['max_ms']:.1f} ms (n={stats['n']})"
    )


def report_lines(result: dict[str, Any]) -> list[str]:
    real = result["real"]
    lines = [
        f"ANSWER PATH (library.ask) — real corpus: {real['articles']} articles, "
        f"{real['sentences']} sentences, {real['questions']} questions "
        f"({real['answerable_questions']} answerable)"
    ]
    lines.append(
        f"  first ask after warm_up (cold lexicon): {real['first_ask_after_warm_up_ms']:.0f} ms"
    )
    for mode, label in (("all", "scope all"), ("article", "one article")):
        stats = real["modes"][mode]
        lines.append(
            "  "
            + _line(f"{label:12s} warm", stats["warm"])
            + f"; answered {stats['cold']['answered']}, abstained "
            f"{stats['cold']['abstained']}"
        )
        lines.append("  " + _line(f"{label:12s} cold", stats["cold"]))
    if "cold_with_stored_vectors" in real:
        lines.append(
            f"  sentence vectors of every article encoded and stored in "
            f"{real['precompute_all_s']:.1f} s; then, memory dropped (a restart):")
        lines.append("  " + _line("scope all    cold, vectors stored",
                                  real["cold_with_stored_vectors"]))
    for scale in result["scale"]:
        lines.append(
            f"ANSWER PATH at scale: {scale['index_docs']} sentences in the index "
            f"({scale['synthetic_sentences']} synthetic in {scale['synthetic_articles']} "
            f"articles + real); index {scale['index_memory_mb']} MB, RSS "
            f"{scale['rss_after_open_mb']} MB; open with index rebuild "
            f"{scale['open_with_rebuild_s']:.1f} s, with saved index "
            f"{scale['open_with_saved_index_s']:.2f} s; DB {scale['db_mb']} MB (bulk insert "
            f"{scale['insert_s']:.1f} s)"
        )
        for mode, label in (
            ("all", "scope all"),
            ("guild", "server scope"),
            ("article", "one article"),
        ):
            stats = scale["modes"][mode]
            lines.append("  " + _line(f"{label:12s} warm", stats["warm"]))
            lines.append("  " + _line(f"{label:12s} cold", stats["cold"]))
        if "profile" in scale:
            prof = scale["profile"]
            lines.append(
                f"  cProfile ({prof['asks']} asks, executors inline, "
                f"{prof['wall_ms_per_ask']:.1f} ms/ask under the profiler), "
                "ms per ask by stage:"
            )
            for stage, value in prof["stage_ms_per_ask"].items():
                lines.append(f"    {stage}: {value:.2f}")
    return lines


def _sizes(text: str) -> list[int]:
    values = [int(float(part)) for part in text.split(",") if part.strip()]
    if not values or any(v <= 0 or not math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 10000,100000")
    return values


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=None,
        help="synthetic sentences per scale run, e.g. 10000,100000,1000000 "
        f"(default {','.join(map(str, DEFAULT_SIZES))})",
    )
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--passes", type=int, default=None)
    parser.add_argument("--limit", type=int, default=None, help="at most this many questions")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the answer path at the largest size"
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    result = run(
        smoke=args.smoke,
        sizes=args.sizes,
        passes=args.passes,
        limit=args.limit,
        profile=args.profile,
    )
    print("\n".join(report_lines(result)))
    if args.profile:
        for scale in result["scale"]:
            if "profile" in scale:
                print("\n".join(scale["profile"]["top_tottime"]))
    if args.json:
        write_json(args.json, {"answer": result})


if __name__ == "__main__":
    main()
