"""``answer_stages``' own measurements: the garbage collector's pauses as a stage, and the
stage percentiles it writes as JSON."""

from __future__ import annotations

import gc

from benchmarks.answer_stages import STAGES, _stage_json, _Timer


def test_the_collectors_pauses_are_a_stage_of_their_own() -> None:
    timer = _Timer()
    assert "gc" in STAGES and timer.cpu["gc"] == timer.wall["gc"] == 0.0
    gc.callbacks.append(timer.gc_callback)
    try:
        garbage = []
        for _ in range(2000):  # cycles, so that the collection has something to walk
            node: list[object] = []
            node.append(node)
            garbage.append(node)
        del garbage, node
        gc.collect()
    finally:
        gc.callbacks.remove(timer.gc_callback)
    assert timer.wall["gc"] > 0.0 and timer.cpu["gc"] >= 0.0
    timer.reset()
    assert timer.wall["gc"] == timer.cpu["gc"] == 0.0
    timer.gc_callback("stop", {})  # a stop without its start (installed mid-collection)
    assert timer.wall["gc"] == 0.0


def test_stage_percentiles_in_milliseconds() -> None:
    seconds = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    got = _stage_json(seconds, [s / 2 for s in seconds])
    assert got == {"wall_p50_ms": 50.5, "wall_p99_ms": 99.01,
                   "cpu_p50_ms": 25.25, "cpu_p99_ms": 49.505}
