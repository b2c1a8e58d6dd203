"""The same 64-run sweep locally (1 and 2 worker processes) and on a Dask LocalCluster with
2 workers: wall times, and the overhead per run (wall time less the runs' own training
time shared over the workers, per run). Also the start-up of each way: the local pool's
first runs against LocalCluster start + connect.

    python benchmarks/bench_sweep.py [--epochs 2000]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

import ae_desktop.runtime_env  # noqa: F401 - first: Numba cache and one BLAS thread

from distributed import LocalCluster

from ae_desktop.data import bundled_font
from ae_desktop.engine import TrainConfig
from ae_desktop.engine.experiments import parse_variation, run_sweep
from ae_desktop.engine.experiments.cluster import on_scheduler

LRS = "lr=0.001,0.002,0.005,0.01,0.02,0.05,0.1,0.2"
REPEATS = 8  # 8 values x 8 seeds = 64 runs


def timed_sweep(base: TrainConfig, data, workers: int | None) -> tuple[float, float]:
    """(wall seconds, training seconds summed over the runs) of the 64-run sweep."""
    began = time.perf_counter()
    result = run_sweep(base, [parse_variation(LRS)], data, REPEATS, workers)
    wall = time.perf_counter() - began
    assert len(result.rows) == 64 and not result.cancelled
    return wall, sum(row["seconds"] for row in result.rows)


def report(name: str, workers: int, wall: float, training: float) -> None:
    overhead = (wall - training / workers) / 64
    print(
        f"{name:<28} {wall:7.2f} s wall  {training:7.2f} s training  "
        f"{1000 * overhead:6.1f} ms overhead per run"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2000)
    args = parser.parse_args()
    data = bundled_font("font3").matrix()
    base = TrainConfig(arch="35-10-2", epochs=args.epochs, target_errors=None)
    run_sweep(base, [parse_variation("lr=0.01")], data, 1, 1)  # kernels compiled or loaded

    began = time.perf_counter()
    run_sweep(replace(base, epochs=1), [parse_variation("lr=0.01,0.02")], data, 1, 2)
    print(f"local pool start + 2 one-epoch runs: {time.perf_counter() - began:.2f} s")
    report("local, 1 worker", 1, *timed_sweep(base, data, 1))
    report("local pool, 2 workers", 2, *timed_sweep(base, data, 2))

    began = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        on_scheduler(cluster.scheduler_address),
    ):
        run_sweep(replace(base, epochs=1), [parse_variation("lr=0.01,0.02")], data, 1)
        print(
            f"LocalCluster start + connect + 2 one-epoch runs: {time.perf_counter() - began:.2f} s"
        )
        report("LocalCluster, 2 workers", 2, *timed_sweep(base, data, None))


if __name__ == "__main__":
    main()
