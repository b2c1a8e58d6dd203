"""Undoable edits of the glyph set (add, delete, relabel) as QUndoCommands on a
GlyphDocument, named for the Edit menu ("Undo glyph edit add glyph 'a'"); ``select`` shows the glyph an edit touched (index, -1 for none)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ae_desktop.gui.glyphs.glyph_document import GlyphDocument

Select = Callable[[int], None]


class AddGlyph(QUndoCommand):
    """Append a glyph (height, width) labelled ``label``."""

    def __init__(self, document: GlyphDocument, select: Select, label: str, pixels: np.ndarray):
        super().__init__(
            QCoreApplication.translate("GlyphSetEdits", "add glyph {0}").format(repr(label))
        )
        self._document, self._select = document, select
        self._label, self._pixels = label, np.array(pixels)
        self._index = -1

    def redo(self) -> None:
        self._index = self._document.add(self._label, self._pixels)
        self._select(self._index)

    def undo(self) -> None:
        self._document.remove(self._index)
        self._select(self._index - 1)


class DeleteGlyph(QUndoCommand):
    """Delete glyph ``index``; undo puts it back where it was."""

    def __init__(self, document: GlyphDocument, select: Select, index: int):
        super().__init__(
            QCoreApplication.translate("GlyphSetEdits", "delete glyph {0}").format(
                repr(document.glyphs.labels[index])
            )
        )
        self._document, self._select, self._index = document, select, index
        self._label = document.glyphs.labels[index]
        self._pixels = document.glyphs.pixels[index].copy()

    def redo(self) -> None:
        self._document.remove(self._index)
        self._select(min(self._index, len(self._document.glyphs) - 1))

    def undo(self) -> None:
        self._select(self._document.insert(self._index, self._label, self._pixels))


class RelabelGlyph(QUndoCommand):
    """Give glyph ``index`` the label ``label``."""

    def __init__(self, document: GlyphDocument, select: Select, index: int, label: str):
        self._old = document.glyphs.labels[index]
        super().__init__(
            QCoreApplication.translate("GlyphSetEdits", "relabel {0} as {1}").format(
                repr(self._old), repr(label)
            )
        )
        self._document, self._select = document, select
        self._index, self._label = index, label

    def redo(self) -> None:
        self._document.relabel(self._index, self._label)
        self._select(self._index)

    def undo(self) -> None:
        self._document.relabel(self._index, self._old)
        self._select(self._index)


class RedrawGlyph(QUndoCommand):
    """Store the drawing ``pixels`` (height, width) in glyph ``index``."""

    def __init__(self, document: GlyphDocument, select: Select, index: int, pixels: np.ndarray):
        super().__init__(
            QCoreApplication.translate("GlyphSetEdits", "redraw glyph {0}").format(
                repr(document.glyphs.labels[index])
            )
        )
        self._document, self._select, self._index = document, select, index
        self._before = document.glyphs.pixels[index].copy()
        self._after = np.array(pixels)

    def redo(self) -> None:
        self._document.redraw(self._index, self._after)
        self._select(self._index)

    def undo(self) -> None:
        self._document.redraw(self._index, self._before)
        self._select(self._index)
