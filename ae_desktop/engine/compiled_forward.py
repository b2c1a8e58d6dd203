"""The forward pass in compiled code: ``forward``, which training, the stop check and
the held-out loss run, and its two forms for decoding: ``forward_few_rows`` (a point or
a handful, no set-up) and ``forward_row_blocks`` (latent maps: weights packed in 4x4
tiles, faster than ``forward`` there: benchmarks/bench_engine.py 3b).

``forward`` keeps activations transposed, (units, rows), in one flat buffer of blocks
(see ``activation_offsets``), so every inner loop runs over the rows. Parameters are a
flat ``theta`` laid out by a NetworkLayout table (or consecutive rows of one); a float32
``theta`` computes in float32.
"""

from __future__ import annotations

import math

import numpy as np

from ae_desktop.engine.compiled_layers import activate, copy_into, dense, view, weights
from ae_desktop.engine.jit_options import inner, jit
from ae_desktop.engine.layout import ACTIVATION, B_OFFSET, N_IN, N_OUT, PART, SAMPLED, W_OFFSET

TILE = 4  # the block form updates 4 output units from 4 input units per pass
BLOCK = 256  # rows per block: two (units, BLOCK) buffers stay in L1/L2 cache
LANES = 16  # blocks of few rows are rounded up to whole SIMD vectors


@jit
def activation_offsets(layout, rows):
    """Starts of the blocks of a forward buffer for up to ``rows`` rows, and its size
    (last): block 0 the input, block i + 1 the output of layer i, then the last layer's
    pre-activation, then the sampled input of a SAMPLED layer. Each block holds a
    (units, rows') view for any rows' <= rows."""
    n = layout.shape[0]
    offsets = np.empty(n + 4, dtype=np.int64)
    offsets[0] = 0
    offsets[1] = rows * layout[0, N_IN]
    sampled = 0
    for i in range(n):
        offsets[i + 2] = offsets[i + 1] + rows * layout[i, N_OUT]
        if layout[i, PART] == SAMPLED:
            sampled = layout[i, N_IN]
    offsets[n + 2] = offsets[n + 1] + rows * layout[n - 1, N_OUT]
    offsets[n + 3] = offsets[n + 2] + rows * sampled
    return offsets


@jit
def forward(theta, layout, acts, offsets, rows, draws, drop, parallel):
    """Run every layer of ``layout`` on the input in block 0 of ``acts``.

    A SAMPLED layer's input is mean + exp(log-variance / 2) * eps with eps the first
    rows of ``draws`` (units, rows), or the mean when ``draws`` has no rows. Where
    ``drop[i]`` >= 0, layer i's outputs are multiplied by the dropout scales in
    ``draws`` from that row (``drop`` may be empty: no dropout). ``parallel``
    (None or THREADED): how wide products run their blocks (compiled_layers.product).
    """
    n = layout.shape[0]
    for i in range(n):
        w, b = weights(theta, layout, i)
        n_in, n_out = layout[i, N_IN], layout[i, N_OUT]
        if layout[i, PART] == SAMPLED and draws.shape[0] > 0:
            h = view(acts, offsets[i], 2 * n_in, rows)
            inp = view(acts, offsets[n + 2], n_in, rows)
            for c in range(n_in):
                for r in range(rows):
                    inp[c, r] = h[c, r] + math.exp(0.5 * h[n_in + c, r]) * draws[c, r]
        else:
            inp = view(acts, offsets[i], n_in, rows)
        out = view(acts, offsets[i + 1], n_out, rows)
        dense(inp, w, b, out, parallel)
        if i == n - 1:
            copy_into(out.reshape(out.size), acts[offsets[n + 1] : offsets[n + 1] + out.size])
        activate(layout[i, ACTIVATION], out)
        if drop.shape[0] > 0 and drop[i] >= 0:
            scales = draws[drop[i] : drop[i] + n_out]
            for c in range(n_out):
                for r in range(rows):
                    out[c, r] *= scales[c, r]


@inner
def gather_transposed(src, start, count, perm, out):
    """out[:, r] = src[row r of the block at ``start``], rows in the order ``perm``
    (empty: in order)."""
    for r in range(count):
        row = perm[start + r] if perm.shape[0] > 0 else start + r
        for c in range(src.shape[1]):
            out[c, r] = src[row, c]


