"""The records the entity rules produce: a cleaned ``Mention`` and a merged ``Entity``.

Plain data, kept apart from the rules so that every stage (span cleaning in
``retrieval.entities``, alias merging in ``retrieval.entity_merge``) can build and read them
without importing another stage; ``retrieval.entities`` re-exports both as its public interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    """One cleaned entity mention, with offsets into the article body."""

    text: str
    kind: str
    label: str
    start: int
    end: int
    sentence: int = -1  # article-wide sentence position, filled in by the caller
    place_cue: bool = False  # "in X", "near X": the words around it say it is a place
    short_form: str | None = None  # the bare name when a venue noun was added to it
    #: The kind an apposition gives ("X, 58, the president of..."; "the club's coach, X").
    kind_cue: str | None = None
    #: Initials the text gives for the name ("Danish State Railways (DSB)"): an alias.
    acronym: str | None = None
    #: Names listed with this one ("Cuglieri and X", "A, B or X"): a list holds one kind.
    conjuncts: list[str] = field(default_factory=list)
    #: Other names given in brackets ("Council of State (Raad van State)"): aliases.
    other_names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """An entity of one article after alias merging."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.mentions)
