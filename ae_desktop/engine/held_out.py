"""The held-out test split: which rows a run never trains on, and their loss.

The loss (``compiled_evaluate.held_out_loss``) is the training loss without training's
randomness: clean inputs reconstructing themselves (a denoising model gets no noise), no
dropout, and a VAE decodes its latent mean (its KL term is exact), so the test curve does
not depend on when reports happen.
"""

from __future__ import annotations

import math

import numpy as np

from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.compiled_evaluate import held_out_loss
from ae_desktop.engine.config import ConfigError
from ae_desktop.engine.losses import loss_code
from ae_desktop.engine.metrics import learned_count


def split_rows(n: int, fraction: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(training rows, test rows), each sorted: ceil(fraction * n) rows drawn for the test
    set, at least one row left for training. ``fraction`` 0 draws nothing from ``rng``."""
    n_test = math.ceil(fraction * n - 1e-9) if fraction > 0 else 0
    if n_test >= n:
        raise ConfigError(
            f"a test fraction of {fraction:g} of {n} glyphs leaves no glyph to train on"
        )
    if n_test == 0:
        return np.arange(n), np.zeros(0, dtype=np.int64)
    order = rng.permutation(n)
    return np.sort(order[n_test:]), np.sort(order[:n_test])


class HeldOutSet:
    """The test rows of a run, ``data`` (n, P), evaluated in ``precision`` arithmetic."""

    def __init__(
        self,
        data: np.ndarray,
        arch: Architecture,
        loss: str,
        beta: float,
        precision: str = "float64",
    ):
        self.data = np.ascontiguousarray(data, dtype=precision)
        self.arch, self.loss, self.beta = arch, loss_code(loss), beta
        self.errors = np.zeros(len(data), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.data)

    def evaluate(self, theta: np.ndarray) -> np.ndarray:
        """Mean [total, reconstruction, kl] loss at ``theta``; updates ``errors``."""
        parts = np.zeros(3)
        held_out_loss(
            theta.astype(self.data.dtype, copy=False),
            self.arch.layout.table,
            self.loss,
            self.beta,
            self.data,
            self.errors,
            parts,
        )
        return parts

    def prepare(self, theta: np.ndarray) -> None:
        """Compile or load the kernel (on one row), so the first timed evaluation's cost
        is the evaluation's."""
        if len(self.data):
            held_out_loss(
                theta.astype(self.data.dtype),
                self.arch.layout.table,
                self.loss,
                self.beta,
                self.data[:1],
                np.zeros(1, dtype=np.int64),
                np.zeros(3),
            )

    def learned(self) -> int:
        """Test rows within LEARNED_MAX_ERRORS wrong pixels at the last evaluation."""
        return learned_count(self.errors)
