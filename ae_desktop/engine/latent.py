"""Latent-space tools: interpolate between codes, decode a grid, frame codes for a plot."""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.latent_projection import Projection
from ae_desktop.engine.model import Autoencoder


def interpolate(model: Autoencoder, z0, z1, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """``steps`` evenly spaced codes from ``z0`` to ``z1`` (both included), and their
    decodings: (codes (steps, latent), images (steps, n_inputs))."""
    if steps < 2:
        raise ValueError(f"interpolation needs at least 2 steps, got {steps}")
    d = model.arch.latent_dim
    z0, z1 = (np.asarray(z, dtype=np.float64).reshape(-1) for z in (z0, z1))
    if z0.shape != (d,) or z1.shape != (d,):
        raise ValueError(f"end points must have {d} values, got {z0.size} and {z1.size}")
    t = np.linspace(0.0, 1.0, steps)[:, None]
    codes = (1.0 - t) * z0 + t * z1
    codes[-1] = z1
    return codes, model.decode(codes)


def grid_points(x_range, y_range, nx: int, ny: int) -> np.ndarray:
    """(ny, nx, 2) latent points; row 0 is the top (y max), column 0 the left (x min)."""
    if nx < 1 or ny < 1:
        raise ValueError(f"grid needs at least 1x1 points, got {nx}x{ny}")
    points = np.empty((ny, nx, 2))
    (x_min, x_max), (y_min, y_max) = x_range, y_range
    points[:, :, 0] = _evenly_spaced(x_min, x_max, nx)
    points[:, :, 1] = _evenly_spaced(y_max, y_min, ny)[:, None]
    return points


def _evenly_spaced(start, stop, n: int) -> np.ndarray:
    """``np.linspace(start, stop, n)`` to the bit, without its 5 us of Python overhead."""
    start, stop = float(start), float(stop)
    values = np.arange(n) * ((stop - start) / max(n - 1, 1)) + start
    if n > 1:
        values[-1] = stop
    return values


def decode_grid(
    model: Autoencoder,
    x_range,
    y_range,
    nx: int,
    ny: int,
    precision: str = "float64",
    projection: Projection | None = None,
    offsets=(),
) -> np.ndarray:
    """Decodings (ny, nx, n_inputs) of an nx-by-ny grid over a 2-D latent rectangle,
    laid out like an image: row 0 at y max, column 0 at x min (``precision`` as in
    ``Autoencoder.decode``). A code of d > 2 dimensions needs the ``projection`` whose
    plane the rectangle lies in, the grid's points lifted at ``offsets`` (d - 2,)."""
    d = model.arch.latent_dim
    if (2 if projection is None else projection.dim) != d:
        raise ValueError(
            f"a latent grid needs a 2-D latent space or a projection of it, "
            f"this model's has {d} dimensions"
        )
    points = grid_points(x_range, y_range, nx, ny).reshape(-1, 2)
    codes = points if projection is None else projection.lift(points, offsets)
    return model.decode(codes, precision).reshape(ny, nx, -1)


def latent_extent(codes, margin: float = 0.1, log_var=None, sigmas: float = 3.0):
    """``(x_range, y_range)`` framing 2-D ``codes`` (n, 2), widened by ``margin`` times
    the span on each side (a zero span widens by ``margin`` absolute units instead).

    Given a VAE's ``log_var`` (n, 2), the frame covers every mean +- ``sigmas`` standard
    deviations, and the prior's +- ``sigmas`` box around the origin.
    """
    codes = np.asarray(codes, dtype=np.float64)
    if codes.ndim != 2 or codes.shape[1] != 2 or len(codes) == 0:
        raise ValueError(f"codes must have shape (n, 2) with n >= 1, got {codes.shape}")
    lo, hi = codes.min(axis=0), codes.max(axis=0)
    if log_var is not None:
        spread = sigmas * np.exp(0.5 * np.asarray(log_var, dtype=np.float64))
        lo = np.minimum((codes - spread).min(axis=0), -sigmas)
        hi = np.maximum((codes + spread).max(axis=0), sigmas)
    span = hi - lo
    pad = np.where(span > 0, margin * span, margin)
    lo, hi = lo - pad, hi + pad
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))
