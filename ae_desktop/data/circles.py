"""A parametric dataset that is not pixels: concentric circles as closed curves (report 003).

Each circle is centred at (0, 0) and sampled at ``points`` equally spaced angles; one
glyph holds those points as rows of (x, y), stored as (c + 1) / 2 (see glyph_set).
"""

from __future__ import annotations

import numpy as np

from ae_desktop.data.glyph_set import MAX_SIDE, GlyphSet, GlyphSetError
from ae_desktop.engine.glyph_kinds import CURVE


def circle_radii(count: int, r_min: float, r_max: float) -> np.ndarray:
    """``count`` equally spaced radii from ``r_min`` to ``r_max`` inclusive."""
    return np.linspace(r_min, r_max, count)


def circles(count: int = 100, r_min: float = 0.1, r_max: float = 0.9, points: int = 21) -> GlyphSet:
    """A CURVE glyph set of ``count`` circles; pixels shape (count, points, 2)."""
    if count < 1:
        raise GlyphSetError(f"circle count must be at least 1, got {count}")
    if not 3 <= points <= MAX_SIDE:
        raise GlyphSetError(f"points per circle must be from 3 to {MAX_SIDE}, got {points}")
    if not 0 <= r_min <= r_max <= 1:
        raise GlyphSetError(f"radii must satisfy 0 <= min <= max <= 1, got {r_min}..{r_max}")
    radii = circle_radii(count, r_min, r_max)
    angles = 2 * np.pi * np.arange(points) / points
    unit = np.stack([np.cos(angles), np.sin(angles)], axis=1)  # (points, 2)
    plane = radii[:, None, None] * unit[None]  # (count, points, 2)
    labels = [f"r={r:.3f}" for r in radii]
    return GlyphSet("circles", 2, points, labels, (plane + 1) / 2, kind=CURVE)


def curve_points(values: np.ndarray) -> np.ndarray:
    """Stored curve values (points, 2) in [0, 1] back to plane coordinates in [-1, 1]."""
    return np.asarray(values, dtype=np.float64).reshape(-1, 2) * 2 - 1
