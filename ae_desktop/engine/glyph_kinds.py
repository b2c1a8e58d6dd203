"""Glyph kinds: what a glyph set's numbers are, and how far a reconstruction is from them.

``PIXELS``: grey images; a glyph's error is its count of wrong pixels (both thresholded at
PIXEL_THRESHOLD), learned within 1 (the course reports' measure).

``CURVE``: closed plane curves, rows of (x, y) points with a coordinate c in [-1, 1]
stored as (c + 1) / 2; a glyph's error is the largest plane distance of an output point
from its input point, learned within CURVE_TOLERANCE (the plane spans -1 to 1).

A kind is a ``str`` equal to its name as written in glyph-set files ("pixels", "curve");
``glyph_kind(name)`` looks one up. How a kind is drawn belongs to the GUI.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import numpy as np

from ae_desktop.engine.metrics import LEARNED_MAX_ERRORS, PIXEL_THRESHOLD, wrong_pixels
from ae_desktop.safe_io.bounded_json import quote

CURVE_TOLERANCE = 0.05  # plane units: 2.5 % of the plane's width


def point_distances(outputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Plane distance of each output point from its target point: (n, points) for rows
    (n, 2 * points) or (n, points, 2) of stored values (plane distances are twice those)."""
    a = np.asarray(outputs, dtype=np.float64)
    b = np.asarray(targets, dtype=np.float64)
    return 2 * np.linalg.norm(a.reshape(len(a), -1, 2) - b.reshape(len(b), -1, 2), axis=2)


def largest_point_distances(outputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Per row, the largest of ``point_distances``: float array (n,)."""
    return point_distances(outputs, targets).max(axis=1, initial=0.0)


def _lit(values: np.ndarray) -> np.ndarray:
    return (np.asarray(values) >= PIXEL_THRESHOLD).astype(np.float64)


def _as_is(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


class GlyphKind(StrEnum):
    """A glyph set's kind: its name in files, its error measure, its "learned" rule and
    what a decoded glyph becomes when kept into a set."""

    PIXELS = ("pixels", wrong_pixels, LEARNED_MAX_ERRORS, _lit)
    CURVE = ("curve", largest_point_distances, CURVE_TOLERANCE, _as_is)

    _measure: Callable[[np.ndarray, np.ndarray], np.ndarray]
    tolerance: float  # a glyph whose error is at most this is learned
    _keep: Callable[[np.ndarray], np.ndarray]

    def __new__(cls, name: str, measure, tolerance: float, keep) -> GlyphKind:
        kind = str.__new__(cls, name)
        kind._value_ = name
        kind._measure, kind.tolerance, kind._keep = measure, tolerance, keep
        return kind

    def kept(self, decoded: np.ndarray) -> np.ndarray:
        """A decoded glyph as it is kept into a set: pixels lit at PIXEL_THRESHOLD (the
        set holds what was shown), curve points as they are."""
        return self._keep(decoded)

    def errors(self, outputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Per row of ``outputs`` and ``targets`` (n, values), this kind's error (n,)."""
        return self._measure(outputs, targets)

    def learned(self, errors: np.ndarray) -> np.ndarray:
        """Which glyphs of ``errors`` (this kind's) count as learned: bool (n,)."""
        return np.asarray(errors) <= self.tolerance

    def learned_count(self, errors: np.ndarray) -> int:
        return int(np.count_nonzero(self.learned(errors)))


PIXELS = GlyphKind.PIXELS
CURVE = GlyphKind.CURVE
_BY_NAME = {kind.value: kind for kind in GlyphKind}


def glyph_kind(name: object, error: type[Exception] = ValueError) -> GlyphKind:
    """The kind named ``name`` as written in files; ``error`` naming the kinds if none."""
    if isinstance(name, str) and name in _BY_NAME:
        return _BY_NAME[name]
    raise error(f"'kind' must be one of {', '.join(_BY_NAME)}, got {quote(name)}")
