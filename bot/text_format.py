"""Readable (non-JSON) output for the command line and the offline chat."""

from __future__ import annotations

import textwrap

from retrieval.answers import Answer, AskResult
from retrieval.service import EntityInfo
from retrieval.store import ArticleRow


def source_line(answer: Answer) -> str:
    line = f"— {answer.article.title}, paragraph {answer.sentence.paragraph + 1}"
    line += f" (article #{answer.article.id})"
    if answer.article.source:
        line += f" {answer.article.source}"
    return line


def quote(answer: Answer, width: int = 88) -> str:
    text = " ".join(answer.text.split())
    wrapped = textwrap.fill(f"“{text}”", width=width, initial_indent="  ",
                            subsequent_indent="   ")
    if answer.refers_to:  # the sentence opens with "He"/"She": who that is
        wrapped += f"\n    ({answer.refers_to}, named in the sentence before)"
    return f"{wrapped}\n    {source_line(answer)}"


def format_result(result: AskResult, *, all_answers: bool = False) -> str:
    if result.abstained:
        lines = [f"I can't answer that from the article. {result.reason or ''}".strip()]
        if result.closest:
            lines.append("The closest I found:")
            lines.append(quote(result.closest[0]))
        return "\n".join(lines)
    shown = result.answers if all_answers else result.answers[:1]
    lines = [quote(answer) for answer in shown]
    return "\n".join(lines)


def format_article(row: ArticleRow) -> str:
    line = f"#{row.id}  {row.title}  ({row.sentence_count} sentences"
    if row.kind == "seed":
        line += ", built in"
    line += ")"
    if row.source:
        line += f"\n     {row.source}"
    return line


def format_entities(entities: dict[str, list[EntityInfo]]) -> str:
    lines = []
    for kind, items in entities.items():
        if not items:
            continue
        lines.append(f"{kind.capitalize()} ({len(items)}):")
        for entity in items:
            alias = f"  (also: {', '.join(entity.aliases)})" if entity.aliases else ""
            lines.append(f"  {entity.name} ×{entity.count}{alias}")
    return "\n".join(lines) if lines else "No entities found."
