"""Measuring answer and entity quality on hand-written question sets.

A question set is a JSON file (see ``tests/data/``): the article it is about, answerable
questions with a verbatim fragment of the sentence that answers each, unanswerable questions,
and a careful reader's entity list. Every figure is computed next to a plain rank-bm25 baseline
(``BM25Okapi`` over the same sentences and tokens, top-1 of ``get_scores``), so the README can
show what the reranking and abstention actually add.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from rank_bm25 import BM25Okapi

from config.settings import Settings
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary

KINDS = ("person", "place", "organization")


@dataclass
class ArticleReport:
    name: str
    split: str
    answerable: int
    unanswerable: int
    top1: float
    top3: float
    answered_top1: float
    abstain_accuracy: float
    false_abstain_rate: float
    baseline_top1: float
    baseline_top3: float
    entity_f1: dict[str, float] = field(default_factory=dict)
    entity_precision: dict[str, float] = field(default_factory=dict)
    entity_recall: dict[str, float] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    #: (coverage, abstained by a rule coverage does not decide — a name the article lacks, an
    #: answer of the wrong kind, ``AskResult.ruled_out`` —, top-1 right) per answerable question
    #: and (coverage, the same flag) per unanswerable one, for the trade-off curve.
    answerable_evidence: list[tuple[float, bool, bool]] = field(default_factory=list)
    unanswerable_evidence: list[tuple[float, bool]] = field(default_factory=list)


def _norm(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    name = re.sub(r"(’s|'s|’|')$", "", name)
    return " ".join(name.lower().replace(".", "").split())


def entity_scores(predicted: list[tuple[str, list[str]]], gold: list[dict[str, Any]]
                  ) -> tuple[float, float, float]:
    """Precision, recall and F1 of one kind. A predicted entity is right when its name or an
    alias is a gold name or alias not already claimed: an alias left unmerged counts as a false
    positive."""
    gold_forms = [{_norm(g["name"]), *(_norm(a) for a in g.get("aliases", []))} for g in gold]
    claimed: set[int] = set()
    true_positive = 0
    for name, aliases in predicted:
        forms = {_norm(name), *(_norm(a) for a in aliases)}
        for index, golden in enumerate(gold_forms):
            if index not in claimed and forms & golden:
                claimed.add(index)
                true_positive += 1
                break
    precision = true_positive / len(predicted) if predicted else (1.0 if not gold else 0.0)
    recall = len(claimed) / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _article_path(question_file: Path, data: dict[str, Any], settings: Settings) -> Path:
    if data["article"] == "seed":
        seeds = sorted(p for p in settings.seeds_dir.glob("*.txt"))
        if not seeds:
            raise FileNotFoundError("no seed article found")
        return seeds[0]
    return (question_file.parent / data["article"]).resolve()


@dataclass
class LibraryBaseline:
    """Plain ``BM25Okapi`` over every sentence of a library, for questions asked of all its
    articles at once: which article's sentence each row is."""

    bm25: BM25Okapi
    rows: list[tuple[int, int, int]]  # (article id, sentence start, sentence end)

    @classmethod
    async def of(cls, library: ArticleLibrary) -> LibraryBaseline:
        corpus: list[list[str]] = []
        rows: list[tuple[int, int, int]] = []
        for article in await library.articles(Scope.all()):
            bundle = await library.bundle(article.id)
            for sentence in bundle.sentences:
                corpus.append(list(sentence.terms))
                rows.append((article.id, sentence.start, sentence.end))
        return cls(BM25Okapi(corpus), rows)


