"""Codes encoded a slice at a time, and the latent map's pictures (no Qt needed)."""

import numpy as np
import pytest

from ae_desktop.engine import Architecture, Autoencoder
from ae_desktop.gui.latent.code_scatter import label_classes
from ae_desktop.gui.latent.latent_codes import LatentCodes
from ae_desktop.gui.latent.latent_map import curve_mosaic, pixel_mosaic


def model(seed=0, kind="ae"):
    arch = Architecture.parse("16-6-2", kind=kind)
    return Autoencoder.initialize(arch, rng=np.random.default_rng(seed))


@pytest.fixture
def matrix():
    return np.random.default_rng(1).random((5000, 16)).astype(np.float32)


def test_slices_end_with_exactly_the_full_encoding(matrix):
    codes, m = LatentCodes(), model()
    codes.set_matrix(matrix)
    codes.set_model(m)
    assert codes.advance(0.0) < len(matrix) and not codes.complete  # one slice only
    assert 0 < codes.filled < len(matrix)
    while not codes.complete:
        codes.advance(0.0)
    assert codes.filled == len(matrix)
    np.testing.assert_array_equal(codes.mean, m.encode(matrix.astype(np.float64)))


def test_a_new_model_of_the_same_shape_continues_round_robin(matrix):
    codes, first, second = LatentCodes(), model(0), model(1)
    codes.set_matrix(matrix)
    codes.set_model(first)
    codes.advance(np.inf)
    codes.set_model(second)
    encoded = codes.advance(0.0)
    assert codes.filled == len(matrix)  # old codes stay shown meanwhile
    np.testing.assert_array_equal(codes.mean[:encoded], second.encode(matrix[:encoded]))
    np.testing.assert_array_equal(codes.mean[encoded:], first.encode(matrix[encoded:]))
    codes.set_model(model(2))
    following = codes.advance(0.0)  # starts where the last slice stopped
    np.testing.assert_array_equal(codes.mean[:encoded], second.encode(matrix[:encoded]))
    assert following > 0


def test_another_architecture_or_matrix_forgets_the_codes(matrix):
    codes = LatentCodes()
    codes.set_matrix(matrix)
    codes.set_model(model())
    codes.advance(np.inf)
    vae = model(kind="vae")
    codes.set_model(vae)
    assert codes.filled == 0 and codes.log_var.shape == (len(matrix), 2)
    codes.advance(np.inf)
    mean, log_var = vae.encode_distribution(matrix)
    np.testing.assert_array_equal(codes.log_var, log_var)
    codes.set_matrix(matrix[:10])
    assert codes.filled == 0 and not codes.complete


def test_labels_that_repeat_are_classes():
    names, index = label_classes(["7", "2", "7", "0"])
    assert names == ["0", "2", "7"] and index.tolist() == [2, 1, 2, 0]
    assert label_classes(["a", "b", "c"]) == ([], None)  # all distinct: a font
    assert label_classes([str(i % 30) for i in range(90)]) == ([], None)  # too many


def test_pixel_mosaic_puts_row_zero_at_the_top():
    tiles = np.arange(2 * 3 * 2 * 2, dtype=float).reshape(2, 3, 2, 2)
    mosaic = pixel_mosaic(tiles)[::-1]  # as displayed, top first
    assert mosaic.shape == (2 * 3, 3 * 3)
    np.testing.assert_array_equal(mosaic[:2, 3:5], tiles[0, 1])
    np.testing.assert_array_equal(mosaic[3:5, 6:8], tiles[1, 2])
    assert mosaic[2].sum() == 0 and mosaic[:, 2].sum() == 0


def test_curve_mosaic_draws_each_tile_closed_around_its_grid_point():
    angles = 2 * np.pi * np.arange(8) / 8
    circle = (np.c_[np.cos(angles), np.sin(angles)] + 1) / 2  # unit circle, stored
    tiles = np.broadcast_to(circle, (2, 3, 8, 2))
    x, y = curve_mosaic(tiles, (0.0, 4.0), (-1.0, 1.0))
    assert len(x) == 2 * 3 * 10 and np.isnan(x[9::10]).all()
    first = slice(0, 9)  # row 0 = top, column 0
    assert x[first][0] == x[first][-1] and y[first][0] == y[first][-1]
    np.testing.assert_allclose(np.nanmean(x[first][:-1]), 0.0, atol=1e-12)
    np.testing.assert_allclose(np.nanmean(y[first][:-1]), 1.0, atol=1e-12)


def test_an_edited_matrix_of_the_same_shape_keeps_its_codes_until_reencoded(matrix):
    codes, m = LatentCodes(), model()
    codes.set_matrix(matrix)
    codes.set_model(m)
    codes.advance(np.inf)
    edited = matrix.copy()
    edited[0] = 0
    codes.set_matrix(edited)
    assert codes.filled == len(matrix) and not codes.complete
    codes.advance(np.inf)
    np.testing.assert_array_equal(codes.mean, m.encode(edited))
