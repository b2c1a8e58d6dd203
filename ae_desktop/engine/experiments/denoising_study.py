"""Denoising vs noise level: a denoising autoencoder beside a plain autoencoder trained on
the same data, optionally beside denoising models trained at each level, and beside the
nearest-clean-glyph baseline (the best any decoder can do)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ae_desktop.engine.config import ConfigError, TrainConfig
from ae_desktop.engine.denoising import denoising_errors, nearest_glyph_baseline
from ae_desktop.engine.experiments.pool import ProgressCallback, run_tasks
from ae_desktop.engine.experiments.runs import RunTask
from ae_desktop.engine.experiments.table import ResultTable
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.noise import NoiseError, NoiseSpec, parse_noise

DEFAULT_LEVELS = tuple(round(0.05 * i, 2) for i in range(11))  # 0 .. 50 % flip probability
BASELINE = "nearest"
MATCHED = "matched"  # a DAE trained at the level it is measured at
STUDY_METRICS = ("exact_rate", "mean_errors", "noisy_errors")


def denoising_study(
    dae: TrainConfig,
    data: np.ndarray,
    levels=DEFAULT_LEVELS,
    kind: str = "saltpepper",
    draws: int = 100,
    repeats: int = 3,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    per_level: bool = False,
) -> ResultTable:
    """Train ``repeats`` denoising models from ``dae`` (model forced to ``dae``, seeds
    ``dae.seed + r``) and as many plain autoencoders with the same settings but no noise
    (with ``per_level``, also one denoising model per level, trained at that level); then
    corrupt ``data`` (n, P) with ``kind`` noise at each level, ``draws`` times, and
    measure each model's output and the baseline's against the clean glyphs.

    Rows: ``model`` (``dae``, ``ae``, ``matched`` at its own level, or ``nearest``),
    ``noise`` (level), ``repeat``,
    ``seed``, ``exact_rate``, ``mean_errors``, ``noisy_errors``; grouped by (model, noise).
    At one level every model and the baseline see identical noise draws (seeded with
    ``(dae.seed, level index)``).
    """
    specs = noise_specs(kind, levels)
    if draws < 1 or repeats < 1:
        raise ConfigError(f"draws and repeats must be at least 1, got {draws} and {repeats}")
    configs = denoising_models(dae, repeats, specs if per_level else ())
    archs = [config.architecture(np.shape(data)[1]) for _, _, config, _ in configs]
    outcomes, cancelled = run_tasks(
        [RunTask(config, data) for _, _, config, _ in configs], workers, progress, cancel
    )
    if cancelled:
        return ResultTable([], ["model", "noise"], True)
    finished = [outcome for outcome in outcomes if outcome is not None]  # all, not cancelled
    models = [
        (name, r, config.seed, level, Autoencoder(arch, outcome.theta))
        for (name, r, config, level), arch, outcome in zip(configs, archs, finished, strict=True)
    ]
    rows = []
    for index, spec in enumerate(specs):
        seed = (dae.seed, index)
        for name, r, run_seed, level, model in models:
            if level not in (None, index):
                continue
            stats = denoising_errors(model, data, spec, draws, np.random.default_rng(seed))
            rows.append(_row(name, spec.level, r, run_seed, stats))
        stats = nearest_glyph_baseline(data, spec, draws, np.random.default_rng(seed))
        rows.append(_row(BASELINE, spec.level, 0, None, stats))
    return ResultTable(rows, ["model", "noise"], False)


def denoising_models(
    dae: TrainConfig, repeats: int, levels: Sequence[NoiseSpec] = ()
) -> list[tuple[str, int, TrainConfig, int | None]]:
    """(name, repeat, config, index of the level it is measured at or None for all) of
    the models the study trains, in run order: per repeat r a denoising model, a plain
    one and a ``matched`` denoising model per spec of ``levels`` trained at that noise,
    all with seed ``dae.seed + r``."""
    dae = replace(dae, model="dae")
    plain = replace(dae, model="ae", noise=None, redraw_ambiguous=False)
    return [
        (name, r, replace(config, seed=dae.seed + r), level)
        for r in range(repeats)
        for name, config, level in [
            ("dae", dae, None),
            ("ae", plain, None),
            *[(MATCHED, replace(dae, noise=spec.text), i) for i, spec in enumerate(levels)],
        ]
    ]


def noise_specs(kind: str, levels) -> list[NoiseSpec]:
    """The spec of each level, or ConfigError naming the bad one."""
    if len(levels) == 0:
        raise ConfigError("give at least one noise level")
    try:
        return [parse_noise(f"{kind}:{level}") for level in levels]
    except NoiseError as exc:
        raise ConfigError(str(exc)) from None


def _row(model: str, level: float, repeat: int, seed: int | None, stats: dict) -> dict:
    return {
        "model": model,
        "noise": level,
        "repeat": repeat,
        "seed": seed,
        "exact_rate": stats["exact_rate"],
        "mean_errors": stats["mean_errors"],
        "noisy_errors": stats["noisy_errors"],
    }
