"""Report 003's circles: the generator, and training on them through the CLI."""

import json

import numpy as np
import pytest

from ae_desktop.cli import main
from ae_desktop.data import GlyphSetError, resolve_dataset
from ae_desktop.data.circles import circles, curve_points
from ae_desktop.engine import load_model


def test_default_set_matches_report_003():
    curves = circles()
    assert (len(curves), curves.height, curves.width, curves.kind) == (100, 21, 2, "curve")
    assert curves.matrix().shape == (100, 42)
    plane = np.stack([curve_points(p) for p in curves.pixels])  # (100, 21, 2)
    radii = np.linalg.norm(plane, axis=2)
    np.testing.assert_allclose(radii, np.linspace(0.1, 0.9, 100)[:, None].repeat(21, 1))
    angles = np.unwrap(np.arctan2(plane[0, :, 1], plane[0, :, 0]))
    np.testing.assert_allclose(np.diff(angles), 2 * np.pi / 21)
    assert curves.pixels.min() >= 0 and curves.pixels.max() <= 1
    assert curves.labels[0] == "r=0.100" and curves.labels[-1] == "r=0.900"


def test_parameters_shape_the_set():
    curves = circles(count=5, r_min=0.2, r_max=0.6, points=8)
    assert curves.pixels.shape == (5, 8, 2)
    np.testing.assert_allclose(np.linalg.norm(curve_points(curves.pixels[2]), axis=1), 0.4)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"count": 0}, "count must be at least 1"),
        ({"points": 2}, "points per circle must be from 3"),
        ({"r_min": 0.5, "r_max": 0.2}, "radii must satisfy"),
    ],
)
def test_bad_parameters_are_named(kwargs, message):
    with pytest.raises(GlyphSetError, match=message):
        circles(**kwargs)


def test_cli_learns_circles_with_report_003_architecture(tmp_path):
    out, model_path = tmp_path / "out.json", tmp_path / "circles.npz"
    assert (
        main(
            [
                "train",
                "--quiet",
                "--dataset",
                "circles",
                "--arch",
                "42-25-15-9-3-2",
                "--epochs",
                "1000",
                "--lr",
                "0.01",
                "--loss",
                "mse",
                "--target-errors",
                "none",
                "--json",
                str(out),
                "--save",
                str(model_path),
            ]
        )
        == 0
    )
    result = json.loads(out.read_text())
    assert result["dataset"] == "circles" and len(result["labels"]) == 100
    model, metadata = load_model(model_path)
    assert metadata["dataset"] == "circles"
    data = resolve_dataset("circles").matrix()
    error = np.abs(model.reconstruct(data) - data) * 2  # plane units
    assert error.max() < 0.05
