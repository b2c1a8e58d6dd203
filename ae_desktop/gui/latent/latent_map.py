"""The latent map: decoded grid tiles drawn behind the points, as one image or, for a
set of curves, as closed curves."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from ae_desktop.engine import CURVE, GlyphKind
from ae_desktop.gui.glyphs.glyph_view import ink_rgb

CURVE_FILL = 0.85  # a decoded unit circle spans this share of its tile
FADED = 0.35  # the map's opacity behind the points


def pixel_mosaic(tiles: np.ndarray) -> np.ndarray:
    """Tiles (ny, nx, height, width), row 0 at y max, as one image
    (ny*(height+1), nx*(width+1)) with a blank pixel between tiles, row 0 at the
    bottom as pyqtgraph's ImageItem draws it."""
    ny, nx, height, width = tiles.shape
    padded = np.zeros((ny, nx, height + 1, width + 1), dtype=np.float32)
    padded[:, :, :height, :width] = tiles
    mosaic = padded.transpose(0, 2, 1, 3).reshape(ny * (height + 1), nx * (width + 1))
    return mosaic[::-1]


def curve_mosaic(tiles: np.ndarray, x_range, y_range) -> tuple[np.ndarray, np.ndarray]:
    """Curve tiles (ny, nx, points, 2) of stored values in [0, 1], row 0 at y max, as
    (x, y) latent coordinates of closed polylines around each grid point, separated by
    NaN: plot them with ``connect="finite"``."""
    ny, nx, points, _ = tiles.shape
    xs = np.linspace(*x_range, nx)
    ys = np.linspace(*y_range[::-1], ny)
    half_w = (x_range[1] - x_range[0]) / max(nx - 1, 1) / 2 * CURVE_FILL
    half_h = (y_range[1] - y_range[0]) / max(ny - 1, 1) / 2 * CURVE_FILL
    plane = tiles * 2 - 1  # [-1, 1]
    closed = np.concatenate([plane, plane[:, :, :1], np.full((ny, nx, 1, 2), np.nan)], axis=2)
    x = xs[None, :, None] + closed[..., 0] * half_w
    y = ys[:, None, None] + closed[..., 1] * half_h
    return x.reshape(-1), y.reshape(-1)


class MapLayer:
    """The map's two plot items (add both to the plot): ``image`` for pixel tiles,
    ``curves`` for curve tiles."""

    def __init__(self):
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setOpacity(FADED)
        self.image.setLookupTable(ink_rgb(np.linspace(0.0, 1.0, 256)))
        self.curves = pg.PlotDataItem([], [], connect="finite", pen=pg.mkPen("#586e75", width=1))
        for item in (self.image, self.curves):
            item.setZValue(-10)

    def show(self, tiles: np.ndarray, x_range, y_range, kind: GlyphKind) -> None:
        """Tiles (ny, nx, height, width) decoded at an nx-by-ny grid over the ranges,
        row 0 at y max; each tile centred on its grid point."""
        ny, nx = tiles.shape[:2]
        if kind is CURVE:
            self.image.clear()
            self.curves.setData(*curve_mosaic(tiles, x_range, y_range))
            return
        self.curves.setData([], [])
        (x0, x1), (y0, y1) = x_range, y_range
        dx, dy = (x1 - x0) / (nx - 1), (y1 - y0) / (ny - 1)
        self.image.setImage(pixel_mosaic(tiles), levels=(0.0, 1.0), autoLevels=False)
        self.image.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, nx * dx, ny * dy))

    def set_faded(self, faded: bool) -> None:
        """Pixel tiles faded behind points, or in full contrast on their own (curves are
        thin lines: never faded)."""
        self.image.setOpacity(FADED if faded else 1.0)

    def clear(self) -> None:
        self.image.clear()
        self.curves.setData([], [])
