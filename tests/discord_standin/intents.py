"""What a bot's gateway intents let it see of message events, as Discord applies them.

Only message events are gated (the part that bites bots): without GUILD_MESSAGES a bot gets no
guild message events at all, and without MESSAGE_CONTENT it gets them with ``content``,
``embeds``, ``attachments`` and ``components`` blanked, except for its own messages and ones
that mention it.
"""

from __future__ import annotations

import copy
from typing import Any

JSON = dict[str, Any]

GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15

MESSAGE_EVENTS = frozenset({"MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE"})


def message_event_for(event: str, data: JSON, *, intents: int, bot_id: int) -> JSON | None:
    """``data`` as the bot would receive it, or ``None`` if its intents hide the event."""
    if event not in MESSAGE_EVENTS:
        return data
    needed = GUILD_MESSAGES if data.get("guild_id") else DIRECT_MESSAGES
    if not intents & needed:
        return None
    if event == "MESSAGE_DELETE" or intents & MESSAGE_CONTENT or not data.get("guild_id"):
        return data
    author_id = int((data.get("author") or {}).get("id", 0))
    mentioned = any(int(u["id"]) == bot_id for u in data.get("mentions", []))
    if author_id == bot_id or mentioned:
        return data
    blanked = copy.deepcopy(data)
    blanked.update(content="", embeds=[], attachments=[], components=[])
    return blanked
