"""The command line's JSON shapes (a public interface: extend, never rename)."""

from __future__ import annotations

from typing import Any

from retrieval.answers import Answer, AskResult
from retrieval.service import EntityInfo, IngestResult
from retrieval.store import ArticleRow


def article_json(row: ArticleRow, created: bool | None = None) -> dict[str, Any]:
    """``{"id", "title", "source", "sentences", "created"}`` plus extra fields."""
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "sentences": row.sentence_count,
        "created": created if created is not None else False,
        "paragraphs": row.paragraph_count,
        "author": row.author,
        "published": row.published,
        "guild_id": row.guild_id,
        "kind": row.kind,
    }


def ingest_json(result: IngestResult) -> dict[str, Any]:
    return article_json(result.article, result.created)


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "text": answer.text,
        "score": round(answer.score, 6),
        "article": {
            "id": answer.article.id,
            "title": answer.article.title,
            "source": answer.article.source,
        },
        "paragraph": answer.sentence.paragraph + 1,
        "sentence": answer.sentence.index + 1,
        "context": {"before": answer.before, "after": answer.after},
        "highlight": list(answer.highlight) if answer.highlight else None,
        "confidence": answer.confidence,
        "sentence_id": answer.sentence.id,
        "refers_to": answer.refers_to,
    }


def ask_json(result: AskResult) -> dict[str, Any]:
    return {
        "question": result.question,
        "abstained": result.abstained,
        "reason": result.reason,
        "answers": [answer_json(a) for a in result.answers],
        "closest": [answer_json(a) for a in result.closest],
    }


def entity_json(entity: EntityInfo) -> dict[str, Any]:
    return {
        "name": entity.name,
        "count": entity.count,
        "aliases": entity.aliases,
        "mentions": [
            {"article": m.article_id, "paragraph": m.paragraph, "sentence": m.sentence,
             "text": m.text}
            for m in entity.mentions
        ],
    }


def entities_json(entities: dict[str, list[EntityInfo]]) -> dict[str, Any]:
    return {kind: [entity_json(e) for e in items] for kind, items in entities.items()}
