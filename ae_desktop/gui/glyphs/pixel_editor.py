"""The pixel editor: paint a glyph with mouse or keyboard; every edit is undoable."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy

from ae_desktop.gui.glyphs.glyph_edits import EditableGlyph
from ae_desktop.gui.glyphs.glyph_view import paint_glyph

CURSOR = QColor(38, 139, 210)


class PixelEditor(EditableGlyph):
    """A (height, width) grid of pixels in [0, 1].

    Left click/drag paints, right click/drag or shift+drag erases; arrows move the
    keyboard cursor and space toggles the pixel under it.
    """

    def __init__(self, width: int = 5, height: int = 7, parent=None):
        super().__init__(width, height, parent)
        self._stroke_before: np.ndarray | None = None
        self._stroke_value = 1.0
        self._cursor = QPoint(0, 0)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setToolTip(self.tr("Left: paint · Right or Shift: erase · Arrows + Space: keyboard"))

    # -- state -------------------------------------------------------------------------
    def cursor_cell(self) -> tuple[int, int]:
        """(row, column) of the keyboard cursor."""
        return self._cursor.y(), self._cursor.x()

    def load(self, pixels: np.ndarray) -> None:
        """See EditableGlyph.load; a glyph of another size resets the cursor."""
        if np.shape(pixels) != self._pixels.shape:
            self._cursor = QPoint(0, 0)
        super().load(pixels)

    def clear(self) -> None:
        self.edit(np.zeros_like(self._pixels), self.tr("Clear"))

    def invert(self) -> None:
        self.edit(1.0 - self._pixels, self.tr("Invert"))

    def shift(self, d_row: int, d_col: int) -> None:
        """Move the drawing by whole pixels; what leaves the grid is lost."""
        height, width = self._pixels.shape
        out = np.zeros_like(self._pixels)
        rows_src = slice(max(0, -d_row), min(height, height - d_row))
        rows_dst = slice(max(0, d_row), min(height, height + d_row))
        cols_src = slice(max(0, -d_col), min(width, width - d_col))
        cols_dst = slice(max(0, d_col), min(width, width + d_col))
        out[rows_dst, cols_dst] = self._pixels[rows_src, cols_src]
        self.edit(out, self.tr("Shift"))

    def add_noise(self, count: int, rng: np.random.Generator) -> None:
        """Flip ``count`` distinct pixels chosen by ``rng`` (binary: 1 - value)."""
        flat = self._pixels.ravel().copy()
        count = min(int(count), flat.size)
        picked = rng.choice(flat.size, size=count, replace=False)
        flat[picked] = 1.0 - np.round(flat[picked])
        text = self.tr("Add noise ({0} px)").format(count)
        self.edit(flat.reshape(self._pixels.shape), text, noise=True)

    # -- geometry ----------------------------------------------------------------------
    def _cell_size(self) -> float:
        height, width = self._pixels.shape
        return max(1.0, min(self.width() / width, self.height() / height))

    def _grid_rect(self) -> QRectF:
        height, width = self._pixels.shape
        cell = self._cell_size()
        return QRectF(
            (self.width() - cell * width) / 2,
            (self.height() - cell * height) / 2,
            cell * width,
            cell * height,
        )

    def cell_center(self, row: int, col: int) -> QPoint:
        """Widget coordinates of the centre of cell (row, col), for tests and tools."""
        rect, cell = self._grid_rect(), self._cell_size()
        return QPoint(int(rect.x() + (col + 0.5) * cell), int(rect.y() + (row + 0.5) * cell))

    def _cell_at(self, pos) -> tuple[int, int] | None:
        rect, cell = self._grid_rect(), self._cell_size()
        col = int((pos.x() - rect.x()) // cell)
        row = int((pos.y() - rect.y()) // cell)
        height, width = self._pixels.shape
        return (row, col) if 0 <= row < height and 0 <= col < width else None

    def sizeHint(self) -> QSize:
        return self._size_for(cell=40, side=400)

    def minimumSizeHint(self) -> QSize:
        return self._size_for(cell=16, side=160)

    def _size_for(self, cell: int, side: int) -> QSize:
        """``cell`` pixels per glyph pixel, less for big glyphs: the longer side near
        ``side`` pixels (4 per glyph pixel at least)."""
        height, width = self._pixels.shape
        cell = min(cell, max(4, side // max(width, height)))
        return QSize(width * cell, height * cell)

    # -- mouse -------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        erase = event.button() == Qt.RightButton or event.modifiers() & Qt.ShiftModifier
        if event.button() not in (Qt.LeftButton, Qt.RightButton):
            return super().mousePressEvent(event)
        self._stroke_before = self._pixels.copy()
        self._stroke_value = 0.0 if erase else 1.0
        self._paint_at(event.position())

    def mouseMoveEvent(self, event) -> None:
        if self._stroke_before is not None:
            self._paint_at(event.position())

    def mouseReleaseEvent(self, event) -> None:
        if self._stroke_before is None:
            return
        before, self._stroke_before = self._stroke_before, None
        self._push_applied(
            before, self.tr("Erase") if self._stroke_value == 0.0 else self.tr("Paint")
        )

    def _paint_at(self, pos) -> None:
        cell = self._cell_at(pos)
        if cell is None:
            return
        self._cursor = QPoint(cell[1], cell[0])
        if self._pixels[cell] != self._stroke_value:
            self._pixels[cell] = self._stroke_value
            self.update()
            self.pixels_changed.emit(self.pixels())
        else:
            self.update()

    # -- keyboard ----------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        moves = {
            Qt.Key_Left: (0, -1),
            Qt.Key_Right: (0, 1),
            Qt.Key_Up: (-1, 0),
            Qt.Key_Down: (1, 0),
        }
        height, width = self._pixels.shape
        if event.key() in moves:
            d_row, d_col = moves[event.key()]
            self._cursor = QPoint(
                min(max(self._cursor.x() + d_col, 0), width - 1),
                min(max(self._cursor.y() + d_row, 0), height - 1),
            )
            self.update()
        elif event.key() == Qt.Key_Space:
            row, col = self.cursor_cell()
            pixels = self._pixels.copy()
            pixels[row, col] = 0.0 if pixels[row, col] >= 0.5 else 1.0
            self.edit(pixels, self.tr("Toggle pixel"))
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing, False)
        rect = self._grid_rect()
        paint_glyph(painter, rect, self._pixels, grid=self._cell_size() >= 6)
        if self.hasFocus():
            cell = self._cell_size()
            pen = QPen(CURSOR, max(2.0, cell * 0.08))
            painter.setPen(pen)
            painter.setBrush(Qt.NoBrush)
            inset = pen.widthF() / 2
            painter.drawRect(
                QRectF(
                    rect.x() + self._cursor.x() * cell + inset,
                    rect.y() + self._cursor.y() * cell + inset,
                    cell - 2 * inset,
                    cell - 2 * inset,
                )
            )
