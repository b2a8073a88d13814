"""Per-thread scratch arrays shared by segment lookups and the pruned search."""

from __future__ import annotations

import threading

import numpy as np


class _Scratch(threading.local):
    """Per-thread work arrays so a search allocates nothing big. ``acc`` and ``lk`` are kept
    all-zero between uses (they are written sparsely); ``dacc`` and ``tmp`` are overwritten."""

    def __init__(self) -> None:
        self.size = 0
        self.acc = np.zeros(0, np.float32)
        self.lk = np.zeros(0, np.float32)
        self.tmp = np.zeros(0, np.float32)
        self.dacc = np.zeros(0, np.float32)

    def ensure(self, n: int) -> _Scratch:
        if n > self.size:
            self.size = n
            self.acc = np.zeros(n, np.float32)
            self.lk = np.zeros(n, np.float32)
            self.tmp = np.zeros(n, np.float32)
            self.dacc = np.zeros(n, np.float32)
        return self


_SCRATCH = _Scratch()