@jit
def forward_few_rows(theta, layout, x, out):
    """x (rows, n_in) -> out (rows, n_out) one row at a time with the units innermost:
    no set-up cost, for a point or a handful. A SAMPLED layer reads the mean."""
    widest = x.shape[1]
    for i in range(layout.shape[0]):
        widest = max(widest, layout[i, N_OUT])
    a = np.empty(widest, theta.dtype)
    b = np.empty(widest, theta.dtype)
    for r in range(x.shape[0]):
        for j in range(x.shape[1]):
            a[j] = x[r, j]
        for layer in range(layout.shape[0]):
            n_in, n_out = layout[layer, N_IN], layout[layer, N_OUT]
            w_off, b_off = layout[layer, W_OFFSET], layout[layer, B_OFFSET]
            copy_into(theta[b_off : b_off + n_out], b[:n_out])
            for j in range(n_in):
                aj, w = a[j], theta[w_off + j * n_out : w_off + (j + 1) * n_out]
                for k in range(n_out):
                    b[k] += aj * w[k]
            activate(layout[layer, ACTIVATION], b[:n_out])
            a, b = b, a
        copy_into(a[: out.shape[1]], out[r])


@inner
def _padded(n):
    return (n + TILE - 1) // TILE * TILE


@inner
def _pack_tiles(theta, layout):
    """Every layer's W transposed to (n_out, n_in), then its b, zero-padded to multiples
    of TILE in both directions, one layer after the other."""
    size = 0
    for i in range(layout.shape[0]):
        size += _padded(layout[i, N_OUT]) * (_padded(layout[i, N_IN]) + 1)
    packed = np.zeros(size, theta.dtype)
    pos = 0
    for i in range(layout.shape[0]):
        n_in, n_out = layout[i, N_IN], layout[i, N_OUT]
        w_off, b_off = layout[i, W_OFFSET], layout[i, B_OFFSET]
        width = _padded(n_in)
        for k in range(n_out):
            for j in range(n_in):
                packed[pos + k * width + j] = theta[w_off + j * n_out + k]
        pos += _padded(n_out) * width
        copy_into(theta[b_off : b_off + n_out], packed[pos : pos + n_out])
        pos += _padded(n_out)
    return packed


@inner
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
def forward_row_blocks(theta, layout, x, out_t):
    """x (rows, n_in) -> out_t (n_out, rows), transposed, through the layers of ``layout``
    (the encoder's or the decoder's rows): the form of ``forward`` for many rows to decode.

    Blocks of rows go through every layer while their activations, stored (units, rows),
    stay in cache; padding rows and units to whole tiles keeps the inner loops branch-free
    (padding units get zero weights, so they add nothing).
    """
    rows, n_in = x.shape
    widest = _padded(n_in)
    for i in range(layout.shape[0]):
        widest = max(widest, _padded(layout[i, N_OUT]))
    m = min(BLOCK, (rows + LANES - 1) // LANES * LANES)
    packed = _pack_tiles(theta, layout)
    buffers = np.zeros((2, widest, m), theta.dtype)
    last = layout.shape[0] - 1
    for r0 in range(0, rows, m):
        n = min(m, rows - r0)
        src = buffers[0]
        for j in range(n_in):
            for r in range(n):
                src[j, r] = x[r0 + r, j]
        src[n_in : _padded(n_in), :] = 0.0  # the last block's activations may be there
        pos = 0
        for layer in range(last + 1):
            code = layout[layer, ACTIVATION]
            width, height = _padded(layout[layer, N_IN]), _padded(layout[layer, N_OUT])
            w = packed[pos : pos + height * width].reshape((height, width))
            pos += height * width
            dst = buffers[(layer + 1) % 2]
            for k in range(0, height, TILE):
                for a in range(TILE):
                    dst[k + a, :] = packed[pos + k + a]
                for j in range(0, width, TILE):
                    _tile_pass(w, k, j, src, dst, m)
                activate(code, dst[k : k + TILE])
            pos += height
            src = dst
        for k in range(out_t.shape[0]):
            copy_into(src[k, :n], out_t[k, r0 : r0 + n])
