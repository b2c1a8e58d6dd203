"""Timing helper shared by the GUI benchmarks."""

from __future__ import annotations

import statistics
import time


def median_ms(f, repeats: int = 7) -> float:
    """Median wall time of ``f()`` over ``repeats`` calls, in milliseconds."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        f()
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)
