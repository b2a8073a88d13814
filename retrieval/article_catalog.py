"""Which articles the library holds and which of them a scope (a server, a DM) sees.

The article rows live in memory (a few hundred bytes each) so that listing, scope checks
and the answer path's scope filter never touch the database; what is derived from them per
scope is cached until the set of articles changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from retrieval.errors import ArticleNotFoundError
from retrieval.scope import Scope
from retrieval.store import ArticleRow


class ArticleCatalog:
    """The article rows by id, and the per-scope views of them (cached until a change)."""

    def __init__(self) -> None:
        #: Called whenever the views are dropped, to drop what others derived from the set of
        #: articles too (the entity lists; see ``subscribe``).
        self._listeners: list[Callable[[], None]] = []
        self.rows: dict[int, ArticleRow] = {}
        self._visible: dict[Scope, list[int]] = {}
        self._visible_sets: dict[Scope, frozenset[int]] = {}

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` whenever the set of articles changes."""
        self._listeners.append(listener)

    def replace_all(self, rows: Iterable[ArticleRow]) -> None:
        self.rows = {row.id: row for row in rows}

    def articles(self, scope: Scope) -> list[ArticleRow]:
        return [row for row in sorted(self.rows.values(), key=lambda r: r.id)
                if scope.sees(row.guild_id)]

    def article(self, article_id: int, scope: Scope) -> ArticleRow:
        row = self.rows.get(article_id)
        if row is None or not scope.sees(row.guild_id):
            raise ArticleNotFoundError(
                f"There is no article #{article_id} here. Use /articles (or `articles`) to see "
                "the ones you can ask about."
            )
        return row

    def invalidate_views(self) -> None:
        """Forget what was derived from the set of articles (after an ingest or a forget)."""
        self._visible.clear()
        self._visible_sets.clear()
        for listener in self._listeners:
            listener()

    def visible_article_ids(self, scope: Scope) -> list[int] | None:
        """Ids of the articles ``scope`` sees (None: all), cached until the next change."""
        if scope.everything:
            return None
        cached = self._visible.get(scope)
        if cached is None:
            cached = [row.id for row in self.rows.values() if scope.sees(row.guild_id)]
            if len(self._visible) > 10_000:
                self.invalidate_views()
            self._visible[scope] = cached
            self._visible_sets[scope] = frozenset(cached)
        return cached

    def search_filter(self, scope: Scope, groups: list[int] | None) -> frozenset[int] | None:
        """``groups`` as the frozenset the index filters on: the same object for every
        question of a scope, so the index finds its cached filter without rebuilding or
        hashing a set of tens of thousands of ids (see ``bm25.search._group_filter``)."""
        if groups is None:
            return None
        cached = self._visible_sets.get(scope)
        if cached is not None and self._visible.get(scope) is groups:
            return cached
        return frozenset(groups)
