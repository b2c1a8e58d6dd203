"""The latent codes of a glyph matrix under the latest model, encoded a slice at a time.

Encoding 60,000 MNIST rows takes seconds, far more than a training tick may spend in the
window's thread; so a big matrix is encoded round-robin in slices of bounded time, and a
new model during training only moves on where the last slice stopped. No Qt here.
"""

from __future__ import annotations

import time

import numpy as np

ASSUMED_MACS_PER_SECOND = 2e9  # before the first slice is timed
MIN_SLICE_ROWS = 64


class LatentCodes:
    """``mean`` (n, latent) and, for a VAE, ``log_var`` (n, latent) of the rows of a matrix
    (n, n_inputs); rows [0, ``filled``) have codes, from the current or a recent model."""

    def __init__(self):
        self.matrix = np.zeros((0, 0))
        self.model = None
        self.mean = np.zeros((0, 2))
        self.log_var: np.ndarray | None = None
        self.filled = 0
        self._cursor = 0
        self._fresh = 0  # rows encoded by the current model since it arrived
        self._rows_per_second: float | None = None

    def __len__(self) -> int:
        return len(self.matrix)

    @property
    def complete(self) -> bool:
        """Whether every row's code comes from the current model."""
        return self._fresh >= len(self.matrix)

    def set_matrix(self, matrix: np.ndarray) -> None:
        """New rows (n, n_inputs), kept as given (a view: no copy of 60,000 glyphs) if
        floating point; all codes are stale, but a matrix of the same shape (an edited
        glyph) keeps showing them until re-encoded."""
        matrix = np.asarray(matrix)
        if not np.issubdtype(matrix.dtype, np.floating):
            matrix = matrix.astype(np.float32)
        same = matrix.shape == self.matrix.shape
        self.matrix = matrix
        if same:
            self._fresh = 0
        else:
            self._forget()

    def set_model(self, model) -> None:
        """Encode with ``model`` from now on (an Autoencoder).
        Codes of a model of the same architecture stay shown until their rows come up."""
        same = (
            self.model is not None
            and model.arch == self.model.arch
            and len(self.mean) == len(self.matrix)
        )
        self.model = model
        if same:
            self._fresh = 0
        else:
            self._forget()

    def encode_work(self) -> int:
        """Multiply-adds to encode every row once."""
        return len(self.matrix) * self._macs_per_row()

    def advance(self, seconds: float) -> int:
        """Encode rows with the current model for about ``seconds`` (at least one
        slice), continuing round-robin; returns how many rows were encoded."""
        n, done = len(self.matrix), 0
        start = time.perf_counter()
        while not self.complete:
            left = seconds - (time.perf_counter() - start)
            if done and left <= 0:
                break
            rows = int(
                min(n - self._cursor, n - self._fresh, max(MIN_SLICE_ROWS, left * self._rate()))
            )
            self._encode(self._cursor, self._cursor + rows)
            done += rows
            self._cursor = (self._cursor + rows) % n
        return done

    def _encode(self, first: int, last: int) -> None:
        began = time.perf_counter()
        mean, log_var = self.model.encode_distribution(self.matrix[first:last])
        self.mean[first:last] = mean
        if self.log_var is not None:
            self.log_var[first:last] = log_var
        elapsed = time.perf_counter() - began
        if elapsed > 1e-4:  # averaged: one slow slice (a kernel load) must not stick
            rate = (last - first) / elapsed
            previous = self._rows_per_second
            self._rows_per_second = rate if previous is None else (previous + rate) / 2
        self._fresh += last - first
        self.filled = max(self.filled, last)

    def _macs_per_row(self) -> int:
        arch = self.model.arch
        return sum(n_in * n_out for n_in, n_out in arch.layer_shapes[: arch.n_encoder_layers])

    def _rate(self) -> float:
        if self._rows_per_second is None:
            return ASSUMED_MACS_PER_SECOND / max(self._macs_per_row(), 1)
        return self._rows_per_second

    def _forget(self) -> None:
        n, m = len(self.matrix), self.model
        d = 2 if m is None else m.arch.latent_dim
        self.mean = np.zeros((n, d))
        self.log_var = np.zeros((n, d)) if m is not None and m.arch.kind == "vae" else None
        self.filled = self._cursor = self._fresh = 0
        self._rows_per_second = None
