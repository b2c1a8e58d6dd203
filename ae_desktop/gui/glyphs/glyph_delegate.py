"""Paints one row of the glyph grid: the glyph, its reconstruction with wrong pixels, and
the label, straight from the model's arrays (no icons are kept)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ae_desktop.engine import CURVE
from ae_desktop.gui.glyphs.glyph_list_model import BACKGROUND, GlyphListModel
from ae_desktop.gui.glyphs.glyph_view import margin_image, paint_curve, paint_glyph

CELL = 5  # thumbnail pixels per glyph pixel, at most
THUMB = 56  # a thumbnail's longer side, at least one screen pixel per glyph pixel
GAP = 4  # between the glyph and its reconstruction
MARGIN = 6
TEXT = 18
CURVE_THUMB = 40  # side of a curve glyph's thumbnail
SELECTED = QStyle.State_Selected  # looked up once: Qt enum attributes are slow in Python


def thumb_cell(width: int, height: int) -> int:
    """Screen pixels per glyph pixel in thumbnails of glyphs (height, width)."""
    return max(1, min(CELL, THUMB // max(width, height)))


class GlyphDelegate(QStyledItemDelegate):
    """Draws rows of a GlyphListModel; every row has the same size (``item_size``)."""

    def __init__(self, model: GlyphListModel, parent=None):
        super().__init__(parent)
        self._model = model
        self.shade_margin: float | None = None  # shade outputs within it of 0.5; None: off

    def thumb_size(self) -> tuple[int, int]:
        """(width, height) of one thumbnail: pixels scaled by ``thumb_cell``, or a
        square for a set of curves."""
        g = self._model.glyphs
        if g.kind is CURVE:
            return CURVE_THUMB, CURVE_THUMB
        cell = thumb_cell(g.width, g.height)
        return g.width * cell, g.height * cell

    def item_size(self) -> QSize:
        width, height = self.thumb_size()
        if self._model.showing_outputs():
            width = 2 * width + GAP
        return QSize(max(width, 28) + 2 * MARGIN, height + TEXT + 2 * MARGIN)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        return self.item_size()

    def paint(self, painter, option, index) -> None:
        row, g = index.row(), self._model.glyphs
        opt = QStyleOptionViewItem(option)  # not initStyleOption: it asks for every role
        background = index.data(BACKGROUND)
        if background is not None:
            opt.backgroundBrush = background
        widget = option.widget
        widget.style().drawPrimitive(QStyle.PE_PanelItemViewItem, opt, painter, widget)
        width, height = self.thumb_size()
        thumbs = width if not self._model.showing_outputs() else 2 * width + GAP
        rect = option.rect
        x = rect.x() + (rect.width() - thumbs) // 2
        y = rect.y() + MARGIN
        glyph, beside = QRectF(x, y, width, height), QRectF(x + width + GAP, y, width, height)
        output = self._model.output(row)
        if g.kind is CURVE:
            paint_curve(painter, glyph, g.pixels[row])
            if output is not None:
                paint_curve(painter, beside, output)
        else:
            painter.drawImage(glyph, self._model.glyph_image(row))
            if output is not None:
                paint_glyph(painter, beside, output, self._model.wrong(row))
                if self.shade_margin is not None:
                    painter.drawImage(beside, margin_image(output, self.shade_margin))
        selected = option.state & SELECTED
        painter.setPen(
            opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        )
        text_rect = rect.adjusted(2, MARGIN + height + 2, -2, 0)
        text = opt.fontMetrics.elidedText(index.data(), Qt.ElideRight, text_rect.width())
        painter.drawText(text_rect, Qt.AlignHCenter | Qt.AlignTop, text)
