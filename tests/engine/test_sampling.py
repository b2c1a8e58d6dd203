"""Sampling: a VAE draws from its prior N(0, I), a plain autoencoder from the Gaussian
fitted to its training codes, both seeded."""

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine import Architecture, Autoencoder, latent_gaussian, sample_glyphs
from ae_desktop.engine.sampling import FITTED, PRIOR

GLYPHS = bundled_font("font3").matrix()


def _model(kind: str, latent: int = 2) -> Autoencoder:
    extra = {"latent_activation": "linear"} if kind == "vae" else {}
    arch = Architecture.parse(f"35-8-{latent}", activation="tanh", kind=kind, **extra)
    return Autoencoder.initialize(arch, "normal:0.8", np.random.default_rng(1))


def test_vae_draws_are_the_seeded_standard_normal_draws():
    model = _model("vae", latent=3)
    gaussian = latent_gaussian(model)
    assert gaussian.source == PRIOR and "N(0, I)" in gaussian.describe()
    codes, images = sample_glyphs(model, gaussian, 16, seed=7)
    assert np.array_equal(codes, np.random.default_rng(7).standard_normal((16, 3)))
    assert np.array_equal(images, model.decode(codes))
    again, _ = sample_glyphs(model, gaussian, 16, seed=7)
    assert np.array_equal(codes, again)


def test_autoencoder_gaussian_is_fitted_to_the_training_codes():
    model = _model("ae")
    gaussian = latent_gaussian(model, GLYPHS)
    codes = model.encode(GLYPHS)
    assert gaussian.source == FITTED and "fitted to the training codes" in gaussian.describe()
    assert np.allclose(gaussian.mean, codes.mean(axis=0))
    assert np.allclose(gaussian.cov, np.cov(codes, rowvar=False))
    draws, _ = sample_glyphs(model, gaussian, 10_000, seed=0)
    spread = np.sqrt(np.diag(gaussian.cov))
    assert np.allclose(draws.mean(axis=0), gaussian.mean, atol=0.05 * spread.max())
    assert np.allclose(np.cov(draws, rowvar=False), gaussian.cov, atol=0.05 * spread.max() ** 2)


def test_one_training_glyph_samples_its_code():
    model = _model("dae")
    gaussian = latent_gaussian(model, GLYPHS[:1])
    draws, _ = sample_glyphs(model, gaussian, 3, seed=0)
    assert np.allclose(draws, model.encode(GLYPHS[:1]))


@pytest.mark.parametrize("training", [None, GLYPHS[:0]])
def test_autoencoder_without_training_glyphs_is_refused(training):
    with pytest.raises(ValueError, match="training glyphs"):
        latent_gaussian(_model("ae"), training)


@pytest.mark.parametrize("n", [0, 10_001])
def test_sample_count_is_bounded(n):
    model = _model("vae")
    with pytest.raises(ValueError, match="number of samples"):
        sample_glyphs(model, latent_gaussian(model), n)
