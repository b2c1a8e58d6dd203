"""Numba inference kernels that take a whole network as one table (few arguments, so
Numba's per-call dispatch stays short): one for a few rows, one for many.

``table`` is ``Architecture.layer_table`` (or a slice of its rows): per layer
[n_in, n_out, activation code, W offset, b offset] into the flat ``theta``. Inputs are
float64 rows; a float32 ``theta`` computes in float32.
"""

from __future__ import annotations

import numpy as np

from ae_desktop.engine.kernel_ops import _activate, jit

TILE = 4  # the block kernel updates 4 output units from 4 input units per pass
BLOCK = 256  # rows per block: two (units, BLOCK) buffers stay in L1/L2 cache
LANES = 16  # blocks of few rows are rounded up to whole SIMD vectors


@jit
def forward_few_rows(theta, table, x, out):
    """x (rows, n_in) -> out (rows, n_out) through the layers of ``table``, one row at a
    time with the units innermost: no set-up cost, for a point or a handful."""
    widest = x.shape[1]
    for i in range(table.shape[0]):
        widest = max(widest, table[i, 1])
    a = np.empty(widest, theta.dtype)
    b = np.empty(widest, theta.dtype)
    for r in range(x.shape[0]):
        for j in range(x.shape[1]):
            a[j] = x[r, j]
        for layer in range(table.shape[0]):
            n_in, n_out, code = table[layer, 0], table[layer, 1], table[layer, 2]
            w_off, b_off = table[layer, 3], table[layer, 4]
            b[:n_out] = theta[b_off:b_off + n_out]
            for j in range(n_in):
                aj, w = a[j], theta[w_off + j * n_out:w_off + (j + 1) * n_out]
                for k in range(n_out):
                    b[k] += aj * w[k]
            _activate(code, b[:n_out])
            a, b = b, a
        out[r] = a[:out.shape[1]]


@jit
def _padded(n):
    return (n + TILE - 1) // TILE * TILE


@jit
def _pack_tiles(theta, table):
    """Every layer's W transposed to (n_out, n_in), then its b, zero-padded to multiples
    of TILE in both directions, one layer after the other."""
    size = 0
    for i in range(table.shape[0]):
        size += _padded(table[i, 1]) * (_padded(table[i, 0]) + 1)
    packed = np.zeros(size, theta.dtype)
    pos = 0
    for i in range(table.shape[0]):
        n_in, n_out, w_off, b_off = table[i, 0], table[i, 1], table[i, 3], table[i, 4]
        width = _padded(n_in)
        for k in range(n_out):
            for j in range(n_in):
                packed[pos + k * width + j] = theta[w_off + j * n_out + k]
        pos += _padded(n_out) * width
        packed[pos:pos + n_out] = theta[b_off:b_off + n_out]
        pos += _padded(n_out)
    return packed


@jit
def _tile_pass(w, k, j, src, dst, m):
    """dst[k:k+4, :m] += w[k:k+4, j:j+4] @ src[j:j+4, :m]: 16 multiply-adds per row
    for 4 loads and 4 stores, vectorised over the rows."""
    c00, c01, c02, c03 = w[k, j], w[k, j + 1], w[k, j + 2], w[k, j + 3]
    c10, c11, c12, c13 = w[k + 1, j], w[k + 1, j + 1], w[k + 1, j + 2], w[k + 1, j + 3]
    c20, c21, c22, c23 = w[k + 2, j], w[k + 2, j + 1], w[k + 2, j + 2], w[k + 2, j + 3]
    c30, c31, c32, c33 = w[k + 3, j], w[k + 3, j + 1], w[k + 3, j + 2], w[k + 3, j + 3]
    for r in range(m):
        x0, x1, x2, x3 = src[j, r], src[j + 1, r], src[j + 2, r], src[j + 3, r]
        dst[k, r] += c00 * x0 + c01 * x1 + c02 * x2 + c03 * x3
        dst[k + 1, r] += c10 * x0 + c11 * x1 + c12 * x2 + c13 * x3
        dst[k + 2, r] += c20 * x0 + c21 * x1 + c22 * x2 + c23 * x3
        dst[k + 3, r] += c30 * x0 + c31 * x1 + c32 * x2 + c33 * x3


@jit
def forward_row_blocks(theta, table, x, out_t):
    """x (rows, n_in) -> out_t (n_out, rows), transposed, through the layers of ``table``.

    Blocks of rows go through every layer while their activations, stored (units, rows),
    stay in cache; padding rows and units to whole tiles keeps the inner loops branch-free
    (padding units get zero weights, so they add nothing).
    """
    rows, n_in = x.shape
    widest = _padded(n_in)
    for i in range(table.shape[0]):
        widest = max(widest, _padded(table[i, 1]))
    m = min(BLOCK, (rows + LANES - 1) // LANES * LANES)
    packed = _pack_tiles(theta, table)
    buffers = np.zeros((2, widest, m), theta.dtype)
    last = table.shape[0] - 1
    for r0 in range(0, rows, m):
        n = min(m, rows - r0)
        src = buffers[0]
        for j in range(n_in):
            for r in range(n):
                src[j, r] = x[r0 + r, j]
        src[n_in:_padded(n_in), :] = 0.0  # the last block's activations may be there
        pos = 0
        for layer in range(last + 1):
            code = table[layer, 2]
            width, height = _padded(table[layer, 0]), _padded(table[layer, 1])
            w = packed[pos:pos + height * width].reshape((height, width))
            pos += height * width
            dst = buffers[(layer + 1) % 2]
            for k in range(0, height, TILE):
                for a in range(TILE):
                    dst[k + a, :] = packed[pos + k + a]
                for j in range(0, width, TILE):
                    _tile_pass(w, k, j, src, dst, m)
                _activate(code, dst[k:k + TILE])
            pos += height
            src = dst
        for k in range(out_t.shape[0]):
            out_t[k, r0:r0 + n] = src[k, :n]
