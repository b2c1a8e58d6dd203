"""The held-out test split: which rows a run never trains on, and their loss.

The loss is a loss-only forward pass in compiled code, in blocks of rows so that its
buffers stay small whatever the number of test rows. It is the training loss without
training's randomness: clean inputs reconstructing themselves (a denoising model gets no
noise), no dropout, and a VAE decodes its latent mean (its KL term is exact), so the
test curve does not depend on when reports happen.
"""

from __future__ import annotations

import math

import numpy as np

from ae_desktop.engine.activations import SIGMOID
from ae_desktop.engine.architecture import Architecture
from ae_desktop.engine.config import ConfigError
from ae_desktop.engine.inference import forward_layers
from ae_desktop.engine.kernel_ops import _activate, _dense, _layer, _view, jit
from ae_desktop.engine.kernels import _gather_transposed, _loss_delta
from ae_desktop.engine.losses import MSE, loss_code
from ae_desktop.engine.metrics import learned_count

BLOCK_ROWS = 256


def split_rows(n: int, fraction: float, rng: np.random.Generator) -> tuple[np.ndarray,
                                                                           np.ndarray]:
    """(training rows, test rows), each sorted: ceil(fraction * n) rows drawn for the test
    set, at least one row left for training. ``fraction`` 0 draws nothing from ``rng``."""
    n_test = math.ceil(fraction * n - 1e-9) if fraction > 0 else 0
    if n_test >= n:
        raise ConfigError(f"a test fraction of {fraction:g} of {n} glyphs leaves no glyph "
                          "to train on")
    if n_test == 0:
        return np.arange(n), np.zeros(0, dtype=np.int64)
    order = rng.permutation(n)
    return np.sort(order[n_test:]), np.sort(order[:n_test])


@jit
def held_out_loss(theta, shapes, codes, w_off, b_off, n_enc, is_vae, loss, beta, x, errors,
                  parts):
    """Loss of reconstructing the rows of ``x`` (n, P) from themselves (see the module).

    ``parts`` (3,) gets the mean [total, reconstruction, kl] per row, ``errors`` (n,) the
    wrong pixels of each row (both sides thresholded at 0.5).
    """
    n, n_pixels = x.shape
    n_layers = shapes.shape[0]
    block = min(n, BLOCK_ROWS)
    latent = shapes[n_enc, 0]
    n_code, n_hidden = shapes[n_enc - 1, 1], shapes[n_layers - 1, 0]
    xbuf = np.empty(n_pixels * block, theta.dtype)
    cbuf = np.empty(n_code * block, theta.dtype)
    hbuf = np.empty(n_hidden * block, theta.dtype)
    zbuf = np.empty(n_pixels * block, theta.dtype)
    abuf = np.empty(n_pixels * block, theta.dtype)
    unused_delta = np.empty(n_pixels * block, theta.dtype)
    no_perms = np.zeros((0, 0), dtype=np.int64)
    fused = codes[n_layers - 1] == SIGMOID and loss != MSE
    w_out, b_out = _layer(theta, shapes, w_off, b_off, n_layers - 1)
    recon, kl = 0.0, 0.0
    for start in range(0, n, block):
        rows = min(block, n - start)
        xt = _view(xbuf, 0, n_pixels, rows)
        _gather_transposed(x, start, rows, no_perms, 0, xt)
        forward_layers(theta, shapes, codes, w_off, b_off, 0, n_enc, xt,
                       _view(cbuf, 0, n_code, rows))
        mean = _view(cbuf, 0, latent, rows)  # a VAE's code is [mean; log-variance]
        if is_vae:
            logvar = _view(cbuf, latent * rows, latent, rows)
            for c in range(latent):
                for r in range(rows):
                    kl += -0.5 * (1.0 + logvar[c, r] - mean[c, r] * mean[c, r]
                                  - math.exp(logvar[c, r]))
        hidden = mean
        if n_layers - 1 > n_enc:
            hidden = _view(hbuf, 0, n_hidden, rows)
            forward_layers(theta, shapes, codes, w_off, b_off, n_enc, n_layers - 1, mean,
                           hidden)
        z = _view(zbuf, 0, n_pixels, rows)
        _dense(hidden, w_out, b_out, z)
        a = _view(abuf, 0, n_pixels, rows)
        a[:, :] = z
        _activate(codes[n_layers - 1], a)
        recon += _loss_delta(loss, fused, a.reshape(a.size), z.reshape(z.size),
                             xt.reshape(xt.size), unused_delta[:rows * n_pixels], 1.0)
        for r in range(rows):
            errors[start + r] = 0
        for c in range(n_pixels):
            for r in range(rows):
                if (a[c, r] >= 0.5) != (xt[c, r] >= 0.5):
                    errors[start + r] += 1
    parts[1] = recon / n
    parts[2] = kl / n
    parts[0] = parts[1] + beta * parts[2]


class HeldOutSet:
    """The test rows of a run, ``data`` (n, P), evaluated in ``precision`` arithmetic."""

    def __init__(self, data: np.ndarray, arch: Architecture, loss: str, beta: float,
                 precision: str = "float64"):
        self.data = np.ascontiguousarray(data, dtype=precision)
        self.arch, self.loss, self.beta = arch, loss_code(loss), beta
        self.errors = np.zeros(len(data), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.data)

    def evaluate(self, theta: np.ndarray) -> np.ndarray:
        """Mean [total, reconstruction, kl] loss at ``theta``; updates ``errors``."""
        parts = np.zeros(3)
        shapes, codes, w_off, b_off = self.arch.kernel_layout
        held_out_loss(theta.astype(self.data.dtype, copy=False), shapes, codes, w_off, b_off,
                      self.arch.n_encoder_layers, self.arch.kind == "vae", self.loss,
                      self.beta, self.data, self.errors, parts)
        return parts

    def learned(self) -> int:
        """Test rows within LEARNED_MAX_ERRORS wrong pixels at the last evaluation."""
        return learned_count(self.errors)
