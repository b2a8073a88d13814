"""The entities a scope's articles name, merged across articles and cached.

Autocomplete asks for them on every keystroke, so a listing is kept until the set of
articles changes (``ArticleCatalog.invalidate_views`` calls ``clear``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from retrieval.article_catalog import ArticleCatalog
from retrieval.bundle_cache import BundleCache
from retrieval.scope import Scope

#: The kinds listed, in the order they are listed.
ENTITY_KINDS = ("person", "place", "organization", "group", "event", "date")


@dataclass(slots=True)
class MentionInfo:
    article_id: int
    paragraph: int
    sentence: int
    text: str


@dataclass(slots=True)
class EntityInfo:
    name: str
    kind: str
    count: int
    aliases: list[str] = field(default_factory=list)
    mentions: list[MentionInfo] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)


class EntityLister:
    """Entity listings by (scope, article, kind), built from the articles' bundles."""

    def __init__(self, catalog: ArticleCatalog, bundles: BundleCache) -> None:
        self.catalog = catalog
        self.bundles = bundles
        self._lists: dict[tuple[Scope, int | None, str | None],
                          dict[str, list[EntityInfo]]] = {}
        catalog.subscribe(self.clear)

    def clear(self) -> None:
        self._lists.clear()

    async def entities(self, scope: Scope, *, article_id: int | None = None,
                       kind: str | None = None) -> dict[str, list[EntityInfo]]:
        """Entities by kind (person, place, organization, group, event, date), most mentioned
        first; across several articles, the same name and kind are counted together. Cached
        until the articles change: autocomplete asks for them on every keystroke. Callers must
        not modify the result."""
        key = (scope, article_id, kind)
        cached = self._lists.get(key)
        if cached is not None:
            return cached
        result = await self._merged_entities(scope, article_id, kind)
        if len(self._lists) > 1000:
            self._lists.clear()
        self._lists[key] = result
        return result

    async def _merged_entities(self, scope: Scope, article_id: int | None, kind: str | None
                               ) -> dict[str, list[EntityInfo]]:
        if article_id is not None:
            ids = [self.catalog.article(article_id, scope).id]
        else:
            ids = [row.id for row in self.catalog.articles(scope)]
        merged: dict[tuple[str, str], EntityInfo] = {}
        for identifier in ids:
            bundle = await self.bundles.bundle(identifier)
            for entity in bundle.entities:
                if kind and entity.kind != kind:
                    continue
                key = (entity.kind, entity.name.lower())
                info = merged.get(key)
                if info is None:
                    info = merged[key] = EntityInfo(entity.name, entity.kind, 0)
                info.count += entity.count
                info.article_ids.append(identifier)
                for alias in entity.aliases:
                    if alias not in info.aliases:
                        info.aliases.append(alias)
                for position, _start, _end in entity.mentions:
                    sentence = bundle.sentences[position]
                    if info.mentions and info.mentions[-1].text == bundle.text(sentence) \
                            and info.mentions[-1].article_id == identifier:
                        continue
                    info.mentions.append(MentionInfo(identifier, sentence.paragraph + 1,
                                                     sentence.index + 1, bundle.text(sentence)))
        out: dict[str, list[EntityInfo]] = {}
        for order in ENTITY_KINDS:
            if kind and order != kind:
                continue
            items = [e for (k, _), e in merged.items() if k == order]
            items.sort(key=lambda e: (-e.count, e.name.lower()))
            out[order] = items
        return out
