"""Discord's documented size limits on messages, embeds, components and autocomplete choices.

Real Discord rejects oversize payloads with 400 "Invalid Form Body" (code 50035); a stand-in
that accepted them would let a bot ship answers that fail in production. ``validate_*`` return
a ``Rejection`` (Discord's error code, message and nested ``errors``), or ``None`` if fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]

CONTENT = 2000
EMBEDS = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
EMBED_TOTAL = 6000
ACTION_ROWS = 5
ROW_ITEMS = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100


@dataclass
class Rejection:
    """Why Discord would answer 400, in the shape of its JSON error body."""

    code: int
    message: str
    errors: JSON | None = None

    def body(self) -> JSON:
        body: JSON = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


class _Errors:
    """Collects errors into Discord's ``{"field": {"0": {"_errors": [...]}}}`` shape."""

    def __init__(self) -> None:
        self.tree: JSON = {}

    def add(self, path: tuple[str | int, ...], code: str, message: str) -> None:
        node = self.tree
        for key in path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def max_length(self, path: tuple[str | int, ...], value: Any, limit: int) -> int:
        length = len(value) if isinstance(value, str) else 0
        if length > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
        return length

    def max_items(self, path: tuple[str | int, ...], items: list[Any], limit: int) -> None:
        if len(items) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def result(self) -> Rejection | None:
        return Rejection(50035, "Invalid Form Body", self.tree) if self.tree else None


def validate_message(
    body: JSON | None, *, has_files: bool = False, edit: bool = False
) -> Rejection | None:
    """Errors for a message create/edit body (``edit`` allows an all-empty PATCH)."""
    body = body or {}
    errors = _Errors()
    errors.max_length(("content",), body.get("content"), CONTENT)
    embeds = body.get("embeds") or []
    errors.max_items(("embeds",), embeds, EMBEDS)
    for index, embed in enumerate(embeds):
        _validate_embed(errors, index, embed)
    _validate_components(errors, body.get("components") or [], body.get("flags") or 0)
    empty = not (body.get("content") or embeds or body.get("components") or has_files
                 or body.get("sticker_ids") or body.get("poll") or body.get("attachments"))
    if empty and not edit:
        return Rejection(50006, "Cannot send an empty message")
    return errors.result()


def validate_choices(data: JSON | None) -> Rejection | None:
    """Errors for an autocomplete result (callback type 8)."""
    errors = _Errors()
    choices = (data or {}).get("choices") or []
    errors.max_items(("data", "choices"), choices, CHOICES)
    for index, choice in enumerate(choices):
        errors.max_length(("data", "choices", index, "name"), choice.get("name"), CHOICE_NAME)
        errors.max_length(("data", "choices", index, "value"), choice.get("value"), CHOICE_VALUE)
    return errors.result()


def _validate_embed(errors: _Errors, index: int, embed: JSON) -> None:
    path = ("embeds", index)
    total = errors.max_length((*path, "title"), embed.get("title"), EMBED_TITLE)
    total += errors.max_length((*path, "description"), embed.get("description"),
                               EMBED_DESCRIPTION)
    footer = embed.get("footer") or {}
    total += errors.max_length((*path, "footer", "text"), footer.get("text"), FOOTER_TEXT)
    author = embed.get("author") or {}
    total += errors.max_length((*path, "author", "name"), author.get("name"), AUTHOR_NAME)
    fields = embed.get("fields") or []
    errors.max_items((*path, "fields"), fields, EMBED_FIELDS)
    for number, field in enumerate(fields):
        total += errors.max_length((*path, "fields", number, "name"), field.get("name"),
                                   FIELD_NAME)
        total += errors.max_length((*path, "fields", number, "value"), field.get("value"),
                                   FIELD_VALUE)
    if total > EMBED_TOTAL:
        errors.add(path, "BASE_TYPE_MAX_LENGTH",
                   f"Embed size exceeds maximum size of {EMBED_TOTAL}")


def _validate_components(errors: _Errors, components: list[JSON], flags: int) -> None:
    if flags & (1 << 15):  # IS_COMPONENTS_V2: a different layout model, only ids are checked
        _validate_custom_ids(errors, ("components",), components)
        return
    errors.max_items(("components",), components, ACTION_ROWS)
    for row_index, row in enumerate(components):
        items = row.get("components") or []
        errors.max_items(("components", row_index, "components"), items, ROW_ITEMS)
        for item_index, item in enumerate(items):
            path = ("components", row_index, "components", item_index)
            errors.max_length((*path, "custom_id"), item.get("custom_id"), CUSTOM_ID)
            if item.get("type") == 2:
                errors.max_length((*path, "label"), item.get("label"), BUTTON_LABEL)


def _validate_custom_ids(errors: _Errors, path: tuple[str | int, ...], components: list[JSON]
                         ) -> None:
    for index, component in enumerate(components):
        errors.max_length((*path, index, "custom_id"), component.get("custom_id"), CUSTOM_ID)
        _validate_custom_ids(errors, (*path, index, "components"), component.get("components")
                             or [])
