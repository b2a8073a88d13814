"""Which articles a question may see: every article (the CLI), or one server's view (the
seeds, which are visible everywhere, plus that server's own articles)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scope:
    """``everything`` for the command line; otherwise global articles plus ``guild_id``'s."""

    guild_id: int | None = None
    everything: bool = False

    @classmethod
    def all(cls) -> Scope:
        return cls(everything=True)

    @classmethod
    def guild(cls, guild_id: int | None) -> Scope:
        """A server's view; ``None`` (a DM) sees the global articles only."""
        return cls(guild_id=guild_id)

    def sees(self, article_guild_id: int | None) -> bool:
        return self.everything or article_guild_id is None or article_guild_id == self.guild_id

    def guild_filter(self) -> list[int | None] | None:
        """The ``guild_id`` values of visible articles (None means global), or None for all."""
        if self.everything:
            return None
        return [None] if self.guild_id is None else [None, self.guild_id]
