"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time

TORCH_THREADS = "AE_BENCH_TORCH_THREADS"  # torch_reference.py's threads, if not one per core


def wall_times(f, repeats: int) -> list[float]:
    """Wall seconds of each of ``repeats`` calls of ``f()``."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        f()
        times.append(time.perf_counter() - began)
    return times


def median_ms(f, repeats: int = 7) -> float:
    """Median wall time of ``f()`` over ``repeats`` calls, in milliseconds."""
    return 1000 * statistics.median(wall_times(f, repeats))


def best_of(f, repeats: int) -> float:
    """Fastest wall time of ``repeats`` calls of ``f()``, in seconds."""
    return min(wall_times(f, repeats))
