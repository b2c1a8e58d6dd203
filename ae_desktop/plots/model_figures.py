"""Figures of a model for ``ae-desktop plot`` and ``train --plot``, drawn offscreen by the
window's own code: the latent plane and map by ``LatentCanvas``, the loss curves by
``LossPlot`` (both exported by ``plot_bytes``, as File > Export plot does), glyphs by
``paint_glyph`` / ``paint_curve`` on a PNG image or an SVG document.

Imports Qt: the command line loads it only for a figure.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QRectF, QSize, Qt, QThread
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from ae_desktop.engine import interpolate
from ae_desktop.gui.glyphs.kind_views import kind_view
from ae_desktop.plots.summary_chart import _application, plot_bytes, png_bytes

SHEET_GLYPHS = 64  # reconstructions of at most the first 64 glyphs
CAPTION = 0.22  # of a tile's height: the caption line above each glyph
TITLE = 0.35  # of a tile's height: the title line of the sheet


def _offscreen(widget, inner, size: tuple[int, int]):
    """Lay ``widget`` out, never on screen, with its plot widget ``inner`` of ``size``."""
    app = _application()
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    inner.setFixedSize(*size)
    widget.show()
    app.processEvents()
    return app


def _export(widget, plot, size: tuple[int, int], svg: bool) -> bytes:
    try:
        return plot_bytes(plot, svg, width=size[0], height=size[1])
    finally:
        widget.close()
        widget.deleteLater()


def latent_figure(
    model, matrix, labels, shape, kind, size, svg, show_map=False, view=None, offsets=None
) -> bytes:
    """The latent plane of ``model`` with the glyphs' codes and labels, or (``show_map``)
    the latent map: decoded glyphs on a grid over the same frame, without the points.
    A code above 2-D is shown in ``view`` (one of engine.axis_names), its other
    coordinates at ``offsets`` (d - 2,) or at the codes' mean."""
    from ae_desktop.gui.latent.latent_canvas import LatentCanvas

    _application()
    canvas = LatentCanvas()
    app = _offscreen(canvas, canvas.plot_widget, size)
    canvas.set_glyphs(matrix, labels, shape, kind)
    canvas.set_model(model, reframe=True)
    while canvas.encoding():  # a big set is encoded a slice at a time, on a timer
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThread.msleep(5)
    if view is not None:
        canvas.set_view(view, offsets)
    if show_map:
        canvas.show_points.setChecked(False)
        canvas.show_map.setChecked(True)
    app.processEvents()
    return _export(canvas, canvas.plot, size, svg)


def loss_figure(history, test_history, split_terms: bool, size, svg) -> bytes:
    """The loss curves (epochs, 3) [total, recon, kl] and test losses (k, 2), as the
    Loss dock draws them (log scale)."""
    from ae_desktop.gui.training.loss_plot import LossPlot

    _application()
    plot = LossPlot()
    app = _offscreen(plot, plot.plot_widget, size)
    plot.reset(split_terms=split_terms)
    plot.set_history(history, test_history)
    app.processEvents()
    return _export(plot, plot.plot, size, svg)


def reconstructions_figure(model, matrix, labels, shape, kind, size, svg) -> bytes:
    """The first SHEET_GLYPHS glyphs, each above its reconstruction."""
    rows = np.asarray(matrix[:SHEET_GLYPHS], dtype=np.float64)
    outputs = model.reconstruct(rows)
    bands = [(list(labels[: len(rows)]), rows, outputs)]
    return _sheet(bands, shape, kind, size, svg, "input above, reconstruction below")


def interpolation_figure(model, matrix, labels, shape, kind, ends, steps, size, svg) -> bytes:
    """The glyphs decoded on the line between the codes of glyphs ``ends`` (indices)."""
    codes = model.encode(matrix[list(ends)])
    _, images = interpolate(model, codes[0], codes[1], steps)
    captions = [f"t={t:.2f}" for t in np.linspace(0, 1, steps)]
    title = f"{labels[ends[0]]} → {labels[ends[1]]}"
    return _sheet([(captions, images)], shape, kind, size, svg, title)


def _sheet(bands, shape, kind, size, svg, title: str) -> bytes:
    """Glyph rows on a white sheet of ``size``: each band is (captions, rows of glyphs
    ...) with one column per caption, wrapped into as many lines as fill the sheet."""
    _application()
    width, height = size
    columns, cell = _layout(len(bands[0][0]), len(bands[0]) - 1, shape, kind, size)
    if svg:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        device = QSvgGenerator()
        device.setOutputDevice(buffer)
        device.setSize(QSize(width, height))
        device.setViewBox(QRectF(0, 0, width, height))
        device.setTitle(title)
    else:
        device = QImage(width, height, QImage.Format.Format_RGB32)
        device.fill(Qt.GlobalColor.white)
    painter = QPainter(device)
    if svg:
        painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
    _paint_bands(painter, bands, shape, kind, columns, cell, title, size)
    painter.end()
    if svg:
        return bytes(QByteArray(buffer.data()))
    return png_bytes(device)


def _glyph_size(shape, kind) -> tuple[float, float]:
    """(width, height) of a glyph in cells: curves are square."""
    height, width = kind_view(kind).cells(shape)
    return (width / max(height, width), height / max(height, width))


def _layout(count: int, per_column: int, shape, kind, size) -> tuple[int, float]:
    """(columns, tile edge in pixels) fitting ``count`` columns of ``per_column`` glyphs,
    wrapped, into ``size`` below a title line, with the biggest tiles."""
    width, height = size
    gw, gh = _glyph_size(shape, kind)
    best = (1, 0.0)
    for columns in range(1, count + 1):
        lines = -(-count // columns)
        edge = min(
            width / (columns * (gw + 0.15)),
            height / (TITLE + lines * _band_height(per_column, gh)),
        )
        if edge > best[1]:
            best = (columns, edge)
    return best


def _band_height(per_column: int, gh: float) -> float:
    """A line of a band, in tile edges: its captions and its glyph rows."""
    return CAPTION + per_column * (gh + 0.1) + 0.2


def _paint_bands(painter, bands, shape, kind, columns, edge, title, size) -> None:
    gw, gh = _glyph_size(shape, kind)
    tile_w = edge * (gw + 0.15)
    font = QFont()
    font.setPixelSize(max(8, int(edge * CAPTION * 0.7)))
    painter.setFont(font)
    painter.setPen(QColor("#073642"))
    lines = sum(-(-len(band[0]) // columns) for band in bands)
    used = edge * (TITLE + lines * _band_height(len(bands[0]) - 1, gh))
    y = (size[1] - used) / 2
    painter.drawText(QRectF(0, y, size[0], edge * TITLE), Qt.AlignCenter, title)
    left = (size[0] - min(columns, len(bands[0][0])) * tile_w) / 2
    y += edge * TITLE
    for captions, *rows in bands:
        for start in range(0, len(captions), columns):
            chunk = range(start, min(start + columns, len(captions)))
            for k, i in enumerate(chunk):
                x = left + k * tile_w
                painter.drawText(
                    QRectF(x, y, tile_w, edge * CAPTION), Qt.AlignCenter, str(captions[i])
                )
                for r, images in enumerate(rows):
                    top = y + edge * CAPTION + r * edge * (gh + 0.1)
                    rect = QRectF(x + edge * 0.075, top, edge * gw, edge * gh)
                    kind_view(kind).paint(painter, rect, images[i], shape)
            y += edge * _band_height(len(rows), gh)
