"""How far a reconstructed curve is from its input, in plane units (see glyph_set)."""

from __future__ import annotations

import numpy as np


def point_distances(inputs: np.ndarray, outputs: np.ndarray) -> np.ndarray:
    """Plane distance of each output point from its input point: (n, points) for
    ``inputs`` and ``outputs`` (n, 2 * points) or (n, points, 2) stored values; a stored
    value is (c + 1) / 2, so plane distances are twice the stored ones."""
    a = np.asarray(inputs, dtype=np.float64)
    b = np.asarray(outputs, dtype=np.float64)
    a, b = a.reshape(len(a), -1, 2), b.reshape(len(b), -1, 2)
    return 2 * np.linalg.norm(b - a, axis=2)


def max_curve_error(model, rows: np.ndarray) -> float:
    """The largest point distance between the curves ``rows`` (n, 2 * points) and what
    ``model`` makes of them, in plane units; NaN without rows."""
    if len(rows) == 0:
        return float("nan")
    return float(point_distances(rows, model.reconstruct(rows)).max())
