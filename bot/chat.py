"""The offline chat: ask questions in the terminal, no Discord token needed."""

from __future__ import annotations

import asyncio
import sys

from bot.text_format import format_article, format_entities, format_result
from retrieval.errors import ArticleBotError
from retrieval.scope import Scope
from retrieval.service import ArticleLibrary

HELP = """Ask a question about the articles and press Enter. Commands:
  :articles        list the articles          :article ID   ask only article ID
  :entities [KIND] people, places, orgs...    :all          ask every article again
  :more            all top answers of the last question
  :help            this text                  :quit         leave (or Ctrl-D)"""


async def _read_line(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def run_chat(library: ArticleLibrary, article_id: int | None = None) -> int:
    scope = Scope.all()
    rows = await library.articles(scope)
    interactive = sys.stdin.isatty()
    if interactive:
        print("article-bot — offline chat. I answer with the article's own sentence.")
        print(f"{len(rows)} article(s) loaded; type :help for commands.\n")
    await library.warm_up()
    last = None
    while True:
        line = await _read_line("you> " if interactive else "")
        if line is None:
            break
        line = line.strip()
        if not line:
            continue
        if line in {":q", ":quit", ":exit"}:
            break
        try:
            if line == ":help":
                print(HELP)
            elif line == ":articles":
                for row in await library.articles(scope):
                    print(format_article(row))
            elif line.startswith(":entities"):
                kind = line.split(maxsplit=1)[1].strip() if " " in line else None
                print(format_entities(await library.entities(scope, article_id=article_id,
                                                             kind=kind)))
            elif line.startswith(":article"):
                parts = line.split()
                article_id = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                if article_id is not None:
                    row = await library.article(article_id, scope)
                    print(f"Asking only #{row.id} {row.title}.")
                else:
                    print("Usage: :article ID")
            elif line == ":all":
                article_id = None
                print("Asking every article.")
            elif line == ":more":
                print(format_result(last, all_answers=True) if last else "Ask something first.")
            elif line.startswith(":"):
                print("Unknown command; type :help.")
            else:
                last = await library.ask(line, scope, article_id=article_id)
                print(format_result(last))
        except ArticleBotError as error:
            print(f"Sorry: {error}")
        print()
    return 0
