"""Score the bot's entity lists on a folder of probe articles, as `bot eval` scores them.

Usage: PYTHONPATH=$PWD python probe_articles/score.py DIR [--errors] [--dev] [names...]

DIR is ``probe_articles/ent20`` (gold lists in ``<name>.json``) or ``probe_articles/ent21``
(``<name>.gold.json``); ``--errors`` lists gold against predicted; ``--dev`` scores the dev
articles of the evaluation instead (never the held-out ones).
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

KINDS = ("person", "place", "organization")


async def main(argv: list[str]) -> None:
    errors = "--errors" in argv
    folder, *names = [a for a in argv if not a.startswith("--")]
    here = Path(folder)
    files = sorted(p for p in here.glob("*.txt") if not names or any(n in p.name for n in names))
    golds = {p: _gold_of(p) for p in files}
    if "--dev" in argv:  # the dev articles of the evaluation (never the held-out ones)
        golds = {}
        root = Path(__file__).resolve().parent.parent
        for q in sorted((root / "tests/data/articles").glob("*.questions.json")):
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


def _gold_of(article: Path) -> Path:
    """The gold list beside a probe article: ``<name>.gold.json`` (ent21) or ``<name>.json``."""
    gold = article.with_suffix(".gold.json")
    return gold if gold.exists() else article.with_suffix(".json")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
