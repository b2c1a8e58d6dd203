"""Text labels beside the latent plane's points that never cover each other or another
point: each takes the first free place of above, right, left and below its point, in
screen pixels, or is hidden (a crowded spot shows the labels that fit)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

# anchors of pg.TextItem (fraction of the text's width and height at the point)
PLACES = ((0.5, 1.15), (-0.2, 0.5), (1.2, 0.5), (0.5, -0.15))
POINT_RADIUS = 4.5  # pixels: half a point of a small set (code_scatter.point_size)


def place_labels(view: pg.ViewBox, texts: list[pg.TextItem], codes: np.ndarray) -> None:
    """Anchor each of ``texts`` beside its code (n, 2), or hide it where no place is
    free of the labels placed before it and of the other points."""
    centres = np.array([_scene_xy(view, x, y) for x, y in codes]).reshape(-1, 2)
    points = np.c_[centres - POINT_RADIUS, centres + POINT_RADIUS]  # x0, y0, x1, y1
    placed = np.zeros((0, 4))
    for i, text in enumerate(texts):
        rect = text.textItem.boundingRect()
        size = np.array([rect.width(), rect.height()])
        others = np.delete(points, i, axis=0)
        for anchor in PLACES:
            top_left = centres[i] - np.asarray(anchor) * size
            box = np.r_[top_left, top_left + size]
            if not (_hits(box, placed) or _hits(box, others)):
                text.setAnchor(anchor)
                text.setVisible(True)
                placed = np.vstack([placed, box])
                break
        else:
            text.setVisible(False)


def _scene_xy(view: pg.ViewBox, x: float, y: float) -> tuple[float, float]:
    point = view.mapViewToScene(QPointF(x, y))
    return point.x(), point.y()


def _hits(box: np.ndarray, boxes: np.ndarray) -> bool:
    """Whether ``box`` (x0, y0, x1, y1) overlaps any of ``boxes`` (k, 4)."""
    return bool(
        np.any(
            (box[0] < boxes[:, 2])
            & (boxes[:, 0] < box[2])
            & (box[1] < boxes[:, 3])
            & (boxes[:, 1] < box[3])
        )
    )