async def evaluate_file(library: ArticleLibrary, question_file: Path,
                        min_coverage: float | None = None, *,
                        whole_library: LibraryBaseline | None = None) -> ArticleReport:
    """Ask a set's questions of its own article; with ``whole_library``, of every article
    in the library at once (as a server's members ask when they pick no article): then only
    the set's own sentence is right, and the baseline is BM25 over the whole library."""
    data = json.loads(question_file.read_text(encoding="utf-8"))
    result = await library.ingest_path(_article_path(question_file, data, library.settings))
    article_id = result.article.id
    asked_of = None if whole_library else article_id
    bundle = await library.bundle(article_id)
    body = bundle.body
    spans = []
    for item in data["questions"]:
        start = body.find(item["expected"])
        if start < 0:
            raise ValueError(f"{question_file.name}: expected text not in article: {item}")
        spans.append((start, start + len(item["expected"])))

    def hit(sentence_start: int, sentence_end: int, span: tuple[int, int],
            of_article: int = article_id) -> bool:
        return of_article == article_id and sentence_start < span[1] and span[0] < sentence_end

    if whole_library is None:
        baseline = BM25Okapi([list(s.terms) for s in bundle.sentences])
        base_rows = [(article_id, s.start, s.end) for s in bundle.sentences]
    else:
        baseline, base_rows = whole_library.bm25, whole_library.rows
    top1 = top3 = answered = false_abstain = base1 = base3 = 0
    misses: list[dict[str, Any]] = []
    evidence: list[tuple[float, bool, bool]] = []
    unanswerable_evidence: list[tuple[float, bool]] = []
    for item, span in zip(data["questions"], spans, strict=True):
        res = await library.ask(item["q"], Scope.all(), article_id=asked_of, top_k=3,
                                min_coverage=min_coverage)
        ranked = res.answers or res.closest
        first = bool(ranked) and hit(ranked[0].sentence.start, ranked[0].sentence.end, span,
                                     ranked[0].article.id)
        top1 += first
        top3 += any(hit(a.sentence.start, a.sentence.end, span, a.article.id)
                    for a in ranked[:3])
        answered += first and not res.abstained
        false_abstain += res.abstained
        ruled = res.unknown_name or res.untyped or res.ruled_out
        evidence.append((round(res.coverage, 4), ruled, first))
        if not first or res.abstained:
            misses.append({"q": item["q"], "expected": item["expected"],
                           "got": ranked[0].text if ranked else None,
                           "abstained": res.abstained, "reason": res.reason})
        asked = await library.analyse(item["q"])
        scores = baseline.get_scores(asked.terms)
        order = np.argsort(-scores, kind="stable")[:3]
        base_hits = [hit(start, end, span, of) for of, start, end in
                     (base_rows[i] for i in order if scores[i] > 0)]
        base1 += bool(base_hits) and base_hits[0]
        base3 += any(base_hits)
    abstained = 0
    for item in data.get("unanswerable", []):
        question = item["q"] if isinstance(item, dict) else item
        res = await library.ask(question, Scope.all(), article_id=asked_of, top_k=3,
                                min_coverage=min_coverage)
        abstained += res.abstained
        ruled = res.unknown_name or res.untyped or res.ruled_out
        unanswerable_evidence.append((round(res.coverage, 4), ruled))
        if not res.abstained:
            misses.append({"q": question, "expected": None,
                           "got": res.answers[0].text if res.answers else None,
                           "abstained": False})
    n = len(data["questions"])
    m = len(data.get("unanswerable", []))
    report = ArticleReport(
        name=question_file.name.removesuffix(".questions.json").removesuffix(".json"),
        split=data.get("split", "dev"), answerable=n, unanswerable=m,
        top1=top1 / n, top3=top3 / n, answered_top1=answered / n,
        abstain_accuracy=abstained / m if m else 1.0, false_abstain_rate=false_abstain / n,
        baseline_top1=base1 / n, baseline_top3=base3 / n, misses=misses,
        answerable_evidence=evidence, unanswerable_evidence=unanswerable_evidence,
    )
    gold = data.get("entities") or {}
    if gold:
        found = await library.entities(Scope.all(), article_id=article_id)
        for kind in KINDS:
            predicted = [(e.name, e.aliases) for e in found.get(kind, [])]
            p, r, f = entity_scores(predicted, gold.get(kind, []))
            report.entity_precision[kind] = round(p, 3)
            report.entity_recall[kind] = round(r, 3)
            report.entity_f1[kind] = round(f, 3)
    return report


