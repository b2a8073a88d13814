"""Shared pieces of the benchmarks: settings on a scratch directory, latency summaries, an
event-loop lag probe, memory readings and the real evaluation data.

Everything here only touches the local file system and 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import resource
import statistics
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from config.settings import PROJECT_ROOT, Settings

SEEDS_DIR = PROJECT_ROOT / "seeds"
DATA_DIR = PROJECT_ROOT / "tests" / "data"
EVAL_ARTICLES = sorted((DATA_DIR / "articles").glob("*.txt"))
SEED_QUESTIONS = DATA_DIR / "seed_questions.json"
RESULTS_DIR = PROJECT_ROOT / "benchmarks" / "results"


def bench_settings(directory: Path, **overrides: Any) -> Settings:
    """Settings on ``directory`` that ignore the developer's environment and ``.env``."""
    values: dict[str, Any] = {
        "db_path": directory / "bench.sqlite3",
        "seeds_dir": SEEDS_DIR,
        "discord_api_base": "http://127.0.0.1:9/api/v10",  # never discord.com from here
        "discord_gateway_url": "ws://127.0.0.1:9/",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


# -- numbers -----------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (``q`` in 0..100) of ``values``; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * q / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def summarise_ms(seconds: Iterable[float]) -> dict[str, float | int]:
    """Count, mean, p50/p90/p99 and max of durations given in seconds, reported in ms."""
    values = [s * 1000.0 for s in seconds]
    if not values:
        return {"n": 0, "mean_ms": 0.0, "p50_ms": 0.0, "p90_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    return {
        "n": len(values),
        "mean_ms": round(statistics.fmean(values), 3),
        "p50_ms": round(percentile(values, 50), 3),
        "p90_ms": round(percentile(values, 90), 3),
        "p99_ms": round(percentile(values, 99), 3),
        "max_ms": round(max(values), 3),
    }


HISTOGRAM_EDGES_MS = (50, 100, 250, 500, 1000, 2000, 3000)


def histogram_ms(
    seconds: Iterable[float], edges: Sequence[int] = HISTOGRAM_EDGES_MS
) -> dict[str, int]:
    """How many durations fall under each edge (ms): ``{"<50": 3, "<100": 7, ..., ">=3000":
    0}`` (each bucket holds the values from the previous edge up to this one)."""
    counts = {f"<{edge}": 0 for edge in edges}
    counts[f">={edges[-1]}"] = 0
    for value in seconds:
        ms = value * 1000.0
        for edge in edges:
            if ms < edge:
                counts[f"<{edge}"] += 1
                break
        else:
            counts[f">={edges[-1]}"] += 1
    return counts


def rss_mb() -> float:
    """Current resident set size of this process in MB (Linux /proc), else peak RSS."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024.0, 1)
    return peak_rss_mb()


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (all its threads), from /proc."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """Resident memory of process ``pid`` now (or its peak, ``VmHWM``), from /proc."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024.0, 1)
    except OSError:
        return None
    return None


def ms_per_answer(cpu_s: float, answers: int) -> float:
    return round(cpu_s * 1000.0 / answers, 2) if answers else 0.0


def all_finite(value: Any) -> bool:
    """True when every number inside ``value`` (nested dicts/lists) is finite."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return True
    if isinstance(value, int | float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(all_finite(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(all_finite(v) for v in value)
    return True


def jsonable(value: Any) -> Any:
    """Replace non-finite floats by None so the JSON file stays standard."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(jsonable(data), indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


class Deadline:
    """A time budget: every load loop checks it as well as its count."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.perf_counter() + seconds

    @property
    def expired(self) -> bool:
        return time.perf_counter() >= self.end

    def left(self) -> float:
        return max(0.0, self.end - time.perf_counter())


# -- event-loop lag ----------------------------------------------------------------------------


@dataclass
class LoopLag:
    """Overshoots of a task that sleeps ``interval`` seconds in a loop."""

    interval: float = 0.005
    overshoots: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        values = [o * 1000.0 for o in self.overshoots]
        return {
            "samples": len(values),
            "interval_ms": self.interval * 1000.0,
            "p50_ms": round(percentile(values, 50), 3) if values else 0.0,
            "p99_ms": round(percentile(values, 99), 3) if values else 0.0,
            "max_ms": round(max(values), 3) if values else 0.0,
        }


@contextlib.asynccontextmanager
async def loop_lag_probe(
    interval: float = 0.005, max_samples: int = 200_000
) -> AsyncIterator[LoopLag]:
    """Measure event-loop lag while the ``async with`` body runs: a task sleeps ``interval``
    in a loop and records how late it wakes up (bounded to ``max_samples``)."""
    lag = LoopLag(interval)
    loop = asyncio.get_running_loop()

    async def probe() -> None:
        while len(lag.overshoots) < max_samples:
            start = loop.time()
            await asyncio.sleep(interval)
            lag.overshoots.append(max(0.0, loop.time() - start - interval))

    task = loop.create_task(probe(), name="bench-loop-lag-probe")
    try:
        yield lag
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


# -- evaluation data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSet:
    """The questions of one article file (``article`` is the file; None for the seed)."""

    article: Path | None
    title: str
    questions: list[str]
    unanswerable: list[str]


def _title_of(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("title:"):
            return line.split(":", 1)[1].strip()
        if line.strip() == "---":
            break
    return path.stem


def load_question_sets() -> list[QuestionSet]:
    """``seed_questions.json`` and every ``articles/*.questions.json`` in tests/data."""
    sets = []
    seed_file = sorted(SEEDS_DIR.glob("*.txt"))[0]
    files = [(SEED_QUESTIONS, seed_file)]
    for path in sorted((DATA_DIR / "articles").glob("*.questions.json")):
        try:
            article = DATA_DIR / "articles" / json.loads(path.read_text())["article"]
        except (ValueError, KeyError):
            continue  # a file being edited right now: skip it rather than fail the run
        if article.exists():
            files.append((path, article))
    for path, article in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        sets.append(
            QuestionSet(
                article=None if article == seed_file else article,
                title=_title_of(article),
                questions=[q["q"] for q in data.get("questions", [])],
                unanswerable=[q["q"] for q in data.get("unanswerable", [])],
            )
        )
    return sets


def fmt_ms(value: float | int | None) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


# -- the real corpus, built once per process ---------------------------------------------------

_REAL_TEMPLATE: dict[str, Path] = {}


def copy_database(source_db: Path, target_dir: Path) -> Path:
    """Copy a closed library (database file, saved index, generation file) into
    ``target_dir``; returns the new database path (same file name)."""
    import shutil

    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / source_db.name
    shutil.copy2(source_db, target)
    for suffix in ("-wal", "-shm"):
        extra = Path(str(source_db) + suffix)
        if extra.exists():
            shutil.copy2(extra, Path(str(target) + suffix))
    index_dir = Path(str(source_db) + ".index")
    if index_dir.is_dir():
        shutil.copytree(index_dir, Path(str(target) + ".index"), dirs_exist_ok=True)
    generation = Path(str(source_db) + ".index.generation")
    if generation.exists():
        shutil.copy2(generation, Path(str(target) + ".index.generation"))
    return target


async def real_library_db(workdir: Path) -> tuple[Path, float]:
    """A closed library holding the seed and every tests/data article (global), built with
    spaCy once per process under ``workdir``; returns (database path, build seconds)."""
    from retrieval.service import ArticleLibrary

    cached = _REAL_TEMPLATE.get("db")
    if cached is not None and cached.exists():
        return cached, 0.0
    directory = workdir / "real-template"
    settings = bench_settings(directory)
    start = time.perf_counter()
    library = await ArticleLibrary.open(settings, ingest_seeds=True)
    try:
        for path in EVAL_ARTICLES:
            await library.ingest_path(path)
        await library.wait_saved()
    finally:
        await library.close()
    _REAL_TEMPLATE["db"] = settings.db_path
    return settings.db_path, time.perf_counter() - start
