"""Draws docs/img/font_sentence.png: a sentence typed in font3 as drawn, and in a font
synthesized on the latent plane of a model trained on it (each letter decoded from a
point 30% of the way from its own code to its nearest neighbour's).

    ae-desktop train --dataset font3 --seed 0 --quiet --save model.npz
    QT_QPA_PLATFORM=offscreen python tools/font_sentence.py model.npz
"""

import string
import sys
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage, QPainter

from ae_desktop.data import GlyphSet, bundled_font
from ae_desktop.data.font_file import font_bytes
from ae_desktop.data.font_glyphs import font_glyphs
from ae_desktop.engine import load_model
from ae_desktop.gui.files.font_preview import load_font_data, pixel_font, render_text

OUT = Path(__file__).parents[1] / "docs" / "img" / "font_sentence.png"

SENTENCE = "the quick brown fox jumps over the lazy dog"
SCALE, MARGIN, CAPTION = 4, 16, 26
STEP = 0.3


def synthesized(model, drawn: GlyphSet) -> GlyphSet:
    """a..z decoded from latent points between each letter and its nearest neighbour."""
    letters = [drawn.index_of(ch) for ch in string.ascii_lowercase]
    codes = model.encode(drawn.matrix()[letters])
    distance = np.linalg.norm(codes[:, None] - codes[None], axis=2)
    np.fill_diagonal(distance, np.inf)
    points = codes + STEP * (codes[distance.argmin(axis=1)] - codes)
    pixels = model.decode(points).reshape(len(letters), drawn.height, drawn.width)
    return with_space(GlyphSet("latent letters", 5, 7, list(string.ascii_lowercase), pixels))


def with_space(glyphs: GlyphSet) -> GlyphSet:
    """``glyphs`` and a blank glyph for the space between words."""
    blank = np.zeros((1, glyphs.height, glyphs.width))
    return GlyphSet(
        glyphs.name,
        glyphs.width,
        glyphs.height,
        [*glyphs.labels, " "],
        np.vstack([glyphs.pixels, blank]),
    )


def main(model_path: str) -> None:
    app = QGuiApplication([])  # noqa: F841 - fonts and painting need it
    model, _ = load_model(model_path)
    drawn = bundled_font("font3")
    lines = [
        ("font3 as drawn", with_space(drawn)),
        ("synthesized on the latent plane", synthesized(model, drawn)),
    ]
    advance, height = 6 * SCALE, 7 * SCALE
    width = 2 * MARGIN + len(SENTENCE) * advance
    image = QImage(width, MARGIN + len(lines) * (CAPTION + height + MARGIN), QImage.Format_RGB32)
    image.fill(Qt.white)
    painter = QPainter(image)
    caption_font = QFont()
    caption_font.setPixelSize(14)
    y = MARGIN
    for caption, glyphs in lines:
        font_id, family = load_font_data(font_bytes(font_glyphs(glyphs), ".ttf", caption))
        painter.setFont(caption_font)
        painter.setPen(Qt.darkGray)
        painter.drawText(MARGIN, y + 16, caption)
        text = render_text(pixel_font(family, 7, SCALE), SENTENCE, advance, height)
        painter.drawImage(MARGIN, y + CAPTION, text)
        QFontDatabase.removeApplicationFont(font_id)
        y += CAPTION + height + MARGIN
    painter.end()
    image.save(str(OUT))


if __name__ == "__main__":
    main(sys.argv[1])
