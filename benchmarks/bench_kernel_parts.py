"""The compiled code's parts that are not BLAS, each against the way it was written
before, in the same run: the stop check's margins, a block's transposed copy by block
size, and Adam's step in turn, in blocks on Numba's threads, and in chunks looping from
a start (the old way, which Numba's negative-index check kept from vectorising).

    python benchmarks/bench_kernel_parts.py
"""

from __future__ import annotations

import math
from functools import partial

import ae_desktop.runtime_env  # noqa: F401 - first: Numba cache and one BLAS thread

import numba
import numpy as np
from numba import njit, prange
from timing import best_of

from ae_desktop.engine.compiled_evaluate import _min_margins
from ae_desktop.engine.compiled_forward import gather_transposed
from ae_desktop.engine.compiled_train import STEP_BLOCK, _adam, _adam_blocks_parallel
from ae_desktop.engine.config import TrainConfig
from ae_desktop.engine.jit_options import FAST
from ae_desktop.engine.metrics import PIXEL_THRESHOLD
from ae_desktop.engine.train_records import MOMENT_FLOOR, TrainSettings

CALLS = 50
STEPS = 600  # an epoch of 60,000 rows in batches of 100
PARAMETERS = 404_000  # the 784-256-2 VAE's


@njit(fastmath=FAST, error_model="numpy")
def margins_pixel_by_pixel(out, target, margins):
    """The stop check's margins as written before: ``margins`` updated at every pixel."""
    for c in range(out.shape[0]):
        for r in range(out.shape[1]):
            margin = abs(out[c, r] - PIXEL_THRESHOLD)
            if (out[c, r] >= PIXEL_THRESHOLD) != (target[c, r] >= PIXEL_THRESHOLD):
                margins[0] = min(margins[0], -margin)
            else:
                margins[0] = min(margins[0], margin)
                margins[1] = min(margins[1], margin)


@njit
def margins_now(out, target, margins, calls):
    for _ in range(calls):
        _min_margins(out, target, margins)


@njit
def margins_before(out, target, margins, calls):
    for _ in range(calls):
        margins_pixel_by_pixel(out, target, margins)


@njit
def copies(src, out, rows):
    no_perm = np.empty(0, np.int64)
    for start in range(0, src.shape[0] - rows + 1, rows):
        gather_transposed(src, start, rows, no_perm, out)


@njit
def adam_in_turn(settings, theta, grad, first, second, steps):
    one = theta.dtype.type(1.0)
    for _ in range(steps):
        _adam(settings, theta.dtype.type(1e-3), theta, grad, first, second, one, one)


@njit
def adam_threaded(settings, theta, grad, first, second, steps):
    one = theta.dtype.type(1.0)
    for _ in range(steps):
        _adam_blocks_parallel(
            settings, theta.dtype.type(1e-3), theta, grad, first, second, one, one
        )


@njit(fastmath=FAST, error_model="numpy", parallel=True)
def adam_chunks_from_a_start(settings, rate, theta, grad, first, second):
    """Adam's step in STEP_BLOCK chunks, each loop running from its start (before)."""
    real = theta.dtype.type
    b1, b2, epsilon = real(settings.beta1), real(settings.beta2), real(settings.epsilon)
    k1, k2 = real(1.0 - settings.beta1), real(1.0 - settings.beta2)
    floor, zero = real(MOMENT_FLOOR), real(0.0)
    for block in prange((theta.shape[0] + STEP_BLOCK - 1) // STEP_BLOCK):
        for i in range(block * STEP_BLOCK, min(theta.shape[0], (block + 1) * STEP_BLOCK)):
            g = grad[i]
            f = b1 * first[i] + k1 * g
            s = b2 * second[i] + k2 * g * g
            first[i] = f if abs(f) >= floor else zero
            second[i] = s if s >= floor else zero
            theta[i] -= rate * first[i] / (math.sqrt(second[i]) + epsilon)


@njit
def adam_before(settings, theta, grad, first, second, steps):
    for _ in range(steps):
        adam_chunks_from_a_start(settings, theta.dtype.type(1e-3), theta, grad, first, second)


def bench_margins() -> None:
    rng = np.random.default_rng(0)
    out = rng.random((784, 1000), dtype=np.float32)
    target = (rng.random((784, 1000)) < 0.3).astype(np.float32)
    times, results = [], []
    for kernel in (margins_now, margins_before):
        margins = np.full(2, PIXEL_THRESHOLD)
        kernel(out, target, margins, 1)
        times.append(best_of(partial(kernel, out, target, margins, CALLS), 3) / CALLS)
        results.append(tuple(margins))
    assert results[0] == results[1]
    print(
        f"stop check's margins, 784 x 1,000 float32 pixels: {1e3 * times[0]:.3g} ms | "
        f"pixel by pixel (before) {1e3 * times[1]:.3g} ms ({times[1] / times[0]:.1f}x)"
    )


def bench_copies() -> None:
    src = np.random.default_rng(0).random((60_000, 784), dtype=np.float32)
    per_value = {}
    for rows in (1000, 1024, 250, 256):
        out = np.empty((784, rows), np.float32)
        copies(src, out, rows)
        seconds = best_of(partial(copies, src, out, rows), 3)
        per_value[rows] = seconds / (src.shape[0] // rows * rows * src.shape[1])
    print(
        "a block's transposed copy, ns per value: "
        + " | ".join(f"{rows} rows {1e9 * t:.2g}" for rows, t in per_value.items())
    )


def bench_adam() -> None:
    settings = TrainSettings.of(TrainConfig(precision="float32"))
    rng = np.random.default_rng(0)
    times = {}
    for name, kernel in (
        ("in turn", adam_in_turn),
        ("blocks on threads", adam_threaded),
        ("chunks from a start (before)", adam_before),
    ):
        arrays = [rng.random(PARAMETERS, dtype=np.float32) * 0.01 for _ in range(4)]
        kernel(settings, *arrays, 1)
        times[name] = best_of(partial(kernel, settings, *arrays, STEPS), 3)
    fastest = times["blocks on threads"]
    print(
        f"Adam, {STEPS} steps of {PARAMETERS:,} float32 parameters on "
        f"{numba.get_num_threads()} threads: "
        + " | ".join(f"{name} {t:.3g} s ({t / fastest:.1f}x)" for name, t in times.items())
    )


if __name__ == "__main__":
    bench_margins()
    bench_copies()
    bench_adam()
