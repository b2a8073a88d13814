"""Errors whose message is a polite sentence that can be shown to a user as it is."""

from __future__ import annotations


class ArticleBotError(Exception):
    """Base class: ``str(error)`` is safe to show to a user (no internals, no secrets)."""


class InvalidArticleError(ArticleBotError):
    """The input is not something we can treat as a news article."""


class ArticleNotFoundError(ArticleBotError):
    """An article id that does not exist (or is not visible from where it was asked)."""


class PipelineMissingError(ArticleBotError):
    """The configured spaCy pipeline is not installed."""


class InvalidQuestionError(ArticleBotError):
    """A question we cannot work with (empty, only punctuation, ...)."""


class StorageError(ArticleBotError):
    """A write to the database failed; nothing was changed."""


class SemanticModelMissingError(ArticleBotError):
    """The sentence-similarity model the reranker uses is not installed (or not the one
    published)."""