async def evaluate(files: list[Path], settings: Settings, min_coverage: float | None = None,
                   alone: bool = False, whole_library: bool = False) -> list[ArticleReport]:
    """Evaluate the files on a fresh temporary database (the user's database is untouched):
    one library that grows file by file, so each set is asked beside the sets before it; or,
    with ``alone``, a library of its own per file — what a new server with one article has,
    where idf comes from that article alone; or, with ``whole_library``, every article first
    and each question asked of all of them at once."""
    if alone:
        return [report for f in files
                for report in await evaluate([f], settings, min_coverage)]
    with tempfile.TemporaryDirectory(prefix="article-bot-eval-") as tmp:
        eval_settings = settings.model_copy(update={"db_path": Path(tmp) / "eval.sqlite3"})
        library = await ArticleLibrary.open(eval_settings, ingest_seeds=False)
        try:
            baseline = None
            if whole_library:
                for f in files:
                    data = json.loads(f.read_text(encoding="utf-8"))
                    await library.ingest_path(_article_path(f, data, library.settings))
                baseline = await LibraryBaseline.of(library)
            return [await evaluate_file(library, f, min_coverage, whole_library=baseline)
                    for f in files]
        finally:
            await library.close()


def report_table(reports: list[ArticleReport]) -> str:
    header = (f"{'article':34} {'split':5} {'n':>3} {'top1':>5} {'top3':>5} {'bm25@1':>6} "
              f"{'bm25@3':>6} {'abst':>5} {'f-abs':>5} {'F1 per':>6} {'F1 pla':>6} "
              f"{'F1 org':>6}")
    lines = [header, "-" * len(header)]
    for r in reports:
        f1 = [r.entity_f1.get(k) for k in KINDS]
        lines.append(
            f"{r.name[:34]:34} {r.split:5} {r.answerable:>3} {r.top1:>5.2f} {r.top3:>5.2f} "
            f"{r.baseline_top1:>6.2f} {r.baseline_top3:>6.2f} {r.abstain_accuracy:>5.2f} "
            f"{r.false_abstain_rate:>5.2f} "
            + " ".join(f"{v:>6.2f}" if v is not None else f"{'-':>6}" for v in f1)
        )
    for split in sorted({r.split for r in reports}):
        group = [r for r in reports if r.split == split]
        n = sum(r.answerable for r in group)
        m = sum(r.unanswerable for r in group)

        def pooled(attribute: str, weights: str = "answerable", group=group) -> float:
            total = sum(getattr(r, weights) for r in group) or 1
            return sum(getattr(r, attribute) * getattr(r, weights) for r in group) / total

        lines.append(
            f"{'all ' + split:34} {split:5} {n:>3} {pooled('top1'):>5.2f} {pooled('top3'):>5.2f} "
            f"{pooled('baseline_top1'):>6.2f} {pooled('baseline_top3'):>6.2f} "
            f"{pooled('abstain_accuracy', 'unanswerable'):>5.2f} "
            f"{pooled('false_abstain_rate'):>5.2f}   (pooled; {m} unanswerable)"
        )
    return "\n".join(lines)


def report_json(report: ArticleReport) -> dict[str, Any]:
    return asdict(report)


def tradeoff_curve(reports: list[ArticleReport], thresholds: list[float]
                   ) -> list[tuple[float, float, float]]:
    """(threshold, abstain accuracy on unanswerable, false-abstain rate on answerable) when
    abstaining below each coverage threshold (and always where a rule abstained that no
    threshold decides: a name the article lacks, an answer of the wrong kind, ``ruled_out``)."""
    answerable = [e for r in reports for e in r.answerable_evidence]
    unanswerable = [e for r in reports for e in r.unanswerable_evidence]
    rows = []
    for threshold in thresholds:
        hits = sum(1 for cov, unknown in unanswerable if unknown or cov < threshold)
        false = sum(1 for cov, unknown, _ in answerable if unknown or cov < threshold)
        rows.append((threshold, hits / max(1, len(unanswerable)),
                     false / max(1, len(answerable))))
    return rows
