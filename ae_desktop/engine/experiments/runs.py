"""One experiment run: train a configuration, then measure it. Runs in a worker process."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from ae_desktop.engine.config import TrainConfig
from ae_desktop.engine.denoising import denoising_errors
from ae_desktop.engine.metrics import learned_count, wrong_pixels
from ae_desktop.engine.training import TrainingRun

DENOISE_DRAWS = 20
# numeric metrics of a run: always, for a denoising model, with held-out glyphs, with a
# test split (config.test_fraction)
RUN_METRICS = ("learned", "max_errors", "mean_errors", "final_loss", "epochs_run", "seconds")
DENOISE_METRICS = ("denoise_exact_rate", "denoise_mean_errors")
HELD_OUT_METRICS = ("held_out_mean_errors", "held_out_max_errors", "held_out_learned")
TEST_METRICS = ("final_test_loss", "test_mean_errors", "test_learned")


@dataclass
class RunTask:
    """Train ``config`` on ``data`` (n, P); ``held_out`` (m, P) glyphs are measured but
    never trained on. A denoising model is also measured at its training noise over
    ``denoise_draws`` draws seeded with ``config.seed``."""

    config: TrainConfig
    data: np.ndarray
    held_out: np.ndarray | None = None
    denoise_draws: int = DENOISE_DRAWS


@dataclass
class RunOutcome:
    """What one run produced: ``metrics`` (name -> number or status text), the per-epoch
    total ``loss_curve`` (epochs,) and the trained parameters ``theta``."""

    metrics: dict
    loss_curve: np.ndarray
    theta: np.ndarray = field(repr=False)


def execute(task: RunTask, cancel: threading.Event | None = None) -> RunOutcome:
    """Train and measure; a cancelled run returns with status ``cancelled``."""
    run = TrainingRun(task.config, task.data)
    report = deque(run.reports(cancel, report_seconds=0.1), maxlen=1).pop()  # the final one
    errors = report.errors_per_glyph
    metrics = {
        "status": report.status,
        "epochs_run": report.epoch,
        "seconds": report.seconds,
        "final_loss": report.loss,
        "learned": report.learned,
        "n_glyphs": report.n_glyphs,
        "max_errors": int(errors.max()),
        "mean_errors": float(errors.mean()),
    }
    if report.n_test:
        metrics.update(
            final_test_loss=report.test_loss,
            test_learned=report.test_learned,
            test_mean_errors=float(report.test_errors_per_glyph.mean()),
        )
    if task.held_out is not None and len(task.held_out):
        held = wrong_pixels(run.model.reconstruct(task.held_out), task.held_out)
        metrics.update(
            held_out_learned=learned_count(held),
            held_out_n=len(held),
            held_out_max_errors=int(held.max()),
            held_out_mean_errors=float(held.mean()),
        )
    noise = task.config.noise_spec() if task.config.model == "dae" else None
    if noise is not None:
        stats = denoising_errors(
            run.model, task.data, noise, task.denoise_draws, np.random.default_rng(task.config.seed)
        )
        metrics.update(
            denoise_exact_rate=stats["exact_rate"], denoise_mean_errors=stats["mean_errors"]
        )
    return RunOutcome(metrics, run.history[:, 0].copy(), run.model.theta.copy())
