"""Issue 13's many-core figures in one run, for a machine with many cores (16 on the
device machines some sessions are lent): the machine, then

1. the VAE epoch of bench_engine's benchmark 2 (784-256-2, batch 100, float32) in the
   engine on 1, 2, 4, ... threads up to one per core (the same weights on any count),
   and in PyTorch CPU on one thread and on one per core;
2. a 32-run sweep (font3, 35-10-2, 4 learning rates x 8 seeds, ``--epochs`` each) on the
   local process pool with 1, 4, 8, ... workers up to one per core: wall seconds, the
   speed-up against one worker, the pool's start and the overhead per run.

Needs NumPy, SciPy, Numba and platformdirs (no Qt, no Dask); PyTorch where installed.
The kernels compile on the first use outside the clocks (an empty cache: a minute).

    python benchmarks/bench_many_cores.py [--images 60000] [--epochs 8000]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from dataclasses import replace

import ae_desktop.runtime_env  # noqa: F401 - first: Numba cache and one BLAS thread

import numba
import numpy as np
from bench_engine import engine_epochs, ratio_line, torch_times, vae_config

from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig, limit_threads
from ae_desktop.engine.compute_threads import available_cores
from ae_desktop.engine.experiments import parse_variation, run_sweep

CORES = available_cores()
LRS = "lr=0.002,0.005,0.01,0.02"
SEEDS = 8  # 4 values x 8 seeds = 32 runs


def doubling(top: int, first: int = 1) -> list[int]:
    """first, 2 first, 4 first, ... below top, then top."""
    counts = []
    while first < top:
        counts.append(first)
        first *= 2
    return [*counts, top]


def machine() -> None:
    from llvmlite import binding

    model = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")),
        platform.processor(),
    )
    print(
        f"{CORES} cores ({os.cpu_count()} online), {model}; LLVM target "
        f"{binding.get_host_cpu_name()}; Python {platform.python_version()}, NumPy "
        f"{np.__version__}, Numba {numba.__version__}, load average {os.getloadavg()[0]:.2f}"
    )


def _cpuinfo() -> list[str]:
    try:
        with open("/proc/cpuinfo") as info:
            return info.read(1 << 20).splitlines()
    except OSError:
        return []


def bench_vae_threads(n_images: int) -> None:
    images = np.random.default_rng(0).random((n_images, 784))
    timed: dict[str, float] = {}
    for threads in doubling(CORES):
        limit_threads(threads)
        timed[f"{threads} threads"] = engine_epochs(vae_config(1), images, 1, repeats=2)
        print(f"  engine, {threads} threads: {timed[f'{threads} threads']:.3f} s", flush=True)
    limit_threads(None)
    print(f"  Numba's threading layer: {numba.threading_layer()}")
    ours = timed.pop(f"{CORES} threads")
    others: dict[str, float | None] = {f"engine {k}": v for k, v in timed.items()}
    for threads in dict.fromkeys((1, CORES)):
        figures = torch_times("vae", f"random:{n_images}", "1", threads=threads)
        others[f"torch {threads} threads"] = None if figures is None else figures["seconds"]
    name = f"1. VAE epoch, {n_images} images, engine {CORES} threads"
    print(ratio_line(name, ours, others, ("s", 1)), flush=True)


def bench_sweep_workers(epochs: int) -> None:
    data = bundled_font("font3").matrix()
    base = TrainConfig(arch="35-10-2", epochs=epochs, target_errors=None)
    run_sweep(replace(base, epochs=1), [parse_variation("lr=0.01")], data, 1, 1)  # kernels
    walls: dict[int, float] = {}
    for workers in doubling(CORES, 4) if CORES > 4 else [CORES]:
        began = time.perf_counter()
        run_sweep(replace(base, epochs=1), [parse_variation("lr=0.01")], data, workers, workers)
        start = time.perf_counter() - began
        began = time.perf_counter()
        result = run_sweep(base, [parse_variation(LRS)], data, SEEDS, workers)
        wall = time.perf_counter() - began
        assert len(result.rows) == 32 and not result.cancelled
        walls[workers] = wall
        training = sum(row["seconds"] for row in result.rows)
        print(
            f"  {workers:>2} workers: {wall:6.2f} s wall (pool start and {workers} one-epoch "
            f"runs {start:.2f} s), training {training:.2f} s summed, overhead "
            f"{1000 * (wall - training / workers) / 32:.0f} ms per run",
            flush=True,
        )
    began = time.perf_counter()
    serial = run_sweep(base, [parse_variation(LRS)], data, SEEDS, 1)
    one = time.perf_counter() - began
    assert len(serial.rows) == 32
    print(f"  1 worker (in this process): {one:.2f} s wall")
    print(
        f"2. sweep of 32 runs of {epochs} epochs: "
        + ", ".join(f"{w} workers {one / wall:.1f}x" for w, wall in walls.items()),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=60_000, help="VAE epoch's images")
    parser.add_argument("--epochs", type=int, default=8000, help="each sweep run's epochs")
    args = parser.parse_args()
    machine()
    bench_vae_threads(args.images)
    bench_sweep_workers(args.epochs)


if __name__ == "__main__":
    main()
