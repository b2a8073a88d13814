"""The benchmarks still run: the answer-path and Discord benchmarks at tiny sizes, in process,
produce the JSON the combined report is built from (keys present, numbers finite). The
figures themselves are not checked — they depend on the machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import answer_bench, discord_bench, ingest_bench
from benchmarks.common import all_finite, jsonable
from benchmarks.corpus import write_articles

LATENCY_KEYS = {"n", "mean_ms", "p50_ms", "p90_ms", "p99_ms", "max_ms"}
LAG_KEYS = {"samples", "interval_ms", "p50_ms", "p99_ms", "max_ms"}


def _quiet(_: str) -> None:
    return None


def assert_latency(stats: dict, *, non_empty: bool = True) -> None:
    assert set(stats) >= LATENCY_KEYS, stats
    if non_empty:
        assert stats["n"] > 0 and stats["p99_ms"] >= stats["p50_ms"] > 0, stats


@pytest.mark.slow
async def test_answer_and_discord_benchmarks_produce_complete_json(tmp_path: Path) -> None:
    answer = await answer_bench.run_async(smoke=True, sizes=[300], passes=2, limit=8,
                                          profile=True, workdir=tmp_path, budget_s=40,
                                          log=_quiet)
    # no question worker here (its start costs ~2 s per bot); CI's benchmark smoke run
    # (`python -m benchmarks.run --smoke`) runs the default, with one
    discord = await discord_bench.run_async(smoke=True, interactions=40, workdir=tmp_path,
                                            budget_s=40, question_processes=0, log=_quiet)
    data = json.loads(json.dumps(jsonable({"answer": answer, "discord": discord})))
    assert all_finite(data)

    real = data["answer"]["real"]
    assert real["questions"] == 8 and real["articles"] >= 2
    for mode in ("all", "article"):
        for phase in ("cold", "warm"):
            assert_latency(real["modes"][mode][phase])
    (scale,) = data["answer"]["scale"]
    assert scale["size"] == 300 and scale["index_docs"] >= 300 + real["sentences"]
    for key in ("open_with_rebuild_s", "open_with_saved_index_s", "index_memory_mb",
                "insert_s", "synthetic_articles"):
        assert key in scale
    for mode in ("all", "guild", "article"):
        assert_latency(scale["modes"][mode]["warm"])
    profile = scale["profile"]
    assert profile["asks"] > 0 and "BM25 search" in profile["stage_ms_per_ask"]

    assert data["discord"]["question_processes"] == 0
    levels = data["discord"]["ask_latency"]["levels"]
    assert [level["concurrency"] for level in levels] == [1, 10, 50]
    assert data["discord"]["ask_latency"]["memory"]["bot_rss_mb"] > 0
    for level in levels:
        assert_latency(level["end_to_end"])
        assert level["question_batches"]["process"] == 0 < level["question_batches"]["thread"]
        assert set(level["loop_lag"]) >= LAG_KEYS and level["loop_lag"]["samples"] > 0
    reliability = data["discord"]["reliability"]
    assert reliability["interactions"] == 40
    assert_latency(reliability["initial_response"])
    assert_latency(reliability["final_answer"])
    assert {"sent", "rows", "lost"} <= set(reliability["votes"])
    assert {"sent", "cooldown_replies", "answered"} <= set(reliability["flood"])
    assert reliability["checks"] and all(isinstance(v, bool)
                                         for v in reliability["checks"].values())
    assert isinstance(reliability["passed"], bool)

    lines = answer_bench.report_lines(answer) + discord_bench.report_lines(discord)
    assert all(isinstance(line, str) for line in lines) and len(lines) > 10


@pytest.mark.slow
async def test_discord_latency_with_the_bot_in_its_own_process(tmp_path: Path) -> None:
    """``--bot-process``: the bot runs in a child process against this process's stand-in,
    answers every question, and reports its own loop lag and CPU; nothing is left running."""
    template, _ = await discord_bench.real_library_db(tmp_path)
    async with discord_bench.stand_in(n_users=50, n_guilds=1) as world:
        latency = await discord_bench.bench_ask_latency(
            world, template, tmp_path, smoke=True, deadline=discord_bench.Deadline(60),
            log=_quiet, question_processes=0, bot_process=True)
    assert latency["bot_in_own_process"] and latency["memory"]["bot_rss_mb"] > 0
    for level in latency["levels"]:
        assert level["answered"] == level["asks"] > 0
        assert_latency(level["end_to_end"])
        assert set(level["loop_lag"]) >= LAG_KEYS and level["loop_lag"]["samples"] > 0
        assert set(level["cpu_ms_per_answer"]) == {"bot_process", "question_workers",
                                                   "standin_and_askers"}
        assert level["question_batches"]["thread"] > 0 == level["question_batches"]["process"]
    assert not Path(f"/proc/{latency['memory']['bot_pid']}").exists()


@pytest.mark.slow
async def test_bulk_ingest_is_measured_in_a_process_of_its_own(tmp_path: Path) -> None:
    """``ingest_bench``'s bulk passes run in a spawned process (cold caches, as in the CLI):
    the figures come back from it and the library is left where it was asked for."""
    paths = write_articles(tmp_path / "articles", 3)
    result = await ingest_bench.bench_bulk_isolated(paths, 1, tmp_path / "bulk-1")
    assert result["n_process"] == 1 and result["articles"] == 3 and result["errors"] == 0
    assert result["sentences"] > 0 and result["cpu_ms_per_1000_sentences"]["process"] > 0
    assert (tmp_path / "bulk-1" / "bench.sqlite3").exists()
