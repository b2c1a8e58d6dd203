"""Each epoch's inputs, row order and VAE noise, drawn in Python from one seeded Generator.

Drawing here (not inside compiled code) makes runs reproducible from the seed and lets
the NumPy reference and the Numba kernel consume exactly the same plan.
"""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.config import REDRAW_ROUNDS, TrainConfig
from ae_desktop.engine.denoising import nearest_glyphs
from ae_desktop.engine.noise import NoiseSpec, corrupt
from ae_desktop.engine.train_records import Batches

PLAN_BYTES = 64 * 2**20
NEAREST_CELLS = 2**21  # rows x glyphs of one nearest-glyph search block (16 MB)


class BatchPlan:
    """Targets are the clean data repeated ``augment`` times; a denoising model gets
    freshly corrupted inputs every epoch; a VAE normal samples; dropout its unit scales.

    With ``redraw`` (``config.redraw_used``), a noisy copy whose nearest clean glyph
    (``nearest_glyphs``; of tied ones the first in the set) is not its own glyph is drawn
    again, up to REDRAW_ROUNDS times, then replaced by its clean glyph: every input then
    has one possible source, so the model learns the nearest-glyph decision rather than a
    blend of the glyphs it could come from. A glyph identical to an earlier one counts
    as that one."""

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
        self.redraw = config.redraw_used(len(data))
        if self.redraw:
            self.glyphs = np.asarray(data)
            # each row's own glyph, as the first glyph of the set equal to it
            first_equal = nearest_glyphs(self.glyphs, self.glyphs).argmax(axis=1)
            self.own = np.tile(first_equal, copies)

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
                noisy = corrupt(self.targets, self.noise, self.rng)
                inputs.append(
                    (self._redrawn(noisy, self.noise) if self.redraw else noisy).astype(self.dtype)
                )
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

    def _redrawn(self, noisy: np.ndarray, noise: NoiseSpec) -> np.ndarray:
        """``noisy`` with its ambiguous rows drawn again with ``noise`` (in place; see the
        class)."""
        bad = np.arange(len(noisy))
        for round_ in range(REDRAW_ROUNDS + 1):
            bad = bad[self._first_nearest(noisy[bad]) != self.own[bad]]
            if not len(bad):
                return noisy
            if round_ < REDRAW_ROUNDS:
                noisy[bad] = corrupt(self.targets[bad], noise, self.rng)
        noisy[bad] = self.targets[bad]
        return noisy

    def _first_nearest(self, rows: np.ndarray) -> np.ndarray:
        """The first nearest clean glyph of each row, searched in blocks of rows."""
        block = max(1, NEAREST_CELLS // len(self.glyphs))
        return np.concatenate(
            [
                nearest_glyphs(rows[i : i + block], self.glyphs).argmax(axis=1)
                for i in range(0, len(rows), block)
            ]
        )

    def batches(self, n_epochs: int) -> Batches:
        """``draw`` with the targets: the compiled training's Batches record."""
        inputs, perms, draws = self.draw(n_epochs)
        return Batches(inputs, self.targets, perms, draws)
