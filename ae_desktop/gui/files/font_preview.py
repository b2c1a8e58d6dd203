"""Text typed in an exported font, drawn pixel-exact: the font is loaded into this
application (not installed), set to a pixel size where one glyph pixel is ``scale``
screen pixels, drawn without antialiasing or hinting."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter


class FontLoadError(ValueError):
    """Qt could not load a font file or font data."""


def family_of(font_id: int) -> str:
    """The family name of a font added with ``QFontDatabase.addApplicationFont*``."""
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise FontLoadError("Qt cannot read the font")
    return families[0]


def load_font_data(data: bytes) -> tuple[int, str]:
    """(font id, family) of a TrueType or OpenType font given as bytes; remove it with
    ``QFontDatabase.removeApplicationFont(font_id)``."""
    font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
    return font_id, family_of(font_id)


def pixel_font(family: str, glyph_height: int, scale: int) -> QFont:
    """``family`` at ``glyph_height`` x ``scale`` pixels per em (the export's units per em
    is the glyph height), without antialiasing or hinting."""
    font = QFont(family)
    font.setPixelSize(glyph_height * scale)
    font.setStyleStrategy(QFont.StyleStrategy(QFont.NoAntialias | QFont.NoFontMerging))
    font.setHintingPreference(QFont.PreferNoHinting)
    font.setKerning(False)
    return font


def render_text(
    font: QFont,
    text: str,
    advance: int,
    height: int,
    ink: QColor | Qt.GlobalColor = Qt.black,
    paper: QColor | Qt.GlobalColor = Qt.white,
) -> QImage:
    """``text`` in ``font`` on a ``len(text) * advance`` x ``height`` image, the baseline
    on the bottom edge (exported fonts have no descent)."""
    image = QImage(max(1, len(text) * advance), max(1, height), QImage.Format_RGB32)
    image.fill(paper)
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(ink)
    painter.drawText(0, height, text)
    painter.end()
    return image
