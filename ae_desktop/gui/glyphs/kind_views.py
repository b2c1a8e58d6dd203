"""How each glyph kind (``engine.glyph_kinds``) is drawn: a view per kind, looked up by
the kind object, so widgets ask the kind instead of comparing names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from ae_desktop.engine import CURVE, PIXELS, GlyphKind
from ae_desktop.gui.glyphs.glyph_view import paint_curve, paint_glyph


@dataclass(frozen=True)
class KindView:
    """``paint(painter, rect, values, shape)`` draws one glyph, ``values`` of any shape
    holding height*width numbers; ``square``: drawn in a square whatever its shape."""

    paint: Callable[[QPainter, QRectF, np.ndarray, tuple[int, int]], None]
    square: bool

    def cells(self, shape: tuple[int, int]) -> tuple[int, int]:
        """(height, width) in cells of a glyph of ``shape`` as drawn."""
        return (1, 1) if self.square else shape


def _paint_pixels(painter, rect, values, shape) -> None:
    paint_glyph(painter, rect, np.asarray(values).reshape(shape))


def _paint_curve(painter, rect, values, shape) -> None:
    paint_curve(painter, rect, np.asarray(values).reshape(-1, 2))


VIEWS = {PIXELS: KindView(_paint_pixels, square=False), CURVE: KindView(_paint_curve, square=True)}


def kind_view(kind: GlyphKind) -> KindView:
    return VIEWS[kind]
