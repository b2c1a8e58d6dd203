"""The curve editor: a curve glyph drawn in its plane, points dragged with the mouse or
nudged with the keyboard, the model's reconstruction drawn over it; edits are undoable."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy

from ae_desktop.gui.glyphs.glyph_edits import EditableGlyph
from ae_desktop.gui.glyphs.glyph_view import (
    INK,
    PAPER,
    WRONG,
    curve_polygon,
    paint_curve_frame,
    paint_curve_line,
)
from ae_desktop.gui.glyphs.pixel_editor import CURSOR

OUTPUT = QColor(38, 139, 210)
CLEAN = QColor(150, 156, 168)
NUDGE = 0.01  # stored units per arrow key press: 0.02 in the plane


class CurveEditor(EditableGlyph):
    """A (points, 2) closed curve of (x, y) in [0, 1] (see GlyphSet, kind CURVE).

    Drag a point with the left button; Page Up/Down select a point, arrows move it. The
    reconstruction, if set, is drawn dashed, each output point joined in red to the point
    it should be: the clean curve's (drawn grey once noise is added).
    """

    def __init__(self, points: int = 21, parent=None):
        super().__init__(2, points, parent)
        self._output: np.ndarray | None = None
        self._drag_before: np.ndarray | None = None
        self._selected = 0
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setToolTip(self.tr("Drag a point · Page Up/Down: select a point · Arrows: move it"))

    def selected_point(self) -> int:
        return self._selected

    def load(self, pixels: np.ndarray) -> None:
        """See EditableGlyph.load; a curve of another size selects point 0."""
        if np.shape(pixels) != self._pixels.shape:
            self._selected = 0
        super().load(pixels)

    def set_reconstruction(self, output: np.ndarray | None) -> None:
        """Draw ``output`` (points, 2), the model's curve, over the input; None: none."""
        self._output = None if output is None else np.array(output, dtype=np.float64)
        self.update()

    def add_noise(self, sigma: float, rng: np.random.Generator) -> None:
        """Move every point by Gaussian noise of ``sigma`` plane units per coordinate."""
        noisy = self._pixels + rng.normal(0.0, sigma / 2, self._pixels.shape)
        self.edit(noisy, self.tr("Add noise (σ = {0})").format(f"{sigma:g}"), noise=True)

    # -- geometry ----------------------------------------------------------------------
    def _plane_rect(self) -> QRectF:
        margin = 8
        side = max(1.0, min(self.width(), self.height()) - 2 * margin)
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def point_position(self, index: int) -> QPoint:
        """Widget coordinates of point ``index``, for tests and tools."""
        return curve_polygon(self._plane_rect(), self._pixels)[index].toPoint()

    def _value_at(self, pos: QPointF) -> np.ndarray:
        rect = self._plane_rect()
        x = (pos.x() - rect.left()) / rect.width()
        return np.clip([x, (rect.bottom() - pos.y()) / rect.height()], 0.0, 1.0)

    def _point_near(self, pos: QPointF) -> int | None:
        polygon = curve_polygon(self._plane_rect(), self._pixels)
        distances = [np.hypot(p.x() - pos.x(), p.y() - pos.y()) for p in polygon]
        nearest = int(np.argmin(distances))
        return nearest if distances[nearest] <= self._handle_radius() + 6 else None

    def _handle_radius(self) -> float:
        return max(2.5, self._plane_rect().width() / 120)

    def sizeHint(self) -> QSize:
        return QSize(400, 400)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 160)

    # -- mouse and keyboard ------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        left = event.button() == Qt.LeftButton
        index = self._point_near(event.position()) if left else None
        if index is None:
            return super().mousePressEvent(event)
        self._selected = index
        self._drag_before = self._pixels.copy()
        self.update()

    def mouseMoveEvent(self, event) -> None:
        if self._drag_before is not None:
            self._pixels[self._selected] = self._value_at(event.position())
            self.update()
            self.pixels_changed.emit(self.pixels())

    def mouseReleaseEvent(self, event) -> None:
        if self._drag_before is not None:
            before, self._drag_before = self._drag_before, None
            self._push_applied(before, self.tr("Move point"))

    def keyPressEvent(self, event) -> None:
        moves = {
            Qt.Key_Left: (-NUDGE, 0),
            Qt.Key_Right: (NUDGE, 0),
            Qt.Key_Up: (0, NUDGE),
            Qt.Key_Down: (0, -NUDGE),
        }
        count = len(self._pixels)
        if event.key() in (Qt.Key_PageUp, Qt.Key_PageDown):
            step = 1 if event.key() == Qt.Key_PageDown else -1
            self._selected = (self._selected + step) % count
            self.update()
        elif event.key() in moves:
            pixels = self._pixels.copy()
            pixels[self._selected] += moves[event.key()]
            self.edit(pixels, self.tr("Move point"))
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self._plane_rect()
        paint_curve_frame(painter, rect)
        painter.setRenderHint(QPainter.Antialiasing, True)
        noisy = not np.array_equal(self._clean, self._pixels)
        if noisy:
            paint_curve_line(painter, rect, self._clean, CLEAN, Qt.DotLine)
        if self._output is not None:
            targets = curve_polygon(rect, self._clean)
            painter.setPen(QPen(WRONG, 1.5))
            for a, b in zip(targets, curve_polygon(rect, self._output)):
                painter.drawLine(a, b)
            paint_curve_line(painter, rect, self._output, OUTPUT, Qt.DashLine)
        self._paint_legend(painter, rect, self._output is not None, noisy)
        paint_curve_line(painter, rect, self._pixels)
        inputs = curve_polygon(rect, self._pixels)
        painter.setPen(QPen(INK, 1.5))
        active = self.hasFocus() or self._drag_before is not None
        for index, point in enumerate(inputs):
            chosen = active and index == self._selected
            radius = self._handle_radius() * (1.5 if chosen else 1.0)
            painter.setBrush(CURSOR if chosen else PAPER)
            painter.drawEllipse(point, radius, radius)

    def _paint_legend(self, painter: QPainter, rect: QRectF, output: bool, noisy: bool) -> None:
        """Which line is which, in the plane's top left corner."""
        line = self.fontMetrics().height()
        entries = (
            [(self.tr("input"), INK)]
            + [(self.tr("clean"), CLEAN)] * noisy
            + [(self.tr("reconstruction"), OUTPUT), (self.tr("error"), WRONG)] * output
        )
        for row, (text, color) in enumerate(entries):
            painter.setPen(color)
            painter.drawText(QPointF(rect.left() + 6, rect.top() + (row + 1) * line), text)
