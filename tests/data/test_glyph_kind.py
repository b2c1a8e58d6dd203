"""The optional "kind" key of the glyph-set JSON format."""

import json

import numpy as np
import pytest

from ae_desktop.data import GlyphSet, GlyphSetError, load_glyph_set, save_glyph_set
from ae_desktop.data.glyph_set import glyph_set_from_dict


def test_curve_kind_round_trips(tmp_path):
    points = np.random.default_rng(0).random((3, 21, 2))
    curves = GlyphSet("c", 2, 21, ["a", "b", "c"], points, kind="curve")
    save_glyph_set(curves, tmp_path / "c.json")
    assert json.loads((tmp_path / "c.json").read_text())["kind"] == "curve"
    loaded = load_glyph_set(tmp_path / "c.json")
    assert loaded.kind == "curve"
    np.testing.assert_allclose(loaded.pixels, points, atol=1e-6)
    assert loaded.copy().kind == "curve"


def test_kind_defaults_to_pixels_when_absent():
    doc = {"name": "t", "width": 2, "height": 1, "glyphs": [{"label": "a", "pixels": [[0, 1]]}]}
    assert glyph_set_from_dict(doc).kind == "pixels"


@pytest.mark.parametrize(
    "kind,width,message",
    [
        ("vector", 2, "'kind' must be one of pixels, curve, got 'vector'"),
        (3, 2, "'kind' must be one of pixels, curve, got 3"),
        ("curve", 3, "a curve set has width 2"),
    ],
)
def test_bad_kind_is_named(kind, width, message):
    doc = {
        "name": "t",
        "width": width,
        "height": 1,
        "kind": kind,
        "glyphs": [{"label": "a", "pixels": [[0] * width]}],
    }
    with pytest.raises(GlyphSetError, match=message):
        glyph_set_from_dict(doc)
