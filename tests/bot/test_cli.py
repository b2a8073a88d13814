"""The command line: every command, its JSON contract, and its errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from config.settings import PROJECT_ROOT
from tests.conftest import EVAL_ARTICLES, SEED_FILE

ARTICLE_KEYS = {"id", "title", "source", "sentences", "created"}
ANSWER_KEYS = {"text", "score", "article", "paragraph", "sentence", "context", "highlight",
               "confidence", "sentence_id", "refers_to"}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout
    for key in list(os.environ):
        if key.startswith("ARTICLE_BOT_"):
            monkeypatch.delenv(key)
    return tmp_path / "cli.sqlite3"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_articles_lists_the_seed_on_first_use(db: Path, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    code, out, _ = run(capsys, "--db", str(db), "articles", "--json")
    assert code == 0
    rows = json_lines(out)
    assert len(rows) == 1 and rows[0].keys() >= ARTICLE_KEYS
    assert rows[0]["sentences"] > 20


def test_ingest_json_reports_created_then_existing(db: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "ingest", "--json", str(EVAL_ARTICLES[0]))
    first = json_lines(out)[0]
    assert code == 0 and first["created"] is True and first.keys() >= ARTICLE_KEYS
    code, out, _ = run(capsys, "--db", str(db), "ingest", "--json", str(EVAL_ARTICLES[0]))
    again = json_lines(out)[0]
    assert again["created"] is False and again["id"] == first["id"]


def test_ask_json_contract(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "ask", "--json", "--top", "2",
                       "Who is the Belgian premier?")
    assert code == 0
    result = json_lines(out)[0]
    assert {"question", "abstained", "reason", "answers"} <= result.keys()
    assert result["abstained"] is False and len(result["answers"]) == 2
    answer = result["answers"][0]
    assert answer.keys() >= ANSWER_KEYS
    assert {"id", "title", "source"} <= answer["article"].keys()
    assert {"before", "after"} <= answer["context"].keys()
    assert answer["text"] in SEED_FILE.read_text(encoding="utf-8")


def test_ask_reads_questions_from_stdin_one_json_per_line(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(
        "Who is the Belgian premier?\n\nWhat is the capital of Peru's football team?\n"))
    code, out, _ = run(capsys, "--db", str(db), "ask", "--json")
    results = json_lines(out)
    assert code == 0 and len(results) == 2
    assert results[0]["abstained"] is False
    assert results[1]["abstained"] is True and results[1]["reason"]


def test_ask_readable_output_quotes_the_sentence(db: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "ask", "Who is the Belgian premier?")
    assert code == 0
    assert "“" in out and "paragraph" in out


def test_entities_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "entities", "--json")
    assert code == 0
    data = json_lines(out)[0]
    assert {"person", "place", "organization"} <= data.keys()
    person = data["person"][0]
    assert {"name", "count", "aliases", "mentions"} <= person.keys()
    _code, out, _ = run(capsys, "--db", str(db), "entities", "--json", "--label", "place")
    assert set(json_lines(out)[0]) == {"place"}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ask", ""], "empty"),
        (["ask", "?!?"], "question"),
        (["ask", "--article", "999", "Who?"], "no article"),
        (["ingest", "/nonexistent/file.txt"], "no file"),
        (["entities", "--label", "weather"], "Unknown label"),
        (["ask", "--top", "0", "Who?"], "--top"),
    ],
)
def test_errors_are_one_clear_line_and_non_zero(db: Path, capsys: pytest.CaptureFixture[str],
                                                args: list[str], needle: str) -> None:
    code, _out, err = run(capsys, "--db", str(db), *args)
    assert code != 0
    assert needle.lower() in err.lower()
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_spacy_pipeline_names_the_fix(db: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_BOT_SPACY_MODEL", "en_core_web_missing_pipeline")
    code, _out, err = run(capsys, "--db", str(db), "ask", "Who is the premier?")
    assert code != 0
    assert "pip install" in err and "en_core_web_missing_pipeline" in err
    assert "Traceback" not in err


def test_run_without_token_points_at_chat(db: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    code, _out, err = run(capsys, "--db", str(db), "run")
    assert code != 0
    assert "python -m bot chat" in err and "README" in err


def test_chat_answers_from_stdin(db: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(":articles\nWho is the Belgian premier?\n"))
    code, out, _ = run(capsys, "--db", str(db), "chat")
    assert code == 0
    assert "#1" in out and "Charles Michel" in " ".join(out.split())


def test_cli_as_a_subprocess(tmp_path: Path) -> None:
    """The real entry point, as scripts call it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLE_BOT_")}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(tmp_path / "sub.sqlite3"), "ask", "--json",
         "How many people were wounded?"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert not result["abstained"] and "wounded" in result["answers"][0]["text"]
