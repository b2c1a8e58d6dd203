"""Weight initialisation: Glorot, He, or normal with a chosen standard deviation."""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.architecture import Architecture
from ae_desktop.safe_io.bounded_json import quote

INIT_SCHEMES = ("glorot", "he", "normal:STD")


class InitError(ValueError):
    """An initialisation spec that cannot be parsed."""


def parse_init(spec: str) -> tuple[str, float]:
    """``glorot`` | ``he`` | ``normal:0.7`` -> (scheme, std)."""
    name, _, value = spec.partition(":")
    if name in ("glorot", "he") and not value:
        return name, 0.0
    if name == "normal":
        try:
            std = float(value)
        except ValueError:
            std = -1.0
        if std > 0 and np.isfinite(std):
            return name, std
    raise InitError(
        f"bad weight init {quote(spec)}: use glorot, he or normal:STD (e.g. normal:0.7)"
    )


def initial_parameters(arch: Architecture, spec: str, rng: np.random.Generator) -> np.ndarray:
    """A flat float64 parameter vector: weights drawn per ``spec``, biases zero."""
    scheme, std = parse_init(spec)
    theta = np.zeros(arch.n_params)
    for w, _ in arch.unflatten(theta):
        n_in, n_out = w.shape
        if scheme == "glorot":
            limit = np.sqrt(6.0 / (n_in + n_out))
            w[...] = rng.uniform(-limit, limit, size=w.shape)
        elif scheme == "he":
            w[...] = rng.normal(0.0, np.sqrt(2.0 / n_in), size=w.shape)
        else:
            w[...] = rng.normal(0.0, std, size=w.shape)
    return theta
