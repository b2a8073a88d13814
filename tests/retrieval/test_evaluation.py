"""`python -m bot eval`: what it counts on a question set, and which library it asks in."""

from __future__ import annotations

import json
from pathlib import Path

from config.settings import Settings
from retrieval import evaluation
from retrieval.evaluation import evaluate, report_json
from retrieval.scope import Scope

ARTICLE = """title: Ferry fire off Hvar
---
A fire broke out in the engine room of the ferry Lastovka off the island of Hvar on Monday.

Captain Ivo Maric said all 212 passengers were taken off in lifeboats within 30 minutes.

Two crew members were treated in hospital in Split for smoke inhalation.

The ferry was towed to the port of Split on Tuesday.
"""


def _question_set(directory: Path, name: str = "ferry") -> Path:
    """A small question set in the format of ``tests/data/``: two questions the article
    answers in its own words, one it does not answer, and its people and places."""
    (directory / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    questions = {
        "article": f"{name}.txt",
        "split": "dev",
        "questions": [
            {"q": "How many passengers were taken off in lifeboats?",
             "expected": "all 212 passengers were taken off in lifeboats",
             "paraphrased": False, "type": "how_many"},
            {"q": "Where were the crew members treated?",
             "expected": "treated in hospital in Split",
             "paraphrased": False, "type": "where"},
        ],
        "unanswerable": [{"q": "What is the capital of Australia?", "kind": "off_topic"}],
        "entities": {
            "person": [{"name": "Ivo Maric", "aliases": []}],
            "place": [{"name": "Hvar", "aliases": []}, {"name": "Split", "aliases": []}],
            "organization": [],
        },
    }
    path = directory / f"{name}.questions.json"
    path.write_text(json.dumps(questions), encoding="utf-8")
    return path


async def test_a_report_counts_answers_abstentions_and_entities(
        settings: Settings, tmp_path: Path) -> None:
    [report] = await evaluate([_question_set(tmp_path)], settings)
    assert (report.name, report.split) == ("ferry", "dev")
    assert (report.answerable, report.unanswerable) == (2, 1)
    assert report.top1 == report.top3 == 1.0, report.misses
    assert report.abstain_accuracy == 1.0 and report.false_abstain_rate == 0.0
    assert report.entity_f1["person"] == 1.0 and report.entity_f1["place"] == 1.0
    assert 0.0 <= report.baseline_top1 <= report.baseline_top3 <= 1.0
    # the JSON line scripts read
    assert {"name", "split", "top1", "top3", "abstain_accuracy", "false_abstain_rate",
            "baseline_top1", "entity_f1", "misses"} <= set(report_json(report))


def _twin_set(directory: Path) -> Path:
    """A second ferry's set, its article the first's in other names and numbers: every
    question of one set is as well answered by the other's article."""
    second = _question_set(directory, "ferry-again")
    (directory / "ferry-again.txt").write_text(
        ARTICLE.replace("Hvar", "Vis").replace("212", "180"), encoding="utf-8")
    data = json.loads(second.read_text(encoding="utf-8"))
    data["questions"][0]["expected"] = "all 180 passengers were taken off in lifeboats"
    data["entities"]["place"][0]["name"] = "Vis"
    second.write_text(json.dumps(data), encoding="utf-8")
    return second


async def test_sets_share_one_growing_library_unless_asked_alone(
        settings: Settings, tmp_path: Path, monkeypatch) -> None:
    # how many articles the library holds when each set is asked: the growing library has
    # the sets before it, a library of its own (a new server's) has none
    first = _question_set(tmp_path, "ferry")
    second = _twin_set(tmp_path)
    seen: list[int] = []
    real = evaluation.evaluate_file

    async def counting(library, question_file, min_coverage=None, **kwargs):
        seen.append(len(await library.articles(Scope.all())))
        return await real(library, question_file, min_coverage, **kwargs)

    monkeypatch.setattr(evaluation, "evaluate_file", counting)
    await evaluate([first, second], settings)
    assert seen == [0, 1]
    seen.clear()
    reports = await evaluate([first, second], settings, alone=True)
    assert seen == [0, 0]
    assert [report.name for report in reports] == ["ferry", "ferry-again"]
    seen.clear()
    await evaluate([first, second], settings, whole_library=True)
    assert seen == [2, 2]  # every article is in before the first question


async def test_asked_of_the_whole_library_only_the_sets_own_sentence_is_right(
        settings: Settings, tmp_path: Path) -> None:
    # the twin articles answer each other's questions in the same words: asked of both at
    # once, each question's best sentence is one article's, right for one set only
    first, second = _question_set(tmp_path, "ferry"), _twin_set(tmp_path)
    own = await evaluate([first, second], settings)
    assert [r.top1 for r in own] == [1.0, 1.0]
    whole = await evaluate([first, second], settings, whole_library=True)
    assert sum(r.top1 * r.answerable for r in whole) == 2
    assert sum(r.baseline_top1 * r.answerable for r in whole) <= 2
    assert [r.top3 for r in whole] == [1.0, 1.0]  # the other ferry's sentence is close behind
