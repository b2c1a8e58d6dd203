"""What the latent tab's glyph strips (samples, interpolation) and Keep share: the model
and glyph set a strip decodes for, a row of clickable glyphs, keeping a glyph by label."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QLineEdit, QWidget

from ae_desktop.engine import PIXELS
from ae_desktop.gui.glyphs.glyph_view import GlyphCanvas


class StripPanel(QWidget):
    """Base of the panels that decode glyphs of a model into a strip: the model, the glyph
    set (matrix, shape, kind), and the codes and images shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = None
        self._matrix = np.zeros((0, 0))
        self._shape = (7, 5)
        self._kind = PIXELS
        self.codes: np.ndarray | None = None
        self.images: np.ndarray | None = None  # (glyphs, height, width)

    def _model_fits(self) -> bool:
        """Whether there is a model, and it takes the glyphs of a non-empty set."""
        m, (height, width) = self._model, self._shape
        return m is not None and len(self._matrix) > 0 and m.arch.n_inputs == height * width


def empty_strip(strip: QLayout) -> None:
    """Remove (and delete) the glyphs of ``strip``."""
    while strip.count():
        strip.takeAt(0).widget().deleteLater()


def fill_strip(parent: QWidget, strip: QLayout, n: int, on_click: Callable[[int], None]) -> bool:
    """Give ``strip`` ``n`` glyphs, a click on glyph i calling ``on_click(i)``; those there
    are kept when they are ``n`` already (reused while training). True if made anew."""
    if strip.count() == n:
        return False
    empty_strip(strip)
    for i in range(n):
        canvas = GlyphCanvas(parent, min_cell=4)
        canvas.setCursor(Qt.PointingHandCursor)
        canvas.clicked.connect(lambda i=i: on_click(i))
        strip.addWidget(canvas)
    return True


def keep_glyph(edit: QLineEdit, hint: str, emit: Callable[[str], None]) -> None:
    """``emit(label)`` with the label typed in ``edit``, then clear it; with none typed,
    ask for one with the placeholder ``hint`` instead."""
    label = edit.text().strip()
    if not label:
        edit.setPlaceholderText(hint)
        edit.setFocus()
        return
    emit(label)
    edit.clear()
