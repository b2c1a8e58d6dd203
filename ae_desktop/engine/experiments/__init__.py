"""Experiments: parameter sweeps averaged over seeds, and the reports' studies.

Runs go to a process pool (``pool.run_tasks``), or inside ``on_scheduler(address)`` to a
Dask cluster's workers (``cluster``); results are ``ResultTable``s of row
dicts with per-group statistics (``summary``).
"""

from ae_desktop.engine.experiments.cluster import ClusterError, on_scheduler
from ae_desktop.engine.experiments.denoising_study import DEFAULT_LEVELS, denoising_study
from ae_desktop.engine.experiments.generalization import generalization_study, training_subset
from ae_desktop.engine.experiments.pool import default_workers, run_tasks
from ae_desktop.engine.experiments.runs import RunOutcome, RunTask, execute
from ae_desktop.engine.experiments.sweep import SweepResult, plan_sweep, run_sweep
from ae_desktop.engine.experiments.table import ResultTable, aggregate, numeric_columns
from ae_desktop.engine.experiments.variation import Variation, parse_variation, variable_fields

__all__ = [
    "ClusterError",
    "DEFAULT_LEVELS",
    "ResultTable",
    "RunOutcome",
    "RunTask",
    "SweepResult",
    "Variation",
    "aggregate",
    "default_workers",
    "denoising_study",
    "execute",
    "generalization_study",
    "numeric_columns",
    "on_scheduler",
    "parse_variation",
    "plan_sweep",
    "run_sweep",
    "run_tasks",
    "training_subset",
    "variable_fields",
]
