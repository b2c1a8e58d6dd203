"""Quasi-Newton and conjugate-gradient training (scipy.optimize on the flat parameters).

The course's report 003 trained with BFGS, CG and Powell; L-BFGS-B keeps BFGS's
behaviour in memory linear in the number of parameters.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

from ae_desktop.engine import kernels
from ae_desktop.engine.batch_plan import BatchPlan
from ae_desktop.engine.config import TrainConfig
from ae_desktop.engine.losses import loss_code
from ae_desktop.engine.model import Autoencoder

SCIPY_METHODS = {"lbfgs": "L-BFGS-B", "cg": "CG"}


class QuasiNewton:
    """Advances ``model`` by iterations of scipy's optimizer; one iteration = one epoch.

    A denoising model's corrupted inputs are drawn once per chunk, so each scipy call
    minimises a fixed (deterministic) objective.
    """

    def __init__(self, model: Autoencoder, data: np.ndarray, config: TrainConfig,
                 rng: np.random.Generator):
        self.model = model
        self.plan = BatchPlan(data, config, model.arch, rng)
        self.method = SCIPY_METHODS[config.optimizer]
        self.loss = loss_code(config.loss)
        self.max_chunk = 500

    def _objective(self, x: np.ndarray):
        arch = self.model.arch
        grad = np.empty_like(x)
        parts = np.zeros(2)
        w_off, b_off = arch.offsets
        value = kernels.loss_gradient(
            x, grad, arch.shapes_array, arch.activation_codes, w_off, b_off,
            arch.n_encoder_layers, False, self.loss, 0.0, self.inputs, self.plan.targets,
            np.zeros((len(self.inputs), 0)), parts)
        return value, grad

    def advance(self, n_epochs: int) -> tuple[np.ndarray, bool]:
        """Run up to ``n_epochs`` iterations; returns (per-iteration losses, diverged)."""
        self.inputs = self.plan.draw(1)[0][0]
        theta = self.model.theta
        if n_epochs == 0:
            self._objective(theta)
            return np.zeros((0, 3)), False
        losses: list[float] = []

        def record(x):
            losses.append(self._objective(x)[0])

        result = minimize(self._objective, theta.copy(), jac=True, method=self.method,
                          callback=record, options={"maxiter": n_epochs})
        diverged = not np.all(np.isfinite(result.x)) or not np.isfinite(result.fun)
        if not diverged:
            theta[:] = result.x
        if not losses:  # converged at once: scipy made no iteration
            losses.append(float(result.fun))
        values = np.array(losses)
        return np.column_stack([values, values, np.zeros_like(values)]), diverged
