"""Sweeps: train every value (or grid point) of one or two settings R times with different
seeds, in parallel, and tabulate the results.

Repeat r of every grid point trains with seed ``base.seed + r``, so the points of a sweep
share their seeds (and thus their initial weights whenever the architecture is the same):
differences between points come from the varied setting, not from luck of the draw.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

import numpy as np

from ae_desktop.engine.config import ConfigError, TrainConfig
from ae_desktop.engine.experiments.pool import ProgressCallback, run_tasks
from ae_desktop.engine.experiments.runs import DENOISE_DRAWS, RunOutcome, RunTask
from ae_desktop.engine.experiments.table import ResultTable
from ae_desktop.engine.experiments.variation import Variation, grid

MAX_VARIATIONS = 2


@dataclass
class SweepResult(ResultTable):
    """Finished runs of a sweep, in plan order (grid point, then repeat), grouped by the
    varied settings.

    ``rows`` hold the varied settings, ``repeat``, ``seed`` and the run's metrics (see
    ``runs.execute``); ``loss_curves[i]`` (epochs,) and ``thetas[i]`` belong to
    ``rows[i]``. Runs stopped by a cancel are left out and ``cancelled`` is True.
    """

    variations: list[Variation]
    loss_curves: list[np.ndarray]
    thetas: list[np.ndarray]
    planned: int


def plan_sweep(
    base: TrainConfig, variations: list[Variation], repeats: int, n_pixels: int
) -> list[tuple[dict, int, TrainConfig]]:
    """(point, repeat, config) for every run; ConfigError for a plan that cannot run."""
    if not 1 <= len(variations) <= MAX_VARIATIONS:
        raise ConfigError(f"vary one or two settings, got {len(variations)}")
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise ConfigError(f"repeats must be a whole number >= 1, got {repeats!r}")
    plan = []
    for point, config in grid(base, variations):
        config.architecture(n_pixels)
        plan += [(point, r, replace(config, seed=base.seed + r)) for r in range(repeats)]
    return plan


def run_sweep(
    base: TrainConfig,
    variations: list[Variation],
    data: np.ndarray,
    repeats: int = 3,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    denoise_draws: int = DENOISE_DRAWS,
) -> SweepResult:
    """Train ``base`` with every combination of the ``variations`` on ``data`` (n, P),
    ``repeats`` times each; ``workers`` processes (default one per core)."""
    plan = plan_sweep(base, variations, repeats, np.shape(data)[1])
    tasks = [RunTask(config, data, denoise_draws=denoise_draws) for _, _, config in plan]
    outcomes, cancelled = run_tasks(tasks, workers, progress, cancel)
    rows, curves, thetas = [], [], []
    for (point, repeat, config), outcome in zip(plan, outcomes):
        if outcome is not None:
            rows.append(sweep_row(point, repeat, config, outcome))
            curves.append(outcome.loss_curve)
            thetas.append(outcome.theta)
    return SweepResult(
        rows, [v.field for v in variations], cancelled, list(variations), curves, thetas, len(plan)
    )


def sweep_row(point: dict, repeat: int, config: TrainConfig, outcome: RunOutcome) -> dict:
    """One table row: the varied settings, repeat, seed, then the run's metrics."""
    return {**point, "repeat": repeat, "seed": config.seed, **outcome.metrics}
