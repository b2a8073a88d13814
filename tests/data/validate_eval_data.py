#!/usr/bin/env python3
"""Validate the hand-written article-bot evaluation data in tests/data/.

Checks, for tests/data/seed_questions.json and every
tests/data/articles/<slug>.questions.json:

* the article file exists and (for the written articles) has a front matter
  block (title/source/published/author) ended by a line ``---``, followed by
  one-line paragraphs separated by exactly one blank line;
* article body word count is 350-800 and paragraph count 12-25 (written
  articles only; the seed is a scraped article and is not size-checked);
* every answerable question has the required keys, a valid ``type``, an
  ``expected`` string of 20-80 characters that occurs EXACTLY ONCE in the
  article body and lies inside a single sentence, and no sentence is the
  answer to more than two questions;
* counts: answerable >= 16 (seed: 45), unanswerable >= 5 (seed: 12) with
  >= 3 related / >= 2 off_topic (seed: >= 6 each), paraphrased >= half;
* every entity name and alias occurs (case-sensitively) in the article body,
  and no name is listed twice;
* every split is "dev", "test" or "fresh" (a held-out set written later than
  the test split); across the written articles there are at least two "dev"
  and exactly three "test" splits ("fresh" articles are optional and follow
  the same per-article rules).

Plain Python 3, no third-party dependencies. Exit status 0 when all OK.
Usage: python3 tests/data/validate_eval_data.py
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys

DATA_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(DATA_DIR))
SEED_NAME = "000_712a28dfd05d6b95.txt"
SEED_CANDIDATES = [
    os.path.join(REPO_ROOT, "seeds", SEED_NAME),
    os.path.join("/work/shared/seeds", SEED_NAME),
]

QTYPES = {"who", "where", "when", "how_many", "what", "why", "how", "which"}
UKINDS = {"related", "off_topic"}
ENTITY_TYPES = ("person", "place", "organization")
SPLITS = ("dev", "test", "fresh")
FRONT_KEYS = ("title", "source", "published", "author")

# Sentence boundary: terminal punctuation, optional closing quotes/brackets,
# whitespace, then an (optionally quoted) capital letter or digit.
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*(\s+)(?=[\"“‘'(\[]?[A-Z0-9À-Þ])")
_ABBREV = {
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "Prof",
    "Gen",
    "Col",
    "Lt",
    "Sgt",
    "No",
    "Jr",
    "Sr",
    "Inc",
    "Ltd",
    "Co",
    "vs",
    "U.S",
    "U.K",
    "a.m",
    "p.m",
    # wire style abbreviates months before a day ("Jan. 9", "Sept. 30"); the bot's spaCy
    # splitter keeps such a date in its sentence, and so must this one
    "Jan",
    "Feb",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Gov",
    "Sen",
    "Rep",
}


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) character spans of the sentences of one paragraph."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        prev = paragraph[start : m.start()].split()
        if prev and prev[-1].rstrip(".") in _ABBREV:
            continue
        end = m.start(1)
        spans.append((start, end))
        start = m.end(1)
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


def load_article(path: str, front_matter: bool, errors: list[str]) -> tuple[str, list[str]]:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    name = os.path.basename(path)
    if front_matter:
        lines = text.split("\n")
        if "---" not in lines:
            errors.append(f"{name}: no '---' line ending the front matter")
            return "", []
        sep = lines.index("---")
        meta = {}
        for line in lines[:sep]:
            if ":" not in line:
                errors.append(f"{name}: bad front matter line {line!r}")
                continue
            k, v = line.split(":", 1)
            meta[k.strip()] = v.strip()
        for k in FRONT_KEYS:
            if not meta.get(k):
                errors.append(f"{name}: front matter lacks '{k}'")
        if meta.get("published") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"]):
            errors.append(f"{name}: published is not YYYY-MM-DD")
        body = "\n".join(lines[sep + 1 :]).strip("\n")
        if "\n\n\n" in body:
            errors.append(f"{name}: paragraphs separated by more than one blank line")
        paragraphs = body.split("\n\n")
        for i, p in enumerate(paragraphs, 1):
            if "\n" in p or not p.strip():
                errors.append(f"{name}: paragraph {i} is empty or spans several lines")
    else:
        # Scraped seed: one paragraph per line. A copy of it may carry an
        # optional "key: value" front matter block ended by '---'; drop it.
        lines = text.split("\n")
        if "---" in lines[:20]:
            sep = lines.index("---")
            if all(re.match(r"^[A-Za-z_]+:", ln) for ln in lines[:sep] if ln.strip()):
                lines = lines[sep + 1 :]
        body = "\n".join(lines).strip("\n")
        paragraphs = [p for p in body.split("\n") if p.strip()]
    return body, paragraphs


def locate_sentence(paragraphs: list[str], expected: str):
    """Return (paragraph index, sentence index, within_one_sentence) or None."""
    for pi, para in enumerate(paragraphs):
        pos = para.find(expected)
        if pos < 0:
            continue
        end = pos + len(expected)
        for si, (s, e) in enumerate(split_sentences(para)):
            if s <= pos < e or (pos < s and end > s):
                return pi, si, (s <= pos and end <= e)
        return pi, -1, False
    return None


def check_file(qpath: str, errors: list[str]) -> dict:
    name = os.path.relpath(qpath, DATA_DIR)
    with open(qpath, encoding="utf-8") as fh:
        data = json.load(fh)
    is_seed = data.get("article") == "seed"
    if is_seed:
        apath = next((p for p in SEED_CANDIDATES if os.path.exists(p)), None)
        if apath is None:
            errors.append(f"{name}: seed article not found in {SEED_CANDIDATES}")
            return {}
    else:
        apath = os.path.join(os.path.dirname(qpath), data.get("article", ""))
        if not os.path.exists(apath):
            errors.append(f"{name}: article {data.get('article')!r} not found")
            return {}
    body, paragraphs = load_article(apath, front_matter=not is_seed, errors=errors)
    words = len(body.split())
    if not is_seed:
        if not 350 <= words <= 800:
            errors.append(f"{name}: article has {words} words (want 350-800)")
        if not 12 <= len(paragraphs) <= 25:
            errors.append(f"{name}: article has {len(paragraphs)} paragraphs (want 12-25)")
    if data.get("split") not in SPLITS:
        errors.append(f"{name}: split must be one of {', '.join(SPLITS)}")

    questions = data.get("questions", [])
    unans = data.get("unanswerable", [])
    min_q, min_u, min_kind = (45, 12, 6) if is_seed else (16, 5, None)
    if len(questions) < min_q:
        errors.append(f"{name}: {len(questions)} answerable questions (want >= {min_q})")
    n_para = sum(1 for q in questions if q.get("paraphrased") is True)
    if n_para * 2 < len(questions):
        errors.append(f"{name}: only {n_para}/{len(questions)} paraphrased (want >= half)")

    seen_q, per_sentence = set(), {}
    for i, q in enumerate(questions, 1):
        tag = f"{name}: question {i} ({q.get('q', '')[:50]!r})"
        for key in ("q", "expected", "paraphrased", "type"):
            if key not in q:
                errors.append(f"{tag}: missing '{key}'")
        if q.get("type") not in QTYPES:
            errors.append(f"{tag}: bad type {q.get('type')!r}")
        if not isinstance(q.get("paraphrased"), bool):
            errors.append(f"{tag}: 'paraphrased' must be true/false")
        qt = q.get("q", "").strip().lower()
        if qt in seen_q:
            errors.append(f"{tag}: duplicate question")
        seen_q.add(qt)
        exp = q.get("expected", "")
        if not 20 <= len(exp) <= 80:
            errors.append(f"{tag}: expected is {len(exp)} chars (want 20-80)")
        n = body.count(exp) if exp else 0
        if n != 1:
            errors.append(f"{tag}: expected occurs {n} times in article (want exactly 1): {exp!r}")
            continue
        loc = locate_sentence(paragraphs, exp)
        if loc is None:
            errors.append(f"{tag}: expected spans a paragraph break: {exp!r}")
            continue
        pi, si, inside = loc
        if not inside:
            errors.append(f"{tag}: expected crosses a sentence boundary: {exp!r}")
        per_sentence.setdefault((pi, si), []).append(i)
    for (pi, si), qs in per_sentence.items():
        if len(qs) > 2:
            errors.append(
                f"{name}: paragraph {pi + 1} sentence {si + 1} answers {len(qs)} questions {qs} (max 2)"
            )

    kinds = {"related": 0, "off_topic": 0}
    for i, u in enumerate(unans, 1):
        if not u.get("q"):
            errors.append(f"{name}: unanswerable {i} has no 'q'")
        if u.get("kind") not in UKINDS:
            errors.append(f"{name}: unanswerable {i} has bad kind {u.get('kind')!r}")
        else:
            kinds[u["kind"]] += 1
        qt = u.get("q", "").strip().lower()
        if qt in seen_q:
            errors.append(f"{name}: unanswerable {i} duplicates another question")
        seen_q.add(qt)
    if len(unans) < min_u:
        errors.append(f"{name}: {len(unans)} unanswerable (want >= {min_u})")
    need_rel, need_off = (min_kind, min_kind) if is_seed else (3, 2)
    if kinds["related"] < need_rel or kinds["off_topic"] < need_off:
        errors.append(
            f"{name}: unanswerable kinds {kinds} (want related >= {need_rel}, off_topic >= {need_off})"
        )

    ents = data.get("entities", {})
    counts, all_names = {}, {}
    for etype in ENTITY_TYPES:
        items = ents.get(etype)
        if not isinstance(items, list):
            errors.append(f"{name}: entities.{etype} missing or not a list")
            items = []
        counts[etype] = len(items)
        for ent in items:
            forms = [ent.get("name", ""), *list(ent.get("aliases", []))]
            for form in forms:
                if not form or form not in body:
                    errors.append(f"{name}: {etype} form {form!r} not found in article text")
            key = ent.get("name", "").lower()
            if key in all_names:
                errors.append(
                    f"{name}: entity {ent.get('name')!r} listed twice ({all_names[key]}, {etype})"
                )
            all_names[key] = etype
    for etype in ents:
        if etype not in ENTITY_TYPES:
            errors.append(f"{name}: unknown entity type {etype!r}")

    return {
        "file": name,
        "split": data.get("split"),
        "seed": is_seed,
        "words": words,
        "paragraphs": len(paragraphs),
        "answerable": len(questions),
        "paraphrased": n_para,
        "unanswerable": len(unans),
        **counts,
    }


def main() -> int:
    errors: list[str] = []
    files = [os.path.join(DATA_DIR, "seed_questions.json")]
    files += sorted(glob.glob(os.path.join(DATA_DIR, "articles", "*.questions.json")))
    rows = []
    for path in files:
        if not os.path.exists(path):
            errors.append(f"missing {os.path.relpath(path, DATA_DIR)}")
            continue
        try:
            row = check_file(path, errors)
        except (json.JSONDecodeError, OSError) as exc:
            errors.append(f"{os.path.relpath(path, DATA_DIR)}: {exc}")
            continue
        if row:
            rows.append(row)
    # every article must have a questions file
    for apath in sorted(glob.glob(os.path.join(DATA_DIR, "articles", "*.txt"))):
        if not os.path.exists(apath[:-4] + ".questions.json"):
            errors.append(f"{os.path.relpath(apath, DATA_DIR)} has no questions file")
    splits = [r["split"] for r in rows if not r["seed"]]
    if splits.count("dev") < 2 or splits.count("test") != 3:
        errors.append(f"written articles: want >= 2 dev + 3 test splits, got {splits}")

    header = f"{'file':48} {'split':5} {'words':>5} {'paras':>5} {'ans(para)':>9} {'unans':>5} {'per':>4} {'plc':>4} {'org':>4}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['file']:48} {r['split']:5} {r['words']:5d} {r['paragraphs']:5d} "
            f"{r['answerable']:4d}({r['paraphrased']:2d}) {r['unanswerable']:5d} "
            f"{r['person']:4d} {r['place']:4d} {r['organization']:4d}"
        )
    print()
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"\n{len(errors)} problem(s) found")
        return 1
    print(f"All OK ({len(rows)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
