"""What the pixel and curve editors share: a glyph array with a clean reference, edited
only through undoable commands."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget


class EditCommand(QUndoCommand):
    """Replace the editor's values (height, width) and its clean reference.

    The clean reference is what errors are measured against: noise keeps the previous
    reference, any other edit makes the new drawing the reference.
    """

    def __init__(
        self,
        editor: EditableGlyph,
        text: str,
        before,
        after,
        clean_before,
        clean_after,
        applied: bool = False,
    ):
        super().__init__(text)
        self._editor = editor
        self._before, self._after = before.copy(), after.copy()
        self._clean_before, self._clean_after = clean_before.copy(), clean_after.copy()
        self._applied = applied  # a stroke is already on screen when it is pushed

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._editor._apply(self._after, self._clean_after)

    def undo(self) -> None:
        self._editor._apply(self._before, self._clean_before)


class EditableGlyph(QWidget):
    """A widget editing a (height, width) array of values in [0, 1] with undo."""

    pixels_changed = Signal(object)  # (height, width) float64 array

    def __init__(self, width: int, height: int, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._pixels = np.zeros((height, width))
        self._clean = self._pixels.copy()

    def pixels(self) -> np.ndarray:
        """Current glyph, a (height, width) float64 copy."""
        return self._pixels.copy()

    def clean_pixels(self) -> np.ndarray:
        """The glyph before any noise was added, (height, width)."""
        return self._clean.copy()

    def load(self, pixels: np.ndarray) -> None:
        """Show ``pixels`` (height, width), e.g. the glyph selected. A drawing edited since
        the last load is never thrown away: the load is then an undoable step (Ctrl+Z
        brings the drawing back); otherwise, or for another size, the history starts over."""
        pixels = np.array(pixels, dtype=np.float64)
        if pixels.shape != self._pixels.shape or self.undo_stack.isClean():
            self.undo_stack.clear()
            self._apply(pixels, pixels)
            self.updateGeometry()
        elif not np.array_equal(pixels, self._pixels):
            self.undo_stack.push(
                EditCommand(
                    self,
                    QCoreApplication.translate("EditableGlyph", "show another glyph"),
                    self._pixels,
                    pixels,
                    self._clean,
                    pixels,
                )
            )
        self.undo_stack.setClean()

    def edit(self, pixels: np.ndarray, text: str, noise: bool = False) -> None:
        """Replace the glyph with ``pixels`` (height, width) as one undoable step."""
        pixels = np.clip(np.array(pixels, dtype=np.float64), 0.0, 1.0)
        clean_after = self._clean if noise else pixels
        self.undo_stack.push(
            EditCommand(self, text, self._pixels, pixels, self._clean, clean_after)
        )

    def _push_applied(self, before: np.ndarray, text: str) -> None:
        """Record a drag already shown on screen (started from ``before``) as one step."""
        if not np.array_equal(before, self._pixels):
            self.undo_stack.push(
                EditCommand(
                    self, text, before, self._pixels, self._clean, self._pixels, applied=True
                )
            )
            self._clean = self._pixels.copy()

    def _apply(self, pixels: np.ndarray, clean: np.ndarray) -> None:
        self._pixels = pixels.copy()
        self._clean = clean.copy()
        self.update()
        self.pixels_changed.emit(self.pixels())
