"""Losses and wrong pixels of a network's outputs, in compiled code: the loss of a batch
(with its gradient at the outputs, for training), the training stop check and the
held-out loss. Both evaluations run ``forward`` on blocks of rows, so their memory does
not grow with the number of rows; a VAE decodes its mean.
"""

from __future__ import annotations

import math

import numpy as np

from ae_desktop.engine import compiled_math as fm
from ae_desktop.engine.activations import SIGMOID
from ae_desktop.engine.compiled_forward import activation_offsets, forward, gather_transposed
from ae_desktop.engine.compiled_layers import view
from ae_desktop.engine.jit_options import inner, jit
from ae_desktop.engine.layout import ACTIVATION, N_IN, PART, SAMPLED
from ae_desktop.engine.losses import BCE_CLIP, MSE
from ae_desktop.engine.metrics import PIXEL_THRESHOLD

# Rows per block of the stop check and of the held-out loss: not powers of two, as a
# block's transposed copy written with a stride of 1 or 4 KiB took 3-5x longer
CHECK_ROWS = 1000
BLOCK_ROWS = 250


@inner
def loss_delta(loss, fused, a, z, y, delta, scale):
    """Summed loss of outputs ``a`` (pre-activations ``z``) against ``y``; fills
    ``delta`` with dLoss/da (dLoss/dz when ``fused``: BCE on a sigmoid) times ``scale``."""
    total = 0.0
    n = a.shape[0]
    if loss == MSE:
        for i in range(n):
            diff = a[i] - y[i]
            total += diff * diff
            delta[i] = 2.0 * diff * scale
    elif fused:
        for i in range(n):
            zi = z[i]
            total += (
                (zi if zi > 0 else 0.0) + fm.log1p_unit(fm.exp_nonpositive(-abs(zi))) - y[i] * zi
            )
            delta[i] = (a[i] - y[i]) * scale
    else:
        for i in range(n):
            p = min(max(a[i], BCE_CLIP), 1.0 - BCE_CLIP)
            total -= y[i] * math.log(p) + (1.0 - y[i]) * math.log(1.0 - p)
            inside = BCE_CLIP < a[i] < 1.0 - BCE_CLIP
            delta[i] = (p - y[i]) / (p * (1.0 - p)) * scale if inside else 0.0
    return total


@inner
def fused_output(layout, loss):
    """Whether the loss is BCE on a sigmoid output: its gradient is taken at the logits."""
    return layout[layout.shape[0] - 1, ACTIVATION] == SIGMOID and loss != MSE


@inner
def count_wrong(out, target, errors):
    """errors[r] = pixels of column r that differ between ``out`` and ``target`` (units,
    rows) once both are thresholded at PIXEL_THRESHOLD."""
    errors[:] = 0
    for c in range(out.shape[0]):
        for r in range(out.shape[1]):
            if (out[c, r] >= PIXEL_THRESHOLD) != (target[c, r] >= PIXEL_THRESHOLD):
                errors[r] += 1


@jit
def stop_check(theta, layout, glyphs, errors, margins):
    """The training's stop check: errors[r] = wrong pixels of reconstructed row r of
    ``glyphs`` (n, P), rows going through in blocks of CHECK_ROWS; ``margins`` (2,) gets
    the smallest signed margin and the smallest margin of the right pixels (see
    metrics.pixel_margins); returns the most errors."""
    n, n_pixels = glyphs.shape
    n_layers = layout.shape[0]
    block = min(n, CHECK_ROWS)
    offsets = activation_offsets(layout, block)
    acts = np.empty(offsets[-1], theta.dtype)
    no_perm, no_draws = np.empty(0, np.int64), acts[:0].reshape((0, 1))
    margins[0] = margins[1] = PIXEL_THRESHOLD
    for start in range(0, n, block):
        rows = min(block, n - start)
        # the rows through the network, no sampling (no draws), no dropout
        gather_transposed(
            glyphs, start, rows, no_perm, view(acts, offsets[0], layout[0, N_IN], rows)
        )
        forward(theta, layout, acts, offsets, rows, no_draws, no_perm, None)
        out = view(acts, offsets[n_layers], n_pixels, rows)
        target = view(acts, offsets[0], n_pixels, rows)
        count_wrong(out, target, errors[start : start + rows])
        _min_margins(out, target, margins)
    most = 0
    for count in errors:  # a loop: errors.max() compiles for most of a second
        most = max(most, count)
    return most


