"""The layers painted with QPainter under a colour key, one row each: a title with the
layer's size, activation and value range, then its units as cells coloured by value
(wrapped into lines when a layer is wide), or the glyph for the input and output.
Hovering or clicking a unit reports it."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QLinearGradient, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ae_desktop.engine import PIXELS, GlyphKind
from ae_desktop.gui.glyphs.glyph_view import paint_grid
from ae_desktop.gui.glyphs.kind_views import kind_view
from ae_desktop.gui.network.layer_rows import LUT, LayerRow, value_colours

TITLE_W, KEY_H, MARGIN, GAP = 100, 30, 6, 8
MIN_CELL, MAX_CELL, GLYPH_H = 7.0, 22.0, 84.0
HIGHLIGHT = QPen(Qt.black, 2)


def colour_image(argb: np.ndarray) -> QImage:
    """A QImage (width x height) of the uint32 ARGB array (height, width), copied."""
    argb = np.ascontiguousarray(argb, dtype=np.uint32)
    height, width = argb.shape
    return QImage(argb.data, width, height, 4 * width, QImage.Format_RGB32).copy()


def paint_key(painter: QPainter, rect: QRectF, low: str, high: str) -> None:
    """A colour key in ``rect``: the map's gradient, ``low`` under its left end, 0 under
    its middle and ``high`` under its right end."""
    bar = QRectF(rect.left(), rect.top() + 2, rect.width(), 8)
    gradient = QLinearGradient(bar.topLeft(), bar.topRight())
    for stop in range(0, 256, 16):
        gradient.setColorAt(stop / 255, int(LUT[stop]))
    gradient.setColorAt(1.0, int(LUT[255]))
    painter.fillRect(bar, gradient)
    text = QRectF(rect.left(), bar.bottom() + 1, rect.width(), painter.fontMetrics().height())
    for words, align in ((low, Qt.AlignLeft), ("0", Qt.AlignHCenter), (high, Qt.AlignRight)):
        painter.drawText(text, align, words)


class LayerCanvas(QWidget):
    """Paints LayerRows; ``unit_hovered(row, unit)`` follows the mouse over units (-1, -1
    off them), ``unit_clicked(row, unit)`` a click on one."""

    unit_hovered = Signal(int, int)
    unit_clicked = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[LayerRow] = []
        self._shape = (7, 5)
        self._kind = PIXELS
        self._boxes: list[tuple[QRectF, float, int]] = []  # cells' rect, cell size, columns
        self._marked = (-1, -1)
        self._cache: tuple[tuple, QPixmap] | None = None  # (what it shows, the overlay)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)

    def set_rows(self, rows: list[LayerRow], shape: tuple[int, int], kind: GlyphKind) -> None:
        """Show ``rows`` for glyphs of ``shape`` (height, width) and ``kind``."""
        self._rows, self._shape, self._kind = rows, shape, kind
        self._layout()
        self.update()

    def rows(self) -> list[LayerRow]:
        return list(self._rows)

    def mark(self, row: int, unit: int) -> None:
        """Outline unit ``unit`` of row ``row`` (-1: none)."""
        self._marked = (row, unit)
        self.update()

    def unit_center(self, row: int, unit: int) -> QPoint:
        rect, cell, cols = self._boxes[row]
        x = rect.left() + (unit % cols + 0.5) * cell
        y = rect.top() + (unit // cols + 0.5) * cell
        return QPoint(round(x), round(y))

    def _glyph_rect(self, top: float, area: float) -> QRectF:
        height, width = kind_view(self._kind).cells(self._shape)
        scale = min(area / width, GLYPH_H / height)
        return QRectF(TITLE_W + MARGIN, top, width * scale, height * scale)

    def _layout(self) -> None:
        """Place every row for the current width; the height follows."""
        area = max(4 * MIN_CELL, self.width() - TITLE_W - 2 * MARGIN)
        top, self._boxes = float(MARGIN + KEY_H), []
        text_h = 2 * self.fontMetrics().height()
        for row in self._rows:
            if row.glyph:
                rect, cell, cols = self._glyph_rect(top, area), 0.0, 1
            else:
                n = row.values.size
                cell = min(MAX_CELL, max(MIN_CELL, area / n))
                cols = max(1, min(n, int(area // cell)))
                lines = math.ceil(n / cols)
                rect = QRectF(TITLE_W + MARGIN, top, cols * cell, lines * cell)
            self._boxes.append((rect, cell, cols))
            top += max(rect.height(), text_h) + GAP
        self.setMinimumHeight(round(top))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._layout()
        super().resizeEvent(event)

    def _unit_at(self, pos: QPointF) -> tuple[int, int]:
        for index, (row, (rect, cell, cols)) in enumerate(zip(self._rows, self._boxes)):
            if row.glyph or not rect.contains(pos):
                continue
            unit = int((pos.y() - rect.top()) // cell) * cols + int((pos.x() - rect.left()) // cell)
            if 0 <= unit < row.values.size:
                return index, unit
        return -1, -1

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.unit_hovered.emit(*self._unit_at(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.unit_hovered.emit(-1, -1)
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.LeftButton:
            self.unit_clicked.emit(*self._unit_at(event.position()))
        super().mousePressEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        """The values (cells and glyphs), then the cached text, key and grid over them."""
        painter = QPainter(self)
        background = self.palette().window().color().rgba()
        for row, (rect, _cell, cols) in zip(self._rows, self._boxes):
            if row.glyph:
                self._paint_glyph(painter, rect, row.values)
                continue
            n = row.values.size
            argb = np.full(math.ceil(n / cols) * cols, background, np.uint32)
            argb[:n] = value_colours(row.values, row.lo, row.hi)
            painter.drawImage(rect, colour_image(argb.reshape(-1, cols)))
        painter.drawPixmap(0, 0, self._overlay())
        row, unit = self._marked
        if 0 <= row < len(self._rows) and 0 <= unit < self._rows[row].values.size:
            cell = self._boxes[row][1]
            painter.setPen(HIGHLIGHT)
            painter.setBrush(Qt.NoBrush)
            center = self.unit_center(row, unit)
            painter.drawRect(QRectF(center.x() - cell / 2, center.y() - cell / 2, cell, cell))

    def _overlay(self) -> QPixmap:
        """What changes only with the layers' sizes and ranges or the widget's size (the
        titles, the colour key, the lines between cells), drawn once on a clear pixmap."""
        key = (
            self.size(),
            self.devicePixelRatioF(),
            [(r.title, r.detail, r.values.size, r.lo, r.hi) for r in self._rows],
        )
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        pixmap = QPixmap(self.size() * self.devicePixelRatioF())
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        palette = self.palette()
        text, quiet = palette.windowText().color(), palette.placeholderText().color()
        line = painter.fontMetrics().height()
        if self._rows:
            painter.setPen(text)
            painter.drawText(QRectF(MARGIN, MARGIN, TITLE_W, line), self.tr("Colour key"))
            bar = QRectF(TITLE_W + MARGIN, MARGIN, self.width() - TITLE_W - 2 * MARGIN, KEY_H)
            paint_key(painter, bar, self.tr("−range"), self.tr("+range"))
        for row, (rect, cell, cols) in zip(self._rows, self._boxes):
            n = row.values.size
            painter.setPen(text)
            painter.drawText(QRectF(MARGIN, rect.top(), TITLE_W, line), f"{row.title} · {n}")
            painter.setPen(quiet)
            detail = row.detail if row.glyph else f"{row.detail} {row.lo:g}…{row.hi:g}"
            painter.drawText(QRectF(MARGIN, rect.top() + line, TITLE_W, line), detail)
            if not row.glyph and cell >= 10:  # neighbouring units of one colour part
                paint_grid(painter, rect, (cell, cell), cols, math.ceil(n / cols))
        painter.end()
        self._cache = (key, pixmap)
        return pixmap

    def _paint_glyph(self, painter: QPainter, rect: QRectF, values: np.ndarray) -> None:
        kind_view(self._kind).paint(painter, rect, values, self._shape)
