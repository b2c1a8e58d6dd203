"""A trained (or training) autoencoder: architecture plus flat parameter vector."""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.compiled_forward import forward_few_rows, forward_row_blocks
from ae_desktop.engine.initialization import initial_parameters
from ae_desktop.engine.layout import N_OUT

FEW_ROWS = 16  # fewer rows than this: the per-row forward (blocks cost ~8 us to set up)


class Autoencoder:
    """Encode, decode and reconstruct with the network ``arch`` at parameters ``theta``.

    ``theta`` is a float64 vector of length ``arch.n_params`` (layout in Architecture).
    """

    def __init__(self, arch: Architecture, theta: np.ndarray):
        theta = np.ascontiguousarray(theta, dtype=np.float64)
        if theta.shape != (arch.n_params,):
            raise ValueError(
                f"parameter vector has shape {theta.shape}, "
                f"architecture {arch.text} needs ({arch.n_params},)"
            )
        self.arch = arch
        self.theta = theta

    @classmethod
    def initialize(
        cls, arch: Architecture, init: str = "glorot", rng: np.random.Generator | None = None
    ) -> Autoencoder:
        rng = np.random.default_rng(0) if rng is None else rng
        return cls(arch, initial_parameters(arch, init, rng))

    def copy(self) -> Autoencoder:
        return Autoencoder(self.arch, self.theta.copy())

    def _rows(self, x, width: int, what: str) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != width:
            raise ValueError(f"{what} must have {width} values per row, got shape {x.shape}")
        return np.ascontiguousarray(x)

    def encode_distribution(self, x) -> tuple[np.ndarray, np.ndarray]:
        """(mean, log-variance) of the code of each row of ``x`` (n, n_inputs).

        For a plain autoencoder the log-variance is -inf (a point, no spread).
        """
        x = self._rows(x, self.arch.n_inputs, "input")
        h = run_layers(self.theta, self.arch.layout.encoder, x)
        d = self.arch.latent_dim
        if self.arch.kind == "vae":
            return h[:, :d].copy(), h[:, d:].copy()
        return h, np.full_like(h, -np.inf)

    def encode(self, x) -> np.ndarray:
        """Latent code (n, latent) of each row of ``x``; for a VAE, the mean."""
        return self.encode_distribution(x)[0]

    def decode(self, z, precision: str = "float64") -> np.ndarray:
        """Output (n, n_inputs) in [0, 1] for sigmoid output, one row per latent point.

        ``precision="float32"`` returns float32, computing many rows (latent maps) in
        single precision, about twice as fast: for pictures rather than measurements.
        """
        z = self._rows(z, self.arch.latent_dim, "latent points")
        return run_layers(self.theta, self.arch.layout.decoder, z, precision)

    def reconstruct(self, x) -> np.ndarray:
        """decode(encode(x)): the network's output for each row of ``x``."""
        return self.decode(self.encode(x))


def run_layers(
    theta: np.ndarray, layout: np.ndarray, x: np.ndarray, precision: str = "float64"
) -> np.ndarray:
    """Rows of ``x`` (n, n_in) float64 in C order through the layers of ``layout`` (rows
    of a NetworkLayout table) at float64 parameters ``theta``, computed in ``precision``
    for many rows; a few rows are computed in float64 (as fast, and no float32 copy of
    the weights) and returned in ``precision``.

    Many rows come back as a transposed (Fortran-ordered) view of the forward pass's
    output: skipping a copy back to row order halves the time of decoding a latent map.
    """
    if x.shape[0] < FEW_ROWS:
        out = np.empty((x.shape[0], layout[-1, N_OUT]))
        forward_few_rows(theta, layout, x, out)
        return out if precision == "float64" else out.astype(precision)
    theta = theta if precision == "float64" else theta.astype(precision)
    out_t = np.empty((layout[-1, N_OUT], x.shape[0]), theta.dtype)
    forward_row_blocks(theta, layout, x, out_t)
    return out_t.T
