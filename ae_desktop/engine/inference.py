"""Numba inference: layers of a network on a batch of rows, and the training target check."""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.kernel_ops import _activate, _dense, _layer, _view, jit


@jit
def max_wrong_pixels(theta, shapes, codes, w_off, b_off, n_enc, is_vae, clean):
    """The most wrong pixels (both sides thresholded at 0.5) of any reconstructed row
    of ``clean`` (n, P); a VAE decodes its mean."""
    n_layers = shapes.shape[0]
    code = np.empty((clean.shape[0], shapes[n_enc - 1, 1]), theta.dtype)
    forward_layers(theta, shapes, codes, w_off, b_off, 0, n_enc, clean, code)
    if is_vae:
        code = np.ascontiguousarray(code[:, :shapes[n_enc, 0]])
    out = np.empty((clean.shape[0], shapes[n_layers - 1, 1]), theta.dtype)
    forward_layers(theta, shapes, codes, w_off, b_off, n_enc, n_layers, code, out)
    worst = 0
    for r in range(clean.shape[0]):
        wrong = 0
        for c in range(clean.shape[1]):
            if (out[r, c] >= 0.5) != (clean[r, c] >= 0.5):
                wrong += 1
        worst = max(worst, wrong)
    return worst


@jit
def forward_layers(theta, shapes, codes, w_off, b_off, first, last, x, out):
    """Inference through layers first..last-1 (no sampling); x (rows, n_in) -> out."""
    rows = x.shape[0]
    widest = shapes[first, 0]
    for i in range(first, last):
        widest = max(widest, shapes[i, 1])
    buf = np.empty(2 * rows * widest, theta.dtype)
    inp = _view(buf, 0, shapes[first, 0], rows)
    for r in range(rows):
        for c in range(x.shape[1]):
            inp[c, r] = x[r, c]
    half = rows * widest
    for index in range(first, last):
        w, b = _layer(theta, shapes, w_off, b_off, index)
        target = _view(buf, half * ((index - first + 1) % 2), shapes[index, 1], rows)
        _dense(inp, w, b, target)
        _activate(codes[index], target)
        inp = target
    for r in range(rows):
        for c in range(out.shape[1]):
            out[r, c] = inp[c, r]


def run_layers(theta: np.ndarray, arch, x: np.ndarray, first: int, last: int) -> np.ndarray:
    """Rows of ``x`` through layers ``first``..``last-1`` of ``arch``; a VAE's encoder
    output stays [mean, log-variance] and its decoder gets the rows as given."""
    shapes, codes, w_off, b_off = arch.kernel_layout
    out = np.empty((x.shape[0], arch.layer_shapes[last - 1][1]), theta.dtype)
    forward_layers(theta, shapes, codes, w_off, b_off, first, last, x, out)
    return out
