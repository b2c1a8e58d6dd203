"""Numba inference: layers of a network on a batch of rows, and the training target check."""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.fast_forward import forward_few_rows, forward_row_blocks
from ae_desktop.engine.kernel_ops import _activate, _dense, _layer, _view, jit

FEW_ROWS = 16  # fewer rows than this: the per-row kernel (the blocks cost ~8 us to set up)
CHECK_ROWS = 1024


@jit
def max_wrong_pixels(theta, shapes, codes, w_off, b_off, n_enc, is_vae, glyphs):
    """The most wrong pixels (both sides thresholded at 0.5) of any reconstructed row of
    ``glyphs`` (n, P). A VAE decodes its mean. Rows go through in blocks of CHECK_ROWS,
    transposed into the kernels' layout: the check's memory does not grow with n."""
    n_layers, n, n_pixels = shapes.shape[0], glyphs.shape[0], glyphs.shape[1]
    block = min(n, CHECK_ROWS)
    xbuf = np.empty(n_pixels * block, theta.dtype)
    cbuf = np.empty(shapes[n_enc - 1, 1] * block, theta.dtype)
    obuf = np.empty(shapes[n_layers - 1, 1] * block, theta.dtype)
    most = 0
    for start in range(0, n, block):
        rows = min(block, n - start)
        x_t = _view(xbuf, 0, n_pixels, rows)
        for r in range(rows):
            for c in range(n_pixels):
                x_t[c, r] = glyphs[start + r, c]
        code = _view(cbuf, 0, shapes[n_enc - 1, 1], rows)
        forward_layers(theta, shapes, codes, w_off, b_off, 0, n_enc, x_t, code)
        out = _view(obuf, 0, shapes[n_layers - 1, 1], rows)
        forward_layers(theta, shapes, codes, w_off, b_off, n_enc, n_layers,
                       code[:shapes[n_enc, 0]] if is_vae else code, out)
        wrong = np.zeros(rows, dtype=np.int64)
        for c in range(out.shape[0]):
            for r in range(rows):
                if (out[c, r] >= 0.5) != (x_t[c, r] >= 0.5):
                    wrong[r] += 1
        most = max(most, wrong.max())
    return most


@jit
def forward_layers(theta, shapes, codes, w_off, b_off, first, last, x_t, out_t):
    """Inference through layers first..last-1 (no sampling), in the kernels' transposed
    layout: x_t (n_in, rows) -> out_t (n_out, rows)."""
    rows = x_t.shape[1]
    widest = 0
    for i in range(first, last - 1):
        widest = max(widest, shapes[i, 1])
    buf = np.empty(2 * rows * widest, theta.dtype)
    inp = x_t
    for index in range(first, last):
        w, b = _layer(theta, shapes, w_off, b_off, index)
        if index == last - 1:
            target = out_t
        else:
            target = _view(buf, rows * widest * ((index - first) % 2), shapes[index, 1], rows)
        _dense(inp, w, b, target)
        _activate(codes[index], target)
        inp = target


def run_layers(theta: np.ndarray, table: np.ndarray, x: np.ndarray,
               precision: str = "float64") -> np.ndarray:
    """Rows of ``x`` (n, n_in) float64 in C order through the layers of ``table`` (rows of
    ``Architecture.layer_table``) at float64 parameters ``theta``, computed in
    ``precision`` for many rows; a few rows are computed in float64 (as fast, and no
    float32 copy of the weights) and returned in ``precision``.

    Many rows come back as a transposed (Fortran-ordered) view of the block kernel's
    output: skipping a copy back to row order halves the time of decoding a latent map.
    """
    if x.shape[0] < FEW_ROWS:
        out = np.empty((x.shape[0], table[-1, 1]))
        forward_few_rows(theta, table, x, out)
        return out if precision == "float64" else out.astype(precision)
    theta = theta if precision == "float64" else theta.astype(precision)
    out_t = np.empty((table[-1, 1], x.shape[0]), theta.dtype)
    forward_row_blocks(theta, table, x, out_t)
    return out_t.T
