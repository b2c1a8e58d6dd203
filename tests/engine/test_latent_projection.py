"""Views of a latent space above 2-D: axis planes and principal components."""

import numpy as np
import pytest

from ae_desktop.engine import (
    Architecture,
    Autoencoder,
    axis_names,
    axis_projection,
    decode_grid,
    offset_ranges,
    principal_projection,
    projection_named,
)
from ae_desktop.engine.latent import grid_points


def test_axis_names_list_every_pair_then_pca():
    assert axis_names(3) == ["z1 × z2", "z1 × z3", "z2 × z3", "principal components 1 × 2"]
    assert len(axis_names(5)) == 11


def test_axis_projection_is_exact_both_ways():
    codes = np.random.default_rng(0).normal(size=(20, 4)) * 1e3
    view = projection_named("z2 × z4", codes)
    assert view.labels == ("z2", "z4", "z1", "z3")
    assert np.array_equal(view.project(codes), codes[:, [1, 3]])
    assert np.array_equal(view.offsets(codes), codes[:, [0, 2]])
    z = view.lift([0.3, -1.7], [5.5, 2.25])
    assert np.array_equal(z, [5.5, 0.3, 2.25, -1.7])
    assert np.array_equal(view.lift(view.project(codes), view.offsets(codes)[0])[0], codes[0])
    with pytest.raises(ValueError):
        axis_projection(3, 1, 1)


def test_principal_projection_matches_svd_up_to_sign():
    rng = np.random.default_rng(1)
    codes = rng.normal(size=(50, 4)) @ np.diag([5.0, 3.0, 1.0, 0.2]) + 7.0
    view = principal_projection(codes)
    centred = codes - codes.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    expected = centred @ vt[:2].T
    got = view.project(codes)
    for k in range(2):
        sign = np.sign(got[0, k] * expected[0, k])
        np.testing.assert_allclose(got[:, k], sign * expected[:, k], atol=1e-9)
    np.testing.assert_allclose(view.basis @ view.basis.T, np.eye(4), atol=1e-12)
    lifted = view.lift(view.project(codes), view.offsets(codes[:1])[0])
    np.testing.assert_allclose(lifted[0], codes[0], atol=1e-9)
    assert projection_named("principal components 1 × 2", codes).labels[:2] == ("PC 1", "PC 2")


def test_decode_grid_lifts_the_plane():
    model = Autoencoder.initialize(Architecture.parse("35-8-3"), rng=np.random.default_rng(3))
    view = axis_projection(3, 0, 2)
    tiles = decode_grid(model, (-1, 1), (0, 2), 4, 3, projection=view, offsets=[0.7])
    points = grid_points((-1, 1), (0, 2), 4, 3).reshape(-1, 2)
    codes = np.c_[points[:, 0], np.full(len(points), 0.7), points[:, 1]]
    np.testing.assert_array_equal(tiles, model.decode(codes).reshape(3, 4, -1))
    with pytest.raises(ValueError, match="has 3 dimensions"):
        decode_grid(model, (0, 1), (0, 1), 2, 2, projection=axis_projection(4, 0, 1))


def test_offset_ranges_pad_the_span():
    ranges = offset_ranges([[0.0, 1.0], [10.0, 1.0]])
    np.testing.assert_allclose(ranges, [[-1.0, 11.0], [0.9, 1.1]])
