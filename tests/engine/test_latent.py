"""Latent tools agree with Autoencoder.decode and lay grids out like images."""

import numpy as np
import pytest

from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.latent import decode_grid, grid_points, interpolate, latent_extent
from ae_desktop.engine.model import Autoencoder


@pytest.fixture
def model():
    arch = Architecture.parse("35-8-2", activation="tanh")
    return Autoencoder.initialize(arch, "normal:0.8", np.random.default_rng(1))


def test_interpolate_includes_both_ends(model):
    codes, images = interpolate(model, [0.0, 1.0], [2.0, -1.0], 5)
    assert codes.shape == (5, 2) and images.shape == (5, 35)
    assert np.array_equal(codes[0], [0.0, 1.0]) and np.array_equal(codes[-1], [2.0, -1.0])
    assert np.allclose(codes[2], [1.0, 0.0])
    assert np.array_equal(images, model.decode(codes))


@pytest.mark.parametrize("steps, ends", [(1, ([0, 0], [1, 1])), (3, ([0, 0, 0], [1, 1]))])
def test_interpolate_rejects_bad_arguments(model, steps, ends):
    with pytest.raises(ValueError):
        interpolate(model, *ends, steps)


def test_grid_row_zero_is_top(model):
    points = grid_points((-1, 1), (0, 4), nx=3, ny=5)
    assert points.shape == (5, 3, 2)
    assert np.array_equal(points[0, 0], [-1, 4]) and np.array_equal(points[-1, -1], [1, 0])
    images = decode_grid(model, (-1, 1), (0, 4), nx=3, ny=5)
    assert images.shape == (5, 3, 35)
    assert np.allclose(images[1, 2], model.decode(points[1, 2])[0])
    assert np.allclose(images.reshape(-1, 35), model.decode(points.reshape(-1, 2)))


@pytest.mark.parametrize(
    "x_range, y_range, nx, ny",
    [((-1, 1), (-1, 1), 64, 64), ((0.3, -2.7), (5, 5), 17, 3), ((1e-3, 7.1), (-3.3, 9.1), 1, 1000)],
)
def test_grid_axes_are_linspace_to_the_bit(x_range, y_range, nx, ny):
    points = grid_points(x_range, y_range, nx, ny)
    assert np.array_equal(points[0, :, 0], np.linspace(*x_range, nx))
    assert np.array_equal(points[:, 0, 1], np.linspace(*y_range[::-1], ny))


def test_grid_needs_2d_latent():
    arch = Architecture.parse("35-8-3")
    with pytest.raises(ValueError, match="has 3 dimensions"):
        decode_grid(Autoencoder.initialize(arch), (0, 1), (0, 1), 2, 2)


def test_extent_adds_margin():
    x, y = latent_extent([[0, 0], [10, 2]], margin=0.1)
    assert x == pytest.approx((-1, 11)) and y == pytest.approx((-0.2, 2.2))


def test_extent_of_a_single_point_is_not_empty():
    x, y = latent_extent([[1, 1]], margin=0.5)
    assert x == (0.5, 1.5) and y == (0.5, 1.5)


def test_vae_extent_covers_three_sigma_and_prior():
    codes = np.array([[5.0, 0.0], [6.0, 0.0]])
    log_var = np.log(np.array([[4.0, 0.01], [0.01, 0.01]]))
    x, y = latent_extent(codes, margin=0.0, log_var=log_var)
    assert x == pytest.approx((-3.0, 11.0)) and y == pytest.approx((-3.0, 3.0))


def test_extent_rejects_wrong_shape():
    with pytest.raises(ValueError, match="shape"):
        latent_extent(np.zeros((4, 3)))