@inner
def _min_margins(out, target, margins):
    """Lower ``margins`` [signed, right pixels only] by the pixels of ``out``: the most
    wrong and the least right margin of each column first, in arrays, so that the loop
    over the pixels has no branch and no carried minimum and LLVM vectorises it (14x
    faster than updating ``margins`` pixel by pixel)."""
    rows = out.shape[1]
    most_wrong = np.empty(rows, margins.dtype)
    least_right = np.empty(rows, margins.dtype)
    for r in range(rows):  # a loop: np.full compiles for a tenth of a second more
        most_wrong[r] = -1.0  # no wrong pixel in the column
        least_right[r] = math.inf
    for c in range(out.shape[0]):
        o, t = out[c], target[c]
        for r in range(rows):
            margin = abs(o[r] - PIXEL_THRESHOLD)
            wrong = (o[r] >= PIXEL_THRESHOLD) != (t[r] >= PIXEL_THRESHOLD)
            w = margin if wrong else -1.0
            most_wrong[r] = w if w > most_wrong[r] else most_wrong[r]
            q = math.inf if wrong else margin
            least_right[r] = q if q < least_right[r] else least_right[r]
    for r in range(rows):
        signed = -most_wrong[r] if most_wrong[r] >= 0 else least_right[r]
        margins[0] = min(margins[0], signed)
        margins[1] = min(margins[1], least_right[r])


@jit
def held_out_loss(theta, layout, loss, beta, x, errors, parts):
    """Loss of reconstructing the rows of ``x`` (n, P) from themselves, without
    training's randomness (see held_out.py). ``parts`` (3,) gets the mean [total,
    reconstruction, kl] per row, ``errors`` (n,) the wrong pixels of each row."""
    n, n_pixels = x.shape
    n_layers = layout.shape[0]
    block = min(n, BLOCK_ROWS)
    offsets = activation_offsets(layout, block)
    acts = np.empty(offsets[-1], theta.dtype)
    no_perm, no_draws = np.empty(0, np.int64), acts[:0].reshape((0, 1))
    unused_delta = np.empty(n_pixels * block, theta.dtype)
    fused = fused_output(layout, loss)
    recon, kl = 0.0, 0.0
    for start in range(0, n, block):
        rows = min(block, n - start)
        # the rows through the network, no sampling (no draws), no dropout
        gather_transposed(x, start, rows, no_perm, view(acts, offsets[0], layout[0, N_IN], rows))
        forward(theta, layout, acts, offsets, rows, no_draws, no_perm, None)
        for i in range(n_layers):
            if layout[i, PART] == SAMPLED:  # the code before it: [mean; log-variance]
                latent = layout[i, N_IN]
                code = view(acts, offsets[i], 2 * latent, rows)
                for c in range(latent):
                    for r in range(rows):
                        mean, logvar = code[c, r], code[latent + c, r]
                        kl += -0.5 * (1.0 + logvar - mean * mean - math.exp(logvar))
        xt = view(acts, offsets[0], n_pixels, rows)
        a = view(acts, offsets[n_layers], n_pixels, rows)
        z = view(acts, offsets[n_layers + 1], n_pixels, rows)
        recon += loss_delta(
            loss,
            fused,
            a.reshape(a.size),
            z.reshape(z.size),
            xt.reshape(xt.size),
            unused_delta[: rows * n_pixels],
            1.0,
        )
        count_wrong(a, xt, errors[start : start + rows])
    parts[1] = recon / n
    parts[2] = kl / n
    parts[0] = parts[1] + beta * parts[2]
