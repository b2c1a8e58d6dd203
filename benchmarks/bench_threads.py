"""Training threads on the VAE's wide products: the five BLAS products of one batch of
the 784-256-2 VAE (batch 100, float32), 600 batches (one epoch of 60,000 images), by
``compiled_layers.product`` in turn (one thread) and on Numba's threads (one per core,
or ``--threads``), and the same products as single unsplit BLAS calls for reference.
The three give the same bits for the blocked forms (checked here); the unsplit call is
what the engine ran before the blocks. Prints seconds, best of ``--repeats``.

    python benchmarks/bench_threads.py [--threads N] [--repeats 3]
"""

from __future__ import annotations

import argparse

import ae_desktop.runtime_env  # noqa: F401 - first, as in the app: one OpenBLAS thread

import numba
import numpy as np
from numba import njit
from timing import best_of

from ae_desktop.engine.compiled_layers import THREADED, ZERO, blas_gemm, product
from ae_desktop.engine.compute_threads import available_cores

BATCHES = 600
T, N = np.bool_(True), np.bool_(False)


@njit(nogil=True)
def products(w_enc, w_dec, x, h, d_out, d_hid, outs, parallel):
    """One epoch's wide products: encoder and decoder forward, the decoder's input
    gradient, both weight gradients (outs: their five outputs)."""
    for _ in range(BATCHES):
        product(w_enc, T, x, N, outs[0], parallel)
        product(w_dec, T, h, N, outs[1], parallel)
        product(w_dec, N, d_out, N, outs[2], parallel)
        product(h, N, d_out, T, outs[3], parallel)
        product(x, N, d_hid, T, outs[4], parallel)


@njit(nogil=True)
def unsplit(w_enc, w_dec, x, h, d_out, d_hid, outs):
    """The same products, each one BLAS call (column-major: out.T = op(y).T @ op(x).T)."""
    for _ in range(BATCHES):
        blas_gemm(N, T, 100, 256, 784, x, ZERO, w_enc, ZERO, outs[0], ZERO)
        blas_gemm(N, T, 100, 784, 256, h, ZERO, w_dec, ZERO, outs[1], ZERO)
        blas_gemm(N, N, 100, 256, 784, d_out, ZERO, w_dec, ZERO, outs[2], ZERO)
        blas_gemm(T, N, 784, 256, 100, d_out, ZERO, h, ZERO, outs[3], ZERO)
        blas_gemm(T, N, 256, 784, 100, d_hid, ZERO, x, ZERO, outs[4], ZERO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=available_cores())
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    f32 = np.float32
    w_enc, w_dec = (
        rng.standard_normal((784, 256)).astype(f32),
        rng.standard_normal((256, 784)).astype(f32),
    )
    x, h = rng.standard_normal((784, 100)).astype(f32), rng.standard_normal((256, 100)).astype(f32)
    d_out, d_hid = (
        rng.standard_normal((784, 100)).astype(f32),
        rng.standard_normal((256, 100)).astype(f32),
    )
    shapes = ((256, 100), (784, 100), (256, 100), (256, 784), (784, 256))

    def fresh():
        return tuple(np.empty(s, f32) for s in shapes)

    results = {}
    outs = fresh()
    args_ = (w_enc, w_dec, x, h, d_out, d_hid)
    unsplit(*args_, outs)
    results["unsplit"] = best_of(lambda: unsplit(*args_, outs), args.repeats)
    serial = fresh()
    products(*args_, serial, None)
    results["blocks in turn"] = best_of(lambda: products(*args_, serial, None), args.repeats)
    numba.set_num_threads(min(args.threads, numba.config.NUMBA_NUM_THREADS))
    threaded = fresh()
    products(*args_, threaded, THREADED)
    results[f"blocks, {numba.get_num_threads()} threads"] = best_of(
        lambda: products(*args_, threaded, THREADED), args.repeats
    )
    same = all(a.tobytes() == b.tobytes() for a, b in zip(serial, threaded))
    assert all(np.allclose(a, b, rtol=1e-4, atol=1e-3) for a, b in zip(outs, serial))
    base = results["unsplit"]
    print(
        f"VAE 784-256-2 wide products, {BATCHES} batches of 100: "
        + " | ".join(f"{k} {v:.3g} s ({v / base:.2f}x unsplit)" for k, v in results.items())
        + f" | in turn and threaded bit-identical: {same}"
    )


if __name__ == "__main__":
    main()
