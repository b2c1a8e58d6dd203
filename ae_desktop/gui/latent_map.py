"""The latent map's pictures: decoded grid tiles as one image, or as closed curves."""

from __future__ import annotations

import numpy as np

CURVE_FILL = 0.85  # a decoded unit circle spans this share of its tile


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
    plane = tiles * 2 - 1                                              # [-1, 1]
    closed = np.concatenate([plane, plane[:, :, :1], np.full((ny, nx, 1, 2), np.nan)], axis=2)
    x = xs[None, :, None] + closed[..., 0] * half_w
    y = ys[:, None, None] + closed[..., 1] * half_h
    return x.reshape(-1), y.reshape(-1)
