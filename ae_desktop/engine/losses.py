"""Reconstruction losses: per-glyph sums averaged over the batch (NumPy reference)."""

from __future__ import annotations

import numpy as np

LOSSES = ("mse", "bce")
MSE, BCE = range(2)
BCE_CLIP = 1e-7


def loss_code(name: str) -> int:
    return LOSSES.index(name)


def softplus(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def reconstruction_loss(
    code: int, a: np.ndarray, y: np.ndarray, z: np.ndarray, sigmoid_output: bool
) -> tuple[float, np.ndarray]:
    """Loss and dLoss/dz_out for outputs ``a = f(z)`` against targets ``y``, both (B, P).

    BCE with a sigmoid output is computed from the logits ``z`` (stable for any z);
    otherwise the output is clipped to [1e-7, 1 - 1e-7] (zero gradient outside). Returns
    dL/da when the output is not a fused sigmoid; the caller multiplies by f'(z).
    """
    batch = a.shape[0]
    if code == MSE:
        diff = a - y
        return float(np.sum(diff * diff)) / batch, 2.0 * diff / batch
    if sigmoid_output:
        return float(np.sum(softplus(z) - y * z)) / batch, (a - y) / batch
    p = np.clip(a, BCE_CLIP, 1.0 - BCE_CLIP)
    loss = -np.sum(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)) / batch
    inside = (a > BCE_CLIP) & (a < 1.0 - BCE_CLIP)  # the clip is flat outside
    return float(loss), np.where(inside, (p - y) / (p * (1.0 - p)), 0.0) / batch


def kl_divergence(mu: np.ndarray, logvar: np.ndarray) -> float:
    """KL(N(mu, e^logvar) || N(0, 1)) summed over latent dims, averaged over the batch."""
    return float(-0.5 * np.sum(1.0 + logvar - mu * mu - np.exp(logvar))) / mu.shape[0]
