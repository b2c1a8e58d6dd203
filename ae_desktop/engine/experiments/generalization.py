"""Generalization (report 000): train on k of the glyphs, measure the held-out rest."""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np

from ae_desktop.engine.config import ConfigError, TrainConfig
from ae_desktop.engine.experiments.pool import ProgressCallback, run_tasks
from ae_desktop.engine.experiments.runs import RunTask
from ae_desktop.engine.experiments.table import ResultTable


def training_subset(n: int, size: int, seed: int) -> np.ndarray:
    """Sorted indices of the ``size`` glyphs (of ``n``) that run ``seed`` trains on."""
    return np.sort(np.random.default_rng((seed, n, size)).permutation(n)[:size])


def generalization_study(
    base: TrainConfig,
    data: np.ndarray,
    sizes,
    repeats: int = 3,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ResultTable:
    """For each training-set size k in ``sizes`` and each repeat r, train ``base`` (seed
    ``base.seed + r``) on a random k of the glyphs of ``data`` (n, P) (``training_subset``)
    and measure the others too.

    Rows: ``train_size``, ``repeat``, ``seed``, ``trained`` (indices, space-separated),
    the run's metrics on the trained glyphs (``learned``, ``max_errors``, ...) and on the
    held-out ones (``held_out_learned``, ``held_out_mean_errors``, ...; absent when
    k = n); grouped by train_size.
    """
    plan = generalization_plan(base, len(data), sizes, repeats)
    base.architecture(np.shape(data)[1])
    tasks = [
        RunTask(config, data[subset], np.delete(data, subset, axis=0)) for _, config, subset in plan
    ]
    outcomes, cancelled = run_tasks(tasks, workers, progress, cancel)
    rows = [
        {**head, **outcome.metrics}
        for (head, _, _), outcome in zip(plan, outcomes)
        if outcome is not None
    ]
    return ResultTable(rows, ["train_size"], cancelled)


def generalization_plan(
    base: TrainConfig, n: int, sizes, repeats: int
) -> list[tuple[dict, TrainConfig, np.ndarray]]:
    """(row head, config, trained glyph indices) per run, for ``n`` glyphs."""
    if len(sizes) == 0 or not all(1 <= k <= n for k in sizes):
        raise ConfigError(f"training-set sizes must be from 1 to {n}, got {list(sizes)}")
    if repeats < 1:
        raise ConfigError(f"repeats must be at least 1, got {repeats}")
    plan = []
    for k in sizes:
        for r in range(repeats):
            config = replace(base, seed=base.seed + r)
            subset = training_subset(n, k, config.seed)
            head = {
                "train_size": k,
                "repeat": r,
                "seed": config.seed,
                "trained": " ".join(map(str, subset)),
            }
            plan.append((head, config, subset))
    return plan
