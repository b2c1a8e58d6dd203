"""Font export: fontTools reads the TTF and OTF back with every character mapped, and a
BDF reader here gets back exactly the glyph bitmaps, for every glyph of the bundled fonts."""

import io
import shutil
import subprocess

import numpy as np
import pytest
from fontTools.pens.areaPen import AreaPen
from fontTools.ttLib import TTFont

from ae_desktop.data import FONT_NAMES, GlyphSet, bundled_font
from ae_desktop.data.font_file import font_bytes, font_format, save_font
from ae_desktop.data.font_glyphs import FontError, family_name, font_glyphs
from ae_desktop.data.font_truetype import UNIT, contours


def read_bdf(payload: bytes) -> dict:
    """{"bbox": (w, h, x, y), "chars": {character: bool bitmap}} of a BDF file."""
    lines = iter(payload.decode("utf-8").splitlines())
    font = {"chars": {}}
    assert next(lines) == "STARTFONT 2.1"
    for line in lines:
        key, _, rest = line.partition(" ")
        if key == "FONTBOUNDINGBOX":
            font["bbox"] = tuple(int(v) for v in rest.split())
        elif key == "CHARS":
            font["count"] = int(rest)
        elif key == "ENCODING":
            char = chr(int(rest))
        elif key == "BBX":
            w, h, _, _ = (int(v) for v in rest.split())
        elif key == "BITMAP":
            rows = [int(next(lines), 16) for _ in range(h)]
            shift = ((w + 7) // 8) * 8
            font["chars"][char] = np.array(
                [[(row >> (shift - 1 - x)) & 1 for x in range(w)] for row in rows], bool
            )
            assert next(lines) == "ENDCHAR"
    return font


@pytest.mark.parametrize("name", FONT_NAMES)
def test_bdf_bitmaps_equal_the_glyphs(name):
    glyphs = font_glyphs(bundled_font(name))
    font = read_bdf(font_bytes(glyphs, ".bdf", name))
    assert font["bbox"] == (5, 7, 0, 0) and font["count"] == len(glyphs.chars) == 32 - (
        name == "font3"
    )
    assert list(font["chars"]) == glyphs.chars
    for char, bitmap in zip(glyphs.chars, glyphs.bitmaps):
        assert np.array_equal(font["chars"][char], bitmap), char


@pytest.mark.skipif(shutil.which("bdftopcf") is None, reason="X11's bdftopcf not installed")
def test_x11_bdftopcf_accepts_the_bdf(tmp_path):
    glyphs = GlyphSet('Q "quoted"-name', 3, 2, ["Ñ", "€"], np.ones((2, 2, 3)))
    save_font(font_glyphs(glyphs), tmp_path / "q.bdf", 'Q "quoted"-name')
    done = subprocess.run(
        ["bdftopcf", "-o", str(tmp_path / "q.pcf"), str(tmp_path / "q.bdf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert (tmp_path / "q.pcf").read_bytes()[:4] == b"\x01fcp"


@pytest.mark.parametrize("suffix", [".ttf", ".otf"])
@pytest.mark.parametrize("name", FONT_NAMES)
def test_outline_fonts_read_back_with_every_character(name, suffix):
    glyphs = font_glyphs(bundled_font(name))
    font = TTFont(io.BytesIO(font_bytes(glyphs, suffix, f"My {name}")))
    cmap = font.getBestCmap()
    assert sorted(cmap) == sorted(ord(ch) for ch in glyphs.chars)
    assert font.getGlyphOrder()[0] == ".notdef"
    assert ("CFF " in font) == (suffix == ".otf") and ("glyf" in font) == (suffix == ".ttf")
    assert font["head"].unitsPerEm == 7 * UNIT
    assert font["hhea"].ascent == 7 * UNIT and font["hhea"].descent == 0
    assert {font["hmtx"][g][0] for g in font.getGlyphOrder()} == {6 * UNIT}
    assert font["name"].getDebugName(1) == f"My {name}"
    glyph_set = font.getGlyphSet()
    for char, bitmap in zip(glyphs.chars, glyphs.bitmaps):  # ink area = lit pixels
        pen = AreaPen(glyph_set)
        glyph_set[cmap[ord(char)]].draw(pen)
        assert abs(pen.value) == bitmap.sum() * UNIT * UNIT, char


def test_contours_merge_adjacent_pixels_and_keep_holes():
    ring = np.ones((3, 3), bool)
    ring[1, 1] = False
    assert contours(ring) == [[(0, 0), (0, 3), (3, 3), (3, 0)], [(1, 1), (2, 1), (2, 2), (1, 2)]]
    assert len(contours(np.array([[1, 0], [0, 1]], bool))) == 2  # touching corners only
    assert contours(np.zeros((2, 2), bool)) == []


def test_grey_is_thresholded_and_long_labels_skipped():
    pixels = np.array([[[0.49, 0.5]], [[1, 1]], [[0.7, 0]], [[0, 0]]])
    glyphs = font_glyphs(GlyphSet("g", 2, 1, ["a", "DEL", "\ud800", "a"], pixels))
    assert glyphs.chars == ["a"] and glyphs.skipped == ["DEL", "\ud800", "a"]
    assert glyphs.bitmaps.tolist() == [[[False, True]]]


def test_reconstructions_replace_the_drawn_pixels():
    glyphs = font_glyphs(bundled_font("font2"), reconstruct=lambda rows: 1 - rows)
    assert np.array_equal(glyphs.bitmaps, bundled_font("font2").pixels < 0.5)


@pytest.mark.parametrize(
    "glyphs",
    [
        GlyphSet("words", 2, 1, ["ab", "DEL"], np.zeros((2, 1, 2))),
        GlyphSet("curves", 2, 3, ["o"], np.zeros((1, 3, 2)), kind="curve"),
    ],
)
def test_sets_that_cannot_become_a_font(glyphs):
    with pytest.raises(FontError, match="no glyph labelled|curves"):
        font_glyphs(glyphs)


def test_bad_names_and_extensions(tmp_path):
    for bad in ["", "   ", "x" * 64, "a\nb"]:
        with pytest.raises(FontError, match="family name"):
            family_name(bad)
    with pytest.raises(FontError, match="unknown font format '.woff'"):
        font_format("a.woff")
    assert font_format("A.TTF") == ".ttf"


def test_save_is_atomic_and_leaves_no_temporary(tmp_path, monkeypatch):
    glyphs = font_glyphs(bundled_font("font1"))
    path = tmp_path / "f.otf"
    path.write_bytes(b"old")
    monkeypatch.setattr("ae_desktop.safe_io.atomic.os.replace", _fail)
    with pytest.raises(OSError):
        save_font(glyphs, path, "F")
    assert path.read_bytes() == b"old" and sorted(tmp_path.iterdir()) == [path]
    monkeypatch.undo()
    save_font(glyphs, path, "F")
    assert path.read_bytes()[:4] == b"OTTO"


def _fail(*args):
    raise OSError(28, "No space left on device")
