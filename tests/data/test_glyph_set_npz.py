"""Glyph-set archives (the autosave of big sets): round trip, and every damaged or foreign
archive is a GlyphSetError, never another exception or a huge allocation."""

import io

import numpy as np
import pytest

from ae_desktop.data import GlyphSet, GlyphSetError, bundled_font
from ae_desktop.data.circles import circles
from ae_desktop.data.glyph_set_npz import load_glyph_set_npz, save_glyph_set_npz


@pytest.mark.parametrize(
    "glyphs",
    [
        bundled_font("font2"),
        GlyphSet(
            "grey",
            28,
            28,
            ["7", "1"],
            np.random.default_rng(0).random((2, 28, 28), dtype=np.float32),
        ),
        GlyphSet("empty", 8, 8),
        circles(),
    ],
    ids=["font", "float32", "empty", "curves"],
)
def test_round_trip_keeps_everything(tmp_path, glyphs):
    save_glyph_set_npz(glyphs, tmp_path / "g.npz")
    loaded = load_glyph_set_npz(tmp_path / "g.npz")
    assert (loaded.name, loaded.width, loaded.height, loaded.kind, loaded.labels) == (
        glyphs.name,
        glyphs.width,
        glyphs.height,
        glyphs.kind,
        glyphs.labels,
    )
    assert loaded.pixels.dtype == glyphs.pixels.dtype
    np.testing.assert_array_equal(loaded.pixels, glyphs.pixels)


def archive(tmp_path, **arrays):
    buffer = io.BytesIO()
    np.savez(
        buffer,
        **{
            "name": np.array("x"),
            "kind": np.array("pixels"),
            "labels": np.array(["a"]),
            "pixels": np.zeros((1, 7, 5)),
            **arrays,
        },
    )
    path = tmp_path / "bad.npz"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    "arrays, message",
    [
        ({"pixels": np.full((1, 7, 5), 2.0)}, "outside 0..1"),
        ({"pixels": np.full((1, 7, 5), np.nan)}, "outside 0..1"),
        ({"pixels": np.zeros((1, 35))}, "3-D float"),
        ({"pixels": np.zeros((1, 7, 5), dtype=np.int64)}, "3-D float"),
        ({"labels": np.array(["a", "b"])}, "2 labels for 1 glyphs"),
        ({"labels": np.array([1])}, "labels must be text"),
        ({"kind": np.array("dots")}, "'kind' must be one of"),
        ({"pixels": np.zeros((1, 70, 5))}, "'height' must be an integer from 1 to 64"),
    ],
    ids=["range", "nan", "2-D", "ints", "labels", "label type", "kind", "size"],
)
def test_bad_contents_are_named(tmp_path, arrays, message):
    with pytest.raises(GlyphSetError, match=message):
        load_glyph_set_npz(archive(tmp_path, **arrays))


def test_damaged_archives_are_glyph_set_errors(tmp_path, mutations, fuzz_rounds):
    save_glyph_set_npz(bundled_font("font1"), tmp_path / "good.npz")
    payload = (tmp_path / "good.npz").read_bytes()
    target = tmp_path / "mutant.npz"
    rejected = 0
    for mutant in mutations(payload, np.random.default_rng(5)):
        target.write_bytes(mutant)
        try:
            glyphs = load_glyph_set_npz(target)
        except GlyphSetError as exc:
            assert str(exc)
            rejected += 1
        else:
            assert np.all((glyphs.pixels >= 0) & (glyphs.pixels <= 1))
    assert rejected > fuzz_rounds // 2
    with pytest.raises(GlyphSetError, match="missing"):
        np.savez(tmp_path / "foreign.npz", weights=np.zeros(3))
        load_glyph_set_npz(tmp_path / "foreign.npz")
