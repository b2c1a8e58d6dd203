"""Input corruption for denoising autoencoders: flip k pixels, salt & pepper, Gaussian, uniform."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ae_desktop.safe_io.bounded_json import quote

NOISE_KINDS = ("flip", "saltpepper", "gauss", "uniform")
MAX_FLIP = 64 * 64  # pixels of the largest glyph
MAX_SPREAD = 10.0


class NoiseError(ValueError):
    """A noise spec that cannot be parsed."""


@dataclass(frozen=True)
class NoiseSpec:
    """``flip``: flip exactly ``level`` pixels per glyph; ``saltpepper``: flip each pixel
    with probability ``level``; ``gauss``/``uniform``: add N(0, level) / U(-level, level)
    noise, clipped to [0, 1]."""

    kind: str
    level: float

    @property
    def text(self) -> str:
        level = int(self.level) if self.kind == "flip" else self.level
        return f"{self.kind}:{level}"


def parse_noise(text: str) -> NoiseSpec:
    """``flip:3`` | ``saltpepper:0.1`` | ``gauss:0.2`` | ``uniform:0.3`` -> NoiseSpec.
    Levels are finite: flip 0..MAX_FLIP whole pixels, saltpepper 0..1, gauss and
    uniform 0..MAX_SPREAD (values are clipped to 0..1, so more changes nothing)."""
    shown = quote(str(text))
    kind, sep, value = str(text).strip().partition(":")
    usage = "use flip:K, saltpepper:P, gauss:SIGMA or uniform:A"
    if kind not in NOISE_KINDS or not sep:
        raise NoiseError(f"cannot parse noise {shown}: {usage}")
    try:
        level = float(value)
    except ValueError:
        raise NoiseError(f"cannot parse noise {shown}: level is not a number") from None
    if not math.isfinite(level) or level < 0:
        raise NoiseError(f"noise {shown}: level must be a finite number >= 0")
    if kind == "flip" and (level != int(level) or level > MAX_FLIP):
        raise NoiseError(f"noise {shown}: flip needs a whole number of pixels from 0 to {MAX_FLIP}")
    if kind == "saltpepper" and level > 1:
        raise NoiseError(f"noise {shown}: a flip probability must be in 0..1")
    if kind in ("gauss", "uniform") and level > MAX_SPREAD:
        raise NoiseError(f"noise {shown}: {kind} level must be from 0 to {MAX_SPREAD}")
    return NoiseSpec(kind, level)


def corrupt(x: np.ndarray, spec: NoiseSpec, rng: np.random.Generator) -> np.ndarray:
    """A noisy copy of ``x`` (n, P) with values in [0, 1]; flips map v to 1 - v."""
    x = np.asarray(x, dtype=np.float64)
    n, p = x.shape
    if spec.kind == "flip":
        k = min(int(spec.level), p)
        mask = np.zeros((n, p), dtype=bool)
        if k:
            cols = np.argsort(rng.random((n, p)), axis=1)[:, :k]
            np.put_along_axis(mask, cols, True, axis=1)
        return np.where(mask, 1.0 - x, x)
    if spec.kind == "saltpepper":
        return np.where(rng.random((n, p)) < spec.level, 1.0 - x, x)
    if spec.kind == "gauss":
        return np.clip(x + rng.normal(0.0, spec.level, size=(n, p)), 0.0, 1.0)
    return np.clip(x + rng.uniform(-spec.level, spec.level, size=(n, p)), 0.0, 1.0)
