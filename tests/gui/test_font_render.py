"""Exported TrueType and OpenType fonts, loaded by Qt and typed at a size where one glyph
pixel is a whole number of screen pixels, draw exactly the glyph bitmaps: every glyph of
font1, font2 and font3, each followed by its one-pixel gap."""

import numpy as np
import pytest
from PySide6.QtGui import QFontDatabase, QImage

from ae_desktop.data import FONT_NAMES, bundled_font
from ae_desktop.data.font_file import save_font
from ae_desktop.data.font_glyphs import font_glyphs
from ae_desktop.gui.files.font_preview import family_of, pixel_font, render_text


def ink(image: QImage) -> np.ndarray:
    """True where ``image`` (RGB32) is dark."""
    w, h = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())
    return rows[:, : 4 * w].reshape(h, w, 4)[..., :3].mean(axis=2) < 128


@pytest.mark.parametrize("scale", [1, 3])
@pytest.mark.parametrize("suffix", [".ttf", ".otf"])
@pytest.mark.parametrize("name", FONT_NAMES)
def test_rendered_text_equals_the_glyph_bitmaps(tmp_path, name, suffix, scale):
    glyphs = font_glyphs(bundled_font(name))
    path = tmp_path / f"{name}{suffix}"
    save_font(glyphs, path, f"Render test {name} {suffix} {scale}")
    font_id = QFontDatabase.addApplicationFont(str(path))
    try:
        family = family_of(font_id)
        assert family == f"Render test {name} {suffix} {scale}"
        h, w = glyphs.height, glyphs.width
        advance = (w + 1) * scale
        image = render_text(pixel_font(family, h, scale), "".join(glyphs.chars), advance, h * scale)
        drawn = ink(image)
        for i, (char, bitmap) in enumerate(zip(glyphs.chars, glyphs.bitmaps)):
            cell = drawn[:, i * advance : (i + 1) * advance]
            expected = np.zeros((h, w + 1), bool)
            expected[:, :w] = bitmap
            assert np.array_equal(cell, np.kron(expected, np.ones((scale, scale), bool))), char
    finally:
        QFontDatabase.removeApplicationFont(font_id)
