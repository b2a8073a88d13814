"""What the stand-in records, and the one waiting primitive tests use to await it.

Everything the bot sends ends up in a ``Journal``: an append-only list whose ``wait_for`` also
looks at entries recorded *before* the call (from ``since`` on), so tests never race the bot.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .models import User

T = TypeVar("T")
JSON = dict[str, Any]


class Journal(Generic[T]):
    """An append-only record that can be awaited."""

    def __init__(self, describe: Callable[[T], str] = repr) -> None:
        self.items: list[T] = []
        self._describe = describe
        self._waiters: list[tuple[Callable[[T], bool], asyncio.Future[T]]] = []

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __getitem__(self, index: int) -> T:
        return self.items[index]

    def append(self, item: T) -> None:
        self.items.append(item)
        for predicate, future in self._waiters:
            if not future.done() and predicate(item):
                future.set_result(item)
        self._waiters = [(p, f) for p, f in self._waiters if not f.done()]

    def find(self, predicate: Callable[[T], bool], since: int = 0) -> T | None:
        return next((item for item in self.items[since:] if predicate(item)), None)

    async def wait_for(
        self, predicate: Callable[[T], bool], *, timeout: float, since: int = 0, what: str = ""
    ) -> T:
        """The first entry from index ``since`` on matching ``predicate``, waiting if needed.

        Raises ``AssertionError`` (listing the last entries) so a failing test says what the
        bot *did* send instead.
        """
        found = self.find(predicate, since)
        if found is not None:
            return found
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._waiters.append(entry)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            recent = "\n  ".join(self._describe(i) for i in self.items[-10:]) or "(nothing)"
            raise AssertionError(
                f"timed out after {timeout}s waiting for {what or 'a matching entry'}; "
                f"last recorded:\n  {recent}"
            ) from None
        finally:
            if entry in self._waiters:
                self._waiters.remove(entry)


@dataclass
class UploadedFile:
    """One ``files[n]`` part of a multipart request."""

    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request the bot made, with what the stand-in answered."""

    method: str
    path: str  # relative to the API base, e.g. "/channels/123/messages"
    query: dict[str, str]
    json: Any
    files: list[UploadedFile]
    had_auth: bool
    time: float  # loop.time() on arrival
    status: int = 0
    response: Any = None

    def describe(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


@dataclass
class GatewayFrame:
    """One frame the bot sent over the gateway (``op``/``d`` as sent), with its connection."""

    op: int
    d: Any
    connection: int  # 1-based index of the websocket connection it arrived on
    shard_id: int | None

    def describe(self) -> str:
        return f"op={self.op} conn={self.connection} d={str(self.d)[:80]}"


@dataclass
class InteractionEvent:
    """Something the bot did about an interaction: ``callback``, ``edit_original``,
    ``delete_original`` or ``followup``, with the request body and a message snapshot."""

    kind: str
    body: JSON
    message: JSON | None

    def describe(self) -> str:
        return f"{self.kind} {str(self.body)[:80]}"


@dataclass(eq=False)
class InteractionRecord:
    """An interaction the stand-in sent, and everything the bot answered to it."""

    id: int
    token: str
    type: int
    payload: JSON  # the INTERACTION_CREATE ``d`` as sent
    user: User
    guild_id: int | None
    channel_id: int
    created_at: float  # loop.time()
    message_id: int | None = None  # for component interactions: the clicked message
    original_message_id: int | None = None
    followup_message_ids: list[int] = field(default_factory=list)
    events: Journal[InteractionEvent] = field(
        default_factory=lambda: Journal(InteractionEvent.describe)
    )

    @property
    def callback(self) -> JSON | None:
        """The first callback body (``{"type": ..., "data": ...}``), if any."""
        event = self.events.find(lambda e: e.kind == "callback")
        return event.body if event else None


@dataclass
class InteractionReply:
    """The outcome of an interaction as a user would see it.

    ``message`` is the final message: the callback's message for types 4/7, or for a defer
    (5/6) the message after the first PATCH ``@original`` or followup.
    """

    interaction: InteractionRecord
    callback_type: int
    callback: JSON
    message: JSON | None

    @property
    def content(self) -> str | None:
        return None if self.message is None else self.message.get("content")

    @property
    def embeds(self) -> list[JSON]:
        return [] if self.message is None else self.message.get("embeds", [])

    @property
    def components(self) -> list[JSON]:
        return [] if self.message is None else self.message.get("components", [])

    @property
    def ephemeral(self) -> bool:
        flags = self.message.get("flags", 0) if self.message else 0
        flags |= (self.callback.get("data") or {}).get("flags", 0) or 0
        return bool(flags & 64)

    @property
    def choices(self) -> list[JSON]:
        """Autocomplete choices (callback type 8)."""
        return list((self.callback.get("data") or {}).get("choices", []))

    @property
    def custom_ids(self) -> list[str]:
        """Every ``custom_id`` in the message's components, depth first."""
        return list(iter_custom_ids(self.components))


def iter_custom_ids(components: Any) -> Iterator[str]:
    """Walk a (possibly nested) component tree and yield every ``custom_id``."""
    for component in components or []:
        if "custom_id" in component:
            yield component["custom_id"]
        yield from iter_custom_ids(component.get("components"))
        if "component" in component:
            yield from iter_custom_ids([component["component"]])
        if "accessory" in component:
            yield from iter_custom_ids([component["accessory"]])


def find_component(components: Any, custom_id: str) -> JSON | None:
    """The component with ``custom_id`` anywhere in a component tree."""
    for component in components or []:
        if component.get("custom_id") == custom_id:
            return component
        for child in (
            component.get("components") or [],
            [component["component"]] if "component" in component else [],
            [component["accessory"]] if "accessory" in component else [],
        ):
            found = find_component(child, custom_id)
            if found is not None:
                return found
    return None


def snapshot(message: JSON | None) -> JSON | None:
    return copy.deepcopy(message)
