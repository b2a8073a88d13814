"""Score the bot's entity lists on the probe articles, as `bot eval` scores them.

Usage: PYTHONPATH=$PWD /work/venv/bin/python probe_articles/ent21/score.py [--errors] [names...]
"""
from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from config.settings import Settings
from retrieval.evaluation import _norm, entity_scores
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary

HERE = Path(__file__).parent
KINDS = ("person", "place", "organization")


async def main(argv: list[str]) -> None:
    errors = "--errors" in argv
    names = [a for a in argv if not a.startswith("--")]
    files = sorted(p for p in HERE.glob("*.txt") if not names or any(n in p.name for n in names))
    golds = {p: p.with_suffix(".gold.json") for p in files}
    if "--dev" in argv:  # the dev articles of the evaluation (never the held-out ones)
        golds = {}
        for q in sorted((HERE.parent.parent / "tests/data/articles").glob("*.questions.json")):
            data = json.loads(q.read_text(encoding="utf-8"))
            if data.get("split") == "dev" and data.get("entities") and data["article"] != "seed":
                golds[q.parent / data["article"]] = q
        files = list(golds)
    totals = {k: [] for k in KINDS}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=Path(tmp) / "p.sqlite3")
        library = await ArticleLibrary.open(settings, ingest_seeds=False)
        try:
            for path in files:
                gold = json.loads(golds[path].read_text(encoding="utf-8"))
                gold = gold.get("entities", gold)
                result = await library.ingest_path(path)
                found = await library.entities(Scope.all(), article_id=result.article.id)
                row = []
                for kind in KINDS:
                    predicted = [(e.name, e.aliases) for e in found.get(kind, [])]
                    _, _, f = entity_scores(predicted, gold.get(kind, []))
                    totals[kind].append(f)
                    row.append(f"{f:.3f}")
                    if errors:
                        gforms = [{_norm(g["name"]), *map(_norm, g["aliases"])}
                                  for g in gold.get(kind, [])]
                        pforms = [{_norm(n), *map(_norm, a)} for n, a in predicted]
                        claimed: set[int] = set()
                        fp = []
                        for p, forms in zip(predicted, pforms, strict=True):
                            hit = next((i for i, g in enumerate(gforms)
                                        if i not in claimed and forms & g), None)
                            if hit is None:
                                fp.append(p if not any(forms & g for g in gforms)
                                          else ("DUP", *p))
                            else:
                                claimed.add(hit)
                        fn = [g["name"] for g, forms in zip(gold.get(kind, []), gforms,
                                                            strict=True)
                              if not any(forms & p for p in pforms)]
                        if fp or fn:
                            print(f"  {path.stem} {kind}: FP {fp} | FN {fn}")
                print(path.stem, *row, flush=True)
        finally:
            await library.close()
    print("MEAN", *(f"{sum(v) / len(v):.3f}" for v in totals.values()))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
