"""Drawing glyphs: a pixmap painter shared by every widget, a closed-curve painter for
sets of curves, and a small read-only view."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ae_desktop.engine import CURVE, PIXEL_THRESHOLD, PIXELS, GlyphKind

INK = QColor(32, 36, 48)
PAPER = QColor(255, 255, 255)
GRID = QColor(210, 214, 222)
WRONG = QColor(220, 50, 47)
NEAR = QColor(255, 160, 0)  # output pixels close to the 0.5 threshold


def ink_rgb(values) -> np.ndarray:
    """RGB (..., 3) uint8 of pixel values in [0, 1] (..., ): 0 = paper, 1 = full ink."""
    v = np.clip(np.asarray(values, dtype=np.float64), 0.0, 1.0)[..., None]
    paper = np.array([PAPER.red(), PAPER.green(), PAPER.blue()], dtype=np.float64)
    ink = np.array([INK.red(), INK.green(), INK.blue()], dtype=np.float64)
    return np.rint(paper + (ink - paper) * v).astype(np.uint8)


def glyph_image(pixels: np.ndarray) -> QImage:
    """A (width x height)-pixel image of ``pixels`` (height, width), one texel per pixel."""
    rgb = ink_rgb(pixels).astype(np.uint32)
    argb = np.ascontiguousarray(
        0xFF000000 | rgb[..., 0] << 16 | rgb[..., 1] << 8 | rgb[..., 2], dtype=np.uint32
    )
    height, width = argb.shape
    return QImage(argb.data, width, height, 4 * width, QImage.Format_RGB32).copy()


def wrong_image(wrong: np.ndarray) -> QImage:
    """A (width x height) image, WRONG where ``wrong`` (height, width) is set, else clear."""
    colour = np.uint32(0xC0000000 | WRONG.red() << 16 | WRONG.green() << 8 | WRONG.blue())
    argb = np.ascontiguousarray(np.where(wrong, colour, np.uint32(0)), dtype=np.uint32)
    height, width = argb.shape
    return QImage(argb.data, width, height, 4 * width, QImage.Format_ARGB32).copy()


def margin_image(output: np.ndarray, target_margin: float) -> QImage:
    """A (width x height) image shading the pixels of ``output`` (height, width) within
    ``target_margin`` of 0.5: NEAR, the more opaque the closer to 0.5; others clear."""
    closeness = 1.0 - np.abs(np.asarray(output, dtype=np.float64) - PIXEL_THRESHOLD) / max(
        target_margin, 1e-9
    )
    alpha = np.rint(200 * np.clip(closeness, 0.0, 1.0)).astype(np.uint32)
    alpha[closeness <= 0] = 0
    colour = np.uint32(NEAR.red() << 16 | NEAR.green() << 8 | NEAR.blue())
    argb = np.ascontiguousarray(np.where(alpha > 0, alpha << 24 | colour, 0), dtype=np.uint32)
    height, width = argb.shape
    return QImage(argb.data, width, height, 4 * width, QImage.Format_ARGB32).copy()


def paint_grid(
    painter: QPainter, rect: QRectF, cell: tuple[float, float], cols: int, rows: int
) -> None:
    """Thin GRID lines around ``cols`` x ``rows`` cells of ``cell`` (width, height) from
    the top left of ``rect``, across the whole of ``rect``."""
    painter.setPen(QPen(GRID, 1))
    for c in range(cols + 1):
        x = rect.left() + c * cell[0]
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
    for r in range(rows + 1):
        y = rect.top() + r * cell[1]
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))


def paint_glyph(
    painter: QPainter,
    rect: QRectF,
    pixels: np.ndarray,
    wrong: np.ndarray | None = None,
    grid: bool = False,
) -> None:
    """Paint ``pixels`` (height, width) in [0, 1] into ``rect``, square cells scaled
    without smoothing; ``wrong`` (height, width) bool cells get a red frame."""
    height, width = pixels.shape
    cw, ch = rect.width() / width, rect.height() / height
    painter.save()
    painter.setRenderHint(QPainter.SmoothPixmapTransform, False)
    painter.drawImage(rect, glyph_image(pixels))
    if grid:
        paint_grid(painter, rect, (cw, ch), width, height)
    if wrong is not None and wrong.any() and min(cw, ch) < 6:
        painter.drawImage(rect, wrong_image(wrong))  # frames would hide such small cells
    elif wrong is not None and wrong.any():
        pen = QPen(WRONG, max(1.5, min(cw, ch) * 0.14))
        pen.setJoinStyle(Qt.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        inset = pen.widthF() / 2
        for r, c in zip(*np.nonzero(wrong)):
            painter.drawRect(
                QRectF(
                    rect.x() + c * cw + inset,
                    rect.y() + r * ch + inset,
                    cw - 2 * inset,
                    ch - 2 * inset,
                )
            )
    painter.restore()


def curve_polygon(rect: QRectF, values: np.ndarray) -> QPolygonF:
    """Widget positions in ``rect`` (x to the right, y up) of a curve glyph's points,
    ``values`` (points, 2) of (x, y) in [0, 1]."""
    points = np.asarray(values, dtype=np.float64).reshape(-1, 2)
    xs = rect.left() + points[:, 0] * rect.width()
    ys = rect.bottom() - points[:, 1] * rect.height()
    return QPolygonF([QPointF(x, y) for x, y in zip(xs, ys)])


def paint_curve_frame(painter: QPainter, rect: QRectF) -> None:
    """The plane behind a curve: paper, a frame and the axes through 0.5."""
    painter.save()
    painter.setPen(QPen(GRID, 1))
    painter.setBrush(PAPER)
    painter.drawRect(rect)
    mid = rect.center()
    painter.drawLine(QPointF(mid.x(), rect.top()), QPointF(mid.x(), rect.bottom()))
    painter.drawLine(QPointF(rect.left(), mid.y()), QPointF(rect.right(), mid.y()))
    painter.restore()


def paint_curve_line(
    painter: QPainter, rect: QRectF, values: np.ndarray, color: QColor = INK, style=Qt.SolidLine
) -> None:
    """A curve glyph, ``values`` (points, 2), as a closed antialiased polyline."""
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    pen = QPen(color, max(1.5, rect.width() / 60), style)
    pen.setJoinStyle(Qt.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.NoBrush)
    painter.drawPolygon(curve_polygon(rect, values))
    painter.restore()


def paint_curve(painter: QPainter, rect: QRectF, values: np.ndarray) -> None:
    """Paint a curve glyph, ``values`` (points, 2) of (x, y) in [0, 1], as a closed
    polyline in ``rect`` (x to the right, y up), over a frame and the axes through 0.5."""
    paint_curve_frame(painter, rect)
    paint_curve_line(painter, rect, values)


class GlyphCanvas(QWidget):
    """Shows one glyph (height, width) scaled to fit with square pixels, with an optional
    caption above and a detail line below, kept together as one centred block. A
    curve glyph (kind CURVE) is drawn as a closed curve in a square instead."""

    clicked = Signal()

    def __init__(self, parent=None, min_cell: int = 8, title: str = ""):
        super().__init__(parent)
        self.kind = PIXELS
        self._pixels: np.ndarray | None = None
        self._wrong: np.ndarray | None = None
        self._min_cell = min_cell
        self._title = title
        self._detail = ""
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_glyph(
        self, pixels: np.ndarray | None, wrong: np.ndarray | None = None, detail: str = ""
    ) -> None:
        """Show ``pixels`` (height, width) in [0, 1]; ``wrong`` (height, width) bool cells
        get a red frame; ``detail`` is written below."""
        before = None if self._pixels is None else self._pixels.shape
        self._pixels = None if pixels is None else np.array(pixels, dtype=np.float64)
        if (None if pixels is None else self._pixels.shape) != before:
            self.updateGeometry()
        self._wrong = None if wrong is None else np.asarray(wrong, dtype=bool)
        self._detail = detail
        self.update()

    def set_kind(self, kind: GlyphKind) -> None:
        """The glyph set's kind (PIXELS or CURVE), for the glyphs shown from now on."""
        self.kind = kind
        self.update()

    def pixels(self) -> np.ndarray | None:
        return None if self._pixels is None else self._pixels.copy()

    def title(self) -> str:
        return self._title

    def detail(self) -> str:
        return self._detail

    def _text_height(self) -> int:
        return self.fontMetrics().height() + 4

    def sizeHint(self) -> QSize:
        return self._size_for(2 * self._min_cell)

    def minimumSizeHint(self) -> QSize:
        return self._size_for(self._min_cell)

    def _size_for(self, cell: float) -> QSize:
        """Room for the glyph at ``cell`` pixels per glyph pixel, scaled down so that a
        big glyph takes no more room than a 7-pixel tall one, and for the captions."""
        height, width = (7, 5) if self._pixels is None else self._pixels.shape
        cell *= 7 / max(7, width, height)
        extra = 2 * self._text_height() if self._title else 0
        return QSize(round(width * cell), round(height * cell) + extra)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        text_h = self._text_height() if self._title else 0
        curve = self.kind is CURVE
        height, width = (7, 5) if self._pixels is None else self._pixels.shape
        if curve:
            height = width = 1
        cell = max(1.0, min(self.width() / width, (self.height() - 2 * text_h) / height))
        top = (self.height() - cell * height - 2 * text_h) / 2
        rect = QRectF((self.width() - cell * width) / 2, top + text_h, cell * width, cell * height)
        if self._title:  # elided, not clipped, where the view is narrow (full text: tooltip)
            metrics = self.fontMetrics()
            for y, text, color in (
                (top, self._title, self.palette().windowText().color()),
                (rect.bottom(), self._detail, self.palette().placeholderText().color()),
            ):
                painter.setPen(color)
                shown = metrics.elidedText(text, Qt.ElideRight, self.width())
                painter.drawText(QRectF(0, y, self.width(), text_h), Qt.AlignCenter, shown)
        if self._pixels is None:
            painter.setPen(QPen(GRID, 1, Qt.DashLine))
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
            return
        if curve:
            paint_curve(painter, rect, self._pixels)
        else:
            paint_glyph(painter, rect, self._pixels, self._wrong, grid=cell >= 10)
