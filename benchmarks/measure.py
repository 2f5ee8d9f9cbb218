"""Timing and memory helpers shared by the benchmark scripts."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
MIB = 1024 * 1024


def time_passes(
    work: Callable[[T], object], items: Sequence[T], repeat: int
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``repeat`` full passes over ``items``.

    CPU time is kept too because the machine is shared: other processes stretch the wall
    clock of a single-threaded pass but not the CPU time it uses.
    """
    wall, cpu = [], []
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        for item in items:
            work(item)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def heap_peak(work: Callable[[T], object], items: Sequence[T]) -> tuple[int, int]:
    """Peak traced Python heap during one pass, and what the pass left allocated (bytes).

    Results are dropped as they come, so the peak is one item's working set plus anything
    kept between items; the second number shows the latter (caches, leaks).
    """
    gc.collect()
    tracemalloc.start()
    try:
        for item in items:
            work(item)
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        return peak, current
    finally:
        tracemalloc.stop()
