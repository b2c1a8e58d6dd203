"""Experiments: parameter sweeps averaged over seeds, and the reports' studies.

Runs go to a process pool (``pool.run_tasks``), or inside ``on_scheduler(address)`` to a
Dask cluster's workers (``cluster``); results are ``ResultTable``s of row
dicts with per-group statistics (``summary``).

A public sub-API beside ``ae_desktop.engine``'s: the GUI and the commands import
``ae_desktop.engine.experiments`` (the names below), never its modules (an import-linter
contract in pyproject.toml).
"""

from ae_desktop.engine.experiments.cluster import ClusterError, on_scheduler
from ae_desktop.engine.experiments.denoising_study import (
    DEFAULT_LEVELS,
    STUDY_METRICS,
    denoising_models,
    denoising_study,
    noise_specs,
)
from ae_desktop.engine.experiments.generalization import (
    generalization_plan,
    generalization_study,
    training_subset,
)
from ae_desktop.engine.experiments.pool import default_workers, run_tasks
from ae_desktop.engine.experiments.runs import (
    DENOISE_METRICS,
    HELD_OUT_METRICS,
    RUN_METRICS,
    TEST_METRICS,
    RunOutcome,
    RunTask,
    execute,
)
from ae_desktop.engine.experiments.sweep import SweepResult, plan_sweep, run_sweep
from ae_desktop.engine.experiments.table import ResultTable, aggregate, columns, numeric_columns
from ae_desktop.engine.experiments.variation import Variation, parse_variation, variable_fields

__all__ = [
    "DEFAULT_LEVELS",
    "DENOISE_METRICS",
    "HELD_OUT_METRICS",
    "RUN_METRICS",
    "STUDY_METRICS",
    "TEST_METRICS",
    "ClusterError",
    "ResultTable",
    "RunOutcome",
    "RunTask",
    "SweepResult",
    "Variation",
    "aggregate",
    "columns",
    "default_workers",
    "denoising_models",
    "denoising_study",
    "execute",
    "generalization_plan",
    "generalization_study",
    "noise_specs",
    "numeric_columns",
    "on_scheduler",
    "parse_variation",
    "plan_sweep",
    "run_sweep",
    "run_tasks",
    "training_subset",
    "variable_fields",
]
