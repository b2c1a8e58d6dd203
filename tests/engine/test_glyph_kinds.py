"""Glyph kinds as objects: each kind's error measure, its learned rule and its file name."""

import pickle

import numpy as np
import pytest

from ae_desktop.engine import CURVE, PIXELS, GlyphKind, glyph_kind


def test_pixel_error_is_the_count_of_wrong_pixels_at_one_half():
    rng = np.random.default_rng(0)
    outputs, targets = rng.random((6, 35)), (rng.random((6, 35)) > 0.5).astype(float)
    outputs[0, :3] = 0.5  # on, at the threshold itself
    direct = ((outputs >= 0.5) != (targets >= 0.5)).sum(axis=1)
    np.testing.assert_array_equal(PIXELS.errors(outputs, targets), direct)


def test_curve_error_is_the_largest_point_distance_in_plane_units():
    rng = np.random.default_rng(1)
    outputs, targets = rng.random((5, 42)), rng.random((5, 21, 2))
    plane_out, plane_in = outputs.reshape(5, 21, 2) * 2 - 1, targets * 2 - 1
    direct = np.sqrt(((plane_out - plane_in) ** 2).sum(axis=2)).max(axis=1)
    np.testing.assert_allclose(CURVE.errors(outputs, targets), direct, rtol=1e-12)


def test_learned_rules():
    assert PIXELS.learned_count(np.array([0, 1, 2, 5])) == 2  # within 1 wrong pixel
    errors = np.array([0.0, CURVE.tolerance, 2 * CURVE.tolerance])
    np.testing.assert_array_equal(CURVE.learned(errors), [True, True, False])


def test_names_as_written_in_files_are_looked_up():
    assert glyph_kind("pixels") is PIXELS and glyph_kind("curve") is CURVE
    assert CURVE == "curve" and str(PIXELS) == "pixels"  # written back as its name
    assert pickle.loads(pickle.dumps(CURVE)) is CURVE  # the same object in worker processes
    assert list(GlyphKind) == [PIXELS, CURVE]


@pytest.mark.parametrize("name", ["vector", "Curve", "", 3, None, ["curve"]])
def test_an_unknown_kind_is_refused_with_the_error_asked_for(name):
    with pytest.raises(KeyError, match="'kind' must be one of pixels, curve, got"):
        glyph_kind(name, KeyError)
    with pytest.raises(ValueError, match="must be one of pixels, curve"):
        glyph_kind(name)


def test_a_kept_glyph_is_lit_pixels_or_the_curve_as_decoded():
    decoded = np.array([0.1, 0.5, 0.49999, 0.9])
    np.testing.assert_array_equal(PIXELS.kept(decoded), [0.0, 1.0, 0.0, 1.0])
    np.testing.assert_array_equal(CURVE.kept(decoded), decoded)
