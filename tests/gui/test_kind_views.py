"""Each glyph kind's view draws as its painter does and sizes its cell."""

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from ae_desktop.engine import CURVE, PIXELS, GlyphKind
from ae_desktop.gui.glyphs.glyph_view import paint_curve, paint_glyph
from ae_desktop.gui.glyphs.kind_views import kind_view


def drawn(paint) -> bytes:
    image = QImage(60, 60, QImage.Format_ARGB32)
    image.fill(Qt.white)
    painter = QPainter(image)
    paint(painter, QRectF(5, 5, 50, 50))
    painter.end()
    return bytes(image.constBits())


def test_each_kind_is_drawn_by_its_painter():
    angles = 2 * np.pi * np.arange(21) / 21
    curve = (np.stack([np.cos(angles), np.sin(angles)], axis=1) * 0.8 + 1) / 2
    glyph = np.random.default_rng(0).random((7, 5))
    by_view = drawn(lambda p, r: kind_view(CURVE).paint(p, r, curve.reshape(-1), (21, 2)))
    assert by_view == drawn(lambda p, r: paint_curve(p, r, curve))
    assert by_view != drawn(lambda p, r: kind_view(PIXELS).paint(p, r, curve, (21, 2)))
    by_view = drawn(lambda p, r: kind_view(PIXELS).paint(p, r, glyph.reshape(-1), (7, 5)))
    assert by_view == drawn(lambda p, r: paint_glyph(p, r, glyph))


def test_curves_are_drawn_in_a_square_and_every_kind_has_a_view():
    assert kind_view(CURVE).cells((21, 2)) == (1, 1)
    assert kind_view(PIXELS).cells((7, 5)) == (7, 5)
    assert all(kind_view(kind) for kind in GlyphKind)
