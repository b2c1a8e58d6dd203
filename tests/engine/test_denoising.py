"""Denoising statistics of a model and of the nearest-clean-glyph baseline."""

import numpy as np
import pytest

from ae_desktop.data import bundled_font
from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.denoising import denoising_errors, nearest_glyph_baseline
from ae_desktop.engine.model import Autoencoder
from ae_desktop.engine.noise import parse_noise

FONT = bundled_font("font3").matrix()


class Identity:
    """A 'model' that returns its input unchanged."""

    def reconstruct(self, x):
        return np.asarray(x)


class NearestGlyph:
    """A 'model' that decodes to the nearest clean glyph (squared distance)."""

    def __init__(self, clean):
        self.clean = clean

    def reconstruct(self, x):
        distance = ((x[:, None, :] - self.clean[None]) ** 2).sum(axis=-1)
        return self.clean[distance.argmin(axis=1)]


def test_identity_keeps_every_flipped_pixel():
    stats = denoising_errors(Identity(), FONT, parse_noise("flip:3"), 4, np.random.default_rng(0))
    assert stats["mean_errors"] == 3 and stats["exact_rate"] == 0
    assert stats["noisy_errors"] == 3 and stats["repeats"] == 4
    assert stats["per_glyph_errors"].shape == (32,)


def test_baseline_without_noise_is_exact():
    stats = nearest_glyph_baseline(FONT, parse_noise("flip:0"), 2, np.random.default_rng(0))
    assert stats["mean_errors"] == 0 and stats["exact_rate"] == 1
    assert np.array_equal(stats["per_glyph_exact"], np.ones(32))


def test_baseline_matches_a_nearest_glyph_decoder_on_the_same_noise():
    spec = parse_noise("uniform:0.7")  # continuous values: ties are (almost) impossible
    model = denoising_errors(NearestGlyph(FONT), FONT, spec, 5, np.random.default_rng(7))
    base = nearest_glyph_baseline(FONT, spec, 5, np.random.default_rng(7))
    assert base["mean_errors"] == pytest.approx(model["mean_errors"])
    assert base["exact_rate"] == pytest.approx(model["exact_rate"])
    assert np.allclose(base["per_glyph_errors"], model["per_glyph_errors"])
    assert 0 < base["exact_rate"] < 1


def test_ties_count_fractionally():
    clean = np.array([[0.0, 0.0], [1.0, 1.0]])
    # one flip always lands half way: equally near both glyphs
    stats = nearest_glyph_baseline(clean, parse_noise("flip:1"), 3, np.random.default_rng(0))
    assert stats["exact_rate"] == 0.5 and stats["mean_errors"] == 1.0


def test_identical_glyphs_count_as_exact():
    clean = np.array([[1.0, 0.0, 1.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    stats = nearest_glyph_baseline(clean, parse_noise("flip:0"), 1, np.random.default_rng(0))
    assert stats["exact_rate"] == 1.0


def test_baseline_beats_identity_at_ten_percent_noise():
    spec = parse_noise("saltpepper:0.1")
    base = nearest_glyph_baseline(FONT, spec, 10, np.random.default_rng(1))
    noisy = denoising_errors(Identity(), FONT, spec, 10, np.random.default_rng(1))
    assert base["exact_rate"] > noisy["exact_rate"]
    assert base["noisy_errors"] == noisy["noisy_errors"]


def test_real_model_shapes():
    model = Autoencoder.initialize(Architecture.parse("35-10-2"))
    stats = denoising_errors(
        model, FONT, parse_noise("saltpepper:0.1"), 2, np.random.default_rng(0)
    )
    assert stats["per_glyph_exact"].shape == (32,) and 0 <= stats["exact_rate"] <= 1


@pytest.mark.parametrize("clean, repeats", [(np.zeros(5), 1), (FONT, 0)])
def test_bad_arguments(clean, repeats):
    with pytest.raises(ValueError):
        nearest_glyph_baseline(clean, parse_noise("flip:1"), repeats, np.random.default_rng())
