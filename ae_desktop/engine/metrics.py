"""Reconstruction quality the way the course reports count it."""

from __future__ import annotations

import numpy as np

LEARNED_MAX_ERRORS = 1
PIXEL_THRESHOLD = 0.5  # a pixel is on at this value and above


def wrong_pixels(output: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per row, how many pixels differ after thresholding both at PIXEL_THRESHOLD; int
    array (n,)."""
    on = np.asarray(output) >= PIXEL_THRESHOLD
    return np.count_nonzero(on != (np.asarray(target) >= PIXEL_THRESHOLD), axis=-1)


def learned_count(errors: np.ndarray, max_errors: int = LEARNED_MAX_ERRORS) -> int:
    """Glyphs reconstructed with at most ``max_errors`` wrong pixels (reports: 1)."""
    return int(np.count_nonzero(np.asarray(errors) <= max_errors))


def pixel_margins(output: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """(signed, right): the smallest |output - PIXEL_THRESHOLD| over all pixels, negative
    when that pixel is wrong (the least right or most wrong pixel), and the smallest over
    the right pixels only (PIXEL_THRESHOLD when there are none)."""
    output = np.asarray(output, dtype=np.float64)
    margin = np.abs(output - PIXEL_THRESHOLD)
    right = (output >= PIXEL_THRESHOLD) == (np.asarray(target) >= PIXEL_THRESHOLD)
    signed = np.where(right, margin, -margin)
    return (
        float(signed.min(initial=PIXEL_THRESHOLD)),
        float(margin[right].min(initial=PIXEL_THRESHOLD)),
    )
