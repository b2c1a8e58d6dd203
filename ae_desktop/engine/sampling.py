"""Generate new glyphs: draw latent codes from a Gaussian and decode them.

A VAE's codes are drawn from its prior N(0, I). A plain (or denoising) autoencoder has
no prior, so its codes are drawn from the Gaussian fitted to the training glyphs' codes
(their mean and covariance); ``LatentGaussian.source`` says which.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ae_desktop.engine.model import Autoencoder

PRIOR, FITTED = "prior", "fitted"
MAX_SAMPLES = 10_000


@dataclass(frozen=True)
class LatentGaussian:
    """N(mean, cov) over the latent space; ``source`` is PRIOR or FITTED."""

    mean: np.ndarray  # (latent,)
    cov: np.ndarray  # (latent, latent)
    source: str

    def describe(self) -> str:
        """One line for the user: which distribution the samples come from."""
        if self.source == PRIOR:
            return "the VAE's prior N(0, I)"
        return "a Gaussian fitted to the training codes (a plain autoencoder has no prior)"

    def draw(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` codes (n, latent); for the prior exactly ``rng.standard_normal((n, d))``.
        A singular covariance (e.g. one training glyph) draws within its span."""
        d = len(self.mean)
        noise = rng.standard_normal((n, d))
        if self.source == PRIOR:
            return noise
        values, vectors = np.linalg.eigh(self.cov)
        return self.mean + (noise * np.sqrt(np.clip(values, 0.0, None))) @ vectors.T


def latent_gaussian(model: Autoencoder, training=None) -> LatentGaussian:
    """The distribution to sample ``model`` from: a VAE's prior, else the Gaussian fitted
    to the codes of ``training`` (n, n_inputs); ValueError when those are missing or give
    codes that are not finite."""
    d = model.arch.latent_dim
    if model.arch.kind == "vae":
        return LatentGaussian(np.zeros(d), np.eye(d), PRIOR)
    if training is None or len(training) == 0:
        raise ValueError("sampling a plain autoencoder needs its training glyphs")
    codes = model.encode(training)
    if not np.all(np.isfinite(codes)):
        raise ValueError("the model's codes of the training glyphs are not all finite")
    cov = np.cov(codes, rowvar=False).reshape(d, d) if len(codes) > 1 else np.zeros((d, d))
    return LatentGaussian(codes.mean(axis=0), cov, FITTED)


def sample_glyphs(
    model: Autoencoder, gaussian: LatentGaussian, n: int, seed: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(codes (n, latent), decoded outputs (n, n_inputs)) of ``n`` draws, seeded."""
    if not 1 <= n <= MAX_SAMPLES:
        raise ValueError(f"the number of samples must be 1 to {MAX_SAMPLES}, got {n}")
    codes = gaussian.draw(n, np.random.default_rng(seed))
    return codes, model.decode(codes)
