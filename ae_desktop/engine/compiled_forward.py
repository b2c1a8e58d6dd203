"""The forward pass in compiled code: ``forward``, which training, the stop check, the
held-out loss and decoding all run, and ``forward_few_rows``, its per-row form for a
point or a handful (no buffers to set up).

``forward`` keeps activations transposed, (units, rows), in one flat buffer of blocks
(see ``activation_offsets``), so every inner loop runs over the rows. Parameters are a
flat ``theta`` laid out by a NetworkLayout table (or consecutive rows of one); a float32
``theta`` computes in float32.
"""

from __future__ import annotations

import math

import numpy as np

from ae_desktop.engine.compiled_layers import activate, dense, jit, view, weights
from ae_desktop.engine.layout import ACTIVATION, B_OFFSET, N_IN, N_OUT, PART, SAMPLED, W_OFFSET

BLOCK = 256  # rows per block when decoding many rows: the blocks stay in L1/L2 cache


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
def forward(theta, layout, acts, offsets, rows, draws, drop):
    """Run every layer of ``layout`` on the input in block 0 of ``acts``.

    A SAMPLED layer's input is mean + exp(log-variance / 2) * eps with eps the first
    rows of ``draws`` (units, rows), or the mean when ``draws`` has no rows. Where
    ``drop[i]`` >= 0, layer i's outputs are multiplied by the dropout scales in
    ``draws`` from that row (``drop`` may be empty: no dropout).
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
        dense(inp, w, b, out)
        if i == n - 1:
            view(acts, offsets[n + 1], n_out, rows)[:, :] = out
        activate(layout[i, ACTIVATION], out)
        if drop.shape[0] > 0 and drop[i] >= 0:
            scales = draws[drop[i]:drop[i] + n_out]
            for c in range(n_out):
                for r in range(rows):
                    out[c, r] *= scales[c, r]


@jit
def gather_transposed(src, start, count, perm, out):
    """out[:, r] = src[row r of the block at ``start``], rows in the order ``perm``
    (empty: in order)."""
    for r in range(count):
        row = perm[start + r] if perm.shape[0] > 0 else start + r
        for c in range(src.shape[1]):
            out[c, r] = src[row, c]


@jit
def forward_rows(theta, layout, x, out_t):
    """x (rows, n_in) -> out_t (n_out, rows), transposed, in blocks of BLOCK rows."""
    rows = x.shape[0]
    n = layout.shape[0]
    block = min(BLOCK, rows)
    offsets = activation_offsets(layout, block)
    acts = np.empty(offsets[n + 3], theta.dtype)
    no_drop = np.empty(0, dtype=np.int64)
    no_perm = np.empty(0, dtype=np.int64)
    for start in range(0, rows, block):
        m = min(block, rows - start)
        gather_transposed(x, start, m, no_perm, view(acts, 0, layout[0, N_IN], m))
        forward(theta, layout, acts, offsets, m, view(acts, 0, 0, m), no_drop)
        out_t[:, start:start + m] = view(acts, offsets[n], out_t.shape[0], m)


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
            b[:n_out] = theta[b_off:b_off + n_out]
            for j in range(n_in):
                aj, w = a[j], theta[w_off + j * n_out:w_off + (j + 1) * n_out]
                for k in range(n_out):
                    b[k] += aj * w[k]
            activate(layout[layer, ACTIVATION], b[:n_out])
            a, b = b, a
        out[r] = a[:out.shape[1]]
