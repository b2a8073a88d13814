"""Child process of the cold-start benchmark: import, open the library on an existing
database, warm up, print one ``READY {json}`` line, close.

Run as ``python -m benchmarks.coldstart_child --db PATH --t0 EPOCH`` where ``--t0`` is the
parent's ``time.time()`` just before it spawned this process, so ``since_spawn_s`` covers the
interpreter start as well.
"""

from __future__ import annotations

import time

_T_MAIN = time.time()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


async def _run(db: Path, t0: float, ask: str | None) -> dict[str, float]:
    t_imports = time.time()
    from benchmarks.common import bench_settings
    from retrieval.scope import Scope
    from retrieval.service import ArticleLibrary

    t_imported = time.time()
    settings = bench_settings(db.parent, db_path=db)
    library = await ArticleLibrary.open(settings, ingest_seeds=True)
    t_open = time.time()
    await library.warm_up()
    t_warm = time.time()
    out = {
        "since_spawn_s": t_warm - t0,
        "interpreter_s": _T_MAIN - t0,
        "imports_s": t_imported - t_imports,
        "open_s": t_open - t_imported,
        "warm_up_s": t_warm - t_open,
        "articles": float(len(await library.articles(Scope.all()))),
        "index_docs": float(library.index.n_docs),
    }
    if ask:
        start = time.time()
        await library.ask(ask, Scope.all())
        out["first_ask_s"] = time.time() - start
    print("READY " + json.dumps(out), flush=True)
    await library.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--t0", type=float, required=True)
    parser.add_argument("--ask", default=None)
    args = parser.parse_args()
    asyncio.run(_run(args.db, args.t0, args.ask))
    sys.exit(0)


if __name__ == "__main__":
    main()
