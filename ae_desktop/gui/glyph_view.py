"""Drawing glyphs: a pixmap painter shared by every widget, and a small read-only view."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

INK = QColor(32, 36, 48)
PAPER = QColor(255, 255, 255)
GRID = QColor(210, 214, 222)
WRONG = QColor(220, 50, 47)


def ink_color(value: float) -> QColor:
    """Grey level for a pixel value in [0, 1] (1 = full ink)."""
    v = float(np.clip(value, 0.0, 1.0))
    mix = lambda a, b: round(a + (b - a) * v)  # noqa: E731
    return QColor(mix(PAPER.red(), INK.red()), mix(PAPER.green(), INK.green()),
                  mix(PAPER.blue(), INK.blue()))


def paint_glyph(painter: QPainter, rect: QRectF, pixels: np.ndarray,
                wrong: np.ndarray | None = None, grid: bool = False) -> None:
    """Paint ``pixels`` (height, width) in [0, 1] into ``rect``; ``wrong`` (height, width)
    bool cells get a red frame."""
    height, width = pixels.shape
    cw, ch = rect.width() / width, rect.height() / height
    painter.save()
    painter.setPen(Qt.NoPen)
    painter.fillRect(rect, PAPER)
    for r in range(height):
        for c in range(width):
            if pixels[r, c] > 0.004:
                painter.fillRect(QRectF(rect.x() + c * cw, rect.y() + r * ch, cw, ch),
                                 ink_color(pixels[r, c]))
    if grid:
        painter.setPen(QPen(GRID, 1))
        for c in range(width + 1):
            x = rect.x() + c * cw
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        for r in range(height + 1):
            y = rect.y() + r * ch
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    if wrong is not None and wrong.any():
        pen = QPen(WRONG, max(1.5, min(cw, ch) * 0.14))
        pen.setJoinStyle(Qt.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        inset = pen.widthF() / 2
        for r, c in zip(*np.nonzero(wrong)):
            painter.drawRect(QRectF(rect.x() + c * cw + inset, rect.y() + r * ch + inset,
                                    cw - 2 * inset, ch - 2 * inset))
    painter.restore()


def glyph_pixmap(pixels: np.ndarray, cell: int = 6, wrong: np.ndarray | None = None) -> QPixmap:
    """A pixmap of ``pixels`` (height, width) with ``cell`` screen pixels per glyph pixel."""
    height, width = pixels.shape
    pixmap = QPixmap(width * cell, height * cell)
    painter = QPainter(pixmap)
    paint_glyph(painter, QRectF(0, 0, width * cell, height * cell), pixels, wrong)
    painter.end()
    return pixmap


class GlyphCanvas(QWidget):
    """Shows one glyph (height, width) scaled to fit, keeping square pixels."""

    def __init__(self, parent=None, min_cell: int = 8):
        super().__init__(parent)
        self._pixels: np.ndarray | None = None
        self._wrong: np.ndarray | None = None
        self._min_cell = min_cell
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_glyph(self, pixels: np.ndarray | None, wrong: np.ndarray | None = None) -> None:
        self._pixels = None if pixels is None else np.array(pixels, dtype=np.float64)
        self._wrong = None if wrong is None else np.asarray(wrong, dtype=bool)
        self.update()

    def pixels(self) -> np.ndarray | None:
        return None if self._pixels is None else self._pixels.copy()

    def sizeHint(self) -> QSize:
        return QSize(5 * self._min_cell * 2, 7 * self._min_cell * 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(5 * self._min_cell, 7 * self._min_cell)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self._pixels is None:
            painter.fillRect(self.rect(), self.palette().window())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignCenter, "—")
            return
        height, width = self._pixels.shape
        cell = min(self.width() / width, self.height() / height)
        rect = QRectF((self.width() - cell * width) / 2, (self.height() - cell * height) / 2,
                      cell * width, cell * height)
        paint_glyph(painter, rect, self._pixels, self._wrong, grid=cell >= 10)


class TitledGlyph(QWidget):
    """A GlyphCanvas with a caption above and a detail line below."""

    def __init__(self, title: str, parent=None, min_cell: int = 8):
        super().__init__(parent)
        self.canvas = GlyphCanvas(self, min_cell)
        self.detail = QLabel("", self)
        self.detail.setAlignment(Qt.AlignCenter)
        self.detail.setStyleSheet("color: palette(placeholder-text);")
        caption = QLabel(title, self)
        caption.setAlignment(Qt.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(caption)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.detail)

    def set_glyph(self, pixels, wrong=None, detail: str = "") -> None:
        self.canvas.set_glyph(pixels, wrong)
        self.detail.setText(detail)
