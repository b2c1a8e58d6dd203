"""Each epoch's inputs, row order and VAE noise, drawn in Python from one seeded Generator.

Drawing here (not inside compiled code) makes runs reproducible from the seed and lets
the NumPy reference and the Numba kernel consume exactly the same plan.
"""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.config import TrainConfig
from ae_desktop.engine.noise import corrupt
from ae_desktop.engine.train_records import Batches

PLAN_BYTES = 64 * 2**20


class BatchPlan:
    """Targets are the clean data repeated ``augment`` times; a denoising model gets
    freshly corrupted inputs every epoch; a VAE normal samples; dropout its unit scales."""

    def __init__(
        self, data: np.ndarray, config: TrainConfig, arch: Architecture, rng: np.random.Generator
    ):
        self.noise = config.noise_spec()
        self.dtype = np.dtype(config.precision)
        copies = config.augment if self.noise is not None else 1
        # one copy is the data itself when already in the training dtype (no duplicate)
        self.targets = np.ascontiguousarray(
            data if copies == 1 else np.tile(data, (copies, 1)), dtype=self.dtype
        )
        self.shuffle = 0 < config.batch_size < len(self.targets)
        self.vae_latent = arch.latent_dim if arch.kind == "vae" else 0
        self.dropout = config.dropout
        self.dropout_units = arch.dropout_units if config.dropout else 0
        self.rng = rng

    def max_epochs(self) -> int:
        """How many epochs one draw may hold within the memory budget."""
        per_epoch = self.targets.nbytes * (self.noise is not None) + len(self.targets) * (
            self.dtype.itemsize * (self.vae_latent + self.dropout_units) + 8 * self.shuffle
        )
        return max(1, PLAN_BYTES // max(per_epoch, 1))

    def draw(self, n_epochs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(inputs (1 or E, M, P), perms (E, M) or (0, 0), draws (E, M, k) or (0, 0, 0)):
        the kernels' batch plan; draws are a VAE's eps then dropout scales (0 or 1/keep)."""
        m = len(self.targets)
        keep = 1.0 - self.dropout
        inputs, perms, draws = [], [], []
        for _ in range(n_epochs):  # epoch by epoch: the stream does not depend on chunking
            if self.noise is not None:
                inputs.append(corrupt(self.targets, self.noise, self.rng).astype(self.dtype))
            if self.shuffle:
                perms.append(self.rng.permutation(m))
            eps = self.rng.standard_normal((m, self.vae_latent))
            scales = (self.rng.random((m, self.dropout_units)) < keep) / keep
            if eps.size or scales.size:
                draws.append(np.hstack([eps, scales]).astype(self.dtype))
        return (
            np.ascontiguousarray(np.stack(inputs)) if inputs else self.targets[None],
            np.stack(perms) if perms else np.zeros((0, 0), dtype=np.int64),
            np.stack(draws) if draws else np.zeros((0, 0, 0), self.dtype),
        )

    def batches(self, n_epochs: int) -> Batches:
        """``draw`` with the targets: the compiled training's Batches record."""
        inputs, perms, draws = self.draw(n_epochs)
        return Batches(inputs, self.targets, perms, draws)
