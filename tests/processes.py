"""What processes a test left behind: the children of a process, read from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: multiprocessing's resource tracker: started by the first spawn-context lock in a process,
#: it lives until that process exits (it removes named semaphores a crash would leave).
RESOURCE_TRACKER = "multiprocessing.resource_tracker"


def cmdline(pid: int) -> str:
    """The command line of ``pid`` ('' when it is gone)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, exited but not reaped, does not count)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = next((line for line in status.splitlines() if line.startswith("State:")), "")
    return "(zombie)" not in state


def children(pid: int | None = None) -> set[int]:
    """The child processes of ``pid`` (this process by default), zombies included."""
    tasks = Path(f"/proc/{pid or os.getpid()}/task")
    if not tasks.is_dir():
        pytest.skip("needs /proc (Linux)")
    found: set[int] = set()
    for task in tasks.iterdir():
        try:
            found.update(int(p) for p in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def children_but_the_tracker(pid: int | None = None) -> set[int]:
    """``children`` without multiprocessing's resource tracker (see ``RESOURCE_TRACKER``)."""
    return {child for child in children(pid) if RESOURCE_TRACKER not in cmdline(child)}
