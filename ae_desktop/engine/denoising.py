"""How well noisy glyphs are restored: a model's denoising, and the best any decoder can do.

Both functions draw ``repeats`` noisy copies of the clean glyphs with ``corrupt`` and
return the same statistics (wrong pixels as ``metrics.wrong_pixels`` counts them, against
the clean glyph), so a model and the baseline can be compared when called with equally
seeded generators (they then see identical noise):

``mean_errors``        mean wrong pixels per denoised glyph
``exact_rate``         fraction of denoised glyphs with 0 wrong pixels
``per_glyph_errors``   (n,) mean wrong pixels of each glyph over the draws
``per_glyph_exact``    (n,) exact-recovery rate of each glyph
``noisy_errors``       mean wrong pixels of the noisy inputs themselves (the noise level)
``repeats``            R
"""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.metrics import wrong_pixels
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.noise import NoiseSpec, corrupt


def _summary(errors: np.ndarray, exact: np.ndarray, noisy_errors: np.ndarray) -> dict:
    """Statistics of (R, n) wrong-pixel counts and exact-recovery indicators."""
    return {
        "mean_errors": float(errors.mean()),
        "exact_rate": float(exact.mean()),
        "per_glyph_errors": errors.mean(axis=0),
        "per_glyph_exact": exact.mean(axis=0),
        "noisy_errors": float(noisy_errors.mean()),
        "repeats": errors.shape[0],
    }


def _draws(clean, repeats: int):
    clean = np.asarray(clean, dtype=np.float64)
    if clean.ndim != 2 or len(clean) == 0:
        raise ValueError(f"clean glyphs must have shape (n, pixels), got {clean.shape}")
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    return clean


def denoising_errors(
    model: Autoencoder, clean, spec: NoiseSpec, repeats: int, rng: np.random.Generator
) -> dict:
    """The model's output for ``repeats`` noisy copies of ``clean`` (n, P), against the
    clean glyphs; keys in the module docstring."""
    clean = _draws(clean, repeats)
    errors = np.empty((repeats, len(clean)))
    noisy_errors = np.empty_like(errors)
    for r in range(repeats):
        noisy = corrupt(clean, spec, rng)
        errors[r] = wrong_pixels(model.reconstruct(noisy), clean)
        noisy_errors[r] = wrong_pixels(noisy, clean)
    return _summary(errors, errors == 0, noisy_errors)


def nearest_glyphs(inputs, clean) -> np.ndarray:
    """(m, n) bool: for each input row (m, P), the clean glyphs (n, P) at the smallest sum
    of squared pixel differences (several when tied): the best any decoder can answer.
    Computed in ``clean``'s float dtype without copying it (a 60,000-image set is fine)."""
    clean = np.asarray(clean)
    if clean.dtype not in (np.float32, np.float64):
        clean = clean.astype(np.float64)
    inputs = np.asarray(inputs, dtype=clean.dtype)
    distance = (
        np.einsum("ij,ij->i", inputs, inputs)[:, None]
        - 2 * inputs @ clean.T
        + np.einsum("ij,ij->i", clean, clean)[None, :]
    )
    return np.isclose(distance, distance.min(axis=1, keepdims=True), rtol=0, atol=1e-6)


def nearest_glyph_baseline(clean, spec: NoiseSpec, repeats: int, rng: np.random.Generator) -> dict:
    """Decode each noisy input to the nearest clean glyph; keys as ``denoising_errors``.

    Distance is the sum of squared pixel differences: the Hamming distance for 0/1
    inputs (flip and salt & pepper noise) and the maximum-likelihood choice for Gaussian
    noise. Ties count fractionally: an input equally near k glyphs scores the mean wrong
    pixels and mean exactness of those k (what a fair random pick earns on average).
    A glyph decoded to a different but identical-looking glyph counts as exact.
    """
    clean = _draws(clean, repeats)
    n = len(clean)
    # wrong pixels between every pair of clean glyphs: candidate j for target i
    pair_errors = np.stack([wrong_pixels(clean, clean[i]) for i in range(n)]).astype(float)
    errors = np.empty((repeats, n))
    exact = np.empty_like(errors)
    noisy_errors = np.empty_like(errors)
    for r in range(repeats):
        noisy = corrupt(clean, spec, rng)
        nearest = nearest_glyphs(noisy, clean)
        ties = nearest.sum(axis=1)
        errors[r] = (nearest * pair_errors).sum(axis=1) / ties
        exact[r] = (nearest & (pair_errors == 0)).sum(axis=1) / ties
        noisy_errors[r] = wrong_pixels(noisy, clean)
    return _summary(errors, exact, noisy_errors)
