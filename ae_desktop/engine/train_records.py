"""What the compiled training code takes besides the layout and the parameters: optimizer
codes, the settings record, the optimizer state and the stop rule (typed named tuples,
which Numba reads by field name)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ae_desktop.engine.config import GRADIENT_OPTIMIZERS, TrainConfig
from ae_desktop.engine.losses import loss_code
from ae_desktop.engine.schedules import CONSTANT, parse_schedule

SGD, MOMENTUM, ADAM = range(3)
OPTIMIZER_CODES = dict(zip(GRADIENT_OPTIMIZERS, (SGD, MOMENTUM, ADAM)))
ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON = 0.9, 0.999, 1e-8
# Optimizer moments smaller than this (float32's smallest normal number) are stored as 0.
# A weight whose gradient stays 0 (a dead ReLU unit, a pixel blank in every glyph) has
# its moment shrink by beta1 each step into the subnormal numbers, where it sticks and
# every step's arithmetic on it runs about 100x slower (a VAE epoch took 3.1 s against
# 1.6 s); the step such a moment adds to a weight is below 1e-30, changing no bit.
MOMENT_FLOOR = 1.1754943508222875e-38


class TrainSettings(NamedTuple):
    """Loss and optimizer codes, batch size (0: full batch) and the hyper-parameters:
    the schedule (schedules.py: code, every, factor, over ``epochs``), a VAE's KL
    warm-up epochs, and ``first_epoch``, where this call starts in the run (0-based)."""

    loss: int
    optimizer: int
    batch_size: int
    lr: float
    momentum: float = 0.9
    beta1: float = ADAM_BETA1
    beta2: float = ADAM_BETA2
    epsilon: float = ADAM_EPSILON
    beta: float = 1.0  # weight of a VAE's KL term
    weight_decay: float = 0.0
    schedule: int = CONSTANT
    step_every: int = 1
    step_factor: float = 1.0
    epochs: int = 1
    kl_warmup: int = 0
    first_epoch: int = 0

    @classmethod
    def of(cls, config: TrainConfig) -> TrainSettings:
        optimizer = OPTIMIZER_CODES.get(config.optimizer, SGD)  # quasi-Newton: loss only
        schedule, every, factor = parse_schedule(config.lr_schedule)
        return cls(
            loss_code(config.loss),
            optimizer,
            int(config.batch_size),
            float(config.lr),
            float(config.momentum),
            beta=float(config.beta),
            weight_decay=float(config.weight_decay),
            schedule=schedule,
            step_every=every,
            step_factor=factor,
            epochs=int(config.epochs),
            kl_warmup=int(config.kl_warmup),
        )


class OptimizerState(NamedTuple):
    """Momentum's velocity or Adam's moments (``first``, ``second``) and ``step`` (1,),
    the count of updates so far; all updated in place."""

    first: np.ndarray
    second: np.ndarray
    step: np.ndarray

    @classmethod
    def zeros(cls, theta: np.ndarray) -> OptimizerState:
        return cls(np.zeros_like(theta), np.zeros_like(theta), np.zeros(1, dtype=np.int64))


class StopRule(NamedTuple):
    """Stop once no glyph (the first ``n_glyphs`` targets) reconstructs with more than
    ``target`` wrong pixels (-1: never) and every right output pixel is at least
    ``margin`` from PIXEL_THRESHOLD, checked every TARGET_CHECK epochs counted from the
    run's start, ``first_epoch`` being the first epoch of this call. The margin applies
    to pixel sets (every value 0 or 1) only: a curve's values may sit at the threshold."""

    n_glyphs: int
    target: int = -1
    first_epoch: int = 0
    margin: float = 0.0

    @classmethod
    def of(cls, config: TrainConfig, glyphs: np.ndarray) -> StopRule:
        target = -1 if config.target_errors is None else int(config.target_errors)
        binary = target >= 0 and not np.any((glyphs != 0) & (glyphs != 1))
        return cls(len(glyphs), target, margin=float(config.target_margin) if binary else 0.0)

    def reached(self, most_errors: int, right_margin: float) -> bool:
        """Whether a check with these results stops training (the kernel's rule)."""
        return 0 <= self.target and most_errors <= self.target and right_margin >= self.margin


class Batches(NamedTuple):
    """An epoch chunk's batch plan (see BatchPlan.draw): inputs (1 or E, M, P), targets
    (M, P), perms (E, M) or (0, 0), draws (E, M, k) or (0, 0, 0)."""

    inputs: np.ndarray
    targets: np.ndarray
    perms: np.ndarray
    draws: np.ndarray
