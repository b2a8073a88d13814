"""Every benchmark in one command, one plain-text report and one JSON file.

    python -m benchmarks.run --smoke          # < 90 s on 2 cores (CI)
    python -m benchmarks.run                  # default sizes (a few minutes)
    python -m benchmarks.run --full           # up to 1M sentences (many minutes)
    python -m benchmarks.run --json PATH      # default benchmarks/results/latest.json
    python -m benchmarks.run --only answer,discord

Sections: BM25 (``benchmarks.bm25_bench``, when present), ingest + cold start
(``benchmarks.ingest_bench``), the answer path (``benchmarks.answer_bench``) and the Discord
bot through the local stand-in (``benchmarks.discord_bench``). The BM25 section runs last so
its million-sentence corpora do not inflate the memory figures of the others, but it is
reported first. A failing section is reported and the others still run; the exit status is
1 when a section failed or a reliability check did not pass.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import io
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS_DIR, peak_rss_mb, write_json

SECTIONS = ("bm25", "ingest", "answer", "discord")
ORDER = ("ingest", "answer", "discord", "bm25")  # run order (bm25 last, see above)
BM25_SIZES = {
    "smoke": "1000,10000",
    "default": "1000,10000,100000",
    "full": "1000,10000,100000,1000000",
}
ANSWER_SIZES = {
    "smoke": [2_000],
    "default": [10_000, 100_000],
    "full": [10_000, 100_000, 1_000_000],
}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- BM25 --------------------------------------------------------------------------------------


def run_bm25(mode: str, workdir: Path) -> dict[str, Any]:
    """Call ``benchmarks.bm25_bench.main`` with its own command line (sizes by mode) and
    collect the table it prints and the JSON it writes."""
    try:
        bm25_bench = importlib.import_module("benchmarks.bm25_bench")
    except ImportError as error:
        return {"skipped": f"benchmarks.bm25_bench is not available ({error})"}
    entry = getattr(bm25_bench, "main", None) or getattr(bm25_bench, "run", None)
    if entry is None:
        return {"skipped": "benchmarks.bm25_bench has no main() or run()"}
    out_json = workdir / "bm25.json"
    base = ["--sizes", BM25_SIZES[mode], "--json", str(out_json)]
    extra = ["--queries", "40", "--reps", "1"] if mode == "smoke" else []
    for argv in ([*base, *extra], base) if extra else (base,):
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                status = entry(argv)
        except SystemExit as stop:  # argparse refused an option: try the plain command
            if stop.code == 2 and argv is not base:
                continue
            raise
        if status not in (None, 0):
            raise RuntimeError(f"bm25_bench exited with status {status}")
        data = json.loads(out_json.read_text()) if out_json.exists() else {}
        return {
            "argv": argv,
            "table": printed.getvalue().rstrip("\n").splitlines(),
            "results": data.get("results", data),
        }
    return {"skipped": "bm25_bench did not accept its options"}


def bm25_report(result: dict[str, Any]) -> list[str]:
    if "skipped" in result:
        return [f"BM25: skipped — {result['skipped']}"]
    return [
        f"BM25 (benchmarks.bm25_bench {' '.join(result['argv'][:2])})",
        *("  " + line for line in result["table"]),
    ]


# -- the whole run -----------------------------------------------------------------------------


async def _run_async_sections(
    names: list[str], mode: str, workdir: Path, sizes: list[int] | None
) -> dict[str, Any]:
    from benchmarks import answer_bench, discord_bench, ingest_bench

    smoke = mode == "smoke"
    results: dict[str, Any] = {}
    for name in names:
        start = time.perf_counter()
        _log(f"[{name}] ...")
        try:
            if name == "ingest":
                results[name] = await ingest_bench.run_async(
                    smoke=smoke, workdir=workdir / "ingest", log=_log
                )
            elif name == "answer":
                results[name] = await answer_bench.run_async(
                    smoke=smoke,
                    sizes=sizes or ANSWER_SIZES[mode],
                    profile=True,
                    workdir=workdir / "shared",
                    log=_log,
                )
            elif name == "discord":
                results[name] = await discord_bench.run_async(
                    smoke=smoke, workdir=workdir / "shared", log=_log
                )
            elif name == "bm25":
                results[name] = await asyncio.to_thread(run_bm25, mode, workdir)
        except Exception as error:  # report it, run the rest
            results[name] = {
                "error": f"{type(error).__name__}: {error}",
                "traceback": traceback.format_exc().splitlines()[-12:],
            }
            _log(f"[{name}] FAILED: {error}")
        results.setdefault("section_seconds", {})[name] = round(time.perf_counter() - start, 1)
        _log(f"[{name}] done in {results['section_seconds'][name]:.1f}s")
    return results


def report(results: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    from benchmarks import answer_bench, discord_bench, ingest_bench

    lines = [
        f"article-bot benchmarks — mode {meta['mode']}, {meta['started']}",
        f"machine: {meta['cpus']} CPUs, Python {meta['python']}, {meta['platform']}; "
        f"load average before {meta['load_before']}, after {meta['load_after']}",
        "",
    ]
    writers = {
        "bm25": bm25_report,
        "ingest": ingest_bench.report_lines,
        "answer": answer_bench.report_lines,
        "discord": discord_bench.report_lines,
    }
    for name in SECTIONS:
        if name not in results:
            continue
        result = results[name]
        if "error" in result:
            lines.append(f"{name.upper()}: FAILED — {result['error']}")
        else:
            lines.extend(writers[name](result))
        lines.append("")
    seconds = results.get("section_seconds", {})
    lines.append(
        "section times: "
        + ", ".join(f"{k} {v:.0f} s" for k, v in seconds.items())
        + f"; total {meta['total_seconds']:.0f} s; peak RSS {meta['peak_rss_mb']} MB"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--smoke", action="store_true", help="tiny sizes, < 90 s (CI)")
    size.add_argument("--full", action="store_true", help="up to 1M sentences (slow)")
    parser.add_argument("--json", type=Path, default=RESULTS_DIR / "latest.json")
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections of {','.join(SECTIONS)}",
    )
    parser.add_argument(
        "--sizes", default=None, help="override the answer-path scale sizes, e.g. 10000,100000"
    )
    args = parser.parse_args(argv)
    mode = "smoke" if args.smoke else "full" if args.full else "default"
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    sizes = [int(float(s)) for s in args.sizes.split(",")] if args.sizes else None
    names = [name for name in ORDER if name in wanted]
    meta: dict[str, Any] = {
        "mode": mode,
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "argv": sys.argv[1:] if argv is None else argv,
    }
    start = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="article-bot-bench-"))
    try:
        results = asyncio.run(_run_async_sections(names, mode, workdir, sizes))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    meta["load_after"] = [round(x, 2) for x in os.getloadavg()]
    meta["total_seconds"] = round(time.perf_counter() - start, 1)
    meta["peak_rss_mb"] = peak_rss_mb()
    lines = report(results, meta)
    print("\n".join(lines))
    failed = [name for name in names if "error" in results.get(name, {})]
    reliability = results.get("discord", {}).get("reliability", {})
    passed = not failed and reliability.get("passed", True)
    meta["passed"] = passed
    write_json(args.json, {"meta": meta, **results, "report": lines})
    print(f"\nJSON written to {args.json}")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
