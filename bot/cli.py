"""The command line. JSON output here is a public interface: extend it, never rename."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from config.settings import Settings

log = logging.getLogger("article_bot.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="article-bot: answers questions about news articles with the article's "
        "own sentence, quoted, and its source.",
    )
    parser.add_argument("--db", type=Path, help="database file (default: ARTICLE_BOT_DB_PATH "
                        "or data/article-bot.sqlite3)")
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING (default)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="add articles (.txt, .md, .html files or URLs)")
    ingest.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
    ingest.add_argument("--json", action="store_true", help="one JSON object per article")
    ingest.add_argument("--workers", type=int, default=None,
                        help="spaCy processes for bulk ingest (default: 2 when many files)")

    ask = sub.add_parser("ask", help="answer a question (or one per line from stdin)")
    ask.add_argument("question", nargs="?", help="the question; omit to read stdin")
    ask.add_argument("--json", action="store_true")
    ask.add_argument("--top", type=int, default=None, metavar="K", help="answers to return")
    ask.add_argument("--article", type=int, default=None, metavar="ID")

    entities = sub.add_parser("entities", help="people, places and organisations named")
    entities.add_argument("--json", action="store_true")
    entities.add_argument("--article", type=int, default=None, metavar="ID")
    entities.add_argument("--label", default=None, metavar="LABEL",
                          help="person, place, organization, group, event or date")

    articles = sub.add_parser("articles", help="list the articles")
    articles.add_argument("--json", action="store_true")

    forget = sub.add_parser("forget", help="remove an article")
    forget.add_argument("article", type=int, metavar="ID")

    chat = sub.add_parser("chat", help="offline question-and-answer session (no Discord)")
    chat.add_argument("--article", type=int, default=None, metavar="ID")

    evaluate = sub.add_parser("eval", help="measure answer and entity quality")
    evaluate.add_argument("files", nargs="*", type=Path,
                          help="question sets (default: tests/data/ sets)")
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--min-coverage", type=float, default=None,
                          help="abstention threshold to evaluate (default: the built-in one)")
    evaluate.add_argument("--misses", action="store_true", help="list the questions missed")
    evaluate.add_argument("--curve", action="store_true",
                          help="print the abstention trade-off curve (coverage thresholds)")
    evaluate.add_argument("--split", choices=["dev", "test", "fresh"], default=None,
                          help="only the question sets of this split")
    evaluate.add_argument("--alone", action="store_true",
                          help="each question set in a library of its own (a new server's), "
                               "not one library that grows set by set")
    evaluate.add_argument("--whole-library", action="store_true",
                          help="every set's article first, then each question asked of all "
                               "of them at once (no article chosen)")

    sub.add_parser("reanalyse",
                   help="analyse every stored article again with the current rules")
    sub.add_parser("run", help="run the Discord bot (needs ARTICLE_BOT_DISCORD_TOKEN)")
    return parser


def make_settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if args.db is not None:
        overrides["db_path"] = args.db
    settings = Settings(**overrides)
    return settings


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = args.log_level or os.environ.get("ARTICLE_BOT_LOG_LEVEL") or (
        "INFO" if args.command == "run" else "WARNING")
    if args.command == "run":
        from bot.runner import run_bot

        return run_bot(make_settings(args))
    logging.basicConfig(level=level.upper(), format="%(levelname)s %(name)s: %(message)s")
    from retrieval.errors import ArticleBotError

    handlers: dict[str, Callable[[argparse.Namespace, Settings], Awaitable[int]]] = {
        "ingest": cmd_ingest, "ask": cmd_ask, "entities": cmd_entities,
        "articles": cmd_articles, "forget": cmd_forget, "chat": cmd_chat, "eval": cmd_eval,
        "reanalyse": cmd_reanalyse,
    }
    try:
        settings = make_settings(args)
        return asyncio.run(handlers[args.command](args, settings))
    except ArticleBotError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a clear line, never a traceback, for the user
        log.debug("unexpected error", exc_info=True)
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


async def _open(settings: Settings):
    from retrieval.service import ArticleLibrary

    return await ArticleLibrary.open(settings)


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.errors import ArticleBotError
    from retrieval.serialize import ingest_json

    library = await _open(settings)
    failures = 0
    try:
        urls = [s for s in args.sources if s.startswith(("http://", "https://"))]
        paths = [Path(s) for s in args.sources if s not in urls]
        for url in urls:
            try:
                result = await library.ingest_url(url)
                _report_ingest(args, result, ingest_json)
            except ArticleBotError as error:
                failures += 1
                print(f"error: {url}: {error}", file=sys.stderr)
        if len(paths) == 1:
            try:
                _report_ingest(args, await library.ingest_path(paths[0]), ingest_json)
            except ArticleBotError as error:
                failures += 1
                print(f"error: {paths[0]}: {error}", file=sys.stderr)
        elif paths:
            workers = args.workers or (2 if len(paths) >= 8 else 1)
            bar = _progress_bar()
            results = await library.ingest_many(paths, n_process=workers,
                                                progress=bar.update if bar else None)
            if bar:
                bar.close()
            for path, result in zip(paths, results, strict=True):
                if isinstance(result, ArticleBotError):
                    failures += 1
                    print(f"error: {path}: {result}", file=sys.stderr)
                else:
                    _report_ingest(args, result, ingest_json)
        await library.wait_saved()
    finally:
        await library.close()
    return 1 if failures else 0


def _progress_bar():
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" sentences", file=sys.stderr, desc="ingesting")


def _report_ingest(args: argparse.Namespace, result: Any, to_json: Callable[[Any], Any]) -> None:
    if args.json:
        _print_json(to_json(result))
    else:
        state = "added" if result.created else "already there"
        print(f"#{result.article.id} {result.article.title} "
              f"({result.article.sentence_count} sentences, {state})")


async def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.text_format import format_result
    from retrieval.errors import ArticleBotError, InvalidQuestionError
    from retrieval.scope import Scope
    from retrieval.serialize import ask_json

    if args.question is not None and not args.question.strip():
        raise InvalidQuestionError("The question is empty; ask something like “Who was "
                                   "arrested?”.")
    if args.top is not None and not 1 <= args.top <= 25:
        raise InvalidQuestionError("--top must be between 1 and 25.")
    library = await _open(settings)
    try:
        if args.article is not None:
            await library.article(args.article, Scope.all())
        questions = [args.question] if args.question is not None else None
        if questions is not None:
            result = await library.ask(questions[0], Scope.all(), article_id=args.article,
                                       top_k=args.top)
            _print_json(ask_json(result)) if args.json else print(
                format_result(result, all_answers=args.top is not None))
            return 0
        status = 0
        for line in sys.stdin:
            question = line.strip()
            if not question:
                continue
            try:
                result = await library.ask(question, Scope.all(), article_id=args.article,
                                           top_k=args.top)
            except ArticleBotError as error:
                status = 1
                if args.json:
                    _print_json({"question": question, "abstained": True, "reason": str(error),
                                 "answers": [], "error": str(error)})
                else:
                    print(f"error: {error}", file=sys.stderr)
                continue
            if args.json:
                _print_json(ask_json(result))
            else:
                print(f"Q: {question}\n{format_result(result)}\n", flush=True)
        return status
    finally:
        await library.close()


async def cmd_entities(args: argparse.Namespace, settings: Settings) -> int:
    from bot.text_format import format_entities
    from retrieval.errors import ArticleBotError
    from retrieval.scope import Scope
    from retrieval.serialize import entities_json

    kinds = {"person", "place", "organization", "group", "event", "date"}
    label = (args.label or "").lower() or None
    aliases = {"people": "person", "persons": "person", "org": "organization",
               "organisation": "organization", "organizations": "organization",
               "places": "place", "gpe": "place", "loc": "place", "norp": "group"}
    label = aliases.get(label, label) if label else None
    if label is not None and label not in kinds:
        raise ArticleBotError(f"Unknown label {args.label!r}; use one of: "
                              + ", ".join(sorted(kinds)) + ".")
    library = await _open(settings)
    try:
        found = await library.entities(Scope.all(), article_id=args.article, kind=label)
        if args.json:
            _print_json(entities_json(found))
        else:
            print(format_entities(found))
    finally:
        await library.close()
    return 0


async def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    from bot.text_format import format_article
    from retrieval.scope import Scope
    from retrieval.serialize import article_json

    library = await _open(settings)
    try:
        for row in await library.articles(Scope.all()):
            _print_json(article_json(row)) if args.json else print(format_article(row))
    finally:
        await library.close()
    return 0


async def cmd_forget(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.scope import Scope

    library = await _open(settings)
    try:
        row = await library.forget(args.article, Scope.all())
        await library.wait_saved()
        print(f"Removed #{row.id} {row.title}")
    finally:
        await library.close()
    return 0


async def cmd_reanalyse(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.analysis import ANALYSIS_VERSION
    from retrieval.service import ArticleLibrary

    library = await ArticleLibrary.open(settings, ingest_seeds=False, reanalyse=False)
    try:
        count = await library.reanalyse()
        noun = "article" if count == 1 else "articles"
        print(f"Analysed {count} {noun} again (analysis rules {ANALYSIS_VERSION}).")
    finally:
        await library.close()
    return 0


async def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.chat import run_chat

    library = await _open(settings)
    try:
        return await run_chat(library, article_id=args.article)
    finally:
        await library.close()


async def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.evaluation import evaluate, report_json, report_table

    files = args.files or default_eval_files()
    if not files:
        print("error: no question sets found", file=sys.stderr)
        return 1
    if args.split:
        files = [f for f in files
                 if json.loads(f.read_text(encoding="utf-8")).get("split", "dev") == args.split]
    if args.alone and args.whole_library:
        print("error: --alone and --whole-library ask in different libraries; choose one",
              file=sys.stderr)
        return 2
    reports = await evaluate(files, settings, args.min_coverage, alone=args.alone,
                             whole_library=args.whole_library)
    if args.json:
        for report in reports:
            _print_json(report_json(report))
        return 0
    print(report_table(reports))
    if args.curve:
        from retrieval.evaluation import tradeoff_curve

        print("\nabstain below coverage   abstain-accuracy   false-abstain")
        for threshold, accuracy, false in tradeoff_curve(
                reports, [round(0.05 * i, 2) for i in range(4, 17)]):
            print(f"{threshold:>22.2f} {accuracy:>18.2f} {false:>15.2f}")
    if args.misses:
        for report in reports:
            for miss in report.misses:
                print(f"[{report.name}] {json.dumps(miss, ensure_ascii=False)}")
    return 0


def default_eval_files() -> list[Path]:
    root = Path(__file__).resolve().parent.parent / "tests" / "data"
    files = [root / "seed_questions.json"] if (root / "seed_questions.json").exists() else []
    return files + sorted((root / "articles").glob("*.questions.json"))
