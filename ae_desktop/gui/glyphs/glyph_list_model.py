"""The glyph set as a Qt list model: one row per glyph, reconstructions computed lazily."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QBrush, QColor, QImage

from ae_desktop.data import GlyphSet
from ae_desktop.engine import CURVE, PIXEL_THRESHOLD
from ae_desktop.gui.glyphs.glyph_view import glyph_image

BLOCK = 64  # rows reconstructed together, when a view first asks for one of them
KEPT_IMAGES = 4096  # glyph images kept for repainting (a screenful is a few hundred)
HELD_OUT = QBrush(QColor(255, 243, 214))

# roles as plain ints: Qt passes ints, and comparing an int with a Qt enum costs ~3 us
DISPLAY, TOOL_TIP, BACKGROUND = (
    Qt.DisplayRole.value,
    Qt.ToolTipRole.value,
    Qt.BackgroundRole.value,
)

Reconstructor = Callable[[np.ndarray], np.ndarray]  # (k, height*width) -> same shape


class GlyphListModel(QStringListModel):
    """Rows are the glyphs of a GlyphSet (pixels (n, height, width)).

    The rows are a QStringListModel's (the labels at the last change of count): its
    row count and indexes stay in C++, where a view's layout asks for every row, which
    from Python costs ~0.2 s for 60,000 rows; ``data`` serves the set's current labels.

    With a reconstructor (a model's ``reconstruct``), rows also have an output and its
    wrong pixels; they are computed in blocks of BLOCK rows only when a view asks for
    one of them (painting visible rows), so a training tick costs the visible rows, not
    the whole set.
    """

    def __init__(self, glyphs: GlyphSet, parent=None):
        super().__init__(list(glyphs.labels), parent)
        self.glyphs = glyphs
        self._reconstruct: Reconstructor | None = None
        self._outputs: dict[int, tuple] = {}  # block number -> see _block
        self._images: dict[int, QImage] = {}
        self._training = np.ones(len(glyphs), dtype=bool)

    def data(self, index, role=DISPLAY):
        row = index.row()
        if not index.isValid() or row >= len(self.glyphs):
            return None
        label = self.glyphs.labels[row]
        if role == DISPLAY:
            block = self._block(row)
            if block is None or self.glyphs.kind is CURVE:  # no pixels to get wrong
                return label
            return f"{label}  ·  {block[2][row % BLOCK]}"
        if role == TOOL_TIP:
            if self._training[row]:
                return repr(label)
            return self.tr("{0} (held out of training)").format(repr(label))
        if role == BACKGROUND and not self._training[row]:
            return HELD_OUT
        return None

    def set_glyphs(self, glyphs: GlyphSet) -> None:
        """Show ``glyphs``: rows are added or removed with a reset, else just repainted."""
        resized = glyphs.pixels.shape[1:] != self.glyphs.pixels.shape[1:]
        count_changed = len(glyphs) != len(self.glyphs)
        self.glyphs = glyphs
        if count_changed:
            self.setStringList(list(glyphs.labels))  # a reset
        if len(self._training) != len(glyphs):
            self._training = np.ones(len(glyphs), dtype=bool)
        if resized:
            self._reconstruct = None
        self._images.clear()
        self._changed()

    def set_reconstructor(self, reconstruct: Reconstructor | None) -> None:
        """Rows show ``reconstruct``'s outputs (computed when painted), or none."""
        self._reconstruct = reconstruct
        self._changed()

    def showing_outputs(self) -> bool:
        return self._reconstruct is not None

    def set_training_mask(self, training: np.ndarray | None) -> None:
        """(n,) bool: glyphs the model trains on, the others are held out; None: all."""
        n = len(self.glyphs)
        self._training = (
            np.ones(n, dtype=bool) if training is None else np.asarray(training, dtype=bool)
        )
        self._changed()

    def glyph_image(self, row: int) -> QImage:
        """Glyph ``row`` as a one-texel-per-pixel image, kept: it does not change while
        a model trains."""
        if row not in self._images:
            if len(self._images) >= KEPT_IMAGES:
                self._images.clear()
            self._images[row] = glyph_image(self.glyphs.pixels[row])
        return self._images[row]

    def output(self, row: int) -> np.ndarray | None:
        """The reconstruction (height, width) of ``row``, or None without reconstructor."""
        block = self._block(row)
        return None if block is None else block[0][row % BLOCK]

    def wrong(self, row: int) -> np.ndarray | None:
        """(height, width) bool: pixels the output gets wrong at PIXEL_THRESHOLD."""
        block = self._block(row)
        return None if block is None else block[1][row % BLOCK]

    def _block(self, row: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(outputs, wrong pixels, wrong counts) of the BLOCK rows around ``row``."""
        if self._reconstruct is None:
            return None
        key = row // BLOCK
        if key not in self._outputs:
            rows = self.glyphs.pixels[key * BLOCK : (key + 1) * BLOCK]
            outputs = np.asarray(self._reconstruct(rows.reshape(len(rows), -1)))
            outputs = outputs.reshape(rows.shape)
            wrong = (outputs >= PIXEL_THRESHOLD) != (rows >= PIXEL_THRESHOLD)
            self._outputs[key] = outputs, wrong, wrong.sum(axis=(1, 2))
        return self._outputs[key]

    def _changed(self) -> None:
        self._outputs.clear()
        if len(self.glyphs):
            # a view repaints what it shows; nothing is computed for rows out of sight
            self.dataChanged.emit(self.index(0), self.index(len(self.glyphs) - 1))
