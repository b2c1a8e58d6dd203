"""What the latent tab's glyph strips (samples, interpolation) and Keep share: whether a
model fits the glyph set, a row of clickable glyphs, and keeping a glyph under a label."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QLineEdit, QWidget

from ae_desktop.gui.glyphs.glyph_view import GlyphCanvas


def model_fits(model, matrix: np.ndarray, shape: tuple[int, int]) -> bool:
    """Whether ``model`` (or None) takes the glyphs of a non-empty set of ``shape``."""
    return model is not None and len(matrix) > 0 and model.arch.n_inputs == shape[0] * shape[1]


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
